"""build-program.py NAME OUTDIR: builds a Debian package's C source plus its driver natively (OUTDIR/native.exe,
clang-19 -O2) and to wasm (OUTDIR/prog.wasm, clang-19 --target=wasm32-wasi -O2).

NAME is one of PROGRAMS below: zlib (driver zpipe-like.c), bzip2 (bzip2-like.c) or lua (lua-like.c,
Lua 5.4 with the stand-in headers of bench/programs/lua-include/ first on the include path). The
source comes from `apt-get source PACKAGE`, unpacked by scripts/setup.sh into
/var/cache/wasm2native/src (override with W2N_SRC_CACHE). Fails loudly if it is missing."""
import glob
import os
import subprocess
import sys

CACHE = os.environ.get("W2N_SRC_CACHE", "/var/cache/wasm2native/src")
HERE = os.path.dirname(os.path.abspath(__file__))
LUA_INCLUDE = os.path.join(HERE, "..", "..", "..", "bench", "programs", "lua-include")
# name -> (source package, the header that marks an unpacked source, library sources and include
# folders relative to it (an absolute folder stays as it is), driver, extra flags)
PROGRAMS = {
    "zlib": ("zlib", "zlib.h", ["adler32", "crc32", "deflate", "inflate", "inftrees", "inffast", "trees", "zutil",
                                "compress", "uncompr", "gzlib", "gzread", "gzwrite", "gzclose"],
             ["."], "zpipe-like.c", ["-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"]),
    "bzip2": ("bzip2", "bzlib.h", ["blocksort", "huffman", "crctable", "randtable", "compress", "decompress", "bzlib"],
              ["."], "bzip2-like.c", []),
    "lua": ("lua5.4", "src/lua.h", ["src/" + f for f in (
        "lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc", "lgc", "llex", "lmem", "lobject", "lopcodes",
        "lparser", "lstate", "lstring", "ltable", "ltm", "lundump", "lvm", "lzio",
        "lauxlib", "lbaselib", "lmathlib", "lstrlib", "ltablib", "lutf8lib")],
            [LUA_INCLUDE, "src"], "lua-like.c", ["-lm"]),
}

name, out = sys.argv[1], sys.argv[2]
package, header, files, includes, driver, flags = PROGRAMS[name]
dirs = sorted(d for d in glob.glob(os.path.join(CACHE, package + "-*")) if os.path.isfile(os.path.join(d, header)))
if not dirs:
    sys.exit(f"build-program.py: ERROR: {package} source not found under {CACHE}/{package}-*: "
             f"run scripts/setup.sh (it runs `apt-get source {package}` there)")
src = dirs[-1]
missing = [f for f in files if not os.path.isfile(os.path.join(src, f + ".c"))]
if missing:
    sys.exit(f"build-program.py: ERROR: {src} lacks {missing}")
print(f"{name} source: {src}")
sources = [os.path.join(src, f + ".c") for f in files] + [os.path.join(HERE, driver)]
common = [f"-I{os.path.normpath(os.path.join(src, i))}" for i in includes] + ["-w"] + flags
os.makedirs(out, exist_ok=True)
builds = [
    ["clang-19", "-O2"] + common + sources + ["-o", os.path.join(out, "native.exe")],
    ["clang-19", "--target=wasm32-wasi", "-O2"] + common + sources + ["-o", os.path.join(out, "prog.wasm")],
]
for cmd in builds:
    r = subprocess.run(cmd)
    if r.returncode != 0:
        sys.exit(f"build-program.py: ERROR: build failed: {' '.join(cmd)}")
