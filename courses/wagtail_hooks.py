"""Admin registration (snippets, approvals, revocation, reports) and the portal hooks of the courses app."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtailmedia import get_permission_policy

from accounts.erasure import UserDataErasure
from accounts.training import TrainingRecord, hours_of
from core.files import serve_file
from courses import certificates as certificate_service
from courses import enrolment as enrolment_service
from courses.models import (
    Certificate,
    CourseAssignment,
    CourseMedia,
    CoursePage,
    Enrolment,
    LegalTopic,
    LessonProgress,
    Question,
    QuizAttempt,
)
from courses.progress import progress_for
from courses.reports import CourseReportView, HardestQuestionsView


class NoAddPolicy(ModelPermissionPolicy):
    """Records made by the system (enrolments, certificates, assignments) are not created by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


for _model in (Enrolment, Certificate, CourseAssignment):
    register_permission_policy(_model, NoAddPolicy(_model), exact_class=True)


def _action_link(url, label, danger=False):
    return format_html(
        '<a class="button button-small{}" href="{}">{}</a>',
        " button-secondary no" if danger else "",
        url,
        label,
    )


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("题库")
    list_display = ["text", "course", "kind", "topic", "active"]
    list_filter = ["course", "kind", "topic", "active"]
    search_fields = ["text", "explanation"]

    def get_queryset(self, request):
        return Question.objects.select_related("course", "topic")


class LegalTopicViewSet(SnippetViewSet):
    model = LegalTopic
    icon = "tag"
    list_display = ["name", "code"]


class EnrolmentViewSet(SnippetViewSet):
    model = Enrolment
    icon = "group"
    menu_label = gettext_lazy("报名审核")
    list_filter = ["status", "course"]
    search_fields = ["user__email", "user__profile__real_name"]
    panels = [
        FieldPanel("user", read_only=True),
        FieldPanel("course", read_only=True),
        FieldPanel("status", read_only=True),
    ]

    @property
    def list_display(self):
        return [
            "user",
            "course",
            "status",
            "requested_at",
            Column("actions", label=_("审核"), accessor=self.decision_links),
        ]

    def get_queryset(self, request):
        return Enrolment.objects.select_related("user", "course")

    @staticmethod
    def decision_links(enrolment):
        if enrolment.status != Enrolment.Status.PENDING:
            return ""
        return format_html(
            "{} {}",
            _action_link(reverse("courses_enrolment_decide", args=[enrolment.pk, "approve"]), _("批准")),
            _action_link(reverse("courses_enrolment_decide", args=[enrolment.pk, "reject"]), _("拒绝"), True),
        )


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "success"
    list_filter = ["course", "issued_at", "expires_at"]
    search_fields = ["code", "holder_name", "enterprise_name", "course_title"]
    panels = [
        FieldPanel("code", read_only=True),
        FieldPanel("holder_name", read_only=True),
        FieldPanel("enterprise_name", read_only=True),
        FieldPanel("course_title", read_only=True),
        FieldPanel("issued_at", read_only=True),
        FieldPanel("expires_at", read_only=True),
        FieldPanel("revoked_at", read_only=True),
        FieldPanel("revoked_reason"),
    ]

    @property
    def list_display(self):
        return [
            "holder_name",
            "enterprise_name",
            "course_title",
            "issued_at",
            "expires_at",
            Column("status", label=_("状态"), accessor="get_status_display"),
            Column("actions", label=_("操作"), accessor=self.revoke_link),
        ]

    @staticmethod
    def revoke_link(certificate):
        if certificate.revoked_at:
            return ""
        return _action_link(reverse("courses_certificate_revoke", args=[certificate.pk]), _("撤销"), True)


class AssignmentViewSet(SnippetViewSet):
    model = CourseAssignment
    icon = "date"
    list_display = ["user", "enterprise", "course", "due_date", "assigned_at"]
    list_filter = ["enterprise", "course", "due_date"]
    panels = [FieldPanel("due_date")]

    def get_queryset(self, request):
        return CourseAssignment.objects.select_related("user", "enterprise", "course")


class CoursesGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("课程管理")
    menu_icon = "media"
    menu_order = 310
    items = (QuestionViewSet, LegalTopicViewSet, EnrolmentViewSet, CertificateViewSet, AssignmentViewSet)


register_snippet(CoursesGroup)


# Admin actions -----------------------------------------------------------------------------------


@permission_required("courses.change_enrolment", raise_exception=True)
def enrolment_decide(request, pk, decision):
    enrolment = get_object_or_404(Enrolment.objects.select_related("user", "course"), pk=pk)
    list_url = reverse("wagtailsnippets_courses_enrolment:list")
    if request.method == "POST":
        try:
            if decision == "approve":
                enrolment_service.approve(enrolment, request.user)
                messages.success(
                    request,
                    _("已批准 %(user)s 报名《%(course)s》。")
                    % {"user": enrolment.user, "course": enrolment.course.title},
                )
            else:
                enrolment_service.reject(enrolment, request.user)
                messages.success(request, _("已拒绝该报名申请。"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(list_url)
    return TemplateResponse(
        request,
        "courses/admin/confirm.html",
        {
            "title": _("批准报名") if decision == "approve" else _("拒绝报名"),
            "message": _("%(user)s 申请报名《%(course)s》。")
            % {"user": enrolment.user, "course": enrolment.course.title},
            "cancel_url": list_url,
            "danger": decision != "approve",
        },
    )


@permission_required("courses.change_certificate", raise_exception=True)
def certificate_revoke(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    list_url = reverse("wagtailsnippets_courses_certificate:list")
    if request.method == "POST":
        certificate_service.revoke(certificate, request.POST.get("reason", "").strip())
        messages.success(request, _("证书 %(code)s 已撤销。") % {"code": certificate.code})
        return redirect(list_url)
    return TemplateResponse(
        request,
        "courses/admin/confirm.html",
        {
            "title": _("撤销证书"),
            "message": _("撤销后，公开验证页将显示该证书“已撤销”。持证人：%(name)s，课程：%(course)s。")
            % {"name": certificate.holder_name, "course": certificate.course_title},
            "cancel_url": list_url,
            "danger": True,
            "ask_reason": True,
        },
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "courses/enrolments/<int:pk>/<str:decision>/",
            require_decision(enrolment_decide),
            name="courses_enrolment_decide",
        ),
        path("courses/certificates/<int:pk>/revoke/", certificate_revoke, name="courses_certificate_revoke"),
        path("reports/courses/", CourseReportView.as_view(), name="courses_report"),
        path(
            "reports/courses/results/",
            CourseReportView.as_view(results_only=True),
            name="courses_report_results",
        ),
        path("course-media/<int:pk>/file/", course_media_file, name="course_media_file"),
        path("reports/questions/", HardestQuestionsView.as_view(), name="courses_hardest_questions"),
        path(
            "reports/questions/results/",
            HardestQuestionsView.as_view(results_only=True),
            name="courses_hardest_questions_results",
        ),
    ]


def course_media_file(request, pk):
    """A course video for the media library's preview: to people who may manage or choose media."""
    media = get_object_or_404(CourseMedia, pk=pk)
    if not get_permission_policy().user_has_any_permission(
        request.user, ["add", "change", "delete", "choose"]
    ):
        raise PermissionDenied
    return serve_file(request, media.file, as_attachment=False)


def require_decision(view):
    def wrapped(request, pk, decision):
        if decision not in ("approve", "reject"):
            return redirect("wagtailsnippets_courses_enrolment:list")
        return view(request, pk, decision)

    return wrapped


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return MenuItem(
        gettext_lazy("课程学习报表"), reverse("courses_report"), icon_name="doc-full-inverse", order=1300
    )


@hooks.register("register_reports_menu_item")
def register_question_report_menu_item():
    return MenuItem(
        gettext_lazy("难题排行"), reverse("courses_hardest_questions"), icon_name="help", order=1310
    )


class CoursesPanel(Component):
    """Dashboard: enrolment requests waiting for approval and certificates issued, with links to act."""

    name = "courses_pending"
    template_name = "courses/admin/dashboard_panel.html"
    order = 170

    def get_context_data(self, parent_context):
        pending = Enrolment.objects.filter(status=Enrolment.Status.PENDING)
        return {
            "pending": pending.count(),
            "pending_url": reverse("wagtailsnippets_courses_enrolment:list") + "?status=pending",
            "certificates": Certificate.objects.filter(revoked_at__isnull=True).count(),
            "report_url": reverse("courses_report"),
        }


@hooks.register("construct_homepage_panels")
def add_courses_panel(request, panels):
    if request.user.has_perm("courses.change_enrolment"):
        panels.append(CoursesPanel())


# Portal hooks ------------------------------------------------------------------------------------


def _latest(count):
    return list(
        CoursePage.objects.live()
        .public()
        .select_related("cover_image")
        .order_by("-first_published_at")[:count]
    )


@hooks.register("register_home_feed")
def home_feed():
    return {"courses": _latest}


@hooks.register("register_me_panel")
def me_panel(request):
    user = request.user
    if not user.is_authenticated:
        return ""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
        .order_by("-requested_at")
    )
    progress = progress_for(user, [e.course for e in enrolments])
    certificates = list(Certificate.objects.filter(user=user).select_related("course"))
    assignments = {a.course_id: a for a in CourseAssignment.objects.filter(user=user)}
    rows = [(e, progress[e.course_id], assignments.get(e.course_id)) for e in enrolments]
    return render_to_string(
        "courses/me_panel.html",
        {
            "rows": rows,
            "certificates": certificates,
            "hours": hours_of(user).courses,
            "today": timezone.localdate(),
        },
        request=request,
    )


@hooks.register("register_enterprise_panel")
def enterprise_panel(request, enterprise):
    from courses.enterprise import staff_rows, summary

    rows = staff_rows(enterprise)
    return render_to_string(
        "courses/enterprise_panel.html",
        {"summary": summary(rows), "rows": [row for row in rows if row.overdue][:5]},
        request=request,
    )


@hooks.register("register_training_hours")
def training_hours_records(user_ids):
    """Credit hours of every completed course (accounts.training adds them up)."""
    rows = (
        Enrolment.objects.filter(user_id__in=user_ids, completed_at__isnull=False)
        .values_list("user_id", "course__title", "course__credit_hours", "completed_at")
        .order_by("completed_at")
    )
    return [
        TrainingRecord(user_id=uid, kind="course", title=title, hours=hours, earned_at=at)
        for uid, title, hours, at in rows
    ]


@hooks.register("register_user_data_export")
def user_data_export(user):
    attempts = QuizAttempt.objects.filter(user=user).select_related("course")
    progress = LessonProgress.objects.filter(user=user).select_related("lesson__course")
    return (
        "courses",
        {
            "enrolments": [
                {
                    "course": e.course.title,
                    "status": e.status,
                    "requested_at": e.requested_at,
                    "completed_at": e.completed_at,
                }
                for e in Enrolment.objects.filter(user=user).select_related("course")
            ],
            "lesson_progress": [
                {
                    "course": p.lesson.course.title,
                    "lesson": p.lesson.title,
                    "watched_intervals": p.intervals,
                    "watched_seconds": p.watched_seconds,
                    "position": p.position,
                    "completed_at": p.completed_at,
                }
                for p in progress
            ],
            "quiz_attempts": [
                {
                    "course": a.course.title,
                    "number": a.number,
                    "started_at": a.started_at,
                    "submitted_at": a.submitted_at,
                    "score": a.score,
                    "passed": a.passed,
                    "answers": a.answers,
                }
                for a in attempts
            ],
            "certificates": [
                {
                    "code": c.code,
                    "course": c.course_title,
                    "issued_at": c.issued_at,
                    "expires_at": c.expires_at,
                    "status": c.status,
                }
                for c in Certificate.objects.filter(user=user)
            ],
            "assignments": [
                {"course": a.course.title, "due_date": a.due_date, "enterprise": a.enterprise.name}
                for a in CourseAssignment.objects.filter(user=user).select_related("course", "enterprise")
            ],
        },
    )


def erase_user_data(user):
    """Certificates keep verifying, with the holder's name stored only in its masked form."""
    erased = 0
    for certificate in Certificate.objects.filter(user=user):
        certificate.holder_name = certificate_service.mask_name(certificate.holder_name)
        certificate.save(update_fields=["holder_name"])
        erased += 1
    return erased


@hooks.register("register_user_data_erasure")
def user_data_erasure():
    return UserDataErasure(
        key="courses",
        erased=[_("证书上的完整姓名（只保留验证页一直显示的遮挡形式，如“张*东”）")],
        kept=[
            (
                _("已颁发的证书：编号、课程、学时、发证日期"),
                _("印制或转发出去的证书仍需能在验证页核验真伪。"),
            ),
            (
                _("学习进度、测验成绩和学时"),
                _("用于培训统计和年度指标，不再与您的姓名或账户关联。"),
            ),
        ],
        erase=erase_user_data,
    )
