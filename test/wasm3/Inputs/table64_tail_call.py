#!/usr/bin/env python3
"""table64_tail_call.py OUT.wasm: writes a module whose export g tail-calls, through return_call_indirect
on a table64 (an i64 table index), the function f that returns 42. Written as bytes because wabt 1.0.32 has
no text syntax for table64."""
import sys

from wasm_bytes import code, functype, module, name, section, vec

wasm = module(
    section(1, vec([functype([], [0x7F])])),                # type 0: [] -> [i32]
    section(3, vec([b"\x00", b"\x00"])),                    # f, g: type 0
    section(4, vec([b"\x70\x04\x01"])),                     # funcref table, i64 index, min 1
    section(7, vec([name("g") + b"\x00\x01"])),             # export "g" = func 1
    section(9, vec([b"\x00\x42\x00\x0b" + vec([b"\x00"])])),  # elem at (i64.const 0): f
    section(10, vec([code(b"\x41\x2a\x0b"),                 # f: i32.const 42
                     code(b"\x42\x00\x13\x00\x00\x0b")])))  # g: i64.const 0; return_call_indirect 0 0
open(sys.argv[1], "wb").write(wasm)
