"""A generated, fully published site at any size: for benchmarks and query-count tests.

``tests/bench/generate_site.py`` calls :func:`generate_site`; tests call the per-kind factories
(``generate_cases(parent, count)`` …) with small counts and grow them. One module per app:
``library`` (industries, guidelines and items, cases), ``courses``, ``drills``, ``events``,
``articles`` (standard pages that fill the search index) and ``site`` (the whole site, a line per
phase); ``pages`` inserts pages in bulk and finishes them as publishing would, ``vocabulary``
holds the words.

Everything is deterministic for a given seed. Generated slugs (and industry codes) start with
``gen-``, so a second run can tell it would duplicate them.
"""

from tests.bench.factories.articles import ensure_articles_section, generate_articles
from tests.bench.factories.courses import enrol, generate_courses, generate_lessons, generate_questions
from tests.bench.factories.drills import generate_drills, generate_self_checks
from tests.bench.factories.events import generate_events, register
from tests.bench.factories.library import (
    ensure_risk_areas,
    generate_cases,
    generate_guideline_items,
    generate_guidelines,
    generate_industries,
)
from tests.bench.factories.pages import bulk_add_pages, finish_pages, generate_images
from tests.bench.factories.site import ensure_site, existing_generated, generate_site
from tests.bench.factories.vocabulary import PREFIX

__all__ = [
    "PREFIX",
    "bulk_add_pages",
    "ensure_articles_section",
    "ensure_risk_areas",
    "ensure_site",
    "enrol",
    "existing_generated",
    "finish_pages",
    "generate_articles",
    "generate_cases",
    "generate_courses",
    "generate_drills",
    "generate_events",
    "generate_guideline_items",
    "generate_guidelines",
    "generate_images",
    "generate_industries",
    "generate_lessons",
    "generate_questions",
    "generate_self_checks",
    "generate_site",
    "register",
]
