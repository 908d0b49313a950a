"""Chinese word segmentation shared by every search backend.

Chinese has no spaces between words, so the database's tokenizers (SQLite FTS5
unicode61, PostgreSQL's parser) see a whole run of characters as one token.
We segment with jieba: search mode (``cut_for_search``: words plus their
dictionary sub-words) when indexing, precise mode when querying, so a query's
words are always among the words indexed for the same text. Text without
Chinese passes through unchanged.
"""

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

USER_DICT = Path(__file__).resolve().parent / "dict" / "legal_terms.txt"

# CJK unified ideographs (incl. extension A) and compatibility ideographs.
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What a query term may contain: letters, digits and ideographs. Everything else
# (quotes, operators, punctuation) is a separator, so user input can never turn
# into FTS5 / tsquery syntax.
_WORD = re.compile(r"\w+")
# Function words dropped from queries: "企业的合规" should not require "的".
QUERY_STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 把 被 吗 呢 啊 如何 怎么 怎样 什么 哪些 有关 关于".split()
)

_lock = threading.Lock()
_tokenizer = None


def get_tokenizer():
    """The process-wide jieba tokenizer with the legal vocabulary, loaded once (lazily, thread-safe).

    Its dictionary is compact (search/tokenizer.py): the same cuts as jieba's, in a few MB shared by every process.
    """
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                from search.tokenizer import CompactTokenizer, jieba  # (which imports jieba leanly)

                jieba.setLogLevel(logging.WARNING)
                tokenizer = CompactTokenizer()
                tokenizer.initialize()
                tokenizer.load_userdict(str(USER_DICT))
                _tokenizer = tokenizer
    return _tokenizer


def user_terms():
    """The words of the legal/compliance user dictionary."""
    with open(USER_DICT, encoding="utf-8") as handle:
        return [line.split()[0] for line in handle if line.strip()]


def normalize(text):
    """NFKC: full-width letters, digits and punctuation become their ASCII forms (like cjk_width)."""
    return unicodedata.normalize("NFKC", text or "")


def has_chinese(text):
    return bool(text) and _CHINESE.search(text) is not None


def _words(tokens):
    for token in tokens:
        yield from _WORD.findall(token)


def index_terms(text):
    """Index-time words: jieba search mode, plus the dictionary words of full mode.

    Search mode gives the words and their 2- and 3-character sub-words; full mode
    adds every dictionary word the text contains, so compounds that precise mode
    may produce at query time (企业合规 in 企业合规管理, 人民共和国 in
    中华人民共和国) are indexed too.
    """
    text = normalize(text)
    if not has_chinese(text):
        return _WORD.findall(text)
    tokenizer = get_tokenizer()
    words = list(_words(tokenizer.cut_for_search(text)))
    seen = set(words)
    for word in _words(tokenizer.cut(text, cut_all=True)):
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def segment_for_index(text):
    """Index-time text: words separated by spaces (text without Chinese is only normalised)."""
    text = normalize(text)
    if not has_chinese(text):
        return text
    return " ".join(index_terms(text))


def query_terms(text):
    """Query-time words: jieba precise mode for Chinese, plain word splitting otherwise, stopwords dropped.

    Always a list of safe tokens (letters, digits, ideographs), possibly empty.
    """
    text = normalize(text)
    if has_chinese(text):
        words = list(_words(get_tokenizer().cut(text)))
    else:
        words = _WORD.findall(text)
    kept = [word for word in words if word not in QUERY_STOPWORDS]
    # A query made only of function words still means something: keep them then.
    return kept or words


def segment_query(text):
    """The query as a space-separated string of words, ready for a backend's PlainText query."""
    return " ".join(query_terms(text))


@lru_cache(maxsize=4096)
def word_cover(word):
    """Dictionary sub-words that spell ``word`` exactly, or None.

    A query's compound (行业合规) may be absent from a text that has its parts
    (行业企业合规, or 双随机、一公开 for 双随机一公开); the search accepts the
    compound or all of its parts. Fewest pieces wins; a single character counts
    double, so real words are preferred.
    """
    if len(word) < 3 or not has_chinese(word):
        return None
    pieces = {piece for piece in get_tokenizer().cut(word, cut_all=True) if piece != word and len(piece) >= 2}
    best = [None] * (len(word) + 1)  # (cost, pieces) of the best cover of word[:i]
    best[0] = (0, ())
    for start in range(len(word)):
        if best[start] is None:
            continue
        cost, cover = best[start]
        for end in range(start + 1, len(word) + 1):
            piece = word[start:end]
            if end - start == 1:
                step = 2
            elif piece in pieces:
                step = 1
            else:
                continue
            if best[end] is None or cost + step < best[end][0]:
                best[end] = (cost + step, cover + (piece,))
    cost, cover = best[len(word)]
    # Only single characters: no better than the substring fallback.
    return cover if any(len(piece) > 1 for piece in cover) else None


def query_groups(text):
    """Query words with their alternatives: [(word, sub-words or None), ...]."""
    return [(word, word_cover(word)) for word in query_terms(text)]
