"""build-cpython.py [OUTDIR]: builds CPython 3.11 from Debian's python3.11 source twice, natively (the "build
python" a cross build needs, and the native baseline of test/programs/cpython.test and bench/) and to
wasm32-wasi (clang-19 against Debian's wasi-libc), then links OUTDIR/cpython to the finished build
(without OUTDIR it only fills the cache, as scripts/setup.sh does):

  OUTDIR/cpython/native/python      the native interpreter, run from its build folder (it finds the
                                    source's Lib/ and its build/lib.linux-*/ extension modules itself)
  OUTDIR/cpython/python.wasm        the WASI interpreter, every extension module linked in statically
  OUTDIR/cpython/prefix             its install prefix, to preopen as /usr/local: lib/python3.11 is the
                                    source's Lib/ with the WASI build's _sysconfigdata in lib-dynload/, all
                                    compiled to .pyc by the native interpreter (the same bytecode), so runs
                                    under wasm do not compile the standard library again

The recipe is upstream's Tools/wasm one (README.md there: configure --host=wasm32-unknown-wasi
--with-build-python, CONFIG_SITE=Tools/wasm/config.site-wasm32-wasi) with clang-19 in place of the WASI
SDK, and the fewest modules: CONFIG_SITE also marks every optional module needing a library that wasi-libc
lacks (zlib, bz2, lzma, expat, ssl, sqlite, ctypes, ...) or a long compile (_decimal, whose pure-Python
fallback _pydecimal stays) as n/a in both builds, and the test modules are off. Compiles are -O2 (configure's
OPT, without -g); links carry no -O (clang's wasm driver would run wasm-opt on an -O link). clang 16 and
later reject the int-conversion in timemodule.c that wasi-libc's pointer clockids cause
(PyModule_AddIntMacro(CLOCK_...)); the WASI SDK 16 of the time accepted it, hence -Wno-error=int-conversion.

Both builds take minutes (configure is most of the wall time), so they are made once and cached in
W2N_BUILD_CACHE (default /var/cache/wasm2native/build) under cpython-KEY, KEY a hash of the recipe (the
source of build() and the flags and module lists it uses) and the source folder's name: changing the
recipe rebuilds, editing comments elsewhere does not. A lock file serialises concurrent callers; a build
is made in a scratch folder and renamed into place when complete, so a cached folder is always whole. The
source comes from `apt-get source python3.11`, unpacked by scripts/setup.sh into /var/cache/wasm2native/src
(W2N_SRC_CACHE). Prints each stage's wall and CPU time."""
import fcntl
import glob
import hashlib
import inspect
import os
import resource
import shutil
import subprocess
import sys
import time

SRC_CACHE = os.environ.get("W2N_SRC_CACHE", "/var/cache/wasm2native/src")
BUILD_CACHE = os.environ.get("W2N_BUILD_CACHE", "/var/cache/wasm2native/build")
OPT = "-DNDEBUG -fwrapv -O2 -w"
# Optional modules marked unavailable (autoconf's py_cv_module_NAME=n/a) in both builds.
NA_MODULES = ["_decimal", "_ctypes", "_sqlite3", "_ssl", "_hashlib", "_tkinter", "_curses", "_curses_panel",
              "_dbm", "_gdbm", "readline", "_lzma", "_bz2", "zlib", "_uuid", "nis", "_crypt", "ossaudiodev",
              "pyexpat", "_elementtree"]
CONFIGURE = ["--without-ensurepip", "--disable-test-modules"]


def log(msg):
    print(f"build-cpython.py: {msg}", flush=True)


def run(cmd, cwd, env_extra, logname):
    """Runs cmd in cwd with its output in cwd/logname; on failure shows the log's tail and exits."""
    env = dict(os.environ, **env_extra)
    with open(os.path.join(cwd, logname), "w") as f:
        status = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT).returncode
    if status != 0:
        with open(os.path.join(cwd, logname)) as f:
            sys.stderr.write("".join(f.readlines()[-30:]))
        sys.exit(f"build-cpython.py: ERROR: `{' '.join(cmd)}` failed (status {status}): see {cwd}/{logname}")


def timed(label, fn):
    start, before = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    fn()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    log(f"{label}: {time.monotonic() - start:.1f} s wall, {cpu:.1f} s CPU")


def build(src, work):
    site = os.path.join(work, "config.site")
    with open(site, "w") as f:  # one file: autoconf reads a single CONFIG_SITE
        with open(os.path.join(src, "Tools", "wasm", "config.site-wasm32-wasi")) as upstream:
            f.write(upstream.read())
        f.write("".join(f"py_cv_module_{m}=n/a\n" for m in NA_MODULES))
    native_site = os.path.join(work, "config.site-native")
    with open(native_site, "w") as f:
        f.write("".join(f"py_cv_module_{m}=n/a\n" for m in NA_MODULES))
    native, wasm = os.path.join(work, "native"), os.path.join(work, "wasm")
    os.makedirs(native)
    os.makedirs(wasm)
    configure = os.path.join(src, "configure")
    # PKG_CONFIG_LIBDIR: the host's .pc files describe libraries of the host, not of wasm32.
    timed("native configure", lambda: run(
        [configure, "-C"] + CONFIGURE, native,
        {"CONFIG_SITE": native_site, "CC": "clang-19", "OPT": OPT}, "configure.log"))
    timed("native make", lambda: run(
        ["make", "-j2", "python", "platform", "oldsharedmods", "sharedmods"], native, {}, "make.log"))
    build_triple = subprocess.run([os.path.join(src, "config.guess")], capture_output=True, text=True,
                                  check=True).stdout.strip()
    timed("wasm configure", lambda: run(
        [configure, "-C", "--host=wasm32-unknown-wasi", f"--build={build_triple}",
         "--with-build-python=" + os.path.join(native, "python")] + CONFIGURE, wasm,
        {"CONFIG_SITE": site, "CC": "clang-19 --target=wasm32-wasi", "AR": "llvm-ar-19",
         "RANLIB": "llvm-ranlib-19", "PKG_CONFIG_LIBDIR": "/nonexistent",
         "OPT": OPT + " -Wno-error=int-conversion"}, "configure.log"))
    timed("wasm make", lambda: run(["make", "-j2", "all"], wasm, {}, "make.log"))
    shutil.copy(os.path.join(wasm, "python.wasm"), os.path.join(work, "python.wasm"))

    lib = os.path.join(work, "prefix", "lib", "python3.11")
    shutil.copytree(os.path.join(src, "Lib"), lib, symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    dynload = os.path.join(lib, "lib-dynload")
    os.makedirs(dynload)
    with open(os.path.join(wasm, "pybuilddir.txt")) as f:
        pybuilddir = os.path.join(wasm, f.read().strip())
    # Debian's patches name the module _sysconfigdata__MULTIARCH (sysconfig's _get_sysconfigdata_name);
    # upstream's build writes _sysconfigdata__wasi_wasm32-wasi.
    data = glob.glob(os.path.join(pybuilddir, "_sysconfigdata_*.py"))
    if len(data) != 1:
        sys.exit(f"build-cpython.py: ERROR: expected one _sysconfigdata in {pybuilddir}, found {data}")
    shutil.copy(data[0], os.path.join(dynload, "_sysconfigdata__wasm32-wasi.py"))
    # compileall exits with 1 for the test suite's deliberately invalid files (badsyntax_*.py): not checked.
    timed("compileall", lambda: subprocess.run(
        [os.path.join(native, "python"), "-m", "compileall", "-q", "-j2", "-x", "bad", lib],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))


def main():
    dirs = sorted(d for d in glob.glob(os.path.join(SRC_CACHE, "python3.11-*"))
                  if os.path.isfile(os.path.join(d, "Tools", "wasm", "config.site-wasm32-wasi")))
    if not dirs:
        sys.exit(f"build-cpython.py: ERROR: python3.11 source not found under {SRC_CACHE}/python3.11-*: "
                 "run scripts/setup.sh (it runs `apt-get source python3.11` there)")
    src = dirs[-1]
    recipe = inspect.getsource(build) + repr((OPT, NA_MODULES, CONFIGURE)) + os.path.basename(src)
    key = hashlib.sha256(recipe.encode()).hexdigest()[:12]
    final = os.path.join(BUILD_CACHE, f"cpython-{key}")
    os.makedirs(BUILD_CACHE, exist_ok=True)
    with open(final + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.isdir(final):
            log(f"cached: {final}")
        else:
            log(f"building {src} into {final} (once per recipe; minutes)")
            work = final + ".tmp"
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            timed("whole build", lambda: build(src, work))
            os.rename(work, final)
    if len(sys.argv) < 2:
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    link = os.path.join(out, "cpython")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(final, link)


main()
