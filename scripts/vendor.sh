#!/usr/bin/env bash
# Vendored front-end assets, fetched from the npm registry with `npm pack` (never from a CDN).
#
#   scripts/vendor.sh          fetch every pinned package, check its hashes, copy the files in
#   scripts/vendor.sh --check  check the files already in kyoso/static/vendor/ (no network)
#
# Each package is pinned to an exact version. The sha256 of the tarball and of every file we
# copy out of it are recorded below; a mismatch stops the script before anything is written.
# To upgrade: change the version, run the script once, read the new hashes it reports, review
# the upstream changelog, and update the hashes here (docs/decisions/0005-vendored-frontend.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/kyoso/static/vendor"

# package  version  tarball-sha256
PACKAGES=(
  "htmx.org 2.0.11 165a2655073e9e6e55e307a7c74e8ebcdb76afb7701f9c16cfd106a13add408e"
  "axe-core 4.14.1 e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745"
)

# package  path-in-tarball  destination-under-vendor  sha256
FILES=(
  "htmx.org package/dist/htmx.min.js htmx/htmx.min.js d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
  "htmx.org package/LICENSE htmx/LICENSE d3d2456f76414f2456104660ebd65aff1c04cd7966b942bdabd63f3cdb316a38"
  "axe-core package/axe.min.js axe-core/axe.min.js 29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
  "axe-core package/LICENSE axe-core/LICENSE af175b9d96ee93c21a036152e1b905b0b95304d4ae8c2c921c7609100ba8df7e"
)

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

fail() {
  echo "vendor.sh: $*" >&2
  exit 1
}

check_installed() {
  local status=0 entry pkg src dest expected actual
  for entry in "${FILES[@]}"; do
    read -r pkg src dest expected <<<"$entry"
    if [[ ! -f "$VENDOR/$dest" ]]; then
      echo "missing  $dest (from $pkg); run: scripts/vendor.sh" >&2
      status=1
      continue
    fi
    actual="$(sha256_of "$VENDOR/$dest")"
    if [[ "$actual" != "$expected" ]]; then
      echo "changed  $dest: sha256 $actual, expected $expected" >&2
      status=1
    else
      echo "ok       $dest"
    fi
  done
  return "$status"
}

if [[ "${1:-}" == "--check" ]]; then
  check_installed || fail "vendored files do not match the pinned hashes"
  exit 0
fi
[[ $# -eq 0 ]] || fail "usage: scripts/vendor.sh [--check]"
command -v npm >/dev/null || fail "npm is missing; install it with: apt-get install -y npm"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# 1. Fetch and verify every tarball before touching the tree.
for entry in "${PACKAGES[@]}"; do
  read -r pkg version expected <<<"$entry"
  mkdir -p "$WORK/$pkg"
  (cd "$WORK/$pkg" && npm pack --silent "$pkg@$version" >/dev/null)
  tarball="$(find "$WORK/$pkg" -maxdepth 1 -name '*.tgz' | head -n 1)"
  [[ -n "$tarball" ]] || fail "npm pack $pkg@$version produced no tarball"
  actual="$(sha256_of "$tarball")"
  [[ "$actual" == "$expected" ]] ||
    fail "$pkg@$version tarball sha256 is $actual, expected $expected"
  mkdir -p "$WORK/$pkg/x"
  tar -xzf "$tarball" -C "$WORK/$pkg/x" --no-same-owner --no-same-permissions
done

# 2. Verify every file we take out of them.
for entry in "${FILES[@]}"; do
  read -r pkg src dest expected <<<"$entry"
  file="$WORK/$pkg/x/$src"
  [[ -f "$file" ]] || fail "$src is not in the $pkg tarball"
  actual="$(sha256_of "$file")"
  [[ "$actual" == "$expected" ]] || fail "$pkg $src sha256 is $actual, expected $expected"
done

# 3. Only now replace the vendored copies.
for entry in "${FILES[@]}"; do
  read -r pkg src dest expected <<<"$entry"
  mkdir -p "$(dirname "$VENDOR/$dest")"
  install -m 0644 "$WORK/$pkg/x/$src" "$VENDOR/$dest"
done
check_installed
