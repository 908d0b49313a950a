from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from library.models import Industry, RiskArea


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


class RiskAreaViewSet(SnippetViewSet):
    model = RiskArea
    icon = "warning"
    list_display = ["name", "code", "sort_order"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("分类")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (IndustryViewSet, RiskAreaViewSet)


register_snippet(TaxonomyGroup)
