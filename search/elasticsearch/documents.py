"""The public search's Elasticsearch index, defined with elasticsearch-dsl.

Analyzer modes (``ELASTICSEARCH_ANALYZER``):

- ``whitespace`` (default, any vanilla cluster): text is segmented by jieba in
  Python exactly as for the database backend (search mode when indexing, precise
  mode for queries) and split on whitespace, then cjk_width + lowercase;
- ``ik``: the IK plugin segments (``ik_max_word`` when indexing, ``ik_smart``
  for queries);
- ``smartcn``: the smartcn plugin's tokenizer.
"""

from dataclasses import dataclass

from django.conf import settings
from elasticsearch_dsl import Completion, Date, Document, Integer, Keyword, Text, analyzer

NORMALISE = ["cjk_width", "lowercase"]


@dataclass(frozen=True)
class AnalyzerMode:
    name: str
    index_analyzer: object
    search_analyzer: object
    presegmented: bool  # True: we send jieba-segmented text


def _modes():
    whitespace = analyzer("zh_whitespace", tokenizer="whitespace", filter=NORMALISE)
    return {
        "whitespace": AnalyzerMode("whitespace", whitespace, whitespace, True),
        "ik": AnalyzerMode(
            "ik",
            analyzer("zh_ik_max_word", tokenizer="ik_max_word", filter=NORMALISE),
            analyzer("zh_ik_smart", tokenizer="ik_smart", filter=NORMALISE),
            False,
        ),
        "smartcn": AnalyzerMode(
            "smartcn",
            analyzer("zh_smartcn", tokenizer="smartcn_tokenizer", filter=NORMALISE),
            analyzer("zh_smartcn", tokenizer="smartcn_tokenizer", filter=NORMALISE),
            False,
        ),
    }


MODES = _modes()
# Suggestions match the start of a title (or of a word inside it): one keyword token.
SUGGEST_ANALYZER = analyzer("zh_suggest", tokenizer="keyword", filter=NORMALISE)


def current_mode():
    return MODES.get(settings.ELASTICSEARCH_ANALYZER, MODES["whitespace"])


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search-documents".lower()


INDEX_SETTINGS = {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


def document_class(mode=None, name=None):
    """The Document class for an analyzer mode and index name (defaults from settings)."""
    mode = mode or current_mode()
    name = name or index_name()

    def text_field(**extra):
        return Text(analyzer=mode.index_analyzer, search_analyzer=mode.search_analyzer, **extra)

    attrs = {
        "document_id": Integer(),
        "page_id": Integer(),
        "content_type": Integer(),
        "kind": Keyword(),
        "title": text_field(fields={"raw": Keyword()}),
        "summary": text_field(),
        "text": text_field(),
        "industries": Keyword(),
        "starts_at": Date(),
        "ends_at": Date(),
        "suggest": Completion(analyzer=SUGGEST_ANALYZER),
        "Index": type("Index", (), {"name": name, "settings": dict(INDEX_SETTINGS)}),
        "__module__": __name__,
    }
    return type("SearchDocumentIndex", (Document,), attrs)
