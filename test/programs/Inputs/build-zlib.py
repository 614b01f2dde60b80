"""build-zlib.py OUTDIR: builds Debian's zlib source plus zpipe-like.c natively (OUTDIR/native.exe,
clang-19 -O2) and to wasm (OUTDIR/prog.wasm, clang-19 --target=wasm32-wasi -O2).

The source comes from `apt-get source zlib`, unpacked by scripts/setup.sh into
/var/cache/wasm2native/src (override with W2N_SRC_CACHE). Fails loudly if it is missing."""
import glob
import os
import subprocess
import sys

CACHE = os.environ.get("W2N_SRC_CACHE", "/var/cache/wasm2native/src")
FILES = ["adler32", "crc32", "deflate", "inflate", "inftrees", "inffast", "trees", "zutil",
         "compress", "uncompr", "gzlib", "gzread", "gzwrite", "gzclose"]

out = sys.argv[1]
dirs = sorted(d for d in glob.glob(os.path.join(CACHE, "zlib-*")) if os.path.isfile(os.path.join(d, "zlib.h")))
if not dirs:
    sys.exit(f"build-zlib.py: ERROR: zlib source not found under {CACHE}/zlib-*: "
             "run scripts/setup.sh (it runs `apt-get source zlib` there)")
src = dirs[-1]
missing = [f for f in FILES if not os.path.isfile(os.path.join(src, f + ".c"))]
if missing:
    sys.exit(f"build-zlib.py: ERROR: {src} lacks {missing}")
print(f"zlib source: {src}")
driver = os.path.join(os.path.dirname(os.path.abspath(__file__)), "zpipe-like.c")
sources = [os.path.join(src, f + ".c") for f in FILES] + [driver]
common = ["-I", src, "-w", "-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"]
os.makedirs(out, exist_ok=True)
builds = [
    ["clang-19", "-O2"] + common + sources + ["-o", os.path.join(out, "native.exe")],
    ["clang-19", "--target=wasm32-wasi", "-O2"] + common + sources + ["-o", os.path.join(out, "prog.wasm")],
]
for cmd in builds:
    r = subprocess.run(cmd)
    if r.returncode != 0:
        sys.exit(f"build-zlib.py: ERROR: build failed: {' '.join(cmd)}")
