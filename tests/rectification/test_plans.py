"""Plans from reports: tasks per finding, default due dates, status rules, evidence and re-checks."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.services import membership_of
from courses.drills.models import SelfCheckResult
from rectification import recheck, services
from rectification.models import Plan, PlanEvent, ReCheck, Task

from .factories import run_self_check

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="劳动合同台账.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_every_red_and_yellow_finding_becomes_a_task_with_its_basis_and_due_date(firm, report, items):
    _enterprise, officer, _staff = firm
    plan, created = services.create_plan(officer, self_check=report)
    assert created and plan.before_red == 1 and plan.before_yellow == 1
    tasks = {task.item_id: task for task in plan.tasks.all()}
    assert set(tasks) == {items["invoice"].pk, items["contract"].pk}
    red, yellow = tasks[items["invoice"].pk], tasks[items["contract"].pk]
    assert red.level == "red" and red.legal_basis == "《刑法》第二百零五条"
    assert red.remedy == "整改:严禁虚开增值税专用发票" and red.status == Task.Status.TO_RECTIFY
    today = timezone.localdate()
    assert red.due_date == today + timedelta(days=15) and yellow.due_date == today + timedelta(days=30)
    assert red.risk_area.code == "finance-tax"
    assert PlanEvent.objects.filter(plan=plan, kind=PlanEvent.Kind.CREATED).exists()


def test_a_report_has_one_plan(firm, report):
    _enterprise, officer, (staff, _) = firm
    plan, _created = services.create_plan(officer, self_check=report)
    again, created = services.create_plan(staff, self_check=report)
    assert again == plan and not created and Plan.objects.count() == 1


def test_staff_may_open_a_plan_for_their_own_report_only(firm, report, check_page, items):
    _enterprise, _officer, (staff, staff2) = firm
    with pytest.raises(PermissionDenied):
        services.create_plan(staff2, self_check=report)
    plan, created = services.create_plan(staff, self_check=report)
    assert created and plan.created_by == staff


def test_an_outsider_cannot_open_a_plan_from_another_firms_report(firm, other_firm, report):
    _enterprise, other_officer, _ = other_firm
    with pytest.raises(PermissionDenied):
        services.create_plan(other_officer, self_check=report)


def test_a_clean_report_needs_no_plan(firm, check_page):
    _enterprise, officer, _ = firm
    clean = run_self_check(officer, check_page, {})
    with pytest.raises(ValidationError):
        services.create_plan(officer, self_check=clean)
    assert not Plan.objects.exists()


@pytest.fixture
def plan(firm, report):
    return services.create_plan(firm[1], self_check=report)[0]


def test_owner_must_belong_to_the_firm(plan, firm, other_firm):
    officer = membership_of(firm[1])
    task = plan.tasks.first()
    with pytest.raises(ValidationError):
        services.assign(task, officer, other_firm[2][0], task.due_date)
    services.assign(task, officer, firm[2][0], task.due_date)
    task.refresh_from_db()
    assert task.owner == firm[2][0]


def test_closing_needs_a_note_and_not_applicable_a_reason(plan, firm):
    officer = membership_of(firm[1])
    task = plan.tasks.first()
    with pytest.raises(ValidationError):
        services.change_status(task, officer, Task.Status.DONE, note="  ")
    with pytest.raises(ValidationError):
        services.change_status(task, officer, Task.Status.NOT_APPLICABLE)
    task.refresh_from_db()
    assert task.status == Task.Status.TO_RECTIFY
    services.change_status(task, officer, Task.Status.NOT_APPLICABLE, reason="本企业无进项发票业务")
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_APPLICABLE and task.not_applicable_reason == "本企业无进项发票业务"


def test_owners_report_progress_but_only_the_officer_closes(plan, firm):
    officer, staff = membership_of(firm[1]), membership_of(firm[2][0])
    task, other = plan.tasks.order_by("position")
    services.assign(task, officer, staff.user, task.due_date)
    services.change_status(task, staff, Task.Status.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.change_status(task, staff, Task.Status.DONE, note="已完成")
    with pytest.raises(PermissionDenied):
        services.change_status(other, staff, Task.Status.IN_PROGRESS)  # not theirs
    services.change_status(task, staff, Task.Status.REVIEW, note="已补签全部劳动合同")
    task.refresh_from_db()
    assert task.status == Task.Status.REVIEW


def test_the_plan_closes_when_every_task_is_done_or_not_applicable(plan, firm):
    officer = membership_of(firm[1])
    first, second = plan.tasks.order_by("position")
    services.change_status(first, officer, Task.Status.DONE, note="已整改")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.OPEN
    services.change_status(second, officer, Task.Status.NOT_APPLICABLE, reason="不涉及")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED and plan.closed_at
    with pytest.raises(ValidationError):
        services.add_evidence(first, officer, pdf_upload())
    services.reopen_plan(plan, officer)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.OPEN


def test_evidence_is_checked_by_content_and_kept_privately(plan, firm, settings):
    officer = membership_of(firm[1])
    task = plan.tasks.first()
    evidence = services.add_evidence(task, officer, pdf_upload())
    assert evidence.original_name == "劳动合同台账.pdf" and evidence.size == len(PDF)
    assert evidence.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not evidence.file.path.startswith(str(settings.MEDIA_ROOT))
    assert "劳动合同" not in evidence.file.name  # the stored name carries no personal data
    for bad in (
        pdf_upload("改名.pdf", b"MZ\x90\x00 not a pdf"),
        pdf_upload("script.exe", b"MZ"),
        pdf_upload("empty.pdf", b""),
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, content_type="image/png"),
    ):
        with pytest.raises(ValidationError):
            services.add_evidence(task, officer, bad)
    assert task.evidence.count() == 1


def test_an_image_with_too_many_pixels_is_refused(plan, firm):
    from PIL import Image

    officer = membership_of(firm[1])
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")  # 48 megapixels, a few kilobytes
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError, match="像素"):
        services.add_evidence(plan.tasks.first(), officer, upload)


def test_a_zip_bomb_disguised_as_a_document_is_refused(plan, firm):
    import zipfile

    officer = membership_of(firm[1])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (20 * 1024 * 1024))
    upload = SimpleUploadedFile("制度.docx", buffer.getvalue(), content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="解压"):
        services.add_evidence(plan.tasks.first(), officer, upload)


def _answers(questions, **by_item):
    return {f"item-{item.pk}": by_item.get(str(item.pk), "yes") for item in questions}


def test_recheck_closes_passing_tasks_reopens_failing_ones_and_keeps_history(plan, firm, items):
    officer = membership_of(firm[1])
    tasks = {task.item_id: task for task in plan.tasks.all()}
    for task in tasks.values():
        services.change_status(task, officer, Task.Status.REVIEW, note="已整改,待复查")
    questions = recheck.questions_for(plan, ReCheck.Scope.FAILED)
    assert {item.pk for item in questions} == set(tasks)
    data = _answers(questions, **{str(items["contract"].pk): "no"})
    first = recheck.record_recheck(plan, officer, ReCheck.Scope.FAILED, questions, data)
    assert (first.passed, first.failed) == (1, 1)
    assert (first.before_red, first.before_yellow, first.after_red, first.after_yellow) == (1, 1, 0, 1)
    invoice, contract = (
        Task.objects.get(pk=tasks[items["invoice"].pk].pk),
        Task.objects.get(pk=tasks[items["contract"].pk].pk),
    )
    assert invoice.status == Task.Status.DONE and invoice.after_level == "green"
    assert contract.status == Task.Status.IN_PROGRESS and contract.after_level == "yellow"
    plan.refresh_from_db()
    assert plan.status == Plan.Status.OPEN and plan.after_red == 0 and plan.after_yellow == 1

    full = recheck.questions_for(plan, ReCheck.Scope.FULL)
    second = recheck.record_recheck(plan, officer, ReCheck.Scope.FULL, full, _answers(full))
    plan.refresh_from_db()
    assert second.result.page == plan.self_check_page and plan.status == Plan.Status.CLOSED
    assert list(plan.rechecks.order_by("created_at")) == [first, second]
    assert SelfCheckResult.objects.filter(rectification_rechecks__plan=plan).count() == 2


def test_only_the_officer_rechecks(plan, firm):
    staff = membership_of(firm[2][0])
    questions = recheck.questions_for(plan, ReCheck.Scope.FAILED)
    with pytest.raises(PermissionDenied):
        recheck.record_recheck(plan, staff, ReCheck.Scope.FAILED, questions, _answers(questions))
    assert not ReCheck.objects.exists()
