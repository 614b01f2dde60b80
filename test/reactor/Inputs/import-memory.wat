;; Imports of every kind but functions: an executable creates the memory (from its type) and has
;; nothing to give for the table and the global.
(module
  (import "env" "memory" (memory 1))
  (import "env" "table" (table 1 funcref))
  (import "env" "g" (global i32))
  (func (export "_start")))
