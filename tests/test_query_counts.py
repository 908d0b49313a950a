"""Every public page runs the same number of queries with 10 items as with 1,000 (DESIGN.md), and an
anonymous visitor's pages no more than their budget.

One module-scoped build: a small generated site (about ten of each kind) is measured
page by page, then every kind grows to about a thousand (tests/bench/factories, in bulk) and
the same pages are measured again; everything is rolled back at the end. Each page is
requested once to warm the per-process caches (site root paths, content types,
settings), then the anonymous page cache is invalidated so the measured request renders.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from core.cache import invalidate_everything
from tests.bench import factories

SMALL, LARGE = 10, 1000

# One worker builds the module's site (about a minute of CPU) and runs every page against it.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("query-counts"), pytest.mark.slow]

# (label, who): "anon" is an anonymous visitor, "user" a signed-in learner and enterprise member.
PAGES = [
    ("home", "anon"),
    ("home", "user"),
    ("guideline index", "anon"),
    ("guideline page", "anon"),
    ("guideline page filtered", "anon"),
    ("flexible enforcement list", "anon"),
    ("contact points", "anon"),
    ("case list", "anon"),
    ("case list by industry", "anon"),
    ("case list by type", "anon"),
    ("case list by year", "anon"),
    ("case list page 2", "anon"),
    ("case detail", "anon"),
    ("course list", "anon"),
    ("course list", "user"),
    ("course page", "anon"),
    ("course page", "user"),
    ("lesson page", "user"),
    ("drill list", "anon"),
    ("drill list", "user"),
    ("drill page", "anon"),
    ("drill page", "user"),
    ("self-check page", "anon"),
    ("my drill results", "user"),
    ("event list", "anon"),
    ("event list past", "anon"),
    ("event list", "user"),
    ("event page", "anon"),
    ("event page", "user"),
    ("events calendar", "anon"),
    ("event calendar", "anon"),
    ("search", "anon"),
    ("search by type", "anon"),
    ("search by industry", "anon"),
    ("certificate", "anon"),
    ("consult desk", "anon"),
    ("consult desk", "user"),
    ("me", "user"),
]


class Site:
    """The generated content and the people the pages are measured for."""

    def urls(self):
        case = self.case
        return {
            "home": "/",
            "guideline index": "/guidelines/",
            "guideline page": self.guideline.url,
            "guideline page filtered": f"{self.guideline.url}?level=red",
            "flexible enforcement list": "/guidelines/flexible-enforcement/",
            "contact points": "/guidelines/contact-points/",
            "case list": "/cases/",
            "case list by industry": f"/cases/?industry={self.industry.code}",
            "case list by type": "/cases/?type=criminal",
            "case list by year": f"/cases/?year={case.year}",
            "case list page 2": "/cases/?page=2",
            "case detail": case.url,
            "course list": "/courses/",
            "course page": self.course.url,
            "lesson page": f"{self.course.url}lessons/{self.lesson.pk}/",
            "drill list": "/drills/",
            "drill page": self.drill.url,
            "self-check page": self.self_check.url,
            "my drill results": "/drills/my/",
            "event list": "/events/",
            "event list past": "/events/?tab=past",
            "event page": self.event.url,
            "events calendar": "/events/calendar.ics",
            "event calendar": f"{self.event.url}calendar.ics",
            "search": "/search/?q=合规",
            "search by type": "/search/?q=合规&type=casepage",
            "search by industry": f"/search/?q=合规&industry={self.industry.code}",
            "certificate": f"/certificates/{self.certificate.code}/",
            "consult desk": "/consult/",
            "me": "/me/",
        }


def _make_people(site):
    from tests.consult.factories import make_department, make_enterprise, make_member

    site.department = make_department("区司法局", "justice-qc", intake=True)
    site.enterprise = make_enterprise("明履鞋业")
    # Staff, not the officer: the desk lists their own requests only, so a colleague's
    # requests keep the small list shorter than a page (a per-row query shows up then).
    site.user = make_member(site.enterprise, email="learner@example.com", real_name="张晓东")
    site.colleague = make_member(site.enterprise, email="colleague@example.com", real_name="李婷")


def _bulk_users(count, stem):
    User = get_user_model()
    return User.objects.bulk_create(
        [User(username=f"{stem}{n}", email=f"{stem}{n}@example.com") for n in range(count)], batch_size=500
    )


def _add_activity(site, courses, events, drills, count, runs, consultations):
    """The learner's own rows: enrolments, registrations, certificates, drill runs, consultations."""
    from consult.models import ConsultationRequest
    from courses.drills.models import DrillRun
    from courses.models import Certificate, LessonProgress

    user, now = site.user, timezone.now()
    enrolled = {e.course_id for e in user.enrolments.all()}
    factories.enrol(user, [c for c in courses if c.pk not in enrolled][:count])
    registered = set(user.event_registrations.values_list("event_id", flat=True))
    factories.register(user, [e for e in events if e.pk not in registered][:count])
    Certificate.objects.bulk_create(
        [
            Certificate(
                user=user, course_id=c.pk, holder_name="张晓东", course_title=c.title, training_hours=2
            )
            for c in courses[:count]
        ],
        batch_size=500,
    )
    DrillRun.objects.bulk_create(
        [
            DrillRun(user=user, scenario_id=d.pk, status="completed", finished_at=now, score=30, max_score=40)
            for d in drills[:runs]
        ],
        batch_size=500,
    )
    ConsultationRequest.objects.bulk_create(
        [
            ConsultationRequest(
                enterprise=site.enterprise,
                asker=user if n < consultations else site.colleague,
                title=f"咨询第{n}号:试用期辞退是否需要补偿?",
                description="员工试用期表现不佳,公司想解除合同,需要注意什么?",
                department=site.department,
                ack_due_at=now + dt.timedelta(minutes=30),
                answer_due_at=now + dt.timedelta(days=1),
            )
            for n in range(max(count, consultations))
        ],
        batch_size=500,
    )
    done = set(LessonProgress.objects.filter(user=user).values_list("lesson_id", flat=True))
    LessonProgress.objects.bulk_create(
        [
            LessonProgress(user=user, lesson=lesson, watched_seconds=60, completed_at=now)
            for lesson in site.course.lessons.all()
            if lesson.pk not in done
        ],
        batch_size=500,
    )


def _registrations(event, count):
    from events.models import Registration

    now = timezone.now()
    Registration.objects.bulk_create(
        [
            Registration(event_id=event.pk, user=user, status="confirmed", consent_at=now, confirmed_at=now)
            for user in _bulk_users(count, f"p{event.pk}-{Registration.objects.count()}-")
        ],
        batch_size=500,
    )


def build_small():
    from courses.drills.models import SelfCheckPage
    from library.models import ContactPoint

    site = Site()
    home, site.indexes = factories.ensure_site()
    site.section = factories.ensure_articles_section(home)
    industries = factories.generate_industries(3, seed=1)
    site.industry = industries[0]
    site.images = factories.generate_images(3, seed=1)
    guidelines = factories.generate_guidelines(
        site.indexes["guidelines"], [industries[n % 3] for n in range(SMALL)], SMALL * SMALL, seed=1
    )
    site.guideline = guidelines[0]
    ContactPoint.objects.bulk_create(
        [
            ContactPoint(
                association=f"第{n}行业协会",
                industry=industries[n % 3],
                address="温州市鹿城区",
                contact_person="林主任",
                phone="0577-88000101",
                services="合规体检\n合规培训",
            )
            for n in range(SMALL)
        ]
    )
    site.cases = factories.generate_cases(site.indexes["cases"], SMALL, seed=1, industries=industries)
    site.case = next(case for case in site.cases if case.industry_id == site.industry.pk)
    site.courses = factories.generate_courses(
        site.indexes["courses"],
        SMALL,
        seed=1,
        industries=industries,
        lessons=(SMALL, SMALL),
        images=site.images,
    )
    site.course = site.courses[0]
    site.lesson = site.course.lessons.order_by("sort_order")[SMALL // 2]
    site.drills = factories.generate_drills(
        site.indexes["drills"], SMALL, seed=1, industries=industries, images=site.images
    )
    site.drill = site.drills[0]
    factories.generate_self_checks(site.indexes["drills"], industries)
    site.self_check = SelfCheckPage.objects.get(industry=site.guideline.industry)
    site.events = factories.generate_events(
        site.indexes["events"], SMALL, seed=1, industries=industries, past_share=0.3
    )
    site.event = next(e for e in site.events if not e.is_past)
    site.event.capacity = 2 * LARGE
    site.event.save(update_fields=["capacity"])
    factories.generate_articles(site.section, SMALL, seed=1)

    _make_people(site)
    _registrations(site.event, SMALL)
    # Fewer drill runs and own consultations than their panels show (5 and 10 rows).
    _add_activity(site, site.courses, site.events, site.drills, SMALL, runs=3, consultations=4)
    site.certificate = site.user.certificates.first()
    return site


def grow(site):
    from library.models import ContactPoint

    more = LARGE - SMALL
    factories.generate_guideline_items(site.guideline, more, seed=2)
    factories.generate_guidelines(
        site.indexes["guidelines"], [site.industry] * more, more, seed=2, finish=False
    )
    ContactPoint.objects.bulk_create(
        [
            ContactPoint(
                association=f"第{SMALL + n}行业协会",
                industry=site.industry,
                address="温州市鹿城区",
                contact_person="林主任",
                phone="0577-88000101",
                services="合规体检\n合规培训",
            )
            for n in range(more)
        ],
        batch_size=500,
    )
    # Cases and events carry industries and kinds into the search facets: in the site's search
    # (not Wagtail's admin search nor its reference index: no measured page reads those).
    cases = factories.generate_cases(site.indexes["cases"], more, seed=2, finish=False)
    factories.finish_pages(cases, references=False, admin_search=False)
    courses = factories.generate_courses(
        site.indexes["courses"],
        more,
        seed=2,
        lessons=(1, 1),
        questions=(1, 1),
        images=site.images,
        finish=False,
    )
    factories.generate_lessons(site.course, more, seed=2)
    drills = factories.generate_drills(
        site.indexes["drills"], more, seed=2, steps=1, images=site.images, finish=False
    )
    events = factories.generate_events(site.indexes["events"], more, seed=2, past_share=0.3, finish=False)
    factories.finish_pages(events, references=False, admin_search=False)
    factories.generate_articles(site.section, more, seed=2, finish=False)
    _registrations(site.event, more)
    _add_activity(site, courses, events, drills, more, runs=more, consultations=more)


def measure(site, clients):
    counts = {}
    urls = site.urls()
    for label, who in PAGES:
        url = urls[label]
        client = clients[who]
        first = client.get(url)
        assert first.status_code == 200, f"{who} {url}: {first.status_code}"
        invalidate_everything()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{who} {url}: {response.status_code}"
        assert response.get("X-Page-Cache") != "hit", f"{url} was served from the page cache"
        counts[(label, who)] = (url, len(queries), [q["sql"] for q in queries])
    return counts


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))  # cover images
    with media, django_db_blocker.unblock(), transaction.atomic():
        site = build_small()
        clients = {"anon": Client(), "user": Client()}
        clients["user"].force_login(site.user)
        small = measure(site, clients)
        grow(site)
        large = measure(site, clients)
        transaction.set_rollback(True)
    return small, large


# The most queries an anonymous visitor's uncached public page may take (on the small site): a
# page that needs one more says why here. Locales, view restrictions and the site are read at
# most once a request (core.request_memo, core.sites), a guideline's items come from fragments.
MOST_QUERIES = {
    "home": 9,
    "guideline index": 9,
    "guideline page": 16,
    "guideline page filtered": 16,
    "flexible enforcement list": 12,
    "contact points": 8,
    "case list": 11,
    "case detail": 12,
    "course list": 13,
    "course page": 11,
    "drill list": 11,
    "drill page": 12,
    "self-check page": 11,
    "event list": 11,
    "event page": 11,
}


@pytest.mark.parametrize("label", MOST_QUERIES)
def test_public_pages_keep_to_their_query_budget(counts, label):
    small, _large = counts
    url, queries, sql = small[(label, "anon")]
    assert queries <= MOST_QUERIES[label], f"{url}: {queries} queries:\n" + "\n".join(sql)


@pytest.mark.parametrize(("label", "who"), PAGES, ids=[f"{label} ({who})" for label, who in PAGES])
def test_query_count_does_not_grow_with_content(counts, label, who):
    small, large = counts
    url, few, few_sql = small[(label, who)]
    _url, many, many_sql = large[(label, who)]
    if few != many:
        extra = "\n".join(many_sql[-10:])
        pytest.fail(
            f"{url} ({who}): {few} queries with {SMALL} items, {many} with {LARGE}; last queries:\n{extra}"
        )
