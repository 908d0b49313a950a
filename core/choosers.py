"""A chooser filter form that searches a few text fields with ``icontains`` (for models without a search index)."""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm


class TextSearchFilterForm(BaseFilterForm):
    """Subclasses name ``search_fields`` (lookups through relations allowed) and may add filters."""

    search_fields = ()

    q = forms.CharField(label=_("搜索"), required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                reduce(or_, (Q(**{f"{field}__icontains": query}) for field in self.search_fields))
            )
        return objects
