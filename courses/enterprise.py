"""What an enterprise's compliance officer sees and does: staff learning, course assignments, exports."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, display_name
from accounts.training import hours_for
from core import exports
from courses import enrolment as enrolment_service
from courses.jobs import send_assignment_email
from courses.models import Certificate, CourseAssignment, CoursePage, Enrolment, Lesson, LessonProgress
from courses.progress import CourseProgress


@dataclass
class StaffRow:
    member: Membership
    course: CoursePage
    enrolment: Enrolment | None
    assignment: CourseAssignment | None
    progress: CourseProgress | None
    certificate: Certificate | None

    @property
    def name(self):
        return display_name(self.member.user)

    @property
    def overdue(self):
        done = self.enrolment is not None and self.enrolment.completed_at is not None
        return bool(self.assignment and not done and self.assignment.due_date < timezone.localdate())

    @property
    def percent(self):
        return self.progress.percent if self.progress else 0

    @property
    def completed(self):
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def training_hours(self):
        """The course's credit hours once completed (the figure accounts.training counts)."""
        return self.course.credit_hours if self.completed else Decimal("0")


def staff_rows(enterprise):
    """One row per member and course they are enrolled in or assigned, in a fixed number of queries."""
    members = list(
        Membership.objects.filter(enterprise=enterprise).select_related("user__profile").order_by("joined_at")
    )
    user_ids = [m.user_id for m in members]
    enrolments = list(
        Enrolment.objects.filter(user_id__in=user_ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
    )
    assignments = list(
        CourseAssignment.objects.filter(enterprise=enterprise, user_id__in=user_ids).select_related("course")
    )
    courses = {e.course_id: e.course for e in enrolments} | {a.course_id: a.course for a in assignments}
    lessons = list(
        Lesson.objects.filter(course_id__in=courses).select_related("video").order_by("sort_order")
    )
    progress_rows = LessonProgress.objects.filter(user_id__in=user_ids, lesson__in=lessons)
    progress_by = {}
    for row in progress_rows:
        progress_by.setdefault(row.user_id, {})[row.lesson_id] = row
    certificates = {}
    for certificate in Certificate.objects.filter(user_id__in=user_ids).order_by("issued_at"):
        certificates[(certificate.user_id, certificate.course_id)] = certificate  # newest wins
    enrolment_by = {(e.user_id, e.course_id): e for e in enrolments}
    assignment_by = {(a.user_id, a.course_id): a for a in assignments}
    rows = []
    for member in members:
        keys = sorted(
            {key for key in enrolment_by if key[0] == member.user_id}
            | {key for key in assignment_by if key[0] == member.user_id},
            key=lambda key: courses[key[1]].title,
        )
        for key in keys:
            course = courses[key[1]]
            course_lessons = [lesson for lesson in lessons if lesson.course_id == course.pk]
            ids = {lesson.pk for lesson in course_lessons}
            mine = {lid: row for lid, row in progress_by.get(member.user_id, {}).items() if lid in ids}
            rows.append(
                StaffRow(
                    member=member,
                    course=course,
                    enrolment=enrolment_by.get(key),
                    assignment=assignment_by.get(key),
                    progress=CourseProgress(course, course_lessons, mine),
                    certificate=certificates.get(key),
                )
            )
    return rows


def staff_hours(enterprise):
    """[(membership, TrainingHours)] for every member: courses and checked-in events, from accounts.training."""
    members = list(
        Membership.objects.filter(enterprise=enterprise).select_related("user__profile").order_by("joined_at")
    )
    hours = hours_for([m.user_id for m in members])
    return [(member, hours[member.user_id]) for member in members]


def summary(rows, hours=None):
    members = {row.member.pk for row in rows}
    return {
        "learners": len(members),
        "enrolments": sum(1 for row in rows if row.enrolment),
        "completed": sum(1 for row in rows if row.completed),
        "overdue": sum(1 for row in rows if row.overdue),
        "hours": sum((h.total for _m, h in hours), start=Decimal("0"))
        if hours is not None
        else sum((row.training_hours for row in rows), start=Decimal("0")),
    }


@transaction.atomic
def assign(officer, user, course, due_date, base_url=""):
    """The officer assigns ``course`` to a member of their enterprise; the member is enrolled and told."""
    if officer is None or not officer.is_officer:
        raise PermissionDenied(_("只有企业合规专员可以指派课程。"))
    if not Membership.objects.filter(enterprise_id=officer.enterprise_id, user=user).exists():
        raise ValidationError(_("该员工不属于您的企业。"))
    if not isinstance(due_date, date) or due_date < timezone.localdate():
        raise ValidationError(_("截止日期不能早于今天。"))
    if not course.live:
        raise ValidationError(_("该课程尚未发布。"))
    assignment, _created = CourseAssignment.objects.update_or_create(
        user=user,
        course=course,
        defaults={
            "enterprise_id": officer.enterprise_id,
            "due_date": due_date,
            "assigned_by": officer.user,
            "reminded_due_at": None,
            "reminded_overdue_at": None,
        },
    )
    note = ""
    try:
        enrolment_service.enrol(user, course)
    except ValidationError as exc:
        # The assignment stands (it is the officer's record); the learner enrols once a seat is free.
        note = " ".join(exc.messages)
    send_assignment_email.enqueue(assignment.pk, base_url)
    return assignment, note


@transaction.atomic
def assign_many(officer, users, course, due_date):
    """Assign ``course`` to several members (or the whole firm) at once: all of them, or none on error.

    Returns the assignments and one note per member who could not be enrolled yet (e.g. no seat).
    """
    assigned, notes = [], []
    for user in users:
        assignment, note = assign(officer, user, course, due_date)
        assigned.append(assignment)
        if note:
            notes.append(f"{display_name(user)}:{note}")
    return assigned, notes


def overdue_rows(rows):
    """The rows whose assignment is past its due date and not completed, oldest due date first."""
    return sorted((row for row in rows if row.overdue), key=lambda row: row.assignment.due_date)


def export_sheets(enterprise, rows, hours):
    """The officer's export: one sheet of staff learning per course, one of each person's 学时."""
    learning = [
        exports.Column(_("姓名"), width=12),
        exports.Column(_("邮箱"), width=28),
        exports.Column(_("课程"), width=30),
        exports.Column(_("报名状态"), width=10),
        exports.Column(_("进度（%）"), width=8),
        exports.Column(_("学时"), width=8, number_format="0.0#"),
        exports.Column(_("截止日期"), width=12),
        exports.Column(_("逾期"), width=6),
        exports.Column(_("结业时间"), width=18),
        exports.Column(_("证书编号"), width=26),
        exports.Column(_("证书状态"), width=10),
    ]
    learning_rows = [
        [
            row.name,
            row.member.user.email,
            row.course.title,
            row.enrolment.get_status_display() if row.enrolment else _("未报名"),
            row.percent,
            row.training_hours,
            row.assignment.due_date if row.assignment else None,
            row.overdue,
            row.enrolment.completed_at if row.enrolment else None,
            row.certificate.code if row.certificate else "",
            row.certificate.get_status_display() if row.certificate else "",
        ]
        for row in rows
    ]
    year = timezone.localdate().year
    totals = [
        exports.Column(_("姓名"), width=12),
        exports.Column(_("邮箱"), width=28),
        exports.Column(_("课程学时"), width=10, number_format="0.0#"),
        exports.Column(_("活动学时"), width=10, number_format="0.0#"),
        exports.Column(_("%(year)s年学时") % {"year": year}, width=12, number_format="0.0#"),
        exports.Column(_("累计学时"), width=10, number_format="0.0#"),
    ]
    total_rows = [
        [display_name(m.user), m.user.email, h.courses, h.events, h.year(year), h.total] for m, h in hours
    ]
    return [
        exports.Sheet(_("员工学习"), learning, learning_rows),
        exports.Sheet(_("学时汇总"), totals, total_rows),
    ]


def export_xlsx(enterprise, rows, hours=None):
    """The officer's export as XLSX bytes."""
    buffer = io.BytesIO()
    hours = staff_hours(enterprise) if hours is None else hours
    exports.write_workbook(buffer, export_sheets(enterprise, rows, hours))
    return buffer.getvalue()
