from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("门户与企业账户")

    def ready(self):
        from . import cache_signals, signals  # noqa: F401
