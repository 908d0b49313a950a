"""Forums, salons, lectures and trainings, past and upcoming, and registrations for them."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from events.models import EventPage, EventSpeaker, Registration
from library.models import Industry
from tests.bench.factories.pages import bulk_add_pages, finish_pages, generated_slug, m2m_rows, next_number
from tests.bench.factories.vocabulary import AFFILIATIONS, TERMS, VENUES, Text


def generate_events(parent, count, seed=2026, industries=None, past_share=0.2, now=None, finish=True):
    """``count`` forums, salons, lectures and trainings; about ``past_share`` of them over."""
    text = Text((seed, "events", count).__repr__())
    industries = list(industries or Industry.objects.all())
    now = now or timezone.now()
    day = now.replace(hour=14, minute=0, second=0, microsecond=0)
    number = next_number(parent, "event")
    kinds = {"forum": "白鹿法治论坛", "salon": "合规沙龙", "lecture": "法治讲座", "training": "合规培训"}
    pages, event_industries = [], []
    for n in range(count):
        kind = text.pick(list(kinds))
        past = text.rng.random() < past_share
        offset = -text.rng.randint(1, 365) if past else text.rng.randint(1, 180)
        start = day + timedelta(days=offset, hours=text.rng.choice([-5, -4, 0, 1]))
        chosen = text.rng.sample(industries, min(len(industries), text.rng.randint(0, 2)))
        term = text.pick(TERMS)
        online = text.rng.random() < 0.2
        pages.append(
            EventPage(
                title=f"{kinds[kind]}:{'、'.join(i.name for i in chosen) or '企业'}{term}(第{number + n}期)",
                slug=generated_slug("event", number + n),
                kind=kind,
                summary=f"以案说法,解读{term}的适用条件与企业合规要点。",
                start_at=start,
                end_at=start + timedelta(hours=text.rng.choice([2, 3, 4])),
                venue="" if online else text.pick(VENUES),
                address="" if online else "温州市鹿城区",
                online_url="https://meeting.example.com/j/" + str(100000 + number + n) if online else "",
                capacity=text.rng.choice([20, 30, 50, 80, 120, 200]),
                training_hours=Decimal(text.rng.choice(["0", "1.5", "2", "3"])),
                body=text.stream(2),
                first_published_at=now - timedelta(days=abs(offset) + 14) if past else now,
            )
        )
        event_industries.append(chosen)
    bulk_add_pages(parent, pages)
    m2m_rows(
        EventPage,
        "industries",
        [(page.pk, i.pk) for page, chosen in zip(pages, event_industries, strict=True) for i in chosen],
    )
    EventSpeaker.objects.bulk_create(
        [
            EventSpeaker(
                page_id=page.pk, name=text.person(), affiliation=text.pick(AFFILIATIONS), sort_order=k
            )
            for page in pages
            for k in range(text.rng.randint(1, 3))
        ],
        batch_size=500,
    )
    if finish:
        finish_pages(pages)
    return pages


def register(user, events, status="confirmed"):
    """Registrations of ``user`` for ``events`` (bulk; no capacity checks, no emails)."""
    now = timezone.now()
    return Registration.objects.bulk_create(
        [
            Registration(event_id=event.pk, user=user, status=status, consent_at=now, confirmed_at=now)
            for event in events
        ],
        batch_size=500,
    )
