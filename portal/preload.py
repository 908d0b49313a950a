"""What every server process needs, loaded once in gunicorn's master before it forks workers.

``warm()`` loads jieba's dictionary (the compact one of search/tokenizer.py) with the project's
legal vocabulary and synonym words, the query analysers (stopwords, OpenCC, the pinyin of the
vocabulary: spelled by a child process, so that pypinyin's 56 MB of dictionaries stay out of
the web workers; the job workers that index load them), every model's content type, every
language's compiled catalogues, the URLconf with every view module it names and every URL
pattern compiled, what Django imports on a first request (backends, context processors,
storages, formats), and the project's templates compiled (the cached template loader keeps
them); then it closes the database and cache connections the master opened, so no worker
inherits a socket. gunicorn.conf.py then moves all of it out of the garbage collector's sight
(``gc.freeze()``): the workers share those pages instead of copying them.

``warm_worker()`` runs in each new worker before it accepts a connection (gunicorn's
post_worker_init): it serves the home page and a search to nobody, so that the first visitor's
search in a fresh worker is as fast as the hundredth.
"""

import logging
import threading
from pathlib import Path
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

# What each new worker serves itself before it accepts a connection (warm_worker).
# A common word: its search takes the path every query of common words takes (企业).
WORKER_WARM_PATHS = ("/", "/search/?q=%E4%BC%81%E4%B8%9A")
WORKER_WARM_SECONDS = 5


def warm():
    """Load the shared read-only state; returns what was loaded, for the log."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connections
    from django.urls import get_resolver
    from django.utils.translation import trans_real

    from search import analysis, segment
    from search import query as search_query

    loaded = []
    analysis.spell_elsewhere()
    tokenizer = segment.get_tokenizer()
    loaded.append(f"jieba ({len(tokenizer.FREQ)} words)")
    try:
        # The synonym words (the 同义词 snippet) become jieba words too.
        analysis.ensure_dictionary()
        analysis.synonyms().pinyin  # noqa: B018 - built once, kept on the object
        search_query.pinyin_vocabulary()
        loaded.append("synonyms")
    except Exception:  # no database yet: each worker loads them on its first query
        logger.warning("synonyms not preloaded", exc_info=True)
    try:
        # Every model's content type (ContentType's own per-process cache, read a query per type
        # otherwise: the search page's facets name several). They change only with a migration,
        # which a deploy follows with a restart.
        ContentType.objects.get_for_models(*apps.get_models())
        loaded.append("content types")
    except Exception:  # no database yet: each worker reads them as it needs them
        logger.warning("content types not preloaded", exc_info=True)
    analysis.stopwords()
    analysis.to_simplified("預載")
    analysis.fold("第二十条")
    analysis.tokens("合规整改")
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    loaded.append("catalogues " + ", ".join(code for code, _name in settings.LANGUAGES))
    # A worker's first request would otherwise import the views and compile its templates.
    loaded.append(f"URL patterns ({compile_url_patterns(get_resolver())})")
    loaded.append(f"templates ({compile_project_templates()})")
    import_request_machinery()
    # Nothing the master opened may be shared by its forks.
    connections.close_all()
    caches.close_all()
    return loaded


def compile_url_patterns(resolver):
    """Build the resolver's reverse lookups and compile every URL pattern, in every language;
    returns how many patterns.

    Django does both when a request first needs them (per language: translated prefixes), in
    every worker; done here, the workers share them. The first reverse lookup imports every view.
    """
    from django.conf import settings
    from django.urls import URLResolver
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - kept per language
    patterns, pending = [], [resolver]
    while pending:
        current = pending.pop()
        patterns.append(current.pattern)
        if isinstance(current, URLResolver):
            pending.extend(current.url_patterns)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for pattern in patterns:
                pattern.regex  # noqa: B018 - compiles, kept on the pattern (per language if translated)
    return len(patterns)


def import_request_machinery():
    """Import what Django and allauth import on a worker's first request, not at start.

    The authentication backends, the template context processors, the message and session
    storage and the locale format modules (one per language).
    """
    from django.conf import settings
    from django.contrib.auth import get_backends
    from django.template import engines
    from django.utils import formats, translation
    from django.utils.module_loading import import_string

    get_backends()
    for engine in engines.all():
        getattr(engine, "engine", engine).template_context_processors  # noqa: B018 - imports them
    import_string(settings.MESSAGE_STORAGE)
    import_string(settings.SESSION_SERIALIZER)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            formats.get_format("DATE_FORMAT")


def compile_project_templates():
    """Compile every template under the project's template folders; returns how many."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines

    count = 0
    for engine in engines.all():
        # The project's folders (TEMPLATES' DIRS); a package's own templates load when asked for.
        for folder in map(Path, engine.dirs):
            for path in sorted(folder.rglob("*")):
                if path.suffix not in {".html", ".txt"}:
                    continue
                try:
                    engine.get_template(path.relative_to(folder).as_posix())
                except (TemplateDoesNotExist, TemplateSyntaxError):
                    # A template shadowed by an earlier folder, or one only another's
                    # {% extends %} completes: the request that needs it reports it.
                    logger.warning("template %s not preloaded", path, exc_info=True)
                    continue
                count += 1
    return count


def warm_worker(application, paths=WORKER_WARM_PATHS, seconds=WORKER_WARM_SECONDS):
    """Serve ``paths`` to nobody through ``application`` (the WSGI app) in a new worker; returns their statuses.

    A forked worker's first request writes to thousands of the pages it shares with the master
    (the reference counts of every object it touches: some 4,500 page copies for a search) and
    fills the process's own caches (the kept search terms, the fragments); its visitor waited
    for that (40-50 ms for a search, 11 ms once warm). Served here, from a thread of its own
    whose database connection is closed after, before gunicorn gives the worker a connection.
    The requests carry a session cookie that names no session, so the page cache neither
    answers nor stores them, and they count in no statistic. A slow or failing part (the
    database, Redis) only delays the worker by ``seconds`` at most: the warm-up is abandoned.
    """
    statuses = []
    abandoned = threading.Event()

    def serve():
        from django.db import connections

        try:
            for path in paths:
                if abandoned.is_set():  # the worker serves visitors already: stop warming it
                    break
                status = _serve_one(application, path)
                statuses.append(status)
                if not (status or "").startswith("2"):
                    # A redirect or an error warms nothing: SITE_URL's scheme or host is not the site's.
                    logger.warning("worker warm-up: %s answered %s (SITE_URL %s)", path, status, _site_url())
        except Exception:
            logger.warning("worker warm-up failed", exc_info=True)
        finally:
            connections.close_all()

    thread = threading.Thread(target=serve, name="warm-worker", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        abandoned.set()
        logger.warning("worker warm-up abandoned after %s s", seconds)
    return statuses


def _site_url():
    from django.conf import settings

    return getattr(settings, "SITE_URL", "") or "http://localhost"


def _serve_one(application, path):
    from wsgiref.util import setup_testing_defaults

    from django.conf import settings

    site = urlsplit(_site_url())
    path, _, query = path.partition("?")
    environ = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        # The scheme the public address has: behind the proxy, https (SECURE_PROXY_SSL_HEADER).
        "HTTP_X_FORWARDED_PROTO": site.scheme,
        "wsgi.url_scheme": site.scheme,
        # Shorter than any session key (8 characters at least): no session is looked up or made.
        "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=warm-up",
        "REMOTE_ADDR": "127.0.0.1",
    }
    setup_testing_defaults(environ)  # a GET with an empty body, and the rest of WSGI's keys
    status = []
    body = application(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0] if status else None
