"""The Elasticsearch path tested as data: the index settings a vanilla cluster accepts, the
request bodies and the documents we send. A live cluster is only needed by the contract test in
test_query_table.py (ELASTICSEARCH_URL)."""

from types import SimpleNamespace

import pytest
from django.test import override_settings

from search.analysis import plan
from search.elasticsearch import documents, queries, sync
from search.elasticsearch.engine import ElasticsearchEngine
from search.engine import Filters
from search.models import SearchDocument, SynonymGroup

pytestmark = pytest.mark.django_db


def word_of(clause):
    """The word a concept clause searches (a compound's clause also offers its parts)."""
    if "multi_match" in clause:
        return clause["multi_match"]["query"]
    return clause["bool"]["should"][0]["multi_match"]["query"]


def index_body(mode="whitespace"):
    return documents.document_class(documents.MODES[mode])._index.to_dict()


def test_whitespace_mode_settings_carry_stopwords_and_synonyms():
    body = index_body()
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["zh_stop"]["type"] == "stop"
    assert {"怎么样", "吗", "会"} <= set(analysis["filter"]["zh_stop"]["stopwords"])
    synonyms = analysis["filter"]["zh_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "社保, 社会保险, 五险一金" in synonyms["synonyms"]
    assert analysis["analyzer"]["zh_whitespace_index"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["cjk_width", "lowercase", "zh_stop"],
    }
    # Synonyms expand at query time only, so editing them never needs the documents re-analysed.
    assert analysis["analyzer"]["zh_whitespace_search"]["filter"] == [
        "cjk_width",
        "lowercase",
        "zh_stop",
        "zh_synonyms",
    ]
    properties = body["mappings"]["properties"]
    assert properties["title"]["search_analyzer"] == "zh_whitespace_search"
    assert properties["pinyin"] == {"type": "text", "analyzer": "whitespace"}
    assert properties["section"] == {"type": "keyword"}
    assert body["settings"]["number_of_shards"] == 1


def test_plugin_modes_use_their_tokenizers():
    analyzers = index_body("ik")["settings"]["analysis"]["analyzer"]
    assert analyzers["zh_ik_index"]["tokenizer"] == "ik_max_word"
    assert analyzers["zh_ik_search"]["tokenizer"] == "ik_smart"
    with override_settings(ELASTICSEARCH_ANALYZER="nonsense"):
        assert documents.current_mode().name == "whitespace"


def test_index_name_carries_the_analysis_version():
    before = documents.index_name()
    assert before.startswith("compliance-search-documents-") and len(before.rsplit("-", 1)[1]) == 8
    assert documents.index_name() == before
    SynonymGroup.objects.create(terms="年假, 带薪年休假")
    assert documents.index_name() != before  # new synonyms: a new index is built


def test_question_body_needs_most_concepts_and_boosts_the_phrase():
    body = queries.build_search(plan("员工不签劳动合同会怎么样"), Filters(), size=1000).to_dict()
    query = body["query"]["bool"]
    concepts = query["must"][0]["bool"]
    words = [word_of(clause) for clause in concepts["should"]]
    assert words == ["员工", "不签", "劳动合同"]  # 会, 怎么样 are stopwords
    assert concepts["minimum_should_match"] == 2
    assert concepts["should"][0]["multi_match"]["fields"] == queries.SEARCH_FIELDS  # 员工: one word
    assert query["should"][0] == {
        "match_phrase": {"title": {"query": "员工不签劳动合同会怎么样", "boost": 2}}
    }
    upcoming = query["filter"][0]["bool"]
    assert upcoming["should"][1] == {"range": {"ends_at": {"gte": "now"}}}
    assert body["size"] == 1000 and body["track_total_hits"] is True
    assert body["_source"] == ["document_id"]
    assert "post_filter" not in body


def test_traditional_and_article_numbers_are_sent_folded_and_articles_are_required():
    query = queries.text_query(plan("勞動合同法 試用期 第 20 条")).to_dict()["bool"]
    article, concepts = query["must"]
    assert word_of(article) == "第20条"
    words = [word_of(clause) for clause in concepts["bool"]["should"]]
    assert "试用期" in words and "第20条" not in words  # Simplified; the article is not optional


def test_compound_words_match_their_parts():
    concept = plan("双随机一公开").concepts[0]
    clause = queries.concept_clause(concept).to_dict()["bool"]
    assert clause["should"][0]["multi_match"]["query"] == "双随机一公开"
    assert len(concept.parts) >= 2
    assert [part["multi_match"]["query"] for part in clause["should"][1]["bool"]["must"]] == list(
        concept.parts
    )


def test_filters_are_exact_post_filters_and_facets_see_the_other_filter():
    filters = Filters(include_past=True, type_ids=(4, 9), type_selected=True, industry="footwear")
    body = queries.build_search(plan("合规"), filters, size=10).to_dict()
    assert "filter" not in body["query"].get("bool", {})
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"content_type": [4, 9]}}, {"term": {"industries": "footwear"}}]}
    }
    assert body["aggs"]["types"]["filter"] == {"term": {"industries": "footwear"}}
    assert body["aggs"]["industries"]["filter"] == {"terms": {"content_type": [4, 9]}}


def test_index_document_data(home):
    from library.models import Industry
    from portal.models import StandardPage

    page = StandardPage(title="勞動合同指南", intro="依照第二十条签订劳动合同", slug="contract")
    home.add_child(instance=page)
    page.save_revision().publish()
    document = SearchDocument.objects.get(page=page)
    document.industries.add(Industry.objects.create(name="软件", code="software-es"))
    data = sync.to_index_document(document, documents.MODES["whitespace"]).to_dict(include_meta=True)
    assert data["_id"] == document.pk
    source = data["_source"]
    assert source["document_id"] == document.pk and source["page_id"] == page.pk
    assert source["kind"] == "standardpage"
    assert source["industries"] == ["software-es"]
    assert "劳动合同" in source["title"].split()  # Simplified
    assert "第20条" in source["text"].split()
    assert "hetong" in source["pinyin"].split() and "laodonghetong" in source["pinyin"].split()
    assert "ends_at" not in source  # None values are left out


class FakeClient:
    def __init__(self, *bodies):
        self.bodies = list(bodies)
        self.requests = []

    def search(self, index, body, **params):
        self.requests.append((index, body))
        return SimpleNamespace(body=self.bodies.pop(0))


def es_response(document_ids, types=None):
    return {
        "hits": {
            "total": {"value": len(document_ids), "relation": "eq"},
            "hits": [
                {"_index": "x", "_id": str(d), "_score": 1.0, "_source": {"document_id": d}}
                for d in document_ids
            ],
        },
        "aggregations": {
            "types": {
                "doc_count": 2,
                "values": {"buckets": [{"key": k, "doc_count": n} for k, n in (types or {}).items()]},
            },
            "industries": {"doc_count": 2, "values": {"buckets": []}},
        },
    }


def test_engine_reads_ids_and_relaxes_when_nothing_matches_enough(monkeypatch, home):
    from portal.models import StandardPage

    page = StandardPage(title="劳动合同", slug="c")
    home.add_child(instance=page)
    page.save_revision().publish()
    document = SearchDocument.objects.get(page=page)
    client = FakeClient(es_response([]), es_response([document.pk, 999], {document.content_type_id: 1}))
    monkeypatch.setattr(sync, "get_client", lambda: client)
    result = ElasticsearchEngine().search(plan("员工 劳动合同 赔偿"), Filters())
    assert result.ids == [document.pk]  # 999 is not in the database any more
    assert result.relaxed and result.total == 2
    first, second = (body["query"]["bool"]["must"][0]["bool"] for _index, body in client.requests)
    assert first["minimum_should_match"] == 2 and second["minimum_should_match"] == 1
