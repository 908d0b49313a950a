"""Account deletion (PIPL): the person's own words and files go, the records the office keeps stay anonymous."""

import json
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Enterprise, Membership
from accounts.services import membership_of
from consult import services as consult_services
from consult.models import Attachment, ConsultationRequest, Message, Rating
from courses.models import Certificate
from events.models import Feedback, Registration
from rectification import services as rectification_services
from rectification.models import Evidence, PlanEvent
from tests.conftest import make_user
from tests.consult.factories import make_department, pdf_file
from tests.courses.factories import build_course
from tests.drills.factories import make_guideline, make_industry, make_self_check
from tests.events.factories import RegistrationFactory, make_event, make_index
from tests.rectification.factories import make_firm, run_self_check

PASSWORD = "pass-1234-word"
pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def person(home, django_capture_on_commit_callbacks):
    """A staff member with a consultation (and file), a registration with answers and feedback,
    a certificate, and a rectification note and evidence file."""
    industry = make_industry()
    items = make_guideline(home, industry)
    check = make_self_check(home, industry)
    enterprise, officer, (staff,) = make_firm(industry=industry, staff=["staff@example.com"])
    staff.profile.real_name = "李婷婷"
    staff.profile.phone = "13800138000"
    staff.profile.save()
    make_department("区司法局", "justice", intake=True)
    with django_capture_on_commit_callbacks(execute=True):
        consultation = consult_services.submit(
            staff, title="试用期辞退要补偿吗", description="我叫李婷婷,员工小王试用期……", files=[pdf_file()]
        )
    Message.objects.create(
        request=consultation, side=Message.Side.ENTERPRISE, sender=staff, text="补充:合同是三月签的"
    )
    Rating.objects.create(request=consultation, score=5, comment="李婷婷很满意", rated_by=staff)

    event = make_event(make_index(home))
    registration = RegistrationFactory(event=event, user=staff, answers={"职务": "人事经理李婷婷"})
    registration.checked_in_at = timezone.now()
    registration.save()
    Feedback.objects.create(registration=registration, rating=4, comment="讲得好——李婷婷")

    course = build_course(home)
    certificate = Certificate.objects.create(
        user=staff,
        course=course,
        holder_name="李婷婷",
        course_title=course.title,
        enterprise_name=enterprise.name,
    )

    report = run_self_check(staff, check, {items["invoice"].pk: "no"})
    plan, _created = rectification_services.create_plan(officer, self_check=report)
    task = plan.tasks.first()
    rectification_services.assign(task, membership_of(officer), staff, task.due_date)
    rectification_services.add_note(task, membership_of(staff), "李婷婷:发票已补开")
    upload = SimpleUploadedFile("李婷婷的发票.pdf", pdf_file().read(), content_type="application/pdf")
    evidence = rectification_services.add_evidence(task, membership_of(staff), upload)

    class Person:
        pass

    p = Person()
    p.__dict__.update(locals())
    return p


def delete(client, user):
    client.force_login(user)
    return client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})


def test_the_page_states_what_is_erased_and_what_is_kept_and_why(client, person):
    client.force_login(person.staff)
    page = client.get(reverse("delete_account")).content.decode()
    for erased in (
        "咨询的标题和问题描述",
        "上传的附件",
        "报名时填写的问题回答",
        "活动反馈中的意见",
        "整改证明材料",
    ):
        assert erased in page
    for kept in ("受理部门", "证书", "“315”时限考核", "印制或转发出去的证书仍需能在验证页核验真伪"):
        assert kept in page
    assert reverse("export_my_data") in page


def test_the_download_holds_everything_deletion_erases(client, person):
    client.force_login(person.staff)
    data = json.loads(client.get(reverse("export_my_data")).content)
    [consultation] = data["consultations"]
    assert consultation["description"].startswith("我叫李婷婷")
    assert consultation["attachments"] == ["合同.pdf"]
    assert any(m["text"] == "补充:合同是三月签的" for m in consultation["messages"])
    assert consultation["rating"] is None or consultation["rating"]["comment"] == "李婷婷很满意"
    [registration] = data["event_registrations"]
    assert registration["answers"] == {"职务": "人事经理李婷婷"}
    assert registration["feedback"]["comment"] == "讲得好——李婷婷"
    assert [note["text"] for note in data["rectification"]["notes"]] == ["李婷婷:发票已补开"]
    assert [e["name"] for e in data["rectification"]["evidence"]] == ["李婷婷的发票.pdf"]
    assert data["profile"]["real_name"] == "李婷婷" and data["profile"]["phone"] == "13800138000"


def test_deletion_erases_words_and_files_and_keeps_the_offices_records(
    client, person, django_capture_on_commit_callbacks
):
    attachment = Attachment.objects.get(request=person.consultation)
    attachment_path, evidence_path = attachment.file.path, person.evidence.file.path
    assert os.path.exists(attachment_path) and os.path.exists(evidence_path)
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(client, person.staff)
    assert response.status_code == 302

    # The consultation happened, in that department, at those times; its words and files are gone.
    consultation = ConsultationRequest.objects.get(pk=person.consultation.pk)
    assert consultation.department.name == "区司法局"
    assert consultation.submitted_at == person.consultation.submitted_at
    assert consultation.ack_due_at == person.consultation.ack_due_at
    assert consultation.description == "" and "李婷婷" not in consultation.title
    assert not Attachment.objects.filter(request=consultation).exists()
    assert not os.path.exists(attachment_path)
    assert Message.objects.get(request=consultation, sender=person.staff).text == ""
    rating = Rating.objects.get(request=consultation)
    assert rating.score == 5 and rating.comment == ""

    # Attendance stays for the figures; the answers and comment are gone.
    registration = Registration.objects.get(pk=person.registration.pk)
    assert registration.answers == {} and registration.checked_in_at is not None
    feedback = Feedback.objects.get(registration=registration)
    assert feedback.rating == 4 and feedback.comment == ""

    # Rectification: the note and the evidence file are gone, the plan and task stay.
    assert not Evidence.objects.filter(pk=person.evidence.pk).exists()
    assert not os.path.exists(evidence_path)
    notes = PlanEvent.objects.filter(
        actor=person.staff, kind__in=[PlanEvent.Kind.NOTE, PlanEvent.Kind.EVIDENCE]
    )
    assert notes.exists() and set(notes.values_list("text", flat=True)) == {""}
    assignment = PlanEvent.objects.get(task=person.task, kind=PlanEvent.Kind.ASSIGNED)
    assert assignment.summary.startswith("责任人：已注销用户；")
    assert person.plan.tasks.filter(pk=person.task.pk).exists()

    # The account: disabled, anonymous, cannot sign in.
    user = get_user_model().objects.get(pk=person.staff.pk)
    assert not user.is_active and user.email == "" and not user.has_usable_password()
    assert user.profile.real_name == "" and user.profile.phone == "" and user.profile.erased_at
    assert not Membership.objects.filter(user=user).exists()
    assert Enterprise.objects.filter(pk=person.enterprise.pk).exists()
    assert not client.login(email="staff@example.com", password=PASSWORD)

    # Nothing the person wrote is left anywhere in the kept rows.
    dumped = json.dumps(
        [
            list(ConsultationRequest.objects.values()),
            list(Message.objects.values()),
            list(Rating.objects.values()),
            list(Registration.objects.values()),
            list(Feedback.objects.values()),
            list(PlanEvent.objects.values()),
            list(Certificate.objects.values()),
        ],
        default=str,
        ensure_ascii=False,
    )
    assert "李婷婷" not in dumped


def test_an_issued_certificate_still_verifies_with_the_holder_anonymised(client, person):
    delete(client, person.staff)
    client.logout()
    certificate = Certificate.objects.get(pk=person.certificate.pk)
    assert certificate.holder_name == "李*婷"
    page = client.get(reverse("courses:certificate_verify", args=[certificate.code]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "证书有效" in text and person.course.title in text and "李婷婷" not in text


def test_a_sole_officer_is_asked_to_hand_the_firm_over_first(client, person):
    client.force_login(person.officer)
    page = client.get(reverse("delete_account")).content.decode()
    assert "唯一的合规专员" in page and reverse("enterprise_hand_over") in page
    response = client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400 and "唯一的合规专员" in response.content.decode()
    assert get_user_model().objects.get(pk=person.officer.pk).is_active

    # Hand over to the colleague, then deletion goes ahead and the firm keeps its new officer.
    client.post(reverse("enterprise_hand_over"), {"member": membership_of(person.staff).pk})
    assert membership_of(person.staff).is_officer and not membership_of(person.officer).is_officer
    assert delete(client, person.officer).status_code == 302
    assert not get_user_model().objects.get(pk=person.officer.pk).is_active
    assert list(person.enterprise.memberships.values_list("user", flat=True)) == [person.staff.pk]


def test_hand_over_is_only_to_a_member_of_ones_own_firm(client, person):
    _enterprise, _outsider_officer, (outsider,) = make_firm("另一家", number=2, staff=["out@example.com"])
    client.force_login(person.officer)
    response = client.post(reverse("enterprise_hand_over"), {"member": membership_of(outsider).pk})
    assert response.status_code == 200 and "error" in response.content.decode()
    assert not membership_of(outsider).is_officer
    client.force_login(person.staff)
    assert client.get(reverse("enterprise_hand_over")).status_code == 302


def test_a_lone_officer_may_delete_and_the_firm_stays_on_record(client, home):
    lone = make_user("lone@example.com", real_name="独行者")
    firm = Enterprise.objects.create(name="独家公司", credit_code="91110108551385082Q", size="micro")
    Membership.objects.create(user=lone, enterprise=firm, role=Membership.Role.OFFICER)
    assert delete(client, lone).status_code == 302
    assert Enterprise.objects.filter(pk=firm.pk).exists() and not firm.memberships.exists()


def test_wrong_password_erases_nothing(client, person):
    client.force_login(person.staff)
    response = client.post(reverse("delete_account"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400 and "密码不正确" in response.content.decode()
    assert ConsultationRequest.objects.get(pk=person.consultation.pk).description.startswith("我叫")
    assert get_user_model().objects.get(pk=person.staff.pk).is_active
