"""The Elasticsearch path as data: mapping, index settings, request bodies and response handling.

No cluster needed; the live contract test is in test_query_table.py (runs when ELASTICSEARCH_URL is set).
"""

from types import SimpleNamespace

import pytest
from django.test import override_settings

from search.elasticsearch import documents, queries, sync
from search.elasticsearch.engine import ElasticsearchEngine
from search.query import Filters

NORMALISE = ["cjk_width", "lowercase"]


def index_dict(**settings_overrides):
    with override_settings(**settings_overrides):
        return documents.document_class()._index.to_dict()


def test_whitespace_mode_mapping_and_settings():
    data = index_dict(ELASTICSEARCH_ANALYZER="whitespace", ELASTICSEARCH_INDEX_PREFIX="Compliance")
    assert data["settings"] == {
        "number_of_shards": 1,
        "auto_expand_replicas": "0-1",
        "analysis": {
            "analyzer": {
                "zh_whitespace": {"type": "custom", "tokenizer": "whitespace", "filter": NORMALISE},
                "zh_suggest": {"type": "custom", "tokenizer": "keyword", "filter": NORMALISE},
            }
        },
    }
    properties = data["mappings"]["properties"]
    for name in ("title", "summary", "text"):
        assert properties[name]["type"] == "text"
        assert properties[name]["analyzer"] == properties[name]["search_analyzer"] == "zh_whitespace"
    assert properties["title"]["fields"] == {"raw": {"type": "keyword"}}
    assert properties["industries"] == {"type": "keyword"}
    assert properties["kind"] == {"type": "keyword"}
    assert (
        properties["content_type"]
        == properties["document_id"]
        == properties["page_id"]
        == {"type": "integer"}
    )
    assert properties["ends_at"] == properties["starts_at"] == {"type": "date"}
    assert properties["suggest"] == {"type": "completion", "analyzer": "zh_suggest"}
    with override_settings(ELASTICSEARCH_INDEX_PREFIX="Compliance"):
        assert documents.index_name() == "compliance-search-documents"


def test_ik_mode_uses_max_word_for_indexing_and_smart_for_queries():
    data = index_dict(ELASTICSEARCH_ANALYZER="ik")
    analyzers = data["settings"]["analysis"]["analyzer"]
    assert analyzers["zh_ik_max_word"] == {"type": "custom", "tokenizer": "ik_max_word", "filter": NORMALISE}
    assert analyzers["zh_ik_smart"] == {"type": "custom", "tokenizer": "ik_smart", "filter": NORMALISE}
    title = data["mappings"]["properties"]["title"]
    assert (title["analyzer"], title["search_analyzer"]) == ("zh_ik_max_word", "zh_ik_smart")


def test_smartcn_mode_and_unknown_mode_falls_back_to_whitespace():
    analyzers = index_dict(ELASTICSEARCH_ANALYZER="smartcn")["settings"]["analysis"]["analyzer"]
    assert analyzers["zh_smartcn"]["tokenizer"] == "smartcn_tokenizer"
    analyzers = index_dict(ELASTICSEARCH_ANALYZER="nonsense")["settings"]["analysis"]["analyzer"]
    assert "zh_whitespace" in analyzers


def test_query_text_is_segmented_only_in_whitespace_mode():
    assert queries.query_text("鞋革行业的红线", documents.MODES["whitespace"]) == "鞋革行业 红线"
    assert queries.query_text("鞋革行业的红线", documents.MODES["ik"]) == "鞋革行业的红线"
    assert queries.field_text("企业合规管理", documents.MODES["whitespace"]).split()[:3] == [
        "企业",
        "合规",
        "管理",
    ]


@override_settings(ELASTICSEARCH_ANALYZER="whitespace", ELASTICSEARCH_INDEX_PREFIX="t")
def test_search_body_without_filters():
    body = queries.build_search("首违不罚", Filters(), size=1000).to_dict()
    assert body == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "首违不罚",
                            "fields": ["title^3", "summary^2", "text"],
                            "operator": "and",
                            "type": "cross_fields",
                        }
                    }
                ],
                "filter": [
                    {
                        "bool": {
                            "should": [
                                {"bool": {"must_not": [{"exists": {"field": "ends_at"}}]}},
                                {"range": {"ends_at": {"gte": "now"}}},
                            ],
                            "minimum_should_match": 1,
                        }
                    }
                ],
            }
        },
        "aggs": {
            "types": {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": "content_type", "size": 100}}},
            },
            "industries": {
                "filter": {"match_all": {}},
                "aggs": {"values": {"terms": {"field": "industries", "size": 200}}},
            },
        },
        "_source": ["document_id"],
        "size": 1000,
        "track_total_hits": True,
    }


def test_compound_words_match_their_parts_in_whitespace_mode():
    with override_settings(ELASTICSEARCH_ANALYZER="whitespace"):
        body = queries.build_search("软件行业合规指引", Filters(include_past=True), size=10).to_dict()

    def match(text):
        return {
            "multi_match": {
                "query": text,
                "fields": ["title^3", "summary^2", "text"],
                "operator": "and",
                "type": "cross_fields",
            }
        }

    assert body["query"] == {
        "bool": {
            "must": [
                match("软件"),
                {"bool": {"should": [match("行业合规"), match("行业 合规")], "minimum_should_match": 1}},
                match("指引"),
            ]
        }
    }
    with override_settings(ELASTICSEARCH_ANALYZER="ik"):
        body = queries.build_search("软件行业合规指引", Filters(include_past=True), size=10).to_dict()
    assert body["query"] == match("软件行业合规指引")


def test_search_body_with_facet_filters_and_past_events():
    filters = Filters(include_past=True, type_ids=(7, 9), type_selected=True, industry="footwear")
    body = queries.build_search("合规", filters, size=10).to_dict()
    assert body["query"] == {
        "multi_match": {
            "query": "合规",
            "fields": ["title^3", "summary^2", "text"],
            "operator": "and",
            "type": "cross_fields",
        }
    }
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"content_type": [7, 9]}}, {"term": {"industries": "footwear"}}]}
    }
    # Each facet is counted within the other facet's choice.
    assert body["aggs"]["types"]["filter"] == {"term": {"industries": "footwear"}}
    assert body["aggs"]["industries"]["filter"] == {"terms": {"content_type": [7, 9]}}


def test_suggest_body():
    assert queries.build_suggest("信用修", 8).to_dict() == {
        "suggest": {
            "titles": {
                "prefix": "信用修",
                "completion": {"field": "suggest", "size": 8, "skip_duplicates": True},
            }
        },
        "_source": ["title"],
        "size": 0,
    }


def test_suggest_inputs_start_at_each_word():
    assert sync.suggest_inputs("鞋革行业企业合规指引") == ["鞋革行业企业合规指引", "企业合规指引", "指引"]


@pytest.mark.django_db
def test_index_document_data(home):
    from library.models import Industry
    from portal.models import StandardPage
    from search.models import SearchDocument

    page = StandardPage(title="信用修复指南", intro="信用修复从快从简", slug="credit")
    home.add_child(instance=page)
    page.save_revision().publish()
    document = SearchDocument.objects.get(page=page)
    document.industries.add(Industry.objects.create(name="软件", code="software-es"))
    data = sync.to_index_document(document, documents.MODES["whitespace"]).to_dict(include_meta=True)
    assert data["_id"] == page.pk
    source = data["_source"]
    assert source["document_id"] == document.pk
    assert source["kind"] == "standardpage"
    assert source["industries"] == ["software-es"]
    assert "信用修复" in source["title"].split()
    assert source["suggest"] == {"input": ["信用修复指南", "指南"]}
    assert "ends_at" not in source  # None values are left out


class FakeClient:
    def __init__(self, body):
        self.body = body
        self.requests = []

    def search(self, index, body, **params):
        self.requests.append((index, body))
        return SimpleNamespace(body=self.body)


@pytest.mark.django_db
def test_engine_reads_ids_and_aggregations(monkeypatch):
    client = FakeClient(
        {
            "hits": {
                "total": {"value": 2, "relation": "eq"},
                "hits": [
                    {"_index": "x", "_id": "11", "_score": 2.0, "_source": {"document_id": 5}},
                    {"_index": "x", "_id": "12", "_score": 1.0, "_source": {"document_id": 3}},
                ],
            },
            "aggregations": {
                "types": {"doc_count": 2, "values": {"buckets": [{"key": 7, "doc_count": 2}]}},
                "industries": {"doc_count": 2, "values": {"buckets": [{"key": "footwear", "doc_count": 1}]}},
            },
        }
    )
    monkeypatch.setattr(sync, "get_client", lambda: client)
    result = ElasticsearchEngine().search("合规", Filters())
    assert result.ids == [5, 3]
    assert result.type_counts == {7: 2}
    assert result.industry_counts == {"footwear": 1}
    assert not result.fallback
    assert client.requests[0][1]["query"]["bool"]["must"][0]["multi_match"]["query"] == "合规"
