"""风险研判 in the Wagtail admin (Reports menu), exportable as CSV / XLSX: per industry × risk area
and per month, only over at least five firms (see rectification.risk)."""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from core.admin_columns import DashColumn
from core.exports import SpreadsheetExportMixin
from library.models import Industry, RiskArea

from . import risk
from .models import Task

PERMISSION = "rectification.view_risk_picture"


def sees_risk_picture(user):
    """Editors, the contact points' and the district office's groups (granted the permission)."""
    from portal.roles import EDITORS

    return user.is_active and (
        user.is_superuser or user.has_perm(PERMISSION) or user.groups.filter(name=EDITORS).exists()
    )


class RiskPictureFilterSet(WagtailFilterSet):
    """Filters that select whole cells. No date filter: two overlapping periods, each over five firms,
    differ by the few firms of the days between them, which would show those firms alone."""

    industry = django_filters.ModelChoiceFilter(
        label=_("行业"), field_name="plan__industry", queryset=Industry.objects.all()
    )
    risk_area = django_filters.ModelChoiceFilter(label=_("风险领域"), queryset=RiskArea.objects.all())

    class Meta:
        model = Task
        fields = ["industry", "risk_area"]


class RiskTrendFilterSet(WagtailFilterSet):
    industry = django_filters.ModelChoiceFilter(label=_("行业"), queryset=Industry.objects.all())

    class Meta:
        model = Task
        fields = ["industry"]


class RiskReportView(SpreadsheetExportMixin, ReportView):
    header_icon = "warning"
    permission_policy = None
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not sees_risk_picture(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"{self.filename_prefix}-{datetime.date.today():%Y-%m-%d}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["min_firms"] = risk.MIN_FIRMS
        return context


class RiskPictureView(RiskReportView):
    page_title = _("风险研判（行业 × 风险领域）")
    filename_prefix = "risk-picture"
    index_url_name = "rectification_risk:areas"
    index_results_url_name = "rectification_risk:areas_results"
    results_template_name = "rectification/admin/risk_results.html"
    columns = [
        Column("industry", label=_("行业")),
        Column("risk_area", label=_("风险领域")),
        NumberColumn("firm_count", label=_("涉及企业数")),
        NumberColumn("red_open_firm_count", label=_("有未整改红灯的企业数")),
        NumberColumn("red_open", label=_("未整改红灯问题")),
        NumberColumn("findings", label=_("问题总数")),
        DashColumn("median_days", label=_("整改用时中位数（天）")),
        DashColumn("top_items", label=_("最常见的问题")),
        DashColumn("case_titles", label=_("同领域典型案例")),
    ]
    export_widths = {"top_items": 60, "case_titles": 60}
    filterset_class = RiskPictureFilterSet

    def get_queryset(self):
        return Task.objects.all()

    def filter_queryset(self, queryset):
        # The filters narrow the tasks; the report's rows are the cells drawn from them.
        return risk.cells(tasks=super().filter_queryset(queryset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        industries, areas, rows = risk.heat_map(self.object_list)
        context.update(heat_areas=areas, heat_rows=rows)
        return context


class RiskTrendView(RiskReportView):
    page_title = _("风险研判（按月趋势）")
    filename_prefix = "risk-trend"
    index_url_name = "rectification_risk:months"
    index_results_url_name = "rectification_risk:months_results"
    columns = [
        Column("month", label=_("月份")),
        DashColumn("firm_count", label=_("新增整改企业数")),
        DashColumn("findings", label=_("新增问题")),
        DashColumn("red", label=_("其中红灯")),
        DashColumn("done", label=_("已完成整改")),
    ]

    filterset_class = RiskTrendFilterSet

    def get_queryset(self):
        return Task.objects.all()

    def filter_queryset(self, queryset):
        # risk.months reads every industry's firms, to hide a month that would single out the others.
        industry = self.filters.form.cleaned_data.get("industry") if self.filters.is_valid() else None
        # A month drawn from fewer than five firms shows its name and no figures.
        return [row or risk.Month(key, firms=None) for key, row in risk.months(industry=industry)]
