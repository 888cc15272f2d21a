"""The forms of companies and accounts: the company profile, signing up, signing in."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from assessments.forms import NoFormTagHelper, PrivacyConsentField, single_line
from assessments.models import CHINESE_MOBILE, Company


class CompanyForm(forms.ModelForm):
    # Wider than the stored 11 digits: people type "+86 138-0013-8000"; clean() normalises it.
    contact_mobile = forms.CharField(
        label=_("联系人手机"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("中国大陆手机号码,11位。"),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "type",
            "province",
            "city_tier",
            "technicians",
            "annual_work_orders",
            "contact_name",
            "contact_mobile",
            "contact_email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_contact_name(self):
        return single_line(self.cleaned_data["contact_name"])

    def clean_contact_mobile(self):
        # People paste numbers with spaces, dashes or a +86 prefix; store the bare 11 digits.
        compact = self.cleaned_data["contact_mobile"].replace(" ", "").replace("-", "")
        if compact.startswith("+86"):
            compact = compact[3:]
        elif compact.startswith("86") and len(compact) == 13:
            compact = compact[2:]
        CHINESE_MOBILE(compact)
        return compact


class SignUpForm(UserCreationForm):
    """Validates a manager's sign-up (email, password rules, consent); the account is created by
    `services.register_manager`."""

    email = forms.EmailField(label=_("邮箱"), max_length=254)
    privacy_consent = PrivacyConsentField()

    class Meta:
        model = get_user_model()
        fields = ["email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = NoFormTagHelper()

    def clean_email(self):
        # Whether the address already has an account is not said here (that would tell anyone
        # who has an account): `services.sign_up` emails the address instead.
        return get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("邮箱或用户名")
        self.helper = NoFormTagHelper()
