"""The questionnaire's forms, built from the model version the assessment is answered against.

Forms only validate and convert; saving goes through `assessments.questionnaire.services`. Each form
takes the stored answers as `initial` and returns the values to store in `answers()`."""

import hashlib
from decimal import Decimal

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.answers import NO, UNKNOWN, YES
from assessments.forms import LevelChoiceField, NoFormTagHelper, level_choices
from maturity.i18n import pick
from maturity.models import MetricType
from maturity.selectors import ModelContent, model_content


def interleaved_checklist(content: ModelContent) -> list:
    """A fixed order that mixes the levels, so the position of an item says nothing about its level.

    The order is a hash of the codes: stable across requests, versions and processes.
    """
    return sorted(
        content.checklist, key=lambda item: hashlib.sha256(item.code.encode()).hexdigest()
    )


def _number(value) -> str:
    return f"{value:g}"


class StepFormMixin:
    """What the questionnaire page needs from each step's form besides validation: the items
    still unanswered, a plain message for each, and an error summary that links to the fields."""

    # True when every message of the form already names its field ("工单电子化率须在 0–100 之间").
    messages_name_the_field = False

    def missing(self) -> list[str]:
        """Names of the fields a step needs before moving on (none by default)."""
        return []

    def unanswered_message(self, name: str) -> str:
        return _("请填写“%(label)s”。") % {"label": self.fields[name].label}

    def mark_missing(self, names) -> None:
        for name in names:
            self.add_error(name, self.unanswered_message(name))

    def anchor_for(self, name: str) -> str:
        """The id of the control a link to this field should land on (the first of a group)."""
        bound = self[name]
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor id or "", message) of every error, in the order the fields are shown."""
        items = [("", str(error)) for error in self.non_field_errors()]
        for name in self.fields:
            for error in self.errors.get(name, ()):
                label = str(self.fields[name].label or "")
                text = str(error)
                if label and not self.messages_name_the_field and label not in text:
                    text = _("%(label)s:%(message)s") % {"label": label, "message": text}
                items.append((self.anchor_for(name), text))
        return items

    def unanswered_summary(self, codes) -> list[tuple[str, str]]:
        return [(self.anchor_for(code), self.unanswered_message(code)) for code in codes]


class ChecklistForm(StepFormMixin, forms.Form):
    checklist = forms.MultipleChoiceField(
        label=_("请根据你企业的实际情况,勾选符合的描述"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("勾选的某一项已不在清单中,请刷新页面后重新勾选。"),
            "invalid_list": _("勾选的某一项已不在清单中,请刷新页面后重新勾选。"),
        },
    )

    def __init__(self, *args, content: ModelContent, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.fields["checklist"].choices = [
            (item.code, item.text) for item in interleaved_checklist(content)
        ]
        self.helper = NoFormTagHelper()

    def answers(self) -> dict:
        ticked = set(self.cleaned_data["checklist"])
        # Stored in seed order whatever order they were shown or posted in.
        return {"checklist": [item.code for item in self.content.checklist if item.code in ticked]}


def _number_to_json(value: Decimal, metric) -> float | int:
    if metric.type == MetricType.COUNT:
        return int(value)
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def _number_messages(name, metric, decimal_places: int) -> dict:
    """Plain messages that name the metric ("工单电子化率须在 0–100 之间")."""
    low, high = metric.min_value, metric.max_value
    values = {"name": name}
    if low is not None and high is not None:
        values.update(min=_number(low), max=_number(high))
        out_of_range = _("%(name)s须在 %(min)s–%(max)s 之间") % values
    elif low is not None:
        out_of_range = _("%(name)s不能小于 %(min)s") % {**values, "min": _number(low)}
    else:
        out_of_range = _("%(name)s不能大于 %(max)s") % {**values, "max": _number(high)}
    if decimal_places == 0:
        places = _("%(name)s须为整数") % values
    else:
        places = _("%(name)s最多保留 %(places)d 位小数") % {**values, "places": decimal_places}
    return {
        "invalid": _("%(name)s须填写数字") % values,
        "min_value": out_of_range,
        "max_value": out_of_range,
        "max_digits": _("%(name)s的数值过大") % values,
        "max_decimal_places": places,
        "max_whole_digits": _("%(name)s的数值过大") % values,
    }


class IndicatorsForm(StepFormMixin, forms.Form):
    """One input per metric; "不清楚" is an explicit, valid answer."""

    messages_name_the_field = True

    def __init__(self, *args, content: ModelContent, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.helper = NoFormTagHelper()
        self.metric_rows = []
        for metric in content.metrics:
            label = metric.name
            if metric.unit:  # "纸质工单占比(%)" / "Share of paper work orders (%)"
                label = _("%(name)s(%(unit)s)") % {"name": metric.name, "unit": metric.unit}
            if metric.type == MetricType.BOOLEAN:
                self.fields[metric.code] = forms.ChoiceField(
                    label=label,
                    help_text=metric.help,
                    required=False,
                    choices=[(YES, _("是")), (NO, _("否")), (UNKNOWN, _("不清楚"))],
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": self._choose_message(metric.name)},
                )
                self.metric_rows.append((metric, metric.code, None))
                continue
            if metric.type == MetricType.CHOICE:
                self.fields[metric.code] = forms.ChoiceField(
                    label=label,
                    help_text=metric.help,
                    required=False,
                    choices=[
                        *((option["code"], pick(option["label"])) for option in metric.options),
                        (UNKNOWN, _("不清楚")),
                    ],
                    widget=forms.RadioSelect,
                )
                self.metric_rows.append((metric, metric.code, None))
                continue
            decimal_places = 0 if metric.type == MetricType.COUNT else 2
            self.fields[metric.code] = forms.DecimalField(
                label=label,
                help_text=metric.help,
                required=False,
                min_value=Decimal(str(metric.min_value)) if metric.min_value is not None else None,
                max_value=Decimal(str(metric.max_value)) if metric.max_value is not None else None,
                max_digits=12,
                decimal_places=decimal_places,
                error_messages=_number_messages(metric.name, metric, decimal_places),
                widget=forms.NumberInput(
                    attrs={"step": "1" if decimal_places == 0 else "any", "inputmode": "decimal"}
                ),
            )
            unknown_name = f"{metric.code}__unknown"
            self.fields[unknown_name] = forms.BooleanField(label=_("不清楚"), required=False)
            self.metric_rows.append((metric, metric.code, unknown_name))

    @staticmethod
    def _choose_message(name) -> str:
        return _("请为“%(name)s”选择“是”“否”或“不清楚”。") % {"name": name}

    def unanswered_message(self, name: str) -> str:
        metric = self.content.metrics_by_code[name]
        if metric.type == MetricType.BOOLEAN:
            return self._choose_message(metric.name)
        return _("请填写“%(name)s”,或勾选“不清楚”。") % {"name": metric.name}

    @classmethod
    def initial_from(cls, stored: dict, content: ModelContent) -> dict:
        initial = {}
        for metric in content.metrics:
            if metric.code not in stored:
                continue
            value = stored[metric.code]
            if value == UNKNOWN:
                if metric.type in (MetricType.BOOLEAN, MetricType.CHOICE):
                    initial[metric.code] = UNKNOWN
                else:
                    initial[f"{metric.code}__unknown"] = True
            elif metric.type == MetricType.BOOLEAN:
                initial[metric.code] = YES if value else NO
            else:  # numbers, and choice codes as they are
                initial[metric.code] = value
        return initial

    def rows(self):
        """(metric, bound value field, bound unknown field or None) for the template."""
        return [
            (metric, self[code], self[unknown] if unknown else None)
            for metric, code, unknown in self.metric_rows
        ]

    def answers(self) -> dict:
        stored = {}
        for metric, code, unknown_name in self.metric_rows:
            value = self.cleaned_data.get(code)
            if unknown_name is None:
                if metric.type == MetricType.CHOICE and value:
                    stored[code] = value  # an option's code, or "unknown"
                elif value in (YES, NO):
                    stored[code] = value == YES
                elif value == UNKNOWN:
                    stored[code] = UNKNOWN
                continue
            if self.cleaned_data.get(unknown_name):
                stored[code] = UNKNOWN
            elif value is not None:
                stored[code] = _number_to_json(value, metric)
        return {"indicators": stored}

    def clean(self):
        cleaned = super().clean()
        for metric, code, unknown_name in self.metric_rows:
            if unknown_name and cleaned.get(unknown_name) and cleaned.get(code) is not None:
                self.add_error(
                    code,
                    _("%(name)s:请填写数值,或勾选“不清楚”,二者只能选其一。")
                    % {"name": metric.name},
                )
        return cleaned

    def missing(self) -> list[str]:
        """Metrics with neither a value nor "不清楚" (allowed in a draft, not when moving on)."""
        answered = self.answers()["indicators"]
        return [
            metric.code
            for metric, _code, _unknown in self.metric_rows
            if metric.code not in answered
        ]


class DimensionsForm(StepFormMixin, forms.Form):
    messages_name_the_field = True

    def __init__(self, *args, content: ModelContent, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.helper = NoFormTagHelper()
        for dimension in content.self_assessed_dimensions:
            self.fields[dimension.code] = forms.TypedChoiceField(
                label=dimension.name,
                required=False,
                coerce=int,
                empty_value=None,
                error_messages={"invalid_choice": self._choose_message(dimension.name)},
                choices=[
                    (number, cell or _("—(对照表此格为空:尚无系统)"))
                    for number, cell in enumerate(dimension.cells, start=1)
                ],
                widget=forms.RadioSelect,
            )

    @staticmethod
    def _choose_message(name) -> str:
        # No "不清楚" here: every dimension has a description for each level to pick from.
        return _("请为“%(name)s”选择一项最符合的描述。") % {"name": name}

    def unanswered_message(self, name: str) -> str:
        return self._choose_message(self.fields[name].label)

    def answers(self) -> dict:
        return {
            "dimensions": {
                code: value for code, value in self.cleaned_data.items() if value is not None
            }
        }

    def missing(self) -> list[str]:
        return [code for code, value in self.cleaned_data.items() if value is None]


def target_year_choices():
    this_year = timezone.localdate().year
    return [("", "---------")] + [(year, str(year)) for year in range(this_year, this_year + 16)]


# Django fills in limit_value when the message is shown (in the reader's language).
TEXT_LIMIT = {"max_length": _("最多 %(limit_value)d 个字,请删减后再保存。")}


class GoalsForm(StepFormMixin, forms.Form):
    """Goals and homework: all optional, never needed to see the diagnosis."""

    target_level = LevelChoiceField(label=_("目标段位"))
    target_year = forms.TypedChoiceField(
        label=_("计划达成年份"), required=False, coerce=int, empty_value=None
    )
    pain_point_1 = forms.CharField(
        label=_("痛点 1"), max_length=200, required=False, error_messages=TEXT_LIMIT
    )
    pain_point_2 = forms.CharField(
        label=_("痛点 2"), max_length=200, required=False, error_messages=TEXT_LIMIT
    )
    pain_point_3 = forms.CharField(
        label=_("痛点 3"), max_length=200, required=False, error_messages=TEXT_LIMIT
    )
    next_problem_1 = forms.CharField(
        label=_("问题 1"), max_length=200, required=False, error_messages=TEXT_LIMIT
    )
    next_problem_2 = forms.CharField(
        label=_("问题 2"), max_length=200, required=False, error_messages=TEXT_LIMIT
    )
    next_problem_3 = forms.CharField(
        label=_("问题 3"), max_length=200, required=False, error_messages=TEXT_LIMIT
    )
    benchmark_company = forms.CharField(
        label=_("研究的标杆企业"), max_length=100, required=False, error_messages=TEXT_LIMIT
    )
    benchmark_level = LevelChoiceField(label=_("它所在的段位"))
    benchmark_learnings = forms.CharField(
        label=_("有哪些可借鉴之处"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=TEXT_LIMIT,
    )

    def __init__(self, *args, content: ModelContent | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_year"].choices = target_year_choices()
        # The levels of the assessment's model version (the current one without it).
        levels = BLANK_CHOICE_DASH + level_choices(content or model_content())
        self.fields["target_level"].choices = levels
        self.fields["benchmark_level"].choices = levels
        self.helper = NoFormTagHelper()

    def answers(self) -> dict:
        return dict(self.cleaned_data)


STEP_FORMS = {1: ChecklistForm, 2: IndicatorsForm, 3: DimensionsForm, 4: GoalsForm}
