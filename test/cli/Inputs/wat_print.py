"""wat_print.py: the end of a generated test program's _start, shared by the module generators here.

PRINT_SUM is WebAssembly text that writes the low 32 bits of local $sum (and uses local $k, which
must be 0) as 8 hex digits and a newline to stdout through fd_write, using memory at 16000..16024
and a digit table at 16100 (HEX_DIGITS, a data segment the module must include), so generated
modules print one line that two compilations can be compared on.
"""

PRINT_SUM = '''    ;; 8 hex digits at 16000, a newline, then an iovec at 16012.
    (loop $d
      (i32.store8 (i32.add (i32.const 16000) (local.get $k))
        (i32.load8_u offset=16100 (i32.and (i32.shr_u (local.get $sum) (i32.sub (i32.const 28)
          (i32.shl (local.get $k) (i32.const 2)))) (i32.const 15))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $d (i32.lt_u (local.get $k) (i32.const 8))))
    (i32.store8 (i32.const 16008) (i32.const 10))
    (i32.store (i32.const 16012) (i32.const 16000))
    (i32.store (i32.const 16016) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 16012) (i32.const 1) (i32.const 16020)))'''

HEX_DIGITS = '  (data (i32.const 16100) "0123456789abcdef")'
