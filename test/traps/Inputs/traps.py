"""traps.py: compiles one module per trap kind at -O0 and -O2 and checks each executable's trap.

For every case the executable must exit with status 134 and print `wasm trap: MESSAGE` then
`in function NAME` on stderr, where NAME is the function that trapped. A control case that must not
trap runs too, so a runtime that traps on everything cannot pass.
"""
import os, subprocess, sys

compiler, outdir = sys.argv[1:3]

def module(body, extra=""):
    return f"""(module
  (type $v (func))
  (type $i (func (result i32)))
  (memory 1)
  (table 4 funcref)
  (elem (i32.const 0) $ok $ret_i32)
  {extra}
  (func $ok)
  (func $ret_i32 (result i32) (i32.const 1))
  (func $victim (export "victim") {body})
  (func $_start (export "_start") (call $victim)))"""

# A counted loop over addresses [start, end] in steps of 4, with `body` reading local 0 (the address);
# the victim's first local (a second, f32, local is added where a sum needs one).
LOOP = """(local i32) (local.set 0 (i32.const {start}))
  (loop $l {body}
    (local.set 0 (i32.add (local.get 0) (i32.const 4)))
    (br_if $l (i32.le_u (local.get 0) (i32.const {end}))))"""

CASES = [
    ("unreachable", "unreachable", "unreachable"),
    ("div_s_zero", "(drop (i32.div_s (i32.const 1) (i32.const 0)))", "integer divide by zero"),
    ("div_u_zero", "(drop (i64.div_u (i64.const 1) (i64.const 0)))", "integer divide by zero"),
    ("rem_s_zero", "(drop (i32.rem_s (i32.const 1) (i32.const 0)))", "integer divide by zero"),
    ("div_overflow", "(drop (i32.div_s (i32.const 0x80000000) (i32.const -1)))", "integer overflow"),
    ("div64_overflow", "(drop (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))", "integer overflow"),
    ("trunc_nan", "(drop (i32.trunc_f32_s (f32.const nan)))", "invalid conversion to integer"),
    ("trunc_big", "(drop (i32.trunc_f64_u (f64.const 4294967296)))", "integer overflow"),
    ("trunc_neg", "(drop (i64.trunc_f32_u (f32.const -1)))", "integer overflow"),
    ("load_unused", "(drop (i32.load (i32.const 65536)))", "out of bounds memory access"),
    ("load_unused_offset", "(drop (i64.load offset=0xffffffff (i32.const 0xffffffff)))", "out of bounds memory access"),
    ("load_into_dead_local", "(local i32) (local.set 0 (i32.load8_u (i32.const 70000)))", "out of bounds memory access"),
    ("load_straddle", "(drop (i32.load (i32.const 65534)))", "out of bounds memory access"),
    ("store", "(i32.store (i32.const 65536) (i32.const 1))", "out of bounds memory access"),
    ("fill", "(memory.fill (i32.const 65000) (i32.const 0) (i32.const 1000))", "out of bounds memory access"),
    ("copy", "(memory.copy (i32.const 0) (i32.const 65000) (i32.const 1000))", "out of bounds memory access"),
    ("table_get", "(drop (table.get 0 (i32.const 4)))", "out of bounds table access"),
    ("call_indirect_null", "(call_indirect (type $v) (i32.const 3))", "uninitialized element"),
    ("call_indirect_oob", "(call_indirect (type $v) (i32.const 4))", "undefined element"),
    ("call_indirect_type", "(call_indirect (type $v) (i32.const 1))", "indirect call type mismatch"),
    ("recursion", "(call $victim)", "call stack exhausted"),
    # Loops the vectorizer widens at -O2 (the anchors have vector variants): the last iteration's
    # access is out of bounds, so the widened loop or its scalar remainder must still fault. From
    # start=4 the trip count (16384) is a multiple of any vector width, so the widened loop itself
    # makes the faulting access; from start=0 one scalar iteration remains and makes it.
    ("loop_dead_loads", LOOP.format(start=0, end=65536, body="(drop (i32.load (local.get 0)))"),
     "out of bounds memory access"),
    ("loop_dead_loads_wide", LOOP.format(start=4, end=65536, body="(drop (f64.load (local.get 0)))"),
     "out of bounds memory access"),
    ("loop_dead_straddle", LOOP.format(start=2, end=65534, body="(drop (i32.load (local.get 0)))"),
     "out of bounds memory access"),
    ("loop_dead_bytes", LOOP.format(start=4, end=65536, body="(drop (i32.load8_u (local.get 0)))"),
     "out of bounds memory access"),
    ("loop_dropped_sum", LOOP.replace("(local i32)", "(local i32 f32)").format(start=4, end=65536,
     body="(local.set 1 (f32.add (local.get 1) (f32.load (local.get 0))))"), "out of bounds memory access"),
    ("loop_copy", LOOP.format(start=4, end=65536,
     body="(i32.store (i32.sub (local.get 0) (i32.const 4)) (i32.load (local.get 0)))"),
     "out of bounds memory access"),
    # A dead load is not moved past what follows it: not into a loop that never exits, nor past a
    # trap of another kind, nor past a call.
    ("load_then_hang", "(drop (i32.load (i32.const 65536))) (loop $l (br $l))", "out of bounds memory access"),
    ("load_then_unreachable", "(drop (i64.load (i32.const 65536))) unreachable", "out of bounds memory access"),
    ("load_then_div_zero", "(drop (f64.load (i32.const 65536))) (drop (i32.div_u (i32.const 1) (i32.const 0)))",
     "out of bounds memory access"),
    ("load_then_call", "(drop (i32.load16_s (i32.const 65536))) (call_indirect (type $v) (i32.const 3))",
     "out of bounds memory access"),
]

failures = 0
ran = 0
def check(name, level, wat, message, trap=True):
    global failures, ran
    ran += 1
    base = os.path.join(outdir, f"{name}-O{level}")
    open(base + ".wat", "w").write(wat)
    subprocess.run(["wat2wasm", "--enable-all", "--debug-names", base + ".wat", "-o", base + ".wasm"], check=True)
    c = subprocess.run([compiler, f"-O{level}", base + ".wasm", "-o", base], capture_output=True, text=True)
    if c.returncode != 0:
        print(f"FAIL {name} -O{level}: compile: {c.stderr}"); failures += 1; return
    r = subprocess.run([base], capture_output=True, text=True, timeout=20)
    if not trap:
        if r.returncode != 0:
            print(f"FAIL {name} -O{level}: exit {r.returncode}: {r.stderr}"); failures += 1
        return
    # At -O2 LLVM may inline victim into _start; the report then names _start, the function the
    # faulting code belongs to.
    want = f"wasm trap: {message}\n  in function victim\n"
    inlined = f"wasm trap: {message}\n  in function _start\n"
    if r.returncode != 134 or (r.stderr != want and not (level == 2 and r.stderr == inlined)):
        print(f"FAIL {name} -O{level}: exit {r.returncode}, stderr {r.stderr!r}, want {want!r}")
        failures += 1

for level in (0, 2):
    for name, body, message in CASES:
        check(name, level, module(body), message)
    check("no_trap", level, module("(drop (i32.load (i32.const 65532))) (drop (i32.div_s (i32.const 0x80000000) (i32.const 2)))"), "", trap=False)
    # The widened loops read no byte the wasm loop does not: reading up to the last byte is fine.
    check("no_trap_loop", level, module(LOOP.replace("(local i32)", "(local i32 f32)").format(start=0, end=65532,
          body="(drop (i32.load (local.get 0))) (local.set 1 (f32.add (local.get 1) (f32.load (local.get 0))))")),
          "", trap=False)
print(f"{ran - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
