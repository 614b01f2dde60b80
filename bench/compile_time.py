#!/usr/bin/env python3
"""compile_time.py: wasm2native's compile time and peak memory on given modules, per -O level.

Usage: python3 bench/compile_time.py [--wasm2native PATH] [--levels 0,1,2] [--threads 2] MODULE.wasm...

For each module and level, runs `wasm2native -OL --threads=N --time-report` under /usr/bin/time -v and
prints one Markdown table row: wall time, CPU time (user + system, all threads), peak RSS, and from
--time-report the CPU seconds of the partitions by phase (translate, optimise, generate code) and of the
slowest partition, which bounds the wall time from below whatever the number of cores. On a machine shared
with other work, wall time stretches with the load (printed with each row) but CPU time barely does: compare
CPU times, and read wall time as at most CPU / threads on idle cores (or the slowest partition, if more).

Large inputs: scripts/gen-large-module.py builds a 30 MB module from SQLite copies and huge functions
(docs/compile-time.md). Nothing here is a test: no time is asserted anywhere.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(w2n, wasm, level, threads):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["/usr/bin/time", "-v", w2n, wasm, f"-O{level}", f"--threads={threads}", "--time-report",
               "--no-progress", "-o", os.path.join(tmp, "out")]
        load = os.getloadavg()[0]
        r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"compile_time.py: ERROR: {' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    err = r.stderr

    def field(name):
        m = re.search(rf"{re.escape(name)}: (.*)", err)
        return m.group(1).strip() if m else ""

    wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss_mb = int(field("Maximum resident set size (kbytes)")) / 1024
    row = {"wall": wall, "cpu": cpu, "rss": rss_mb, "load": load, "partitions": 1, "huge": 0,
           "translate": None, "optimise": None, "codegen": None, "slowest": None}
    m = re.search(r"(\d+) partitions \((\d+) of a huge function\): translate ([\d.]+), optimise ([\d.]+), "
                  r"generate code ([\d.]+)", err)
    if m:
        row.update(partitions=int(m.group(1)), huge=int(m.group(2)), translate=float(m.group(3)),
                   optimise=float(m.group(4)), codegen=float(m.group(5)))
        s = re.search(r"^partition \d+ \((\d+) instructions, largest function (\d+)[^)]*\): ([\d.]+)", err, re.M)
        row["slowest"] = f"{float(s.group(3)):.1f} ({int(s.group(1))} instr.)"
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("modules", nargs="+")
    ap.add_argument("--wasm2native", default=os.path.join(HERE, "..", "build", "bin", "wasm2native"))
    ap.add_argument("--levels", default="0,1,2")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    print("| module | size (MB) | -O | wall (s) | CPU (s) | peak RSS (MB) | load avg | partitions (huge) "
          "| translate / optimise / codegen CPU (s) | slowest partition CPU (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for wasm in a.modules:
        for level in a.levels.split(","):
            r = measure(a.wasm2native, wasm, level, a.threads)
            phases = ("-" if r["translate"] is None
                      else f"{r['translate']:.1f} / {r['optimise']:.1f} / {r['codegen']:.1f}")
            print(f"| {os.path.basename(wasm)} | {os.path.getsize(wasm) / 1e6:.1f} | {level} | {r['wall']:.1f} "
                  f"| {r['cpu']:.1f} | {r['rss']:.0f} | {r['load']:.1f} | {r['partitions']} ({r['huge']}) "
                  f"| {phases} | {r['slowest'] or '-'} |", flush=True)


if __name__ == "__main__":
    main()
