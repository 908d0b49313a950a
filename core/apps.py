from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared machinery with no domain of its own: page cache, jobs, PDFs, files, blocks, feeds."""

    name = "core"
    verbose_name = _("公共组件")

    def ready(self):
        from wagtail.models import ReferenceIndex

        from . import cache_signals, sites  # noqa: F401
        from .cache import settings_models
        from .request_memo import remember_locales

        remember_locales()
        # Wagtail indexes pages and snippets, not settings. Recording what the navigation and
        # footer link to lets a change to a linked page refresh every page (the page cache and
        # the header and footer fragments) and lists the link among the page's usage.
        for model in settings_models():
            ReferenceIndex.register_model(model)
