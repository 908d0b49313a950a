"""The Wagtail site each host is served by, kept in the cache: Wagtail looks it up with a query
(five cases ranked in SQL) on every request.

``CachedSiteMiddleware`` gives the request its site the way Wagtail keeps it once found
(``request._wagtail_site``), from one cache entry mapping (host, port) to the site Wagtail's own
look-up chose for it, with its root page's row (routing starts there: no query for it; its own
fields, such as the home page's body, are read when shown). Saving or deleting a site, or
publishing, unpublishing, moving or deleting a site's root page, empties the entry.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

SITES_KEY = "sites-by-host"
# Hosts are few (ALLOWED_HOSTS); a stranger's Host headers must not grow the entry without end.
MAX_HOSTS = 20
# A save that races a request's look-up could leave its old answer: it lasts this long at most.
SITES_SECONDS = 300


class CachedSiteMiddleware:
    """Give the request its host's site from the cache; keep what Wagtail found for a new host.

    Nothing here reads the database: a request that needs no site (health checks, media) needs
    none, and a host not yet known is looked up by Wagtail itself, when and if it is needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = (split_domain_port(request._get_raw_host())[0], request.get_port())
        known = cache.get(SITES_KEY) or {}
        if host in known:
            request._wagtail_site = known[host]
        response = self.get_response(request)
        if host not in known and hasattr(request, "_wagtail_site") and len(known) < MAX_HOSTS:
            cache.set(SITES_KEY, {**known, host: kept_site(request._wagtail_site)}, SITES_SECONDS)
        return response


def kept_site(site):
    """``site`` as the entry keeps it: its own fields and its root page's row, nothing a request
    attached to them (a request that served the home page would leave the whole page on it)."""
    if site is None:
        return None
    kept = Site(**{field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields})
    root = Page.objects.filter(pk=site.root_page_id).first()
    if root is not None:
        kept.root_page = root.specific_deferred
    return kept


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def sites_changed(sender, **kwargs):
    cache.delete(SITES_KEY)
    # And once the change commits: a request reading the sites meanwhile may have kept the old ones.
    transaction.on_commit(lambda: cache.delete(SITES_KEY))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
@receiver(post_delete)
def root_page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.pk and Site.objects.filter(root_page_id=instance.pk).exists():
        sites_changed(Site)
