"""What the term index says about each term, kept between queries until the index changes.

A common word is carried by most documents: counting its documents (for its inverse
document frequency) and its facets (per content type and industry) read every one of its
postings, on every query. These counts change only when documents are written, so they are
computed once per term and kept, keyed by the index's version (``SearchDocument.index_changed``
sets a new one on every write): in this process, and in the shared cache for every other one
(a new worker's first search reads them there instead of counting). Exact at any time: counts
that depend on the date (events that have ended drop out) are kept with the moment they
stop being true, the earliest end still to come among the term's documents.
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.utils import timezone

from search.models import SearchDocument, SearchTerm

# Terms kept per process, the least recently searched dropped first: a rare term keeps a few
# cells, a common one up to (content types) x (industries + 1), some tens of kilobytes.
KEPT_TERMS = 1000
# In the shared cache, under the index's version (a new version is never read with old counts).
SHARED_SECONDS = 24 * 3600


@dataclass(frozen=True)
class TermStatistics:
    """One term's documents: ``documents`` in all; ``cells`` {(content type id, industry code or
    None for every industry): (documents, documents not yet ended)}; ``valid_until``: the
    earliest future end among them (None: no date will change the counts)."""

    documents: int
    cells: dict = field(default_factory=dict)
    valid_until: object = None

    def facets(self, filters):
        """(total, {type id: n} within the industry filter, {industry code: n} within the type filter)."""
        current = 0 if filters.include_past else 1
        industry = filters.industry or None
        type_counts, industry_counts = {}, {}
        for (type_id, code), counts in self.cells.items():
            count = counts[current]
            if not count:
                continue
            if code == industry:
                type_counts[type_id] = count
            if code is not None and (not filters.type_selected or type_id in filters.type_ids):
                industry_counts[code] = industry_counts.get(code, 0) + count
        if filters.type_selected:
            total = sum(type_counts.get(type_id, 0) for type_id in filters.type_ids)
        else:
            total = sum(type_counts.values())
        return total, type_counts, industry_counts


class KeptPerVersion:
    """What one process keeps of the index at one version (all of it forgotten when the version
    changes): per term, the least recently searched dropped first beyond ``limit``, and under
    other names (``values``) what is not per term."""

    def __init__(self, limit):
        self.limit = limit
        self.version = None
        self.values = {}
        self.terms = OrderedDict()

    def for_version(self, version):
        if version != self.version:
            self.version = version
            self.values.clear()
            self.terms.clear()
        return self

    def keep(self, term, value):
        self.terms[term] = value
        self.terms.move_to_end(term)
        while len(self.terms) > self.limit:
            self.terms.popitem(last=False)


_kept = KeptPerVersion(KEPT_TERMS)
_lock = threading.Lock()


def term_statistics(terms):
    """({term: TermStatistics} of the indexed ones among ``terms``, number of documents)."""
    version = SearchDocument.index_version()
    now = timezone.now()
    found, missing, counted = {}, [], {}
    with _lock:  # threads of one worker share what is kept
        kept = _kept.for_version(version)
        for term in terms:
            statistics = kept.terms.get(term, False)
            if statistics is False or (
                statistics and statistics.valid_until and statistics.valid_until < now
            ):
                missing.append(term)
                continue
            kept.terms.move_to_end(term)
            if statistics:
                found[term] = statistics
        document_count = kept.values.get("documents")
    if missing:
        counted = _shared(version, missing, now)
        unknown = [term for term in missing if term not in counted]
        if unknown:
            fresh = _count(unknown, now)
            _share(version, fresh)
            counted.update(fresh)
        found.update((term, statistics) for term, statistics in counted.items() if statistics)
    if document_count is None:
        key = f"search-documents:{version}"
        document_count = cache.get(key)
        if document_count is None:
            document_count = SearchDocument.objects.count()
            cache.set(key, document_count, SHARED_SECONDS)
    with _lock:
        if _kept.version == version:  # not if the index changed meanwhile
            _kept.values["documents"] = document_count
            for term, statistics in counted.items():
                _kept.keep(term, statistics)
    return found, document_count


def _shared_key(version, term):
    return f"search-term:{version}:{hashlib.md5(term.encode()).hexdigest()}"


def _shared(version, terms, now):
    """{term: TermStatistics or None} of the ``terms`` another process counted (still valid at ``now``)."""
    keys = {_shared_key(version, term): term for term in terms}
    found = {}
    for key, statistics in cache.get_many(list(keys)).items():
        if statistics.valid_until and statistics.valid_until < now:
            continue
        # A term nothing carries is kept as 0 documents (the cache cannot hold None).
        found[keys[key]] = statistics if statistics.documents else None
    return found


def _share(version, counted):
    cache.set_many(
        {_shared_key(version, term): statistics or TermStatistics(0) for term, statistics in counted.items()},
        SHARED_SECONDS,
    )


def _count(terms, now):
    """{term: TermStatistics, or None when nothing carries it}, in two statements."""
    qn = connection.ops.quote_name
    document = qn(SearchDocument._meta.db_table)
    term_table = qn(SearchTerm._meta.db_table)
    through = SearchDocument.industries.through
    link = qn(through._meta.db_table)
    industry = qn(through._meta.get_field("industry").related_model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(terms))
    current = "SUM(CASE WHEN sd.ends_at IS NULL OR sd.ends_at >= %s THEN 1 ELSE 0 END)"
    moment = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"SELECT st.term, sd.content_type_id, NULL, COUNT(*), {current} "
        f"FROM {term_table} st INNER JOIN {document} sd ON sd.id = st.document_id "
        f"WHERE st.term IN ({placeholders}) GROUP BY st.term, sd.content_type_id "
        f"UNION ALL SELECT st.term, sd.content_type_id, i.code, COUNT(*), {current} "
        f"FROM {term_table} st INNER JOIN {document} sd ON sd.id = st.document_id "
        f"INNER JOIN {link} l ON l.searchdocument_id = sd.id INNER JOIN {industry} i ON i.id = l.industry_id "
        f"WHERE st.term IN ({placeholders}) GROUP BY st.term, sd.content_type_id, i.code"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [moment, *terms, moment, *terms])
        rows = cursor.fetchall()
    cells = {term: {} for term in terms}
    documents = dict.fromkeys(terms, 0)
    for term, type_id, code, count, not_ended in rows:
        cells[term][(type_id, code)] = (int(count), int(not_ended or 0))
        if code is None:
            documents[term] += int(count)
    ends = dict(
        SearchDocument.objects.filter(terms__term__in=terms, ends_at__gte=now)
        .values("terms__term")
        .annotate(first=Min("ends_at"))
        .values_list("terms__term", "first")
    )
    return {
        term: TermStatistics(documents[term], cells[term], ends.get(term)) if documents[term] else None
        for term in terms
    }
