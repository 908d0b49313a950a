"""Completion and certificates: issue once complete, render the PDF, verify publicly, revoke."""

import io
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import display_name
from accounts.services import membership_of
from core import qr
from core.emails import site_url
from courses.models.certificate import Certificate, certificate_settings, current_issuer
from courses.models.enrolment import Enrolment
from courses.models.quiz import QuizAttempt
from courses.progress import course_progress
from courses.quiz.scoring import has_questions, renewal_since


def add_months(moment, months):
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    import calendar

    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def quiz_passed(user, course):
    return QuizAttempt.objects.filter(user=user, course=course, passed=True).exists()


def is_complete(user, course, progress=None):
    """Required lessons done, and the quiz passed when the course requires one and has questions."""
    progress = progress or course_progress(user, course)
    if not progress.required_done:
        return False
    if course.requires_quiz and has_questions(course):
        return quiz_passed(user, course)
    return True


def current_certificate(user, course):
    """The learner's newest certificate for the course that is neither revoked nor expired."""
    now = timezone.now()
    return (
        Certificate.objects.filter(user=user, course=course, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .order_by("-issued_at")
        .first()
    )


def on_learning_step_completed(sender, user, course, **kwargs):
    check_completion(user, course)


@transaction.atomic
def check_completion(user, course):
    """Mark the enrolment complete and issue a certificate once; returns the certificate or None."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(user=user, course=course, status=Enrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None:
        return None
    progress = course_progress(user, course)
    if not is_complete(user, course, progress):
        return None
    now = timezone.now()
    if enrolment.completed_at is None:
        enrolment.completed_at = now
        enrolment.save(update_fields=["completed_at"])
    existing = current_certificate(user, course)
    since = renewal_since(user, course, now)
    if existing and since is None:
        return existing
    if since is not None and course.requires_quiz and has_questions(course):
        # Renewing needs a fresh pass after the certificate that is running out.
        if not QuizAttempt.objects.filter(
            user=user, course=course, passed=True, submitted_at__gt=since
        ).exists():
            return existing
    membership = membership_of(user)
    expires = (
        add_months(now, course.certificate_validity_months) if course.certificate_validity_months else None
    )
    return Certificate.objects.create(
        user=user,
        course=course,
        holder_name=display_name(user),
        enterprise_name=membership.enterprise.name if membership else "",
        course_title=course.title,
        issuer_name=current_issuer(),
        training_hours=course.credit_hours,
        issued_at=now,
        expires_at=expires,
    )


def revoke(certificate, reason=""):
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason[:200]
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate


def mask_name(name):
    """张晓东 → 张*东, 李婷 → 李*, an e-mail → its first letter and ***."""
    name = (name or "").strip()
    if "@" in name:
        return name[0] + "***"
    if len(name) <= 1:
        return name or "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def verification_url(certificate):
    """The public verification address, always on SITE_URL (never the host a request came in on)."""
    return site_url() + reverse("courses:certificate_verify", args=[certificate.code])


def expiring_soon(days=30, now=None):
    now = now or timezone.now()
    return Certificate.objects.filter(
        revoked_at__isnull=True, expires_at__gt=now, expires_at__lte=now + timedelta(days=days)
    )


def _seal_file():
    config = certificate_settings()
    if config is None or config.seal_id is None:
        return None
    try:
        rendition = config.seal.get_rendition("max-400x400|format-png")
        with rendition.file.open("rb") as handle:
            return io.BytesIO(handle.read())
    except (OSError, ValueError):
        return None  # a missing seal file leaves the certificate without a seal rather than failing


def render_pdf(certificate):
    """The certificate as a one-page landscape PDF, with a QR code to the public verification page."""
    from core.pdf import CJKPDF, FONT_FAMILY, MUTED

    url = verification_url(certificate)
    pdf = CJKPDF(title=_("结业证书"), orientation="landscape")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.frame()

    pdf.set_y(26)
    pdf.set_font(FONT_FAMILY, "B", 30)
    pdf.cell(0, 16, _("结业证书"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 11)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 7, "Certificate of Completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(31, 41, 51)
    pdf.ln(6)

    left = 30
    pdf.set_x(left)
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.cell(0, 12, certificate.holder_name, new_x="LMARGIN", new_y="NEXT")
    if certificate.enterprise_name:
        pdf.write_lines(certificate.enterprise_name, size=13, x=left)
    pdf.ln(3)
    pdf.write_lines(
        _("已完成合规学堂课程《%(course)s》的全部必修学习并通过考核，累计学时 %(hours)s 小时，特发此证。")
        % {"course": certificate.course_title, "hours": certificate.hours_display},
        size=14,
        x=left,
        width=pdf.w - 2 * left - 50,
    )
    pdf.ln(4)
    rows = [
        (_("学时"), _("%(hours)s 学时") % {"hours": certificate.hours_display}),
        (_("发证日期"), certificate.issued_on),
        (_("有效期至"), certificate.expires_on or _("长期有效")),
        (_("证书编号"), certificate.code),
    ]
    for label, value in rows:
        pdf.label_value(label, value, x=left)

    # Issuer and seal, bottom centre; the QR code to the verification page, bottom right. Everything
    # stays above the footer line and inside the inner frame.
    bottom = pdf.h - 24  # the lowest text line, clear of the frame at 10.5 mm
    issuer_x, issuer_w = pdf.w / 2 - 20, 100
    seal = _seal_file()
    if seal is not None:
        # Under the text, as a stamp sits over the issuer's name and the date.
        pdf.image(seal, x=issuer_x + issuer_w / 2 - 4, y=bottom - 34, w=30, h=30)
    pdf.set_font(FONT_FAMILY, "", 12)
    pdf.set_xy(issuer_x, bottom - 16)
    pdf.cell(issuer_w, 7, _("发证单位：%(issuer)s") % {"issuer": certificate.issuer_display}, align="C")
    pdf.set_xy(issuer_x, bottom - 9)
    pdf.cell(issuer_w, 7, certificate.issued_on, align="C")

    size = 36
    qr_top = bottom - size - 2
    pdf.image(qr.png(url, box_size=8), x=pdf.w - left - size, y=qr_top, w=size, h=size)
    pdf.set_font(FONT_FAMILY, "", 8)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(pdf.w - left - size - 10, qr_top + size)
    pdf.cell(size + 20, 4, _("扫码验证证书真伪"), align="C")
    pdf.set_xy(left, bottom)
    pdf.cell(0, 4, url)
    pdf.set_text_color(31, 41, 51)
    return pdf
