#!/usr/bin/env python3
"""Runs the official WASI preview1 test suite (github.com/WebAssembly/wasi-testsuite) with wasm2native.

Each test NAME.wasm in <suite>/{c,rust,assemblyscript}/wasm32-wasip1/ is compiled to a native executable
and run; its specification NAME.json (doc/specification.md; defaults when absent) gives:
  args       passed on the executable's command line (wasm2native passes argv through; argv[0] is the
             program name, as in other runtimes)
  env        passed as --env=NAME=VALUE (the guest sees exactly these variables)
  root       a directory next to the test, copied to a scratch location first (tests modify it) and
             preopened as the guest's "/" (--dir=COPY::/)
  dirs       (legacy) directories next to the test, copied and preopened under their own names
  exit_code  compared with the exit status (default 0)
  stdout, stderr   compared exactly with what the program wrote, when given (not checked otherwise,
             like the reference runner: tests print diagnostics)
or, in the operation-based form, a list of run / read / wait operations (connect, send and recv
operations and the "sockets"/"http" proposals are not supported: such tests are skipped).

Cross targets (--target=aarch64-linux, armv7-linux, riscv64-linux) are compiled on this host and run under
qemu-user-static (qemu-aarch64-static, qemu-arm-static, qemu-riscv64-static); --target=x86_64-windows runs
the PE under Wine (/usr/lib/wine/wine64, --wine-prefix), its preopens given as Z: paths. --tests FILE runs only the
tests FILE lists ('lang/name' per line, # comments), failing if one of them is not in the suite, so that a
subset cannot shrink silently when the suite changes (lit runs cross-subset.txt this way per cross target).

The test matrix (README, docs/wasi.md) runs this script once per cell: -O takes one level or a comma
list (0,1,2,3,s; each level is a cell, run one after the other); --cpu=CPU compiles for that CPU;
--compile-only only compiles (PASS = the compiler exited 0 and wrote the executable). On the host
target, an executable for a CPU the host cannot run (test/hostcpu.py: the x86-64-v2/v3/v4 feature
sets from /proc/cpuinfo) is never run: that cell becomes compile-only and says so.

Prints PASS/FAIL/SKIP per test (with the cell's -O level when there are several), then per cell
"cell -OL --cpu=CPU MODE: N passed, M failed, K skipped in T s" (MODE: run, compile-only, or
compile-only (host cannot run CPU)), and ends with the totals "N passed, M failed, K skipped"; exits 1
if any failed.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import hostcpu  # noqa: E402  (test/hostcpu.py)

WINE64 = "/usr/lib/wine/wine64"

QEMU = {
    "aarch64-linux": "qemu-aarch64-static",
    "armv7-linux": "qemu-arm-static",
    "riscv64-linux": "qemu-riscv64-static",
}

TEST_DIRS = ["c/wasm32-wasip1", "rust/wasm32-wasip1", "assemblyscript/wasm32-wasip1"]


def load_spec(path):
    spec = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
    if "operations" not in spec:
        # Legacy form: the same as run / read stdout / read stderr / wait.
        # As in the reference runner, an output stream is only compared when the JSON gives it (the
        # Rust tests print diagnostics on stdout/stderr that are not part of the expectation).
        ops = [{"type": "run", "args": spec.get("args", []), "env": spec.get("env", {}),
                "root": spec.get("root"), "dirs": spec.get("dirs", [])}]
        for stream in ("stdout", "stderr"):
            if stream in spec:
                ops.append({"type": "read", "id": stream, "payload": spec[stream]})
        ops.append({"type": "wait", "exit_code": spec.get("exit_code", 0)})
        spec = {"proposals": [], "operations": ops}
    return spec


def short(data, limit=400):
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return repr(text if len(text) <= limit else text[:limit] + "...")


def run_test(opts, cell, test_dir, name):
    """Compiles (and unless cell["compile_only"], runs) one test in one cell: (status, reasons),
    status PASS, FAIL or SKIP."""
    spec = load_spec(os.path.join(test_dir, name + ".json"))
    if spec.get("proposals"):
        return "SKIP", ["needs proposals " + ", ".join(spec["proposals"])]
    ops = spec["operations"]
    unsupported = [op["type"] for op in ops if op.get("type") not in ("run", "read", "wait")]
    if unsupported:
        return "SKIP", ["unsupported operations " + ", ".join(unsupported)]
    runs = [op for op in ops if op.get("type") == "run"]
    if len(runs) != 1:
        return "SKIP", ["expected exactly one run operation"]
    run = runs[0]

    with tempfile.TemporaryDirectory(prefix="w2n-wasi-" + name + "-") as tmp:
        dir_flags = []
        root = run.get("root")
        if root:
            copy = os.path.join(tmp, "root")
            shutil.copytree(os.path.join(test_dir, root), copy, symlinks=True)
            dir_flags.append("--dir=" + copy + "::/")
        for d in run.get("dirs", []) or []:
            copy = os.path.join(tmp, "dirs", d)
            shutil.copytree(os.path.join(test_dir, d), copy, symlinks=True)
            dir_flags.append("--dir=" + copy + "::" + d)
        exe = os.path.join(tmp, name + ".exe")
        cmd = [opts.wasm2native, os.path.join(test_dir, name + ".wasm"), "-o", exe, "-O" + cell["opt"]]
        if opts.target:
            cmd.append("--target=" + opts.target)
        if opts.cpu:
            cmd.append("--cpu=" + opts.cpu)
        cmd += dir_flags
        cmd += ["--env=%s=%s" % (k, v) for k, v in (run.get("env") or {}).items()]
        c = None
        for attempt in range(5):
            try:
                c = subprocess.run(cmd, capture_output=True, timeout=opts.compile_timeout)
                break
            except subprocess.TimeoutExpired:
                return "FAIL", ["compilation timed out"]
            except PermissionError:
                # The compiler is being relinked by a concurrent build (not yet executable): wait.
                if attempt == 4:
                    raise
                time.sleep(10)
        if c.returncode != 0:
            return "FAIL", ["compilation failed (%d): %s" % (c.returncode, short(c.stderr))]
        if cell["compile_only"]:
            if not os.path.isfile(exe) or os.path.getsize(exe) == 0:
                return "FAIL", ["the compiler exited 0 but wrote no executable"]
            return "PASS", []

        argv = [exe] + [str(a) for a in run.get("args", []) or []]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        if opts.target in QEMU:
            argv = [QEMU[opts.target]] + argv
        elif opts.target == "x86_64-windows":
            argv = [WINE64] + argv
            env.update(WINEPREFIX=opts.wine_prefix, WINEDEBUG="-all", HOME=os.environ.get("HOME", "/tmp"))
        try:
            p = subprocess.run(argv, capture_output=True, timeout=opts.timeout, cwd=tmp, stdin=subprocess.DEVNULL,
                               env=env)
        except subprocess.TimeoutExpired:
            return "FAIL", ["timed out after %ds" % opts.timeout]

    reasons = []
    streams = {"stdout": p.stdout, "stderr": p.stderr}
    for op in ops:
        if op["type"] == "read":
            sid = op.get("id", "stdout")
            want = op.get("payload", "").encode("utf-8")
            if streams.get(sid, b"") != want:
                reasons.append("%s: expected %s, got %s" % (sid, short(want), short(streams.get(sid, b""))))
        elif op["type"] == "wait":
            want = op.get("exit_code", 0)
            if p.returncode != want:
                reasons.append("exit code: expected %d, got %d" % (want, p.returncode))
    if reasons and not any(r.startswith("stderr") for r in reasons) and p.stderr:
        reasons.append("stderr was " + short(p.stderr))
    return ("FAIL" if reasons else "PASS"), reasons


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap.add_argument("--wasm2native", default=os.path.join(root, "build", "bin", "wasm2native"))
    ap.add_argument("--suite", default=os.path.join(os.path.dirname(root), "shared", "testsuites", "wasi"),
                    help="the wasi-testsuite folder (holding c/, rust/, assemblyscript/)")
    ap.add_argument("--target", default="",
                    help="wasm2native target (cross targets run under qemu-user-static, x86_64-windows under Wine)")
    ap.add_argument("--wine-prefix", default=os.path.join(root, "build", "test-output", "wine-prefix"),
                    help="WINEPREFIX for x86_64-windows (lit's, made by llvm-lit.cfg, by default)")
    ap.add_argument("--filter", default="", help="only tests whose 'lang/name' contains this substring")
    ap.add_argument("--tests", default="", help="only the tests listed in this file ('lang/name' per line)")
    ap.add_argument("-j", "--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("-O", "--opt", default="1",
                    help="optimisation level(s) passed to wasm2native: one, or a comma list, each a cell (default 1)")
    ap.add_argument("--cpu", default="", help="--cpu passed to wasm2native (default: the compiler's, native)")
    ap.add_argument("--compile-only", action="store_true", help="only compile the tests (PASS = compiled)")
    ap.add_argument("--timeout", type=int, default=0, help="run time limit per test in seconds")
    ap.add_argument("--compile-timeout", type=int, default=300)
    ap.add_argument("-v", "--verbose", action="store_true", help="also print reasons of skipped tests")
    opts = ap.parse_args()
    if not opts.timeout:
        opts.timeout = 120 if opts.target in QEMU or opts.target == "x86_64-windows" else 30
    if opts.target in QEMU and not shutil.which(QEMU[opts.target]):
        print("error: %s is needed to run --target=%s" % (QEMU[opts.target], opts.target), file=sys.stderr)
        return 2

    tests = []
    for sub in TEST_DIRS:
        d = os.path.join(opts.suite, sub)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".wasm"):
                label = sub.split("/")[0] + "/" + f[:-5]
                if opts.filter in label:
                    tests.append((label, d, f[:-5]))
    if opts.tests:
        with open(opts.tests, encoding="utf-8") as f:
            wanted = [l.split("#", 1)[0].strip() for l in f]
        wanted = [w for w in wanted if w]
        missing = sorted(set(wanted) - {label for label, _, _ in tests})
        if missing:
            print("error: %s lists tests not in %s: %s" % (opts.tests, opts.suite, ", ".join(missing)), file=sys.stderr)
            return 2
        tests = [t for t in tests if t[0] in set(wanted)]
    if not tests:
        print("error: no tests found in %s" % opts.suite, file=sys.stderr)
        return 2

    levels = [l.strip() for l in opts.opt.split(",") if l.strip()]
    bad = [l for l in levels if l not in ("0", "1", "2", "3", "s")]
    if bad or not levels:
        print("error: -O takes 0, 1, 2, 3 or s, or a comma list of them; got '%s'" % opts.opt, file=sys.stderr)
        return 2
    # A cross target runs under QEMU, which emulates any CPU of its architecture; on the host, an
    # executable for a CPU the host lacks would die of an illegal instruction, so it is not run.
    host_cannot_run = bool(opts.cpu) and not opts.target and not hostcpu.can_run(opts.cpu)
    if opts.compile_only:
        mode = "compile-only"
    elif host_cannot_run:
        mode = "compile-only (host cannot run %s)" % opts.cpu
    else:
        mode = "run"

    totals = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    summaries = []
    for level in levels:
        cell = {"opt": level, "compile_only": mode != "run"}
        cell_name = "-O%s --cpu=%s%s" % (level, opts.cpu or ("default" if opts.target else "native"), " --target=" + opts.target if opts.target else "")
        counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
            futures = [(label, pool.submit(run_test, opts, cell, d, name)) for label, d, name in tests]
            for label, fut in futures:
                try:
                    status, reasons = fut.result()
                except Exception as e:  # a runner bug must not hide the other results
                    status, reasons = "FAIL", ["runner error: %r" % e]
                counts[status] += 1
                totals[status] += 1
                print("%s: %s%s" % (status, label, " -O" + level if len(levels) > 1 else ""), flush=True)
                if status == "FAIL" or opts.verbose:
                    for r in reasons:
                        print("    " + r, flush=True)
        summaries.append("cell %s %s: %d passed, %d failed, %d skipped in %.1f s" % (
            cell_name, mode, counts["PASS"], counts["FAIL"], counts["SKIP"], time.monotonic() - start))
    for line in summaries:
        print(line)
    print("%d passed, %d failed, %d skipped" % (totals["PASS"], totals["FAIL"], totals["SKIP"]))
    return 1 if totals["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
