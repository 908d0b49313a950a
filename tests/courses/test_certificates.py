"""Completion, certificates (PDF with Chinese text and a QR code), public verification, revocation, reminders."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Enterprise, Membership
from courses import certificates, jobs, progress
from courses.models import Certificate, Enrolment, QuizAttempt
from courses.quiz import scoring
from tests.courses.test_quiz import correct_answers


def watch_everything(user, course):
    for lesson in course.lessons.all():
        row = progress.open_lesson(user, lesson)
        row.opened_at = timezone.now() - timedelta(seconds=lesson.duration_seconds)
        row.save()
        progress.record_playback(
            user, lesson, [[0, lesson.duration_seconds]], lesson.duration_seconds, viewing=row.viewing_token
        )


def pass_quiz(user, course):
    attempt = scoring.start_attempt(user, course)
    return scoring.submit(user, attempt.pk, correct_answers(attempt))


@pytest.fixture
def company(enrolled):
    enterprise = Enterprise.objects.create(
        name="温州鹿城明履鞋业有限公司", credit_code="91330302MA2H5RXP3X", size="small"
    )
    Membership.objects.create(user=enrolled, enterprise=enterprise)
    return enterprise


def make_certificate(user, course, **fields):
    return Certificate.objects.create(
        user=user,
        course=course,
        holder_name="张晓东",
        course_title=course.title,
        enterprise_name="明履鞋业",
        **fields,
    )


def test_enrol_watch_quiz_certificate_end_to_end(learner_client, course, enrolled):
    course.certificate_validity_months = 12
    course.save()
    enrolled.profile.real_name = "张晓东"
    enrolled.profile.save()
    Membership.objects.create(
        user=enrolled,
        enterprise=Enterprise.objects.create(name="明履鞋业", credit_code="91330302MA2H5RXP3X", size="small"),
    )
    # The quiz alone is not enough…
    pass_quiz(enrolled, course)
    assert not Certificate.objects.exists()
    assert Enrolment.objects.get(user=enrolled).completed_at is None
    # …the required lessons must be really watched.
    watch_everything(enrolled, course)
    certificate = Certificate.objects.get(user=enrolled, course=course)
    assert Enrolment.objects.get(user=enrolled).completed_at is not None
    assert certificate.holder_name == "张晓东" and certificate.enterprise_name == "明履鞋业"
    assert certificate.training_hours == course.credit_hours  # the course's 学时, not seconds watched
    assert certificate.expires_at.date() == certificates.add_months(certificate.issued_at, 12).date()
    assert len(certificate.code) >= 20
    # Completion is idempotent: one certificate.
    certificates.check_completion(enrolled, course)
    assert Certificate.objects.count() == 1
    page = learner_client.get(course.url).content.decode()
    assert "下载结业证书" in page and certificate.code in page
    pdf = learner_client.get(course.url + "certificate/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_watching_without_passing_the_quiz_is_not_complete(course, enrolled):
    watch_everything(enrolled, course)
    assert not certificates.is_complete(enrolled, course)
    assert not Certificate.objects.exists()


def test_course_without_quiz_completes_on_lessons(home, user):
    from courses import enrolment
    from tests.courses.factories import build_course

    course = build_course(home, questions=0)
    enrolment.enrol(user, course)
    watch_everything(user, course)
    assert Certificate.objects.filter(user=user, course=course).exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_pdf_has_chinese_text_and_a_qr_image(course, enrolled, company, tmp_path, settings):
    settings.SITE_URL = "https://academy.example"
    certificate = make_certificate(enrolled, course, training_hours="1.50")
    data = certificates.render_pdf(certificate).render()
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    assert "结业证书" in text and "张晓东" in text and "明履鞋业" in text and course.title in text
    # Where the sentence wraps depends on the course title's length: read it as one line.
    assert "累计学时 1.5 小时" in text.replace("\n", " ") and certificate.code in text
    assert f"https://academy.example/certificates/{certificate.code}/" in text
    if shutil.which("pdfimages"):
        images = subprocess.run(
            ["pdfimages", "-list", str(path)], capture_output=True, check=True
        ).stdout.decode()
        assert len(images.strip().splitlines()) >= 3  # header lines + the QR code


def test_only_the_holder_downloads_the_pdf(client, course, enrolled, other_user):
    make_certificate(enrolled, course)
    client.force_login(other_user)
    assert client.get(course.url + "certificate/").status_code == 404


@pytest.mark.parametrize(
    "fields,status,label",
    [
        ({}, "valid", "证书有效"),
        ({"expires_at": timezone.now() - timedelta(days=1)}, "expired", "证书已过期"),
        ({"revoked_at": timezone.now(), "revoked_reason": "考试作弊"}, "revoked", "证书已撤销"),
    ],
)
def test_public_verification(client, course, enrolled, fields, status, label):
    certificate = make_certificate(enrolled, course, **fields)
    assert certificate.status == status
    response = client.get(f"/certificates/{certificate.code}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert label in page and "张*东" in page and "张晓东" not in page
    assert "明履鞋业" in page and course.title in page


def test_unknown_code_is_a_clear_404(client, db):
    response = client.get("/certificates/not-a-real-code/")
    assert response.status_code == 404
    assert "未找到该编号的证书" in response.content.decode()


def test_mask_name():
    assert certificates.mask_name("张晓东") == "张*东"
    assert certificates.mask_name("欧阳晓东") == "欧**东"
    assert certificates.mask_name("李婷") == "李*"
    assert certificates.mask_name("someone@example.com") == "s***"


def test_editor_revokes_in_the_admin(client, course, enrolled, admin_user):
    certificate = make_certificate(enrolled, course)
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/courses/certificate/")
    assert (
        listing.status_code == 200
        and f"/admin/courses/certificates/{certificate.pk}/revoke/" in listing.content.decode()
    )
    client.post(f"/admin/courses/certificates/{certificate.pk}/revoke/", {"reason": "信息有误"})
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_reason == "信息有误"
    assert client.get("/admin/snippets/courses/certificate/add/").status_code in (302, 403)


def test_expiry_reminder_is_sent_once(course, enrolled):
    soon = make_certificate(enrolled, course, expires_at=timezone.now() + timedelta(days=10))
    make_certificate(enrolled, course, expires_at=timezone.now() + timedelta(days=90))  # not yet
    make_certificate(
        enrolled, course, expires_at=timezone.now() + timedelta(days=5), revoked_at=timezone.now()
    )
    assert jobs.remind_expiring_certificates.call() == 1
    assert jobs.remind_expiring_certificates.call() == 0
    assert len(mail.outbox) == 1 and enrolled.email in mail.outbox[0].to
    assert "即将到期" in mail.outbox[0].subject and soon.code in mail.outbox[0].body


def test_schedules_exist(db):
    from django_q.models import Schedule

    jobs.ensure_schedules()
    jobs.ensure_schedules()
    scheduled = Schedule.objects.filter(args__startswith="'courses.jobs.")
    assert set(scheduled.values_list("func", flat=True)) == {"core.jobs.run_scheduled"}
    assert set(scheduled.values_list("args", flat=True)) == {
        "'courses.jobs.remind_expiring_certificates'",
        "'courses.jobs.remind_assignments'",
    }
    assert scheduled.count() == 2


def test_renewal_by_passing_again_near_expiry(course, enrolled):
    course.certificate_validity_months = 12
    course.save()
    watch_everything(enrolled, course)
    pass_quiz(enrolled, course)
    first = Certificate.objects.get(user=enrolled)
    # Far from expiry: no new attempt.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        scoring.start_attempt(enrolled, course)
    # Nearly expired: a fresh cycle of attempts; passing issues a new certificate.
    year_ago = timezone.now() - timedelta(days=350)
    QuizAttempt.objects.filter(user=enrolled).update(started_at=year_ago, submitted_at=year_ago)
    Certificate.objects.filter(pk=first.pk).update(
        issued_at=year_ago + timedelta(seconds=1), expires_at=timezone.now() + timedelta(days=10)
    )
    renewed = pass_quiz(enrolled, course)
    assert renewed.number == 2
    second = Certificate.objects.exclude(pk=first.pk).get(user=enrolled)
    assert second.status == "valid" and second.expires_at > timezone.now() + timedelta(days=300)
    with pytest.raises(ValidationError):  # renewed: the cycle is closed again
        scoring.start_attempt(enrolled, course)
