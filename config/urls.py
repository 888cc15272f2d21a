from django.contrib import admin
from django.urls import include, path

from assessments import language
from assessments.auth import (
    admin_login_view,
    password_change_view,
    password_reset_confirm_view,
    password_reset_view,
)
from config.views import healthz, ping

urlpatterns = [
    path("ping", ping, name="ping"),
    path("healthz", healthz, name="healthz"),
    # Django's set_language (the only view of django.conf.urls.i18n), wrapped to also remember
    # a signed-in user's choice: same path, name and form contract.
    path("i18n/setlang/", language.set_language, name="set_language"),
    # The admin's sign-in counts against the same per-address limit as the app's (and against
    # the same django-axes lockouts, which sit in the authentication backends).
    path("admin/login/", admin_login_view, name="admin_login"),
    path("admin/", admin.site.urls),
    # Django's password reset with rate limits, and its confirmation lifting the lockout.
    path("accounts/password_reset/", password_reset_view, name="password_reset"),
    path("accounts/password_change/", password_change_view, name="password_change"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        password_reset_confirm_view,
        name="password_reset_confirm",
    ),
    path("", include("assessments.urls")),
    # Password change and reset, logout (login is in assessments.urls with our form).
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("maturity.urls")),
]
