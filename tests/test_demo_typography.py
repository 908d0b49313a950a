"""Chinese typography in the demo data and the interface: full-width ，；：（）？！ inside Chinese text.

Every YAML file under an app's ``demo/`` folder (and the benchmark vocabulary) is parsed and each
string is scanned, and so is every Chinese msgid of each app's catalogue (the interface strings of
its code and templates); ASCII punctuation stays where it belongs: URLs, times like 8:30, code and
English.
"""

import re
from pathlib import Path

import polib
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "node_modules", "static_collected", "media"}

# Han characters, CJK symbols and punctuation, full-width forms, and the curly quotes and dashes
# that Chinese text uses.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2014\u2026"
NEXT_TO_CJK = re.compile(rf"[{CJK}] *[,;:()]|[,;:()] *[{CJK}]|[{CJK}][?!]")


def data_files():
    files = []
    for path in sorted(ROOT.rglob("*.yaml")):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP:
            continue
        if "demo" in parts or "bench" in parts:
            files.append(path)
    return files


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def ascii_punctuation_in_chinese(text):
    """Snippets of ``text`` where ASCII ,;:()?! touches Chinese."""
    return [text[max(0, m.start() - 8) : m.end() + 8] for m in NEXT_TO_CJK.finditer(text)]


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("事前合规,胜过事后整改", True),
        ("咨询电话:0577-88000000", True),
        ("收集的个人信息(姓名、邮箱)", True),
        ("需要单独同意吗?", True),
        ("工作日 8:30–17:00", False),
        ("https://meeting.example.cn/a?b=1", False),
        ("Compliance Academy (demo), English text: fine", False),
        ("事前合规，胜过事后整改；咨询电话：0577-88000000（工作日 8:30–17:00）", False),
    ],
)
def test_the_check_tells_chinese_from_ascii_punctuation(text, flagged):
    assert bool(ascii_punctuation_in_chinese(text)) is flagged


def test_the_demo_data_exists():
    names = {path.relative_to(ROOT).parts[0] for path in data_files()}
    assert {"accounts", "portal", "library", "courses", "events", "consult"} <= names


@pytest.mark.parametrize("path", data_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_demo_data_uses_full_width_punctuation_in_chinese(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [snippet for text in strings(data) for snippet in ascii_punctuation_in_chinese(text)]
    assert found == [], f"ASCII punctuation inside Chinese text in {path.relative_to(ROOT)}: {found[:10]}"


def catalogues():
    return sorted(
        path
        for path in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
        if not set(path.relative_to(ROOT).parts) & SKIP
    )


def test_every_app_has_a_catalogue():
    apps = {path.relative_to(ROOT).parts[0] for path in catalogues()}
    assert {"accounts", "portal", "core", "library", "courses", "events", "consult", "search"} <= apps


@pytest.mark.parametrize("path", catalogues(), ids=lambda path: "/".join(path.relative_to(ROOT).parts[:-4]))
def test_interface_strings_use_full_width_punctuation_in_chinese(path):
    found = [
        f"{snippet!r} ({entry.occurrences[0][0] if entry.occurrences else '?'})"
        for entry in polib.pofile(str(path))
        for msgid in (entry.msgid, entry.msgid_plural)
        for snippet in ascii_punctuation_in_chinese(msgid or "")
    ]
    assert found == [], f"ASCII punctuation inside Chinese msgids of {path.relative_to(ROOT)}: {found[:10]}"
