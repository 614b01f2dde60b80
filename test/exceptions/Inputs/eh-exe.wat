;; eh-exe.wat: legacy-form exception handling in an executable (reactor exports run with --invoke), for
;; exe.test at -O0 and -O2 and cross.test under QEMU. Each export's result depends on the exception
;; machinery being exact: locals written in a try body must reach the handler (locals), every way out
;; of a try body must unlink its handler frame (unlink, ret: a stale frame makes the last throw crash),
;; delegate must skip a handler and rethrow must resend the caught exception (delegate, rethrow), and
;; a loop around a try brings the handler back into the try body (loop_around).
(module
  (tag $e (param i32))
  (tag $e2)
  (func $maybe_throw (param i32)
    (if (i32.eq (local.get 0) (i32.const 13)) (then (throw $e (i32.const 1000)))))

  ;; Loop 0..n-1 updating locals, a call that throws at i = 13: the handler sees i, acc and f as the
  ;; throw left them. n = 20 -> 91 + 1000 + 13 * 10000 + 7 * 100000 = 831091; n = 10 -> 600045.
  (func (export "locals") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $f f64) (local $payload i32)
    (try
      (do
        (loop $l
          (local.set $acc (i32.add (local.get $acc) (local.get $i)))
          (local.set $f (f64.add (local.get $f) (f64.const 0.5)))
          (call $maybe_throw (local.get $i))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
      (catch $e (local.set $payload)))
    (i32.add (i32.add (local.get $acc) (local.get $payload))
             (i32.add (i32.mul (local.get $i) (i32.const 10000))
                      (i32.mul (i32.trunc_f64_s (local.get $f)) (i32.const 100000)))))

  ;; Half the iterations leave the try body with br_if, the others throw and catch: 5 catches, then
  ;; a throw that only a correct chain delivers: 1005 for n = 10.
  (func (export "unlink") (param $n i32) (result i32)
    (local $k i32) (local $c i32)
    (loop $l
      (block $out
        (try
          (do
            (br_if $out (i32.and (local.get $k) (i32.const 1)))
            (call $maybe_throw (i32.const 13)))
          (catch $e (drop) (local.set $c (i32.add (local.get $c) (i32.const 1))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
    (try (result i32)
      (do (call $maybe_throw (i32.const 13)) (i32.const -1))
      (catch $e (local.get $c) (i32.add))))

  ;; return from inside a try body, then a throw: 1000.
  (func $ret_in_try (param i32) (result i32)
    (try (result i32)
      (do (if (local.get 0) (then (return (i32.const 7)))) (i32.const 8))
      (catch_all (i32.const 9))))
  (func (export "ret") (result i32)
    (drop (call $ret_in_try (i32.const 1)))
    (try (result i32) (do (call $maybe_throw (i32.const 13)) (i32.const 0)) (catch $e)))

  ;; delegate 1 skips the middle handler: 1001.
  (func (export "delegate") (result i32)
    (try (result i32)
      (do
        (try
          (do (try (do (call $maybe_throw (i32.const 13))) (delegate 1)))
          (catch $e (drop) (return (i32.const -1))))
        (i32.const -2))
      (catch $e (i32.add (i32.const 1)))))

  ;; rethrow the caught exception to the outer handler: 1002. A second tag goes past catch $e to
  ;; catch_all: + 10000.
  (func (export "rethrow") (result i32)
    (local $r i32)
    (local.set $r
      (try (result i32)
        (do (try (do (call $maybe_throw (i32.const 13))) (catch $e (drop) (rethrow 0))) (i32.const -1))
        (catch $e (i32.add (i32.const 2)))))
    (try (do (throw $e2)) (catch $e (drop)) (catch_all (local.set $r (i32.add (local.get $r) (i32.const 10000)))))
    (local.get $r))

  ;; A loop around the try: $k is read only inside the try body, but the handler continues the loop,
  ;; whose next iteration reads the value the throwing iteration wrote (the body copies it to $out
  ;; for the result). 10 * 100 + 10 = 1010 for n = 10; with $k in a register it would be 310.
  (func (export "loop_around") (param $n i32) (result i32)
    (local $i i32) (local $k i32) (local $out i32)
    (loop $l
      (try
        (do
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (local.set $out (local.get $k))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (call $maybe_throw (i32.add (local.get $k) (i32.const 10))))
        (catch $e (drop)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (i32.mul (local.get $out) (i32.const 100)) (local.get $i)))

  ;; No handler: the executable reports the exception like a trap and exits with 134.
  (func (export "uncaught") (call $maybe_throw (i32.const 13)))
)
