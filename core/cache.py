"""A full-page cache for anonymous visitors that stays correct.

What is cached: GET/HEAD responses to visitors without a session or message
cookie, for Wagtail pages (marked by the ``before_serve_page`` hook) and views
wrapped in :func:`public_cache`, when the response is a 200 that sets no cookie
(a CSRF token or a new session sets one, so personal or form pages never are).

What invalidates it: every entry records the *version* of the URL path that guards it
(its scope: its own path; for a page's routes, the page's path; for search results, one
shared scope) and of a global generation, and is served only while both are unchanged.
Publishing, unpublishing, moving or deleting a page bumps the versions of exactly the paths
whose HTML shows it — the page, its ancestors (their listings and the home feeds), the
pages it links to and that link to it (Wagtail's reference index), any extra
``cache_dependencies()`` a page declares (e.g. many-to-many cross-links) — and the search
results' version.

With a caching proxy configured (``FRONTEND_CACHE_URL``), cacheable responses also carry
``Cache-Control: public, s-maxage=…`` and every invalidation purges the same paths from the
proxy through Wagtail's frontend-cache backends (queued, so a publish never waits on it).
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_vary_headers
from django_tasks import task

CACHE_ALIAS = "default"
KEY_PREFIX = "pagecache"
SEARCH_SCOPE = "/search/"
GLOBAL_SCOPE = "*"
TIMEOUT = getattr(settings, "PAGE_CACHE_SECONDS", 600)
VERSION_TIMEOUT = None  # versions must outlive the entries they guard


def _cache():
    return caches[CACHE_ALIAS]


def _version_key(path):
    return f"{KEY_PREFIX}:v:{hashlib.md5(path.encode()).hexdigest()}"


def _fresh_version():
    # A version never used before (nanoseconds now; counters bumped since an earlier one stay far
    # below): a scope whose version was never set or was lost (evicted, cleared) starts there, so
    # no entry keyed on an earlier version is ever taken as fresh.
    return time.time_ns()


def bump_versions(scopes):
    """Start a new version of each scope: whatever was keyed on the old one is stale."""
    cache = _cache()
    for scope in scopes:
        key = _version_key(scope)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh_version(), VERSION_TIMEOUT)


def versions_of(scopes):
    """The current version of each scope, in one cache read (and one write for a missing one)."""
    cache = _cache()
    keys = [_version_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        fresh = _fresh_version()
        for key in missing:
            cache.add(key, fresh, VERSION_TIMEOUT)
        # Another process may have added it first; with no cache at all, a version nothing has.
        found = {**{key: fresh for key in missing}, **cache.get_many(missing), **found}
    return tuple(found[key] for key in keys)


def invalidate_paths(paths):
    """Make every cached variant (any query string, any language) of these paths stale."""
    paths = set(paths)
    bump_versions(paths)
    if frontend_cache_enabled():
        if GLOBAL_SCOPE in paths:
            purge_frontend_everything.enqueue()
        purge_frontend_paths(paths - {GLOBAL_SCOPE})


def frontend_cache_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_frontend_paths(paths):
    """Queue a proxy purge of these paths on every site (Wagtail's frontend-cache task)."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    roots = [site.root_url for site in Site.objects.all()]
    purge_urls_from_cache([root + path for root in roots for path in sorted(paths)])


@task()
def purge_frontend_everything():
    """Job: purge every live page and the search page, after a change shown everywhere."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(depth__gt=1))
    batch.add_urls(site.root_url + SEARCH_SCOPE for site in Site.objects.all())
    batch.purge()


def frontend_cache_control(request):
    """The proxy's lifetime for this response: short for query-string variants, which no purge names."""
    seconds = settings.FRONTEND_CACHE_QUERY_SECONDS if request.GET else settings.FRONTEND_CACHE_SECONDS
    return f"public, max-age=0, s-maxage={seconds}"


def _versions(scope):
    """The current (scope, global) versions: an entry is fresh while both are unchanged."""
    return versions_of([scope, GLOBAL_SCOPE])


def cache_key(request):
    """The entry's key: host, language and full path (versions are checked on read)."""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    raw = f"{request.get_host()}|{language}|{request.get_full_path()}"
    return f"{KEY_PREFIX}:{hashlib.md5(raw.encode()).hexdigest()}"


def request_is_anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def scope_for(request):
    """The default path whose version guards this request: search results share one scope."""
    path = request.path
    return SEARCH_SCOPE if path.startswith(SEARCH_SCOPE) else path


def set_scope(request, path):
    """Guard this response by ``path``'s version instead of its own URL's.

    A page's routes (``/guidelines/x/pdf/``, ``/events/x/calendar.ics``) show the page, so
    they go stale when the page does. Called before the response is built: a change that
    commits while it renders leaves the entry stale, never wrong.
    """
    request.page_cache_scope = path
    request.page_cache_versions = _versions(path)


class AnonymousPageCacheMiddleware:
    """Serve and store public pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if TIMEOUT <= 0 or request.method not in ("GET", "HEAD") or not request_is_anonymous(request):
            return self.get_response(request)
        key = cache_key(request)
        entry = _cache().get(key)
        if entry is not None:
            scope, versions, response = entry
            if _versions(scope) == versions:
                response["X-Page-Cache"] = "hit"
                return response
        set_scope(request, scope_for(request))
        response = self.get_response(request)
        if (
            getattr(request, "public_cache_ok", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        ):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            patch_vary_headers(response, ("Cookie",))
            if frontend_cache_enabled() and "Cache-Control" not in response:
                response["Cache-Control"] = frontend_cache_control(request)
            response["X-Page-Cache"] = "miss"
            _cache().set(key, (request.page_cache_scope, request.page_cache_versions, response), TIMEOUT)
        return response


def public_cache(view=None, *, scope=None):
    """Let the anonymous page cache store this (non-page) view's responses.

    ``scope`` names the path whose invalidation makes them stale (default: their own).
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.public_cache_ok = True
            if scope and hasattr(request, "page_cache_versions"):
                set_scope(request, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view else decorate


def mark_page_cacheable(page, request):
    """``before_serve_page`` hook: public, unrestricted pages may be cached."""
    if getattr(request, "is_preview", False) or not getattr(page, "cache_for_anonymous", True):
        return
    if page.get_view_restrictions().exists():
        return
    path = page_path(page, request)
    if path and path != request.path and hasattr(request, "page_cache_versions"):
        set_scope(request, path)
    request.public_cache_ok = True


def page_path(page, request=None):
    """The page's URL path on its site ("/cases/case-1/"), or None if it has no URL."""
    url = page.get_url(request=request)
    if not url:
        return None
    return url if url.startswith("/") else "/" + url.split("/", 3)[-1]


def paths_showing(page):
    """The URL paths whose HTML shows ``page``."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    paths = {SEARCH_SCOPE}
    if linked_from_every_page(page):
        paths.add(GLOBAL_SCOPE)
    pages = [page]
    pages += list(page.get_ancestors().filter(depth__gt=1))
    page_type = ContentType.objects.get_for_model(Page)
    linking = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    linked = ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
    related_ids = {int(r.object_id) for r in linking} | {int(r.to_object_id) for r in linked}
    if related_ids:
        pages += list(Page.objects.filter(pk__in=related_ids))
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
    dependencies = getattr(specific, "cache_dependencies", None)
    if dependencies:
        pages += list(dependencies())
    paths.update(page_path(item) for item in pages)
    return paths - {None}


def settings_models():
    """The Wagtail settings models: what they hold (navigation, footer) shows on every page."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return [model for model in apps.get_models() if issubclass(model, (BaseSiteSetting, BaseGenericSetting))]


def linked_from_every_page(page):
    """Whether a setting links to ``page`` (the reference index records settings, see core.apps).

    A change to such a page (its URL, its title, its deletion) is then shown everywhere.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    types = ContentType.objects.get_for_models(*settings_models()).values()
    return ReferenceIndex.get_references_to(page).filter(base_content_type__in=types).exists()


def invalidate_page(page):
    invalidate_paths(paths_showing(page))


def generation():
    """The current version of the global generation (a request reads it once: core.request_memo)."""
    return versions_of([GLOBAL_SCOPE])[0]


def invalidate_everything():
    """For changes shown everywhere (navigation, footer, taxonomy): bump the global generation."""
    invalidate_paths([GLOBAL_SCOPE])
