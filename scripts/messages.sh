#!/usr/bin/env bash
# Refresh the English catalog from the Japanese source strings, then compile it.
#
#   scripts/messages.sh            extract (makemessages) and compile (compilemessages)
#   scripts/messages.sh --compile  compile only (after editing kyoso/locale/en/.../django.po)
#
# Japanese is the source language: msgids are Japanese, kyoso/locale/en/LC_MESSAGES/django.po
# holds the English. Templates (.html), e-mail templates (.txt) and Python are scanned; tests,
# browser tests and the demo's Japanese content are not UI and are left out. After extracting,
# translate every new or fuzzy entry (kyoso/core/tests/test_translations.py fails otherwise).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADMIN="$ROOT/.venv/bin/django-admin"
SETTINGS="kyoso.settings.test"

cd "$ROOT/kyoso"
if [[ "${1:-}" != "--compile" ]]; then
  "$ADMIN" makemessages -l en --no-obsolete --settings="$SETTINGS" -e html,txt,py \
    --ignore "*/tests/*" --ignore "browser_tests/*" --ignore "demo/data/*"
fi
msgfmt --check --statistics -o /dev/null locale/en/LC_MESSAGES/django.po
"$ADMIN" compilemessages -l en --settings="$SETTINGS"
