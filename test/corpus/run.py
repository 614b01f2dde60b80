"""run.py OUTDIR --wasm2native PATH [-O 0,2] [--jobs N] [--report FILE]: compiles every module that build.py put in
OUTDIR/cases.json with wasm2native at each -O level (default CPU), runs every case on each executable and
on the references (the native build and/or Node's WASI through node-wasi.mjs), and compares.

For each case and each engine, a fresh copy of the case's folder is made under OUTDIR/run/CASE/ENGINE
(ENGINE: native, node, O0, O2, ...), so the files a run writes can be compared and are kept for the lit
test to inspect; its stdout and stderr are kept as OUTDIR/run/CASE/ENGINE.out and .err. The native build
gets the folder's host path and exactly the case's environment; a wasm2native executable gets the guest
name with the folder preopened through W2N_DIR and the variables through W2N_ENV_* (docs/wasi.md); Node's
WASI gets the same preopen and environment.

A case passes when every reference ended with the case's expected status (134 for an abort or trap:
a native SIGABRT counts as 134) and printed the expected stderr text, and every wasm2native executable
matches every reference: the same exit status, byte-identical stdout, the same stderr up to the `wasm trap:`
report (each engine words its trap report its own way), and the same files left in the folder.
Prints one line per case (PASS or FAIL with the differences) and a summary; exits 1 if any case failed."""
import argparse
import concurrent.futures
import difflib
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 120


def compile_module(w2n, wasm, exe, level):
    start = time.time()
    r = subprocess.run([w2n, f"-O{level}", wasm, "-o", exe], capture_output=True, text=True)
    return r.returncode, r.stderr, time.time() - start


def tree(folder):
    """{relative path: bytes (None for a folder)} of everything under FOLDER."""
    files = {}
    if folder is None:
        return files
    for root, dirs, names in os.walk(folder):
        for d in dirs:
            files[os.path.relpath(os.path.join(root, d), folder) + "/"] = None
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, folder)] = f.read()
    return files


def run_case(out, prog, case, engine, exe):
    """Runs CASE on ENGINE ('native', 'node' or an -O level whose executable is EXE); returns
    (status, stdout bytes, stderr text, folder or None)."""
    base = os.path.join(out, "run", case["name"], engine)
    folder = None
    if case["dir"]:
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(case["dir"], base)
        folder = base
    where = folder if engine == "native" else case["guest"]
    args = [a.replace("{dir}", where or "") for a in case["args"]]
    env = {}
    if engine == "native":
        cmd, env = [prog["native"]] + args, dict(case["env"])
    elif engine == "node":
        config = base + ".json"
        os.makedirs(os.path.dirname(config), exist_ok=True)
        with open(config, "w") as f:
            json.dump({"wasm": prog["wasm"], "args": [prog["name"]] + args, "env": case["env"],
                       "preopens": {case["guest"]: folder} if folder else {}}, f)
        cmd = ["node", "--no-warnings", "--experimental-wasi-unstable-preview1", os.path.join(HERE, "node-wasi.mjs"), config]
        env = {"PATH": os.environ.get("PATH", "")}
    else:
        cmd = [exe] + args
        env = {f"W2N_ENV_{k}": v for k, v in case["env"].items()}
        if folder:
            env["W2N_DIR"] = f"{folder}::{case['guest']}"
    stdin = open(case["stdin"], "rb") if case["stdin"] else subprocess.DEVNULL
    try:
        r = subprocess.run(cmd, stdin=stdin, capture_output=True, env=env, timeout=TIMEOUT)
        status, stdout, stderr = r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        status, stdout, stderr = "timeout", b"", f"timed out after {TIMEOUT} s"
    finally:
        if case["stdin"]:
            stdin.close()
    if isinstance(status, int) and status < 0:
        status = 128 - status  # killed by a signal: the shell's convention, so SIGABRT is 134
    os.makedirs(os.path.dirname(base), exist_ok=True)
    with open(base + ".out", "wb") as f:
        f.write(stdout)
    with open(base + ".err", "w") as f:
        f.write(stderr)
    return status, stdout, stderr, folder


def without_trap_report(stderr):
    """STDERR up to the trap report (wasm2native's `wasm trap: MESSAGE` and `  in function NAME` lines,
    node-wasi.mjs's `wasm trap: MESSAGE`), which ends the output. The report is cut wherever it starts:
    a program's last message may lack its newline (libc++'s abort message does)."""
    return stderr.split("wasm trap: ", 1)[0]


def text_diff(a, b, name_a, name_b):
    lines = list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), name_a, name_b, n=1))
    return "".join(lines[:20]) + ("    ...\n" if len(lines) > 20 else "")


def check_case(out, prog, case, exes):
    """Runs one case on every engine; returns a list of problems (empty: PASS)."""
    problems = []
    refs = {}
    if prog["native"]:
        refs["native"] = run_case(out, prog, case, "native", None)
    if prog["node"]:
        refs["node"] = run_case(out, prog, case, "node", None)
    for name, (status, stdout, stderr, _) in refs.items():
        if status != case["status"]:
            problems.append(f"reference {name} exited {status}, expected {case['status']}\n{stderr[-2000:]}")
        if case["stderr"] and case["stderr"] not in stderr:
            problems.append(f"reference {name}'s stderr lacks {case['stderr']!r}: {stderr[-2000:]!r}")
    for level, exe in exes.items():
        status, stdout, stderr, folder = run_case(out, prog, case, level, exe)
        for name, (rstatus, rstdout, rstderr, rfolder) in refs.items():
            if status != rstatus:
                problems.append(f"{level}: exit status {status}, {name} {rstatus}")
            if stdout != rstdout:
                problems.append(f"{level}: stdout differs from {name}\n" + text_diff(
                    rstdout.decode("utf-8", "replace"), stdout.decode("utf-8", "replace"), name, level))
            if without_trap_report(stderr) != without_trap_report(rstderr):
                problems.append(f"{level}: stderr differs from {name}\n" + text_diff(
                    without_trap_report(rstderr), without_trap_report(stderr), name, level))
            mine, theirs = tree(folder), tree(rfolder)
            if mine != theirs:
                diffs = sorted(k for k in set(mine) | set(theirs) if mine.get(k, 0) != theirs.get(k, 0))
                problems.append(f"{level}: files differ from {name}: {diffs[:10]}")
        if case["status"] == 134 and "wasm trap:" not in stderr:
            problems.append(f"{level}: aborted without a `wasm trap:` report on stderr")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--wasm2native", required=True)
    ap.add_argument("-O", dest="levels", default="0,2", help="comma-separated -O levels (default 0,2)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel compiles and runs (default 2)")
    ap.add_argument("--report", help="also write the report to this file")
    opts = ap.parse_args()
    out = os.path.abspath(opts.out)
    report = open(opts.report, "w") if opts.report else None

    def say(line):
        print(line, flush=True)
        if report:
            report.write(line + "\n")
    with open(os.path.join(out, "cases.json")) as f:
        corpus = json.load(f)
    levels = opts.levels.split(",")
    failures = 0
    exes = {}
    compile_failed = set()
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        jobs = {}
        for prog in corpus["programs"]:
            for level in levels:
                exe = os.path.join(out, f"{prog['name']}.O{level}.exe")
                jobs[(prog["name"], level)] = pool.submit(compile_module, opts.wasm2native, prog["wasm"], exe, level)
                exes.setdefault(prog["name"], {})[f"O{level}"] = exe
        for (name, level), job in jobs.items():
            rc, err, secs = job.result()
            if rc != 0:
                say(f"FAIL compile {name} -O{level}: exit {rc}\n{err[-3000:]}")
                compile_failed.add(name)
                failures += 1
            else:
                say(f"compiled {name} -O{level} in {secs:.1f} s")
        cases = [(prog, case) for prog in corpus["programs"] if prog["name"] not in compile_failed for case in prog["cases"]]
        results = pool.map(lambda pc: check_case(out, pc[0], pc[1], exes[pc[0]["name"]]), cases)
        for (prog, case), problems in zip(cases, results):
            refs = "+".join(r for r, on in (("native", prog["native"]), ("node", prog["node"])) if on)
            if problems:
                failures += 1
                say(f"FAIL {case['name']} ({','.join(exes[prog['name']])} vs {refs}):")
                for p in problems:
                    say("    " + p.rstrip().replace("\n", "\n    "))
            else:
                say(f"PASS {case['name']} (exit {case['status']}; {','.join(exes[prog['name']])} vs {refs})")
    total = len(cases) + len(compile_failed) * len(levels)
    say(f"corpus {corpus['producer']}: {total - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
