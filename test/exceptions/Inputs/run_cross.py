"""run_cross.py WASM2NATIVE EH.WASM DIR: compiles Inputs/eh-exe.wat's module for each cross target at -O0
and -O2 (in parallel, two at a time) and runs its exports under QEMU; prints one line per target and
level: the results in order, then the exit status of the uncaught case (for cross.test)."""
import concurrent.futures
import os
import subprocess
import sys

TARGETS = [("aarch64-linux", "qemu-aarch64-static"), ("armv7-linux", "qemu-arm-static"),
           ("riscv64-linux", "qemu-riscv64-static")]
CALLS = [["locals", "20"], ["locals", "10"], ["unlink", "10"], ["ret"], ["delegate"], ["rethrow"], ["loop_around", "10"]]
w2n, wasm, out = sys.argv[1:4]


def one(job):
    target, qemu, opt = job
    exe = os.path.join(out, "eh-%s-O%s" % (target, opt))
    p = subprocess.run([w2n, "-O" + opt, "--target=" + target, wasm, "-o", exe], capture_output=True, text=True)
    if p.returncode != 0:
        return "%s -O%s: compile failed: %s" % (target, opt, p.stderr.strip())
    values = []
    for call in CALLS:
        r = subprocess.run([qemu, exe, "--invoke=" + call[0]] + call[1:], capture_output=True, text=True)
        values.append(r.stdout.strip() if r.returncode == 0 else "status%d" % r.returncode)
    r = subprocess.run([qemu, exe, "--invoke=uncaught"], capture_output=True, text=True)
    return "%s -O%s: %s uncaught:%d" % (target, opt, " ".join(values), r.returncode)


jobs = [(t, q, o) for t, q in TARGETS for o in ("0", "2")]
with concurrent.futures.ThreadPoolExecutor(2) as pool:
    for line in pool.map(one, jobs):
        print(line)
