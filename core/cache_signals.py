"""Keep the anonymous page cache correct: invalidate what a content change shows up on."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from core import cache


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    cache.invalidate_page(instance)


@receiver(pre_page_move)
def page_moving(sender, instance, **kwargs):
    # The old location's paths, before the URL changes.
    cache.invalidate_page(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    cache.invalidate_page(instance)
    # Moving into or out of a restricted section changes what listings may show (and the
    # sections' paths, which every request reads: core.request_memo). Moving a section moves
    # every descendant's URL, and any page may link to one of them.
    if instance.numchild or PageViewRestriction.objects.exists():
        cache.invalidate_everything()


@receiver(page_slug_changed)
def page_renamed(sender, instance, instance_before=None, **kwargs):
    # The old URL shows the page no more (publishing bumped the new one's version).
    old_path = cache.page_path(instance_before) if instance_before is not None else None
    if old_path:
        cache.invalidate_paths([old_path])
    # Every descendant's URL changed with it, and any page may link to one of them.
    if instance.numchild:
        cache.invalidate_everything()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, raw=False, **kwargs):
    # Listings leave restricted pages out (and their caches key on the page's versions).
    if not raw:
        cache.invalidate_everything()


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def locale_changed(sender, instance, raw=False, **kwargs):
    # Every page links to its other languages, and every request reads the locales (core.request_memo).
    if not raw:
        cache.invalidate_everything()


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    # Wagtail forgets the references to a deleted object when it is gone: ask while it is here.
    if isinstance(instance, Page):
        instance.linked_from_every_page = cache.linked_from_every_page(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # The row is gone, so work from its URL path: "/<site root>/cases/case-1/" shows up on
        # "/", "/cases/" and "/cases/case-1/".
        parts = instance.url_path.strip("/").split("/")[1:]
        paths = {"/" + "".join(f"{part}/" for part in parts[:depth]) for depth in range(len(parts) + 1)}
        # And on the pages it declares (a case on every guideline that may list it); the
        # specific model's row is deleted, and signalled, first.
        dependencies = getattr(instance, "cache_dependencies", None)
        if dependencies:
            paths.update(cache.page_path(page) for page in dependencies())
        if getattr(instance, "linked_from_every_page", False):
            paths.add(cache.GLOBAL_SCOPE)
        cache.invalidate_paths((paths - {None}) | {cache.SEARCH_SCOPE})


@receiver(post_save)
def shared_content_changed(sender, instance, created=False, raw=False, **kwargs):
    """Settings and taxonomy snippets appear on every page: start a new generation."""
    if raw:
        return
    # Settings rows are created with their defaults on first read; that changes no page.
    if (
        isinstance(instance, BaseSiteSetting)
        and not created
        or getattr(sender, "invalidates_page_cache", False)
    ):
        cache.invalidate_everything()
