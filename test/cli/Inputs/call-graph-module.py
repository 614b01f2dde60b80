"""call-graph-module.py: prints a WebAssembly text module with a tangled call graph, for testing that
a module split into partitions (compiler/lib/CodeGen/Partition.cpp) computes what it computes whole.

Usage: python3 call-graph-module.py FUNCTIONS STATEMENTS SEED. Functions $f0.. each mix STATEMENTS
load/arithmetic/store statements with calls, chosen by a deterministic pseudo-random generator
seeded with SEED: direct calls to any function (so recursion, mutual recursion and cycles across
partitions), calls through the table (with entries written at run time by table.set of ref.func),
mutable globals read and written everywhere, and small functions called from many places (inlined
across partitions). A global fuel counter, decremented by every call, bounds the run. The start
function fills memory; _start calls $f0 a few times and prints a checksum of memory, the globals and
the results as 8 hex digits.
"""
import random
import sys

from wat_print import HEX_DIGITS, PRINT_SUM

functions, statements, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
small = set(rng.sample(range(1, functions), functions // 4))  # tiny bodies: import candidates
declared = sorted(rng.sample(range(functions), functions // 3))  # in the elem segment: descriptors

out = ['(module',
       '  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))',
       '  (type $t (func (param i32) (result i32)))',
       '  (memory 1)',
       '  (global $fuel (mut i32) (i32.const 20000))',
       '  (global $g0 (mut i32) (i32.const 7))',
       '  (global $g1 (mut i64) (i64.const 11))',
       f'  (table $tab {functions} funcref)',
       '  (elem declare func ' + ' '.join(f'$f{i}' for i in declared) + ')']


def call(target):
    kind = rng.random()
    arg = f'(i32.add (local.get 0) (i32.const {rng.randrange(100)}))'
    if kind < 0.25 and target in declared:
        # Through the table: write the entry, then call it (the slot may be overwritten later).
        slot = rng.randrange(functions)
        return (f'    (table.set $tab (i32.const {slot}) (ref.func $f{target}))\n'
                f'    (local.set 0 (i32.xor (local.get 0) (call_indirect (type $t) {arg} (i32.const {slot}))))')
    return f'    (local.set 0 (i32.add (local.get 0) (call $f{target} {arg})))'


for i in range(functions):
    body = ['    (global.set $fuel (i32.sub (global.get $fuel) (i32.const 1)))',
            '    (if (i32.le_s (global.get $fuel) (i32.const 0)) (then (return (local.get 0))))']
    count = 1 if i in small else statements
    for s in range(count):
        a, b = rng.randrange(4000) * 4, rng.randrange(4000) * 4
        op = rng.choice(['i32.add', 'i32.xor', 'i32.mul', 'i32.sub', 'i32.rotl'])
        body.append(f'    (i32.store (i32.const {a}) ({op} (i32.load (i32.const {b})) (local.get 0)))')
        body.append(f'    (local.set 0 (i32.add (local.get 0) (i32.load (i32.const {a}))))')
        if rng.random() < 0.2:
            body.append('    (global.set $g0 (i32.add (global.get $g0) (local.get 0)))')
            body.append('    (global.set $g1 (i64.add (global.get $g1) (i64.extend_i32_u (global.get $g0))))')
        if i not in small and rng.random() < 0.3:
            # Calls: mostly to small functions (many callers), some anywhere (cycles, recursion).
            target = rng.choice(sorted(small)) if rng.random() < 0.6 else rng.randrange(functions)
            body.append(call(target))
    out.append(f'  (func $f{i} (type $t) (param i32) (result i32)')
    out += body
    out.append('    (local.get 0))')
out.append('''  (func $init (local $i i32)
    (loop $l
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (i32.const 2654435761)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 4000)))))
  (start $init)
  (func (export "_start") (local $i i32) (local $sum i32) (local $k i32)
    (loop $l
      (global.set $fuel (i32.const 20000))
      (local.set $sum (i32.add (i32.rotl (local.get $sum) (i32.const 5)) (call $f0 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 4))))
    ;; Fold memory and the globals into the sum.
    (local.set $i (i32.const 0))
    (loop $m
      (local.set $sum (i32.add (i32.rotl (local.get $sum) (i32.const 3)) (i32.load (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $m (i32.lt_u (local.get $i) (i32.const 16000))))
    (local.set $sum (i32.xor (local.get $sum) (i32.xor (global.get $g0) (i32.wrap_i64 (global.get $g1)))))''')
out.append(PRINT_SUM + ')')
out.append(HEX_DIGITS + ')')
print('\n'.join(out))
