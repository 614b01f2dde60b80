(module
  (type $t (func (param i32) (result i32)))
  (tag $e (param i32))
  (table 1 funcref)
  (elem (i32.const 0) $callee)
  (global $g (mut i32) (i32.const 0))
  (func $callee (type $t) (global.set $g (i32.add (global.get $g) (local.get 0))) (i32.and (local.get 0) (i32.const 7)))
  (func $call (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0)))
  ;; n calls, no try
  (func (export "plain") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l (local.set $s (i32.add (local.get $s) (call $call (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))) (local.get $s))
  ;; the same loop inside one try
  (func (export "in_try") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (try (do (loop $l (local.set $s (i32.add (local.get $s) (call $call (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
      (catch_all)) (local.get $s))
  ;; a try entered around every call
  (func (export "try_each") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l (try (do (local.set $s (i32.add (local.get $s) (call $call (local.get $i))))) (catch_all))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))) (local.get $s))
  (func (export "in_try_outlined") (param $n i32) (result i32)
    (try (result i32) (do (call 2 (local.get $n))) (catch_all (i32.const -1))))
  ;; every iteration throws and catches
  (func (export "throw_each") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l (try (do (throw $e (local.get $i))) (catch $e (local.set $s (i32.add (local.get $s)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))) (local.get $s))
)
