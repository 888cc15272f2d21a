from django.contrib import admin
from django.urls import include, path

from config.views import healthz, ping
from maturity import views as maturity_views

urlpatterns = [
    path("ping", ping, name="ping"),
    path("healthz", healthz, name="healthz"),
    # Django's set_language (the only view of django.conf.urls.i18n), wrapped to also remember
    # a signed-in user's choice: same path, name and form contract.
    path("i18n/setlang/", maturity_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
    # Password change and reset, logout (login is in assessments.urls with our form).
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("maturity.urls")),
]
