"""unsupported.py WASM2NATIVE DIR: compiles one small module per encoding of a proposal wasm2native
does not implement and prints, per case, its name, the compiler's exit status, its message and the
byte the message's offset points at (so the test checks that the offset names the feature's own
encoding)."""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(__file__))
from wasm_bytes import *

I32, F32 = 0x7F, 0x7D
TYPE_V = section(1, vec([functype([], [])]))
FUNC1 = section(3, vec([b"\x00"]))


def with_body(body, types=TYPE_V, extra=b""):
    return module(types, FUNC1, extra, section(10, vec([code(body + b"\x0b")])))


def mem(flags, *limits):
    return section(5, vec([bytes([flags]) + b"".join(uleb(x) for x in limits)]))


CASES = [
    # gc
    ("struct-type", module(section(1, vec([b"\x5f\x00"])))),
    ("rec-group", module(section(1, vec([b"\x4e\x00"])))),
    ("gc-instruction", with_body(b"\xfb\x00\x00")),
    ("ref.eq", with_body(b"\xd3")),
    ("anyref", module(section(1, vec([functype([0x6e], [])])))),
    # (ref any): the typed reference form is function references' (implemented), its heap type gc's
    ("ref-any", module(section(1, vec([functype([0x64, 0x6e], [])])))),
    # threads: shared memories and atomics are implemented (test/threads); a shared table is not
    ("shared-table", module(section(4, vec([b"\x70\x03\x01\x01"])))),
    # wide arithmetic, custom page sizes
    ("wide-arithmetic", with_body(b"\xfc\x13")),
    ("custom-page-size", module(mem(0x08, 1, 0))),
]

w2n, out = sys.argv[1], sys.argv[2]
for case, data in CASES:
    path = os.path.join(out, case + ".wasm")
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([w2n, "--emit=obj", path, "-o", os.path.join(out, case + ".o")],
                       capture_output=True, text=True)
    msg = p.stderr.strip().replace(path, "FILE")
    m = re.search(r"FILE:0x([0-9a-f]+):", msg)
    byte = "byte 0x%02x" % data[int(m.group(1), 16)] if m else "no offset"
    print("%s: status %d: %s [%s]" % (case, p.returncode, msg, byte))
