"""Organisers' aggregate results in the Wagtail admin (Reports menu), exportable as CSV / XLSX."""

import datetime

import django_filters
from django.db.models import Avg, Count, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_columns import DashColumn
from core.exports import SpreadsheetExportMixin
from library.models import Industry

from .models import DrillChoice, DrillPage, DrillRun, DrillStep, SelfCheckResult
from .scoring import Level

COMPLETED = Q(runs__status=DrillRun.Status.COMPLETED)


def _count(queryset, group_field):
    """A correlated COUNT(*) of ``queryset`` grouped by ``group_field`` (0 when none)."""
    sub = queryset.values(group_field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def _average(queryset, group_field, field):
    sub = queryset.values(group_field).annotate(a=Avg(field)).values("a")[:1]
    return Subquery(sub, output_field=DecimalField(max_digits=5, decimal_places=1))


def _rate(part, whole):
    return round(part * 100 / whole, 1) if whole else None


class PercentColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "—" if value is None else f"{round(value, 1)}%"


class DrillReportView(SpreadsheetExportMixin, ReportView):
    """Shared set-up: organisers with the permission to view drill runs."""

    header_icon = "clipboard-list"
    permission_policy = ModelPermissionPolicy(DrillRun)
    any_permission_required = ["view", "change"]
    paginate_by = 50

    def get_filename(self):
        return f"{self.filename_prefix}-{datetime.date.today():%Y-%m-%d}"


class ScenarioFilterSet(WagtailFilterSet):
    industry = django_filters.ModelChoiceFilter(label=_("行业"), queryset=Industry.objects.all())

    class Meta:
        model = DrillPage
        fields = ["industry"]


class ScenarioResultsView(DrillReportView):
    page_title = _("模拟检查成绩（按演练）")
    filename_prefix = "drill-results-by-scenario"
    index_url_name = "drills_reports:scenarios"
    index_results_url_name = "drills_reports:scenarios_results"
    filterset_class = ScenarioFilterSet
    columns = [
        Column("title", label=_("演练")),
        Column("industry", label=_("行业")),
        NumberColumn("run_count", label=_("参与次数")),
        NumberColumn("completed_count", label=_("完成次数")),
        PercentColumn("completion_rate", label=_("完成率")),
        PercentColumn("average_percent", label=_("平均得分率")),
        NumberColumn("red_total", label=_("红灯问题总数")),
    ]
    list_export = [
        "title",
        "industry",
        "run_count",
        "completed_count",
        "completion_rate",
        "average_percent",
        "red_total",
    ]

    def get_queryset(self):
        queryset = (
            DrillPage.objects.select_related("industry")
            .annotate(
                run_count=Count("runs"),
                completed_count=Count("runs", filter=COMPLETED),
                average_percent=Avg("runs__percent", filter=COMPLETED),
                red_total=Coalesce(Sum("runs__red_count", filter=COMPLETED), 0),
            )
            .order_by("-run_count", "title")
        )
        return self.filter_queryset(queryset)

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.completion_rate = _rate(page.completed_count, page.run_count)
        return object_list


class IndustryResultsView(DrillReportView):
    page_title = _("模拟检查与合规体检（按行业）")
    filename_prefix = "drill-results-by-industry"
    index_url_name = "drills_reports:industries"
    index_results_url_name = "drills_reports:industries_results"
    columns = [
        Column("name", label=_("行业")),
        NumberColumn("drill_count", label=_("演练数")),
        NumberColumn("run_count", label=_("参与次数")),
        NumberColumn("completed_count", label=_("完成次数")),
        PercentColumn("completion_rate", label=_("完成率")),
        PercentColumn("average_percent", label=_("演练平均得分率")),
        NumberColumn("check_count", label=_("体检次数")),
        PercentColumn("check_average", label=_("体检平均得分率")),
    ]

    def get_queryset(self):
        # Subqueries, not joins: runs and self-checks are independent relations.
        runs = DrillRun.objects.filter(scenario__industry=OuterRef("pk"))
        done = runs.filter(status=DrillRun.Status.COMPLETED)
        checks = SelfCheckResult.objects.filter(industry=OuterRef("pk"))
        return Industry.objects.annotate(
            drill_count=_count(DrillPage.objects.filter(industry=OuterRef("pk")), "industry"),
            run_count=_count(runs, "scenario__industry"),
            completed_count=_count(done, "scenario__industry"),
            average_percent=_average(done, "scenario__industry", "percent"),
            check_count=_count(checks, "industry"),
            check_average=_average(checks, "industry", "percent"),
        ).order_by("sort_order", "name")

    def decorate_paginated_queryset(self, object_list):
        for industry in object_list:
            industry.completion_rate = _rate(industry.completed_count, industry.run_count)
        return object_list


class StepFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(label=_("演练"), queryset=DrillPage.objects.order_by("title"))
    page__industry = django_filters.ModelChoiceFilter(label=_("行业"), queryset=Industry.objects.all())

    class Meta:
        model = DrillStep
        fields = ["page", "page__industry"]


class FailedStepsView(DrillReportView):
    page_title = _("最常失分的步骤")
    filename_prefix = "drill-most-failed-steps"
    index_url_name = "drills_reports:steps"
    index_results_url_name = "drills_reports:steps_results"
    filterset_class = StepFilterSet
    columns = [
        Column("page", label=_("演练")),
        Column("title", label=_("步骤")),
        NumberColumn("answer_count", label=_("作答次数")),
        NumberColumn("failed_count", label=_("红/黄灯次数")),
        PercentColumn("failure_rate", label=_("失分率")),
        DashColumn("worst_choice", label=_("最常见的错误选项")),
        DashColumn("worst_choice_count", label=_("该选项次数")),
    ]

    def get_queryset(self):
        failing = DrillChoice.objects.filter(step=OuterRef("pk")).exclude(level=Level.GREEN)
        failing = failing.annotate(n=Count("answers")).filter(n__gt=0).order_by("-n", "sort_order")
        queryset = (
            DrillStep.objects.select_related("page")
            .annotate(
                answer_count=Count("answers"),
                failed_count=Count("answers", filter=~Q(answers__level=Level.GREEN)),
                worst_choice=Subquery(failing.values("text")[:1]),
                worst_choice_count=Subquery(failing.values("n")[:1], output_field=IntegerField()),
            )
            .filter(answer_count__gt=0)
            .order_by("-failed_count", "-answer_count", "page__title", "sort_order")
        )
        return self.filter_queryset(queryset)

    def decorate_paginated_queryset(self, object_list):
        for step in object_list:
            step.failure_rate = _rate(step.failed_count, step.answer_count)
        return object_list
