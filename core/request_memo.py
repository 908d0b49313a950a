"""What a request reads once, however often it asks: locales and the sections behind a view restriction.

Wagtail asks the database each time: ``Locale.get_default()`` and ``get_active()`` (routing asks
both), every ``.public()``, and a served page's restrictions twice (the page cache's check and
Wagtail's; the site's page types ask here instead, see core.pages). Within one request the
answers do not change, so ``RequestMemoMiddleware`` keeps them for the request's duration.
Between requests they are kept in the cache under the global generation (core.cache), which
every change to them starts anew (core.cache_signals): an edit shows on the next request,
whichever worker serves it. Outside a request (jobs, commands, the shell) nothing is kept.
"""

import contextvars

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, PageViewRestriction
from wagtail.models.i18n import LocaleManager

from core import cache as page_cache

# A backstop: entries are keyed on the generation, so an old one is never read anyway.
SHARED_SECONDS = 3600
_MISSING = object()

_memo = contextvars.ContextVar("request_memo", default=None)


class RequestMemoMiddleware:
    """Keep the request's memo (see the module docstring) while it is handled and rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def once_per_request(key, compute):
    """``compute()``, read once a request (every time outside one)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def generation(request=None):
    """The global generation (core.cache), read once a request (the page cache's read, if it made one)."""
    versions = getattr(request, "page_cache_versions", None)
    if versions:
        return versions[1]
    return once_per_request("generation", page_cache.generation)


def once_per_generation(name, compute):
    """``compute()``, read once a request and shared by every request until the global
    generation changes (every time outside a request). For what changes rarely, and only
    through a change that starts a new generation (core.cache_signals)."""
    if _memo.get() is None:
        return compute()

    def shared():
        # The generation is read before the database: an answer read as a change commits is
        # kept under the old generation, which is never read again.
        key = f"request-memo:{name}:{generation()}"
        # Never rewritten under its key: the fragments' cache, which keeps it in the process too.
        cache = caches["fragments"]
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = compute()
            cache.set(key, found, SHARED_SECONDS)
        return found

    return once_per_request(name, shared)


def forget(matches):
    """Drop what this request has kept under the keys ``matches(key)`` accepts (it has just changed)."""
    memo = _memo.get()
    if memo:
        for key in [key for key in memo if matches(key)]:
            del memo[key]


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restrictions_changed(sender, **kwargs):
    # An editor's request that changes a restriction reads the new ones from then on.
    forget(lambda key: key in ("restricted_sections", "generation"))


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def locales_changed(sender, **kwargs):
    forget(lambda key: key.startswith("locale:") or key == "generation")


def restricted_sections():
    """(path, depth) of each page with a view restriction: it and its descendants are private."""
    return once_per_generation(
        "restricted_sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )


def remember_locales():
    """Make Wagtail's locale look-ups (``Locale.get_default``, ``get_active``) once a generation each."""
    lookup = LocaleManager.get_for_language
    if getattr(lookup, "once_per_request", False):
        return

    def get_for_language(self, language_code):
        return once_per_generation(f"locale:{language_code}", lambda: lookup(self, language_code))

    get_for_language.once_per_request = True
    LocaleManager.get_for_language = get_for_language
