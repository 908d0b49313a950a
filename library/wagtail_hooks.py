from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from library.models import CasePage, ContactPoint, GuidelinePage, Industry, RiskArea


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


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
    return (
        GuidelinePage.objects.live()
        .public()
        .select_related("industry")
        .order_by("-first_published_at")[:count]
    )


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
