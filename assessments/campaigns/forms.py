"""The forms of campaigns: creating one, uploading its store list, and a store's sign-up or
acceptance through its one-time link."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.forms import NoFormTagHelper, PrivacyConsentField, single_line
from assessments.models import Company
from maturity.models import ModelVersion
from maturity.selectors import current_version


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("活动名称"), max_length=100)
    deadline = forms.DateField(
        label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    model_version = forms.ModelChoiceField(
        label=_("模型版本"), queryset=ModelVersion.objects.order_by("-version"), empty_label=None
    )
    reminder_days = forms.CharField(
        label=_("提醒(截止前天数)"),
        max_length=50,
        required=False,
        initial="7,3,1",
        help_text=_(
            "在截止日期前的这些天,提醒还没有提交的门店。用逗号分隔,例如 7,3,1;留空则不自动提醒。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model_version"].initial = current_version()
        self.helper = NoFormTagHelper()

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("截止日期不能早于今天。"))
        return deadline

    def clean_reminder_days(self):
        text = self.cleaned_data["reminder_days"].strip()
        if not text:
            return []
        parts = [part for part in re.split(r"[,,、\s]+", text) if part]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(_("请填写用逗号分隔的天数,例如 7,3,1。"))
        days = sorted({int(part) for part in parts}, reverse=True)
        if any(day < 0 or day > 365 for day in days):
            raise forms.ValidationError(_("天数须在 0 到 365 之间(0 表示截止当天)。"))
        return days


class StoreListForm(forms.Form):
    file = forms.FileField(
        label=_("门店名单文件"),
        help_text=_("CSV(UTF-8 或 GB18030 编码)或 XLSX,最多 10,000 行。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("请上传 CSV 或 XLSX 文件。"))
        return upload


class StoreDetailsForm(forms.ModelForm):
    """What the store list does not say and the self-test needs: the city tier and size."""

    class Meta:
        model = Company
        fields = ["city_tier", "technicians", "annual_work_orders"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()


class LinkSignUpForm(StoreDetailsForm):
    """A new person signing up through the link; the email is the row's, fixed."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy_consent = PrivacyConsentField()

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        order = ["name", "password1", "password2", *StoreDetailsForm.Meta.fields, "privacy_consent"]
        self.order_fields(order)

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(username=self.email, email=self.email)
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def company_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in StoreDetailsForm.Meta.fields}
