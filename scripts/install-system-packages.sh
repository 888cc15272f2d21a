#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the app needs, only those that are missing, so a second
# run costs a few dpkg look-ups. Usage: scripts/install-system-packages.sh [runtime|browser|all]
#   runtime: Python venv support, WeasyPrint's Pango, HarfBuzz's subsetter (Chinese PDF subsetting
#            ~13x faster than WeasyPrint's fontTools fallback) and the Noto CJK fonts (without them a
#            PDF silently prints boxes instead of Chinese), Liberation Sans for the English PDF.
#   browser: Chromium and its driver for the real-browser tests; poppler-utils to look at PDFs.
set -euo pipefail

want=${1:-runtime}
runtime=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-liberation gettext)
browser=(chromium chromium-driver poppler-utils)

python3 -m venv --help >/dev/null 2>&1 || runtime+=(python3-venv)
python3 -c 'import ensurepip' >/dev/null 2>&1 || runtime+=(python3-venv)

case "$want" in
  runtime) packages=("${runtime[@]}") ;;
  browser) packages=("${browser[@]}") ;;
  all) packages=("${runtime[@]}" "${browser[@]}") ;;
  *) echo "usage: $0 [runtime|browser|all]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages (${missing[*]}) and no apt-get: install them with your package manager." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Installing ${missing[*]} needs root or sudo." >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
