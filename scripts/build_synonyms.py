"""Turn Sudachi's synonym dictionary (as the npm package sudachi-synonyms-dictionary ships it,
one JSON file) into the compact table kyoso.search.synonyms reads.

    python scripts/build_synonyms.py SUDACHI_JSON OUT.tsv.gz

Kept: every word a search may expand from or to (expansion flag 0 or 1; flag 2, "never used
in expansion", and the dictionary's few misspellings are left out), in groups that still have
two words. One line a word, sorted by group: group id, vocabulary number, flag, the word as
written, and the word folded as search folds it (kyoso.search.text.fold; a test checks that
the column still agrees with it). The gzip header carries no time, so the same input gives
the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kyoso.search.text import fold


def build(source: str, target: str) -> int:
    with open(source, encoding="utf-8") as handle:
        groups = json.load(handle)
    lines = []
    for group in groups:
        items = [
            item
            for item in group["items"]
            if item["expandControl"] in (0, 1) and item["gokeiSyubetsu"] != "間違い"
        ]
        if len(items) < 2:
            continue
        for item in items:
            word = item["midashi"].strip()
            if word and "\t" not in word and "\n" not in word:
                vocabulary = item["vocabularyNumber"] or 0
                fields = [int(group["id"]), vocabulary, item["expandControl"], word, fold(word)]
                lines.append("\t".join(map(str, fields)))
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    with open(target, "wb") as handle:
        handle.write(raw.getvalue())
    return len(lines)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: build_synonyms.py SUDACHI_JSON OUT.tsv.gz")
    print(f"{build(sys.argv[1], sys.argv[2])} words written to {sys.argv[2]}")
