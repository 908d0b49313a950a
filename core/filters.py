"""The query-string filters of the public lists, as django-filter FilterSets.

A value that does not fit (an unknown code, a bad year, garbage) is left out of the filtering, so a
bad link shows the list unfiltered for that field, never an error; a FilterSet that names a note
for the field says what was ignored. `templates/includes/filter_form.html` renders the form as the
lists' `<select>` controls.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

# How much of an ignored value a note repeats.
NOTE_VALUE_LENGTH = 20


class FilterBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        # An ignored value is reported in a note; the control itself shows the whole list's choice.
        attrs = super().build_widget_attrs(attrs, widget)
        attrs.pop("aria-invalid", None)
        return attrs


class FilterForm(forms.Form):
    """The controls sit inside their `<label>`, so they need no ids."""

    bound_field_class = FilterBoundField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)


class CodeChoiceFilter(django_filters.ChoiceFilter):
    """One row (an industry, a risk area) chosen by its `code`; the cleaned value is the row.

    `rows` is a callable returning the rows to accept, called once per FilterSet: one query for the
    check and the options.
    """

    def __init__(self, *args, rows, label_attr="display_name", **kwargs):
        self.rows = rows
        self.label_attr = label_attr
        self.by_code = {}
        super().__init__(*args, choices=[], **kwargs)

    def load(self):
        rows = list(self.rows())
        self.by_code = {row.code: row for row in rows}
        self.extra["choices"] = self.options(rows)

    def options(self, rows):
        return [(row.code, getattr(row, self.label_attr)) for row in rows]

    def clean(self, code):
        return self.by_code.get(code) if code else None


class YearField(forms.IntegerField):
    """Four ASCII digits (2024), chosen from a select of the years the list has."""

    widget = forms.Select

    def to_python(self, value):
        value = "" if value is None else str(value).strip()
        if value in self.empty_values:
            return None
        if not re.fullmatch(r"[0-9]{4}", value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)


class YearFilter(django_filters.Filter):
    field_class = YearField

    def __init__(self, *args, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(*args, **kwargs)


class ListFilterSet(django_filters.FilterSet):
    """A public list's filters, read from the query string.

    `values` maps every filter to its cleaned value (a code filter's row) or None, `ignored` lists
    the notes for the values left out, and `active` says whether anything narrows the list.
    """

    # {filter name: note with %(value)s}: shown when that filter's value is ignored.
    notes = {}
    # The controls submit the form as soon as a choice changes (static/js/site.js); the button is
    # then only for visitors without JavaScript.
    autosubmit = False

    class Meta:
        form = FilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        if data is not None:
            # Only this list's own parameters, without the spaces a pasted link brings along.
            data = {name: str(data.get(name, "")).strip() for name in self.base_filters}
        super().__init__(data, queryset, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, CodeChoiceFilter):
                filter_.load()
        self._options = {}

    def offer(self, name, options):
        """Show only these (value, label) options after the empty one; the filter accepts as before."""
        self._options[name] = list(options)
        if hasattr(self, "_form"):
            self._show_options(name, self._form.fields[name])

    def offer_rows(self, name, rows):
        self.offer(name, self.filters[name].options(rows))

    def rows(self, name):
        """The rows a code filter accepts."""
        return list(self.filters[name].by_code.values())

    def _show_options(self, name, field):
        empty = getattr(field, "empty_label", None) or getattr(self.filters[name], "empty_label", "")
        field.widget.choices = [("", empty), *self._options[name]]

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, field in form.fields.items():
                if name in self._options:
                    self._show_options(name, field)
                if self.autosubmit:
                    field.widget.attrs["data-autosubmit"] = True
        return self._form

    def filter_queryset(self, queryset):
        for name, value in self.values.items():
            if value is not None:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def values(self):
        if not hasattr(self, "_values"):
            cleaned = {}
            if self.is_bound:
                self.form.is_valid()  # runs the validation
                cleaned = self.form.cleaned_data
            self._values = {}
            for name, filter_ in self.filters.items():
                value = cleaned.get(name)
                if isinstance(filter_, CodeChoiceFilter):
                    value = filter_.clean(value)
                self._values[name] = None if value in ("", None) else value
        return self._values

    @property
    def active(self):
        return any(value is not None for value in self.values.values())

    @property
    def ignored(self):
        """A note for each value that was left out, in the form's order."""
        if not self.is_bound:
            return []
        return [
            self.notes[name] % {"value": self.data[name][:NOTE_VALUE_LENGTH]}
            for name in self.filters
            if name in self.form.errors and name in self.notes
        ]
