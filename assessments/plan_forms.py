"""Forms of the action-plan pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import ActionStatus


class DateInput(forms.DateInput):
    input_type = "date"


class PlanActionForm(forms.Form):
    """The editable fields of one action (a free action's title too)."""

    title = forms.CharField(label=_("行动"), max_length=200, required=False)
    owner_name = forms.CharField(label=_("负责人"), max_length=100, required=False)
    due_date = forms.DateField(label=_("截止日期"), required=False, widget=DateInput)
    status = forms.ChoiceField(label=_("状态"), choices=ActionStatus.choices)
    notes = forms.CharField(
        label=_("备注"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AddActionForm(forms.Form):
    """Add an initiative of the library, or an action written freely (one of the two)."""

    initiative = forms.ChoiceField(label=_("从举措库添加"), required=False)
    title = forms.CharField(label=_("或自己写一项行动"), max_length=200, required=False)
    owner_name = forms.CharField(label=_("负责人"), max_length=100, required=False)
    due_date = forms.DateField(label=_("截止日期"), required=False, widget=DateInput)

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.initiatives = {i.code: i for i in initiatives}
        self.fields["initiative"].choices = [("", "—")] + [
            (i.code, f"{i.code} {i.title}") for i in initiatives
        ]

    def clean(self):
        data = super().clean()
        if bool(data.get("initiative")) == bool((data.get("title") or "").strip()):
            raise forms.ValidationError(_("请从举措库选择一项,或自己写一项行动(二选一)。"))
        data["initiative"] = self.initiatives.get(data.get("initiative") or "")
        return data
