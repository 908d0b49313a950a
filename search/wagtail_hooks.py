from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """Editors extend the search's synonyms (社保 = 社会保险) without a release."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("搜索同义词")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    # The ORM search over the words themselves (the snippet is not in Wagtail's index).
    search_backend_name = None


register_snippet(SynonymGroupViewSet)
