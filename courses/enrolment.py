"""Enrolment rules: open or by approval, capacity never exceeded, unenrol. Used by views, admin and jobs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.jobs import send_enrolment_decision
from courses.models.enrolment import Enrolment


def enrolment_of(user, course):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def is_enrolled(user, course):
    enrolment = enrolment_of(user, course)
    return enrolment is not None and enrolment.is_active


def _lock_course(course):
    # Lock the course row so that concurrent enrolments count seats one at a time.
    # The page model comes through the relation: this service is called by the page and never imports it.
    course_model = Enrolment._meta.get_field("course").related_model
    return course_model.objects.select_for_update().get(pk=course.pk)


def seats_taken(course):
    return Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).count()


def _check_capacity(course):
    if course.capacity is not None and seats_taken(course) >= course.capacity:
        raise ValidationError(_("该课程名额已满。"))


@transaction.atomic
def enrol(user, course):
    """Enrol ``user``: active at once for an open course, pending an editor's approval otherwise."""
    if not user.is_authenticated:
        raise PermissionDenied
    course = _lock_course(course)
    if not course.live:
        raise ValidationError(_("该课程尚未发布。"))
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment and enrolment.status in (Enrolment.Status.ACTIVE, Enrolment.Status.PENDING):
        return enrolment
    if enrolment and enrolment.status == Enrolment.Status.REJECTED:
        raise ValidationError(_("您的报名申请未通过审核，如有疑问请联系课程管理员。"))
    approval = course.is_approval_required
    if not approval:
        _check_capacity(course)
    status = Enrolment.Status.PENDING if approval else Enrolment.Status.ACTIVE
    if enrolment is None:
        enrolment = Enrolment(user=user, course=course)
    enrolment.status = status
    enrolment.requested_at = timezone.now()
    enrolment.decided_at = None if approval else timezone.now()
    enrolment.decided_by = None
    enrolment.save()
    return enrolment


@transaction.atomic
def approve(enrolment, editor):
    """An editor approves a pending request; capacity is checked again under the course lock."""
    course = _lock_course(enrolment.course)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.PENDING:
        raise ValidationError(_("该报名不是待审核状态。"))
    _check_capacity(course)
    enrolment.status = Enrolment.Status.ACTIVE
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = editor
    enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    send_enrolment_decision.enqueue(enrolment.pk)
    return enrolment


@transaction.atomic
def reject(enrolment, editor):
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.PENDING:
        raise ValidationError(_("该报名不是待审核状态。"))
    enrolment.status = Enrolment.Status.REJECTED
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = editor
    enrolment.save(update_fields=["status", "decided_at", "decided_by"])
    send_enrolment_decision.enqueue(enrolment.pk)
    return enrolment


@transaction.atomic
def unenrol(user, course):
    """Withdraw; the seat is freed. Progress and attempts are kept in case the learner comes back."""
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None or enrolment.status not in (Enrolment.Status.ACTIVE, Enrolment.Status.PENDING):
        raise ValidationError(_("您尚未报名该课程。"))
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save(update_fields=["status"])
    return enrolment
