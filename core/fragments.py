"""Parts of a page's HTML kept between requests, exactly as fresh as the page cache's copy of the
whole page would be.

A fragment is keyed on the page's live revision (an editor changes a page by publishing one, as
the page cache assumes),
the language, and the page-cache versions of the page's path and of the global generation
(core.cache): publishing, unpublishing, moving or deleting anything the page shows bumps them,
as it does for the whole page. So nothing is ever deleted, and a fragment is served to every
visitor of the page, signed in or not, as long as it holds nothing personal. Previews and
drafts are always rendered afresh.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import GLOBAL_SCOPE, page_path, versions_of
from core.request_memo import once_per_request

FRAGMENT_SECONDS = 24 * 3600


def _cache():
    return caches["fragments"]


def page_versions(page, request, scopes=()):
    """The page-cache versions guarding ``page`` (and ``scopes``): the ones the page cache read
    before routing when it did (content that changes while the page renders is then keyed on the
    old versions and never served after), else read now, once a request."""
    return path_versions(page_path(page, request) or str(page.pk), request, scopes)


def path_versions(path, request, scopes=()):
    """The page-cache versions guarding the URL ``path`` (and ``scopes``), as ``page_versions``."""
    if getattr(request, "page_cache_scope", None) == path:
        return request.page_cache_versions + (versions_of(list(scopes)) if scopes else ())
    return once_per_request(
        ("page-versions", path, *scopes), lambda: versions_of([path, GLOBAL_SCOPE, *scopes])
    )


def page_kept(page, request, name, compute, version=1, seconds=FRAGMENT_SECONDS):
    """What ``compute()`` returns for ``page`` (a picklable value: HTML, counts), kept under
    ``name`` (bump ``version`` when its shape changes) for ``seconds`` at most."""
    if getattr(request, "is_preview", False) or not page.live:
        return compute()
    revision = (page.live_revision_id, page.last_published_at)  # pages made in code may have none
    state = (version, name, get_language(), page.pk, revision, page_versions(page, request))
    key = "page-fragment:" + hashlib.sha256(repr(state).encode()).hexdigest()
    cache = _cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def page_fragment(page, request, name, render, version=1, seconds=FRAGMENT_SECONDS):
    """The HTML ``render()`` returns for ``page``, kept under ``name``."""
    html = page_kept(page, request, name, lambda: str(render()), version, seconds)
    return mark_safe(html)  # noqa: S308 - our templates' HTML


def kept_cards(listing, pages, request, name, render, load=None, version=1):
    """{page pk: HTML} of the cards of ``pages`` on ``listing`` (a list page), each kept as a
    fragment: on the listing's page-cache versions (publishing any of its pages bumps them, as
    it makes the whole list stale), the page's live revision, the language and the host.

    ``render(page)`` renders one card; ``load(pages)``, if given, first loads what the cards to
    render show (covers, industries), so a list whose cards are all kept loads none of it. A
    card holds nothing personal (progress, counts that change without a publish stay outside).
    """
    pages = list(pages)
    if getattr(request, "is_preview", False) or not listing.live:
        if load is not None:
            load(pages)
        return {page.pk: mark_safe(str(render(page))) for page in pages}  # noqa: S308 - our templates' HTML
    shared = (
        version,
        name,
        get_language(),
        request.get_host() if request else "",
        page_versions(listing, request),
    )
    keys = {
        page.pk: "page-card:"
        + hashlib.sha256(
            repr((shared, page.pk, page.live_revision_id, page.last_published_at)).encode()
        ).hexdigest()
        for page in pages
    }
    cache = _cache()
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [page for page in pages if keys[page.pk] not in found]
    if missing:
        if load is not None:
            load(missing)
        rendered = {keys[page.pk]: str(render(page)) for page in missing}
        cache.set_many(rendered, FRAGMENT_SECONDS)
        found.update(rendered)
    return {page.pk: mark_safe(found[keys[page.pk]]) for page in pages}  # noqa: S308 - our templates' HTML


ROUTE_SECONDS = 600


def kept_route(root, request, path_components, route):
    """What ``route()`` returns for the URL below ``root`` (a site's root page): the page it
    serves, found in two or three queries, kept as a fragment is, on the page-cache versions of
    the URL's path and of the global generation.

    Publishing, unpublishing, moving or deleting the page bumps its path's version (core.cache),
    so a page changed in any way that changes where a URL leads is routed afresh. A page the
    route reaches holds the rows it read with it (its parent, its industry): a change to one of
    those that bumps no version shows within ``ROUTE_SECONDS``, as in the page cache. Only GET
    and HEAD requests in Chinese for a live page are kept; a 404 never is. In another language
    a URL leads to the Chinese page's translation, whose publishing bumps its own path, not the
    Chinese URL's: routed afresh each time.
    """
    if (
        request is None
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or get_language() != settings.LANGUAGE_CODE
    ):
        return route()
    path = "/" + "".join(f"{part}/" for part in path_components)
    state = (1, root.pk, path, path_versions(path, request))
    key = "page-route:" + hashlib.sha256(repr(state).encode()).hexdigest()
    cache = _cache()
    result = cache.get(key)
    if result is None:
        result = route()
        if result is not None and result.page.live:
            cache.set(key, result, ROUTE_SECONDS)
    return result
