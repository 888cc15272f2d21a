"""The forms of consultants: signing up, inviting, the company invitation link, a review and the
dashboard's filters."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from assessments.forms import (
    LevelChoiceField,
    NoFormTagHelper,
    PrivacyConsentField,
    level_choices,
    single_line,
)
from assessments.review_rules import review_errors
from maturity.selectors import ModelContent, model_content

STATUS_FILTER_CHOICES = [
    ("", _("全部状态")),
    ("draft", _("填写中")),
    ("submitted", _("已提交")),
    ("reviewed", _("已审阅")),
    ("none", _("未开始")),
]
SORT_CHOICES = [
    ("name", _("企业名称")),
    ("-level", _("段位(高→低)")),
    ("level", _("段位(低→高)")),
    ("-date", _("最近提交(新→旧)")),
    ("date", _("最近提交(旧→新)")),
    ("-name", _("企业名称(倒序)")),
]


class ConsultantSignUpForm(forms.Form):
    """A consultant's account: validated here, created by `services.register_consultant`."""

    email = forms.EmailField(label=_("邮箱"), max_length=254)
    privacy_consent = PrivacyConsentField()
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    firm_name = forms.CharField(
        label=_("咨询机构"),
        max_length=100,
        required=False,
        help_text=_("独立顾问可以不填。"),
    )
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()

    def clean_email(self):
        # Whether the address already has an account is not said here (that would tell anyone
        # who has an account): `services.sign_up` emails the address instead.
        return get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean_display_name(self):
        return single_line(self.cleaned_data["display_name"])

    def clean_firm_name(self):
        return single_line(self.cleaned_data["firm_name"])

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            User = get_user_model()
            candidate = User(username=cleaned.get("email", ""), email=cleaned.get("email", ""))
            try:
                validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InviteConsultantForm(forms.Form):
    email = forms.EmailField(
        label=_("顾问邮箱"),
        max_length=254,
        help_text=_("已有顾问账号的,立即获得查看权限;还没有账号的,会收到注册并接受邀请的链接。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()


class CompanyInvitationForm(forms.Form):
    note = forms.CharField(
        label=_("备注(仅自己可见,例如发给哪家企业)"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()


REVIEW_SECTION_LABELS = {
    "checklist": _("自测清单"),
    "indicators": _("关键指标"),
    "dimensions": _("维度画像"),
    "roadmap": _("路线图"),
    "homework": _("本章作业"),
}


def _section_comment(section: str) -> forms.CharField:
    return forms.CharField(
        label=REVIEW_SECTION_LABELS[section],
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    comment_checklist = _section_comment("checklist")
    comment_indicators = _section_comment("indicators")
    comment_dimensions = _section_comment("dimensions")
    comment_roadmap = _section_comment("roadmap")
    comment_homework = _section_comment("homework")
    overall_opinion = forms.CharField(
        label=_("总体意见"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    confirmed_level = LevelChoiceField(label=_("确认段位"))
    justification = forms.CharField(
        label=_("调整理由(确认段位与系统诊断不同时必填)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    signer_name = forms.CharField(label=_("签字人"), max_length=50, required=False)

    SECTIONS = ("checklist", "indicators", "dimensions", "roadmap", "homework")

    def __init__(
        self, *args, computed_level: int | None, content: ModelContent | None = None, **kwargs
    ):
        """`content`: the reviewed assessment's model version, whose levels may be confirmed
        (the current one without it)."""
        super().__init__(*args, **kwargs)
        content = content or model_content()
        self.computed_level = computed_level
        self.levels = [level.number for level in content.levels]
        self.fields["confirmed_level"].choices = BLANK_CHOICE_DASH + level_choices(content)
        self.helper = NoFormTagHelper()

    @classmethod
    def initial_from(cls, review, *, signer_name: str) -> dict:
        if review is None:
            return {"signer_name": signer_name}
        initial = {f"comment_{section}": review.comment(section) for section in cls.SECTIONS}
        initial.update(
            overall_opinion=review.overall_opinion,
            confirmed_level=review.confirmed_level,
            justification=review.justification,
            signer_name=review.signer_name or signer_name,
        )
        return initial

    def clean(self):
        cleaned = super().clean()
        sign = self.data.get("action") == "sign"
        for field, message in review_errors(
            computed_level=self.computed_level,
            levels=self.levels,
            confirmed_level=cleaned.get("confirmed_level"),
            justification=cleaned.get("justification", ""),
            sign=sign,
            signer_name=cleaned.get("signer_name", ""),
        ).items():
            self.add_error(field, message)
        return cleaned

    @property
    def signing(self) -> bool:
        return self.data.get("action") == "sign"

    def section_comments(self) -> dict:
        return {
            section: self.cleaned_data.get(f"comment_{section}", "") for section in self.SECTIONS
        }


class DashboardFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索企业名称"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("段位"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=STATUS_FILTER_CHOICES)
    type = forms.ChoiceField(label=_("企业类型"), required=False)
    province = forms.ChoiceField(label=_("省份"), required=False)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from assessments.models import CompanyType, Province

        # The current model version's levels, then the clients without a level.
        levels = [(str(number), label) for number, label in level_choices(model_content())]
        self.fields["level"].choices = [("", _("全部段位")), *levels, ("none", _("暂无段位"))]
        self.fields["type"].choices = [("", _("全部类型")), *CompanyType.choices]
        self.fields["province"].choices = [("", _("全部省份")), *Province.choices]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def filters(self):
        from assessments.consultants.dashboard import ClientFilters

        if not self.is_bound:
            return ClientFilters()
        self.is_valid()  # an invalid field is left out; the others still filter
        data = self.cleaned_data
        return ClientFilters(
            level=data.get("level") or "",
            status=data.get("status") or "",
            type=data.get("type") or "",
            province=data.get("province") or "",
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or "name",
        )
