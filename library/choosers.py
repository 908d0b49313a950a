"""The admin's guideline-item chooser: searchable, filtered by industry and level, grouped by guideline."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from core.choosers import TextSearchFilterForm
from library.choices import GuidelineLevel
from library.models import GuidelineItem, Industry


class GuidelineItemFilterForm(TextSearchFilterForm):
    search_fields = ("title", "legal_basis", "page__title")
    industry = forms.ModelChoiceField(
        label=_("行业"),
        queryset=Industry.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("全部行业"),
    )
    level = forms.ChoiceField(
        label=_("等级"), choices=[("", _("全部等级")), *GuidelineLevel.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("条目、法律依据或指引名称")

    def filter(self, objects):
        objects = super().filter(objects)
        if self.cleaned_data.get("industry"):
            objects = objects.filter(page__industry=self.cleaned_data["industry"])
        if self.cleaned_data.get("level"):
            objects = objects.filter(level=self.cleaned_data["level"])
        return objects


class GuidelineItemChooseMixin:
    filter_form_class = GuidelineItemFilterForm
    per_page = 30

    def get_object_list(self):
        # Items in guideline order, so the list reads guideline by guideline.
        return GuidelineItem.objects.select_related("page", "risk_area").order_by(
            "page__path", "sort_order", "pk"
        )

    def apply_object_list_ordering(self, objects):
        return objects

    @property
    def columns(self):
        return [
            self.title_column,
            Column("guideline", label=_("所属指引"), accessor=lambda item: item.page.title),
            Column("risk_area", label=_("风险领域"), accessor=lambda item: item.risk_area.name),
        ]


class GuidelineItemChooseView(GuidelineItemChooseMixin, ChooseView):
    pass


class GuidelineItemChooseResultsView(GuidelineItemChooseMixin, ChooseResultsView):
    pass


class GuidelineItemChooserViewSet(ChooserViewSet):
    model = GuidelineItem
    icon = "list-ul"
    choose_one_text = _("选择指引条目")
    choose_another_text = _("改选其他条目")
    edit_item_text = _("查看条目")
    choose_view_class = GuidelineItemChooseView
    choose_results_view_class = GuidelineItemChooseResultsView


guideline_item_chooser_viewset = GuidelineItemChooserViewSet("guideline_item_chooser")
