#!/usr/bin/env python3
"""funcref.py OUT_DIR: writes the modules of test/wasm3/funcref.test as bytes (wabt 1.0.32 has no text
syntax for typed function references).

funcref.wasm exports, each run through an executable's --invoke:
  call X        call_ref through a (ref $t) table whose initialiser is ref.func $inc: X + 1
  pick X        element X of that table after an active segment (flags 6, typed) put $dbl at 1:
                element 0 is $inc, 1 is $dbl; called with 20: 21 or 40
  onnull X      br_on_null on (X ? ref.func $inc : ref.null $t): 41 + 1 = 42, or -1 when null
  nonnull X     br_on_non_null on the same: the label gets the reference and calls it (42), -1 when null
  asnn X        ref.as_non_null of the same, then call_ref: 42, or the trap "null reference"
  callnull      call_ref of a null reference: the trap "null function reference"
  down N        a return_call_ref chain N deep through a (ref $d) global: constant stack, result 7
                (plain.wasm: the same with call_ref, which must exhaust the stack)
  local X       a non-nullable local set at the function's level, read in a nested block: X + 1
uninit.wasm reads a non-nullable local before setting it; scoped.wasm sets one inside a block and
reads it after the block's end: both are invalid ("uninitialized local")."""
import os
import sys

from wasm_bytes import code, module, name, section, uleb, vec

I32, I64 = 0x7F, 0x7E


def ref(t, null=False):
    return bytes([0x63 if null else 0x64]) + uleb(t)


def ftype(params, results):
    enc = lambda t: t if isinstance(t, bytes) else bytes([t])
    return b"\x60" + vec([enc(p) for p in params]) + vec([enc(r) for r in results])


def locals_(*groups):
    return vec([uleb(n) + t for n, t in groups])


# Types: 0 $t = [i32] -> [i32]; 1 [] -> [i32]; 2 $d = [i64] -> [i64]; 3 [i32] -> [] (unused);
# 4 = [i32] -> [i32] again: $inc has it, and is stored where (ref $t) is expected (type equivalence).
TYPES = section(1, vec([ftype([I32], [I32]), ftype([], [I32]), ftype([I64], [I64]), ftype([I32], []),
                        ftype([I32], [I32])]))
INC, DBL, CALL, PICK, ONNULL, NONNULL, ASNN, CALLNULL, DOWN, LOCAL = range(10)
FUNCS = section(3, vec([uleb(t) for t in [4, 0, 0, 0, 0, 0, 0, 1, 2, 0]]))
# Table 0: 2 x (ref $t), every element ref.func $inc (0x40 0x00 tabletype expr).
TABLES = section(4, vec([b"\x40\x00" + ref(0) + b"\x00\x02" + b"\xd2" + uleb(INC) + b"\x0b"]))
# Global 0: (ref $d) = ref.func $down, immutable.
GLOBALS = section(6, vec([ref(2) + b"\x00" + b"\xd2" + uleb(DOWN) + b"\x0b"]))
EXPORTS = section(7, vec([name(n) + b"\x00" + uleb(f) for n, f in [
    ("call", CALL), ("pick", PICK), ("onnull", ONNULL), ("nonnull", NONNULL), ("asnn", ASNN),
    ("callnull", CALLNULL), ("down", DOWN), ("local", LOCAL)]]))
MAYBE = b"\x20\x00\x04" + ref(0, True) + b"\xd2" + uleb(INC) + b"\x05\xd0\x00\x0b"  # if X: $inc, else null
BODIES = [
    b"\x20\x00\x41\x01\x6a\x0b",                 # inc: x + 1
    b"\x20\x00\x41\x02\x6c\x0b",                 # dbl: x * 2
    b"\x20\x00\x41\x00\x25\x00\x14\x00\x0b",     # call: call_ref $t x (table.get 0 (i32.const 0))
    b"\x41\x14\x20\x00\x25\x00\x14\x00\x0b",     # pick: call_ref $t 20 (table.get 0 x)
    # onnull: block { MAYBE; br_on_null 0; local.set 1; return (call_ref $t 41 (local.get 1)) } -1
    b"\x02\x40" + MAYBE + b"\xd5\x00\x21\x01\x41\x29\x20\x01\x14\x00\x0f\x0b\x41\x7f\x0b",
    # nonnull: block (result (ref $t)) { MAYBE; br_on_non_null 0; return -1 } local.set 1;
    # call_ref $t 41 (local.get 1)
    b"\x02" + ref(0) + MAYBE + b"\xd6\x00\x41\x7f\x0f\x0b\x21\x01\x41\x29\x20\x01\x14\x00\x0b",
    b"\x41\x29" + MAYBE + b"\xd4\x14\x00\x0b",    # asnn: call_ref $t 41 (ref.as_non_null MAYBE)
    b"\x41\x00\xd0\x00\x14\x00\x0b",             # callnull: call_ref $t 0 (ref.null $t)
    # down: if n == 0 then 7 else return_call_ref $d (n - 1) (global.get 0)
    b"\x20\x00\x50\x04\x7e\x42\x07\x05\x20\x00\x42\x01\x7d\x23\x00\x15\x02\x0b\x0b",
    # local: l = $inc at the function's level, read inside a block: block (result i32)
    # { call_ref $t x (local.get 1) }
    b"\xd2" + uleb(INC) + b"\x21\x01\x02\x7f\x20\x00\x20\x01\x14\x00\x0b\x0b",
]
LOCALS = {ONNULL: locals_((1, ref(0))), NONNULL: locals_((1, ref(0))), LOCAL: locals_((1, ref(0)))}
CODE = section(10, vec([code(b, LOCALS.get(i, b"\x00")) for i, b in enumerate(BODIES)]))
# Active segment, flags 6: table 0, offset 1, element type (ref $t), one expression ref.func $dbl;
# and a declarative one (flags 3) naming $inc and $dbl, which the bodies' ref.func need.
ELEMS = section(9, vec([b"\x06\x00\x41\x01\x0b" + ref(0) + vec([b"\xd2" + uleb(DBL) + b"\x0b"]),
                        b"\x03\x00" + vec([uleb(INC), uleb(DBL)])]))

out = sys.argv[1]
open(os.path.join(out, "funcref.wasm"), "wb").write(
    module(TYPES, FUNCS, TABLES, GLOBALS, EXPORTS, ELEMS, CODE))
# plain.wasm: the same with down's return_call_ref an ordinary call_ref, which must exhaust the stack.
BODIES[DOWN] = BODIES[DOWN].replace(b"\x15\x02", b"\x14\x02")
open(os.path.join(out, "plain.wasm"), "wb").write(
    module(TYPES, FUNCS, TABLES, GLOBALS, EXPORTS, ELEMS,
           section(10, vec([code(b, LOCALS.get(i, b"\x00")) for i, b in enumerate(BODIES)]))))
# Invalid: local.get of an unset (ref $t) local; and one set inside a block, read after its end.
open(os.path.join(out, "uninit.wasm"), "wb").write(
    module(section(1, vec([ftype([], [])])), section(3, vec([b"\x00"])),
           section(10, vec([code(b"\x20\x00\x1a\x0b", locals_((1, ref(0))))]))))
open(os.path.join(out, "scoped.wasm"), "wb").write(
    module(section(1, vec([ftype([], [])])), section(3, vec([b"\x00"])),
           section(9, vec([b"\x03\x00" + vec([b"\x00"])])),
           section(10, vec([code(b"\x02\x40\xd2\x00\x21\x00\x0b\x20\x00\x1a\x0b", locals_((1, ref(0))))]))))
