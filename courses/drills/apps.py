from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrillsConfig(AppConfig):
    name = "courses.drills"
    label = "drills"
    verbose_name = _("模拟执法检查与合规体检")
