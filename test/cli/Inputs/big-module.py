"""big-module.py: prints a WebAssembly text module large enough to be compiled in several partitions.

Usage: python3 big-module.py FUNCTIONS STATEMENTS [trap]. Each of FUNCTIONS functions mixes STATEMENTS
load/arithmetic/store statements over linear memory; _start calls them all through the table (so that
no inlining merges them into one function), adds up their results and prints the sum's low 32 bits as
8 hex digits through fd_write. The arithmetic is deterministic, so any two compilations must print the
same line. With `trap`, the last function ends with a dead out-of-bounds load instead, so the program
traps there (in function f<FUNCTIONS-1>) before printing.
"""
import sys

functions, statements = int(sys.argv[1]), int(sys.argv[2])
trap = sys.argv[3:] == ["trap"]
out = ['(module',
       '  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))',
       '  (type $t (func (param i32) (result i32)))',
       '  (memory (export "memory") 1)',
       f'  (table {functions} funcref)',
       '  (elem (i32.const 0) ' + ' '.join(f'$f{i}' for i in range(functions)) + ')']
for i in range(functions):
    body = []
    for s in range(statements):
        a, b = (i * 131 + s * 17) % 4000 * 4, (i * 71 + s * 29) % 4000 * 4
        op = ('i32.add', 'i32.xor', 'i32.mul', 'i32.sub')[(i + s) % 4]
        body.append(f'    (i32.store (i32.const {a}) ({op} (i32.load (i32.const {b})) '
                    f'(i32.add (local.get 0) (i32.const {s * 7 + i}))))')
        body.append(f'    (local.set 0 (i32.rotl (local.get 0) (i32.load (i32.const {a}))))')
    if trap and i == functions - 1:
        body.append('    (drop (i32.load (i32.const 65536)))')
    out.append(f'  (func $f{i} (type $t) (param i32) (result i32)')
    out += body
    out.append('    (local.get 0))')
out.append('''  (func (export "_start") (local $i i32) (local $sum i32) (local $k i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum)
        (call_indirect (type $t) (i32.add (local.get $i) (local.get $sum)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const %d))))
    ;; 8 hex digits at 16000, a newline, then an iovec at 16012.
    (loop $d
      (i32.store8 (i32.add (i32.const 16000) (local.get $k))
        (i32.load8_u offset=16100 (i32.and (i32.shr_u (local.get $sum) (i32.sub (i32.const 28)
          (i32.shl (local.get $k) (i32.const 2)))) (i32.const 15))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $d (i32.lt_u (local.get $k) (i32.const 8))))
    (i32.store8 (i32.const 16008) (i32.const 10))
    (i32.store (i32.const 16012) (i32.const 16000))
    (i32.store (i32.const 16016) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 16012) (i32.const 1) (i32.const 16020))))
  (data (i32.const 16100) "0123456789abcdef"))''' % functions)
print('\n'.join(out))
