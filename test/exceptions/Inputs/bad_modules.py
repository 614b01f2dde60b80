"""bad_modules.py WASM2NATIVE DIR: compiles one small invalid or malformed module per exception-handling
rule (unknown tags, catch labels of the wrong type, rethrow outside a catch, tags with results, catch
and delegate without a try, a malformed catch clause, the tag section out of order, a tag import in an
executable) and prints, per case, its name, the exit status, the message and the byte the message's
offset points at, so that bad-modules.test checks that each error names the offending encoding."""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "wasm3", "Inputs"))
from wasm_bytes import *

I32, I64, EXNREF = 0x7F, 0x7E, 0x69
# type 0: [] -> [], type 1: [i32] -> [], type 2: [] -> [i32]
TYPES = section(1, vec([functype([], []), functype([I32], []), functype([], [I32])]))
FUNC1 = section(3, vec([b"\x00"]))
TAGS = section(13, vec([b"\x00\x01"]))  # tag 0: (param i32)


def with_body(body, tags=TAGS):
    return module(TYPES, FUNC1, tags, section(10, vec([code(body + b"\x0b")])))


CASES = [
    ("throw-unknown-tag", with_body(b"\x08\x05"), "obj"),
    # block (result i64) (try_table (catch 0 0)) ...: the catch sends an i32 to an i64 label
    ("try_table-label-type", with_body(b"\x02\x7e\x1f\x40\x01\x00\x00\x00\x0b\x42\x00\x0b\x1a"), "obj"),
    # catch_ref sends [i32 exnref] to a label of [i32]
    ("catch_ref-arity", with_body(b"\x02\x7f\x1f\x40\x01\x01\x00\x00\x0b\x41\x00\x0b\x1a"), "obj"),
    ("try_table-unknown-tag", with_body(b"\x1f\x40\x01\x00\x03\x00\x0b"), "obj"),
    ("catch-clause-kind", with_body(b"\x1f\x40\x01\x04\x00\x0b"), "obj"),
    ("rethrow-not-catch", with_body(b"\x02\x40\x09\x00\x0b"), "obj"),
    ("catch-without-try", with_body(b"\x02\x40\x07\x00\x0b"), "obj"),
    ("delegate-without-try", with_body(b"\x02\x40\x18\x00"), "obj"),
    ("throw_ref-i32", with_body(b"\x41\x00\x0a"), "obj"),
    ("tag-result", module(TYPES, section(13, vec([b"\x00\x02"]))), "obj"),
    ("tag-attribute", module(TYPES, section(13, vec([b"\x01\x00"]))), "obj"),
    ("tag-section-order", module(TYPES, section(6, vec([b"\x7f\x00\x41\x00\x0b"])), TAGS), "obj"),
    ("export-unknown-tag", module(TYPES, TAGS, section(7, vec([name("t") + b"\x04\x03"]))), "obj"),
    ("exe-tag-import", module(TYPES, section(2, vec([name("m") + name("t") + b"\x04\x00\x01"]))), "exe"),
]

w2n, out = sys.argv[1], sys.argv[2]
for case, data, emit in CASES:
    path = os.path.join(out, case + ".wasm")
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([w2n, "--emit=" + emit, path, "-o", os.path.join(out, case + ".out")],
                       capture_output=True, text=True)
    msg = p.stderr.strip().replace(path, "FILE")
    m = re.search(r"FILE:0x([0-9a-f]+):", msg)
    byte = "byte 0x%02x" % data[int(m.group(1), 16)] if m else "no offset"
    print("%s: status %d: %s [%s]" % (case, p.returncode, msg, byte))
