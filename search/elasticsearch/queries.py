"""Request bodies for the public search, built with elasticsearch-dsl (tests assert them as data).

The same query understanding as the database engine: the QueryPlan's concepts, of which a
document must match ``minimum_should_match``; synonyms are expanded by the index's search
analyzer (``zh_synonyms``), so each concept sends its word alone; phrase boosts on the
title and text.
"""

from elasticsearch_dsl import Q, Search

from search.analysis import minimum_should_match, pinyin_tokens, tokens
from search.elasticsearch.documents import current_mode, index_name

SEARCH_FIELDS = ["title^3", "labels^2", "pinyin^1.5", "summary", "text"]


def field_text(text, mode=None):
    """What we index: jieba's tokens of the folded text in whitespace mode, the folded text otherwise."""
    from search.analysis import fold

    mode = mode or current_mode()
    folded = fold(text or "")
    return " ".join(tokens(folded)) if mode.presegmented else folded


def pinyin_text(*texts):
    from search.analysis import fold

    return " ".join(pinyin_tokens(fold("\n".join(text or "" for text in texts))))


def _match(word):
    return Q("multi_match", query=word, fields=SEARCH_FIELDS, type="best_fields")


def concept_clause(concept):
    """The word (its synonyms come from the analyzer), or all of a compound's parts."""
    clause = _match(concept.word)
    if concept.parts:
        parts = Q("bool", must=[_match(part) for part in concept.parts], boost=0.8)
        clause = Q("bool", should=[clause, parts], minimum_should_match=1)
    return clause


def text_query(plan, needed=None):
    """At least ``needed`` of the concepts (default: minimum_should_match), article numbers always,
    phrases boosted."""
    articles = [_match(concept.word) for concept in plan.concepts if _is_article(concept.word)]
    clauses = [concept_clause(concept) for concept in plan.concepts if not _is_article(concept.word)]
    needed = minimum_should_match(len(clauses)) if needed is None else min(needed, len(clauses))
    required = [*articles]
    if clauses:
        required.append(Q("bool", should=clauses, minimum_should_match=needed))
    boosts = []
    if len(plan.phrase) >= 2 and len(plan.concepts) > 1:
        boosts = [
            Q("match_phrase", title={"query": plan.text, "boost": 2}),
            Q("match_phrase", text={"query": plan.text, "boost": 0.5}),
        ]
    if not boosts and len(required) == 1:
        return required[0]
    return Q("bool", must=required, should=boosts) if boosts else Q("bool", must=required)


def _is_article(word):
    return word.startswith("第") and word.endswith("条") and word[1:-1].isdigit()


def upcoming_filter():
    """Documents without an end (everything but events), or ending from now on."""
    return Q(
        "bool",
        should=[Q("bool", must_not=[Q("exists", field="ends_at")]), Q("range", ends_at={"gte": "now"})],
        minimum_should_match=1,
    )


def build_search(plan, filters, size, needed=None, mode=None):
    """The concepts, the upcoming filter, and the facets as aggregations.

    The type and industry filters go in post_filter: the hits are filtered before the first
    ``size`` are taken (no result is lost to ranking), and each facet's aggregation is filtered
    by the *other* facet, so its counts are exact and show what choosing a value would give.
    """
    search = Search(index=index_name(mode)).query(text_query(plan, needed))
    if not filters.include_past:
        search = search.filter(upcoming_filter())
    type_filter = Q("terms", content_type=list(filters.type_ids) or [0]) if filters.type_selected else None
    industry_filter = Q("term", industries=filters.industry) if filters.industry else None
    chosen = [f for f in (type_filter, industry_filter) if f is not None]
    if chosen:
        search = search.post_filter(Q("bool", filter=chosen))
    search.aggs.bucket("types", "filter", filter=industry_filter or Q("match_all")).bucket(
        "values", "terms", field="content_type", size=100
    )
    search.aggs.bucket("industries", "filter", filter=type_filter or Q("match_all")).bucket(
        "values", "terms", field="industries", size=200
    )
    return search.source(["document_id"]).extra(size=size, track_total_hits=True)
