"""wasm_bytes.py: a few helpers that write WebAssembly binaries byte by byte, for tests of encodings
that wabt 1.0.32 cannot assemble (compact imports) or that must sit at a known offset."""


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(s):
    return uleb(len(s)) + s.encode()


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def module(*sections):
    return b"\x00asm\x01\x00\x00\x00" + b"".join(sections)


def functype(params, results):
    return b"\x60" + vec([bytes([p]) for p in params]) + vec([bytes([r]) for r in results])


def code(body, locals_=b"\x00"):
    """One code-section entry: a body with no locals (or the given local declarations)."""
    full = locals_ + body
    return uleb(len(full)) + full
