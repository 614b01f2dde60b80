;; Invalid memory64 / multi-memory modules for errors.test, one per line (lines 3 to 6), which
;; errors.test cuts out with sed and assembles with --no-check.
(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))
(module (memory i64 1) (memory i64 1) (func (memory.copy 0 1 (i64.const 0) (i64.const 0) (i32.const 0))))
(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))
(module (memory 1) (memory i64 1) (func (drop (memory.grow 1 (i32.const 1)))))
