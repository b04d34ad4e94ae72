#!/usr/bin/env bash
# Sudachi's synonym dictionary for query expansion, fetched from the npm registry (the package
# sudachi-synonyms-dictionary carries SudachiDict's synonyms.txt as JSON, Apache-2.0) and turned
# into kyoso/search/data/sudachi_synonyms.tsv.gz by scripts/build_synonyms.py.
#
#   scripts/synonyms.sh          fetch the pinned package, check its hashes, rebuild the table
#   scripts/synonyms.sh --check  check the committed table against its recorded hash (no network)
#
# To upgrade: change VERSION, run once, read the hashes it reports, update them here
# (docs/decisions/0010-search-expansion.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/kyoso/search/data"
PACKAGE="sudachi-synonyms-dictionary"
VERSION="18.0.0"
TARBALL_SHA="f59fdcfdffac935a5ae6c73baa112f2d22f3220c958f6327e8fa304e1f5e6dec"
JSON_SHA="cc7fb72b16baa3e0e85b028e6c919aece2ceeb567b9700ca899848a1042e0161"
TABLE_SHA="$(cat "$DATA/sudachi_synonyms.sha256" 2>/dev/null || true)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
fail() { echo "synonyms.sh: $*" >&2; exit 1; }

if [[ "${1:-}" == "--check" ]]; then
  [[ "$(sha256_of "$DATA/sudachi_synonyms.tsv.gz")" == "$TABLE_SHA" ]] ||
    fail "kyoso/search/data/sudachi_synonyms.tsv.gz does not match its recorded sha256"
  echo "ok       kyoso/search/data/sudachi_synonyms.tsv.gz"
  exit 0
fi
[[ $# -eq 0 ]] || fail "usage: scripts/synonyms.sh [--check]"
command -v npm >/dev/null || fail "npm is missing; install it with: apt-get install -y npm"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tarball="$(find "$WORK" -maxdepth 1 -name '*.tgz' | head -n 1)"
[[ "$(sha256_of "$tarball")" == "$TARBALL_SHA" ]] || fail "tarball sha256 is $(sha256_of "$tarball")"
tar -xzf "$tarball" -C "$WORK" --no-same-owner --no-same-permissions
json="$WORK/package/sudachi-synonyms-dictionary.json"
[[ "$(sha256_of "$json")" == "$JSON_SHA" ]] || fail "JSON sha256 is $(sha256_of "$json")"
"$PYTHON" "$ROOT/scripts/build_synonyms.py" "$json" "$DATA/sudachi_synonyms.tsv.gz"
install -m 0644 "$WORK/package/LICENSE" "$DATA/SUDACHI_SYNONYMS_LICENSE"
sha256_of "$DATA/sudachi_synonyms.tsv.gz" > "$DATA/sudachi_synonyms.sha256"
echo "table sha256 $(cat "$DATA/sudachi_synonyms.sha256")"
