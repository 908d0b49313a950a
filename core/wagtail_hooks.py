from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail import hooks

from core.cache import mark_page_cacheable


@hooks.register("before_serve_page")
def allow_public_page_cache(page, request, serve_args, serve_kwargs):
    mark_page_cacheable(page, request)


@hooks.register("before_edit_page")
def refuse_autosave_when_disabled(request, page):
    """An autosave post from an editor opened before autosave was turned off (or a script) must
    not save a revision over a workflow action that has just published the page."""
    autosave_disabled = getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", 500) <= 0
    if request.method == "POST" and autosave_disabled and not request.accepts("text/html"):
        return JsonResponse(
            {
                "success": False,
                "error_code": "autosave_disabled",
                "error_message": _("自动保存已关闭，请使用页面底部的按钮保存。"),
            },
            status=400,
        )
    return None
