"""The desk's workflow: the lead assigns and transfers, the assignee closes (办结) with a summary,
"assigned to me", the 315 figures per department, and China's holidays from chinese-calendar."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from consult import services
from consult.models import AuditEntry, PublicHoliday, Status

from .factories import at, make_staff, submit


@pytest.fixture
def led(desk):
    """The justice bureau with a lead and a second member of staff."""
    desk.lead = make_staff(desk.justice, "lead@gov.example", "周处长")
    desk.justice.lead = desk.lead
    desk.justice.save()
    desk.colleague_staff = make_staff(desk.justice, "sfj2@gov.example", "郑明")
    return desk


@pytest.mark.django_db
def test_only_the_lead_assigns_and_transfers(led):
    request = submit(led.asker)
    with pytest.raises(PermissionDenied):
        services.assign(request, led.justice_staff, led.colleague_staff)
    with pytest.raises(PermissionDenied):
        services.transfer(request, led.justice_staff, led.market, "属市场监管职责")
    request.refresh_from_db()
    assert request.assignee is None and request.department == led.justice
    services.assign(request, led.lead, led.justice_staff)
    request.refresh_from_db()
    assert request.assignee == led.justice_staff


@pytest.mark.django_db
def test_a_department_without_a_lead_lets_its_staff_assign(desk):
    request = submit(desk.asker)
    services.assign(request, desk.justice_staff, desk.justice_staff)
    assert request.assignee == desk.justice_staff


@pytest.mark.django_db
def test_the_assignee_closes_an_answered_request_with_a_summary(led):
    request = submit(led.asker)
    services.assign(request, led.lead, led.justice_staff)
    with pytest.raises(ValidationError, match="答复企业后才能办结"):
        services.finish(request, led.justice_staff, "已答复")
    services.answer(request, led.justice_staff, "试用期解除须有不符合录用条件的证据。")
    with pytest.raises(PermissionDenied):
        services.finish(request, led.colleague_staff, "不是我承办的")
    with pytest.raises(ValidationError, match="办结说明"):
        services.finish(request, led.justice_staff, "   ")
    mail.outbox.clear()
    services.finish(request, led.justice_staff, "已书面答复，企业无进一步疑问。")
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.closed_by == led.justice_staff
    assert request.closing_summary == "已书面答复，企业无进一步疑问。"
    assert request.audit_entries.filter(action=AuditEntry.Action.FINISH).exists()
    assert [m.to for m in mail.outbox] == [[led.asker.email]]
    assert "已办结" in mail.outbox[0].subject
    assert "企业无进一步疑问" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.answer(request, led.justice_staff, "办结后不能再答复")


@pytest.mark.django_db
def test_the_asker_rates_once_after_the_department_closed(client, led):
    request = submit(led.asker)
    services.answer(request, led.justice_staff, "答复内容")
    services.finish(request, led.justice_staff, "办结说明")
    client.force_login(led.asker)
    page = client.get(reverse("consult:detail", args=[request.pk])).content.decode()
    assert "办结说明" in page and "评价答复" in page
    response = client.post(reverse("consult:close", args=[request.pk]), {"score": "5", "comment": "很及时"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.rating.score == 5
    assert request.closed_by == led.justice_staff  # the department's closing stands
    with pytest.raises(ValidationError):
        services.close(request, led.asker, 4)
    assert "评价答复" not in client.get(reverse("consult:detail", args=[request.pk])).content.decode()


@pytest.mark.django_db
def test_staff_see_only_the_actions_their_role_allows(client, led):
    request = submit(led.asker)
    detail = reverse("consult_admin:detail", args=[request.pk])
    client.force_login(led.justice_staff)
    html = client.get(detail).content.decode()
    assert 'id="consult-assign"' not in html and 'id="consult-transfer"' not in html
    assert "周处长" in html  # who decides instead
    response = client.post(detail, {"action": "assign", "assign-assignee": led.colleague_staff.pk})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.assignee is None
    client.force_login(led.lead)
    html = client.get(detail).content.decode()
    assert 'id="consult-assign"' in html and 'id="consult-transfer"' in html


@pytest.mark.django_db
def test_finish_from_the_admin(client, led):
    request = submit(led.asker)
    services.assign(request, led.lead, led.justice_staff)
    services.answer(request, led.justice_staff, "答复内容")
    detail = reverse("consult_admin:detail", args=[request.pk])
    client.force_login(led.justice_staff)
    response = client.post(detail, {"action": "finish", "finish-summary": ""})
    assert response.status_code == 400
    assert "请填写办结说明" in response.content.decode()
    response = client.post(detail, {"action": "finish", "finish-summary": "已答复并电话回访。"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.CLOSED


@pytest.mark.django_db
def test_assigned_to_me(client, led):
    mine = submit(led.asker, title="我承办的咨询")
    other = submit(led.asker, title="同事承办的咨询")
    services.assign(mine, led.lead, led.justice_staff)
    services.assign(other, led.lead, led.colleague_staff)
    client.force_login(led.justice_staff)
    html = client.get(reverse("consult_admin:queue"), {"mine": "true"}).content.decode()
    assert "我承办的咨询" in html and "同事承办的咨询" not in html
    html = client.get(reverse("consult_admin:queue"), {"mine": "nonsense"}).content.decode()
    assert "我承办的咨询" in html and "同事承办的咨询" in html


@pytest.mark.django_db
def test_indicators_per_department(client, led):
    first = submit(led.asker)
    services.answer(first, led.justice_staff, "答复")
    services.transfer(submit(led.asker), led.lead, led.market, "属市场监管职责")
    figures = dict(services.department_indicators([led.justice, led.market]))
    assert figures[led.justice]["count"] == 1
    assert figures[led.market]["count"] == 1
    client.force_login(led.lead)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "各部门“315”指标" in html and "区司法局" in html


@pytest.mark.django_db
def test_public_holidays_come_from_chinese_calendar(desk):
    calendar = services.work_calendar()
    assert dt.date(2026, 10, 1) in calendar.holidays  # 国庆节
    assert dt.date(2026, 10, 10) in calendar.workdays  # 调休上班 (a Saturday)
    # A request on the eve of National Day is answered after the holiday week.
    request = submit(desk.asker, now=at(2026, 9, 30, 16, 0))
    services.classify(request, desk.justice_staff, "simple", now=at(2026, 9, 30, 16, 5))
    assert request.answer_due_at.astimezone(at(2026, 1, 1, 0).tzinfo).date() == dt.date(2026, 10, 8)


@pytest.mark.django_db
def test_the_admin_overrides_the_package_and_adds_later_years(desk):
    PublicHoliday.objects.create(date=dt.date(2026, 10, 8), name="临时调整", is_workday=False)
    PublicHoliday.objects.create(date=dt.date(2026, 10, 10), name="取消调休", is_workday=False)
    PublicHoliday.objects.create(date=dt.date(2031, 10, 1), name="国庆节", is_workday=False)
    calendar = services.work_calendar()
    assert dt.date(2026, 10, 8) in calendar.holidays
    assert dt.date(2026, 10, 10) not in calendar.workdays
    assert dt.date(2031, 10, 1) in calendar.holidays
