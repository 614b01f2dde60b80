"""bounds.py: memory64 and multi-memory bounds in executables, at -O0 and -O2.

Each case is a module whose function `victim` either traps with "out of bounds memory access" (exit
134, the report naming victim, or _start into which -O2 may inline it) or runs to the end (exit 0;
its checks of results end in `unreachable`, which would trap with another message). Addresses come
from linear memory (A = the i64 at address 0, B = the i64 at 8, written by a data segment), so the
optimiser cannot fold the bounds checks away: the code's own compare decides.

wabt 1.0.32 accepts no memarg offset above 0xffffffff in text, so a case may write
`offset=0x7eadbeef` followed by five `nop`s: the 5-byte offset and the five 1-byte nops are replaced in
the binary by the 10-byte LEB128 of the u64 given as `big`, which keeps every size unchanged.

Usage: bounds.py WASM2NATIVE OUTDIR [TARGET WRAPPER]: with a cross target the executables run under
WRAPPER (QEMU); on a 32-bit target the cases that need a memory of 4 GiB or more are left out (no
such memory fits in its address space; growing to one fails, which grow_limits checks elsewhere).
"""
import os, struct, subprocess, sys

compiler, outdir = sys.argv[1:3]
target, wrapper = (sys.argv[3:5] + [None, None])[:2]
small_address_space = target is not None and target.startswith("armv7")
A = "(i64.load (i64.const 0))"
B = "(i64.load (i64.const 8))"
G4 = 0x1_0000_0000  # 4 GiB
PLACEHOLDER = "offset=0x7eadbeef nop nop nop nop nop"


def module(body, a=0, b=0, memory="(memory i64 1)", extra=""):
    data = "".join("\\%02x" % x for x in struct.pack("<QQ", a & (2**64 - 1), b & (2**64 - 1)))
    return f"""(module
  {memory}
  (data (memory 0) (i64.const 0) "{data}")
  {extra}
  (func $victim (export "victim") {body})
  (func $_start (export "_start") (call $victim)))"""


def leb(v, width):
    out = []
    for i in range(width):
        byte = v & 0x7F
        v >>= 7
        out.append(byte | (0x80 if i < width - 1 else 0))
    return bytes(out)


def must(cond):  # a check whose failure traps with "unreachable", not with the bounds message
    return f"(if (i32.eqz {cond}) (then unreachable))"


OOB = "out of bounds memory access"
CASES = [
    # name, module, trap?, big offset
    # Exactly at and beyond 4 GiB: a 65536-page memory ends at 4 GiB; a 1-page one at 64 KiB.
    ("last_word_below_4gib", module(f"(drop (i32.load {A}))", a=G4 - 4, memory="(memory i64 65536)"), False, None),
    ("straddle_4gib", module(f"(drop (i32.load {A}))", a=G4 - 3, memory="(memory i64 65536)"), True, None),
    ("at_4gib", module(f"(drop (i32.load8_u {A}))", a=G4, memory="(memory i64 65536)"), True, None),
    ("beyond_4gib", module(f"(drop (i64.load {A}))", a=G4 + 8), True, None),
    ("store_beyond_4gib", module(f"(i64.store {A} (i64.const 1))", a=G4), True, None),
    ("offset_to_4gib", module(f"(drop (i32.load offset=0xfffffffd {A}))", a=0, memory="(memory i64 65536)"), True, None),
    # Index + offset + size that overflow 64 bits must not wrap around into bounds.
    ("wrap_index_plus_1", module(f"(drop (i32.load8_u offset=1 {A}))", a=-1), True, None),
    ("wrap_index_plus_offset", module(f"(drop (i64.load offset=0xffffffff {A}))", a=-0x100), True, None),
    ("wrap_size", module(f"(drop (i64.load {A}))", a=-4), True, None),
    ("u64_offset_max", module(f"{A} i64.load {PLACEHOLDER} drop", a=0), True, 2**64 - 1),
    ("u64_offset_wraps_to_0", module(f"{A} i64.load8_u {PLACEHOLDER} drop", a=1), True, 2**64 - 1),
    ("fill_wraps", module(f"(memory.fill {A} (i32.const 0) (i64.const 0x200))", a=-0x100), True, None),
    ("copy_wraps", module(f"(memory.copy (i64.const 0) {A} (i64.const 0x200))", a=-0x100), True, None),
    ("init_beyond_4gib", module(f"(memory.init 1 {A} (i32.const 0) (i32.const 1))", a=G4,
                                extra='(data "x")'), True, None),
    # SIMD accesses take i64 addresses too: a whole vector, a lane, a splat, up to the last byte.
    ("simd_straddle", module(f"(drop (v128.load {A}))", a=0x10000 - 15), True, None),
    ("simd_last_bytes", module(
        f"(v128.store64_lane 1 {A} (v128.const i64x2 0 0x0102030405060708))"
        + must(f"(i64.eq (i64.load {A}) (i64.const 0x0102030405060708))")
        + must(f"(i32.eq (i8x16.extract_lane_u 15 (v128.load8_lane 15 {B} (v128.const i64x2 0 0))) (i32.const 2))")
        + must(f"(i32.eq (i16x8.extract_lane_u 7 (v128.load16_splat {B})) (i32.const 0x0102))"),
        a=0x10000 - 8, b=0x10000 - 2), False, None),
    ("simd_store_lane_straddle", module(f"(v128.store64_lane 0 {A} (v128.const i64x2 0 0))", a=0x10000 - 7),
     True, None),
    # memory.grow past 4 GiB, then accesses up to the new end, through 64-bit indices and offsets.
    ("grow_past_4gib", module(
        must("(i64.eq (memory.grow (i64.const 65536)) (i64.const 1))")
        + must("(i64.eq (memory.size) (i64.const 65537))")
        + f"(i64.store {A} (i64.const 0x1234))"  # at 4 GiB + 8
        + must(f"(i64.eq (i64.load {A}) (i64.const 0x1234))")
        + f"(i64.store {B} (i64.const 7))"  # the last 8 bytes
        + must(f"(i64.eq (i64.load {B}) (i64.const 7))")
        + f"(i64.const 0) i64.load {PLACEHOLDER} (i64.const 0x1234) i64.eq i32.eqz (if (then unreachable))",
        a=G4 + 8, b=G4 + 0x10000 - 8), False, G4 + 8),
    ("grow_past_4gib_oob", module(
        must("(i64.eq (memory.grow (i64.const 65536)) (i64.const 1))") + f"(drop (i64.load {A}))",
        a=G4 + 0x10000 - 7), True, None),
    # Past the runtime's 64 GiB reservation the memory moves (mremap): contents stay, the new end is
    # exact.
    ("grow_past_reservation", module(
        "(i64.store (i64.const 16) (i64.const 77))"
        + must("(i64.eq (memory.grow (i64.const 0x100001)) (i64.const 1))")
        + must("(i64.eq (i64.load (i64.const 16)) (i64.const 77))")
        + f"(i64.store {B} (i64.const 6))"
        + must(f"(i64.eq (i64.load {B}) (i64.const 6))")
        + f"(drop (i64.load8_u {A}))",
        a=0x1000020000, b=0x100001FFF8), True, None),
    ("grow_limits", module(
        must("(i64.eq (memory.grow (i64.const 2)) (i64.const -1))")
        + must("(i64.eq (memory.grow (i64.const 0x10000000000)) (i64.const -1))")
        + must("(i64.eq (memory.grow (i64.const -1)) (i64.const -1))")
        + must("(i64.eq (memory.grow (i64.const 1)) (i64.const 1))")
        + must("(i64.eq (memory.size) (i64.const 2))"),
        memory="(memory i64 1 2)"), False, None),
    # Multi-memory: memory 0 (i64, 1 page) holds A and B; $small (i32, 1 page) and $big (i64, 3 pages)
    # have their own sizes, data and growth, and memory.copy moves bytes between them.
    ("multi", module(
        must("(i32.eq (i32.load8_u $small (i32.const 5)) (i32.const 0x61))")
        + must("(i32.eq (i32.load8_u $big offset=0x20000 (i64.const 1)) (i32.const 0x62))")
        + "(memory.copy $big $small (i64.const 0x2fff0) (i32.const 4) (i32.const 2))"
        + must("(i32.eq (i32.load16_u $big (i64.const 0x2fff0)) (i32.const 0x6161))")
        + must("(i32.eq (memory.size $small) (i32.const 1))")
        + must("(i64.eq (memory.size $big) (i64.const 3))")
        + must("(i32.eq (memory.grow $small (i32.const 1)) (i32.const 1))")
        + must("(i64.eq (memory.size $big) (i64.const 3))")
        + f"(i32.store8 $small (i32.const 0x1ffff) (i32.const 1))",
        extra='(memory $small 1) (memory $big i64 3) (data (memory $small) (i32.const 4) "aa")'
              ' (data (memory $big) (i64.const 0x20001) "b")'), False, None),
    ("multi_oob_small", module(f"(drop (i32.load8_u $small (i32.wrap_i64 {A})))", a=0x10000,
                               extra="(memory $small 1) (memory $big i64 3)"), True, None),
    ("multi_oob_big", module(f"(drop (i32.load $big {A}))", a=0x30000 - 3,
                             extra="(memory $small 1) (memory $big i64 3)"), True, None),
    ("multi_copy_oob", module("(memory.copy $small $big (i32.const 0) (i64.const 0x2ffff) (i32.const 2))",
                              extra="(memory $small 1) (memory $big i64 3)"), True, None),
]

failures = 0
ran = 0
# Cases whose memory reaches 4 GiB.
NEEDS_4GIB = {"last_word_below_4gib", "straddle_4gib", "at_4gib", "offset_to_4gib", "grow_past_4gib",
              "grow_past_4gib_oob", "grow_past_reservation"}
for level in (0, 2):
    for name, wat, trap, big in CASES:
        if small_address_space and name in NEEDS_4GIB:
            continue
        ran += 1
        base = os.path.join(outdir, f"{name}-O{level}")
        open(base + ".wat", "w").write(wat)
        subprocess.run(["wat2wasm", "--enable-all", "--debug-names", base + ".wat", "-o", base + ".wasm"], check=True)
        if big is not None:
            data = open(base + ".wasm", "rb").read()
            old = leb(0x7EADBEEF, 5) + b"\x01" * 5
            assert data.count(old) == 1, name
            open(base + ".wasm", "wb").write(data.replace(old, leb(big, 10)))
        flags = [f"--target={target}"] if target else []
        c = subprocess.run([compiler, f"-O{level}", *flags, base + ".wasm", "-o", base], capture_output=True, text=True)
        if c.returncode != 0:
            print(f"FAIL {name} -O{level}: compile: {c.stderr}")
            failures += 1
            continue
        r = subprocess.run(([wrapper] if wrapper else []) + [base], capture_output=True, text=True, timeout=120)
        if not trap:
            if r.returncode != 0:
                print(f"FAIL {name} -O{level}: exit {r.returncode}: {r.stderr}")
                failures += 1
            continue
        want = [f"wasm trap: {OOB}\n  in function {f}\n" for f in ("victim", "_start")]
        if r.returncode != 134 or r.stderr not in want:
            print(f"FAIL {name} -O{level}: exit {r.returncode}, stderr {r.stderr!r}")
            failures += 1
print(f"{ran - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
