from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render
from django.utils.translation import gettext as _

from assessments.forms import LoginForm
from config.throttle import allow, client_address, hit, lock, locked_for, seconds_left


class EmailOrUsernameBackend(ModelBackend):
    """Managers sign up with an email; demo and staff accounts have plain usernames.

    The login form takes either, case-insensitively for the email.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        user = (
            User.objects.filter(username=username).first()
            or User.objects.filter(email__iexact=username.strip()).order_by("pk").first()
        )
        if user is None:
            # Same cost as a real check, so timing does not reveal which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


LOCK_ACCOUNT = "login-account"
LOCK_ADDRESS = "login-address"


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


class ThrottledLoginForm(LoginForm):
    """Brute-force protection (ASVS 6.3): after repeated failures an account, and separately an
    address, is locked for a cool-off period that expires by itself, so a lockout can delay a
    known user but never shut them out for good (and a password reset works meanwhile)."""

    def clean(self):
        account = (self.cleaned_data.get("username") or "").strip().lower()
        address = client_address(self.request)
        wait = max(locked_for(LOCK_ACCOUNT, account), locked_for(LOCK_ADDRESS, address))
        if wait:
            raise forms.ValidationError(
                _("登录失败次数过多,请 %(minutes)d 分钟后再试,或通过“忘记密码”重设密码。")
                % {"minutes": _minutes(wait)},
                code="locked",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            window = settings.LOGIN_LOCKOUT_SECONDS
            if hit("login-fail-account", account, window) >= settings.LOGIN_FAILURES_PER_ACCOUNT:
                lock(LOCK_ACCOUNT, account, window)
            if hit("login-fail-address", address, window) >= settings.LOGIN_FAILURES_PER_ADDRESS:
                lock(LOCK_ADDRESS, address, window)
            raise


_login = auth_views.LoginView.as_view(authentication_form=ThrottledLoginForm)


def login_view(request, *args, **kwargs):
    """Django's login, with a per-address rate limit on attempts (429 past it)."""
    if request.method == "POST" and not allow(
        "login-rate", client_address(request), settings.LOGIN_RATE_LIMIT, 60
    ):
        response = render(
            request,
            "registration/too_many_requests.html",
            {"seconds": seconds_left(60)},
            status=429,
        )
        response["Retry-After"] = str(seconds_left(60))
        return response
    return _login(request, *args, **kwargs)
