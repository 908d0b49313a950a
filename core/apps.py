from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared machinery with no domain of its own: page cache, jobs, PDFs, files, blocks, feeds."""

    name = "core"
    verbose_name = _("公共组件")

    def ready(self):
        from . import cache_signals, sites  # noqa: F401
        from .request_memo import remember_locales

        remember_locales()
