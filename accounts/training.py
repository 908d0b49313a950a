"""A person's training hours (学时): one service for every screen, certificate and export.

Hours are course credit hours awarded on completion plus event hours awarded on check-in. The
content apps contribute their records through the ``register_training_hours`` Wagtail hook,
``fn(user_ids) -> iterable of TrainingRecord``, so this module knows no content app.

    hours_of(user).total, hours_of(user).year(2026)        # one person
    hours_for([user_id, ...])  -> {user_id: TrainingHours}  # many, in one query per source
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

ZERO = Decimal("0.00")
KIND_LABELS = {"course": _("课程"), "event": _("活动")}


@dataclass(frozen=True)
class TrainingRecord:
    """One award of hours: a completed course or a checked-in event."""

    user_id: int
    kind: str  # "course" or "event"
    title: str
    hours: Decimal
    earned_at: dt.datetime

    @property
    def year(self):
        return (
            timezone.localtime(self.earned_at).year
            if timezone.is_aware(self.earned_at)
            else self.earned_at.year
        )

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class TrainingHours:
    """A person's records and their sums: in total, per kind and per calendar year."""

    records: list = field(default_factory=list)

    @property
    def total(self):
        return sum((r.hours for r in self.records), start=ZERO)

    def of_kind(self, kind):
        return sum((r.hours for r in self.records if r.kind == kind), start=ZERO)

    @property
    def courses(self):
        return self.of_kind("course")

    @property
    def events(self):
        return self.of_kind("event")

    def year(self, year=None):
        year = year or timezone.localdate().year
        return sum((r.hours for r in self.records if r.year == year), start=ZERO)

    @property
    def this_year(self):
        return self.year()

    @property
    def by_year(self):
        """{year: hours}, newest year first."""
        years = {}
        for record in self.records:
            years[record.year] = years.get(record.year, ZERO) + record.hours
        return dict(sorted(years.items(), reverse=True))

    def as_data(self):
        """JSON-ready, for the personal-data download."""
        return {
            "total": str(self.total),
            "by_year": {str(year): str(hours) for year, hours in self.by_year.items()},
            "records": [
                {
                    "kind": r.kind,
                    "title": r.title,
                    "hours": str(r.hours),
                    "earned_at": r.earned_at.isoformat(),
                }
                for r in self.records
            ],
        }


def hours_for(user_ids):
    """{user id: TrainingHours} for several people; one query per contributing app."""
    user_ids = list(user_ids)
    result = {user_id: TrainingHours() for user_id in user_ids}
    if not user_ids:
        return result
    for hook in hooks.get_hooks("register_training_hours"):
        for record in hook(user_ids):
            if record.user_id in result and record.hours:
                result[record.user_id].records.append(record)
    for hours in result.values():
        hours.records.sort(key=lambda r: r.earned_at, reverse=True)
    return result


def hours_of(user):
    """One person's TrainingHours (empty for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return TrainingHours()
    return hours_for([user.pk])[user.pk]


def format_hours(value):
    """1.50 → "1.5", 2.00 → "2", as the hours are printed on a certificate."""
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"
