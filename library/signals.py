"""Deleting a taxonomy term or contact point changes pages everywhere: refresh the page cache.

(Saving them is handled by core.cache_signals through ``invalidates_page_cache``.)
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from core import cache
from library.models import ContactPoint, Industry, RiskArea


@receiver(post_delete, sender=ContactPoint)
@receiver(post_delete, sender=Industry)
@receiver(post_delete, sender=RiskArea)
def shared_content_deleted(sender, instance, **kwargs):
    cache.invalidate_everything()
