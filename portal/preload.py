"""What every server process needs, loaded once in gunicorn's master before it forks workers.

``warm()`` loads jieba's dictionary (the compact one of search/tokenizer.py) with the project's
legal vocabulary and synonym words, the query analysers (stopwords, OpenCC, the pinyin of the
vocabulary: spelled by a child process, so that pypinyin's 56 MB of dictionaries stay out of
the web workers; the job workers that index load them), every model's content type, every
language's compiled catalogues, the URLconf with every view module it names, and the project's templates compiled (the cached
template loader keeps them); then it closes the database and cache connections the master opened, so
no worker inherits a socket. gunicorn.conf.py then moves all of it out of the garbage
collector's sight (``gc.freeze()``): the workers share those pages instead of copying them,
and the first search in a fresh worker is as fast as the hundredth.
"""

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


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
    get_resolver().reverse_dict  # noqa: B018 - populates the resolver, importing every view
    loaded.append(f"templates ({compile_project_templates()})")
    # Nothing the master opened may be shared by its forks.
    connections.close_all()
    caches.close_all()
    return loaded


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
