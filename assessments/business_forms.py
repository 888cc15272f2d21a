"""The optional operational KPIs and size figures form (see assessments.business_kpis)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.answers import UNKNOWN
from assessments.business_kpis import KPIS
from maturity.i18n import pick


class BusinessFiguresForm(forms.Form):
    """One input per KPI, each optional; "不清楚" is a valid answer, and so is leaving it blank."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi_rows = []
        for kpi in KPIS:
            unit = pick(kpi.unit)
            label = pick(kpi.name)
            if unit:
                label = _("%(name)s(%(unit)s)") % {"name": label, "unit": unit}
            if kpi.kind == "choice":
                self.fields[kpi.code] = forms.ChoiceField(
                    label=label,
                    help_text=pick(kpi.help),
                    required=False,
                    choices=[
                        ("", "—"),
                        *((code, pick(text)) for code, text in kpi.options),
                        (UNKNOWN, _("不清楚")),
                    ],
                )
                self.kpi_rows.append((kpi, kpi.code, None))
                continue
            self.fields[kpi.code] = forms.DecimalField(
                label=label,
                help_text=pick(kpi.help),
                required=False,
                min_value=Decimal(str(kpi.min)) if kpi.min is not None else None,
                max_value=Decimal(str(kpi.max)) if kpi.max is not None else None,
                max_digits=12,
                decimal_places=2,
            )
            unknown = f"{kpi.code}__unknown"
            self.fields[unknown] = forms.BooleanField(label=_("不清楚"), required=False)
            self.kpi_rows.append((kpi, kpi.code, unknown))

    @classmethod
    def initial_from(cls, stored: dict) -> dict:
        initial = {}
        for kpi in KPIS:
            value = (stored or {}).get(kpi.code)
            if value is None:
                continue
            if value == UNKNOWN and kpi.kind != "choice":
                initial[f"{kpi.code}__unknown"] = True
            else:
                initial[kpi.code] = value
        return initial

    def rows(self):
        return [
            (kpi, self[code], self[unknown] if unknown else None)
            for kpi, code, unknown in self.kpi_rows
        ]

    def clean(self):
        cleaned = super().clean()
        for _kpi, code, unknown in self.kpi_rows:
            if unknown and cleaned.get(unknown) and cleaned.get(code) is not None:
                self.add_error(code, _("请填写数值,或勾选“不清楚”,二者只能选其一。"))
        return cleaned

    def figures(self) -> dict:
        """{code: number or "unknown"}; blank fields are left out."""
        stored = {}
        for _kpi, code, unknown in self.kpi_rows:
            value = self.cleaned_data.get(code)
            if unknown is None:
                if value:
                    stored[code] = value
            elif self.cleaned_data.get(unknown):
                stored[code] = UNKNOWN
            elif value is not None:
                stored[code] = int(value) if value == value.to_integral_value() else float(value)
        return stored
