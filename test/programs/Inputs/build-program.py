"""build-program.py NAME OUTDIR: builds a Debian package's C source plus its driver natively (OUTDIR/native.exe,
clang-19 -O2) and to wasm (OUTDIR/prog.wasm, clang-19 --target=wasm32-wasi -O2).

NAME is one of PROGRAMS below: zlib (driver zpipe-like.c), bzip2 (bzip2-like.c), lua (lua-like.c,
Lua 5.4 with the stand-in headers of bench/programs/lua-include/ first on the include path), lua-sjlj (the
same with the C library's real setjmp/longjmp natively and, in wasm, LLVM's setjmp/longjmp lowering onto
wasm exceptions: test/exceptions/Inputs/sjlj; the stand-in setjmp.h that aborts is not used) or sqlite
(SQLite 3.40's own test/speedtest1.c and the amalgamation bld/sqlite3.c that scripts/setup.sh generates;
the wasm build force-includes bench/programs/sqlite-include/sqlite-wasi.h, see there) or mujs (the MuJS
JavaScript interpreter, one.c, with its own shell main.c as the driver; the wasm build gets setjmp/longjmp
from Inputs/mujs-wasi/ and is run through `wasm-opt --asyncify` after the link, see WASM_EXTRA). The source comes
from `apt-get source PACKAGE`, unpacked by scripts/setup.sh into /var/cache/wasm2native/src (override with
W2N_SRC_CACHE). Fails loudly if it is missing.

Each source is compiled with -O2 -c and the objects are linked without -O: with binaryen on PATH, clang's
wasm driver would run wasm-opt on an -O link, and the test would no longer compile clang's own output. The
native and the wasm build run in parallel."""
import concurrent.futures
import glob
import os
import subprocess
import sys

CACHE = os.environ.get("W2N_SRC_CACHE", "/var/cache/wasm2native/src")
HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_PROGRAMS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "bench", "programs"))
LUA_INCLUDE = os.path.join(BENCH_PROGRAMS, "lua-include")
SJLJ = os.path.normpath(os.path.join(HERE, "..", "..", "exceptions", "Inputs", "sjlj"))
LUA_FILES = ["src/" + f for f in (
    "lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc", "lgc", "llex", "lmem", "lobject", "lopcodes",
    "lparser", "lstate", "lstring", "ltable", "ltm", "lundump", "lvm", "lzio",
    "lauxlib", "lbaselib", "lmathlib", "lstrlib", "ltablib", "lutf8lib")]
# MuJS throws every JavaScript exception with longjmp, which wasi-libc lacks; mujs-wasi/ supplies setjmp.h
# and sjlj.c, real setjmp/longjmp on binaryen's Asyncify, which `wasm-opt --asyncify` adds to the linked
# module (the loop beneath main, w2n_sjlj_run, left uninstrumented), then -O2 as Asyncify's users do (its
# instrumentation is verbose): WASM_POST.
MUJS_WASI = os.path.join(HERE, "mujs-wasi")
SQLITE_FLAGS = ["-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_WAL"]
# name -> (source package, the file that marks an unpacked source, library sources and include
# folders relative to it (an absolute folder stays as it is), driver (in Inputs/, or relative to the
# source), flags for both builds, and the wasm build's extra compile and link flags)
PROGRAMS = {
    "zlib": ("zlib", "zlib.h", ["adler32", "crc32", "deflate", "inflate", "inftrees", "inffast", "trees", "zutil",
                                "compress", "uncompr", "gzlib", "gzread", "gzwrite", "gzclose"],
             ["."], "zpipe-like.c", ["-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"], [], []),
    "bzip2": ("bzip2", "bzlib.h", ["blocksort", "huffman", "crctable", "randtable", "compress", "decompress", "bzlib"],
              ["."], "bzip2-like.c", [], [], []),
    "lua": ("lua5.4", "src/lua.h", LUA_FILES, [LUA_INCLUDE, "src"], "lua-like.c", [], [], []),
    # The native build finds the system's <setjmp.h> before lua-include's (-idirafter, NATIVE_FLAGS); the
    # wasm build finds sjlj/setjmp.h first and links sjlj/wasm-sjlj.c (WASM_SOURCES).
    "lua-sjlj": ("lua5.4", "src/lua.h", LUA_FILES, ["src"], "lua-like.c", [],
                 ["-I", SJLJ, "-I", LUA_INCLUDE, "-mllvm", "-wasm-enable-sjlj", "-mexception-handling"], []),
    "mujs": ("mujs", "mujs.h", ["one"], ["."], "main.c", [], ["-I" + MUJS_WASI, "-Dmain=w2n_program_main"], []),
    "sqlite": ("sqlite3", "bld/sqlite3.c", ["bld/sqlite3"], ["bld"], "test/speedtest1.c", SQLITE_FLAGS,
               ["-D_WASI_EMULATED_GETPID", "-include", os.path.join(BENCH_PROGRAMS, "sqlite-include", "sqlite-wasi.h")],
               ["-lwasi-emulated-getpid"]),
}

NATIVE_FLAGS = {"lua-sjlj": ["-idirafter", LUA_INCLUDE]}
# The wasm build's own runtime sources, compiled with their own flags only (wasm-sjlj.c defines the
# __c_longjmp tag, which -wasm-enable-sjlj would define a second time), and its post-link step.
WASM_SOURCES = {"lua-sjlj": [os.path.join(SJLJ, "wasm-sjlj.c")], "mujs": [os.path.join(MUJS_WASI, "sjlj.c")]}
WASM_SOURCE_FLAGS = {"lua-sjlj": ["-mexception-handling"], "mujs": ["-I" + MUJS_WASI]}
WASM_POST = {"mujs": ["wasm-opt", "--asyncify", "--pass-arg=asyncify-removelist@w2n_sjlj_run", "-O2"]}

name, out = sys.argv[1], sys.argv[2]
package, marker, files, includes, driver, flags, wasm_flags, wasm_ldflags = PROGRAMS[name]
dirs = sorted(d for d in glob.glob(os.path.join(CACHE, package + "-*")) if os.path.isfile(os.path.join(d, marker)))
if not dirs:
    sys.exit(f"build-program.py: ERROR: {package} source not found under {CACHE}/{package}-*/{marker}: "
             f"run scripts/setup.sh (it runs `apt-get source {package}` there)")
src = dirs[-1]
driver = os.path.join(HERE, driver) if os.path.isfile(os.path.join(HERE, driver)) else os.path.join(src, driver)
sources = [os.path.join(src, f + ".c") for f in files] + [driver]
missing = [f for f in sources if not os.path.isfile(f)]
if missing:
    sys.exit(f"build-program.py: ERROR: {src} lacks {missing}")
print(f"{name} source: {src}")
common = [f"-I{os.path.normpath(os.path.join(src, i))}" for i in includes] + ["-w"] + flags
os.makedirs(out, exist_ok=True)
builds = {  # target flags, extra compile flags, link flags, output
    "native": ([], NATIVE_FLAGS.get(name, []), ["-lm"], os.path.join(out, "native.exe")),
    "wasm": (["--target=wasm32-wasi"], wasm_flags, wasm_ldflags, os.path.join(out, "prog.wasm")),
}
wasm_post = WASM_POST.get(name)


def build(kind):
    target, extra, ldflags, exe = builds[kind]
    objdir = os.path.join(out, kind + "-obj")
    os.makedirs(objdir, exist_ok=True)
    srcs = sources + (WASM_SOURCES.get(name, []) if kind == "wasm" else [])
    objs = [os.path.join(objdir, f"{i}-{os.path.basename(f)}.o") for i, f in enumerate(srcs)]
    for f, o in zip(srcs, objs):
        cmd = ["clang-19"] + target + ["-O2", "-c"] + common + extra + [f, "-o", o]
        if f not in sources:  # a runtime source of the wasm build (WASM_SOURCES)
            cmd = ["clang-19"] + target + ["-O2", "-c"] + WASM_SOURCE_FLAGS.get(name, []) + [f, "-o", o]
        if subprocess.run(cmd).returncode != 0:
            return cmd
    linked = exe + ".pre.wasm" if kind == "wasm" and wasm_post else exe
    cmd = ["clang-19"] + target + objs + ["-o", linked] + ldflags
    if subprocess.run(cmd).returncode != 0:
        return cmd
    if linked != exe:
        cmd = wasm_post + [linked, "-o", exe]
        return cmd if subprocess.run(cmd).returncode != 0 else None
    return None


with concurrent.futures.ThreadPoolExecutor(2) as pool:
    for failed in pool.map(build, builds):
        if failed:
            sys.exit(f"build-program.py: ERROR: build failed: {' '.join(failed)}")
