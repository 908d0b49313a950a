"""Highlighting in Python on the original text, identical whichever engine answered.

The query's terms are marked longest first (so 信用修复 wins over 信用), inside a
window around the first hit; everything else is escaped.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis import Synonyms, article_spellings, plan
from search.segment import normalize


def highlight_terms(query_plan):
    """The words to mark, longest first: each concept's terms (synonyms included), the parts of
    compounds (双随机 for 双随机一公开) and the written forms of article numbers. Takes a
    ``QueryPlan``, or a query string (then without synonyms)."""
    if isinstance(query_plan, str):
        query_plan = plan(query_plan, Synonyms([]))
    terms = set()
    for concept in query_plan.concepts:
        for term in concept.terms:
            if not term.isascii() or len(term) > 2:
                terms.update(article_spellings(term))
        terms.update(part for part in concept.parts if len(part) > 1)
    return sorted((term for term in terms if term), key=lambda term: (-len(term), term))


def _pattern(terms):
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def highlight(text, terms, window=120):
    """Escaped HTML: a ``window``-character excerpt of ``text`` around the first hit, hits in <mark>.

    Without a hit, the start of the text. ``terms`` as returned by highlight_terms().
    """
    text = normalize(text or "").replace("\n", " ")
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    if len(text) <= window:
        start, end = 0, len(text)
    elif match is None:
        start, end = 0, window
    else:
        # Put the first hit about a third of the way into the window.
        start = max(0, min(match.start() - window // 3, len(text) - window))
        end = start + window
    excerpt = text[start:end]
    pieces = []
    last = 0
    if pattern:
        for hit in pattern.finditer(excerpt):
            pieces.append(escape(excerpt[last : hit.start()]))
            pieces.append(f"<mark>{escape(hit.group(0))}</mark>")
            last = hit.end()
    pieces.append(escape(excerpt[last:]))
    html = "".join(pieces)
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 - every piece above is escaped
