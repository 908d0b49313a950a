"""gunicorn's master loads what every worker needs before forking (portal/preload.py)."""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from search import segment

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_warm_loads_the_tokenizer_and_catalogues_and_leaves_no_connection_open(monkeypatch):
    from django.utils.translation import trans_real

    from portal.preload import warm
    from search import analysis

    monkeypatch.setattr(segment, "_tokenizer", None)
    monkeypatch.setattr(analysis, "_spell_elsewhere", False)  # warm() switches it on for this process
    monkeypatch.setattr(trans_real, "_translations", {})
    closed = []
    # (An in-memory SQLite test database ignores close(): record the call instead.)
    monkeypatch.setattr("django.db.connections.close_all", lambda: closed.append("db"))
    monkeypatch.setattr("django.core.cache.caches.close_all", lambda: closed.append("cache"))
    loaded = warm()
    assert segment._tokenizer is not None
    assert any(part.startswith("jieba") for part in loaded)
    assert set(trans_real._translations) >= {"zh-hans", "en"}
    # The legal vocabulary is in: a term of it is one word.
    assert "合规建设联系点" in segment.get_tokenizer().FREQ
    assert closed == ["db", "cache"]
    assert "content types" in loaded
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.models import SearchDocument

    with CaptureQueriesContext(connection) as read:
        ContentType.objects.get_for_model(SearchDocument)
    assert len(read) == 0
    # The URLconf and every template of the project's folder are loaded, none refused.
    assert "portal.urls" in sys.modules
    templates = [p for p in (ROOT / "templates").rglob("*") if p.suffix in {".html", ".txt"}]
    assert f"templates ({len(templates)})" in loaded
    # Every URL pattern is compiled in every language: no worker compiles one on a request.
    assert any(part.startswith("URL patterns (") for part in loaded)
    assert uncompiled_url_patterns() == []
    # ... and the resolver's reverse lookups are built for every language, not on a first reverse().
    from django.urls import get_resolver

    assert set(get_resolver()._reverse_dict) >= {"zh-hans", "en"}


def uncompiled_url_patterns():
    """(language, pattern) of each URL pattern whose regular expression is not compiled yet."""
    from django.conf import settings
    from django.urls import URLResolver, get_resolver
    from django.utils.translation import override

    missing = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            pending = [get_resolver()]
            while pending:
                current = pending.pop()
                pattern = current.pattern
                # A translatable pattern keeps one per language, the others one in their __dict__.
                if "regex" not in pattern.__dict__ and code not in getattr(pattern, "_regex_dict", {}):
                    missing.append((code, str(pattern)))
                if isinstance(current, URLResolver):
                    pending.extend(current.url_patterns)
    return missing


@pytest.mark.django_db(transaction=True)
def test_a_new_worker_serves_itself_a_page_and_a_search_and_caches_neither(home, settings):
    from django.core.handlers.wsgi import WSGIHandler

    from portal.preload import WORKER_WARM_PATHS, warm_worker

    settings.SITE_URL = "http://localhost"
    assert any(path.startswith("/search/?q=") for path in WORKER_WARM_PATHS)
    assert warm_worker(WSGIHandler()) == ["200 OK"] * len(WORKER_WARM_PATHS)
    # The page cache neither answered nor kept them: a visitor's first request is a miss.
    from django.test import Client

    visitor = Client()
    assert visitor.get("/")["X-Page-Cache"] == "miss"
    assert visitor.get("/")["X-Page-Cache"] == "hit"


def test_a_failing_or_hanging_warm_up_never_stops_the_worker(caplog):
    import threading

    from portal.preload import warm_worker

    def failing(environ, start_response):
        raise RuntimeError("the database is down")

    assert warm_worker(failing, paths=("/",)) == []
    assert "worker warm-up failed" in caplog.text

    def redirecting(environ, start_response):
        start_response("301 Moved Permanently", [("Location", "https://example.org/")])
        return [b""]

    # A redirect warms nothing: said, so that a SITE_URL of the wrong scheme or host is noticed.
    assert warm_worker(redirecting, paths=("/", "/search/")) == ["301 Moved Permanently"] * 2
    assert "answered 301 Moved Permanently" in caplog.text
    released = threading.Event()

    def hanging(environ, start_response):
        released.wait(5)
        start_response("200 OK", [])
        return [b""]

    served = []

    def hanging_then_counting(environ, start_response):
        served.append(environ["PATH_INFO"])
        return hanging(environ, start_response)

    try:
        assert warm_worker(hanging_then_counting, paths=("/", "/search/"), seconds=0.05) == []
        assert "abandoned" in caplog.text
    finally:
        released.set()
    # Abandoned, it serves nothing more once the request in hand ends.
    for thread in threading.enumerate():
        if thread.name == "warm-worker":
            thread.join(5)
    assert served == ["/"]


def test_gunicorn_freezes_after_preloading(monkeypatch):
    calls = []
    monkeypatch.setattr("portal.preload.warm", lambda: calls.append("warm") or ["x"])
    monkeypatch.setattr("gc.freeze", lambda: calls.append("freeze"))
    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "portal" / "gunicorn.conf.py"))
    assert conf["preload_app"] is True

    class Server:
        class log:
            @staticmethod
            def info(*args):
                calls.append("log")

    conf["when_ready"](Server)
    assert calls == ["warm", "log", "freeze"]


def test_gunicorn_warms_each_worker_before_it_serves(monkeypatch):
    served = []
    monkeypatch.setattr("portal.preload.warm_worker", lambda app: served.append(app) or ["200 OK"])
    conf = runpy.run_path(str(ROOT / "portal" / "gunicorn.conf.py"))

    class Worker:
        wsgi = object()
        logged = []

        class log:
            @staticmethod
            def info(*args):
                Worker.logged.append(args)

    conf["post_worker_init"](Worker)
    assert served == [Worker.wsgi]
    assert Worker.logged


def loaded_after(code):
    """The third-party packages among PROBED that a fresh process has imported after ``code``."""
    script = (
        "import os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings.test'\n"
        "django.setup()\n"
        f"{code}\n"
        f"print(' '.join(sorted(name for name in {PROBED!r} if name in sys.modules)))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


PROBED = ("fpdf", "fontTools", "pkg_resources", "pypinyin", "qrcode")


def test_serving_pages_leaves_the_pdf_layout_unloaded():
    """fpdf2, fontTools and qrcode load in a process that renders a PDF or a QR code, not in every web worker."""
    assert loaded_after("from django.urls import get_resolver; get_resolver().reverse_dict") == []
    assert loaded_after("import courses.drills.views, rectification.views, courses.models") == []
    # Rendering one loads them.
    assert loaded_after("from rectification import pdf") == ["fontTools", "fpdf"]
    assert loaded_after("from core import qr; qr.svg('T-1', box_size=12)") == ["qrcode"]


def test_the_tokenizer_loads_without_pkg_resources():
    """jieba would import pkg_resources (13 MB) only to open its own files."""
    assert loaded_after("from search.segment import get_tokenizer; get_tokenizer().lcut('合规整改')") == []


def test_a_web_worker_reads_pinyin_queries_without_loading_pypinyin():
    """After warm()'s spell_elsewhere(), the vocabulary's pinyin comes from a child process, the same."""
    from search.analysis import Synonyms, seed_synonym_groups

    script = (
        "import json, os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings.test'\n"
        "django.setup()\n"
        "from search import analysis\n"
        "analysis.spell_elsewhere()\n"
        "synonyms = analysis.Synonyms(analysis.seed_synonym_groups())\n"
        "print(json.dumps([synonyms.pinyin, sorted(synonyms.spelled('shebao')), 'pypinyin' in sys.modules]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pinyin, shebao, loaded = json.loads(result.stdout.splitlines()[-1])
    assert loaded is False
    assert "社保" in shebao
    # Spelled here, with pypinyin loaded: the same map, polyphones (银行 yinhang) included.
    assert pinyin == Synonyms(seed_synonym_groups()).pinyin
