"""search.analysis.spelled: the pinyin of the vocabulary, here or from a child process, is pypinyin's."""

from pypinyin import lazy_pinyin

from search import analysis
from search.segment import user_terms

# Polyphones that a character-by-character reading gets wrong (银行 is not yinxing).
WORDS = ["银行", "行长", "重庆", "重大责任事故", "合规整改", "劳动合同", "首违不罚", "4+x柔性执法"]


def test_a_child_process_spells_as_pypinyin_does():
    words = [*WORDS, *user_terms()]
    assert analysis.spell_in_child(words) == {word: "".join(lazy_pinyin(word)) for word in words}


def test_spelled_words_are_kept(monkeypatch):
    monkeypatch.setattr(analysis, "_spelled", {})
    assert analysis.spelled(["银行", "银行"]) == {"银行": "yinhang"}
    monkeypatch.setattr(analysis, "_spell_elsewhere", True)
    monkeypatch.setattr(analysis, "spell_in_child", lambda words: 1 / 0)  # not asked again
    assert analysis.spelled(["银行"]) == {"银行": "yinhang"}


def test_a_failing_child_process_leaves_the_spelling_here(monkeypatch):
    monkeypatch.setattr(analysis, "_spelled", {})
    monkeypatch.setattr(analysis, "_spell_elsewhere", True)
    monkeypatch.setattr(analysis, "_SPELL", "import sys; sys.exit('no pypinyin here')")
    assert analysis.spell_in_child(["重庆"]) == {"重庆": "chongqing"}
    assert analysis._spell_elsewhere is False
