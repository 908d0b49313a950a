"""学时: course credit hours on completion plus event hours on check-in, the same figure everywhere."""

import io
import json
from decimal import Decimal

from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Enterprise, Membership
from accounts.training import format_hours, hours_for, hours_of
from courses.models import Certificate
from tests.courses.test_certificates import pass_quiz, watch_everything
from tests.events.factories import RegistrationFactory, make_event, make_index


def complete(user, course):
    watch_everything(user, course)
    pass_quiz(user, course)


def test_hours_are_credit_hours_on_completion_plus_checked_in_events(home, course, enrolled, other_user):
    course.credit_hours = Decimal("1.5")
    course.save()
    assert hours_of(enrolled).total == 0  # nothing before completion
    complete(enrolled, course)
    event = make_event(make_index(home), training_hours=Decimal("3"))
    RegistrationFactory(event=event, user=enrolled, checked_in_at=timezone.now(), training_hours=Decimal("3"))
    RegistrationFactory(event=event, user=other_user)  # not checked in: no hours
    hours = hours_of(enrolled)
    assert (hours.courses, hours.events, hours.total) == (Decimal("1.5"), Decimal("3"), Decimal("4.5"))
    assert hours.year(timezone.localdate().year) == Decimal("4.5")
    assert hours_for([enrolled.pk, other_user.pk])[other_user.pk].total == 0
    certificate = Certificate.objects.get(user=enrolled, course=course)
    assert certificate.training_hours == Decimal("1.5") and certificate.hours_display == "1.5"
    assert format_hours(Decimal("2.00")) == "2"


def test_every_screen_and_export_shows_the_service_figure(client, home, course, enrolled):
    course.credit_hours = Decimal("2")
    course.save()
    firm = Enterprise.objects.create(
        name="温州瓯江数智软件有限公司", credit_code="91330302MA2AB7KX1X", size="micro"
    )
    Membership.objects.create(user=enrolled, enterprise=firm, role=Membership.Role.OFFICER)
    complete(enrolled, course)
    client.force_login(enrolled)
    assert "累计 2.00 学时" in client.get("/me/").content.decode()
    certificate = Certificate.objects.get(user=enrolled)
    verify = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert "<dd>2</dd>" in verify
    data = json.loads(client.get("/me/data.json").content)
    assert data["training_hours"]["total"] == "2.00"
    page = client.get("/me/enterprise/training/").content.decode()
    assert "staff-hours" in page
    workbook = load_workbook(
        io.BytesIO(b"".join(client.get("/me/enterprise/training.xlsx").streaming_content))
    )
    assert workbook.sheetnames == ["员工学习", "学时汇总"]
    learning, totals = workbook["员工学习"], workbook["学时汇总"]
    assert learning.freeze_panes == "A2" and totals.freeze_panes == "A2"
    assert learning["F1"].value == "学时" and learning["F2"].value == 2
    assert learning["I2"].is_date and learning["K2"].value == "有效"
    assert [c.value for c in totals[1]][-1] == "累计学时" and totals["F2"].value == 2
