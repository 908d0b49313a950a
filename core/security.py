"""Security headers: one Content-Security-Policy for the site, a wider one for the admin,
and a Permissions-Policy.

The public pages run no inline script or style (behaviour lives in static files), so
their policy allows only this origin. Wagtail's admin still renders some inline scripts
and styles (wagtail/wagtail#1288), so under ``ADMIN_PATH_PREFIXES`` the policy adds
``'unsafe-inline'`` for both, and nothing else.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_ADDITIONS = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, widened for the admin's paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PATH_PREFIXES) and parts.update is None:
            parts.update = ADMIN_ADDITIONS
        return parts


class PermissionsPolicyMiddleware:
    """Send ``settings.PERMISSIONS_POLICY`` ({feature: [origins]}) as the Permissions-Policy header."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RejectNulMiddleware:
    """Answer 400 to a NUL byte anywhere in the path, query string or form fields.

    No legitimate link or form carries one, and PostgreSQL refuses it in text
    (a 500 deep inside a query). One check here instead of one per field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            from django.http import HttpResponseBadRequest
            from django.utils.translation import gettext

            return HttpResponseBadRequest(
                gettext("请求中含有无效字符（NUL），已拒绝。"), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(request):
        if "\x00" in request.path_info:
            return True
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return True
        content_type = request.content_type or ""
        if request.method == "POST" and content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            try:
                items = request.POST.lists()
            except Exception:  # a malformed body: the view's own parsing answers it
                return False
            return any("\x00" in key or any("\x00" in v for v in values) for key, values in items)
        return False
