"""Admin widgets for authoring drills."""

from django import forms


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
