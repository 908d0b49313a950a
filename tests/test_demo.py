"""`manage.py load_demo` builds the demo site and is idempotent."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

# Rows that legitimately change on every run (logs, sessions, queued jobs, search index).
VOLATILE = {"sessions", "django_q", "wagtailsearch", "modelsearch", "admin", "contenttypes"}


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in VOLATILE and not model._meta.proxy
    }


# What the demo holds: the content its data files describe and what its scripted learners,
# attendees and askers leave behind. A change to the data changes these on purpose.
DEMO_CONTENT = {
    "accounts.Enterprise": 8,  # and the six footwear firms of the rectification demo
    "accounts.Membership": 11,
    "auth.User": 37,
    "portal.HomePage": 2,  # the Chinese home page and its English translation
    "portal.StandardPage": 2,
    "library.Industry": 5,
    "library.RiskArea": 8,
    "library.GuidelinePage": 6,  # five, and the eyewear guideline in English
    "library.GuidelineItem": 40,  # and the English guideline's three
    "library.FlexibleEnforcementPage": 1,
    "library.CasePage": 8,
    "library.ContactPoint": 5,
    "courses.CoursePage": 3,
    "courses.CourseInstructor": 6,
    "courses.LegalTopic": 5,
    "courses.Lesson": 9,
    "courses.Question": 27,
    "courses.Option": 90,
    "courses.Enrolment": 4,
    "courses.CourseAssignment": 2,
    "courses.QuizAttempt": 2,
    "courses.Certificate": 1,
    "drills.DrillPage": 3,
    "drills.DrillStep": 29,
    "drills.DrillChoice": 74,
    "drills.SelfCheckPage": 5,
    "drills.DrillRun": 2,
    "drills.SelfCheckResult": 7,
    "rectification.Plan": 6,
    "events.EventPage": 8,
    "events.EventSpeaker": 13,
    "events.RegistrationQuestion": 3,
    "events.Registration": 81,
    "events.Feedback": 45,
    "consult.Department": 5,
    "consult.ConsultationRequest": 10,
    "consult.Transfer": 2,
    "consult.Rating": 3,
    "wagtailcore.Page": 49,  # and the English home, its five section pages and guideline
    "wagtaildocs.Document": 3,
    "wagtailimages.Image": 3,
    "courses.CourseMedia": 6,
}


# Not transactional: pytest-django runs it with the other non-transactional tests, on the
# database exactly as the migrations left it.
@pytest.mark.slow
@pytest.mark.django_db
def test_load_demo_twice_duplicates_nothing():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = row_counts()
    call_command("load_demo", stdout=io.StringIO())
    second = row_counts()
    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert changed == {}
    assert {label: first[label] for label in DEMO_CONTENT} == DEMO_CONTENT
    # The risk picture has content: the demo's six footwear firms clear the five-firm threshold.
    from rectification import risk

    cells = {(cell.industry, cell.risk_area): cell for cell in risk.cells()}
    assert len(cells) >= 3 and all(cell.firm_count >= 5 for cell in cells.values())
    assert cells[("鞋革", "安全生产")].red_open_firm_count == 4
    # Every demo person signs in with the published demo password, and only with it.
    from django.contrib.auth import authenticate

    from accounts.demo import DEMO_PASSWORD

    for email in ("zhang.officer@demo.example", "editor@demo.example", "organiser@demo.example"):
        assert authenticate(username=email, password=DEMO_PASSWORD) is not None, email
        assert authenticate(username=email, password=DEMO_PASSWORD + "x") is None, email
    # A guideline's items come in the order its file lists them.
    from library.models import GuidelinePage

    footwear = GuidelinePage.objects.get(slug="footwear", locale__language_code="zh-hans")
    items = list(footwear.items.all())
    assert [item.sort_order for item in items] == list(range(len(items)))
    assert items[0].title == "严禁虚开增值税专用发票"
