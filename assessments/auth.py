"""Signing in: the email-or-username backend, the per-address rate limit on sign-in posts (app and
admin), and what django-axes needs to lock an *account* whatever identifier is typed.

Lockouts are django-axes' (settings.AXES_*): ``login_identity`` maps whatever was typed (user
name or email, any case) to one key per account, so both count against the same lock; a
successful password reset lifts it (``PasswordResetConfirmView``).
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.accounts import (  # noqa: F401 (the views' names for them)
    MAX_LOGIN_NAME,
    account_key,
    activation_link,
    find_account,
    user_from_activation,
)
from assessments.companies.forms import LoginForm
from assessments.throttle import allow, client_address, seconds_left


def login_identity(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: one key per account for every way of typing it."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    typed = (typed or "").strip()[:MAX_LOGIN_NAME]
    user = find_account(typed)
    if user is not None:
        return account_key(user)
    return f"name:{typed.lower()}"[:255]


class EmailOrUsernameBackend(ModelBackend):
    """Managers sign up with an email; demo and staff accounts have plain usernames.

    The login form takes either, case-insensitively.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_account(username)
        if user is None:
            # Same cost as a real check, so timing does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page a locked account or address gets (429), app or admin."""
    response = render(
        request,
        "registration/locked_out.html",
        {
            "message": _("登录失败次数过多,请 %(minutes)d 分钟后再试,或通过“忘记密码”重设密码。")
            % {"minutes": _minutes(settings.LOGIN_LOCKOUT_SECONDS)}
        },
        status=429,
    )
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
    return response


def too_many_requests(request, window: int, *, sign_in: bool = False):
    response = render(
        request,
        "registration/too_many_requests.html",
        {"seconds": seconds_left(window), "sign_in": sign_in},
        status=429,
    )
    response["Retry-After"] = str(seconds_left(window))
    return response


def rate_limited(name: str, limit_setting: str, window: int, *, key=None, sign_in=False):
    """Decorator: at most ``settings.<limit_setting>`` POSTs per ``window`` seconds per key
    (the client address unless ``key(request)`` says otherwise); 429 past it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                who = key(request) if key else client_address(request)
                if not allow(name, who, getattr(settings, limit_setting), window):
                    return too_many_requests(request, window, sign_in=sign_in)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def rate_limited_login(view):
    """A per-address limit on sign-in posts (429 past it): the app's login and the admin's."""
    return rate_limited("login-rate", "LOGIN_RATE_LIMIT", 60, sign_in=True)(view)


# Django's form views treat PUT as POST: these answer GET, HEAD and POST only (405 otherwise).
get_or_post = require_http_methods(["GET", "HEAD", "POST"])

login_view = get_or_post(
    rate_limited_login(auth_views.LoginView.as_view(authentication_form=LoginForm))
)
admin_login_view = get_or_post(rate_limited_login(admin.site.login))
password_change_view = get_or_post(auth_views.PasswordChangeView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with limits: per address (429 past it) and per email address — past that the
    page looks the same but no more mail is sent, so it cannot flood an inbox or tell whether
    an account exists."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()[:MAX_LOGIN_NAME]
        if not allow("password-reset-email", email, settings.PASSWORD_RESET_RATE_LIMIT, 3600):
            return redirect(self.get_success_url())
        return super().form_valid(form)


password_reset_view = get_or_post(
    rate_limited("password-reset", "PASSWORD_RESET_RATE_LIMIT", 3600)(PasswordResetView.as_view())
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's, plus: a new password lifts the account's sign-in lockout."""

    def form_valid(self, form):
        from axes.utils import reset

        response = super().form_valid(form)
        reset(username=account_key(form.user))
        return response


password_reset_confirm_view = get_or_post(PasswordResetConfirmView.as_view())
