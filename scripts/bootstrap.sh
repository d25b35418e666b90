#!/usr/bin/env bash
# Installs what Lanterne needs on a fresh Debian/Ubuntu machine, then the Python environment.
#   scripts/bootstrap.sh          system libraries for the application (gettext, pango, libmagic)
#   scripts/bootstrap.sh --test   the same plus chromium for the end-to-end tests and
#                                 postgresql-client (pg_dump, pg_restore) for the backup tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Il faut les droits administrateur pour installer : $*" >&2; return 1; fi
}

missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libmagic.so' || missing+=(libmagic1)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ "$want_test" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ "$want_test" = 1 ] && ! command -v pg_restore >/dev/null; then missing+=(postgresql-client); fi

if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    echo "→ Paquets système : ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Installez ces paquets système puis relancez : ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v uv >/dev/null; then
  echo "→ uv"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi

echo "→ Environnement Python (uv.lock)"
uv sync --frozen --quiet
uv run --frozen python manage.py compilemessages --ignore=.venv --verbosity 0
