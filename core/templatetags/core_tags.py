import re

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy
from wagtail.models import Site

from core import i18n, icons, request_memo
from core.fragments import page_fragment

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


@register.simple_tag(takes_context=True)
def shared_fragment_key(context):
    """What the header's navigation and the footer are cached on (with the language): the
    request's site and the generation of what every page shows, which saving a setting or
    changing a page a setting links to starts anew (core.cache)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return f"{site.pk if site else '-'}:{request_memo.generation(request)}"


@register.simple_tag(takes_context=True)
def kept_filter_form(context, filterset):
    """A list's filter form (includes/filter_form_controls.html), kept as the page's fragments
    are (core.fragments): its controls are Django widgets, a template per option, rendered
    alike for every visitor of the same filters. Keyed on the filters' values, and on the whole
    query string where the form carries links that repeat it (``actions``)."""
    template = context.template.engine.get_template("includes/filter_form_controls.html")
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return template.render(context)
    form = filterset.form
    values = tuple((name, repr(form[name].value())) for name in form.fields)  # what each control shows
    state = (
        values,
        context.get("form_id"),
        context.get("form_label"),
        tuple(context.get("hidden") or ()),
        bool(context.get("clear")),
        context.get("actions"),
        request.GET.urlencode() if context.get("actions") else "",
    )
    return page_fragment(page, request, f"filter-form:{state!r}", lambda: template.render(context))


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None (a template cannot index a dict by a variable)."""
    return mapping.get(key) if mapping else None


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


# A landline with its area code (0577-88000000, an extension after a second hyphen), a mobile number,
# or a 400 hotline; and a range of times or numbers (8:30–17:00), or a date written with hyphens.
PHONE_NUMBER = re.compile(r"(?<![\d-])(?:0\d{2,3}-\d{7,8}(?:-\d{1,6})?|1[3-9]\d{9}|400-\d{3}-\d{4})(?![\d-])")
NUMBER_RANGE = re.compile(r"(?<![\d:.–—~～-])\d[\d:.]*(?:[–—~～-]\d[\d:.]*)+")


@register.filter
def keep_numbers_whole(text):
    """Plain ``text`` as HTML whose phone numbers (as tel: links) and ranges a line does not break
    inside: a browser otherwise breaks "0577-88000000" after its hyphen on a narrow screen."""

    def phone(match):
        return f'<a class="tel" href="tel:{match[0]}">{match[0]}</a>'

    html = PHONE_NUMBER.sub(phone, escape(text))
    pieces = re.split(r"(<a [^>]*>[^<]*</a>)", html)  # the links just made are left as they are
    pieces[::2] = [NUMBER_RANGE.sub(r'<span class="nowrap">\g<0></span>', piece) for piece in pieces[::2]]
    return mark_safe("".join(pieces))


@register.filter
def bracketed(value):
    """``value`` in brackets of the interface language: full-width （） in Chinese, " (…)" in English."""
    return mark_safe(gettext("（%(value)s）") % {"value": conditional_escape(value)})


@register.simple_tag
def shown_untranslated(page):
    """Whether ``page`` is shown in Chinese to a visitor who chose another language."""
    return i18n.shown_untranslated(page)


PERMISSION_ACTIONS = {
    "add": gettext_lazy("可以添加%(name)s"),
    "change": gettext_lazy("可以修改%(name)s"),
    "delete": gettext_lazy("可以删除%(name)s"),
    "view": gettext_lazy("可以查看%(name)s"),
}


@register.filter
def permission_label(permission):
    """A permission's name in the admin's language: Django stores "Can add <model>" in English
    at migrate time, so the four model permissions are named from the model's verbose name."""
    action, _, model = permission.codename.partition("_")
    model_class = ContentType.objects.get_for_id(permission.content_type_id).model_class()  # cached
    if action in PERMISSION_ACTIONS and model_class is not None and model == model_class._meta.model_name:
        return PERMISSION_ACTIONS[action] % {"name": model_class._meta.verbose_name}
    return gettext(permission.name)


# Wagtail models that have no verbose_name, so Django names them from the class, in English.
UNNAMED_MODELS = {"locale": gettext_lazy("语言区域"), "simple translation": gettext_lazy("简易翻译")}


@register.filter
def model_label(verbose_name):
    return UNNAMED_MODELS.get(str(verbose_name), verbose_name)
