"""Demo content for events (``events.yaml``, ``people.yaml``): the 白鹿法治论坛, compliance salons,
lectures and trainings, past and upcoming, with registrations, check-ins and feedback so the
organisers' indicators show real figures.

Idempotent: pages are found by slug, people by email, registrations by (event, person).
Registrations are written directly (no emails are queued for demo people).
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Page

from accounts.demo import ensure_user
from core import demodata
from events.models import (
    EventIndexPage,
    EventOrganiser,
    EventPage,
    EventSpeaker,
    Feedback,
    Registration,
    RegistrationQuestion,
)
from events.permissions import let_group_run_events
from library.models import Industry
from portal.demo import ensure_child, get_home
from portal.roles import ORGANISERS

Status = Registration.Status


def _people(spec):
    # The accounts demo's people (with their names and firms) when it has run.
    emails = spec["portal_people"]
    by_email = {u.email: u for u in get_user_model().objects.filter(email__in=emails)}
    people = [by_email[email] for email in emails if email in by_email]
    for attendee in spec["attendees"]:
        user = ensure_user(attendee["email"], attendee["name"])
        if not user.profile.phone:
            user.profile.phone = attendee["phone"]
            user.profile.save()
        people.append(user)
    return people


def _organiser(spec):
    user = ensure_user(spec["email"], spec["name"])
    group, _created = Group.objects.get_or_create(name=ORGANISERS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    # Organisers see their own events' registrations; no content role sees everyone's.
    return user, group


def _related_links(home):
    links = []
    for section, block in (("guidelines", "guideline"), ("courses", "course")):
        pages = Page.objects.live().filter(
            url_path__startswith=f"{home.url_path}{section}/", depth=home.depth + 2
        )
        links += [(block, page) for page in pages.order_by("path")[:2]]
    return links


def _start_time(value):
    # YAML 1.1 reads an unquoted 14:30 as sexagesimal minutes (870).
    if isinstance(value, int):
        return divmod(value, 60)
    hour, minute = (int(part) for part in str(value).split(":"))
    return hour, minute


def _ensure_event(index, spec, industries, organiser, group, links):
    existing = index.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    hour, minute = _start_time(spec["start"])
    start = (now + timedelta(days=spec["days_from_now"])).replace(hour=hour, minute=minute)
    end = start + timedelta(hours=spec["hours"])
    return ensure_child(
        index,
        EventPage,
        spec["slug"],
        title=spec["title"],
        kind=spec["kind"],
        summary=spec["summary"],
        start_at=start,
        end_at=end,
        venue=spec["venue"],
        address=spec["address"],
        online_url=spec.get("online_url", ""),
        capacity=spec["capacity"],
        training_hours=Decimal(str(spec["training_hours"])),
        requires_approval=spec.get("requires_approval", False),
        registration_opens_at=start - timedelta(days=30),
        body=[("paragraph", f"<p>{spec['summary']}</p>")],
        agenda=[("agenda_item", item) for item in spec["agenda"]],
        related_links=links,
        industries=[industries[code] for code in spec["industries"] if code in industries],
        organiser_links=[EventOrganiser(user=organiser)],
        organiser_group=group,
        speakers=[EventSpeaker(name=s["name"], affiliation=s["topic"]) for s in spec["speakers"]],
        questions=[
            RegistrationQuestion(
                label=q["label"], kind=q["kind"], options=q["options"], required=q["required"]
            )
            for q in spec.get("questions", [])
        ],
    )


def _rating(feedback, number, attendee):
    for low in feedback["low_ratings"]:
        if (low["event"], low["attendee"]) == (number, attendee):
            return low["rating"], low["comment"]
    comments = {entry["attendee"]: entry["comment"] for entry in feedback["comments"]}
    ratings = feedback["ratings"]
    return ratings[attendee % len(ratings)], comments.get(attendee, "")


def _ensure_registrations(event, people, count, organiser, number, feedback):
    """Past events: everyone confirmed, most checked in, most rated. Upcoming: up to capacity, then waitlist."""
    past = event.end_at < timezone.now()
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    for i, person in enumerate(people[:count]):
        registration = (
            Registration.objects.filter(event=event, user=person).exclude(status=Status.CANCELLED).first()
        )
        if registration is None:
            if event.requires_approval and not past:
                status = Status.PENDING if i else Status.CONFIRMED
            else:
                status = Status.CONFIRMED if confirmed < event.capacity else Status.WAITLISTED
            confirmed += status == Status.CONFIRMED
            registration = Registration.objects.create(
                event=event,
                user=person,
                status=status,
                consent_at=event.start_at - timedelta(days=7),
                confirmed_at=event.start_at - timedelta(days=7) if status == Status.CONFIRMED else None,
                registered_by=organiser if i % 7 == 3 else None,
            )
        if past and registration.status == Status.CONFIRMED and i % 6 != 5 and not registration.checked_in_at:
            # One in six did not come.
            registration.checked_in_at = event.start_at - timedelta(minutes=10)
            registration.checked_in_by = organiser
            registration.training_hours = event.training_hours
            registration.feedback_requested_at = event.end_at + timedelta(hours=1)
            registration.save()
        if past and registration.checked_in_at and i % 5 != 4:
            rating, comment = _rating(feedback, number, i)
            Feedback.objects.get_or_create(
                registration=registration, defaults={"rating": rating, "comment": comment}
            )


def ensure_schedules():
    from events.jobs import ensure_schedules as ensure_job_schedules

    ensure_job_schedules()


def load(stdout):
    data = demodata.read(__file__, "events")
    people_spec = demodata.read(__file__, "people")
    home = get_home()
    section = data["index"]
    index = ensure_child(
        home, EventIndexPage, section["slug"], title=section["title"], intro=section["intro"]
    )
    industries = {industry.code: industry for industry in Industry.objects.all()}
    organiser, group = _organiser(people_spec["organiser"])
    let_group_run_events(index, group)
    people = _people(people_spec)
    links = _related_links(home)
    for number, spec in enumerate(data["events"]):
        event = _ensure_event(index, spec, industries, organiser, group, links)
        # Rotate who comes so each person has a different history.
        offset = number * 3 % len(people)
        rotated = people[offset:] + people[:offset]
        _ensure_registrations(event, rotated, spec["attendees"], organiser, number, people_spec)
    ensure_schedules()
    stdout.write(
        f"  活动：{EventPage.objects.count()} 场，报名 {Registration.objects.count()} 条；"
        f"组织者账户 {organiser.email}"
    )
