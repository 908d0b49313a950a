"""Admin widgets for authoring drills."""

from django import forms
from django.utils.translation import gettext_lazy as _


class GuidelineItemSelect(forms.SelectMultiple):
    """Guideline items grouped by industry (one query), so editors pick from the right guideline."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"size": 8, **(attrs or {})})

    def optgroups(self, name, value, attrs=None):
        from library.models import GuidelineItem

        industry_of = dict(GuidelineItem.objects.values_list("pk", "page__industry__name"))
        grouped = {}
        selected_values = {str(v) for v in value}
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value in (None, ""):
                continue
            pk = getattr(option_value, "value", option_value)
            group = industry_of.get(pk, "")
            options = grouped.setdefault(group, [])
            options.append(
                self.create_option(
                    name,
                    option_value,
                    option_label,
                    str(pk) in selected_values,
                    index,
                    subindex=None,
                    attrs=attrs,
                )
            )
        return [
            (group or None, options, position) for position, (group, options) in enumerate(grouped.items())
        ]


class StepKeySelect(forms.Select):
    """A choice's branch target as a dropdown of this drill's own steps.

    The steps are edited on the same page (new ones are not saved yet), so the options come from
    the step-code fields in the editor (static/drills/step_select.js); the server renders only
    "next step in order" and the current value. The page form still checks every target.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-drill-step-select": "", **(attrs or {})})

    def optgroups(self, name, value, attrs=None):
        current = [v for v in value if v]
        self.choices = [("", _("按顺序进入下一步骤")), *[(v, v) for v in current]]
        return super().optgroups(name, value, attrs)
