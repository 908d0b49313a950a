"""Keep the anonymous page cache correct: invalidate what a content change shows up on."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction
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


@receiver(page_slug_changed)
def page_renamed(sender, instance, **kwargs):
    # Every descendant's URL changed with it, and any page may link to one of them.
    if instance.numchild:
        cache.invalidate_everything()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, raw=False, **kwargs):
    # Listings leave restricted pages out (and their caches key on the page's versions).
    if not raw:
        cache.invalidate_everything()


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
