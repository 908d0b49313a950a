"""Request bodies for the public search, built with elasticsearch-dsl (tests assert them as data)."""

from elasticsearch_dsl import Q, Search

from search.elasticsearch.documents import current_mode, index_name
from search.segment import normalize, query_groups, segment_for_index, segment_query

SEARCH_FIELDS = ["title^3", "summary^2", "text"]


def query_text(query, mode=None):
    """What we send as the query: jieba's precise words in whitespace mode, the raw text with a plugin."""
    mode = mode or current_mode()
    return segment_query(query) if mode.presegmented else normalize(query)


def field_text(text, mode=None):
    mode = mode or current_mode()
    return segment_for_index(text) if mode.presegmented else normalize(text)


def _match(text):
    return Q("multi_match", query=text, fields=SEARCH_FIELDS, operator="and", type="cross_fields")


def text_query(query, mode=None):
    """Every word must match, in any of the fields (like the database backend).

    In whitespace mode each of jieba's words is its own clause, and a compound word
    matches itself or all of its parts (行业合规 or 行业 + 合规), as on the database.
    """
    mode = mode or current_mode()
    if not mode.presegmented:
        return _match(normalize(query))
    clauses = []
    for word, cover in query_groups(query):
        clause = _match(word)
        if cover:
            clause = Q("bool", should=[clause, _match(" ".join(cover))], minimum_should_match=1)
        clauses.append(clause)
    return clauses[0] if len(clauses) == 1 else Q("bool", must=clauses)


def upcoming_filter():
    """Documents without an end (everything but events), or ending from now on."""
    return Q(
        "bool",
        should=[Q("bool", must_not=[Q("exists", field="ends_at")]), Q("range", ends_at={"gte": "now"})],
        minimum_should_match=1,
    )


def build_search(query, filters, size, mode=None):
    """The words (text_query), the upcoming filter, and the facets as aggregations.

    The type/industry filters go in post_filter, and each facet's aggregation is
    filtered by the *other* facet, so counts show what choosing a value would give.
    """
    search = Search(index=index_name()).query(text_query(query, mode))
    if not filters.include_past:
        search = search.filter(upcoming_filter())
    type_filter = Q("terms", content_type=list(filters.type_ids)) if filters.type_selected else None
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


def build_suggest(prefix, size):
    return (
        Search(index=index_name())
        .source(["title"])
        .suggest(
            "titles",
            normalize(prefix),
            completion={"field": "suggest", "size": size, "skip_duplicates": True},
        )
        .extra(size=0)
    )
