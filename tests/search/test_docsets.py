"""Common words counted from the kept document sets answer exactly as the database's joins do:
the same ranked IDs, totals and facets, under every filter."""

import random
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from library.models import Industry
from search import analysis, docsets, engine
from search.engine import DatabaseEngine, Filters
from search.models import SearchDocument, SearchTerm
from tests.core.test_resilience import redis_of_its_own, redis_reachable
from tests.library.factories import IndustryFactory

pytestmark = pytest.mark.django_db

WORDS = ["整改", "安全生产", "风险清单", "消防", "合规", "第20条"]
QUERIES = ["安全生产 整改", "风险清单 整改 消防", "合规 消防", "整改 第二十条", "消防 安全生产 风险清单 合规"]


def test_sets_as_integers():
    assert docsets.as_set([]) == 0
    assert docsets.as_set([0, 3, 9]) == 0b1000001001
    assert docsets.union([0b1, 0b100]) == 0b101
    first, second, third = docsets.as_set([1, 2, 3]), docsets.as_set([2, 3, 4]), docsets.as_set([3, 4, 5])
    assert docsets.at_least(1, [first, second, third]) == docsets.as_set([1, 2, 3, 4, 5])
    assert docsets.at_least(2, [first, second, third]) == docsets.as_set([2, 3, 4])
    assert docsets.at_least(3, [first, second, third]) == docsets.as_set([3])
    assert docsets.at_least(2, [first]) == 0


def test_best_scores_and_orders_as_the_ranking_statement_does():
    """Each group's best term, the sum times the share of groups matched squared, ties to the
    higher ID, cut at the limit with ties at the edge: against the formula written out."""
    chooser = random.Random(7)
    terms = {
        name: {
            d: chooser.choice([0.5, 1.0, 1.5]) for d in chooser.sample(range(400), chooser.randint(20, 300))
        }
        for name in "abcd"
    }
    postings = {
        name: docsets.Postings.of(list(weights), list(weights.values())) for name, weights in terms.items()
    }
    groups = [[("a", 1.0), ("b", 0.8)], [("c", 2.0)], [("d", 1.3)]]
    selected = docsets.as_set(chooser.sample(range(400), 250))
    expected = []
    for document in range(400):
        if not selected >> document & 1:
            continue
        parts = [max((terms[t].get(document, 0.0) * m for t, m in group), default=0.0) for group in groups]
        matched = sum(part > 0 for part in parts)
        if matched:
            total = 0.0
            for part in parts:
                total += part
            expected.append((document, total * matched * matched / float(len(groups) ** 2)))
    expected.sort(key=lambda row: (-row[1], -row[0]))
    weighted = [[(postings[t], m) for t, m in group] for group in groups]
    for limit in (1, 7, 50, len(expected), 1000):
        assert docsets.best(weighted, selected, limit) == expected[:limit]
    assert docsets.best(weighted, 0, 10) == []
    assert docsets.Postings.from_shared(postings["a"].as_shared()).documents == postings["a"].documents


def test_ended_documents_follow_the_clock():
    moment = timezone.now()
    layout = docsets.Layout(types={}, industries={}, ends=[(moment, 4), (moment + timedelta(days=1), 7)])
    assert layout.ended(moment) == 0  # ends now: not ended yet
    assert layout.ended(moment + timedelta(seconds=1)) == docsets.as_set([4])
    assert layout.ended(moment + timedelta(days=2)) == docsets.as_set([4, 7])


@pytest.fixture
def corpus(home):
    """300 documents of three types and three industries, some of them ended events, with
    random weights for a few words (every document carries one at least)."""
    chooser = random.Random(20261206)
    industries = [
        IndustryFactory(name=name, code=f"docsets-{n}") for n, name in enumerate(["鞋革", "软件", "建筑"])
    ]
    types = [ContentType.objects.get_for_model(model) for model in (SearchDocument, SearchTerm, Industry)]
    now = timezone.now()
    documents = SearchDocument.objects.bulk_create(
        SearchDocument(
            page=home,
            section=f"d{number}",
            content_type=types[number % 3],
            title=f"文档{number}",
            text="安全生产整改" if number % 4 == 0 else "合规",
            ends_at=None if number % 5 else now + timedelta(days=chooser.choice([-3, -1, 2])),
        )
        for number in range(300)
    )
    links = SearchDocument.industries.through
    links.objects.bulk_create(
        links(searchdocument_id=document.pk, industry_id=industry.pk)
        for document in documents
        for industry in chooser.sample(industries, chooser.choice([0, 1, 1, 2]))
    )
    terms = []
    for document in documents:
        for word in chooser.sample(WORDS, chooser.randint(1, 4)):
            terms.append(SearchTerm(document=document, term=word, weight=round(chooser.uniform(0.1, 3.0), 3)))
    SearchTerm.objects.bulk_create(terms)
    SearchDocument.index_changed()
    return {"types": [content_type.pk for content_type in types], "industries": industries, "home": home}


def every_filter(corpus):
    yield Filters()
    yield Filters(include_past=True)
    for type_id in corpus["types"]:
        yield Filters(type_selected=True, type_ids=(type_id,))
    yield Filters(type_selected=True, type_ids=())  # a type nothing is
    for industry in corpus["industries"]:
        yield Filters(industry=industry.code)
        yield Filters(
            industry=industry.code, type_selected=True, type_ids=(corpus["types"][1],), include_past=True
        )
    yield Filters(industry="nowhere")


def answer(query, filters):
    result = DatabaseEngine().search(analysis.plan(query), filters)
    return result.ids, result.total, result.type_counts, result.industry_counts, result.relaxed


def test_sets_answer_as_the_database_does(corpus, monkeypatch):
    checked = 0
    for query in QUERIES:
        for filters in every_filter(corpus):
            monkeypatch.setattr(engine, "SETS_FROM", 10**9)
            expected = answer(query, filters)
            monkeypatch.setattr(engine, "SETS_FROM", 0)
            assert answer(query, filters) == expected, (query, filters)
            checked += bool(expected[1])
    assert checked > 40  # most combinations find something: the comparison is not of empty answers


def test_sets_are_read_once_per_index_version(corpus, monkeypatch):
    monkeypatch.setattr(engine, "SETS_FROM", 0)
    answer("安全生产 整改", Filters())
    with CaptureQueriesContext(connection) as again:
        answer("安全生产 整改", Filters(industry=corpus["industries"][0].code))
    assert len(again) == 1  # the phrase candidates: no set or posting is read again
    SearchDocument.index_changed()
    with CaptureQueriesContext(connection) as changed:
        answer("安全生产 整改", Filters())
    assert len(changed) > len(again)


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_sets_are_shared_through_redis(corpus, monkeypatch):
    """A set of 50,000 documents is an integer of 15,000 digits: it is shared as bytes."""
    far = SearchDocument.objects.create(
        pk=50_000, page=corpus["home"], section="far", content_type_id=corpus["types"][0], title="远"
    )
    SearchTerm.objects.bulk_create([SearchTerm(document=far, term=word, weight=1.0) for word in WORDS])
    SearchDocument.index_changed()
    query = "消防 安全生产 风险清单 合规"
    monkeypatch.setattr(engine, "SETS_FROM", 10**9)
    expected = answer(query, Filters())
    assert far.pk in expected[0]
    monkeypatch.setattr(engine, "SETS_FROM", 0)
    with redis_of_its_own("docsets"):
        SearchDocument.index_changed()
        assert answer(query, Filters()) == expected  # counted here, shared
        docsets._kept.for_version(None)  # another process reads them from Redis
        assert answer(query, Filters()) == expected


def test_sets_follow_new_documents(corpus, monkeypatch, home):
    monkeypatch.setattr(engine, "SETS_FROM", 0)
    before = answer("风险清单 消防", Filters())[1]
    document = SearchDocument.objects.create(
        page=home, section="new", content_type_id=corpus["types"][0], title="新"
    )
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(document=document, term="风险清单", weight=9.0),
            SearchTerm(document=document, term="消防", weight=9.0),
        ]
    )
    SearchDocument.index_changed()
    ids, total, *_rest = answer("风险清单 消防", Filters())
    assert total == before + 1 and ids[0] == document.pk
