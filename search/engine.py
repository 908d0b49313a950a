"""The database engine of the public search, and what every engine shares.

A query arrives as a ``search.analysis.QueryPlan`` (concepts with their alternatives).
The database engine ranks documents from ``SearchTerm`` in one aggregate query, the same
SQL on SQLite and PostgreSQL: each concept scores its best-matching term (BM25 weight ×
inverse document frequency), a document must match a minimum number of the concepts
(``analysis.minimum_should_match``), and its score is scaled by the share it matches.
The type, industry and upcoming filters are conditions of that query (applied before
ranking), and the facets are counted exactly over the same matches.

Engines never import the search service (``search.query``); it imports them.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from search import docsets
from search.analysis import fold, minimum_should_match
from search.models import SearchDocument, SearchTerm
from search.statistics import term_statistics

MAX_HITS = 1000
# Fewer documents than this match enough of the words: show those matching some, ranked below.
ENOUGH_MATCHES = 10
# Alternatives (synonyms, a compound's parts) count a little less than the word typed.
ALTERNATIVE_WEIGHT = 0.8
# The best candidates are re-scored with the phrase boosts (the whole query in the title or text).
RESCORED = 100
TITLE_PHRASE_BOOST = 1.6
TEXT_PHRASE_BOOST = 1.2
# From this many postings (the query's terms' documents, summed) the matches, the facets and the
# scores come from the kept document sets and postings (search.docsets), not from the database.
SETS_FROM = 2000


@dataclass
class EngineResult:
    """What an engine answers, whichever it is.

    ``ids``: matching SearchDocument IDs after the type and industry filters, in relevance
    order (at most MAX_HITS); ``total``: how many match in all; ``type_counts`` ({content type
    id: n}, within the industry filter) and ``industry_counts`` ({industry code: n}, within the
    type filter) for the facets; ``fallback``: no word is indexed and a substring search
    answered; ``relaxed``: no document matched enough of the words, these match some.
    """

    ids: list
    total: int = 0
    type_counts: dict = field(default_factory=dict)
    industry_counts: dict = field(default_factory=dict)
    fallback: bool = False
    relaxed: bool = False
    unknown_words: list = field(default_factory=list)


@dataclass
class Filters:
    include_past: bool = False
    type_ids: tuple = ()  # content type ids of the chosen type
    type_selected: bool = False
    industry: str = ""  # industry code ("" = all)


def document_filter(include_past, prefix=""):
    """Events that have ended are left out unless asked for; other content has no end date."""
    if include_past:
        return Q()
    return Q(**{f"{prefix}ends_at__isnull": True}) | Q(**{f"{prefix}ends_at__gte": timezone.now()})


def substring_ids(queryset, query, limit=MAX_HITS):
    """Documents containing every whitespace-separated part of the query (titles first)."""
    condition = Q()
    for part in query.split():
        condition &= Q(title__icontains=part) | Q(summary__icontains=part) | Q(text__icontains=part)
    first_part = query.split()[0]
    queryset = queryset.filter(condition).annotate(
        _in_title=Case(
            When(title__icontains=first_part, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )
    return list(queryset.order_by("_in_title", "-pk").values_list("pk", flat=True)[:limit])


def count_facets(ids, filters, fallback=False):
    """For a relevance-ordered list of IDs (the substring fallback): apply the filters, count facets."""
    if not ids:
        return EngineResult(ids=[], fallback=fallback)
    type_of = {}
    industries_of = {}
    rows = SearchDocument.objects.filter(document_filter(filters.include_past), pk__in=ids).values_list(
        "pk", "content_type_id", "industries__code"
    )
    for document_id, type_id, code in rows:
        type_of[document_id] = type_id
        if code is not None:
            industries_of.setdefault(document_id, set()).add(code)

    def in_type(document_id):
        return not filters.type_selected or type_of.get(document_id) in filters.type_ids

    def in_industry(document_id):
        return not filters.industry or filters.industry in industries_of.get(document_id, ())

    ids = [document_id for document_id in ids if document_id in type_of]
    selected = [d for d in ids if in_type(d) and in_industry(d)]
    return EngineResult(
        ids=selected,
        total=len(selected),
        type_counts=dict(Counter(type_of[d] for d in ids if in_industry(d))),
        industry_counts=dict(Counter(code for d in ids if in_type(d) for code in industries_of.get(d, ()))),
        fallback=fallback,
    )


def is_article(term):
    return term.startswith("第") and term.endswith("条") and term[1:-1].isdigit()


def is_strong(group):
    """A group counts towards the minimum to match unless it is a lone character (签, 楼, 算)."""
    return any(len(term) > 1 or term.isascii() for term, _factor in group)


def idf(document_count, frequency):
    """BM25's inverse document frequency (never negative)."""
    return math.log(1 + (document_count - frequency + 0.5) / (frequency + 0.5))


class DatabaseEngine:
    """The term index in the database (SQLite or PostgreSQL), ranked in SQL."""

    name = "database"

    def search(self, plan, filters):
        statistics, document_count = term_statistics(plan.terms)
        frequencies = {term: kept.documents for term, kept in statistics.items()}
        groups, unknown = self.resolve(plan, frequencies)
        if not groups:
            return self.fallback(plan, filters, unknown)
        document_count = max(document_count, 1)
        weights = {
            term: idf(document_count, frequencies[term]) * factor
            for group in groups
            for term, factor in group
        }
        strong = [number for number, group in enumerate(groups) if is_strong(group)] or list(
            range(len(groups))
        )
        # Words nothing indexes still count: a query mostly made of them (two in three) finds nothing.
        unknown_strong = sum(1 for word in unknown if is_strong([(word, 1.0)]))
        needed = minimum_should_match(len(strong) + unknown_strong)
        result = self.ranked(groups, weights, strong, needed, filters, plan, statistics)
        if result.total < ENOUGH_MATCHES and needed > 1 and len(strong) * 3 >= len(strong) + unknown_strong:
            relaxed = self.ranked(groups, weights, strong, 1, filters, plan, statistics)
            relaxed.relaxed = not result.total and bool(relaxed.total)
            result = relaxed
        result.unknown_words = unknown
        return result

    @staticmethod
    def resolve(plan, frequencies):
        """Concepts as groups of indexed terms [(term, factor), ...]; the words nothing indexes."""
        groups = []
        unknown = []
        for concept in plan.concepts:
            group = [
                (term, 1.0 if term == concept.word else ALTERNATIVE_WEIGHT)
                for term in concept.terms
                if frequencies.get(term)
            ]
            if group:
                groups.append(group)
            elif concept.parts and all(frequencies.get(part) for part in concept.parts):
                # A compound nothing spells whole (双随机一公开 in 双随机、一公开): its parts.
                groups.extend([(part, ALTERNATIVE_WEIGHT)] for part in concept.parts)
            else:
                unknown.append(concept.word)
        return groups, unknown

    @staticmethod
    def _matches(groups, weights, strong, needed):
        """SQL and parameters of the (document_id, _score) rows of the documents matching ``needed``
        groups, from the terms alone.

        Grouped by document straight from the term index (PostgreSQL: an index-only scan of
        search_term_lookup); the documents' own conditions (dates, type, industry) come after,
        in ``ranked``, on the matches only. Written out rather than built with the ORM: its
        expressions cost more to compile than the database takes to run a rare word.
        """
        table = connection.ops.quote_name(SearchTerm._meta.db_table)
        columns, params = [], []
        for number, group in enumerate(groups):
            # Each group scores its best-matching term.
            cases = " ".join(["WHEN term = %s THEN weight * %s"] * len(group))
            columns.append(f"MAX(CASE {cases} ELSE 0.0 END) AS c{number}")
            params.extend(value for term, _factor in group for value in (term, weights[term]))
        terms = [term for group in groups for term, _factor in group]
        params.extend(terms)

        def matched(numbers):
            return "(" + " + ".join(f"CASE WHEN c{number} > 0 THEN 1 ELSE 0 END" for number in numbers) + ")"

        everything = matched(range(len(groups)))
        conditions = [f"{matched(strong)} >= %s"]
        # An article number is never optional: 劳动合同法第二十条 must not find 第二十六条 alone.
        conditions.extend(
            f"c{number} > 0" for number, group in enumerate(groups) if all(is_article(t) for t, _f in group)
        )
        score = " + ".join(f"c{number}" for number in range(len(groups)))
        # The share of the words matched, squared: most of a question's words beat one of them.
        params = [float(len(groups) ** 2), *params, needed]  # in the order of the placeholders
        sql = (
            f"SELECT document_id, ({score}) * {everything} * {everything} / %s AS _score FROM "
            f"(SELECT document_id, {', '.join(columns)} FROM {table} "
            f"WHERE term IN ({', '.join(['%s'] * len(terms))}) GROUP BY document_id) g "
            f"WHERE {' AND '.join(conditions)}"
        )
        return sql, params

    def ranked(self, groups, weights, strong, needed, filters, plan, statistics):
        """The best MAX_HITS matches under the filters and the exact facets, in one statement.

        The matches are grouped once (a CTE the database materialises) and joined to their
        documents once: the ranked list applies both filters, the type facet the industry
        filter only and the industry facet the type filter only. One term alone is cheaper
        (``ranked_term``); more words than there are groups match nothing.
        """
        if needed > len(strong):
            return EngineResult(ids=[])
        if len(groups) == 1 and len(groups[0]) == 1:
            term = groups[0][0][0]
            return self.ranked_term(term, weights[term], filters, plan, statistics[term])
        if sum(statistics[term].documents for group in groups for term, _factor in group) >= SETS_FROM:
            return self.ranked_by_sets(groups, weights, strong, needed, filters, plan)
        top, type_counts, industry_counts, candidates = self._run_statement(
            self._statement(self._matches(groups, weights, strong, needed), filters, plan)
        )
        ids = self.rescore(top, plan, candidates)
        if filters.type_selected:
            total = sum(type_counts.get(type_id, 0) for type_id in filters.type_ids)
        else:
            total = sum(type_counts.values())
        return EngineResult(ids=ids, total=total, type_counts=type_counts, industry_counts=industry_counts)

    def ranked_by_sets(self, groups, weights, strong, needed, filters, plan):
        """Common words: the matches, the filters, the exact facets and the scores from the kept
        document sets and postings (``search.docsets``); the database reads only the phrase
        candidates."""
        postings = docsets.term_postings([term for group in groups for term, _factor in group])
        layout = docsets.layout()
        group_sets = [docsets.union(postings[term].documents for term, _factor in group) for group in groups]
        matched = docsets.at_least(needed, [group_sets[number] for number in strong])
        for number, group in enumerate(groups):
            if all(is_article(term) for term, _factor in group):
                matched &= group_sets[number]
        current = matched if filters.include_past else matched & ~layout.ended(timezone.now())
        everything = -1  # every bit set: no filter
        in_type = (
            docsets.union(layout.types.get(type_id, 0) for type_id in filters.type_ids)
            if filters.type_selected
            else everything
        )
        in_industry = layout.industries.get(filters.industry, 0) if filters.industry else everything
        type_counts = {}
        for type_id, documents in layout.types.items():
            if count := (current & documents & in_industry).bit_count():
                type_counts[type_id] = count
        industry_counts = {}
        for code, documents in layout.industries.items():
            if count := (current & documents & in_type).bit_count():
                industry_counts[code] = count
        selected = current & in_type & in_industry
        top = docsets.best(
            [[(postings[term], weights[term]) for term, _factor in group] for group in groups],
            selected,
            MAX_HITS,
        )
        candidates = self._phrase_rows([key for key, _score in top[:RESCORED]], plan)
        return EngineResult(
            ids=self.rescore(top, plan, candidates),
            total=selected.bit_count(),
            type_counts=type_counts,
            industry_counts=industry_counts,
        )

    @staticmethod
    def _run_statement(statement):
        """The rows of a ``_statement``: (top [(id, score)] in rank order, type counts, industry
        counts, phrase candidates {id: (title, whether the text holds the phrase)})."""
        sql, params = statement
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        top, type_counts, industry_counts, candidates = [], {}, {}, {}
        for kind, key, value, text in rows:
            if kind == 0:
                top.append((key, value))
            elif kind == 1:
                type_counts[key] = int(value)
            elif kind == 2:
                industry_counts[text] = int(value)
            else:
                candidates[key] = (text, bool(value))
        # As ORDER BY -score, -document_id would (the union does not promise its branches' order).
        top.sort(key=lambda row: (-row[1], -row[0]))
        return top, type_counts, industry_counts, candidates

    @staticmethod
    def _phrase_rows(ids, plan):
        """{id: (title, whether the text holds the phrase)} of ``ids``, as ``_phrase_candidates``
        reads them inside a ranking statement; nothing when the phrase is too short to boost."""
        if len(plan.phrase) < 2 or not ids:
            return {}
        document = connection.ops.quote_name(SearchDocument._meta.db_table)
        contains = connection.operators["contains"] % "%s"
        sql = (
            f"SELECT id, CASE WHEN text {contains} THEN 1 ELSE 0 END, title FROM {document} "  # noqa: S608
            f"WHERE id IN ({', '.join(['%s'] * len(ids))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [f"%{connection.ops.prep_for_like_query(plan.phrase)}%", *ids])
            return {key: (title, bool(in_text)) for key, in_text, title in cursor.fetchall()}

    def ranked_term(self, term, weight, filters, plan, statistics):
        """One term: its best postings straight from the term index in score order (a document's
        score is its weight times the term's), the facets from its kept statistics."""
        qn = connection.ops.quote_name
        document = qn(SearchDocument._meta.db_table)
        through = SearchDocument.industries.through
        link = qn(through._meta.db_table)
        industry = qn(through._meta.get_field("industry").related_model._meta.db_table)
        conditions, params = ["st.term = %s"], [term]
        if not filters.include_past:
            conditions.append(f"st.document_id NOT IN (SELECT id FROM {document} WHERE ends_at < %s)")
            params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
        if filters.type_selected:
            type_ids = list(filters.type_ids or [0])
            conditions.append(
                f"st.document_id IN (SELECT id FROM {document} "
                f"WHERE content_type_id IN ({', '.join(['%s'] * len(type_ids))}))"
            )
            params.extend(type_ids)
        if filters.industry:
            conditions.append(
                f"st.document_id IN (SELECT l.searchdocument_id FROM {link} l "
                f"INNER JOIN {industry} i ON i.id = l.industry_id WHERE i.code = %s)"
            )
            params.append(filters.industry)
        phrase_sql, phrase_params = self._phrase_candidates(
            f"(SELECT document_id AS id FROM t ORDER BY weight DESC, document_id DESC LIMIT {RESCORED})", plan
        )
        sql = (
            f"WITH t AS (SELECT st.document_id, st.weight FROM {qn(SearchTerm._meta.db_table)} st "
            f"WHERE {' AND '.join(conditions)} ORDER BY st.weight DESC, st.document_id DESC LIMIT {int(MAX_HITS)}) "
            f"SELECT 0, document_id, weight, NULL FROM t{phrase_sql}"
        )
        top, candidates = [], {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params + phrase_params)
            for kind, document_id, value, title in cursor.fetchall():
                if kind == 0:
                    top.append((document_id, value * weight))
                else:
                    candidates[document_id] = (title, bool(value))
        top.sort(key=lambda row: (-row[1], -row[0]))
        total, type_counts, industry_counts = statistics.facets(filters)
        return EngineResult(
            ids=self.rescore(top, plan, candidates),
            total=total,
            type_counts=type_counts,
            industry_counts=industry_counts,
        )

    @staticmethod
    def _phrase_candidates(best, plan):
        """A union branch of rows (3, id, whether the text holds the phrase, title) for the
        documents of ``best`` (a subquery of their ids): what ``rescore`` reads, in the same
        statement. Nothing when the phrase is too short to boost."""
        if len(plan.phrase) < 2:
            return "", []
        document = connection.ops.quote_name(SearchDocument._meta.db_table)
        contains = connection.operators["contains"] % "%s"  # as the ORM's text__contains
        return (
            f" UNION ALL SELECT 3, sd.id, CASE WHEN sd.text {contains} THEN 1 ELSE 0 END, sd.title "
            f"FROM {best} h INNER JOIN {document} sd ON sd.id = h.id",
            [f"%{connection.ops.prep_for_like_query(plan.phrase)}%"],
        )

    @classmethod
    def _statement(cls, matches, filters, plan):
        """The SQL of ``ranked``: the matches' top MAX_HITS and both facets, as (kind, key, value, code)."""
        qn = connection.ops.quote_name
        inner, params = matches
        document = qn(SearchDocument._meta.db_table)
        through = SearchDocument.industries.through
        link = qn(through._meta.db_table)
        industry = qn(through._meta.get_field("industry").related_model._meta.db_table)
        params = list(params)
        in_industry = "1 = 1"
        industry_column = ""
        if filters.industry:
            industry_column = (
                f", EXISTS (SELECT 1 FROM {link} l INNER JOIN {industry} i ON i.id = l.industry_id "
                "WHERE l.searchdocument_id = sd.id AND i.code = %s) AS in_industry"
            )
            params.append(filters.industry)
            in_industry = "d.in_industry"
        where = ""
        if not filters.include_past:
            where = "WHERE (sd.ends_at IS NULL OR sd.ends_at >= %s)"
            params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
        in_type, type_params = "1 = 1", []
        if filters.type_selected:
            type_params = list(filters.type_ids or [0])
            in_type = f"d.type_id IN ({', '.join(['%s'] * len(type_params))})"
        sql = (
            f"WITH m AS ({inner}), "
            f"d AS (SELECT m.document_id AS id, m.{qn('_score')} AS score, sd.content_type_id AS type_id"
            f"{industry_column} FROM m INNER JOIN {document} sd ON sd.id = m.document_id {where}) "
            "SELECT 0, t.id, t.score, NULL FROM "
            f"(SELECT d.id, d.score FROM d WHERE {in_type} AND {in_industry} "
            f"ORDER BY d.score DESC, d.id DESC LIMIT {int(MAX_HITS)}) t"
        )
        sql += (
            f" UNION ALL SELECT 1, d.type_id, COUNT(*), NULL FROM d WHERE {in_industry} GROUP BY d.type_id "
            f"UNION ALL SELECT 2, NULL, COUNT(*), i.code FROM d INNER JOIN {link} l "
            f"ON l.searchdocument_id = d.id INNER JOIN {industry} i ON i.id = l.industry_id "
            f"WHERE {in_type} GROUP BY i.code"
        )
        facet_params = type_params
        phrase_sql, phrase_params = cls._phrase_candidates(
            f"(SELECT d.id FROM d WHERE {in_type} AND {in_industry} ORDER BY d.score DESC, d.id DESC "
            f"LIMIT {RESCORED})",
            plan,
        )
        if phrase_sql:
            sql += phrase_sql
            phrase_params += type_params
        return sql, params + type_params + facet_params + phrase_params

    @staticmethod
    def rescore(rows, plan, candidates):
        """The best RESCORED candidates again, with the phrase boosts; the rest as ranked.

        ``candidates``: {id: (title, whether the text holds the phrase)} of those best, read
        with the ranking (``_phrase_candidates``).
        """
        head = rows[:RESCORED]
        if not head or len(plan.phrase) < 2:
            return [document_id for document_id, _score in rows]
        titles = {document_id: title for document_id, (title, _in_text) in candidates.items()}
        texts = {document_id for document_id, (_title, in_text) in candidates.items() if in_text}

        def boosted(row):
            document_id, score = row
            if plan.phrase in "".join(fold(titles.get(document_id, "")).split()):
                score *= TITLE_PHRASE_BOOST
            elif document_id in texts:
                score *= TEXT_PHRASE_BOOST
            return score

        head = sorted(head, key=lambda row: (-boosted(row), -row[0]))
        return [document_id for document_id, _score in head] + [d for d, _s in rows[RESCORED:]]

    def fallback(self, plan, filters, unknown):
        """No word of the query is indexed: documents containing the text, when it is Chinese."""
        from search.segment import has_chinese

        if not has_chinese(plan.text):
            return EngineResult(ids=[], unknown_words=unknown)
        queryset = SearchDocument.objects.filter(document_filter(filters.include_past))
        result = count_facets(substring_ids(queryset, plan.text), filters, fallback=True)
        result.unknown_words = unknown
        return result
