"""The year's rectification figures for the dashboard: plans opened and closed, the median days
from a plan's creation to a task's completion, and the share of re-checked items that passed."""

import datetime as dt
from statistics import median

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from .models import Plan, ReCheck, Task


def year_bounds(year):
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def yearly_figures(year=None, now=None):
    now = now or timezone.now()
    year = year or timezone.localtime(now).year
    start, end = year_bounds(year)
    plans = Plan.objects.aggregate(
        opened=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
        closed=Count("pk", filter=Q(closed_at__gte=start, closed_at__lt=end)),
    )
    durations = (
        Task.objects.filter(status=Task.Status.DONE, completed_at__gte=start, completed_at__lt=end)
        .annotate(took=F("completed_at") - F("plan__created_at"))
        .values_list("took", flat=True)
    )
    days = [max(took.total_seconds(), 0) / 86400 for took in durations]
    rechecks = ReCheck.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
        count=Count("pk"), passed=Sum("passed"), failed=Sum("failed")
    )
    passed, failed = rechecks["passed"] or 0, rechecks["failed"] or 0
    return {
        "year": year,
        "plans_opened": plans["opened"],
        "plans_closed": plans["closed"],
        "tasks_done": len(days),
        "median_days": round(median(days), 1) if days else None,
        "rechecks": rechecks["count"],
        "recheck_items": passed + failed,
        "recheck_pass_rate": round(100 * passed / (passed + failed)) if passed + failed else None,
    }


def sees_indicators(user):
    """Editors and superusers: the figures count every firm's plans, so no firm's officer sees them."""
    from portal.roles import EDITORS

    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())
