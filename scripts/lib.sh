# Shared by scripts/demo and scripts/test: install missing Debian packages, configure and build.
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}

BUILD_PACKAGES=(meson ninja-build pkg-config g++ cmake libgdal-dev libgeos-dev libcairo2-dev libpango1.0-dev libsoup-3.0-dev
  doctest-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libpng-dev zlib1g-dev libdeflate-dev libsimdjson-dev fonts-noto-core
  fonts-noto-extra fonts-noto-cjk)
# fonts-noto-core: Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari ...; -extra: the Medium weights the
# labels are set in (without it Pango falls back to Regular and the maps differ from output/); -cjk:
# Chinese, Japanese, Korean labels.

# Installs only what is missing, so a prepared machine is not touched (and needs no network).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "citemap: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

build_citemap() {
  local werror=${1:-false}
  if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" "$ROOT" --buildtype=debugoptimized -Dwerror="$werror"
  else
    meson configure "$BUILD" -Dwerror="$werror" >/dev/null
  fi
  meson compile -C "$BUILD"
}
