#!/usr/bin/env python3
"""spec_runner.py: runs WebAssembly spec tests (wabt spec-test JSON) through wasm2native's embedding API.

For each JSON file and optimisation level, every binary module the file uses is compiled with
`wasm2native -O<level> --emit=obj --module-name=m<N>`, and all of them are linked with one generic
host, spec_driver.c, and libw2nembed.a into a single program. The JSON commands are translated into the
driver's script (see spec_driver.c), which the program executes in order in one process: instances are
created with their imports resolved through `register`ed instances and the built-in "spectest"
module, exports are called with the arguments passed at run time (so the optimiser never sees the
test's constants), results are compared bit for bit (NaN classes, v128 lanes, references), and traps
come back to the driver as values. Checked commands: module (instantiates; a module definition
only compiles), assert_return, action, assert_trap, assert_exhaustion, assert_uninstantiable,
assert_unlinkable; assert_invalid and assert_malformed for binary modules (`wasm2native --emit=obj`
must exit 1 with an `error:` line). Skipped and counted: text-format modules, the few Wasm 2.0
assertions that Wasm 3.0 reversed (SUPERSEDED), commands that need a proposal not implemented yet
(NEEDS_PROPOSAL), and assertions that MANIFEST.json marks as failing in the reference runner (they
are still executed, for their side effects; CHECKED_DESPITE_MANIFEST lists those checked anyway).
There is no list of known failures: every failure counts.

Usage: spec_runner.py [--jobs N] [-O LEVELS] [--wasm2native PATH] [-v] PATH...
  PATH is a .json file, a directory (all *.json in it), or @LIST (a file of JSON paths relative to
  it, like WASM-2.0-SET.txt). LEVELS is a comma-separated list (default 2). Prints one line per file
  and level `-O<L> <folder>/<file>.json: P passed, F failed, S skipped`, the failures, a line per
  folder, and a final `N passed, M failed, K skipped`; exits 1 if anything failed.
"""
import argparse
import json
import multiprocessing
import os
import shutil
import struct
import subprocess
import sys
import tempfile

from spec_files import expand_paths, manifest_failing_lines

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("W2N_BUILD_DIR", os.path.join(ROOT, "build"))
CC = shutil.which("clang-19") or "cc"
COMPILE_TIMEOUT = 300
RUN_TIMEOUT = 300

LANES = {"i8": ("B", 16), "i16": ("H", 8), "i32": ("I", 4), "i64": ("Q", 2), "f32": ("I", 4), "f64": ("Q", 2)}


class Unsupported(Exception):
    pass


# Assertions of the Wasm 2.0 suite whose outcome Wasm 3.0 reversed (wasm2native follows 3.0): skipped
# and counted, with the reason. Multi-memory allows several memories, and made the byte after
# memory.size/grow a memory index, a LEB128 u32, so its "long" zero encodings (80 00, ...) name memory
# 0 instead of being malformed.
SUPERSEDED = {
    "core-2.0/binary.json": ({146, 166, 185, 204, 243, 262, 280, 298},
                             "superseded by Wasm 3.0: a long LEB128 zero is memory index 0"),
    "core-2.0/imports.json": ({488, 492, 496}, "superseded by Wasm 3.0: multiple memories are valid"),
    "core-2.0/memory.json": ({10, 11}, "superseded by Wasm 3.0: multiple memories are valid"),
    # The threads folder predates reference types and multi-memory.
    "threads/imports.json": ({310, 314, 318, 405, 409, 413},
                             "superseded by Wasm 3.0: multiple tables and memories are valid"),
    "threads/memory.json": ({14, 15}, "superseded by Wasm 3.0: multiple memories are valid"),
}

# Assertions that MANIFEST.json marks as failing in the reference runner (wabt's spectest-interp) only
# because it lacks a feature: checked anyway. wabt implements neither wait/notify nor the spectest
# module's shared_memory.
CHECKED_DESPITE_MANIFEST = {
    "threads/atomic.json": {434, 435, 436},
    "threads/imports.json": {499, 506},
}

# Commands of the 3.0 folders that need a proposal wasm2native does not implement yet: skipped and
# counted, with the proposal, until it lands (then its entry goes).
NEEDS_PROPOSAL = {
    "memory64/table_init64.json": ({2457, 2471}, "needs gc: a table of arrayref filled by array.new_default"),
    # Tags whose types are in recursive type groups (link-time typing of rec groups).
    "exceptions/tag.json": ({30, 40}, "needs gc: tag types declared in a rec group"),
}


def hexs(s):
    """A string as a script token: 'x' and its UTF-8 bytes in hex (so any name fits), '-' for none."""
    return "-" if s is None else "x" + s.encode("utf-8", "surrogateescape").hex()


def arg_token(a):
    t, v = a["type"], a.get("value")
    if t in ("i32", "f32"):
        return "%s:%x" % (t, int(v) & 0xFFFFFFFF)
    if t in ("i64", "f64"):
        return "%s:%x" % (t, int(v) & 0xFFFFFFFFFFFFFFFF)
    if t == "v128":
        fmt, n = LANES[a["lane_type"]]
        mask = (1 << (struct.calcsize(fmt) * 8)) - 1
        return "v128:" + b"".join(struct.pack("<" + fmt, int(x) & mask) for x in v).hex()
    if t in ("funcref", "externref"):
        if v == "null":
            return "ref:null"
        if t == "externref" and v is not None:
            return "ext:%d" % int(v)
    raise Unsupported("argument %s %s" % (t, v))


def expected_token(e):
    t, v = e["type"], e.get("value")
    if t in ("f32", "f64") and isinstance(v, str) and v.startswith("nan:"):
        return "%s:%s" % (t, v)
    if t == "v128" and e.get("lane_type") in ("f32", "f64") and any(x.startswith("nan:") for x in v):
        lanes = [x if x.startswith("nan:") else "%x" % int(x) for x in v]
        return "v128:%sx%d:%s" % (e["lane_type"], LANES[e["lane_type"]][1], ",".join(lanes))
    if t == "funcref" and v is None:
        return "funcref:nonnull"
    if t == "externref" and v is None:
        return "funcref:nonnull"
    return arg_token(e)


# ------------------------------------------------------------------------------------------------
# One job: one JSON file at one optimisation level


def run(cmd, timeout, **kw):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return -1, "", "timed out after %ds" % timeout


def short_name(path):
    return "/".join(os.path.abspath(path).split(os.sep)[-2:])


def plan(path):
    """Translates a JSON file into (modules, script lines, checks). checks maps a line to its kind;
    results known without running the driver go into `early` as (line, ok, why)."""
    with open(path) as f:
        commands = json.load(f)["commands"]
    d = os.path.dirname(path)
    modules, script, checks, early, skipped = [], [], {}, [], []
    index_of = {}

    def module_index(filename):
        if filename not in index_of:
            index_of[filename] = len(modules)
            modules.append(os.path.join(d, filename))
        return index_of[filename]

    def instance(cmd):
        return hexs(cmd.get("module"))

    superseded_lines, superseded_why = SUPERSEDED.get(short_name(path), (set(), ""))
    needs_lines, needs_why = NEEDS_PROPOSAL.get(short_name(path), (set(), ""))
    for cmd in commands:
        t, line = cmd["type"], cmd["line"]
        try:
            if line in superseded_lines:
                raise Unsupported(superseded_why)
            if line in needs_lines:
                raise Unsupported(needs_why)
            if t == "module":
                if cmd.get("module_type", "binary") != "binary" or not cmd["filename"].endswith(".wasm"):
                    raise Unsupported("text module")
                if cmd.get("definition") == "true":
                    # `(module definition ...)`: only defined (validated), never instantiated; it must
                    # compile.
                    early.append(("accept", line, os.path.join(d, cmd["filename"])))
                    continue
                script.append("module %d %d %s" % (line, module_index(cmd["filename"]), hexs(cmd.get("name"))))
                checks[line] = t
            elif t == "register":
                script.append("register %s %s" % (hexs(cmd["as"]), hexs(cmd.get("name"))))
            elif t in ("assert_uninstantiable", "assert_unlinkable"):
                if cmd.get("module_type") != "binary":
                    raise Unsupported("text module")
                m = module_index(cmd["filename"])
                if t == "assert_unlinkable":
                    script.append("unlinkable %d %d" % (line, m))
                else:
                    script.append("uninstantiable %d %d %s" % (line, m, hexs(cmd["text"])))
                checks[line] = t
            elif t in ("assert_invalid", "assert_malformed"):
                if cmd.get("module_type") != "binary":
                    raise Unsupported("text module")
                early.append(("reject", line, os.path.join(d, cmd["filename"])))
            elif t in ("assert_return", "action", "assert_trap", "assert_exhaustion", "assert_exception"):
                a = cmd["action"]
                if a["type"] == "get":
                    head = "get %d %s %s" % (line, instance(a), hexs(a["field"]))
                    tail = "return 1 " + expected_token(cmd["expected"][0])
                else:
                    args = [arg_token(x) for x in a.get("args", [])]
                    head = "invoke %d %s %s %d %s" % (line, instance(a), hexs(a["field"]), len(args), " ".join(args))
                    if t == "assert_return" and "either" in cmd:
                        alternatives = [expected_token(x) for x in cmd["either"]]
                        tail = "either %d %s" % (len(alternatives), " ".join(alternatives))
                    elif t == "assert_return":
                        exp = [expected_token(x) for x in cmd["expected"]]
                        tail = "return %d %s" % (len(exp), " ".join(exp))
                    elif t == "action":
                        tail = "run"
                    elif t == "assert_exception":
                        tail = "exception"
                    else:
                        tail = "trap " + hexs(cmd["text"])
                script.append(head + " " + tail)
                checks[line] = t
            else:
                raise Unsupported(t)
        except Unsupported as e:
            skipped.append((line, str(e)))
    return modules, script, checks, early, skipped


def job(args):
    path, opt, w2n, driver_obj, embed_lib, verbose = args
    tmp = tempfile.mkdtemp(prefix="w2n-spec-")
    try:
        return run_job(path, opt, w2n, driver_obj, embed_lib, tmp)
    except Exception as e:  # a broken job fails its own file, not the whole run
        try:
            _, _, checks, early, skipped = plan(path)
            lines = list(checks) + [line for _, line, _ in early]
        except Exception:
            lines, skipped = [0], []
        return path, opt, {line: (False, "runner error: %r" % e) for line in lines}, skipped
    finally:
        if not verbose:
            shutil.rmtree(tmp, ignore_errors=True)


def run_job(path, opt, w2n, driver_obj, embed_lib, tmp):
    modules, script, checks, early, skipped = plan(path)
    results = {}  # line -> (ok, why)
    for kind, line, wasm in early:
        rc, _, err = run([w2n, "-O" + opt, "--emit=obj", "-o", os.path.join(tmp, "early.o"), wasm], COMPILE_TIMEOUT)
        if kind == "accept":
            results[line] = (rc == 0, "exit %d: %s" % (rc, err.strip()[:200]))
            continue
        good = rc == 1 and "error:" in err
        results[line] = (good, "accepted" if rc == 0 else "exit %d: %s" % (rc, err.strip()[:200]))

    # Compile every module; one that does not compile fails its own command and everything after it
    # that would use it.
    objects, broken = [], set()
    for i, wasm in enumerate(modules):
        obj = os.path.join(tmp, "m%d.o" % i)
        source = wasm  # compact imports included: the compiler's decoder reads them
        rc, _, err = run([w2n, "-O" + opt, "--emit=obj", "--module-name=m%d" % i, source, "-o", obj], COMPILE_TIMEOUT)
        if rc != 0:
            broken.add(i)
            results_for_broken = "module %s did not compile: %s" % (os.path.basename(wasm), err.strip()[:200])
            for s in script:
                p = s.split()
                if p[0] in ("module", "uninstantiable", "unlinkable") and int(p[2]) == i:
                    results[int(p[1])] = (False, results_for_broken)
        else:
            objects.append(obj)
    if broken:
        # A broken module's instance does not exist: later commands that use it fail in the driver
        # (instead of running against the previous instance).
        def replace(line):
            p = line.split()
            if p[0] in ("module", "uninstantiable", "unlinkable") and int(p[2]) in broken:
                return "nomodule %s" % p[3] if p[0] == "module" else None
            return line
        script = [x for x in map(replace, script) if x is not None]

    with open(os.path.join(tmp, "modules.c"), "w") as f:
        f.write('#include "w2n_embed.h"\n')
        for i in range(len(modules)):
            if i not in broken:
                f.write("extern const w2n_module m%d_module;\n" % i)
        # Broken modules keep their index (NULL) so that the script's numbering holds; C needs one
        # element even when the file has no module at all.
        entries = ["0" if i in broken else "&m%d_module" % i for i in range(len(modules))] or ["0"]
        f.write("const w2n_module *const spec_modules[] = {%s};\n" % ", ".join(entries))
        f.write("const unsigned spec_module_count = %d;\n" % len(modules))
    exe = os.path.join(tmp, "driver")
    rc, _, err = run([CC, "-I", os.path.join(ROOT, "runtime-lib", "include"), os.path.join(tmp, "modules.c"),
                      driver_obj] + objects + [embed_lib, "-lm", "-o", exe], COMPILE_TIMEOUT)
    if rc != 0:
        for line in checks:
            results.setdefault(line, (False, "link failed: " + err.strip()[:300]))
        return path, opt, results, skipped
    script_path = os.path.join(tmp, "script.txt")
    with open(script_path, "w") as f:
        f.write("\n".join(script) + "\n")
    rc, out, err = run([exe, script_path], RUN_TIMEOUT)
    for l in out.splitlines():
        p = l.split(None, 2)
        if len(p) >= 2 and p[0] in ("ok", "fail"):
            results[int(p[1])] = (p[0] == "ok", p[2] if len(p) > 2 else "")
    for line in checks:
        if line not in results:
            results[line] = (False, "driver stopped (exit %d) before this command: %s" % (rc, err.strip()[:200]))
    return path, opt, results, skipped


# ------------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("-O", dest="levels", default="2")
    ap.add_argument("--wasm2native", default=os.path.join(BUILD, "bin", "wasm2native"))
    ap.add_argument("-v", "--verbose", action="store_true", help="keep the work folders, list skips")
    o = ap.parse_args()

    lib_root = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(o.wasm2native))), "lib", "wasm2native")
    embed_libs = [os.path.join(lib_root, d, "libw2nembed.a") for d in sorted(os.listdir(lib_root))
                  if os.path.exists(os.path.join(lib_root, d, "libw2nembed.a"))]
    if not embed_libs:
        print("error: no libw2nembed.a under %s" % lib_root)
        return 2
    # Private copies, so that the compiler and the runtime may be rebuilt while the suite runs.
    work = tempfile.mkdtemp(prefix="w2n-spec-driver-")
    w2n = shutil.copy(o.wasm2native, os.path.join(work, "wasm2native"))
    embed_lib = shutil.copy(embed_libs[0], os.path.join(work, "libw2nembed.a"))
    driver_obj = os.path.join(work, "driver.o")
    rc, _, err = run([CC, "-O1", "-c", "-I", os.path.join(ROOT, "runtime-lib", "include"),
                      os.path.join(HERE, "spec_driver.c"), "-o", driver_obj], COMPILE_TIMEOUT)
    if rc != 0:
        print("error: cannot compile spec_driver.c: " + err)
        return 2

    files = expand_paths(o.paths)
    jobs = [(p, lvl.strip(), w2n, driver_obj, embed_lib, o.verbose) for lvl in o.levels.split(",") for p in files]
    totals = [0, 0, 0]
    folders = {}
    with multiprocessing.Pool(max(1, o.jobs)) as pool:
        for path, opt, results, skipped in pool.imap(job, jobs):
            name = short_name(path)
            failing = manifest_failing_lines(path) - CHECKED_DESPITE_MANIFEST.get(name, set())
            p = f = s = 0
            s += len(skipped)
            failures = []
            for line, (good, why) in sorted(results.items()):
                if line in failing:
                    s += 1
                elif good:
                    p += 1
                else:
                    f += 1
                    failures.append("  FAIL %s:%d (-O%s): %s" % (name, line, opt, why))
            print("-O%s %s: %d passed, %d failed, %d skipped" % (opt, name, p, f, s))
            for x in failures:
                print(x)
            if o.verbose:
                for line, why in skipped:
                    print("  skip %s:%d: %s" % (name, line, why))
            key = "-O%s %s" % (opt, name.split("/")[0])
            fo = folders.setdefault(key, [0, 0, 0])
            for k, v in enumerate((p, f, s)):
                fo[k] += v
                totals[k] += v
            sys.stdout.flush()
    shutil.rmtree(work, ignore_errors=True)
    for key in sorted(folders):
        print("folder %s: %d passed, %d failed, %d skipped" % ((key,) + tuple(folders[key])))
    print("%d passed, %d failed, %d skipped" % tuple(totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
