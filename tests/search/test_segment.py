import threading

from search import segment
from search.segment import (
    has_chinese,
    index_terms,
    query_terms,
    segment_for_index,
    segment_query,
    user_terms,
)


def test_user_dictionary_keeps_legal_terms_whole():
    for term in [
        "合规整改",
        "刑行衔接",
        "首违不罚",
        "轻微减罚",
        "认罚轻处",
        "公益减罚",
        "信用修复",
        "统一社会信用代码",
        "合规建设联系点",
        "双随机一公开",
        "包容审慎监管",
        "虚开增值税专用发票",
        "个人信息保护",
    ]:
        assert term in user_terms()
        assert query_terms(term) == [term], term


def test_index_terms_contain_every_precise_query_word():
    text = "鹿城区鞋革行业企业合规整改与刑行衔接工作指引:首违不罚、轻微减罚,依照《中华人民共和国个人信息保护法》。"
    indexed = set(index_terms(text))
    for query in [
        "合规整改",
        "刑行衔接",
        "首违不罚",
        "企业合规",
        "鞋革行业",
        "个人信息保护法",
        "人民共和国",
        "合规",
    ]:
        for word in query_terms(query):
            assert word in indexed, (query, word)


def test_text_without_chinese_is_left_alone():
    assert segment_for_index("ISO 37301 compliance") == "ISO 37301 compliance"
    assert not has_chinese("GB 32100-2015")
    assert has_chinese("GB 32100 统一社会信用代码")


def test_mixed_chinese_english_and_numbers():
    indexed = index_terms("统一社会信用代码须符合 GB 32100-2015,合规管理体系参照 ISO 37301。")
    assert {"GB", "32100", "2015", "ISO", "37301", "统一社会信用代码", "合规管理"} <= set(indexed)
    assert query_terms("GB 32100") == ["GB", "32100"]
    assert query_terms("ISO 37301 合规") == ["ISO", "37301", "合规"]


def test_full_width_forms_are_normalised_like_cjk_width():
    assert query_terms("ＧＢ ３２１００") == ["GB", "32100"]


def test_query_syntax_characters_never_reach_the_backend():
    assert query_terms('"合规" OR (整改*) -罚款') == ["合规", "OR", "整改", "罚款"]
    assert query_terms("'; DROP TABLE x; --") == ["DROP", "TABLE", "x"]
    assert query_terms("!!!???") == []
    assert segment_query("   ") == ""


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert query_terms("信用修复怎么办理") == ["信用修复", "办理"]
    assert query_terms("的") == ["的"]


def test_tokenizer_is_loaded_once_across_threads():
    seen = []

    def work():
        seen.append(segment.get_tokenizer())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(tokenizer) for tokenizer in seen}) == 1
    assert seen[0] is segment.get_tokenizer()


def test_compound_query_words_have_covers_of_their_parts():
    from search.segment import query_groups, word_cover

    assert word_cover("行业合规") == ("行业", "合规")
    assert word_cover("人民共和国") == ("人民", "共和国")
    assert word_cover("双随机一公开") == ("双随机", "一", "公开")  # the seed writes 双随机、一公开
    assert word_cover("首违不罚") is None  # no real words inside: the term stays whole
    assert word_cover("合规") is None and word_cover("ISO37301") is None
    assert query_groups("软件行业合规指引") == [
        ("软件", None),
        ("行业合规", ("行业", "合规")),
        ("指引", None),
    ]
