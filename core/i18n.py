"""The interface language: Chinese unless the visitor has chosen English.

Django's ``LocaleMiddleware`` falls back on the browser's ``Accept-Language``; here the
browser is never asked. The language is the one named by ``?lang=`` (the hreflang
alternates point there), else the one the language switch stored in a cookie, else
``settings.LANGUAGE_CODE``.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

LANGUAGE_QUERY_PARAMETER = "lang"

# BCP 47 tags for <html lang> and hreflang (Django's codes are lower case).
BCP47 = {"zh-hans": "zh-Hans", "en": "en"}


def supported(code):
    return code if code in dict(settings.LANGUAGES) else None


def chosen_language(request):
    """The language this request is served in (see the module docstring)."""
    return (
        supported(request.GET.get(LANGUAGE_QUERY_PARAMETER, ""))
        or supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))
        or settings.LANGUAGE_CODE
    )


def bcp47(code):
    return BCP47.get(code, code)


class ChosenLanguageMiddleware:
    """Activate the chosen language for the request (in place of ``LocaleMiddleware``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The same URL answers in either language, chosen by the cookie.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


def language_alternates(request):
    """(hreflang, absolute URL) of this page in every language, then the x-default."""
    query = request.GET.copy()
    query.pop(LANGUAGE_QUERY_PARAMETER, None)
    alternates = []
    for code, _name in settings.LANGUAGES:
        query[LANGUAGE_QUERY_PARAMETER] = code
        alternates.append((bcp47(code), request.build_absolute_uri(f"{request.path}?{query.urlencode()}")))
    query.pop(LANGUAGE_QUERY_PARAMETER)
    plain = f"{request.path}?{query.urlencode()}" if query else request.path
    alternates.append(("x-default", request.build_absolute_uri(plain)))
    return alternates


def in_active_language(chinese, english):
    """``english`` when the interface is English and it is filled in, otherwise ``chinese``."""
    if english and translation.get_language() == "en":
        return english
    return chinese


class EnglishNameMixin(models.Model):
    """An English name beside the Chinese ``name``, shown in the English interface."""

    name_en = models.CharField(
        _("英文名称"), max_length=80, blank=True, help_text=_("英文界面显示的名称，留空时显示中文名称")
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return in_active_language(self.name, self.name_en)


def source_language_only(pages):
    """Pages of the default (Chinese) locale: listings show each page once, its translation on its own URL."""
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def source_page(page):
    """The Chinese original of ``page``: a listing reads its children there.

    Translating one child with Wagtail's localisation makes alias copies of its parents in the
    new locale, holding only the translated children; a listing served from such a copy (or
    from a translated index) still lists every Chinese child, each shown in the visitor's
    language where it has a translation (``in_visitor_language``).
    """
    if translation.get_language() == settings.LANGUAGE_CODE or page.pk is None:
        return page
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    original = page.get_translation_or_none(default)
    return original.specific if original is not None else page


def active_locale():
    """The Locale of the interface's language, or None if it has none."""
    try:
        # Wagtail's look-up, which core.request_memo makes once a request.
        return Locale.objects.get_for_language(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return None


def in_visitor_language(pages, related=(), prefetch=(), keep=()):
    """``pages`` with each replaced by its live translation in the active language, where one
    exists (one query, plus ``prefetch``): a listing built from Chinese pages shows the English
    version in English. An alias copy is not a translation. ``related`` and ``prefetch`` load
    what the listing shows of each translation; ``keep`` names attributes (annotations, say)
    copied from the Chinese page onto its translation.
    """
    pages = list(pages)
    if translation.get_language() == settings.LANGUAGE_CODE or not pages:
        return pages
    active = active_locale()
    if active is None:
        return pages
    kinds = {type(page) for page in pages}
    model = kinds.pop() if len(kinds) == 1 else Page
    translations = (
        model.objects.live()
        .public()
        .filter(
            locale=active, alias_of__isnull=True, translation_key__in=[page.translation_key for page in pages]
        )
    )
    if model is Page:
        translations = translations.specific()
    translations = translations.select_related(*related).prefetch_related(*prefetch)
    translated = {page.translation_key: page for page in translations}
    shown = []
    for page in pages:
        other = translated.get(page.translation_key)
        if other is None:
            shown.append(page)
            continue
        for name in keep:
            setattr(other, name, getattr(page, name))
        shown.append(other)
    return shown


def shown_untranslated(page):
    """Whether ``page`` (a Wagtail page being served) is in another language than the interface's."""
    language = translation.get_language()
    if page is None or language == settings.LANGUAGE_CODE or not hasattr(page, "locale_id"):
        return False
    active = active_locale()
    return page.locale_id != (active.pk if active else None)


def route_through_source_tree(root, request, path_components, route):
    """Route a URL through the Chinese page tree, then serve the page's live translation, if any.

    Translations share their Chinese page's URL (the language comes from the visitor's choice,
    not the path), and a page nobody translated is still found in English: it is served in
    Chinese with a notice (see ``shown_untranslated``). ``route(page, request, components)`` is
    the root page class's own routing.
    """
    default = Locale.get_default()
    source = root if root.locale_id == default.pk else root.get_translation_or_none(default)
    if source is None:
        return route(root, request, path_components)
    source = source.specific
    result = route(source, request, path_components)
    if translation.get_language() == settings.LANGUAGE_CODE:
        return result
    found = result.page
    translated = found.localized
    # An alias copy (made for the parents of a translated page) repeats the Chinese page: the
    # Chinese page is served, with the notice that it has no English version.
    if translated.pk == found.pk or translated.alias_of_id == found.pk:
        return result
    consumed = [part for part in found.url_path[len(source.url_path) :].split("/") if part]
    remaining = path_components[len(consumed) :]
    translated = translated.specific
    if type(translated) is type(source):
        return route(translated, request, remaining)
    return translated.route(request, remaining)
