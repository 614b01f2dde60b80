#!/usr/bin/env python3
"""run.py: wasm2native's benchmark suite: builds the corpus, runs every variant, writes docs/performance.md.

The corpus (bench/corpus.py, which says how each benchmark is sized, built and checked) is built from
source here, in four groups: the kernels in bench/kernels/; the real programs of bench/programs/ (zlib,
bzip2 and Lua 5.4); the 30 kernels of PolyBench/C 4.2.1 from shared/benchmarks (../shared beside the
checkout, or W2N_SHARED), unmodified; and SQLite 3.40's speedtest1 (--memdb --size 60). The Debian sources
are unpacked under /var/cache/wasm2native/src by scripts/setup.sh (or ZLIB_SRC / BZIP2_SRC / LUA_SRC /
SQLITE_SRC); a group whose sources are absent is left out with a note. Each benchmark is compiled with
clang-19 -O2 -c and linked without -O (so binaryen's wasm-opt, if installed, never runs), natively and to
wasm32-wasi. Variants per benchmark:
  native       clang-19 -O2, the limit
  native-march clang-19 -O2 -march=native: the native build for the same CPU features that wasm2native
               uses by default (--cpu=native), for a stricter comparison
  wasm2native  wasm2native -O2 of the wasm
  wasm2c       wabt's wasm2c, then clang-19 -O2 (with the small WASI glue in peers/wasm2c_main.c)
  node         Node's WASI (peers/run-node.mjs)
  wasm2native-simd128, node-simd128  for the kernels in SIMD_KERNELS only (those whose loops clang
               vectorizes), the wasm built with -msimd128 as well, run like wasm2native and node: reported
               in a table of their own, outside the geometric means (they cover only those kernels)
Runs are interleaved (round-robin over variants) and the median of --runs is kept; the report gives the
run-time ratio to native of every benchmark, the geometric mean per group and over all, the standing against
issue 13's goals, compile time and peak memory for the largest module, executable sizes, and hello world's
start-up time. Every variant's output must equal the native output (speedtest1's with its times removed),
or the benchmark is reported as wrong for that variant; a variant that fails to build or run is reported as
failed and the bench goes on. PolyBench and SQLite have a checking run as well (a -DPOLYBENCH_DUMP_ARRAYS
build; speedtest1 --verify), compared exactly, except that floating-point dumps may differ from native's
within corpus.FLOAT_TOLERANCE where -march=native brings FMA contraction (marked in the report).
Parallel compilation is measured on the largest module and on a generated one of about 1 MB
(test/cli/Inputs/big-module.py): wasm2native -O2 with --threads=1 and with all cores, wall time (best of 3)
with the load average at the time, and the critical path in CPU time (main thread + busiest partition
thread, sampled from /proc), which a shared machine does not stretch.

Run time is CPU time by default (--clock=wall for wall-clock time), which other processes on a shared
machine disturb far less.

Usage: python3 bench/run.py [--runs N] [--only NAME|GROUP,...] [--no-report] [--no-scaling] [--clock cpu|wall]
(GROUP: kernels, programs, polybench, sqlite). The whole bench takes roughly 40 minutes on 2 idle cores (estimated).
"""
import argparse, concurrent.futures, math, os, platform, resource, shutil, statistics, subprocess, sys, time

from corpus import FLOAT_TOLERANCE, GROUPS, corpus

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("W2N_BUILD_DIR", os.path.join(ROOT, "build"))
OUT = os.path.join(BUILD, "bench")
W2N = os.path.join(BUILD, "bin", "wasm2native")
PEERS = os.path.join(ROOT, "bench", "peers")
BIG_MODULE = os.path.join(ROOT, "test", "cli", "Inputs", "big-module.py")
WASM2C_RT = "/usr/share/wabt/wasm2c/wasm-rt-impl.c"
VARIANTS = ["native", "wasm2native", "wasm2c", "node", "native-march"]
# Kernels whose hot loops clang vectorizes natively (the baseline's SSE2), where wasm without SIMD
# leaves wasm2native to vectorize alone: they are also built with -msimd128.
SIMD_KERNELS = ["mandelbrot", "matmul", "nbody", "stencil"]
SIMD, NODE_SIMD = "wasm2native-simd128", "node-simd128"
CLOCK = "cpu"  # --clock


def sh(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return r


def timed(cmd, clock=None, env=None, check=True):
    """Runs cmd under /usr/bin/time; returns (seconds, peak KiB, stdout).

    seconds is the child's CPU time (user + system, from getrusage, so including its threads) with
    --clock=cpu, or wall-clock time with --clock=wall. CPU time is the default because the machine may
    be shared: other processes stretch wall time but not the CPU time a program needs. env is added to
    the environment. If cmd fails: raises, or with check=False returns (None, the end of its stderr, None)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True,
                       env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        if not check:
            return None, r.stderr[-500:], None
        raise RuntimeError(f"{cmd[0]} failed: {r.stderr[-500:]}")
    kib = int(r.stderr.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return (wall if (clock or CLOCK) == "wall" else cpu), kib, r.stdout


def compile_link(target, flags, srcs, out, ldflags):
    """clang-19 -O2 -c of each source, then a link without -O (clang's wasm driver runs binaryen's wasm-opt on
    -O links when it is on PATH, which would make the measured wasm depend on what is installed)."""
    objdir = out + ".obj"
    os.makedirs(objdir, exist_ok=True)
    objs = []
    for i, src in enumerate(srcs):
        objs.append(os.path.join(objdir, f"{i}-{os.path.basename(src)}.o"))
        sh(["clang-19"] + target + ["-O2", "-w"] + flags + ["-c", src, "-o", objs[-1]])
    sh(["clang-19"] + target + objs + ["-o", out] + ldflags)


def build(b, d, extra_cflags, simd=False):
    """Builds every variant of Bench b in folder d: returns ({variant: command}, {variant: error}, compile
    stats, sizes). The clang builds run in parallel; wasm2native's and wasm2c's compiles, which are
    measured, run alone. A variant that fails to build is left out and reported as failed."""
    os.makedirs(d, exist_ok=True)
    flags = b.cflags + extra_cflags
    wasm = ["--target=wasm32-wasi"]
    jobs = {"native": ([], flags, f"{d}/native", ["-lm"]),
            "native-march": (["-march=native"], flags, f"{d}/native-march", ["-lm"]),
            "wasm": (wasm, flags + b.wasm_cflags, f"{d}/{b.name}.wasm", b.wasm_ldflags)}
    if simd:
        jobs["simd"] = (wasm + ["-msimd128"], flags + b.wasm_cflags, f"{d}/{b.name}-simd.wasm", b.wasm_ldflags)
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        done = {k: pool.submit(compile_link, t, f, b.srcs, o, l) for k, (t, f, o, l) in jobs.items()}
    for f in done.values():
        f.result()  # a clang failure is a broken bench: stop
    exe = {"native": [f"{d}/native"], "native-march": [f"{d}/native-march"]}
    failed = {}
    w2n_time, w2n_mem, _ = timed([W2N, "-O2", f"{d}/{b.name}.wasm", "-o", f"{d}/wasm2native"], check=False)
    compile_stats = {}
    if w2n_time is None:
        failed["wasm2native"] = w2n_mem
    else:
        exe["wasm2native"] = [f"{d}/wasm2native"]
        compile_stats["wasm2native"] = (w2n_time, w2n_mem)
    if simd:
        try:
            sh([W2N, "-O2", f"{d}/{b.name}-simd.wasm", "-o", f"{d}/{SIMD}"])
            exe[SIMD] = [f"{d}/{SIMD}"]
        except RuntimeError as e:
            failed[SIMD] = str(e)[-500:]
        if shutil.which("node"):
            exe[NODE_SIMD] = ["node", "--no-warnings", f"{PEERS}/run-node.mjs", f"{d}/{b.name}-simd.wasm"]
    if shutil.which("wasm2c"):
        t0, m0, _ = timed(["wasm2c", f"{d}/{b.name}.wasm", "-n", "bench", "-o", f"{d}/bench.c"])
        t1, m1, _ = timed(["clang-19", "-O2", "-I", d, "-include", f"{d}/bench.h", f"{PEERS}/wasm2c_main.c",
                           f"{d}/bench.c", WASM2C_RT, "-o", f"{d}/wasm2c", "-lm"], check=False)
        if t1 is None:
            failed["wasm2c"] = m1
        else:
            compile_stats["wasm2c"] = (t0 + t1, max(m0, m1))
            exe["wasm2c"] = [f"{d}/wasm2c"]
    if shutil.which("node"):
        exe["node"] = ["node", "--no-warnings", f"{PEERS}/run-node.mjs", f"{d}/{b.name}.wasm"]
    sizes = {"native": os.path.getsize(f"{d}/native"), "wasm": os.path.getsize(f"{d}/{b.name}.wasm"),
             "wasm2native": os.path.getsize(f"{d}/wasm2native") if "wasm2native" in exe else None}
    return exe, failed, compile_stats, sizes


def first_difference(a, b):
    """Where two outputs part, for the console: line number and both lines, shortened."""
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: {x[:120]!r} vs native {y[:120]!r}"
    return f"{len(la)} lines vs native {len(lb)}"


def close_enough(a, b):
    """Whether two dumps differ only in numbers, each within corpus.FLOAT_TOLERANCE (absolute, relative)."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    absolute, relative = FLOAT_TOLERANCE
    for x, y in zip(ta, tb):
        if x == y:
            continue
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return False
        if not abs(fx - fy) <= absolute + relative * max(abs(fx), abs(fy)):
            return False
    return True


def check_outputs(b, exe, why):
    """The checking run (see corpus.Bench), once per variant, its stdout normalised by b.filter: returns {variant: "exact" | "close" | "wrong" |
    "failed" | "differs"}, and in why what went wrong per variant. The native build's output is the reference. The wasm variants all run the same wasm, so they
    must agree with each other exactly (with Node, or wasm2c without it); where b.check_float, the reference
    wasm engine and native-march may differ from native within FLOAT_TOLERANCE ("close")."""
    out = {}
    for v, cmd in exe.items():
        r = subprocess.run(cmd + b.check_args, capture_output=True, text=True, env={**os.environ, **b.env})
        out[v] = ((b.filter(r.stdout) if b.filter else r.stdout) + r.stderr) if r.returncode == 0 else None
        if r.returncode != 0:
            why[v] = f"checking run exited with {r.returncode}, stderr ending {r.stderr[-80:]!r}"
    ref = out["native"]
    wasm_ref = next((v for v in ("node", "wasm2c") if v in out), None)
    verdict = {}
    order = ["native", "native-march", wasm_ref] + [v for v in out if v not in ("native", "native-march", wasm_ref)]
    for v in [v for v in order if v in out]:
        o = out[v]
        if o is None:
            verdict[v] = "failed"
        elif o == ref:
            verdict[v] = "exact"
        elif v in ("native-march", wasm_ref) and b.check_float and close_enough(o, ref):
            verdict[v] = "close"
        elif v not in ("native", "native-march") and wasm_ref and v != wasm_ref and o == out[wasm_ref] \
                and verdict.get(wasm_ref) == "close":
            verdict[v] = "close"
        elif v == "native-march" and b.check_float:
            # Beyond the tolerance: a kernel that amplifies rounding (gramschmidt). Built with
            # -ffp-contract=off, native-march prints exactly what native prints, so FMA contraction is the
            # whole difference; its timing stays valid.
            verdict[v] = "differs"
            why[v] = "checking run (FMA contraction): " + first_difference(o, ref)
        else:
            verdict[v] = "wrong"
            why[v] = "checking run: " + first_difference(o, ref)
    return verdict


def excluded(r):
    """The variants of a result left out of the means: wrong output, or a checking run that crashed."""
    return r["wrong"] | r["check_failed"]


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def means(results, group=None):
    """Geometric mean of each variant's ratio to native over the benchmarks (of group) it ran correctly."""
    geo = {}
    for v in VARIANTS + [SIMD, NODE_SIMD]:
        ratios = [r["median"][v] / r["median"]["native"] for r in results.values()
                  if (group is None or r["group"] == group) and v in r["median"] and r["median"]["native"] > 0
                  and v not in excluded(r)]
        if ratios:
            geo[v] = geomean(ratios)
    return geo


def run_bench(b, runs):
    """Builds and runs one benchmark: its result entry (see main)."""
    d = os.path.join(OUT, b.name)
    exe, failed, cstats, sizes = build(b, d, b.timed_cflags, simd=b.name in SIMD_KERNELS)
    times = {v: [] for v in exe}
    expected = None
    wrong, why = set(), {}
    for _ in range(runs):
        for v, cmd in list(exe.items()):
            secs, err, out = timed(cmd + b.args, env=b.env, check=v == "native")
            if secs is None:
                failed[v] = err
                del exe[v], times[v]
                continue
            out = b.filter(out) if b.filter else out
            if v == "native":
                expected = out
            elif out != expected:
                wrong.add(v)
                why[v] = "timed run: " + first_difference(out, expected)
            times[v].append(secs)
    check, check_failed = {}, set()
    if b.check_cflags is not None:
        cexe = exe
        if b.check_cflags:
            cexe, cfailed, _, _ = build(b, os.path.join(d, "check"), b.check_cflags)
            cexe = {v: c for v, c in cexe.items() if v in exe}
        check = check_outputs(b, cexe, why)
        check.update({v: "failed" for v in exe if v not in cexe and v not in (SIMD, NODE_SIMD)})
        wrong |= {v for v, c in check.items() if c == "wrong"}
        # A variant whose checking run crashed is left out of the means too, but reported as such.
        check_failed = {v for v, c in check.items() if c == "failed"}
    med = {v: statistics.median(t) for v, t in times.items()}
    return {"group": b.group, "median": med, "compile": cstats, "sizes": sizes, "wrong": wrong,
            "failed": failed, "why": why, "close": {v for v, c in check.items() if c == "close"},
            "differs": {v for v, c in check.items() if c == "differs"}, "check_failed": check_failed,
            "checked": bool(check)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="", help="benchmarks or groups (" + ", ".join(GROUPS) + "), comma-separated")
    ap.add_argument("--no-report", action="store_true")
    ap.add_argument("--no-scaling", action="store_true", help="skip the parallel compilation measurements")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="run time measured as CPU time (default; robust on a shared machine) or wall time")
    args = ap.parse_args()
    global CLOCK
    CLOCK = args.clock
    if not os.path.exists(W2N):
        sys.exit(f"run.py: {W2N} not found: build first (ninja -C build)")
    benches = corpus()
    if args.only:
        only = set(args.only.split(","))
        unknown = only - {b.name for b in benches} - set(GROUPS)
        if unknown:
            sys.exit(f"run.py: --only: unknown benchmarks or groups: {', '.join(sorted(unknown))}")
        benches = [b for b in benches if b.name in only or b.group in only]
    benches.sort(key=lambda b: (GROUPS.index(b.group), b.name))
    # results: name -> {"group", "median": {variant: seconds}, "compile": {compiler: (seconds, KiB)},
    # "sizes", "wrong": variants with wrong output, "failed": {variant: error}, "close": variants whose
    # checked output matched native's only within the float tolerance, "checked": whether a checking run ran}
    results = {}
    t_start = time.perf_counter()
    for b in benches:
        print(f"== {b.name} ({b.group}): building", flush=True)
        r = results[b.name] = run_bench(b, args.runs)
        med = r["median"]
        print("   " + "  ".join(f"{v}={med[v]:.3f}s ({med[v] / med['native']:.2f}x)" for v in med)
              + (f"  WRONG OUTPUT: {sorted(r['wrong'])}" if r["wrong"] else "")
              + "".join(f"\n   {v}: {w}" for v, w in r["why"].items())
              + (f"  within tolerance: {sorted(r['close'])}" if r["close"] else "")
              + "".join(f"\n   FAILED {v}: {e.strip()}" for v, e in r["failed"].items()), flush=True)
    print(f"benchmarks took {time.perf_counter() - t_start:.0f} s wall")

    # Start-up: hello world, 50 runs, mean wall time.
    hello = os.path.join(OUT, "hello")
    os.makedirs(hello, exist_ok=True)
    sh([W2N, os.path.join(ROOT, "docs", "examples", "hello.wasm"), "-o", f"{hello}/hello"])
    t0 = time.perf_counter()
    for _ in range(50):
        subprocess.run([f"{hello}/hello"], capture_output=True, check=True)
    startup_ms = (time.perf_counter() - t0) / 50 * 1000
    hello_size = os.path.getsize(f"{hello}/hello")

    geo = means(results)
    print("geometric mean vs native: " + ", ".join(f"{v} {g:.3f}" for v, g in geo.items() if v in VARIANTS))
    print(f"hello world: {hello_size} bytes, {startup_ms:.2f} ms per run (including fork+exec)")
    scaling = [] if args.no_scaling else thread_scaling(results)
    if not args.no_report:
        write_report(results, geo, startup_ms, hello_size, args.runs, scaling)


def thread_cpu_times(cmd):
    """Runs cmd and samples /proc every 5 ms: returns (CPU seconds of its main thread, of each other thread).

    The main thread's CPU time is the serial part of a compile (decoding, planning the partitions,
    linking: it sleeps while the partition threads work); with one core per thread, the wall time
    on an idle machine would be about main + max(others). This measures that critical path in CPU
    seconds, which other processes on a shared machine do not stretch."""
    tick = os.sysconf("SC_CLK_TCK")
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = {}
    while p.poll() is None:
        try:
            for tid in os.listdir(f"/proc/{p.pid}/task"):
                with open(f"/proc/{p.pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                seen[int(tid)] = (int(fields[11]) + int(fields[12])) / tick
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
        time.sleep(0.005)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed")
    main = seen.pop(p.pid, 0.0)
    return main, sorted(seen.values(), reverse=True)


def thread_scaling(results):
    """Compile time of large modules with 1 thread and with all cores.

    Returns [(module, wasm bytes, wall 1 thread, wall all cores, CPU 1 thread, critical path, load)]."""
    modules = []
    if results:
        biggest = max(results, key=lambda n: results[n]["sizes"]["wasm"])
        modules.append((biggest, os.path.join(OUT, biggest, f"{biggest}.wasm")))
    big = os.path.join(OUT, "big-module")
    os.makedirs(big, exist_ok=True)
    with open(f"{big}/big.wat", "w") as f:
        subprocess.run([sys.executable, BIG_MODULE, "200", "150"], stdout=f, check=True)
    sh(["wat2wasm", f"{big}/big.wat", "-o", f"{big}/big.wasm"])
    modules.append(("generated (big-module.py 200 150)", f"{big}/big.wasm"))
    rows = []
    for label, wasm in modules:
        best = {}
        for _ in range(3):
            for threads in (1, 0):
                wall, _, _ = timed([W2N, "-O2", f"--threads={threads}", wasm, "-o", f"{big}/out{threads}"], "wall")
                best[threads] = min(best.get(threads, wall), wall)
        cpu = min(timed([W2N, "-O2", "--threads=1", wasm, "-o", f"{big}/out1"], "cpu")[0] for _ in range(3))
        if not open(f"{big}/out1", "rb").read() == open(f"{big}/out0", "rb").read():
            raise RuntimeError(f"{label}: --threads=1 and all cores gave different executables")
        critical, main = None, 0.0
        for _ in range(3):
            m, workers = thread_cpu_times([W2N, "-O2", "--threads=0", wasm, "-o", f"{big}/out0"])
            if critical is None or m + (workers[0] if workers else 0.0) < critical:
                critical, main = m + (workers[0] if workers else 0.0), m
        load = os.getloadavg()[0]
        rows.append((label, os.path.getsize(wasm), best[1], best[0], cpu, critical, load))
        print(f"compile {label}: 1 thread {best[1]:.2f}s, {os.cpu_count()} threads {best[0]:.2f}s wall; "
              f"{cpu:.2f}s CPU on 1 thread, critical path {critical:.2f}s CPU on {os.cpu_count()} "
              f"(serial {main:.2f}s + busiest partition thread); load average {load:.1f}; "
              "identical output", flush=True)
    return rows


def svg_chart(results, variants):
    """A grouped bar chart of run-time ratios to native, as a standalone SVG."""
    colors = {"wasm2native": "#2b6cb0", "wasm2c": "#dd6b20", "node": "#38a169", "native-march": "#718096"}
    names = list(results)
    # Narrower groups and slanted names once there are many benchmarks (the PolyBench kernels).
    step = 70 if len(names) <= 16 else 44
    width, height, left, bottom = 120 + step * len(names), 320 if step == 70 else 370, 50, 40 if step == 70 else 90
    top = max([results[n]["median"].get(v, 0) / results[n]["median"]["native"] for n in names for v in variants] + [1.5])
    top = math.ceil(top * 2) / 2
    y = lambda r: height - bottom - (height - bottom - 20) * r / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">']
    for k in range(int(top * 2) + 1):
        r = k / 2
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(r):.1f}" y2="{y(r):.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 5}" y="{y(r) + 4:.1f}" text-anchor="end">{r:.1f}x</text>')
    parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="#000" stroke-dasharray="4"/>')
    bw = (step - 10) / len(variants)
    for i, n in enumerate(names):
        x0 = left + 10 + step * i
        for j, v in enumerate(variants):
            if v not in results[n]["median"]:
                continue
            r = results[n]["median"][v] / results[n]["median"]["native"]
            parts.append(f'<rect x="{x0 + j * bw:.1f}" y="{y(r):.1f}" width="{bw - 2:.1f}" height="{y(0) - y(r):.1f}" fill="{colors[v]}"/>')
        if step == 70:
            parts.append(f'<text x="{x0 + 30}" y="{height - bottom + 15}" text-anchor="middle">{n}</text>')
        else:
            tx, ty = x0 + step / 2, height - bottom + 12
            parts.append(f'<text x="{tx:.1f}" y="{ty}" text-anchor="end" transform="rotate(-45 {tx:.1f} {ty})">{n}</text>')
    for j, v in enumerate(variants):
        parts.append(f'<rect x="{left + 10 + 110 * j}" y="4" width="10" height="10" fill="{colors[v]}"/>'
                     f'<text x="{left + 24 + 110 * j}" y="13">{v}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def write_report(results, geo, startup_ms, hello_size, runs, scaling):
    variants = [v for v in VARIANTS[1:] if any(v in r["median"] for r in results.values())]
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip(); break
    except OSError:
        pass
    lines = ["# Performance", "",
             "Generated by `python3 bench/run.py` (do not edit by hand). Machine: "
             f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}. "
             f"Each number is the median of {runs} interleaved runs of "
             + ("CPU time (user + system, all threads: Node's include its background compiler and GC threads), "
                "which a shared machine disturbs less than wall time"
                if CLOCK == "cpu" else "wall-clock time")
             + f"; ratios are run time divided by the native build's (clang-19 -O2), lower is better. "
             f"Load average during the run: {os.getloadavg()[0]:.1f}.", "",
             "![run time relative to native](performance.svg)", "",
             "Groups: kernels written for this bench (bench/kernels); real programs from Debian's source "
             "packages (bench/programs); the 30 kernels of PolyBench/C 4.2.1, unmodified, sized so that "
             "the native build runs about 0.5-1 s (bench/corpus.py lists the sizes; the O(N^2) ones repeat "
             "the whole program); SQLite 3.40's speedtest1 `--memdb --size 60` (the amalgamation of "
             "Debian's source). Output: every run's output must equal the native build's (speedtest1's "
             "without its times); PolyBench kernels are also built with `-DPOLYBENCH_DUMP_ARRAYS` and "
             "speedtest1 runs once more with `--verify`, and those outputs are compared too: \"exact\" "
             "means every variant printed what native printed; \"≈ V\" means variant V's dump differed "
             "from native's only in numbers within " + f"{FLOAT_TOLERANCE[0]:.2g} (the dumps print two "
             f"decimals) or a relative {FLOAT_TOLERANCE[1]:g}: expected of native-march, where clang "
             "contracts `a*b+c` into an FMA, which neither wasm nor the native baseline has; "
             "\"native-march differs (FMA)\" means a kernel amplified those roundings beyond the "
             "tolerance (built with -ffp-contract=off, native-march prints exactly what native prints). "
             "The wasm variants run the same wasm and must agree with each other exactly. \"wrong "
             "output\" variants, and those whose checking run crashed (\"check crashed\"), are left out "
             "of the means; \"failed\" means the variant did not build or run.", "",
             "| benchmark | native (s) | " + " | ".join(f"{v}" for v in variants) + " | output |",
             "|---|---|" + "---|" * len(variants) + "---|"]
    group_names = {"kernels": "Kernels", "programs": "Programs", "polybench": "PolyBench/C 4.2.1",
                   "sqlite": "SQLite"}
    groups = [g for g in GROUPS if any(r["group"] == g for r in results.values())]
    for g in groups:
        members = [n for n, r in results.items() if r["group"] == g]
        if len(groups) > 1:
            lines.append(f"| *{group_names[g]}* |" + " |" * (len(variants) + 2))
        for n in members:
            r = results[n]
            cells = []
            for v in variants:
                if v in r["failed"]:
                    cells.append("failed")
                elif v not in r["median"]:
                    cells.append("n/a")
                else:
                    cell = f"{r['median'][v] / r['median']['native']:.2f}x"
                    cells.append(cell + (" (wrong output)" if v in r["wrong"] else
                                         " (check crashed)" if v in r["check_failed"] else ""))
            notes = [f"wrong: {', '.join(sorted(r['wrong']))}"] if r["wrong"] else []
            notes += [f"checking run crashed: {', '.join(sorted(r['check_failed']))}"] if r["check_failed"] else []
            notes += [f"≈ {', '.join(sorted(r['close']))}"] if r["close"] else []
            notes += [f"{', '.join(sorted(r['differs']))} differs (FMA)"] if r["differs"] else []
            output = "; ".join(notes) or "exact"
            lines.append(f"| {n} | {r['median']['native']:.3f} | " + " | ".join(cells) + f" | {output} |")
        if len(groups) > 1 and len(members) > 1:
            gg = means(results, g)
            lines.append(f"| geometric mean, {group_names[g]} | | "
                         + " | ".join(f"{gg[v]:.3f}x" if v in gg else "n/a" for v in variants) + " | |")
    lines.append("| **geometric mean** | | " + " | ".join(f"**{geo[v]:.3f}x**" if v in geo else "n/a" for v in variants) + " | |")
    ok = {n: r for n, r in results.items() if "wasm2native" in r["median"] and "wasm2native" not in excluded(r)}
    ratio = {n: r["median"]["wasm2native"] / r["median"]["native"] for n, r in ok.items()}
    beats = [n for n, r in ok.items() if "wasm2c" in r["median"] and r["median"]["wasm2native"] < r["median"]["wasm2c"]]
    with_c = [n for n, r in ok.items() if "wasm2c" in r["median"]]
    slow = sorted((n for n in ratio if ratio[n] > 1.3), key=lambda n: -ratio[n])
    lines += ["", f"Against issue 13's goals: wasm2native's geometric mean is "
              + (f"{geo['wasm2native']:.3f}x" if "wasm2native" in geo else "n/a") + " native (goal <= 1.05x); "
              f"{len(slow)} of {len(ratio)} benchmarks above 1.3x (goal: none)"
              + (": " + ", ".join(f"{n} {ratio[n]:.2f}x" for n in slow) if slow else "")
              + f"; faster than wasm2c + clang on {len(beats)} of {len(with_c)} (goal >= 90%)"
              + (f"; SQLite {ratio['sqlite']:.2f}x (goal <= 1.15x)" if "sqlite" in ratio else "") + "."]
    simd = [n for n, r in results.items() if SIMD in r["median"]]
    if simd:
        lines += ["", "### With -msimd128", "",
                  "The kernels whose loops clang vectorizes, also compiled to wasm with `-msimd128` (the "
                  "same flags otherwise), so that the wasm itself carries 128-bit vectors; ratios to the "
                  "same native build.", "",
                  "| benchmark | wasm2native | wasm2native, -msimd128 | node | node, -msimd128 |",
                  "|---|---|---|---|---|"]
        for n in simd:
            r = results[n]
            cells = [(f"{r['median'][v] / r['median']['native']:.2f}x" if v in r["median"] else "n/a")
                     + (" (wrong output)" if v in excluded(r) else "") for v in ("wasm2native", SIMD, "node", NODE_SIMD)]
            lines.append(f"| {n} | " + " | ".join(cells) + " |")
        ratio = {n: results[n]["median"][SIMD] / results[n]["median"]["wasm2native"] for n in simd}
        faster = [n for n in simd if ratio[n] < 0.98]
        slower = [n for n in simd if ratio[n] > 1.02]
        lines += ["", "With wasm2native, the -msimd128 build against the scalar one: faster on "
                  + (", ".join(faster) or "none") + "; slower on " + (", ".join(slower) or "none")
                  + "; the rest within 2%. wasm2native vectorizes the scalar wasm's loops itself, to the "
                  "host's vector width (`--cpu=native`: 256 bits with AVX2), whereas wasm SIMD fixes the "
                  "width at 128 bits; where clang vectorizes what LLVM cannot rediscover in the scalar "
                  "wasm, -msimd128 wins."]
        node = [n for n in simd if NODE_SIMD in results[n]["median"]]
        if node:
            faster = [n for n in node if results[n]["median"][NODE_SIMD] < results[n]["median"]["node"]]
            lines[-1] += (f" Node, which does not vectorize scalar wasm, runs the -msimd128 build faster on "
                          f"{len(faster)} of {len(node)}.")
    strict = [r["median"]["wasm2native"] / r["median"]["native-march"] for r in results.values()
              if "native-march" in r["median"] and "wasm2native" in r["median"]
              and not {"wasm2native", "native-march"} & excluded(r)]
    strict_geo = math.exp(sum(math.log(x) for x in strict) / len(strict)) if strict else None
    biggest = max(results, key=lambda n: results[n]["sizes"]["wasm"])
    c = results[biggest]["compile"]
    lines += ["", "## What makes it fast", "",
              "- **No bounds checks** on 64-bit hosts: guard pages fault instead, and the memory base is an "
              "invariant load that LLVM hoists out of loops (docs/traps-and-bounds.md).",
              "- **Load anchors that vectorize.** A dead wasm load must still trap, so each load feeds a "
              "placeholder call that LLVM may not delete. Through the pipeline the placeholder only writes "
              "memory no IR can see and has vector variants, so the loop and SLP vectorizers widen it with "
              "its load; after the pipeline it becomes an empty inline asm that the code generator cannot "
              "delete (CodeGen/LoadAnchors.cpp). Before this change the anchor was an asm from the start, "
              "opaque to the vectorizer: measured like this table on the same machine, matmul ran at 1.99x "
              "native, stencil at 2.24x and the geometric mean was 1.18x (wall-clock report of the time: "
              "1.57x, 3.13x, 1.20x).",
              "- **LLVM's own -O2 pipeline** (the one clang uses), with loop and SLP vectorization, for the "
              "host CPU by default.",
              "- **Address versioning** (CodeGen/AddressVersioning.cpp): a wasm address is a 32-bit value that "
              "may wrap, so LLVM cannot see `base + zext(i + c)` as an affine function of the loop counter and "
              "gives up on vectorizing and on hoisting bounds. Innermost loops whose addresses have that form "
              "get a copy guarded by one run-time check per address stream (no 32-bit wrap over the loop's "
              "trip count, and disjoint streams), in which addresses are 64-bit induction variables; the "
              "original loop runs when a check fails. Before it, PolyBench/C's gemm ran at 2.34x native and "
              "jacobi-1d at 2.77x. A loop that counts an i32 offset up to zero (clang's strength-reduced "
              "form) first gets back the exit test `trunc(k) == 0`, which InstCombine masks into "
              "`(k & 0xfffffff8) == 0` once the counter is 64-bit, a form whose trips ScalarEvolution does "
              "not count beyond 100: without this, heat-3d ran at 1.86x native and jacobi-2d at 1.47x.",
              "- **Functions that can disappear.** Only functions that a reference can name (element "
              "segments, exports, ref.func) have their address stored, and a trap names its function with a "
              "string rather than the function's address; the table that names functions for faults is "
              "built after optimisation (CodeGen/FunctionNames.cpp). So a function inlined into its callers "
              "is deleted and its arguments can be simplified, as in native code (hello world went from "
              "63 KB to 54 KB).",
              "- **Parallel compilation** of executables and embedded objects: a large module is split, "
              "planned from the wasm before any translation, into partitions whose number and contents "
              "depend only on it (CodeGen/Partition.cpp): a "
              "function called from one function only stays with its caller, and each partition keeps "
              "copies of the small functions it calls in others, so that it can inline them, as ThinLTO "
              "imports do. Each partition is translated to LLVM IR, runs the whole pipeline and is compiled on its own thread "
              "with its own LLVMContext; the objects are linked in a fixed order, so the executable is the "
              "same bytes on any number of threads (`--threads`, test/cli/threads.test, "
              "test/cli/partitions.test). Before, inlining ran on the whole module first, serially: the "
              "critical path on 2 threads was 1.10 s of CPU for zlib and 6.69 s for the generated module "
              "(speed-ups of 1.35x and 1.46x; see below for today's).", "",
              "The native build uses clang's default x86-64 baseline, while wasm2native compiles for the "
              "host CPU by default (`--cpu=native`); a ratio below 1 usually comes from wider vectors. "
              "The native-march column is clang -O2 -march=native, the native build for the same CPU "
              "features: against it, wasm2native's geometric mean is "
              + (f"{strict_geo:.3f}x" if strict_geo else "n/a") + "."]
    lines += ["", "## Compilation", "",
              "Compile time and memory of SQLite and of a generated 30 MB module, where the time goes and "
              "the rule for huge functions: docs/compile-time.md (`bench/compile_time.py`).", "",
              f"Largest module: `{biggest}` ({results[biggest]['sizes']['wasm']} bytes of wasm). Time is "
              + ("CPU time, summed over threads" if CLOCK == "cpu" else "wall-clock time") + ".", "",
              "| compiler | time (s) | peak memory (MiB) |", "|---|---|---|"]
    for v, (t, m) in c.items():
        lines.append(f"| {v}{' + clang-19 -O2' if v == 'wasm2c' else ' -O2'} | {t:.2f} | {m / 1024:.0f} |")
    lines += ["", "Parallel optimisation and code generation (`--threads`). Wall-clock times are the best of 3 and show the "
              "speed-up only on an otherwise idle machine (see the load average, taken at the end). The "
              "CPU columns depend much less on the load (best of 3 each): the 1-thread compile's CPU time, and the critical "
              f"path with {os.cpu_count()} threads, i.e. the CPU time of the main thread (decoding, "
              "planning the partitions, linking) plus that of the busiest partition thread (the translation, "
              "optimisation and code generation of its partitions): about the wall time an idle machine would take. The "
              "executables are identical.", "",
              f"| module | wasm (bytes) | 1 thread, wall (s) | {os.cpu_count()} threads, wall (s) | "
              f"1 thread, CPU (s) | {os.cpu_count()} threads, critical path (CPU s) | load average |",
              "|---|---|---|---|---|---|---|"]
    for label, size, t1, tn, cpu, critical, load in scaling:
        lines.append(f"| {label} | {size} | {t1:.2f} | {tn:.2f} | {cpu:.2f} | {critical:.2f} | {load:.1f} |")
    lines += ["", "## Size and start-up", "",
              f"Hello world (docs/examples/hello.wasm): {hello_size} bytes, static; "
              f"{startup_ms:.2f} ms per run including fork and exec.", "",
              "| benchmark | wasm (bytes) | native exe | wasm2native exe |", "|---|---|---|---|"]
    for n, r in results.items():
        s = r["sizes"]
        lines.append(f"| {n} | {s['wasm']} | {s['native']} | {s['wasm2native'] or 'failed'} |")
    open(os.path.join(ROOT, "docs", "performance.md"), "w").write("\n".join(lines) + "\n")
    open(os.path.join(ROOT, "docs", "performance.svg"), "w").write(svg_chart(results, variants))
    print("wrote docs/performance.md and docs/performance.svg")


if __name__ == "__main__":
    main()
