#!/usr/bin/env bash
# Installs what IMS needs on Debian or Ubuntu: system packages, a virtual
# environment with the Python packages, compiled translations.
#   scripts/setup.sh          the application
#   scripts/setup.sh --test   the same, plus PostgreSQL, Redis, Chromium and the test tools
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
[ "${1:-}" = "--test" ] && WITH_TEST=1

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; return 1; fi
}

PACKAGES=(
  python3-venv python3-dev
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
  fonts-liberation2 fonts-dejavu-core
  gettext poppler-utils
  # python-ldap (LDAP sign-in) is built from source against these
  gcc libc6-dev libldap2-dev libsasl2-dev
)
if [ "$WITH_TEST" = 1 ]; then
  # softhsm2: a real PKCS#11 token for the signing tests (tests/ims/test_signing.py)
  # slapd, ldap-utils: a real LDAP directory for the sign-in tests (tests/ims/test_sso_ldap.py),
  # started by the tests on a port of their own
  PACKAGES+=(postgresql redis-server chromium softhsm2 slapd ldap-utils)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The tests start their own slapd; the system one Debian starts on port 389 is not used.
  if [[ " ${missing[*]} " == *" slapd "* ]] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl disable --now slapd >/dev/null 2>&1 || true
  fi
fi

PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    PYTHON=$candidate; break
  fi
done
[ -n "$PYTHON" ] || { echo "IMS needs Python 3.11 or newer." >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  log "Creating the virtual environment (.venv) with $PYTHON"
  "$PYTHON" -m venv .venv
fi

extras=""
[ "$WITH_TEST" = 1 ] && extras="[dev]"
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  log "Installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extras"
  touch "$stamp"
fi

log "Compiling translations"
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv
