"""Keep cached library content correct when it changes.

Deleting a taxonomy term or contact point changes pages everywhere: refresh the page cache
(saving them is handled by core.cache_signals through ``invalidates_page_cache``). Items and case
links written outside the editor (which writes them by publishing, already a new key) start a new
version of the guideline fragments that show them (library.guideline_fragments).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core import cache
from library.guideline_fragments import CASE_LINKS_SCOPE, ITEMS_SCOPE
from library.models import CaseGuidelineItem, CasePage, ContactPoint, GuidelineItem, Industry, RiskArea


@receiver(post_delete, sender=ContactPoint)
@receiver(post_delete, sender=Industry)
@receiver(post_delete, sender=RiskArea)
def shared_content_deleted(sender, instance, **kwargs):
    cache.invalidate_everything()


@receiver(post_save, sender=GuidelineItem)
@receiver(post_delete, sender=GuidelineItem)
def item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        cache.bump_versions([ITEMS_SCOPE.format(instance.page_id)])


@receiver(post_save, sender=CaseGuidelineItem)
@receiver(post_delete, sender=CaseGuidelineItem)
def case_link_changed(sender, raw=False, **kwargs):
    if not raw:
        cache.bump_versions([CASE_LINKS_SCOPE])


@receiver(m2m_changed, sender=CasePage.guideline_items.through)
def case_links_set(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        cache.bump_versions([CASE_LINKS_SCOPE])
