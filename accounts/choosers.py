"""The admin's chooser for back-office people (event organisers and the like): searchable by name or email.

Only people who can sign in to the admin are offered, so a chooser never lists the public's accounts.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from accounts.models import display_name
from core.choosers import TextSearchFilterForm


def back_office_people():
    """Active users who may use the admin: superusers and members of a group that grants admin access."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="access_admin",
                groups__permissions__content_type__app_label="wagtailadmin",
            )
        )
        .distinct()
    )


class PersonFilterForm(TextSearchFilterForm):
    search_fields = ("profile__real_name", "first_name", "last_name", "email", "username")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("姓名或邮箱")


def person_label(user):
    return f"{display_name(user)} ({user.email})"


class PersonChooseMixin:
    filter_form_class = PersonFilterForm
    per_page = 30

    def get_object_list(self):
        return back_office_people().select_related("profile").order_by("email")

    def apply_object_list_ordering(self, objects):
        return objects

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = display_name
        return column

    @property
    def columns(self):
        return [self.title_column, Column("email", label=_("邮箱"))]


class PersonChooseView(PersonChooseMixin, ChooseView):
    pass


class PersonChooseResultsView(PersonChooseMixin, ChooseResultsView):
    pass


class PersonChosenView(ChosenView):
    def get_display_title(self, instance):
        return person_label(instance)


class PersonChosenMultipleView(ChosenMultipleView):
    def get_display_title(self, instance):
        return person_label(instance)


class PersonChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return person_label(instance)


class PersonChooserViewSet(ChooserViewSet):
    model = get_user_model()
    icon = "user"
    choose_one_text = _("选择人员")
    choose_another_text = _("改选其他人员")
    edit_item_text = _("查看")
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    # Used where a panel asks for it, not for every foreign key to a user.
    register_widget = False

    base_widget_class = PersonChooserWidget
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView


person_chooser_viewset = PersonChooserViewSet("person_chooser")
