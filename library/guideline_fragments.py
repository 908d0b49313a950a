"""A guideline page's items as cached HTML, so a page view loads neither its items nor their cases.

Three kinds of entry, all in the ``fragments`` cache: a filter's *listing* (the ids of the items it
shows, the count of each level, the risk areas present), the listing's *HTML* (its items' fragments
joined: a page view reads one entry, not one per item) and each item's *fragment* (its ``<li>``,
which the other filters' listings reuse). All are keyed on what changes them, so nothing is ever
deleted:

- the page's live revision (the editor changes a page's items by publishing one) and, for
  items and case links written outside the editor, a version of the page's items and one of all
  case links that library.signals bumps;
- the page-cache versions of the page's path and of the global generation (core.cache), which
  publishing, unpublishing, moving or deleting a linked case (its ``cache_dependencies`` name every
  guideline), a page an item's text links to (the reference index), a view restriction, or a
  taxonomy term bumps;
- the language, and the template's version below.
"""

import hashlib

from django.core.cache import caches
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.fragments import FRAGMENT_SECONDS, page_versions

ITEM_TEMPLATE = "library/includes/guideline_item.html"
# Bump when the item template or a listing's shape changes, so no entry of the old one is served.
FRAGMENT_VERSION = 3


def _cache():
    return caches["fragments"]


def _key(kind, state, *parts):
    return f"guideline-{kind}:" + hashlib.sha256(repr((state, *parts)).encode()).hexdigest()


# Version scopes (core.cache) of one page's items and of every case link.
ITEMS_SCOPE = "guideline-items:{}"
CASE_LINKS_SCOPE = "guideline-case-links"


def page_state(page, request):
    """What every entry of this page is keyed on (see the module docstring): one cache read."""
    versions = page_versions(page, request, (ITEMS_SCOPE.format(page.pk), CASE_LINKS_SCOPE))
    return (FRAGMENT_VERSION, get_language(), page.pk, page.live_revision_id, versions)


def render_items(items, request):
    """Each item's HTML, rendered now (previews, and the fragments missing from the cache)."""
    template = get_template(ITEM_TEMPLATE)
    return [mark_safe(template.render({"item": item}, request)) for item in items]


def cached_listing(page, filters, request, build_listing, load_items):
    """The page's items for ``filters``: ``{"items_html", "level_counts", "risk_area_ids", "total_count"}``.

    ``build_listing(filters)`` reads the listing from the database (item ids, level counts, risk
    area ids, total) and ``load_items(ids)`` the items to render, with their published cases; on a
    warm cache neither is called: one read for the listing and its HTML.
    """
    state = page_state(page, request)
    values = filters.values
    area = values["risk_area"]
    listing_key = _key("listing", state, values["level"], area.pk if area else None)
    html_key = _key("listing-html", state, values["level"], area.pk if area else None)
    cache = _cache()
    found = cache.get_many([listing_key, html_key])
    listing = found.get(listing_key)
    if listing is not None and html_key in found:
        return {**listing, "items_html": mark_safe(found[html_key])}
    if listing is None:
        listing = build_listing(filters)
        cache.set(listing_key, listing, FRAGMENT_SECONDS)
    keys = {pk: _key("item", state, pk) for pk in listing["item_ids"]}
    fragments = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in fragments]
    if missing:
        rendered = dict(zip(missing, render_items(load_items(missing), request), strict=True))
        cache.set_many({keys[pk]: str(html) for pk, html in rendered.items()}, FRAGMENT_SECONDS)
        fragments.update({keys[pk]: str(html) for pk, html in rendered.items()})
    html = joined([fragments[keys[pk]] for pk in listing["item_ids"]])
    cache.set(html_key, str(html), FRAGMENT_SECONDS)
    return {**listing, "items_html": html}


def joined(fragments):
    """The items' fragments as the page's list shows them, one after another."""
    return mark_safe("\n".join(str(html) for html in fragments))
