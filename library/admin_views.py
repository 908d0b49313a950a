"""Editors' overview of every guideline item (Reports menu), exportable as CSV / XLSX."""

import datetime

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from core.exports import SpreadsheetExportMixin
from library.models import GuidelineItem, Industry, RiskArea


class GuidelineItemFilterSet(WagtailFilterSet):
    industry = django_filters.ModelChoiceFilter(
        label=_("行业"), field_name="page__industry", queryset=Industry.objects.all()
    )
    level = django_filters.ChoiceFilter(label=_("等级"), choices=GuidelineItem.Level.choices)
    risk_area = django_filters.ModelChoiceFilter(label=_("风险领域"), queryset=RiskArea.objects.all())
    flexible_category = django_filters.ChoiceFilter(
        label=_("柔性执法类别"), choices=GuidelineItem.FlexibleCategory.choices
    )

    class Meta:
        model = GuidelineItem
        fields = ["industry", "level", "risk_area", "flexible_category"]


class ChoiceLabelColumn(Column):
    """The human label of a choices field (``get_FOO_display``)."""

    def get_value(self, instance):
        return getattr(instance, f"get_{self.accessor}_display")() or "—"


def _level_label(value):
    return str(GuidelineItem.Level(value).label)


def _category_label(value):
    return str(GuidelineItem.FlexibleCategory(value).label) if value else ""


class GuidelineItemReportView(SpreadsheetExportMixin, ReportView):
    page_title = _("指引条目一览")
    header_icon = "list-ul"
    index_url_name = "library_reports:items"
    index_results_url_name = "library_reports:items_results"
    filterset_class = GuidelineItemFilterSet
    paginate_by = 50
    columns = [
        Column("title", label=_("条目")),
        Column("page", label=_("行业合规指引")),
        ChoiceLabelColumn("level", label=_("等级")),
        Column("risk_area", label=_("风险领域")),
        Column("legal_basis", label=_("法律依据")),
        ChoiceLabelColumn("flexible_category", label=_("柔性执法类别")),
        NumberColumn("case_count", label=_("关联案例")),
    ]
    list_export = ["title", "page", "level", "risk_area", "legal_basis", "flexible_category", "case_count"]
    custom_field_preprocess = {
        "level": {"csv": _level_label, "xlsx": _level_label},
        "flexible_category": {"csv": _category_label, "xlsx": _category_label},
    }

    def get_filename(self):
        return f"guideline-items-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        queryset = (
            GuidelineItem.objects.select_related("page", "risk_area")
            .annotate(case_count=Count("cases"))
            .order_by("page__path", "sort_order", "pk")
        )
        return self.filter_queryset(queryset)
