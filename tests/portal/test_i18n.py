"""The English catalogue is kept complete: every app's strings have a real translation."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/en/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_every_app_with_strings_has_a_catalogue():
    apps_with_catalogues = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert "portal" in apps_with_catalogues


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert untranslated == [], f"{len(untranslated)} untranslated strings in {path}"


def test_chinese_source_strings_are_found_without_walking_fallback_catalogues():
    """zh-hans answers the project's own strings from its first catalogue (see compile_catalogues)."""
    from django.core.management import call_command
    from django.utils import translation
    from django.utils.translation import trans_real

    call_command("compile_catalogues", verbosity=0)
    trans_real._translations = {}
    catalogue = trans_real.translation("zh-hans")._catalog
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and not entry.msgid_plural and not entry.msgctxt:
                assert catalogue.get(entry.msgid) == entry.msgid, entry.msgid
    with translation.override("zh-hans"):
        assert translation.gettext("搜索") == "搜索"
    with translation.override("en"):
        assert translation.gettext("搜索") == "Search"
