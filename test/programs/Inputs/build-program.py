"""build-program.py NAME OUTDIR: builds a Debian library's source plus its driver natively (OUTDIR/native.exe,
clang-19 -O2) and to wasm (OUTDIR/prog.wasm, clang-19 --target=wasm32-wasi -O2).

NAME is one of PROGRAMS below: zlib (driver zpipe-like.c) or bzip2 (driver bzip2-like.c). The source
comes from `apt-get source NAME`, unpacked by scripts/setup.sh into /var/cache/wasm2native/src
(override with W2N_SRC_CACHE). Fails loudly if it is missing."""
import glob
import os
import subprocess
import sys

CACHE = os.environ.get("W2N_SRC_CACHE", "/var/cache/wasm2native/src")
# name -> (the header that marks an unpacked source, library sources, driver, extra flags)
PROGRAMS = {
    "zlib": ("zlib.h", ["adler32", "crc32", "deflate", "inflate", "inftrees", "inffast", "trees", "zutil",
                        "compress", "uncompr", "gzlib", "gzread", "gzwrite", "gzclose"],
             "zpipe-like.c", ["-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"]),
    "bzip2": ("bzlib.h", ["blocksort", "huffman", "crctable", "randtable", "compress", "decompress", "bzlib"],
              "bzip2-like.c", []),
}

name, out = sys.argv[1], sys.argv[2]
header, files, driver, flags = PROGRAMS[name]
dirs = sorted(d for d in glob.glob(os.path.join(CACHE, name + "-*")) if os.path.isfile(os.path.join(d, header)))
if not dirs:
    sys.exit(f"build-program.py: ERROR: {name} source not found under {CACHE}/{name}-*: "
             f"run scripts/setup.sh (it runs `apt-get source {name}` there)")
src = dirs[-1]
missing = [f for f in files if not os.path.isfile(os.path.join(src, f + ".c"))]
if missing:
    sys.exit(f"build-program.py: ERROR: {src} lacks {missing}")
print(f"{name} source: {src}")
sources = [os.path.join(src, f + ".c") for f in files]
sources.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), driver))
common = ["-I", src, "-w"] + flags
os.makedirs(out, exist_ok=True)
builds = [
    ["clang-19", "-O2"] + common + sources + ["-o", os.path.join(out, "native.exe")],
    ["clang-19", "--target=wasm32-wasi", "-O2"] + common + sources + ["-o", os.path.join(out, "prog.wasm")],
]
for cmd in builds:
    r = subprocess.run(cmd)
    if r.returncode != 0:
        sys.exit(f"build-program.py: ERROR: build failed: {' '.join(cmd)}")
