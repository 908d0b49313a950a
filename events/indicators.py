"""The year's figures for organisers, measured against the pilot plan's targets."""

from django.db.models import Count, Q
from django.utils import timezone

from events.models import EventPage, Feedback, Registration

# 每年开展预防性法治教育20次; 法治营商环境企业满意度达到90%以上.
TARGET_SESSIONS = 20
TARGET_SATISFACTION = 90


def yearly_figures(year=None, now=None):
    now = now or timezone.now()
    year = year or timezone.localtime(now).year
    held = EventPage.objects.live().filter(start_at__year=year, end_at__lte=now)
    held_ids = held.values("pk")
    attendees = Registration.objects.filter(
        event_id__in=held_ids, status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
    ).count()
    ratings = Feedback.objects.filter(registration__event_id__in=held_ids).aggregate(
        total=Count("pk"), satisfied=Count("pk", filter=Q(rating__gte=Feedback.SATISFIED_FROM))
    )
    satisfaction = round(100 * ratings["satisfied"] / ratings["total"]) if ratings["total"] else None
    sessions = held.count()
    return {
        "year": year,
        "sessions": sessions,
        "sessions_target": TARGET_SESSIONS,
        "sessions_percent": min(round(100 * sessions / TARGET_SESSIONS), 100),
        "attendees": attendees,
        "ratings": ratings["total"],
        "satisfaction": satisfaction,
        "satisfaction_target": TARGET_SATISFACTION,
        "satisfaction_met": satisfaction is not None and satisfaction >= TARGET_SATISFACTION,
        "upcoming": EventPage.objects.live().filter(start_at__gt=now).count(),
    }


def satisfaction_of(event):
    ratings = Feedback.objects.filter(registration__event_id=event.pk).aggregate(
        total=Count("pk"), satisfied=Count("pk", filter=Q(rating__gte=Feedback.SATISFIED_FROM))
    )
    rate = round(100 * ratings["satisfied"] / ratings["total"]) if ratings["total"] else None
    return {**ratings, "rate": rate}
