#!/usr/bin/env python3
"""tail-call-ref-patch.py IN OUT: rewrites the two return_call_indirect (call_indirect) instructions
of a module that name table 1 into return_call_ref (call_ref) of the same type, for inputs that wabt
1.0.32 cannot assemble (no text syntax for typed function references). The wat writes them with a
(ref.func ...) operand and is assembled with --no-check; 0x13 TYPE 0x01 becomes 0x15 TYPE 0x01, where
0x01 (table 1) is now a nop, so no size changes. Fails unless exactly two such instructions are
found in the code section."""
import sys

from wasm_bytes import uleb


def read_uleb(b, i):
    n = shift = 0
    while True:
        n |= (b[i] & 0x7F) << shift
        shift += 7
        i += 1
        if not b[i - 1] & 0x80:
            return n, i


data = bytearray(open(sys.argv[1], "rb").read())
i = 8
while i < len(data):
    sid = data[i]
    size, body = read_uleb(data, i + 1)
    if sid == 10:
        break
    i = body + size
else:
    sys.exit("no code section")
found = 0
for j in range(body, body + size - 2):
    if data[j] in (0x11, 0x13) and data[j + 1] in (0x00, 0x01) and data[j + 2] == 0x01:
        data[j] = 0x14 if data[j] == 0x11 else 0x15
        found += 1
if found != 2:
    sys.exit(f"expected 2 indirect calls through table 1, found {found}")
open(sys.argv[2], "wb").write(bytes(data))
