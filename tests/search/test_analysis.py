"""Query understanding: folding, article numbers, stopwords, synonyms, concepts."""

import pytest

from search.analysis import Synonyms, fold, minimum_should_match, pinyin_tokens, plan, split_group, tokens


def test_fold_converts_traditional_full_width_and_case():
    assert fold("合規 勞動合同") == "合规 劳动合同"
    assert fold("ＶＯＣｓ　４＋Ｘ") == "vocs 4+x"


@pytest.mark.parametrize("text", ["第二十条", "第20条", "第 20 条", "第２０条", "第二十條"])
def test_article_numbers_are_one_token(text):
    assert fold(text).split() == ["第20条"]
    assert "第20条" in tokens(fold(f"依照《劳动合同法》{text}规定"))


def test_article_numbers_never_match_longer_ones():
    indexed = set(tokens(fold("《劳动合同法》第二十六条、第三十条、第一百零二条")))
    assert {"第26条", "第30条", "第102条"} <= indexed
    assert "第20条" not in indexed and "第二十" not in indexed


def test_questions_drop_function_and_question_words():
    words = [concept.word for concept in plan("员工不签劳动合同会怎么样", Synonyms([])).concepts]
    assert words == ["员工", "不签", "劳动合同"]
    # Only stopwords: they are searched for after all.
    assert [concept.word for concept in plan("怎么样", Synonyms([])).concepts] == ["怎么样"]


def test_synonyms_attach_to_their_words_and_latin_phrases_are_rewritten():
    synonyms = Synonyms([split_group("社保, 社会保险"), split_group("个人信息, personal data")])
    concept = plan("社保", synonyms).concepts[0]
    assert concept.terms == ("社保", "社会保险")
    assert [concept.word for concept in plan("Personal Data", synonyms).concepts] == ["个人信息"]


def test_split_group_accepts_either_comma_and_the_enumeration_comma():
    assert split_group("社保，社会保险、五险一金;社保") == ["社保", "社会保险", "五险一金"]


def test_minimum_should_match():
    assert [minimum_should_match(n) for n in range(1, 7)] == [1, 2, 2, 3, 3, 4]


def test_pinyin_of_words():
    assert {"laodonghetong", "laodong", "hetong"} <= set(pinyin_tokens(fold("劳动合同")))
