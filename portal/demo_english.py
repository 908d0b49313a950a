"""English for the demo (``demo_english.yaml``): taxonomy names, navigation and footer labels,
and English translations of the home page, the section pages and one guideline made with
Wagtail's localisation.

Runs after every app's Chinese demo content; idempotent like the other loaders.
"""

from pathlib import Path

import yaml
from django.apps import apps
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page, Site

from portal.models import FooterSettings, HomePage, NavigationSettings

DATA = Path(__file__).with_name("demo_english.yaml")


def _name_taxonomy(model_label, key, names):
    model = apps.get_model(model_label)
    for code, name in names.items():
        model.objects.filter(**{key: code}, name_en="").update(name_en=name)


def _label_links(stream, labels):
    changed = False
    for block in stream:
        value = block.value
        if not value.get("label_en") and value.get("url") in labels:
            value["label_en"] = labels[value["url"]]
            changed = True
    return changed


def translate_page(page, locale, edit):
    """Publish ``page``'s translation into ``locale``, its text set by ``edit(translation)`` (once).

    An alias copy in ``locale`` (what translating a child makes of its parents) becomes the
    translation, as the admin's "convert alias" does.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        return existing.specific
    if existing is not None:
        translated = ConvertAliasPageAction(existing).execute(skip_permission_checks=True).specific
    else:
        translated = page.copy_for_translation(locale, copy_parents=True).specific
    edit(translated)
    translated.save()
    translated.save_revision().publish()
    return translated


def _set(page, fields):
    for name, value in fields.items():
        setattr(page, name, value)


def load(stdout):
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    english, _created = Locale.objects.get_or_create(language_code="en")

    _name_taxonomy("library.Industry", "code", data["industries"])
    _name_taxonomy("library.RiskArea", "code", data["risk_areas"])
    _name_taxonomy("consult.Department", "slug", data["departments"])

    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    if _label_links(navigation.header_links, data["navigation"]):
        navigation.save()
    footer = FooterSettings.for_site(site)
    changed = _label_links(footer.links, data["footer"]["links"])
    if not footer.about_en:
        footer.about_en = data["footer"]["about"]
        footer.contact_en = data["footer"]["contact"]
        changed = True
    if changed:
        footer.save()

    home = HomePage.objects.filter(locale__language_code="zh-hans").first()
    if home is None:
        return
    home_data = data["home"]
    translate_page(
        home,
        english,
        lambda page: _set(
            page,
            {
                "title": home_data["title"],
                "body": [(block["type"], block["value"]) for block in home_data["body"]],
            },
        ),
    )
    for section in data["indexes"]:
        index = home.get_children().filter(slug=section["slug"]).specific().first()
        if index is not None:
            translate_page(
                index,
                english,
                lambda page, section=section: _set(
                    page, {"title": section["title"], "intro": section["intro"]}
                ),
            )
    text = data["guideline"]
    guideline = (
        Page.objects.descendant_of(home).filter(slug=text["slug"], locale=home.locale).specific().first()
    )
    if guideline is None:
        return

    def edit_guideline(page):
        _set(page, {"title": text["title"], "intro": text["intro"]})
        items = list(page.items.all())
        for item, item_text in zip(items, text["items"], strict=False):
            _set(item, item_text)
        page.items = items

    translated = translate_page(guideline, english, edit_guideline)
    stdout.write(f"  English: the home page, the section pages and “{translated.title}”")
