"""Demo loader idempotence, the admin's holiday and settings screens, and the detail pages' query counts."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import demo as accounts_demo
from consult import demo, services
from consult.models import ConsultationRequest, ConsultSettings, Department, PublicHoliday, Status
from consult.models.desk import validate_working_hours
from portal import demo as portal_demo
from tests.conftest import make_user

from .factories import submit

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_state(home):
    accounts_demo.load(io.StringIO())
    portal_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (
        Department.objects.count(),
        PublicHoliday.objects.count(),
        ConsultationRequest.objects.count(),
    )
    demo.load(io.StringIO())
    assert counts == (
        Department.objects.count(),
        PublicHoliday.objects.count(),
        ConsultationRequest.objects.count(),
    )
    assert counts[0] == 5
    assert set(ConsultationRequest.objects.values_list("status", flat=True)) == set(Status.values)
    # Some within, some past their deadlines.
    requests = list(ConsultationRequest.objects.all())
    assert any(r.within_limits is True for r in requests)
    assert any(r.within_limits is False for r in requests)
    config = services.clock_settings()
    calendar = services.work_calendar(config)
    assert any(services.deadline_flag(r, calendar, config)[0] == "overdue" for r in requests)
    # Every department has an admin group with staff who may use the admin.
    for department in Department.objects.all():
        staff = list(department.staff())
        assert len(staff) == 2
        assert all(user.has_perm("wagtailadmin.access_admin") for user in staff)
    # Each department has a lead among its staff; China's holidays come from chinese-calendar.
    assert all(d.lead in d.staff() for d in Department.objects.all())
    assert not PublicHoliday.objects.exists()


@pytest.mark.parametrize("value", ["08:30-12:00", "08:30-12:00, 13:30-17:30", "9:00-17:00"])
def test_valid_working_hours(value):
    validate_working_hours(value)


@pytest.mark.parametrize("value", ["", "all day", "17:30-08:30", "08:30-12:00, 11:30-17:30"])
def test_invalid_working_hours_get_a_chinese_message(value):
    with pytest.raises(ValidationError, match="工作时间格式"):
        validate_working_hours(value)


def test_holidays_and_settings_are_edited_in_the_admin(client):
    admin = make_user("admin@gov.example", is_superuser=True, is_staff=True)
    client.force_login(admin)
    add_url = reverse("wagtailsnippets_consult_publicholiday:add")
    response = client.post(add_url, {"date": "2026-12-31", "name": "测试假日", "is_workday": ""})
    assert response.status_code == 302
    assert PublicHoliday.objects.filter(date="2026-12-31").exists()
    settings_url = reverse(
        "wagtailsettings:edit", args=["consult", "consultsettings", ConsultSettings.load().pk]
    )
    assert client.get(settings_url).status_code == 200
    response = client.post(
        settings_url,
        {
            "working_hours": "12:00-08:00",
            "ack_minutes": 30,
            "simple_days": 1,
            "complex_days": 5,
            "ack_warning_minutes": 10,
            "answer_warning_minutes": 120,
            "annual_target": 60,
            "satisfaction_target": 90,
        },
    )
    assert response.status_code == 200  # re-shown with the error
    assert "工作时间格式" in response.content.decode()
    assert ConsultSettings.load().working_hours == "08:30-12:00, 13:30-17:30"


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_detail_pages_have_bounded_queries(client, desk):
    request = submit(desk.asker)
    services.answer(request, desk.justice_staff, "第一次答复")
    client.force_login(desk.asker)
    _count(client, request.get_absolute_url())
    public_few = _count(client, request.get_absolute_url())
    client.force_login(desk.justice_staff)
    admin_url = reverse("consult_admin:detail", args=[request.pk])
    _count(client, admin_url)
    admin_few = _count(client, admin_url)

    for n in range(4):
        services.reply(request, desk.asker, f"追问 {n}")
        services.answer(request, desk.justice_staff, f"答复 {n}")
    client.force_login(desk.asker)
    _count(client, request.get_absolute_url())
    assert _count(client, request.get_absolute_url()) == public_few
    client.force_login(desk.justice_staff)
    _count(client, admin_url)
    assert _count(client, admin_url) == admin_few
