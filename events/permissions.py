"""Who may manage which event's registrations."""

from django.db.models import Q

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
    return EventPage.objects.filter(
        Q(organisers=user) | Q(organiser_group__in=user.groups.values("pk"))
    ).distinct()


def manages_any_event(user):
    return can_manage_all(user) or managed_events(user).exists()
