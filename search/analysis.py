"""Text analysis for the public search, the same for every engine (SQLite, PostgreSQL, Elasticsearch).

Indexed text and queries go through the same steps: full-width to half-width (NFKC),
Traditional to Simplified (OpenCC ``t2s``), lower case, article numbers made one token
(第二十条, 第20条 and 第 20 条 are all ``第20条``), then jieba segmentation with the legal
vocabulary and the synonym words. A query also drops its function and question words
(``dict/stopwords.txt``) and becomes a list of *concepts*: each a word with its
alternatives (synonyms from the 同义词 snippet, and the parts of a compound word), so
that ranking can reward matching more concepts instead of requiring them all.
"""

import json
import logging
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.apps import apps

from search.segment import get_tokenizer, has_chinese, index_terms, normalize, word_cover

DICT_DIR = Path(__file__).resolve().parent / "dict"
STOPWORDS_FILE = DICT_DIR / "stopwords.txt"
SYNONYMS_FILE = DICT_DIR / "synonyms.txt"

MAX_TERM_LENGTH = 64
_NUMERAL = "0-9零〇一二两三四五六七八九十百千"
ARTICLE = re.compile(rf"第\s*([{_NUMERAL}]+)\s*条")
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[a-z]")

_lock = threading.Lock()
logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _article_number(numeral):
    """'二十' -> '20'; '20' -> '20'; None when it is no number (第十一百条)."""
    if numeral.isdigit():
        return str(int(numeral))
    import cn2an

    try:
        return str(int(cn2an.cn2an(numeral, "smart")))
    except (ValueError, KeyError, TypeError):
        return None


def _normalise_article(match):
    number = _article_number(match.group(1))
    return f" 第{number}条 " if number is not None else match.group(0)


def to_simplified(text):
    """Traditional characters as Simplified (OpenCC t2s); other text unchanged."""
    return _converter().convert(text) if has_chinese(text) else text


def article_spellings(token):
    """第20条 -> [第20条, 第二十条]: how an article number may be written in a text."""
    if not _is_article(token):
        return [token]
    import cn2an

    return [token, f"第{cn2an.an2cn(token[1:-1])}条"]


def fold(text):
    """Full-width to half-width, Traditional to Simplified, lower case; article numbers as 第N条."""
    text = normalize(text or "")
    if has_chinese(text):
        text = _converter().convert(text)
    text = text.lower()
    if "第" in text:
        text = ARTICLE.sub(_normalise_article, text)
    return text


def _is_article(token):
    return token.startswith("第") and token.endswith("条") and token[1:-1].isdigit()


def _pieces(text):
    """The folded text split around article tokens: [(is_article, text), ...]."""
    pieces = []
    position = 0
    for match in re.finditer(r"第\d+条", text):
        if match.start() > position:
            pieces.append((False, text[position : match.start()]))
        pieces.append((True, match.group(0)))
        position = match.end()
    if position < len(text):
        pieces.append((False, text[position:]))
    return pieces


def tokens(text):
    """Index-time tokens of folded text: jieba's search and full modes, article numbers whole."""
    ensure_dictionary()
    result = []
    for is_article, piece in _pieces(text):
        if is_article:
            result.append(piece)
        else:
            result.extend(index_terms(piece))
    return [token for token in result if len(token) <= MAX_TERM_LENGTH]


def pinyin_tokens(text):
    """The pinyin of each Chinese word of folded ``text`` (劳动合同 -> laodonghetong, laodong, hetong)."""
    from pypinyin import lazy_pinyin

    result = []
    for token in dict.fromkeys(tokens(text)):
        if len(token) >= 2 and has_chinese(token) and not _is_article(token):
            result.append("".join(lazy_pinyin(token)))
    return result


# --- the pinyin of the vocabulary -----------------------------------------------------------

_spelled = {}  # word -> its pinyin, for each vocabulary word this process has spelled
_spell_elsewhere = False
# Run in a child process (-I: the project's folders stay off its path): words in, their pinyin out.
_SPELL = (
    "import json, sys; from pypinyin import lazy_pinyin; "
    "print(json.dumps({word: ''.join(lazy_pinyin(word)) for word in json.load(sys.stdin)}))"
)


def spell_elsewhere():
    """From now on, a process without pypinyin spells words in a child process (see ``spelled``).

    gunicorn's master calls this before it forks (portal/preload.py): pypinyin's phrase dictionary
    is 56 MB, and a web worker only ever spells the vocabulary (a few hundred words).
    """
    global _spell_elsewhere
    _spell_elsewhere = True


def spelled(words):
    """{word: pinyin} of Chinese ``words`` (劳动合同 -> laodonghetong), each spelled once per process.

    With pypinyin; in a child process instead when ``spell_elsewhere()`` was called and this
    process has not loaded pypinyin (nor failed to spell there). A web worker spells the new
    words of an edited synonym group that way, on the first query that needs them (under a second).
    """
    missing = [word for word in dict.fromkeys(words) if word not in _spelled]
    if missing:
        if _spell_elsewhere and "pypinyin" not in sys.modules:
            _spelled.update(spell_in_child(missing))
        else:
            from pypinyin import lazy_pinyin

            _spelled.update((word, "".join(lazy_pinyin(word))) for word in missing)
    return {word: _spelled[word] for word in words}


def spell_in_child(words):
    """{word: pinyin} of ``words`` from a child process; if it fails, spelled here (and from then on)."""
    child = subprocess.run(
        [sys.executable, "-I", "-c", _SPELL],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode == 0:
        return json.loads(child.stdout)
    global _spell_elsewhere
    _spell_elsewhere = False
    logger.warning("the vocabulary's pinyin could not be spelled in a child process: %s", child.stderr[-500:])
    return spelled(words)


# --- stopwords and synonyms ----------------------------------------------------------------


@lru_cache(maxsize=1)
def stopwords():
    words = set()
    with open(STOPWORDS_FILE, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0]
            words.update(fold(word) for word in line.split())
    return frozenset(words)


def seed_synonym_groups():
    """The seed groups of ``dict/synonyms.txt``: [[word, ...], ...]."""
    groups = []
    with open(SYNONYMS_FILE, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                groups.append(split_group(line))
    return [group for group in groups if len(group) > 1]


def split_group(text):
    """'社保, 社会保险,五险一金' -> ['社保', '社会保险', '五险一金'] (folded, commas of either width)."""
    words = re.split(r"[,，、;；\n]+", normalize(text or ""))
    return list(dict.fromkeys(fold(" ".join(word.split())) for word in words if word.strip()))


class Synonyms:
    """The synonym groups as lookups: word -> alternatives, and multi-word phrases to rewrite."""

    def __init__(self, groups):
        self.groups = [list(group) for group in groups if len(group) > 1]
        self.alternatives = {}
        self.phrases = {}
        for group in groups:
            single = [word for word in group if " " not in word]
            for word in group:
                if " " in word:
                    if single:
                        self.phrases[word] = single[0]
                    continue
                self.alternatives.setdefault(word, set()).update(w for w in single if w != word)
        self.words = sorted({word for group in groups for word in group if " " not in word})

    def rewrite_phrases(self, text):
        """Latin phrases of a group (personal data) become the group's first word (个人信息)."""
        for phrase in sorted(self.phrases, key=len, reverse=True):
            if phrase in text:
                text = re.sub(rf"\b{re.escape(phrase)}\b", f" {self.phrases[phrase]} ", text)
        return text

    def of(self, word):
        return self.alternatives.get(word, set())

    @property
    def pinyin(self):
        """{pinyin: word} of the synonym words and the legal vocabulary (shebao -> 社保)."""
        if not hasattr(self, "_pinyin"):
            from search.segment import user_terms

            words = [fold(word) for word in [*self.words, *user_terms()] if has_chinese(word)]
            pinyin = spelled(words)
            self._pinyin = {}
            for word in words:
                self._pinyin.setdefault(pinyin[word], word)
        return self._pinyin

    def spelled(self, word):
        """The Chinese word a Latin word is the pinyin of, with its synonyms: shebao -> {社保, 社会保险}."""
        chinese = self.pinyin.get(word) if word.isascii() else None
        return {chinese, *self.of(chinese)} if chinese else set()


_synonyms = None
_synonyms_version = None


def synonyms():
    """The current synonym groups (the 同义词 snippet), reloaded when an editor changes them."""
    global _synonyms, _synonyms_version
    # Looked up through the app registry: the models use this module's folding, not the reverse.
    SynonymGroup = apps.get_model("search", "SynonymGroup")

    version = SynonymGroup.current_version()
    if _synonyms is None or version != _synonyms_version:
        with _lock:
            groups = [group.words() for group in SynonymGroup.objects.all()]
            _synonyms = Synonyms(groups)
            _synonyms_version = version
            _add_words(_synonyms.words)
    return _synonyms


_dictionary_ready = False


def ensure_dictionary():
    """Synonym words are jieba words too, so each is one token at index and query time."""
    global _dictionary_ready
    if not _dictionary_ready:
        _dictionary_ready = True
        try:
            synonyms()
        except Exception:  # before migrations (no snippet table yet): the seeds
            _dictionary_ready = False
            _add_words([word for group in seed_synonym_groups() for word in group if " " not in word])


_added = set()


def _add_words(words):
    tokenizer = get_tokenizer()
    for word in words:
        if word not in _added and has_chinese(word) and len(word) > 1:
            _added.add(word)
            if tokenizer.FREQ.get(word, 0) == 0:
                tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 10))
            word_cover.cache_clear()


# --- queries -------------------------------------------------------------------------------


@dataclass
class Concept:
    """One thing the query asks for: a word and the terms that count as it."""

    word: str
    terms: tuple
    parts: tuple = ()  # a compound's sub-words, tried when the compound itself is not indexed


@dataclass
class QueryPlan:
    text: str  # the folded query
    concepts: list = field(default_factory=list)
    phrase: str = ""  # the query without spaces, for the phrase boost

    @property
    def terms(self):
        return sorted({term for concept in self.concepts for term in (*concept.terms, *concept.parts)})

    def __bool__(self):
        return bool(self.concepts)


def query_words(text):
    """Precise-mode words of folded text, article numbers whole, punctuation dropped."""
    ensure_dictionary()
    words = []
    tokenizer = get_tokenizer()
    for is_article, piece in _pieces(text):
        if is_article:
            words.append(piece)
        elif has_chinese(piece):
            for token in tokenizer.cut(piece):
                words.extend(_WORD.findall(token))
        else:
            words.extend(_WORD.findall(piece))
    return [word for word in words if len(word) <= MAX_TERM_LENGTH]


def plan(raw_query, synonym_groups=None):
    """The query as concepts: stopwords dropped (unless nothing else is left), synonyms attached."""
    lookup = synonym_groups if synonym_groups is not None else synonyms()
    text = fold(raw_query)
    text = lookup.rewrite_phrases(text)
    words = query_words(text)
    stop = stopwords()
    kept = [word for word in words if word not in stop] or words
    concepts = []
    seen = set()
    for word in kept:
        if word in seen:
            continue
        seen.add(word)
        alternatives = (word, *sorted(lookup.of(word) | lookup.spelled(word)))
        cover = word_cover(word) if has_chinese(word) and not _is_article(word) else None
        parts = tuple(piece for piece in cover or () if len(piece) > 1 and piece not in stop)
        concepts.append(Concept(word=word, terms=alternatives, parts=parts))
    return QueryPlan(text=" ".join(text.split()), concepts=concepts, phrase="".join(text.split()))


def minimum_should_match(count):
    """How many of ``count`` concepts a result must match: all of one or two, then three in four."""
    if count <= 2:
        return count
    return max(2, (count * 3) // 4)


def is_latin(text):
    return bool(_LATIN.search(text or "")) and not has_chinese(text)
