"""The site generator (tests/bench/factories, tests/bench/generate_site.py): a small generated site is live, reachable, searchable and a consistent tree."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, ReferenceIndex

from library.models import CasePage, GuidelineItem, Industry
from search import query as search_query
from search.models import SearchDocument
from tests.bench import factories
from tests.bench.generate_site import Command as GenerateSite


@pytest.fixture
def small_site(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the generated cover images
    lines = []
    factories.generate_site(
        industries=2,
        guideline_items=12,
        cases=4,
        courses=2,
        drills=2,
        events=4,
        search_docs=60,
        seed=7,
        log=lines.append,
    )
    return lines


def generated_pages():
    return Page.objects.filter(slug__startswith=factories.PREFIX).specific()


def test_generates_every_kind_with_a_progress_line_each(small_site):
    assert Industry.objects.filter(code__startswith=factories.PREFIX).count() == 2
    assert GuidelineItem.objects.filter(page__slug__startswith=factories.PREFIX).count() == 12
    counts = {}
    for page in generated_pages():
        counts[type(page).__name__] = counts.get(type(page).__name__, 0) + 1
    assert counts["GuidelinePage"] == 2
    assert counts["CasePage"] == 4
    assert counts["CoursePage"] == 2
    assert counts["DrillPage"] == 2
    assert counts["SelfCheckPage"] == 2
    assert counts["EventPage"] == 4
    assert any(line.startswith("cases: 4 in ") for line in small_site)
    assert any(line.startswith("events: 4 in ") for line in small_site)


def test_tree_is_consistent_and_pages_are_live_and_reachable(small_site, client):
    assert all(not problems for problems in Page.find_problems())
    pages = list(generated_pages())
    assert pages and all(page.live and not page.has_unpublished_changes for page in pages)
    # Newly added children keep the tree's invariants: add_child still works after a bulk insert.
    case_index = CasePage.objects.first().get_parent()
    assert case_index.numchild == case_index.get_children().count()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    for url in ["/", "/guidelines/", "/cases/", "/courses/", "/drills/", "/events/", "/events/calendar.ics"]:
        assert client.get(url).status_code == 200, url


def test_index_holds_the_requested_number_of_documents_and_finds_pages(small_site, client):
    assert SearchDocument.objects.count() == 60
    for case in CasePage.objects.filter(slug__startswith=factories.PREFIX):
        hits = search_query.search(case.title, per_page=50).hits
        assert case.pk in [hit.page_id for hit in hits], case.title
    response = client.get("/search/", {"q": "合规"})
    assert response.status_code == 200
    assert response.context["search"].total > 0


def test_reference_index_records_the_cross_links(small_site):
    linked = CasePage.objects.filter(slug__startswith=factories.PREFIX, guideline_items__isnull=False).first()
    assert linked is not None
    assert ReferenceIndex.get_references_for_object(linked).exists()


def test_functions_grow_a_kind_in_place(small_site):
    index = CasePage.objects.first().get_parent()
    before = CasePage.objects.count()
    more = factories.generate_cases(index, 3, seed=8)
    assert CasePage.objects.count() == before + 3
    assert len({page.slug for page in CasePage.objects.all()}) == before + 3
    assert all(SearchDocument.objects.filter(page=page).exists() for page in more)
    assert all(not problems for problems in Page.find_problems())


def test_command_refuses_to_duplicate_its_own_content(small_site):
    with pytest.raises(CommandError, match="gen-"):
        call_command(GenerateSite(), "--cases", "1")
