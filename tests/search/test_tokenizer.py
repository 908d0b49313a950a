"""search.tokenizer: jieba over a compact dictionary cuts every text exactly as stock jieba does."""

import json
import logging

import jieba
import pytest
import yaml

from search import segment
from search.analysis import seed_synonym_groups
from search.tokenizer import CompactTokenizer, cache_paths
from search.views import EXAMPLE_QUERIES
from tests.search.everyday_queries import QUERIES as EVERYDAY
from tests.search.test_query_table import TABLE

ROOT = segment.USER_DICT.parents[2]
EDGES = [
    "",
    "合",
    "劳动合同法第三十九条规定的情形",
    "ISO 37301 合规管理体系 2021 版，GDPR 与《个人信息保护法》",
    "中華人民共和國勞動合同法",  # Traditional characters: jieba's HMM meets unknown words
    "合规" * 200,
    "a-b_c.d+e#f&g%h 第20条 ５０％",
    "鞋革行业企业合规工作指引软件行业企业合规工作指引建筑行业企业合规工作指引" * 5,
]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def demo_corpus():
    """Every string with Chinese in every app's demo files, the query tables' queries and the edges."""
    texts = []
    for path in sorted(ROOT.glob("*/demo/**/*")):
        if path.suffix in {".yaml", ".yml"}:
            texts += strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".json":
            texts += strings(json.loads(path.read_text(encoding="utf-8")))
    texts = [text for text in texts if segment.has_chinese(text)]
    queries = [row[0] for row in TABLE] + [row[0] for row in EVERYDAY] + list(EXAMPLE_QUERIES)
    return texts, queries


def with_vocabulary(tokenizer):
    """The legal vocabulary and the seed synonym words, added as search.analysis adds them."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer.initialize()
    tokenizer.load_userdict(str(segment.USER_DICT))
    for group in seed_synonym_groups():
        for word in group:
            if (
                " " not in word
                and len(word) > 1
                and segment.has_chinese(word)
                and not tokenizer.FREQ.get(word)
            ):
                tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 10))
    return tokenizer


@pytest.fixture(scope="module")
def tokenizers(tmp_path_factory):
    compact = CompactTokenizer()
    compact.tmp_dir = str(tmp_path_factory.mktemp("jieba"))  # compiled afresh, in a child process
    return with_vocabulary(jieba.Tokenizer()), with_vocabulary(compact)


def cuts(tokenizer, text):
    return (
        list(tokenizer.cut(text)),
        list(tokenizer.cut(text, HMM=False)),
        list(tokenizer.cut(text, cut_all=True)),
        list(tokenizer.cut_for_search(text)),
    )


def test_every_cut_of_the_demo_corpus_and_the_query_tables_is_jiebas(tokenizers):
    stock, compact = tokenizers
    texts, queries = demo_corpus()
    assert len(texts) > 500 and len(queries) > 100
    for text in [*texts, *queries, *EDGES]:
        assert cuts(compact, text) == cuts(stock, text), text


def test_frequencies_answer_as_jiebas_dict(tokenizers):
    stock, compact = tokenizers
    assert compact.total == stock.total
    # Words, a prefix of a word (0), the legal vocabulary and its prefixes, a seed synonym, nothing.
    for word in [
        "合规",
        "的",
        "合规管",
        "中华人民共",
        "合规建设联系点",
        "合规建设联系",
        "社保",
        "五险一金",
        "xyz",
        "",
    ]:
        assert compact.FREQ.get(word) == stock.FREQ.get(word), word
        assert (word in compact.FREQ) == (word in stock.FREQ), word
        assert compact.suggest_freq(word) == stock.suggest_freq(word), word
    with pytest.raises(KeyError):
        compact.FREQ["xyz"]


def test_words_added_and_deleted_at_run_time_cut_as_in_jieba(tokenizers):
    stock, compact = tokenizers
    text = "企业开展合规整改后申请信用修复，适用首违不罚与轻微减罚，落实五险一金和社保缴纳"
    for tokenizer in tokenizers:
        tokenizer.add_word("信用修复申请", freq=50)
        tokenizer.add_word("首违不罚与轻微", freq=3)
        tokenizer.del_word("合规整改")  # a vocabulary word
        tokenizer.del_word("企业")  # a word of jieba's dictionary
        tokenizer.add_word("缴纳", freq=99999)  # a dictionary word with a new frequency
    assert cuts(compact, text) == cuts(stock, text)
    assert compact.FREQ.get("企业") == stock.FREQ.get("企业") == 0
    assert "企业" not in list(compact.cut(text))
    for tokenizer in tokenizers:
        tokenizer.add_word("企业", freq=1000)
        tokenizer.add_word("合规整改")
        tokenizer.del_word("首违不罚与轻微")
    assert cuts(compact, text) == cuts(stock, text)


def test_the_compiled_dictionary_is_kept_and_reused(tmp_path):
    first = CompactTokenizer()
    first.tmp_dir = str(tmp_path)
    first.initialize()
    files = cache_paths(folder=tmp_path)
    assert all(path.exists() for path in files)
    stamps = [path.stat().st_mtime_ns for path in files]
    second = CompactTokenizer()
    second.tmp_dir = str(tmp_path)
    assert second.lcut("合规整改报告") == first.lcut("合规整改报告")
    assert [path.stat().st_mtime_ns for path in files] == stamps


def test_a_folder_that_cannot_be_written_still_gives_a_tokenizer(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    tokenizer = CompactTokenizer()
    tokenizer.tmp_dir = str(blocked / "inside")  # no folder can be made there
    stock = jieba.Tokenizer()
    text = "用人单位应当自用工之日起一个月内订立书面劳动合同"
    assert tokenizer.lcut(text) == stock.lcut(text)
    assert tokenizer.total == stock.total
