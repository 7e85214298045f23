#!/usr/bin/env bash
# Install the Debian packages the project needs when they are missing and we are allowed to (root or sudo -n).
# Japanese print fonts, HarfBuzz subsetting for fast font subsets, Pango for WeasyPrint, poppler/qpdf to check PDFs,
# Chromium for the browser tests, GNU time for the benchmark's memory figures. Without permission we only say what
# to install; the build then explains itself.
set -euo pipefail

packages=(fontconfig fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho libharfbuzz-subset0
          libpango-1.0-0 libpangoft2-1.0-0 poppler-utils qpdf ghostscript chromium time)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

command -v dpkg-query >/dev/null 2>&1 || { echo "setup: not a Debian/Ubuntu system; install Japanese fonts (BIZ UDGothic/UDMincho), Pango and Chromium yourself." >&2; exit 0; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
else
  echo "setup: 次のパッケージが必要です / these packages are needed: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
