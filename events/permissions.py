"""Who may manage which event's registrations."""

from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import GroupPagePermission

from events.models import EventPage

VIEW_ALL = "events.view_all_registrations"


def can_manage_all(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL))


def managed_events(user):
    """The events whose attendees ``user`` may see: their own, or all with the permission."""
    if not user.is_authenticated or not user.is_active:
        return EventPage.objects.none()
    if can_manage_all(user):
        return EventPage.objects.all()
    # An organiser who created the event (its Wagtail owner) manages it too.
    return EventPage.objects.filter(
        Q(organisers=user) | Q(organiser_group__in=user.groups.values("pk")) | Q(owner=user)
    ).distinct()


def manages_any_event(user):
    return can_manage_all(user) or managed_events(user).exists()


def let_group_run_events(index, group):
    """Members of ``group`` create and publish events under ``index`` and edit the ones they
    created (Wagtail's "add" permission covers pages the user owns); they see only those
    events' registrations."""
    for codename in ("add_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
