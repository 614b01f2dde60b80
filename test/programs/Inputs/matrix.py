#!/usr/bin/env python3
"""matrix.py: one real program (test/programs) through the extra cells of the test matrix.

Each --cpu CPU is a cell at -O2: the wasm is compiled with --cpu=CPU and, when the host can run code
for that CPU (test/hostcpu.py), run and compared with the native build: its stdout must equal
--expect, and each --cmp REL=FILE output file must be byte-identical to FILE. When the host cannot
run it, the cell only compiles and says so. Each --compile-only LEVEL is a cell that compiles at
-OLEVEL (default CPU) and checks that an executable was written.

{cell} in --flag values and in the program's arguments (after --) is replaced by the cell's own
scratch directory (created empty), so that cells writing output files do not share them.

Prints "cell -OL --cpu=CPU MODE: ok in T s" or "...: FAILED in T s" with the reason per cell and
ends with "N passed, M failed"; exits 1 if a cell failed.

  matrix.py --wasm2native W --wasm prog.wasm --work DIR --expect native.txt [--cmp data.gz=native/data.gz]
            [--flag=--dir={cell}::/out] --cpu generic --cpu x86-64-v2 ... --compile-only 1 ... -- /out
"""
import argparse
import filecmp
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import hostcpu  # noqa: E402  (test/hostcpu.py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasm2native", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--work", required=True, help="scratch directory (one subdirectory per cell)")
    ap.add_argument("--expect", required=True, help="the native build's stdout")
    ap.add_argument("--cmp", action="append", default=[], help="REL=FILE: the cell's {cell}/REL must equal FILE")
    ap.add_argument("--flag", action="append", default=[], help="extra wasm2native flag ({cell} substituted)")
    ap.add_argument("--cpu", action="append", default=[], help="a -O2 cell for this CPU (repeatable)")
    ap.add_argument("--compile-only", action="append", default=[], help="a compile-only cell at this -O level")
    ap.add_argument("args", nargs="*", help="the program's arguments ({cell} substituted)")
    opts = ap.parse_args()
    with open(opts.expect, "rb") as f:
        expected = f.read()

    cells = [("2", cpu, not hostcpu.can_run(cpu)) for cpu in opts.cpu]
    cells += [(level, "", True) for level in opts.compile_only]
    passed = failed = 0
    for level, cpu, compile_only in cells:
        name = "O%s-%s" % (level, cpu or "default")
        cell_dir = os.path.join(opts.work, name)
        os.makedirs(cell_dir, exist_ok=True)
        exe = os.path.join(opts.work, name + ".exe")
        if os.path.exists(exe):
            os.remove(exe)
        sub = lambda s: s.replace("{cell}", cell_dir)
        if not cpu:
            mode = "compile-only"
        elif compile_only:
            mode = "compile-only (host cannot run %s)" % cpu
        else:
            mode = "run"
        start = time.monotonic()
        cmd = [opts.wasm2native, "-O" + level, opts.wasm, "-o", exe] + [sub(f) for f in opts.flag]
        if cpu:
            cmd.append("--cpu=" + cpu)
        reason = ""
        c = subprocess.run(cmd, capture_output=True)
        if c.returncode != 0:
            reason = "compilation failed (%d): %s" % (c.returncode, c.stderr.decode("utf-8", "replace")[:400])
        elif not os.path.isfile(exe):
            reason = "the compiler exited 0 but wrote no executable"
        elif not compile_only:
            p = subprocess.run([exe] + [sub(a) for a in opts.args], capture_output=True, timeout=300)
            if p.returncode != 0:
                reason = "exit status %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[:400])
            elif p.stdout != expected:
                reason = "stdout differs from the native build's"
            for spec in opts.cmp:
                rel, want = spec.split("=", 1)
                got = os.path.join(cell_dir, rel)
                if not reason and not (os.path.isfile(got) and filecmp.cmp(got, want, shallow=False)):
                    reason = "%s differs from %s" % (got, want)
        cell = "cell -O%s --cpu=%s %s" % (level, cpu or "native", mode)
        if reason:
            failed += 1
            print("%s: FAILED in %.1f s\n    %s" % (cell, time.monotonic() - start, reason), flush=True)
        else:
            passed += 1
            print("%s: ok in %.1f s" % (cell, time.monotonic() - start), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
