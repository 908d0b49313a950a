"""Compile every .po catalogue to .mo in pure Python (no GNU gettext needed on a fresh machine).

The source strings are Chinese, so zh-hans has no catalogue of its own, and a lookup that
misses walks every third-party "zh" fallback catalogue in turn (about 15): 20 µs a string,
40% of a long page's rendering. Each English catalogue therefore also yields a generated
zh_Hans catalogue that maps every source string to itself, so zh-hans lookups hit at once.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SOURCE_LOCALE = "zh_Hans"


def is_stale(target, source):
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


def source_catalogue(po):
    """The catalogue that translates each of ``po``'s source strings into itself."""
    identity = polib.POFile()
    identity.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": SOURCE_LOCALE,
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            identity.append(
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr_plural={0: entry.msgid},
                )
            )
        else:
            identity.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgid))
    return identity


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po → .mo) with polib."

    def handle(self, *args, **options):
        count = 0
        for po_path in sorted(Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/*.po")):
            if ".venv" in po_path.parts:
                continue
            mo_path = po_path.with_suffix(".mo")
            source_mo = po_path.parents[2] / SOURCE_LOCALE / "LC_MESSAGES" / mo_path.name
            if not is_stale(mo_path, po_path) and not is_stale(source_mo, po_path):
                continue
            po = polib.pofile(str(po_path))
            po.save_as_mofile(str(mo_path))
            if po_path.parts[-3] != SOURCE_LOCALE:
                source_mo.parent.mkdir(parents=True, exist_ok=True)
                source_catalogue(po).save_as_mofile(str(source_mo))
            count += 1
        if options["verbosity"] > 1 or count:
            self.stdout.write(f"compiled {count} catalogue(s)")
