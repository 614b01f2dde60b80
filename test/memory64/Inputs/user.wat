;; Imports three memories (two from provider.wat, one memory64 made by the host) and re-exports the
;; host's; every memory instruction names its memory (embed.test).
(module
  (import "p" "small" (memory $small 1))
  (import "p" "big" (memory $big i64 1))
  (import "host" "scratch" (memory $scratch i64 1))
  (export "scratch_again" (memory $scratch))
  (func (export "copy_big_to_scratch") (param $src i64) (param $dst i64) (param $n i64)
    (memory.copy $scratch $big (local.get $dst) (local.get $src) (local.get $n)))
  (func (export "store_small") (param i32 i32) (i32.store8 $small (local.get 0) (local.get 1)))
  (func (export "grow_big") (param i64) (result i64) (memory.grow $big (local.get 0)))
  (func (export "scratch_byte") (param i64) (result i32) (i32.load8_u $scratch (local.get 0))))
