"""The form that opens a round: which colleagues answer, each with their title."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RoundForm(forms.Form):
    """Pick the colleagues who answer this round (each with their title)."""

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        self.rows = []
        for membership in self.memberships:
            pick = f"member_{membership.user_id}"
            title = f"title_{membership.user_id}"
            self.fields[pick] = forms.BooleanField(
                label=membership.user.email or membership.user.username,
                required=False,
                initial=True,
            )
            self.fields[title] = forms.CharField(
                label=_("职务"),
                max_length=50,
                required=False,
                initial=membership.title,
                widget=forms.TextInput(
                    attrs={"placeholder": _("例如:服务总监、备件经理、IT负责人")}
                ),
            )
            self.rows.append((membership, pick, title))

    def bound_rows(self):
        return [(membership, self[pick], self[title]) for membership, pick, title in self.rows]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(pick) for _m, pick, _t in self.rows):
            raise forms.ValidationError(_("请至少选择一位答卷人。"))
        return cleaned

    def respondents(self) -> list:
        return [
            (membership.user, self.cleaned_data.get(title, "").strip())
            for membership, pick, title in self.rows
            if self.cleaned_data.get(pick)
        ]
