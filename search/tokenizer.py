"""jieba's tokenizer over a compact dictionary: the same words and cuts, a tenth of the memory.

Stock jieba keeps its dictionary as one Python dict of about 580,000 entries (every word and
every prefix of one, a prefix with frequency 0): some 70 MB in each process, in pages that stop
being shared with gunicorn's master as soon as a worker touches their reference counts. Here the
349,000 words of jieba's dictionary are a read-only marisa trie and an array of their
frequencies, both files mapped from the temporary folder (4 MB, shared by every process on the
machine), and the words added at run time (the legal vocabulary, the synonym words) a small dict
beside them. ``FREQ`` answers ``get``, ``in`` and ``[]`` as jieba's dict does, prefixes with 0
included, and the DAG of candidate words is read from the trie's prefixes: every cut is jieba's,
word for word (tests/search/test_tokenizer.py compares them).
"""

import array
import hashlib
import logging
import mmap
import os
import subprocess
import sys
import tempfile
from importlib.metadata import version
from math import log
from pathlib import Path

import marisa_trie

# jieba imports pkg_resources only to open its own files, and opens them itself without it;
# pkg_resources reads every installed distribution's metadata on import (13 MB, 0.2 s).
_without_pkg_resources = "pkg_resources" not in sys.modules
if _without_pkg_resources:
    sys.modules["pkg_resources"] = None  # `import pkg_resources` raises ImportError
try:
    import jieba
finally:
    if _without_pkg_resources:
        del sys.modules["pkg_resources"]

SOURCE = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
FORMAT = 1  # of the files written by build(); a change makes new file names
HEADER = 2  # the counts file starts with jieba's total and the longest word's length

logger = logging.getLogger(__name__)


def read_dictionary(source=SOURCE):
    """(word, frequency) of each line of a jieba dictionary file, in order (as jieba reads it)."""
    with open(source, "rb") as lines:
        for line in lines:
            word, count = line.strip().decode("utf-8").split(" ")[:2]
            yield word, int(count)


def compile_dictionary(source=SOURCE):
    """(trie of the words, counts): counts holds the header, then each word's frequency by its trie id."""
    trie = marisa_trie.Trie(word for word, _count in read_dictionary(source))
    counts = array.array("q", bytes(8 * (HEADER + len(trie))))
    total = longest = 0
    for word, count in read_dictionary(source):
        counts[HEADER + trie[word]] = count  # a word listed twice: the last listing wins, as in jieba's dict
        total += count  # ... and both count in the total, as in jieba's
        longest = max(longest, len(word))
    counts[0], counts[1] = total, longest
    return trie, counts


def build(source, trie_path, counts_path):
    """Write the compiled dictionary of ``source``; a concurrent reader never sees half a file."""
    trie, counts = compile_dictionary(source)
    for path, write in ((trie_path, trie.save), (counts_path, _writer(counts))):
        partial = f"{path}.{os.getpid()}.partial"
        write(partial)
        os.replace(partial, path)


def _writer(counts):
    def write(path):
        with open(path, "wb") as handle:
            counts.tofile(handle)

    return write


def cache_paths(source=SOURCE, folder=None):
    """Where the compiled dictionary of ``source`` is kept: named after the file and the versions."""
    stat = Path(source).stat()
    key = f"{FORMAT} {source} {stat.st_size} {stat.st_mtime_ns} {version('marisa-trie')}"
    base = (
        Path(folder or tempfile.gettempdir())
        / f"jieba-compact-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    )
    return base.with_suffix(".trie"), base.with_suffix(".counts")


def load_dictionary(source=SOURCE, folder=None):
    """(trie, counts, total, longest) of ``source``, mapped from its files (compiled first if missing).

    A child process compiles them: the allocator would keep the ~20 MB of scratch memory that
    building the trie takes in the process that built it (in gunicorn's master, in every worker).
    Where the folder cannot be written, the dictionary is compiled here and kept in memory.
    """
    trie_path, counts_path = cache_paths(source, folder)
    if not (trie_path.exists() and counts_path.exists()):
        child = subprocess.run(
            [sys.executable, "-I", "-c", _BUILD, __file__, str(source), str(trie_path), str(counts_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            logger.warning("jieba's dictionary not compiled in %s: %s", trie_path.parent, child.stderr[-500:])
    try:
        trie = marisa_trie.Trie().mmap(str(trie_path))
        with open(counts_path, "rb") as handle:
            counts = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)).cast("q")
        if len(counts) != HEADER + len(trie):
            raise ValueError(f"{counts_path} does not match {trie_path}")
    except (
        OSError,
        RuntimeError,
        TypeError,
        ValueError,
    ):  # missing, unwritable or damaged (marisa: RuntimeError)
        trie, counts = compile_dictionary(source)
    return trie, counts[HEADER:], counts[0], counts[1]


# Run in the child: this file alone (-I: not the project's folders, whose modules could shadow others).
_BUILD = "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')"


class Frequencies:
    """jieba's ``FREQ``: word -> frequency, 0 for a prefix of a word, missing otherwise."""

    def __init__(self, trie, counts):
        self.trie = trie  # jieba's dictionary words; counts[trie[word]] is a word's frequency
        self.counts = counts
        self.added = {}  # words set at run time (add_word), with the prefixes jieba gives 0
        # The added words that are not in the trie, by first character: {character: (word, ...)}.
        self.new_words = {}
        self.generation = 0  # bumped by every change, so DAGs built before it are not reused

    def get(self, word, default=None):
        value = self.added.get(word)
        if value is not None:
            return value
        key = self.trie.get(word)
        if key is not None:
            return self.counts[key]
        if word and next(self.trie.iterkeys(word), None) is not None:
            return 0  # the prefix of a dictionary word
        return default

    def __getitem__(self, word):
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __contains__(self, word):
        return self.get(word) is not None

    def __setitem__(self, word, value):
        self.added[word] = value
        self.generation += 1
        if word and word not in self.trie:
            # A new tuple, not one changed in place: other threads may be reading the old one.
            same_start = set(self.new_words.get(word[0], ())) - {word}
            self.new_words[word[0]] = tuple(sorted(same_start | {word} if value else same_start))

    def __len__(self):
        """The dictionary's words and the words added since (prefixes not counted)."""
        return len(self.trie) + sum(
            1 for word, value in self.added.items() if value and word not in self.trie
        )


# How many DAGs a tokenizer keeps (get_DAG): a few documents' worth of blocks.
KEPT_DAGS = 512


class CompactTokenizer(jieba.Tokenizer):
    """A jieba Tokenizer whose dictionary is a ``Frequencies``; cuts exactly as jieba's own.

    Its compiled dictionary is kept in ``tmp_dir`` (jieba's own setting; the temporary folder by default).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_dags = {}

    def initialize(self, dictionary=None):
        if dictionary:
            raise ValueError("CompactTokenizer reads jieba's own dictionary only")
        with self.lock:
            if self.initialized:
                return
            trie, counts, self.total, self.longest = load_dictionary(SOURCE, self.tmp_dir)
            self.FREQ = Frequencies(trie, counts)
            self.initialized = True

    def get_DAG(self, sentence):
        """{start: [end, ...]}: where each dictionary word starting at ``start`` ends (jieba's DAG).

        The ends come in increasing order, and a character no word starts with is its own word.
        The frequencies of the words found are kept on the DAG for ``calc``. Indexing cuts each
        block of text twice (search mode, then full mode: search.segment.index_terms), so the
        latest DAGs are kept; callers only read them.
        """
        self.check_initialized()
        key = (sentence, self.FREQ.generation)
        kept = self._kept_dags.get(key)
        if kept is None:
            if len(self._kept_dags) >= KEPT_DAGS:
                self._kept_dags.clear()
            kept = self._kept_dags[key] = self._build_DAG(sentence)
        return kept

    def _build_DAG(self, sentence):
        freq = self.FREQ
        trie_prefixes, counts = freq.trie.iter_prefixes_with_ids, freq.counts
        added, new_words = freq.added, freq.new_words
        longest = self.longest
        dag = _DAG()
        found = dag.freq
        length = len(sentence)
        for start in range(length):
            ends = []
            for word, key in trie_prefixes(sentence[start : start + longest]):
                count = added.get(word, counts[key])
                if count:  # (a word deleted at run time has 0)
                    ends.append(start + len(word) - 1)
                    found[word] = count
            candidates = new_words.get(sentence[start])
            if candidates:
                more = [word for word in candidates if sentence.startswith(word, start)]
                if more:
                    found.update((word, added[word]) for word in more)
                    ends = sorted(ends + [start + len(word) - 1 for word in more])
            dag[start] = ends or [start]
        return dag

    def calc(self, sentence, DAG, route):
        """jieba's best route, from the frequencies ``get_DAG`` found (the same sums, in the same order)."""
        if not isinstance(DAG, _DAG):
            return super().calc(sentence, DAG, route)
        found = DAG.freq
        length = len(sentence)
        route[length] = (0, 0)
        logtotal = log(self.total)
        for idx in range(length - 1, -1, -1):
            route[idx] = max(
                (log(found.get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in DAG[idx]
            )
        return None


class _DAG(dict):
    """jieba's DAG, carrying the frequencies of the words in it."""

    __slots__ = ("freq",)

    def __init__(self):
        super().__init__()
        self.freq = {}


if __name__ == "__main__":
    build(*sys.argv[2:5])
