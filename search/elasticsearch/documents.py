"""The public search's Elasticsearch index, defined with elasticsearch-dsl.

The analysis is the database engine's (``search.analysis``): in the default
``whitespace`` mode, which any vanilla Elasticsearch 8 accepts, Python sends folded
(Simplified, half-width, lower-case, 第N条) and jieba-segmented text, and the index's own
analyzers split it on whitespace, drop the stopwords of ``dict/stopwords.txt`` and, at
query time, expand the editors' synonym groups (a ``synonym_graph`` filter). Titles,
labels and industries also go in a ``pinyin`` field. The index name carries a version
of that analysis, so changing it (or the synonyms) writes a new index.

With the IK or smartcn plugin (``ELASTICSEARCH_ANALYZER=ik`` / ``smartcn``) the cluster
segments the text itself; stopwords and synonyms apply the same way.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from elasticsearch_dsl import Date, Document, Integer, Keyword, Text, analyzer, token_filter

from search.analysis import stopwords, synonyms

# Bump when the analysis changes in code (tokens, fields, filters): a new index is built.
ANALYSIS_VERSION = 2
NORMALISE = ["cjk_width", "lowercase"]


@dataclass(frozen=True)
class AnalyzerMode:
    name: str
    tokenizer: str
    query_tokenizer: str
    presegmented: bool  # True: we send jieba-segmented text


MODES = {
    "whitespace": AnalyzerMode("whitespace", "whitespace", "whitespace", True),
    "ik": AnalyzerMode("ik", "ik_max_word", "ik_smart", False),
    "smartcn": AnalyzerMode("smartcn", "smartcn_tokenizer", "smartcn_tokenizer", False),
}


def current_mode():
    return MODES.get(settings.ELASTICSEARCH_ANALYZER, MODES["whitespace"])


def synonym_rules():
    """The synonym groups as Solr rules ("社保, 社会保险, 五险一金"), sorted for a stable version."""
    return sorted(", ".join(words) for words in synonyms().groups)


def analysis_filters():
    return (
        token_filter("zh_stop", "stop", stopwords=sorted(stopwords())),
        token_filter("zh_synonyms", "synonym_graph", synonyms=synonym_rules(), lenient=True),
    )


def analyzers(mode=None):
    """(index analyzer, search analyzer) of a mode."""
    mode = mode or current_mode()
    stop, synonym = analysis_filters()
    index = analyzer(f"zh_{mode.name}_index", tokenizer=mode.tokenizer, filter=[*NORMALISE, stop])
    search = analyzer(
        f"zh_{mode.name}_search", tokenizer=mode.query_tokenizer, filter=[*NORMALISE, stop, synonym]
    )
    return index, search


def analysis_version(mode=None):
    """A short hash of everything the analyzers depend on."""
    mode = mode or current_mode()
    source = "\n".join([str(ANALYSIS_VERSION), mode.name, *sorted(stopwords()), *synonym_rules()])
    return hashlib.sha1(source.encode()).hexdigest()[:8]  # noqa: S324 - a version tag, not security


def index_name(mode=None):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search-documents-{analysis_version(mode)}".lower()


def index_pattern():
    """Every version of the index (to delete stale ones)."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search-documents-*".lower()


INDEX_SETTINGS = {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


def document_class(mode=None, name=None):
    """The Document class for an analyzer mode and index name (defaults from settings)."""
    mode = mode or current_mode()
    name = name or index_name(mode)
    index_analyzer, search_analyzer = analyzers(mode)

    def text_field(**extra):
        return Text(analyzer=index_analyzer, search_analyzer=search_analyzer, **extra)

    attrs = {
        "document_id": Integer(),
        "page_id": Integer(),
        "section": Keyword(),
        "content_type": Integer(),
        "kind": Keyword(),
        "title": text_field(fields={"raw": Keyword()}),
        "labels": text_field(),
        "pinyin": Text(analyzer="whitespace"),
        "summary": text_field(),
        "text": text_field(),
        "industries": Keyword(),
        "starts_at": Date(),
        "ends_at": Date(),
        "Index": type("Index", (), {"name": name, "settings": dict(INDEX_SETTINGS)}),
        "__module__": __name__,
    }
    return type("SearchDocumentIndex", (Document,), attrs)
