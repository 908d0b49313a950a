from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.i18n import source_language_only
from library.admin_views import GuidelineItemReportView
from library.choosers import guideline_item_chooser_viewset
from library.models import CasePage, ContactPoint, GuidelinePage, Industry, RiskArea


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    list_display = ["name", "code", "sort_order"]


class RiskAreaViewSet(SnippetViewSet):
    model = RiskArea
    icon = "warning"
    list_display = ["name", "code", "sort_order"]


class ContactPointViewSet(SnippetViewSet):
    model = ContactPoint
    icon = "site"
    list_display = ["association", "industry", "contact_person", "phone", "sort_order"]
    list_filter = ["industry"]
    search_fields = ["association", "name", "services"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("分类")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (IndustryViewSet, RiskAreaViewSet, ContactPointViewSet)


register_snippet(TaxonomyGroup)


def latest_guidelines(count):
    return source_language_only(
        GuidelinePage.objects.live().public().select_related("industry").order_by("-first_published_at")
    )[:count]


def latest_cases(count):
    return (
        CasePage.objects.live()
        .public()
        .select_related("industry")
        .order_by("-year", "-first_published_at")[:count]
    )


@hooks.register("register_home_feed")
def library_home_feeds():
    return {"guidelines": latest_guidelines, "cases": latest_cases}


report_urls = (
    [
        path("items/", GuidelineItemReportView.as_view(), name="items"),
        path("items/results/", GuidelineItemReportView.as_view(results_only=True), name="items_results"),
    ],
    "library_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/library/", include(report_urls, namespace="library_reports"))]


@hooks.register("register_reports_menu_item")
def guideline_items_report_menu_item():
    return MenuItem(_("指引条目一览"), reverse("library_reports:items"), icon_name="list-ul", order=700)


@hooks.register("register_admin_viewset")
def register_guideline_item_chooser():
    return guideline_item_chooser_viewset
