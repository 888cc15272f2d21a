"""Pieces every form uses: a crispy helper without a form tag, a level select's choices, one-line
names and the privacy consent box. The forms themselves live with their feature
(`companies`, `questionnaire`, `consultants`, `rounds`)."""

import unicodedata

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _


class LevelChoiceField(forms.TypedChoiceField):
    """An optional level (an int, None when blank); its form sets the choices from the model
    version (`level_choices`)."""

    def __init__(self, *, label, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(label=label, coerce=int, empty_value=None, **kwargs)


def level_choices(content) -> list[tuple[int, str]]:
    """A level select's choices: each level of `content`'s model version ("Level n"), never a
    level count written here."""
    return [(level.number, f"Level {level.number}") for level in content.levels]


class NoFormTagHelper(FormHelper):
    form_tag = False
    disable_csrf = True


def single_line(value: str) -> str:
    """A name is one line: line breaks and other control characters are refused (a CR/LF in a
    company name used to break the subject of invitation emails)."""
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise forms.ValidationError(_("名称只能是一行文字,不能包含换行或控制字符。"))
    return value


class PrivacyConsentField(forms.BooleanField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("我已阅读并同意《隐私声明》,同意本产品按声明处理我的个人信息"),
            required=True,
            error_messages={"required": _("注册前请阅读并同意隐私声明。")},
            **kwargs,
        )
