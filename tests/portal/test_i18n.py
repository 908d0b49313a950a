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
