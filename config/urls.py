from django.contrib import admin
from django.urls import include, path

from config.views import healthz, ping

urlpatterns = [
    path("ping", ping, name="ping"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
    # Password change and reset, logout (login is in assessments.urls with our form).
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("maturity.urls")),
]
