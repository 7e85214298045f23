#!/usr/bin/env bash
# Install the Debian packages the project needs when they are missing and we are allowed to (root or sudo -n).
# Japanese print fonts, HarfBuzz subsetting for fast font subsets, Pango for WeasyPrint, poppler/qpdf to check PDFs,
# Chromium for the browser tests, GNU time for the benchmark's memory figures, and the print edition's default output
# intent, the Japan Color 2011 Coated ICC profile. Without permission we only say what to install; the build then
# explains itself.
set -euo pipefail

packages=(fontconfig fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho libharfbuzz-subset0
          libpango-1.0-0 libpangoft2-1.0-0 poppler-utils qpdf ghostscript chromium time)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

# Japan Color 2011 Coated (JPMA, with permission of X-Rite: "may be used, embedded, exchanged, and shared without
# restriction", not altered or sold) is in Debian's icc-profiles package, in the non-free component (Ubuntu:
# multiverse). We do not ship the file ourselves.
japan_color=/usr/share/color/icc/JapanColor2011Coated.icc

command -v dpkg-query >/dev/null 2>&1 || { echo "setup: not a Debian/Ubuntu system; install Japanese fonts (BIZ UDGothic/UDMincho), Pango, Chromium and $japan_color yourself." >&2; exit 0; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_icc=""
[ -f "$japan_color" ] || need_icc=icc-profiles
[ ${#missing[@]} -eq 0 ] && [ -z "$need_icc" ] && exit 0

if [ "$(id -u)" = 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
else
  echo "setup: 次のパッケージが必要です / these packages are needed: sudo apt-get install ${missing[*]} $need_icc" >&2
  [ -n "$need_icc" ] && echo "setup: icc-profiles は Debian の non-free（Ubuntu の multiverse）にあります / icc-profiles is in Debian non-free (Ubuntu multiverse)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -z "$need_icc" ] && exit 0

echo "setup: installing icc-profiles (Japan Color 2011 Coated)"
if apt-cache policy icc-profiles 2>/dev/null | grep -q "Candidate: [^(]"; then  # known to apt and installable
  $sudo apt-get install -y -q --no-install-recommends icc-profiles >/dev/null
  exit 0
fi
# Debian without its non-free component: fetch this one package from it for this suite, leaving the system's apt
# sources as they are (a private list folder, removed afterwards).
. /etc/os-release
if [ "${ID:-}" != debian ] || [ -z "${VERSION_CODENAME:-}" ]; then
  echo "setup: icc-profiles が見つかりません。non-free/multiverse を有効にして入れるか、印刷所の CMYK プロファイルを site.yaml の print.output_intent に指定してください。 / icc-profiles not found: enable non-free (Debian) or multiverse (Ubuntu) and install it, or name your print shop's CMYK profile in site.yaml print.output_intent." >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"  # apt's download sandbox user must be able to write here
mkdir -p "$tmp/parts" "$tmp/lists/partial" "$tmp/cache/archives/partial"
cat > "$tmp/parts/non-free.sources" <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: $VERSION_CODENAME
Components: non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
opts=(-o Dir::Etc::sourcelist=/dev/null -o "Dir::Etc::sourceparts=$tmp/parts" -o "Dir::State::Lists=$tmp/lists"
      -o "Dir::Cache=$tmp/cache")
$sudo apt-get "${opts[@]}" update -q >/dev/null
(cd "$tmp" && $sudo apt-get "${opts[@]}" download icc-profiles >/dev/null 2>&1)
$sudo dpkg -i "$tmp"/icc-profiles_*.deb >/dev/null
