"""corpus.py: the benchmarks of bench/run.py, each described as a Bench: what to compile, with which flags, how
to run it and how to check its output.

Four groups, reported in this order:
  kernels    bench/kernels/*.c, small programs written for this bench
  programs   zlib, bzip2 and Lua 5.4 from Debian's source packages with the drivers of bench/programs/
  polybench  the 30 kernels of PolyBench/C 4.2.1, compiled unmodified from shared/benchmarks (found as
             ../shared beside the checkout, or through W2N_SHARED); never copied into the repository
  sqlite     SQLite 3.40's speedtest1 from Debian's sqlite3 source package (test/speedtest1.c and the
             amalgamation that scripts/setup.sh generates in the unpacked folder's bld/)
A group whose sources are absent is left out, with a note.

PolyBench: each kernel is sized with -D overrides of its size macros (all of them: a header uses its own
defaults unless every one is given) so that the native clang-19 -O2 build runs about 0.5-1 s, in CPU time, on
a 2-core AMD EPYC (measured one by one with size selection runs; see POLYBENCH). Time steps were cut rather than
arrays where a kernel has them, so the data keeps PolyBench's LARGE footprint. The O(N^2) kernels would need
gigabyte arrays to run that long: they keep a LARGE-sized footprint and repeat the whole program (bench/polybench/
repeat.c). Their arrays stay under 32 MiB, and every PolyBench run has GLIBC_TUNABLES set so that glibc's
malloc reuses freed arrays (as wasi-libc's malloc does inside the wasm memory) rather than unmapping them and
faulting them in again on each repetition, which would charge the native build for page faults the wasm builds
never take. Output: a second build with -DPOLYBENCH_DUMP_ARRAYS and one repetition dumps the result arrays to
stderr; every variant's dump must equal the native build's, except that native-march may differ in the printed
digits within FLOAT_TOLERANCE (clang contracts a*b+c in one expression into an FMA with -march=native, and wasm
has no FMA), which the report marks; a kernel that amplifies those roundings (gramschmidt) is reported as
"native-march differs (FMA)" (with -ffp-contract=off native-march's dump equals native's byte for byte).

SQLite: speedtest1 --memdb --size 60 (the command of issue 13), timed; its output is compared with the times
stripped; a second run with --verify, whose last line hashes every query result, is compared exactly. The wasm
build force-includes bench/programs/sqlite-include/sqlite-wasi.h (SQLite 3.40 predates its own WASI support)
and links wasi-libc's emulated getpid; SQLITE_OMIT_WAL (no shared memory in WASI), SQLITE_THREADSAFE=0 and
SQLITE_OMIT_LOAD_EXTENSION apply to every build alike."""
import glob, os, re
from dataclasses import dataclass, field
from typing import Callable, Optional

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
KERNELS = os.path.join(BENCH, "kernels")
PROGRAMS = os.path.join(BENCH, "programs")
SRC_CACHE = "/var/cache/wasm2native/src"


@dataclass
class Bench:
    name: str
    group: str
    srcs: list                       # C sources, each compiled with -O2 -c, then linked without -O
    cflags: list = field(default_factory=list)       # both targets, timed and checking builds
    timed_cflags: list = field(default_factory=list) # the timed build only
    wasm_cflags: list = field(default_factory=list)  # wasm32-wasi only
    wasm_ldflags: list = field(default_factory=list)
    args: list = field(default_factory=list)         # the timed runs' arguments
    env: dict = field(default_factory=dict)          # added to the timed and checking runs' environment
    filter: Optional[Callable[[str], str]] = None    # normalises the timed runs' stdout before comparing
    # A checking run, once per variant, whose stdout and stderr must match the native build's: extra
    # cflags for a build of its own ([] reuses the timed executables) and its arguments.
    check_cflags: Optional[list] = None
    check_args: list = field(default_factory=list)
    check_float: bool = False        # the check output prints floating point: native-march may differ slightly


# --- kernels and programs -----------------------------------------------------------------------------
# The real programs: name -> (source folder glob under SRC_CACHE, the environment variable that overrides
# the folder, the header that marks an unpacked source, library sources and include folders, both relative
# to the source folder (an absolute include folder stays as it is)). Lua's lua-include/ stands in for
# headers that wasi-libc lacks or Debian's build generates.
LUA_LIBS = ["lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc", "lgc", "llex", "lmem", "lobject",
            "lopcodes", "lparser", "lstate", "lstring", "ltable", "ltm", "lundump", "lvm", "lzio",
            "lauxlib", "lbaselib", "lmathlib", "lstrlib", "ltablib", "lutf8lib"]
PROGRAM_SOURCES = {
    "zlib": ("zlib-*", "ZLIB_SRC", "zlib.h",
             ["adler32", "compress", "crc32", "deflate", "inffast", "inflate", "inftrees", "trees", "uncompr", "zutil"],
             ["."]),
    "bzip2": ("bzip2-*", "BZIP2_SRC", "bzlib.h",
              ["blocksort", "huffman", "crctable", "randtable", "compress", "decompress", "bzlib"], ["."]),
    "lua": ("lua5.4-*", "LUA_SRC", "src/lua.h", ["src/" + f for f in LUA_LIBS],
            [os.path.join(PROGRAMS, "lua-include"), "src"]),
}


def source_dir(pattern, env, marker):
    """The unpacked Debian source: $env if set, else the newest SRC_CACHE/pattern that holds marker."""
    if os.environ.get(env):
        return os.environ[env]
    dirs = sorted(d for d in glob.glob(os.path.join(SRC_CACHE, pattern)) if os.path.exists(os.path.join(d, marker)))
    return dirs[-1] if dirs else None


def kernels():
    return [Bench(f[:-2], "kernels", [os.path.join(KERNELS, f)], ["-I", KERNELS])
            for f in sorted(os.listdir(KERNELS)) if f.endswith(".c")]


def programs():
    found = []
    for name, (pattern, env, header, files, includes) in PROGRAM_SOURCES.items():
        src = source_dir(pattern, env, header)
        if src:
            found.append(Bench(name, "programs", [os.path.join(PROGRAMS, f"{name}.c")]
                               + [os.path.join(src, f + ".c") for f in files],
                               ["-I", KERNELS] + [f"-I{os.path.normpath(os.path.join(src, i))}" for i in includes]))
        else:
            print(f"note: {name} source not found ({SRC_CACHE}/{pattern} or ${env}): run scripts/setup.sh")
    return found


# --- PolyBench/C 4.2.1 ---------------------------------------------------------------------------------
# name -> (size macros, repetitions of the whole program). Native clang-19 -O2 CPU time of one run, measured
# while choosing (same machine as the report, under load, so +-10%), in the comments.
POLYBENCH = {
    # datamining
    "correlation": ("M=900 N=1000", 1),                 # ~0.64 s
    "covariance": ("M=900 N=1000", 1),                  # ~0.62 s
    # linear-algebra/blas
    "gemm": ("NI=1000 NJ=1200 NK=1400", 1),             # ~0.65 s
    "gemver": ("N=2000", 30),                           # LARGE; ~0.75 s
    "gesummv": ("N=1300", 60),                          # LARGE; ~0.65 s
    "symm": ("M=800 N=950", 1),                         # ~0.7 s
    "syr2k": ("M=750 N=900", 1),                        # ~0.7 s
    "syrk": ("M=1000 N=1200", 1),                       # LARGE; ~0.57 s
    "trmm": ("M=900 N=1000", 1),                        # ~0.66 s
    # linear-algebra/kernels
    "2mm": ("NI=600 NJ=700 NK=800 NL=900", 1),          # ~0.76 s
    "3mm": ("NI=500 NJ=550 NK=600 NL=650 NM=700", 1),   # ~0.59 s
    "atax": ("M=1900 N=2100", 60),                      # LARGE; ~0.62 s
    "bicg": ("M=1900 N=2100", 35),                      # LARGE; ~0.78 s
    "doitgen": ("NQ=140 NR=150 NP=200", 1),             # ~0.69 s
    "mvt": ("N=2000", 40),                              # LARGE; ~0.77 s
    # linear-algebra/solvers (cholesky, lu and ludcmp build their input in O(N^3) too)
    "cholesky": ("N=800", 1),                           # ~0.74 s
    "durbin": ("N=30000", 1),                           # ~0.65 s; a 240 KB array on the stack
    "gramschmidt": ("M=700 N=800", 1),                  # ~0.64 s
    "lu": ("N=800", 1),                                 # ~0.67 s
    "ludcmp": ("N=800", 1),                             # ~0.8 s
    "trisolv": ("N=2000", 120),                         # LARGE; ~0.7 s
    # medley
    "deriche": ("W=2048 H=2160", 6),                    # half of LARGE (LARGE's arrays pass 32 MiB); ~0.7 s
    "floyd-warshall": ("N=1100", 1),                    # ~0.69 s
    "nussinov": ("N=1500", 1),                          # ~0.63 s
    # stencils
    "adi": ("TSTEPS=100 N=600", 1),                     # ~0.64 s
    "fdtd-2d": ("TMAX=200 NX=1000 NY=1200", 1),         # LARGE arrays; ~0.65 s
    "heat-3d": ("TSTEPS=100 N=120", 1),                 # LARGE arrays; ~0.65 s
    "jacobi-1d": ("TSTEPS=80000 N=10000", 1),           # ~0.6 s
    "jacobi-2d": ("TSTEPS=120 N=1300", 1),              # LARGE arrays; ~0.66 s
    "seidel-2d": ("TSTEPS=20 N=2000", 1),               # LARGE arrays; ~0.74 s
}
# Kernels whose stack arrays exceed wasm-ld's default 64 KiB stack (native stacks are 8 MiB).
POLYBENCH_STACK = {"durbin": 1 << 20}
# glibc keeps freed memory below these thresholds in the heap (see the docstring).
POLYBENCH_ENV = {"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"}
# %0.2lf dumps: a last-digit difference, or a relative one this small, passes as "within tolerance".
FLOAT_TOLERANCE = (0.0100001, 1e-9)


def shared_dir():
    return os.environ.get("W2N_SHARED") or os.path.normpath(os.path.join(ROOT, "..", "shared"))


def polybench():
    root = os.path.join(shared_dir(), "benchmarks", "polybench-c-4.2.1")
    if not os.path.isdir(root):
        print(f"note: {root} not found (set W2N_SHARED): PolyBench left out")
        return []
    util = os.path.join(root, "utilities")
    found = []
    for name, (sizes, repeat) in POLYBENCH.items():
        src = glob.glob(os.path.join(root, "*", name, name + ".c")) + glob.glob(os.path.join(root, "*", "*", name, name + ".c"))
        if len(src) != 1:
            raise RuntimeError(f"PolyBench kernel {name}: expected one {name}/{name}.c under {root}, found {src}")
        stack = POLYBENCH_STACK.get(name)
        found.append(Bench(
            name, "polybench", [src[0], os.path.join(util, "polybench.c"), os.path.join(BENCH, "polybench", "repeat.c")],
            ["-I", util, "-I", os.path.dirname(src[0]), "-Dmain=polybench_main"] + [f"-D{d}" for d in sizes.split()],
            # polybench.c includes <sys/resource.h> (for a scheduler option the bench leaves off).
            wasm_cflags=["-D_WASI_EMULATED_PROCESS_CLOCKS"],
            wasm_ldflags=["-lwasi-emulated-process-clocks"] + ([f"-Wl,-z,stack-size={stack}"] if stack else []),
            env=POLYBENCH_ENV,
            # The timed build repeats; the checking build dumps one repetition.
            timed_cflags=[f"-DPB_REPEAT={repeat}"],
            check_cflags=["-DPOLYBENCH_DUMP_ARRAYS", "-DPB_REPEAT=1"], check_float=True))
    return found


# --- SQLite ---------------------------------------------------------------------------------------------
SQLITE_SIZE = 60
_TIMES = re.compile(r" +-?[0-9]+\.[0-9]+s$", re.M)


def strip_times(out):
    """speedtest1's output without the times that end its lines (" 100 - 30000 INSERTs ....    0.182s")."""
    return _TIMES.sub("", out)


def sqlite():
    src = source_dir("sqlite3-*", "SQLITE_SRC", "bld/sqlite3.c")
    if not src or not os.path.exists(os.path.join(src, "test", "speedtest1.c")):
        print(f"note: SQLite source with bld/sqlite3.c not found ({SRC_CACHE}/sqlite3-* or $SQLITE_SRC): "
              "run scripts/setup.sh; SQLite left out")
        return []
    return [Bench("sqlite", "sqlite", [os.path.join(src, "test", "speedtest1.c"), os.path.join(src, "bld", "sqlite3.c")],
                  [f"-I{os.path.join(src, 'bld')}", "-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_THREADSAFE=0",
                   "-DSQLITE_OMIT_WAL"],
                  wasm_cflags=["-D_WASI_EMULATED_GETPID", "-include",
                               os.path.join(PROGRAMS, "sqlite-include", "sqlite-wasi.h")],
                  wasm_ldflags=["-lwasi-emulated-getpid"],
                  args=["--memdb", "--size", str(SQLITE_SIZE)], filter=strip_times,
                  check_cflags=[], check_args=["--memdb", "--size", str(SQLITE_SIZE), "--verify"])]


GROUPS = ["kernels", "programs", "polybench", "sqlite"]


def corpus():
    return kernels() + programs() + polybench() + sqlite()
