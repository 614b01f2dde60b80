"""exnref_storage.py OUT.wasm: writes a module (byte by byte: wabt 1.0.32 has no try_table or exnref)
whose export "f"(x) throws x, catches it as an exnref with catch_all_ref, stores it in a mutable
exnref global and an exnref table, rethrows it from the table with throw_ref and catches its payload
with catch: f(x) = x. Export "null" throws a null exnref (a trap: "null exception reference"); "mk"
returns a null exnref.
For exnref.test."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "wasm3", "Inputs"))
from wasm_bytes import *

I32, EXNREF = 0x7F, 0x69
types = section(1, vec([functype([], []), functype([I32], []), functype([I32], [I32]), functype([], [EXNREF])]))
funcs = section(3, vec([b"\x02", b"\x00", b"\x03"]))
table = section(4, vec([bytes([EXNREF]) + b"\x00\x01"]))
tags = section(13, vec([b"\x00\x01"]))
globals_ = section(6, vec([bytes([EXNREF, 1]) + b"\xd0\x69\x0b"]))
exports = section(7, vec([name("f") + b"\x00\x00", name("null") + b"\x00\x01", name("mk") + b"\x00\x02"]))
f = (b"\x02\x69"                      # block $h (result exnref)
     b"\x1f\x40\x01\x03\x00"          #   try_table (catch_all_ref $h)
     b"\x20\x00\x08\x00"              #     local.get 0, throw 0
     b"\x0b\x00\x0b"                  #   end, unreachable, end
     b"\x24\x00"                      # global.set 0
     b"\x41\x00\x23\x00\x26\x00"      # table.set 0 (i32.const 0) (global.get 0)
     b"\x02\x7f"                      # block $h2 (result i32)
     b"\x1f\x40\x01\x00\x00\x00"      #   try_table (catch 0 $h2)
     b"\x41\x00\x25\x00\x0a"          #     throw_ref (table.get 0 (i32.const 0))
     b"\x0b\x41\x7f\x0b"              #   end, i32.const -1, end
     b"\x23\x00\xd1\x6a")             # i32.add (ref.is_null (global.get 0))
null = b"\xd0\x69\x0a"                # throw_ref (ref.null exn)
mk = b"\xd0\x69"                     # ref.null exn, returned: --invoke prints it
code_ = section(10, vec([code(f + b"\x0b"), code(null + b"\x0b"), code(mk + b"\x0b")]))
with open(sys.argv[1], "wb") as out:
    out.write(module(types, funcs, table, tags, globals_, exports, code_))
