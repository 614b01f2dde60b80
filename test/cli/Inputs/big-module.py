"""big-module.py: prints a WebAssembly text module large enough to be compiled in several partitions.

Usage: python3 big-module.py FUNCTIONS STATEMENTS [trap] [shapes] [helper-trap]. Each of FUNCTIONS
functions mixes STATEMENTS load/arithmetic/store statements over linear memory; _start calls them all
through the table (so that no inlining merges them into one function), adds up their results and
prints the sum's low 32 bits as 8 hex digits through fd_write. The arithmetic is deterministic, so any
two compilations must print the same line. With `trap`, the last function ends with a dead
out-of-bounds load instead, so the program traps there (in function f<FUNCTIONS-1>) before printing.

With `shapes`, the module has the shapes that the partitioning rules of
compiler/lib/CodeGen/Partition.cpp are about: every function also calls $helper, a small function (an
import candidate for every partition); $f0 alone calls $only_child, a large one (it must join $f0's
partition); $f1 and $f2 call $big_shared, large and called from two functions (it stays where it is).
With `helper-trap` as well, the last function calls $helper with 0, which divides by it: the trap must
name $helper wherever it was inlined.
"""
import sys

from wat_print import HEX_DIGITS, PRINT_SUM

functions, statements = int(sys.argv[1]), int(sys.argv[2])
trap, shapes, helper_trap = ("trap" in sys.argv[3:], "shapes" in sys.argv[3:], "helper-trap" in sys.argv[3:])


def body(seed):
    lines = []
    for s in range(statements):
        a, b = (seed * 131 + s * 17) % 4000 * 4, (seed * 71 + s * 29) % 4000 * 4
        op = ('i32.add', 'i32.xor', 'i32.mul', 'i32.sub')[(seed + s) % 4]
        lines.append(f'    (i32.store (i32.const {a}) ({op} (i32.load (i32.const {b})) '
                     f'(i32.add (local.get 0) (i32.const {s * 7 + seed}))))')
        lines.append(f'    (local.set 0 (i32.rotl (local.get 0) (i32.load (i32.const {a}))))')
    return lines


out = ['(module',
       '  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))',
       '  (type $t (func (param i32) (result i32)))',
       '  (memory (export "memory") 1)',
       f'  (table {functions} funcref)',
       '  (elem (i32.const 0) ' + ' '.join(f'$f{i}' for i in range(functions)) + ')']
for i in range(functions):
    out.append(f'  (func $f{i} (type $t) (param i32) (result i32)')
    out += body(i)
    if trap and i == functions - 1:
        out.append('    (drop (i32.load (i32.const 65536)))')
    if shapes:
        if i == 0:
            out.append('    (local.set 0 (call $only_child (local.get 0)))')
        if i in (1, 2):
            out.append('    (local.set 0 (call $big_shared (local.get 0)))')
        arg = '(i32.const 0)' if helper_trap and i == functions - 1 else '(i32.or (local.get 0) (i32.const 1))'
        out.append(f'    (local.set 0 (i32.add (local.get 0) (call $helper {arg})))')
    out.append('    (local.get 0))')
if shapes:
    for name, seed in (('only_child', 1000), ('big_shared', 2000)):
        out.append(f'  (func ${name} (param i32) (result i32)')
        out += body(seed)
        out.append('    (local.get 0))')
    out.append('  (func $helper (param i32) (result i32)\n'
               '    (i32.add (i32.div_u (i32.const 1000003) (local.get 0)) (i32.load (i32.const 64))))')
out.append('''  (func (export "_start") (local $i i32) (local $sum i32) (local $k i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum)
        (call_indirect (type $t) (i32.add (local.get $i) (local.get $sum)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const %d))))''' % functions)
out.append(PRINT_SUM + ')')
out.append(HEX_DIGITS + ')')
print('\n'.join(out))
