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
qemu-user-static (qemu-aarch64-static, qemu-arm-static, qemu-riscv64-static). --tests FILE runs only the
tests FILE lists ('lang/name' per line, # comments), failing if one of them is not in the suite, so that a
subset cannot shrink silently when the suite changes (lit runs cross-subset.txt this way per cross target).

Prints PASS/FAIL/SKIP per test and ends with "N passed, M failed, K skipped"; exits 1 if any failed.
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


def run_test(opts, test_dir, name):
    """Returns (status, reasons): status is PASS, FAIL or SKIP."""
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
        cmd = [opts.wasm2native, os.path.join(test_dir, name + ".wasm"), "-o", exe, "-O" + opts.opt]
        if opts.target:
            cmd.append("--target=" + opts.target)
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

        argv = [exe] + [str(a) for a in run.get("args", []) or []]
        if opts.target in QEMU:
            argv = [QEMU[opts.target]] + argv
        try:
            p = subprocess.run(argv, capture_output=True, timeout=opts.timeout, cwd=tmp, stdin=subprocess.DEVNULL,
                               env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
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
    ap.add_argument("--target", default="", help="wasm2native target (cross targets run under qemu-user-static)")
    ap.add_argument("--filter", default="", help="only tests whose 'lang/name' contains this substring")
    ap.add_argument("--tests", default="", help="only the tests listed in this file ('lang/name' per line)")
    ap.add_argument("-j", "--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("-O", "--opt", default="1", help="optimisation level passed to wasm2native (default 1)")
    ap.add_argument("--timeout", type=int, default=0, help="run time limit per test in seconds")
    ap.add_argument("--compile-timeout", type=int, default=300)
    ap.add_argument("-v", "--verbose", action="store_true", help="also print reasons of skipped tests")
    opts = ap.parse_args()
    if not opts.timeout:
        opts.timeout = 120 if opts.target in QEMU else 30
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

    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        futures = [(label, pool.submit(run_test, opts, d, name)) for label, d, name in tests]
        for label, fut in futures:
            try:
                status, reasons = fut.result()
            except Exception as e:  # a runner bug must not hide the other results
                status, reasons = "FAIL", ["runner error: %r" % e]
            counts[status] += 1
            print("%s: %s" % (status, label), flush=True)
            if status == "FAIL" or opts.verbose:
                for r in reasons:
                    print("    " + r, flush=True)
    print("%d passed, %d failed, %d skipped" % (counts["PASS"], counts["FAIL"], counts["SKIP"]))
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
