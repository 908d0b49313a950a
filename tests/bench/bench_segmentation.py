"""jieba segmentation: the project's compact tokenizer (search/tokenizer.py) against stock jieba's.

Run: .venv/bin/python tests/bench/bench_segmentation.py [--rounds 3]

Each tokenizer is measured in fresh processes (``--rounds`` each, alternating; the best figures
kept): the time to load it with the legal vocabulary and the seed synonym words, the resident
memory that adds, the index-time cut (search mode plus full mode, as search.segment.index_terms)
over the demo corpus (every string of every app's demo files) in characters per second, the whole
index-time analysis (search.analysis.tokens and pinyin_tokens of the folded text, as indexing runs
them) in the same unit, and the query-time cut of the query tables' queries in microseconds each.
Not collected by pytest; figures only.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def demo_texts():
    """Every string with Chinese in the apps' demo files."""
    import yaml

    from search.segment import has_chinese

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    texts = []
    for path in sorted(ROOT.glob("*/demo/**/*")):
        if path.suffix in {".yaml", ".yml"}:
            texts += [
                text
                for text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))
                if has_chinese(text)
            ]
        elif path.suffix == ".json":
            texts += [
                text for text in strings(json.loads(path.read_text(encoding="utf-8"))) if has_chinese(text)
            ]
    return texts


def queries():
    from search.views import EXAMPLE_QUERIES
    from tests.search.everyday_queries import QUERIES as EVERYDAY
    from tests.search.test_query_table import TABLE

    return [row[0] for row in TABLE] + [row[0] for row in EVERYDAY] + list(EXAMPLE_QUERIES)


def best_time(function, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def child(kind):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    import jieba

    from search import analysis, segment
    from search.tokenizer import CompactTokenizer

    texts, asked = demo_texts(), queries()
    jieba.setLogLevel(50)
    before = rss_mb()
    started = time.perf_counter()
    tokenizer = CompactTokenizer() if kind == "compact" else jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(segment.USER_DICT))
    segment._tokenizer = tokenizer
    analysis._add_words(
        [word for group in analysis.seed_synonym_groups() for word in group if " " not in word]
    )
    loaded = time.perf_counter() - started
    grown = rss_mb() - before
    characters = sum(map(len, texts))

    def cut_for_index():
        for text in texts:
            list(tokenizer.cut_for_search(text))
            list(tokenizer.cut(text, cut_all=True))

    folded = [analysis.fold(text) for text in texts]
    analysis.pinyin_tokens("合规")  # pypinyin's dictionaries are loaded before the clock starts

    def analyse_for_index():
        for text in folded:
            analysis.tokens(text)
            analysis.pinyin_tokens(text)

    def cut_queries():
        for query in asked:
            list(tokenizer.cut(query))

    print(
        json.dumps(
            {
                "load_s": loaded,
                "rss_mb": grown,
                "index_cut": characters / best_time(cut_for_index),
                "index_analysis": characters / best_time(analyse_for_index, 1),
                "query_us": best_time(cut_queries) / len(asked) * 1e6,
                "texts": len(texts),
                "characters": characters,
                "queries": len(asked),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=["stock", "compact"])
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    results = {"stock": [], "compact": []}
    for _ in range(args.rounds):
        for kind in results:
            output = subprocess.run(
                [sys.executable, __file__, "--child", kind], cwd=ROOT, env=env, capture_output=True, text=True
            )
            if output.returncode:
                sys.exit(output.stderr)
            results[kind].append(json.loads(output.stdout.splitlines()[-1]))
    sample = results["stock"][0]
    print(
        f"demo corpus: {sample['texts']} texts, {sample['characters']} characters; "
        f"{sample['queries']} queries; best of {args.rounds} fresh processes each"
    )
    print(f"{'':9} {'load':>8} {'memory':>9} {'index cut':>14} {'index analysis':>16} {'query cut':>11}")
    for kind, runs in results.items():
        print(
            f"{kind:9} {min(r['load_s'] for r in runs):7.2f}s {min(r['rss_mb'] for r in runs):6.1f} MB "
            f"{max(r['index_cut'] for r in runs) / 1000:8.0f}k ch/s {max(r['index_analysis'] for r in runs) / 1000:10.0f}k ch/s "
            f"{min(r['query_us'] for r in runs):8.1f} us"
        )
    return None


if __name__ == "__main__":
    main()
