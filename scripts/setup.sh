#!/usr/bin/env bash
# Installs everything the kiosk needs on a fresh Debian 12 / Ubuntu 22.04+ machine, idempotently:
# system packages (Qt's libraries, a CJK font, pcscd and the virtual reader, CUPS with a PDF
# queue, a speech engine), a virtualenv in .venv with the project and its extras, and the
# compiled translations. Usage: scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  python3 python3-venv python3-dev gcc
  # Qt offscreen and on a real screen (see docs: a missing xcb lib makes Qt blame xcb-cursor0)
  libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libx11-xcb1 libxcb-xkb1 xvfb
  # xvfb-run needs xauth, only a recommendation of xvfb (not installed with --no-install-recommends)
  xauth
  # Chinese text on screen and in printed PDFs
  fonts-wqy-zenhei
  # Smart cards: the PC/SC daemon, the virtual reader used by tests, headers to build pyscard
  pcscd vsmartcard-vpcd libpcsclite-dev swig
  # Printing: CUPS with a PDF queue, and poppler to read PDFs back
  cups cups-client printer-driver-cups-pdf poppler-utils
  # Speech: Qt's speech plugin needs pulse; speech-dispatcher with espeak-ng speaks Mandarin
  libpulse0 libspeechd2 speech-dispatcher espeak-ng
  # Installer tests: useradd in a scratch root, systemd-analyze verifies the unit
  passwd systemd
  # services.sh and the card tests find the daemons with pgrep (not in a minimal image)
  procps
  # The frozen build slims its bundle: strip (binutils), icupkg repackages Qt's ICU data
  binutils icu-devtools
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  # Retries: a mirror that drops one connection must not fail a fresh machine's setup (CI).
  $SUDO apt-get -o Acquire::Retries=3 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o Acquire::Retries=3 install -y -qq \
    --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extras=""
if [ "${1:-}" = "--dev" ]; then extras="[dev]"; fi
stamp=".venv/.installed${extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
fi

# Compiled translations are build products, never committed.
.venv/bin/python -m kiosk.i18n_build
