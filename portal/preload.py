"""What every server process needs, loaded once in gunicorn's master before it forks workers.

``warm()`` loads jieba's dictionary with the project's legal vocabulary and synonym words,
the query analysers (stopwords, OpenCC, pinyin of the vocabulary) and every language's
compiled catalogues; then it closes the database and cache connections the master opened, so
no worker inherits a socket. gunicorn.conf.py then moves all of it out of the garbage
collector's sight (``gc.freeze()``): the workers share those pages instead of copying them,
and the first search in a fresh worker is as fast as the hundredth.
"""

import logging

logger = logging.getLogger(__name__)


def warm():
    """Load the shared read-only state; returns what was loaded, for the log."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connections
    from django.utils.translation import trans_real

    from search import analysis, segment

    loaded = []
    tokenizer = segment.get_tokenizer()
    loaded.append(f"jieba ({len(tokenizer.FREQ)} words)")
    try:
        # The synonym words (the 同义词 snippet) become jieba words too.
        analysis.ensure_dictionary()
        analysis.synonyms().pinyin  # noqa: B018 - built once, kept on the object
        loaded.append("synonyms")
    except Exception:  # no database yet: each worker loads them on its first query
        logger.warning("synonyms not preloaded", exc_info=True)
    analysis.stopwords()
    analysis.to_simplified("預載")
    analysis.fold("第二十条")
    analysis.tokens("合规整改")
    analysis.pinyin_tokens("合规")
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    loaded.append("catalogues " + ", ".join(code for code, _name in settings.LANGUAGES))
    # Nothing the master opened may be shared by its forks.
    connections.close_all()
    caches.close_all()
    return loaded
