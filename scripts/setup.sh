#!/usr/bin/env bash
# setup.sh: installs every Debian 12 package wasm2native needs to build, test and benchmark.
#
# Idempotent: apt-get skips what is already installed. Nothing is downloaded from anywhere but
# Debian's archive. Run as root (or with sudo available).
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config
  llvm-19-dev liblld-19-dev libcli11-dev
  zlib1g-dev libzstd-dev libxml2-dev libedit-dev libffi-dev libncurses-dev
  # the runtime is built for each target with clang; C test programs are built to wasm with it too
  clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc
  # tests
  llvm-19-tools python3 wabt file qemu-user-static
  # x86_64-windows executables run under Wine (test/windows; the binary is /usr/lib/wine/wine64)
  wine64
  # test inputs from other producers (test/corpus) and differential testing (binaryen's fuzz generator)
  binaryen rustc libstd-rust-dev-wasm32 libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 emscripten
  # test/corpus: the crates of its Rust CLI (sources, built with rustc directly), libc++ for the host
  # (the native reference builds of its C++ programs), Node (the WASI reference engine, and npm)
  librust-getopts-dev librust-unicode-width-dev librust-miniz-oxide-dev librust-adler-dev
  librust-crc32fast-dev librust-cfg-if-dev librust-base64-dev
  libc++-19-dev libc++abi-19-dev nodejs
  # test/oci: reading and unpacking the images of --emit=oci
  skopeo umoci
  # libFuzzer and the sanitizer runtimes for the host (scripts/fuzz.sh, -DW2N_SANITIZE=ON)
  libclang-rt-19-dev
  # `apt-get source` for the real-program tests (test/programs); make and tclsh generate SQLite's amalgamation
  dpkg-dev make tcl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Debian ships npm apart from nodejs; some Node builds (NodeSource's) include it.
if ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends npm
fi
echo "setup: all packages present"

# npm packages of test/corpus (AssemblyScript and its WASI shim; packages shipping WASI command modules),
# at the versions of the lockfiles checked in under test/corpus/Inputs, installed with `npm ci` into
# /var/cache/wasm2native/npm (W2N_NPM_CACHE), outside the repo. Skipped when already installed.
$SUDO env W2N_NPM_CACHE="${W2N_NPM_CACHE:-/var/cache/wasm2native/npm}" \
  python3 "$(dirname "$0")/../test/corpus/build.py" install

# Source packages for test/programs and bench/programs (zlib, bzip2, lua5.4, sqlite3, mujs, python3.11), unpacked outside the repo. Each
# is fetched only if its unpacked folder (recognised by a header inside it) is absent. Needs a deb-src
# entry: one is added mirroring the main Debian entry if the system has none.
SRC_CACHE=/var/cache/wasm2native/src
APT_SRC_UPDATED=""
fetch_source() {  # fetch_source PACKAGE MARKER: `apt-get source PACKAGE` unless SRC_CACHE/MARKER matches
  local package=$1 marker=$2
  if ls -d "$SRC_CACHE"/$marker >/dev/null 2>&1; then return; fi
  if [ -z "$APT_SRC_UPDATED" ]; then
    if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      $SUDO tee /etc/apt/sources.list.d/wasm2native-src.sources >/dev/null <<'EOF_SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF_SRC
    fi
    $SUDO apt-get update
    $SUDO mkdir -p "$SRC_CACHE"
    APT_SRC_UPDATED=1
  fi
  (cd "$SRC_CACHE" && $SUDO apt-get source "$package")
}
fetch_source zlib 'zlib-*/zlib.h'
fetch_source bzip2 'bzip2-*/bzlib.h'
fetch_source lua5.4 'lua5.4-*/src/lua.h'
fetch_source sqlite3 'sqlite3-*/test/speedtest1.c'
fetch_source mujs 'mujs-*/mujs.h'
fetch_source python3.11 'python3.11-*/Tools/wasm/config.site-wasm32-wasi'

# SQLite's source package is its canonical tree, not the amalgamation: generate sqlite3.c (one 8 MB file, as
# SQLite ships it and as programs embed it) once, in the unpacked folder's bld/, with the tree's own
# configure and `make sqlite3.c` (builds lemon and runs its Tcl scripts; about 10 s of CPU).
for sqlite in "$SRC_CACHE"/sqlite3-*/; do
  if [ -f "$sqlite/test/speedtest1.c" ] && [ ! -f "$sqlite/bld/sqlite3.c" ]; then
    $SUDO mkdir -p "$sqlite/bld"
    (cd "$sqlite/bld" && $SUDO ../configure --disable-tcl >configure.log 2>&1 && $SUDO make sqlite3.c >make.log 2>&1) \
      || { echo "setup: generating $sqlite/bld/sqlite3.c failed: see $sqlite/bld/*.log" >&2; exit 1; }
  fi
done
echo "setup: source packages present in $SRC_CACHE"

# CPython's native and wasm32-wasi builds (test/programs/cpython.test, bench/), made once into
# /var/cache/wasm2native/build and reused while the recipe is unchanged: configure and make twice, about
# 4 minutes of CPU (test/programs/Inputs/build-cpython.py; the test builds it itself when absent).
$SUDO python3 "$(dirname "$0")/../test/programs/Inputs/build-cpython.py"
