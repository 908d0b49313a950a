"""Site-wide views: health, error pages and the language switch."""

from csp.decorators import csp_exempt
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from core.health import OK, system_state


@never_cache
def healthz(request):
    """Each part's state (database, cache, broker, search); 503 when any part is down."""
    states = system_state()
    healthy = all(state == OK for state in states.values())
    return JsonResponse({"status": "ok" if healthy else "error", **states}, status=200 if healthy else 503)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@csp_exempt()
def server_error(request):
    # No context processors here: the error may come from them.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def switch_language(request, code):
    """Set the interface language from a plain link.

    A link rather than Django's POST form keeps CSRF tokens out of public pages,
    so they can be cached for anonymous visitors.
    """
    from django.conf import settings
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next") or "/"
    # Only a path on this site: redirect() would try "0" or "home" as a URL name.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE or 31536000,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
