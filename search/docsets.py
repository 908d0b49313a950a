"""Sets of search documents as Python integers (bit n set: document n is in the set), kept
between queries until the index changes.

A query of several common words matches most of the corpus (风险清单 整改: 14,578 of 20,000
documents). Counting its facets in the database joins every match to its document and its
industries, on every query; here each term's documents, each content type's, each
industry's and the ended events are one integer each, so a query's matches, its filters and
its exact facet counts are a few ``&``, ``|`` and ``bit_count()`` on integers of a few
kilobytes: microseconds. The matches are scored here too, from each term's postings kept
beside its set (document IDs and weights as arrays): grouping the postings of 风险清单 整改 in
the database took 17 ms, scoring them as arrays takes a fraction of one. The sets and the
postings are kept as ``search.statistics`` keeps its counts: under the index's version, in
this process and in the shared cache for every other one.
"""

import bisect
import hashlib
import threading
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

import numpy as np
from django.core.cache import cache
from django.db import connection

from search.models import SearchDocument, SearchTerm
from search.statistics import KeptPerVersion

# Terms kept per process, the least recently searched dropped first: a term of 20,000 postings
# keeps 240 kilobytes of arrays and a set of a few.
KEPT_TERMS = 64
SHARED_SECONDS = 24 * 3600


def as_set(document_ids):
    """The integer whose bits are ``document_ids``."""
    document_ids = list(document_ids)
    if not document_ids:
        return 0
    bits = bytearray((max(document_ids) >> 3) + 1)
    for document_id in document_ids:
        bits[document_id >> 3] |= 1 << (document_id & 7)
    return int.from_bytes(bits, "little")


def as_bytes(documents):
    return documents.to_bytes((documents.bit_length() + 7) // 8, "little")


def as_members(documents, size):
    """A boolean array of ``size``: whether each document ID below ``size`` is in the set."""
    bits = np.unpackbits(np.frombuffer(as_bytes(documents), dtype=np.uint8), bitorder="little")
    members = np.zeros(size, dtype=bool)
    members[: min(size, len(bits))] = bits[:size]
    return members


@dataclass(frozen=True)
class Postings:
    """A term's documents: as a set (``documents``), and as arrays of their IDs and the term's
    weight in each (``ids``, ``weights``, in no particular order)."""

    documents: int
    ids: np.ndarray
    weights: np.ndarray

    @classmethod
    def of(cls, ids, weights):
        ids = np.asarray(ids, dtype=np.int64)
        weights = np.asarray(weights, dtype=np.float64)
        if not len(ids):
            return cls(0, ids, weights)
        present = np.zeros(int(ids.max()) + 1, dtype=bool)
        present[ids] = True
        documents = int.from_bytes(np.packbits(present, bitorder="little").tobytes(), "little")
        return cls(documents, ids, weights)

    def as_shared(self):
        return self.ids.tobytes(), self.weights.tobytes()

    @classmethod
    def from_shared(cls, shared):
        ids, weights = shared
        return cls.of(np.frombuffer(ids, dtype=np.int64), np.frombuffer(weights, dtype=np.float64))


def best(groups, selected, limit):
    """The ``limit`` best documents of ``selected`` (a set) as [(document ID, score)], best first,
    scored as ``engine.DatabaseEngine._matches`` scores in SQL, and in the same order.

    ``groups``: per concept, [(Postings, multiplier)]. A group scores its best term (weight ×
    multiplier), a document the sum of its groups times the share of the groups it matches,
    squared; ties go to the higher document ID. The same double-precision operations in the
    same order as the SQL, so the two agree to the last bit.
    """
    postings = [term for group in groups for term, _multiplier in group if len(term.ids)]
    if not postings or not selected:
        return []
    size = max(int(term.ids.max()) for term in postings) + 1
    total = np.zeros(size)
    matched = np.zeros(size, dtype=np.int64)
    for group in groups:
        scores = np.zeros(size)
        for term, multiplier in group:
            scores[term.ids] = np.maximum(scores[term.ids], term.weights * multiplier)
        total += scores
        matched += scores > 0
    total = total * matched * matched / float(len(groups) ** 2)
    # Highest ID first, so that a stable sort by score leaves ties in that order.
    candidates = np.flatnonzero(as_members(selected, size) & (matched > 0))[::-1]
    scores = total[candidates]
    if len(candidates) > limit:
        # Everything at least as good as the limit-th best (ties at the edge included), then sorted.
        floor = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        kept = scores >= floor
        candidates, scores = candidates[kept], scores[kept]
    order = np.argsort(-scores, kind="stable")[:limit]
    return list(zip(candidates[order].tolist(), scores[order].tolist(), strict=True))


def union(sets):
    return reduce(or_, sets, 0)


def at_least(needed, sets):
    """The documents in at least ``needed`` of ``sets`` (counted as a carry chain, one set at a time)."""
    if needed <= 0:
        raise ValueError("needed must be positive")
    # reached[k]: the documents in at least k of the sets seen so far.
    reached = [-1] + [0] * needed  # -1: every bit set
    for current in sets:
        for count in range(needed, 0, -1):
            reached[count] |= reached[count - 1] & current
    return reached[needed]


@dataclass
class Layout:
    """Every document's content type, industries and end: ``types`` {content type id: set},
    ``industries`` {code: set}, ``ends`` [(end, document id)] in order of end."""

    types: dict
    industries: dict
    ends: list
    _ended: dict = field(default_factory=dict, repr=False, compare=False)

    def ended(self, now):
        """The documents that ended before ``now``; kept until the next end comes."""
        passed = bisect.bisect_left(self.ends, now, key=lambda end: end[0])
        if passed not in self._ended:
            self._ended = {passed: as_set(document_id for _end, document_id in self.ends[:passed])}
        return self._ended[passed]


_kept = KeptPerVersion(KEPT_TERMS)
_lock = threading.Lock()


def layout():
    """The index's Layout, read once per version (from the shared cache when another process read it)."""
    version = SearchDocument.index_version()
    with _lock:
        kept = _kept.for_version(version).values.get("layout")
    if kept is not None:
        return kept
    key = f"search-layout:{version}"
    kept = cache.get(key)
    if kept is None:
        kept = _read_layout()
        cache.set(key, kept, SHARED_SECONDS)
    with _lock:
        if _kept.version == version:
            _kept.values["layout"] = kept
    return kept


def _read_layout():
    types, industries, ends = {}, {}, []
    for document_id, type_id, ends_at in SearchDocument.objects.values_list(
        "id", "content_type_id", "ends_at"
    ):
        types.setdefault(type_id, []).append(document_id)
        if ends_at is not None:
            ends.append((ends_at, document_id))
    links = SearchDocument.industries.through.objects.values_list("searchdocument_id", "industry__code")
    for document_id, code in links:
        industries.setdefault(code, []).append(document_id)
    return Layout(
        types={type_id: as_set(ids) for type_id, ids in types.items()},
        industries={code: as_set(ids) for code, ids in industries.items()},
        ends=sorted(ends),
    )


def term_postings(terms):
    """{term: its Postings} for ``terms`` (no documents when none carries it)."""
    version = SearchDocument.index_version()
    found, missing = {}, []
    with _lock:
        kept = _kept.for_version(version)
        for term in terms:
            if term in kept.terms:
                kept.terms.move_to_end(term)
                found[term] = kept.terms[term]
            else:
                missing.append(term)
    if not missing:
        return found
    keys = {f"search-postings:{version}:{hashlib.md5(term.encode()).hexdigest()}": term for term in missing}
    # Shared as bytes: a cache may store an integer as its digits (Redis does), and Python
    # refuses to write one of more than 4,300 digits; the arrays' bytes are their own.
    read = {keys[key]: Postings.from_shared(value) for key, value in cache.get_many(list(keys)).items()}
    unread = [term for term in missing if term not in read]
    if unread:
        counted = _read_terms(unread)
        cache.set_many(
            {key: counted[term].as_shared() for key, term in keys.items() if term in counted}, SHARED_SECONDS
        )
        read.update(counted)
    with _lock:
        if _kept.version == version:
            for term, postings in read.items():
                _kept.keep(term, postings)
    found.update(read)
    return found


def _read_terms(terms):
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    postings = {term: ([], []) for term in terms}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, document_id, weight FROM {table} WHERE term IN ({', '.join(['%s'] * len(terms))})",  # noqa: S608
            list(terms),
        )
        for term, document_id, weight in cursor.fetchall():
            ids, weights = postings[term]
            ids.append(document_id)
            weights.append(weight)
    return {term: Postings.of(ids, weights) for term, (ids, weights) in postings.items()}
