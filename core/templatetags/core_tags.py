from django import template

from core import i18n, icons

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for filters and pagination)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """hreflang alternates of the current URL: [(hreflang, absolute URL), ...]."""
    request = context.get("request")
    return i18n.language_alternates(request) if request else []


@register.filter
def bcp47(code):
    """A Django language code as a BCP 47 tag for lang= and hreflang= ("zh-hans" → "zh-Hans")."""
    return i18n.bcp47(code)


@register.simple_tag
def icon(name, label=""):
    """An SVG icon from ``core/icons/`` (Lucide, ISC licence), inline so it inherits the text colour.

    Decorative unless ``label`` is given, in which case it is announced as that label.
    """
    return icons.svg(name, label)


@register.filter
def link_label(value):
    """A link block's label in the interface language (``label_en`` in English when filled in)."""
    return i18n.in_active_language(value.get("label"), value.get("label_en"))


@register.simple_tag
def shown_untranslated(page):
    """Whether ``page`` is shown in Chinese to a visitor who chose another language."""
    return i18n.shown_untranslated(page)
