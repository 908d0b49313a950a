"""Editors' reports in the Wagtail admin: per-course figures and the hardest questions, with CSV/XLSX export."""

import django_filters
from django.db.models import Count, F, FloatField, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from accounts.models import Enterprise
from core.exports import SpreadsheetExportMixin
from courses.models import AnswerRecord, CoursePage, Enrolment, Question, QuizAttempt
from library.models import Industry


def _noop(queryset, name, value):
    # The enterprise filter narrows the counted learners, not the listed rows; see get_queryset.
    return queryset


class CourseReportFilterSet(WagtailFilterSet):
    industry = django_filters.ModelChoiceFilter(
        label=_("行业"), queryset=Industry.objects.all(), field_name="industries", distinct=True
    )
    enterprise = django_filters.ModelChoiceFilter(
        label=_("企业"), queryset=Enterprise.objects.all(), method=_noop
    )

    class Meta:
        model = CoursePage
        fields = []


def _count(queryset, field="pk", distinct=False, outer="course"):
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count(field, distinct=distinct))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _rate(part, whole):
    return f"{round(part * 100 / whole)}%" if whole else "—"


class EnterpriseScopedMixin:
    def selected_enterprise(self):
        filters = self.filters
        if filters is not None and filters.form.is_valid():
            return filters.form.cleaned_data.get("enterprise")
        return None

    def learner_filter(self, prefix="user"):
        enterprise = self.selected_enterprise()
        return Q(**{f"{prefix}__membership__enterprise": enterprise}) if enterprise else Q()


class CourseReportView(SpreadsheetExportMixin, EnterpriseScopedMixin, ReportView):
    page_title = _("课程学习报表")
    header_icon = "doc-full-inverse"
    index_url_name = "courses_report"
    index_results_url_name = "courses_report_results"
    filterset_class = CourseReportFilterSet
    list_export = [
        "title",
        "enrolled",
        "pending",
        "completed",
        "completion_rate",
        "attempted",
        "passed",
        "pass_rate",
    ]
    export_headings = {
        "title": _("课程"),
        "enrolled": _("报名人数"),
        "pending": _("待审核"),
        "completed": _("结业人数"),
        "completion_rate": _("结业率"),
        "attempted": _("参加测验人数"),
        "passed": _("通过测验人数"),
        "pass_rate": _("测验通过率"),
    }

    def get_filename(self):
        return "course-report"

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("课程"), url_name="wagtailadmin_pages:edit"),
            Column("enrolled", label=_("报名人数")),
            Column("pending", label=_("待审核")),
            Column("completed", label=_("结业人数")),
            Column("completion_rate", label=_("结业率")),
            Column("attempted", label=_("参加测验人数")),
            Column("passed", label=_("通过测验人数")),
            Column("pass_rate", label=_("测验通过率")),
        ]

    def get_queryset(self):
        learners = self.learner_filter()
        enrolments = Enrolment.objects.filter(learners)
        attempts = QuizAttempt.objects.filter(learners, submitted_at__isnull=False)
        return CoursePage.objects.annotate(
            enrolled=_count(enrolments.filter(status=Enrolment.Status.ACTIVE)),
            pending=_count(enrolments.filter(status=Enrolment.Status.PENDING)),
            completed=_count(enrolments.filter(completed_at__isnull=False)),
            attempted=_count(attempts, "user", distinct=True),
            passed=_count(attempts.filter(passed=True), "user", distinct=True),
        ).order_by("title")

    def decorate_paginated_queryset(self, object_list):
        for course in object_list:
            course.completion_rate = _rate(course.completed, course.enrolled)
            course.pass_rate = _rate(course.passed, course.attempted)
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


class QuestionReportFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(label=_("课程"), queryset=CoursePage.objects.all())
    industry = django_filters.ModelChoiceFilter(
        label=_("行业"), queryset=Industry.objects.all(), field_name="course__industries", distinct=True
    )
    enterprise = django_filters.ModelChoiceFilter(
        label=_("企业"), queryset=Enterprise.objects.all(), method=_noop
    )

    class Meta:
        model = Question
        fields = []


class HardestQuestionsView(SpreadsheetExportMixin, EnterpriseScopedMixin, ReportView):
    page_title = _("难题排行")
    header_icon = "help"
    index_url_name = "courses_hardest_questions"
    index_results_url_name = "courses_hardest_questions_results"
    filterset_class = QuestionReportFilterSet
    list_export = ["text", "course.title", "answered", "wrong", "error_rate_display"]
    export_headings = {
        "text": _("题目"),
        "course.title": _("课程"),
        "answered": _("作答次数"),
        "wrong": _("答错次数"),
        "error_rate_display": _("错误率"),
    }

    def get_filename(self):
        return "hardest-questions"

    @property
    def columns(self):
        return [
            Column("text", label=_("题目")),
            Column("course", label=_("课程")),
            Column("answered", label=_("作答次数")),
            Column("wrong", label=_("答错次数")),
            Column("error_rate_display", label=_("错误率")),
        ]

    def get_queryset(self):
        records = AnswerRecord.objects.filter(self.learner_filter("attempt__user"))
        return (
            Question.objects.select_related("course")
            .annotate(
                answered=_count(records, outer="question"),
                wrong=_count(records.filter(is_correct=False), outer="question"),
            )
            .filter(answered__gt=0)
            .annotate(error_rate=Cast(F("wrong"), FloatField()) / Cast(F("answered"), FloatField()))
            .order_by("-error_rate", "-answered", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        for question in object_list:
            question.error_rate_display = _rate(question.wrong, question.answered)
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)
