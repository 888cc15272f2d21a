from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("诊断评估")

    def ready(self):
        from assessments import checks  # noqa: F401 - registers the system checks
