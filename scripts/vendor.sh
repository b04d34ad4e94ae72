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
  "leaflet 1.9.4 84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77"
  "leaflet.markercluster 1.5.3 fc6b0b1d00b6c708ae54e43ee4a11ac345e41660e19f0a570190bb35babb1a1c"
)

# package  path-in-tarball  destination-under-vendor  sha256
FILES=(
  "htmx.org package/dist/htmx.min.js htmx/htmx.min.js d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
  "htmx.org package/LICENSE htmx/LICENSE d3d2456f76414f2456104660ebd65aff1c04cd7966b942bdabd63f3cdb316a38"
  "axe-core package/axe.min.js axe-core/axe.min.js 29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
  "axe-core package/LICENSE axe-core/LICENSE af175b9d96ee93c21a036152e1b905b0b95304d4ae8c2c921c7609100ba8df7e"
  # The .js.map files are copied because the minified files name them (sourceMappingURL) and
  # the production static storage (ManifestStaticFilesStorage) fails on a missing reference.
  "leaflet package/dist/leaflet.js leaflet/leaflet.js db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a"
  "leaflet package/dist/leaflet.js.map leaflet/leaflet.js.map 600a10dc5cd110de0699510d322afcbe01c7ca90b4c5f48adc20314c70aac753"
  "leaflet package/dist/leaflet.css leaflet/leaflet.css a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6"
  "leaflet package/dist/images/layers.png leaflet/images/layers.png 1dbbe9d028e292f36fcba8f8b3a28d5e8932754fc2215b9ac69e4cdecf5107c6"
  "leaflet package/dist/images/layers-2x.png leaflet/images/layers-2x.png 066daca850d8ffbef007af00b06eac0015728dee279c51f3cb6c716df7c42edf"
  "leaflet package/dist/images/marker-icon.png leaflet/images/marker-icon.png 574c3a5cca85f4114085b6841596d62f00d7c892c7b03f28cbfa301deb1dc437"
  "leaflet package/dist/images/marker-icon-2x.png leaflet/images/marker-icon-2x.png 00179c4c1ee830d3a108412ae0d294f55776cfeb085c60129a39aa6fc4ae2528"
  "leaflet package/dist/images/marker-shadow.png leaflet/images/marker-shadow.png 264f5c640339f042dd729062cfc04c17f8ea0f29882b538e3848ed8f10edb4da"
  "leaflet package/LICENSE leaflet/LICENSE 53e8dc25862014e4324741ca18fbe3611e11d42ef69f59f86ea8c5389647d4cb"
  "leaflet.markercluster package/dist/leaflet.markercluster.js leaflet.markercluster/leaflet.markercluster.js 1e4e1d22972a3926f48598e0caf14e3fe7049835d428a344fed4f9e3665b3508"
  "leaflet.markercluster package/dist/leaflet.markercluster.js.map leaflet.markercluster/leaflet.markercluster.js.map a76b044ac5fedb2b1b2a11006083d91695609703168d03712e4b305c8bafd8af"
  "leaflet.markercluster package/dist/MarkerCluster.css leaflet.markercluster/MarkerCluster.css 614dea0a98ff3f4ead74f04918f6b1d1b9ba435c25b5fc23b21a394d1e3e4d87"
  "leaflet.markercluster package/dist/MarkerCluster.Default.css leaflet.markercluster/MarkerCluster.Default.css 61258232d98d64dc2a7b1e02130d67421bc5b9bda5994eef70228ff97570c170"
  "leaflet.markercluster package/MIT-LICENCE.txt leaflet.markercluster/LICENSE 3133dacd38250bd1f524d8166cc60a016a382522e062fce143691c65bf5e4b3d"
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
