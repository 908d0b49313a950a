"""Extension points through which content apps feed the portal's shared pages.

Apps register Wagtail hooks in their ``wagtail_hooks.py``; the portal never
imports their views or pages:

- ``register_home_feed``: ``fn() -> {kind: callable(count) -> list of pages}``
- ``register_me_panel``: ``fn(request) -> HTML string or ""`` shown on /me/
- ``register_enterprise_panel``: ``fn(request, enterprise) -> HTML`` for the officer
- ``register_user_data_export``: ``fn(user) -> (key, JSON-serialisable data)``
"""

from wagtail import hooks

from core.i18n import in_visitor_language


def get_feed_items(kind, count):
    for hook in hooks.get_hooks("register_home_feed"):
        feeds = hook()
        if kind in feeds:
            return in_visitor_language(feeds[kind](count))
    return []


def render_me_panels(request):
    return [html for html in (hook(request) for hook in hooks.get_hooks("register_me_panel")) if html]


def render_enterprise_panels(request, enterprise):
    panels = (hook(request, enterprise) for hook in hooks.get_hooks("register_enterprise_panel"))
    return [html for html in panels if html]


def collect_user_data(user):
    data = {}
    for hook in hooks.get_hooks("register_user_data_export"):
        key, value = hook(user)
        data[key] = value
    return data
