from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.choosers import person_chooser_viewset
from accounts.models import Enterprise


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "group"
    menu_label = _("企业")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["name", "credit_code", "industry", "size", "created_at"]
    list_filter = ["size", "industry"]
    search_fields = ["name", "credit_code"]


register_snippet(EnterpriseViewSet)


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset
