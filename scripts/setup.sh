#!/usr/bin/env bash
# Install everything Liandong needs on a Debian/Ubuntu (or Kylin/UOS) machine:
# system libraries for Qt, a CJK TrueType font, poppler-utils, and a venv in .venv.
# Idempotent; safe to run again. Uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  python3-venv python3-pip
  fonts-wqy-zenhei fonts-wqy-microhei   # CJK TrueType (.ttc): Qt and embeddable in PDFs
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  poppler-utils                          # pdftoppm, for looking at briefing PDFs
  libreoffice-writer-nogui               # importing .doc/.wps plans (converted to .docx)
  cups cups-client printer-driver-cups-pdf  # a real print queue (cups-pdf) for the printing tests
  libreoffice-calc-nogui                 # soffice --headless: the ledger tests open the .xlsx
)
# LibreOffice Writer (headless): tests open the briefing .docx files with it, as WPS/Word would.
# AR PL UMing / UKai (TrueType .ttc): the 宋体 and 楷体 roles of the briefing PDFs.
APT_PACKAGES+=(fonts-arphic-uming fonts-arphic-ukai)
# PostgreSQL server binaries (Debian: /usr/lib/postgresql/<v>/bin): the server tests run
# their own private cluster in a temp folder (tests/helpers/postgres.py), as user postgres.
APT_PACKAGES+=(postgresql)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "warning: apt-get not found; install a CJK font and Qt's X11 libraries yourself" >&2
fi

# CUPS with the cups-pdf virtual printer "LiandongPDF" (prints to PDF files):
# start the scheduler when it is not running (CI has no systemd), add the queue once.
if command -v lpadmin >/dev/null 2>&1 && command -v cupsd >/dev/null 2>&1; then
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    if [ -d /run/systemd/system ]; then
      $SUDO systemctl start cups || true
    else
      $SUDO cupsd || true
    fi
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      lpstat -r 2>/dev/null | grep -q "is running" && break
      sleep 0.5
    done
  fi
  if ! lpstat -p LiandongPDF >/dev/null 2>&1; then
    ppd=$(ls /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/ppd/cups-pdf/*.ppd 2>/dev/null | head -n 1)
    echo "==> adding the CUPS queue LiandongPDF (cups-pdf)"
    $SUDO lpadmin -p LiandongPDF -v cups-pdf:/ -E ${ppd:+-P "$ppd"} 2>/dev/null || \
      echo "warning: could not add the LiandongPDF print queue; printing tests will be skipped" >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> pip install -e .[desktop,server,test]"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[desktop,server,test]"
