#!/usr/bin/env python3
"""run_spec.py: runs WebAssembly spec tests (wabt spec-test JSON) through wasm2native executables.

wasm2native has no embedding mode, so every test becomes a command module whose `_start` does the
test's work. For each `module` command of a JSON file and the commands that target it:

  * assert_return / action: one driver per module and optimisation level (per 150 assertions when no
    function of the module writes state, so they run in parallel). The driver is the module's
    own binary, untouched except that functions are appended at the END of the function index space
    (so no index shifts): one function per assertion, named `assert_<n>_line<L>` in the name section,
    that calls the export with constant arguments and compares the results (integers exactly, floats
    bitwise, nan:canonical / nan:arithmetic by their bits, references by nullness), executing
    `unreachable` on a mismatch; and a `_start` export calling them in order. A failing run names the
    failing assertion in its trap report; if the trap is in the module's own code instead, the runner
    bisects by prefix length to find it, records the failure, and reruns the rest (after the passed
    ones, when the module has state).
  * assert_trap / assert_exhaustion: one executable per assertion and level, whose `_start` first runs
    the module's earlier non-trapping commands when the module has state (some function writes memory,
    a table, a global or a segment), then calls the export; it must exit 134 with
    `wasm trap: <text>` on stderr (the text matching the expected one as a prefix either way).
  * assert_uninstantiable: the module with an empty `_start` must trap with the text.
  * assert_invalid / assert_malformed (binary): `wasm2native --emit=obj` must exit 1 with `error:`.
  * every module also compiles on its own with --emit=obj (the unmodified binary).

Imports: each import becomes a definition at the same index: spectest's (functions with empty bodies,
the memory (1 2), the table (10 20), globals 666 / 666.6, `global.get` of them in constant expressions
replaced by the value), and functions of registered modules whose bodies use nothing of their module
(copied). Modules with other imports are skipped, and so are later commands on a registered module
whose state such a module could have changed. Also skipped: assert_unlinkable, text-format modules,
non-null externref arguments (the call is still made when it can change the module's state and only
the result cannot be checked), and assertions the reference runner fails (MANIFEST.json
failing_lines). v128 results are compared lane by lane (extract_lane, then as scalars). The compact
import encoding of later proposals is rewritten to plain 2.0 imports.

Usage: run_spec.py [--jobs N] [-O 0,2] [--trap-opt 0,2] [--flag=F]... [--wrapper CMD] [-v] PATH...
  PATH is a .json file, a directory (all *.json in it), or @LIST (a file of JSON paths relative to it,
  like WASM-2.0-SET.txt). Prints `FILE: P passed, F failed, S skipped` per file, the failures, and a
  final `N passed, M failed, K skipped`; exits 1 if anything failed. Failures listed in
  known-failures.txt (beside this script) count as skipped "known failures". --flag passes options to
  the compiler for the executables (--flag=--bounds-checks=explicit, --flag=--target=aarch64-linux),
  --wrapper runs them (qemu-aarch64-static). The compiler may be rebuilt while the suite runs.
"""
import argparse
import json
import multiprocessing
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

from spec_files import expand_paths, manifest_failing_lines
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_W2N = os.path.join(os.environ.get("W2N_BUILD_DIR", os.path.join(ROOT, "build")), "bin", "wasm2native")

W2N = DEFAULT_W2N
TMPDIR = None
FLAGS = []
WRAPPER = []
RUN_TIMEOUT = 30
COMPILE_TIMEOUT = 300

# ------------------------------------------------------------------------------------------------
# Binary encoding helpers


class Unsupported(Exception):
    pass


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not (b & 0x40)) or (n == -1 and (b & 0x40)):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name_bytes(s):
    b = s.encode("utf-8")
    return uleb(len(b)) + b


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


class Reader:
    def __init__(self, data, pos=0, end=None):
        self.d = data
        self.p = pos
        self.end = len(data) if end is None else end

    def eof(self):
        return self.p >= self.end

    def u8(self):
        if self.p >= self.end:
            raise Unsupported("unexpected end")
        b = self.d[self.p]
        self.p += 1
        return b

    def uleb(self):
        r = s = 0
        while True:
            b = self.u8()
            r |= (b & 0x7F) << s
            s += 7
            if not b & 0x80:
                return r

    def sleb(self, bits=64):
        r = s = 0
        while True:
            b = self.u8()
            r |= (b & 0x7F) << s
            s += 7
            if not b & 0x80:
                break
        if b & 0x40:
            r -= 1 << s
        return r

    def take(self, n):
        if self.p + n > self.end:
            raise Unsupported("unexpected end")
        b = self.d[self.p:self.p + n]
        self.p += n
        return b

    def name(self):
        return self.take(self.uleb()).decode("utf-8", "replace")


I32, I64, F32, F64, V128, FUNCREF, EXTERNREF = 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F
VALTYPES = {"i32": I32, "i64": I64, "f32": F32, "f64": F64, "v128": V128, "funcref": FUNCREF,
            "externref": EXTERNREF}
# The tag section (13, exception handling) sits between memory and global.
SECTION_RANK = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 5.5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12}


def read_valtype(r):
    t = r.u8()
    if t in (0x63, 0x64):
        # A typed reference (ref null? ht): a function reference unless ht is an abstract heap type
        # of another hierarchy (extern, noextern; exn is refused below).
        ht = r.sleb(33)
        if ht in (-0x11, -0x0E):  # extern, noextern
            return EXTERNREF
        if ht in (-0x17, -0x0C):  # exn, noexn
            raise Unsupported("value type (ref exn)")
        return FUNCREF
    if t not in (I32, I64, F32, F64, V128, FUNCREF, EXTERNREF, 0x69, 0x74):  # + exnref, nullexnref
        raise Unsupported("value type 0x%x" % t)
    return t


def read_limits(r):
    flag = r.u8()
    if flag not in (0, 1):
        raise Unsupported("limits flag %d" % flag)
    mn = r.uleb()
    mx = r.uleb() if flag == 1 else None
    return mn, mx


def encode_limits(mn, mx):
    return (b"\x00" + uleb(mn)) if mx is None else (b"\x01" + uleb(mn) + uleb(mx))


def read_const_expr(r):
    """Returns the raw bytes of a constant expression, including its end."""
    start = r.p
    while True:
        op = r.u8()
        if op == 0x0B:
            return r.d[start:r.p]
        if op in (0x41,):
            r.sleb()
        elif op == 0x42:
            r.sleb()
        elif op == 0x43:
            r.take(4)
        elif op == 0x44:
            r.take(8)
        elif op in (0x23, 0xD2):
            r.uleb()
        elif op == 0xD0:
            r.u8()
        elif op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):
            pass
        elif op == 0xFD:
            if r.uleb() != 12:
                raise Unsupported("const expr simd op")
            r.take(16)
        else:
            raise Unsupported("const expr op 0x%x" % op)


def rewrite_const_expr(expr, global_values):
    """Replaces `global.get i` of a converted import with its value (expr is well formed)."""
    if not global_values:
        return expr
    out = bytearray()
    r = Reader(expr)
    while not r.eof():
        s = r.p
        op = r.u8()
        if op == 0x23:
            idx = r.uleb()
            out += global_values[idx] if idx in global_values else expr[s:r.p]
            continue
        if op in (0x41, 0x42):
            r.sleb()
        elif op == 0x43:
            r.take(4)
        elif op == 0x44:
            r.take(8)
        elif op == 0xD2:
            r.uleb()
        elif op == 0xD0:
            r.u8()
        elif op == 0xFD:
            r.uleb()
            r.take(16)
        out += expr[s:r.p]
    return bytes(out)


class Module:
    """The parts of a binary module the driver builder needs."""

    def __init__(self, data):
        if data[:8] != b"\x00asm\x01\x00\x00\x00":
            raise Unsupported("not a wasm 1 binary")
        self.data = data
        self.sections = []  # [id, payload] in order
        r = Reader(data, 8)
        while not r.eof():
            sid = r.u8()
            size = r.uleb()
            self.sections.append([sid, r.take(size)])
        self.types = []          # (params, results)
        self.imports = []        # (module, name, kind, desc)
        self.func_types = []     # type index per function (imports first)
        self.num_imported_funcs = 0
        self.global_types = []   # (valtype, mutable)
        self.exports = {}        # name -> (kind, index)
        self.has_memory = self.has_table = False
        self.defined_funcs = 0
        self.normalized = False
        self._writers = None
        for sid, payload in self.sections:
            r = Reader(payload)
            if sid == 1:
                for _ in range(r.uleb()):
                    if r.u8() != 0x60:
                        raise Unsupported("non-function type")
                    params = [read_valtype(r) for _ in range(r.uleb())]
                    results = [read_valtype(r) for _ in range(r.uleb())]
                    self.types.append((params, results))
            elif sid == 2:
                self.parse_imports(r)
            elif sid == 3:
                n = r.uleb()
                self.defined_funcs = n
                self.func_types += [r.uleb() for _ in range(n)]
            elif sid == 4:
                if r.uleb():
                    self.has_table = True
            elif sid == 5:
                if r.uleb():
                    self.has_memory = True
            elif sid == 6:
                for _ in range(r.uleb()):
                    t = read_valtype(r)
                    m = r.u8()
                    read_const_expr(r)
                    self.global_types.append((t, m))
            elif sid == 7:
                for _ in range(r.uleb()):
                    nm = r.name()
                    kind = r.u8()
                    self.exports[nm] = (kind, r.uleb())

    def read_import_desc(self, r, kind):
        start = r.p
        if kind == 0:
            desc = r.uleb()
            self.func_types.append(desc)
            self.num_imported_funcs += 1
        elif kind == 1:
            desc = (read_valtype(r), read_limits(r))
            self.has_table = True
        elif kind == 2:
            desc = read_limits(r)
            self.has_memory = True
        elif kind == 3:
            desc = (read_valtype(r), r.u8())
            self.global_types.append(desc)
        else:
            raise Unsupported("import kind %d" % kind)
        return desc, r.d[start:r.p]

    def parse_imports(self, r):
        """Reads the import section. The compact encoding of later proposals (module name, empty
        name, 0x7F then a vector of name + type, or 0x7E, one type, then a vector of names) is
        rewritten into plain Wasm 2.0 imports, so the module stays a 2.0 module."""
        count = r.uleb()
        plain = []
        compact = False
        while len(plain) < count:
            mod = r.name()
            nm_at = r.p
            nm = r.name()
            if nm == "" and r.p < r.end and r.d[r.p] in (0x7E, 0x7F):
                compact = True
                form = r.u8()
                if form == 0x7F:
                    for _ in range(r.uleb()):
                        item = r.name()
                        kind = r.u8()
                        desc, raw = self.read_import_desc(r, kind)
                        plain.append((mod, item, kind, desc, raw))
                else:
                    kind = r.u8()
                    desc_at = r.p
                    desc, raw = self.read_import_desc(r, kind)
                    names = [r.name() for _ in range(r.uleb())]
                    for k, item in enumerate(names):
                        if k:  # the first was counted by read_import_desc
                            self.read_import_desc(Reader(r.d, desc_at, r.end), kind)
                        plain.append((mod, item, kind, desc, raw))
                continue
            kind = r.u8()
            desc, raw = self.read_import_desc(r, kind)
            plain.append((mod, nm, kind, desc, raw))
        self.imports = [(mod, nm, kind, desc) for mod, nm, kind, desc, _ in plain]
        if compact:
            payload = vec([name_bytes(mod) + name_bytes(nm) + bytes([kind]) + raw
                           for mod, nm, kind, _, raw in plain])
            for sec in self.sections:
                if sec[0] == 2:
                    sec[1] = payload
            self.normalized = True

    def body(self, func_index):
        """The raw body (locals and code) of a defined function."""
        k = func_index - self.num_imported_funcs
        if k < 0:
            return None
        for sid, payload in self.sections:
            if sid == 10:
                r = Reader(payload)
                n = r.uleb()
                for i in range(n):
                    size = r.uleb()
                    b = r.take(size)
                    if i == k:
                        return b
        return None

    def binary(self):
        return b"\x00asm\x01\x00\x00\x00" + b"".join(section(s, p) for s, p in self.sections)

    def writers(self):
        """The set of functions whose calls can change what later calls see (they write memory, a
        table, a global or a segment's state, or call a function that may)."""
        if self._writers is None:
            n = len(self.func_types)
            writes, calls, indirect = {}, {}, set()
            k = self.num_imported_funcs
            for sid, payload in self.sections:
                if sid == 10:
                    r = Reader(payload)
                    for _ in range(r.uleb()):
                        body = r.take(r.uleb())
                        try:
                            w, c, ind = body_effects(body)
                        except Unsupported:
                            w, c, ind = True, set(), False
                        writes[k], calls[k] = w, c
                        if ind:
                            indirect.add(k)
                        k += 1
            out = {f for f in range(n) if writes.get(f, f < self.num_imported_funcs)}
            if out:
                out |= indirect
            changed = True
            while changed:
                changed = False
                for f, c in calls.items():
                    if f not in out and c & out:
                        out.add(f)
                        changed = True
            self._writers = out
        return self._writers

    def stateful(self):
        return bool(self.writers())

    def func_names(self):
        """Function names from the name section, or {} if there is none or it does not parse."""
        names = {}
        for sid, payload in self.sections:
            if sid != 0:
                continue
            try:
                r = Reader(payload)
                if r.name() != "name":
                    continue
                while not r.eof():
                    sub = r.u8()
                    size = r.uleb()
                    end = r.p + size
                    if sub == 1:
                        for _ in range(r.uleb()):
                            idx = r.uleb()
                            names[idx] = r.name()
                    r.p = end
            except (Unsupported, UnicodeError):
                return {}
        return names


SPECTEST_GLOBALS = {
    "global_i32": (I32, b"\x41" + sleb(666)),
    "global_i64": (I64, b"\x42" + sleb(666)),
    "global_f32": (F32, b"\x43" + struct.pack("<f", 666.6)),
    "global_f64": (F64, b"\x44" + struct.pack("<d", 666.6)),
}
SPECTEST_FUNCS = {"print", "print_i32", "print_i64", "print_f32", "print_f64", "print_i32_f32",
                  "print_f64_f64"}


def body_effects(body):
    """(writes, callees, indirect): whether a function body contains an instruction that changes
    module state (a store, global.set, memory.grow, a table write, a bulk operation or a segment
    drop), the functions it calls, and whether it calls indirectly."""
    callees = set()
    indirect = False
    r = Reader(body)
    for _ in range(r.uleb()):
        r.uleb()
        r.u8()
    while not r.eof():
        op = r.u8()
        if op in (0x24, 0x26, 0x40) or 0x36 <= op <= 0x3E:
            return True, callees, indirect
        if op in (0x02, 0x03, 0x04):
            if r.d[r.p] == 0x40 or r.d[r.p] in (I32, I64, F32, F64, V128, FUNCREF, EXTERNREF):
                r.u8()
            else:
                r.sleb()
        elif op == 0x10:
            callees.add(r.uleb())
        elif op in (0x0C, 0x0D, 0x20, 0x21, 0x22, 0x23, 0x25, 0xD2):
            r.uleb()
        elif op == 0x0E:
            for _ in range(r.uleb() + 1):
                r.uleb()
        elif op == 0x11:
            indirect = True
            r.uleb()
            r.uleb()
        elif op == 0x1C:
            for _ in range(r.uleb()):
                r.u8()
        elif 0x28 <= op <= 0x35:
            r.uleb()
            r.uleb()
        elif op in (0x3F, 0xD0):
            r.u8()
        elif op in (0x41, 0x42):
            r.sleb()
        elif op == 0x43:
            r.take(4)
        elif op == 0x44:
            r.take(8)
        elif op == 0xFC:
            sub = r.uleb()
            if 8 <= sub <= 17 and sub != 16:
                return True, callees, indirect
            if sub == 16:
                r.uleb()
            elif sub > 17:
                raise Unsupported("0xfc %d" % sub)
        elif op == 0xFD:
            sub = r.uleb()
            if sub == 11 or 88 <= sub <= 91:
                return True, callees, indirect
            if sub <= 10 or sub in (92, 93):
                r.uleb()
                r.uleb()
            elif sub in (12, 13):
                r.take(16)
            elif 21 <= sub <= 34:
                r.u8()
            elif 84 <= sub <= 87:
                r.uleb()
                r.uleb()
                r.u8()
        elif op in (0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B, 0xD1) or 0x45 <= op <= 0xC4:
            pass
        else:
            raise Unsupported("opcode 0x%x" % op)
    return False, callees, indirect


def self_contained(body):
    """Whether a function body uses nothing of its module (only locals, constants, numeric and
    control instructions), so that a copy behaves the same in another module."""
    r = Reader(body)
    for _ in range(r.uleb()):
        r.uleb()
        read_valtype(r)
    while not r.eof():
        op = r.u8()
        if op in (0x02, 0x03, 0x04):
            bt = r.d[r.p]
            if bt != 0x40 and bt not in (I32, I64, F32, F64, V128, FUNCREF, EXTERNREF):
                return False  # a type index of the other module
            r.u8()
        elif op in (0x0C, 0x0D, 0x20, 0x21, 0x22):
            r.uleb()
        elif op == 0x0E:
            for _ in range(r.uleb() + 1):
                r.uleb()
        elif op in (0x41, 0x42):
            r.sleb()
        elif op == 0x43:
            r.take(4)
        elif op == 0x44:
            r.take(8)
        elif op in (0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B) or 0x45 <= op <= 0xC4:
            pass
        elif op == 0xFC:
            if r.uleb() > 7:
                return False
        else:
            return False
    return True


def convert_imports(m, registered=None):
    """Turns imports into definitions at the same indices: spectest's, and functions of registered
    modules whose bodies are self-contained (copied). Returns the new section list."""
    funcs, tables, mems, globs = [], [], [], []
    global_values = {}
    gi = 0
    for mod, nm, kind, desc in m.imports:
        if mod != "spectest":
            src = (registered or {}).get(mod)
            exp = src.exports.get(nm) if src is not None else None
            body = src.body(exp[1]) if exp is not None and exp[0] == 0 else None
            if kind != 0 or body is None or not self_contained(body) or \
                    src.types[src.func_types[exp[1]]] != m.types[desc]:
                raise Unsupported("imports %s.%s" % (mod, nm))
            funcs.append((desc, body))
            continue
        if kind == 0:
            if nm not in SPECTEST_FUNCS or m.types[desc][1]:
                raise Unsupported("imports spectest.%s" % nm)
            funcs.append((desc, b"\x00\x0b"))
        elif kind == 1:
            if nm != "table" or desc[0] != FUNCREF:
                raise Unsupported("imports spectest.%s" % nm)
            tables.append(bytes([FUNCREF]) + encode_limits(10, 20))
        elif kind == 2:
            if nm != "memory":
                raise Unsupported("imports spectest.%s" % nm)
            mems.append(encode_limits(1, 2))
        elif kind == 3:
            if nm not in SPECTEST_GLOBALS or SPECTEST_GLOBALS[nm][0] != desc[0] or desc[1]:
                raise Unsupported("imports spectest.%s" % nm)
            init = SPECTEST_GLOBALS[nm][1]
            globs.append(bytes([desc[0], 0]) + init + b"\x0b")
            global_values[gi] = init
            gi += 1
    sections = [list(s) for s in m.sections if s[0] != 2]

    def prepend(sid, entries, reencode=None):
        for s in sections:
            if s[0] == sid:
                r = Reader(s[1])
                n = r.uleb()
                rest = s[1][r.p:] if reencode is None else reencode(r, n)
                s[1] = uleb(n + len(entries)) + b"".join(entries) + rest
                return
        if entries:
            insert_section(sections, sid, uleb(len(entries)) + b"".join(entries))

    def reencode_globals(r, n):
        out = bytearray()
        for _ in range(n):
            t = r.u8()
            mu = r.u8()
            out += bytes([t, mu]) + rewrite_const_expr(read_const_expr(r), global_values)
        return bytes(out)

    prepend(3, [uleb(t) for t, _ in funcs])
    prepend(10, [uleb(len(b)) + b for _, b in funcs])
    prepend(4, tables)
    prepend(5, mems)
    prepend(6, globs, reencode_globals)
    if global_values:
        for s in sections:
            if s[0] == 9:
                s[1] = rewrite_elem_section(s[1], global_values)
            elif s[0] == 11:
                s[1] = rewrite_data_section(s[1], global_values)
    return sections


def rewrite_elem_section(payload, gv):
    r = Reader(payload)
    n = r.uleb()
    out = bytearray(uleb(n))
    for _ in range(n):
        s = r.p
        flags = r.uleb()
        out += payload[s:r.p]
        if flags & 1 == 0:  # active
            if flags & 2:
                s = r.p
                r.uleb()
                out += payload[s:r.p]
            out += rewrite_const_expr(read_const_expr(r), gv)
        if flags & 3:  # elemkind or reftype
            out.append(r.u8())
        count = r.uleb()
        out += uleb(count)
        for _ in range(count):
            if flags & 4:
                out += rewrite_const_expr(read_const_expr(r), gv)
            else:
                s = r.p
                r.uleb()
                out += payload[s:r.p]
    return bytes(out)


def rewrite_data_section(payload, gv):
    r = Reader(payload)
    n = r.uleb()
    out = bytearray(uleb(n))
    for _ in range(n):
        s = r.p
        flags = r.uleb()
        if flags == 2:
            r.uleb()
        out += payload[s:r.p]
        if flags in (0, 2):
            out += rewrite_const_expr(read_const_expr(r), gv)
        s = r.p
        size = r.uleb()
        r.take(size)
        out += payload[s:r.p]
    return bytes(out)


def insert_section(sections, sid, payload):
    rank = SECTION_RANK[sid]
    for i, (s, _) in enumerate(sections):
        if s != 0 and SECTION_RANK.get(s, 99) > rank:
            sections.insert(i, [sid, payload])
            return
    # After the last known section, before trailing custom sections.
    i = len(sections)
    while i > 0 and sections[i - 1][0] == 0:
        i -= 1
    sections.insert(i, [sid, payload])


def append_entries(sections, sid, entries):
    for s in sections:
        if s[0] == sid:
            r = Reader(s[1])
            n = r.uleb()
            s[1] = uleb(n + len(entries)) + s[1][r.p:] + b"".join(entries)
            return n
    insert_section(sections, sid, uleb(len(entries)) + b"".join(entries))
    return 0


# ------------------------------------------------------------------------------------------------
# Assertion bodies


def const_instr(arg):
    t, v = arg["type"], arg.get("value")
    if t == "i32":
        x = int(v) & 0xFFFFFFFF
        return b"\x41" + sleb(x - (1 << 32) if x >> 31 else x)
    if t == "i64":
        x = int(v) & 0xFFFFFFFFFFFFFFFF
        return b"\x42" + sleb(x - (1 << 64) if x >> 63 else x)
    if t == "f32":
        return b"\x43" + struct.pack("<I", int(v))
    if t == "f64":
        return b"\x44" + struct.pack("<Q", int(v))
    if t in ("externref", "funcref") and v == "null":
        return b"\xd0" + bytes([VALTYPES[t]])
    if t == "v128" and isinstance(v, list) and arg.get("lane_type") in LANES:
        fmt, n, _, _ = LANES[arg["lane_type"]]
        if len(v) != n or any(not x[0].isdigit() for x in v):
            raise Unsupported("v128 argument")
        mask = (1 << (struct.calcsize(fmt) * 8)) - 1
        return b"\xfd\x0c" + b"".join(struct.pack("<" + fmt, int(x) & mask) for x in v)
    raise Unsupported("argument %s %s" % (t, v))


# lane type -> (struct format, lanes, extract_lane opcode (unsigned for i8/i16), scalar type)
LANES = {"i8": ("B", 16, 22, "i32"), "i16": ("H", 8, 25, "i32"), "i32": ("I", 4, 27, "i32"),
         "i64": ("Q", 2, 29, "i64"), "f32": ("I", 4, 31, "f32"), "f64": ("Q", 2, 33, "f64")}
SCRATCH = {"i32": 0, "i64": 1, "f32": 2, "f64": 3}  # scratch locals after the results


def check_v128(local, exp, scratch_base):
    """Checks each lane of a v128 local like a scalar of the lane's type."""
    lt, v = exp.get("lane_type"), exp.get("value")
    if lt not in LANES or not isinstance(v, list) or len(v) != LANES[lt][1]:
        raise Unsupported("expected v128 %s" % lt)
    _, n, extract, scalar = LANES[lt]
    code = b""
    for k, x in enumerate(v):
        s_local = scratch_base + SCRATCH[scalar]
        code += b"\x20" + uleb(local) + b"\xfd" + uleb(extract) + bytes([k]) + b"\x21" + uleb(s_local)
        code += check_instrs(s_local, {"type": scalar, "value": x})
    return code


IF_UNREACHABLE = b"\x04\x40\x00\x0b"


def check_instrs(local, exp):
    t, v = exp["type"], exp.get("value")
    get = b"\x20" + uleb(local)
    if t == "i32":
        return get + const_instr(exp) + b"\x47" + IF_UNREACHABLE
    if t == "i64":
        return get + const_instr(exp) + b"\x52" + IF_UNREACHABLE
    if t in ("f32", "f64"):
        bits32 = t == "f32"
        reinterp = b"\xbc" if bits32 else b"\xbd"
        ne = b"\x47" if bits32 else b"\x52"
        c = (lambda x: b"\x41" + sleb(x - (1 << 32) if x >> 31 else x)) if bits32 else \
            (lambda x: b"\x42" + sleb(x - (1 << 64) if x >> 63 else x))
        and_ = b"\x71" if bits32 else b"\x83"
        if v == "nan:canonical":
            mask, want = (0x7FFFFFFF, 0x7FC00000) if bits32 else (0x7FFFFFFFFFFFFFFF, 0x7FF8000000000000)
            return get + reinterp + c(mask) + and_ + c(want) + ne + IF_UNREACHABLE
        if v == "nan:arithmetic":
            mask = 0x7FC00000 if bits32 else 0x7FF8000000000000
            return get + reinterp + c(mask) + and_ + c(mask) + ne + IF_UNREACHABLE
        return get + reinterp + c(int(v)) + ne + IF_UNREACHABLE
    if t in ("externref", "funcref"):
        if v == "null":
            return get + b"\xd1\x45" + IF_UNREACHABLE
        if t == "funcref" and v is None:
            return get + b"\xd1" + IF_UNREACHABLE
    raise Unsupported("expected %s %s" % (t, v))


def assertion_body(m, cmd, mode):
    """mode: 'check' (assert_return), 'drop' (action, assert_trap). Returns the function body."""
    action = cmd["action"]
    field = action["field"]
    if field not in m.exports:
        raise Unsupported("no export %r" % field)
    kind, idx = m.exports[field]
    code = bytearray()
    if action["type"] == "invoke":
        if kind != 0:
            raise Unsupported("invoke of a non-function")
        params, results = m.types[m.func_types[idx]]
        args = action.get("args", [])
        if len(args) != len(params):
            raise Unsupported("argument count")
        for a in args:
            code += const_instr(a)
        code += b"\x10" + uleb(idx)
    elif action["type"] == "get":
        if kind != 3:
            raise Unsupported("get of a non-global")
        results = [m.global_types[idx][0]]
        code += b"\x23" + uleb(idx)
    else:
        raise Unsupported("action " + action["type"])
    locals_ = b"\x00"
    if mode == "drop":
        code += b"\x1a" * len(results)
    else:
        expected = cmd.get("expected", [])
        if len(expected) != len(results):
            raise Unsupported("result count")
        for k in reversed(range(len(results))):
            code += b"\x21" + uleb(k)
        scratch = len(results)
        for k, e in enumerate(expected):
            code += check_v128(k, e, scratch) if results[k] == V128 else check_instrs(k, e)
        locals_ = vec([b"\x01" + bytes([t]) for t in results] +
                      [b"\x01" + bytes([t]) for t in (I32, I64, F32, F64)])
    body = locals_ + bytes(code) + b"\x0b"
    return uleb(len(body)) + body


def is_name_section(s):
    if s[0] != 0:
        return False
    try:
        return Reader(s[1]).name() == "name"
    except Unsupported:
        return False


def build_driver(m, base_sections, bodies):
    """bodies: [(name, encoded body)]. Returns the module with the functions and a `_start` calling
    them in order appended."""
    sections = [list(s) for s in base_sections]
    # Drop the name section: a fresh one names the original functions and ours.
    orig_names = m.func_names()
    sections = [s for s in sections if not is_name_section(s)]
    type_idx = append_entries(sections, 1, [b"\x60\x00\x00"])
    nfuncs = len(m.func_types)
    n = len(bodies)
    append_entries(sections, 3, [uleb(type_idx)] * (n + 1))
    start_idx = nfuncs + n
    start = b"\x00" + b"".join(b"\x10" + uleb(nfuncs + k) for k in range(n)) + b"\x0b"
    append_entries(sections, 10, [b for _, b in bodies] + [uleb(len(start)) + start])
    append_entries(sections, 7, [name_bytes("_start") + b"\x00" + uleb(start_idx)])
    names = dict(orig_names)
    for k, (nm, _) in enumerate(bodies):
        names[nfuncs + k] = nm
    names[start_idx] = "_start"
    fn = vec([uleb(i) + name_bytes(names[i]) for i in sorted(names)])
    sections.append([0, name_bytes("name") + b"\x01" + uleb(len(fn)) + fn])
    return b"\x00asm\x01\x00\x00\x00" + b"".join(section(s, p) for s, p in sections)


# ------------------------------------------------------------------------------------------------
# Running


def run(cmd, timeout):
    # The compiler may be rebuilt while the suite runs (ETXTBSY, or missing for a moment): retry.
    for _ in range(120):
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout)
            break
        except subprocess.TimeoutExpired:
            return None, "", "timeout after %ds" % timeout
        except OSError:
            if cmd[0] != W2N:
                raise
            time.sleep(1)
    else:
        return None, "", "cannot run " + cmd[0]
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


_counter = [0]


def tmp_path(tag):
    _counter[0] += 1
    return os.path.join(TMPDIR, "%d-%d-%s" % (os.getpid(), _counter[0], tag))


def compile_and_run(wasm, opt):
    """Returns (stage, rc, stderr): stage 'compile' when compilation failed, else 'run'."""
    w = tmp_path("d.wasm")
    exe = w[:-5]
    with open(w, "wb") as f:
        f.write(wasm)
    rc, out, err = run([W2N, "-O" + opt] + FLAGS + [w, "-o", exe], COMPILE_TIMEOUT)
    if rc != 0:
        return "compile", rc, err.strip()
    rc, out, err = run(WRAPPER + [exe], RUN_TIMEOUT)
    for p in (w, exe):
        try:
            os.unlink(p)
        except OSError:
            pass
    return "run", rc, err


TRAP_RE = re.compile(r"wasm trap: (.*)\n  in function (.*)")


def summarize(err):
    """One line out of a compiler's stderr: the first error line, else the last line."""
    lines = [l.strip() for l in err.splitlines() if l.strip()]
    for l in lines:
        if "error" in l.lower():
            return l[:300]
    return lines[-1][:300] if lines else ""


def describe(rc, err):
    m = TRAP_RE.search(err)
    if rc == 134 and m:
        return "trap %r in %s" % (m.group(1), m.group(2))
    if rc is None:
        return err
    if rc < 0:
        return "killed by signal %d %s" % (-rc, summarize(err))
    return "exit %d %s" % (rc, summarize(err))


def job_run(job):
    """Runs assertions [(id, name, body)] in order; returns [(id, ok, message)]. After a failure the
    rest run in a new executable, preceded by the assertions that passed when the module has state."""
    m, sections, asserts, opt = job["module"], job["sections"], job["asserts"], job["opt"]
    stateful = m.stateful()
    results = {}
    passed = []
    remaining = list(asserts)
    failures = 0
    limit = 20 if stateful else 1000

    def drive(lst):
        return compile_and_run(build_driver(m, sections, [(n, b) for _, n, b in lst]), opt)

    while remaining:
        prefix = passed if stateful else []
        stage, rc, err = drive(prefix + remaining)
        if stage == "compile":
            for a in remaining:
                results[a[0]] = (False, "-O%s compile failed: %s" % (opt, summarize(err)))
            break
        if rc == 0:
            for a in remaining:
                results[a[0]] = (True, "")
            break
        # Find the failing assertion: named in the trap report, else bisect on the prefix length.
        mt = TRAP_RE.search(err)
        bad = None
        if rc == 134 and mt:
            for k, a in enumerate(remaining):
                if a[1] == mt.group(2):
                    bad = k
        if bad is None:
            lo, hi = 1, len(remaining)  # running prefix + remaining[:hi] fails
            while lo < hi:
                mid = (lo + hi) // 2
                st, rc2, _ = drive(prefix + remaining[:mid])
                if st == "run" and rc2 == 0:
                    lo = mid + 1
                else:
                    hi = mid
            bad = hi - 1
        for a in remaining[:bad]:
            results[a[0]] = (True, "")
        passed += remaining[:bad]
        results[remaining[bad][0]] = (False, "-O%s: %s" % (opt, describe(rc, err)))
        remaining = remaining[bad + 1:]
        failures += 1
        if failures >= limit:
            for a in remaining:
                results[a[0]] = (False, "-O%s: not run (too many failures)" % opt)
            break
    return [(i, ok, msg) for i, (ok, msg) in results.items()]


def job_trap(job):
    m, sections, prefix, trap, opt = job["module"], job["sections"], job["prefix"], job["trap"], job["opt"]
    tid, tname, tbody, text = trap
    stage, rc, err = compile_and_run(build_driver(m, sections, [(n, b) for _, n, b in prefix] + [(tname, tbody)]), opt)
    if stage == "compile":
        return [(tid, False, "-O%s compile failed: %s" % (opt, summarize(err)))]
    mt = TRAP_RE.search(err)
    if rc == 134 and mt:
        msg, fn = mt.group(1), mt.group(2)
        # At -O2 the assertion functions may be inlined into `_start` (or the export into them), so
        # the reported function only identifies an earlier command's failure when it names one.
        prefix_names = {n for _, n, _ in prefix}
        if fn in prefix_names:
            return [(tid, False, "-O%s: earlier command failed: %s" % (opt, describe(rc, err)))]
        if msg.startswith(text) or text.startswith(msg):
            return [(tid, True, "")]
        return [(tid, False, "-O%s: expected trap %r, got %s" % (opt, text, describe(rc, err)))]
    if rc == 0:
        return [(tid, False, "-O%s: expected trap %r, returned normally" % (opt, text))]
    return [(tid, False, "-O%s: expected trap %r, got %s" % (opt, text, describe(rc, err)))]


def job_reject(job):
    out = tmp_path("o")
    rc, _, err = run([W2N, "--emit=obj", job["path"], "-o", out], COMPILE_TIMEOUT)
    if os.path.exists(out):
        os.unlink(out)
    if rc == 1 and "error:" in err:
        return [(job["id"], True, "")]
    if rc == 0:
        return [(job["id"], False, "accepted (expected %s %r)" % (job["kind"], job["text"]))]
    return [(job["id"], False, "exit %s: %s" % (rc, summarize(err)))]


def job_accept(job):
    out = tmp_path("o")
    path = job["path"]
    if job.get("data"):
        path = tmp_path("n.wasm")
        with open(path, "wb") as f:
            f.write(job["data"])
    rc, _, err = run([W2N, "-O0", "--emit=obj", path, "-o", out], COMPILE_TIMEOUT)
    for p in (out, path if job.get("data") else None):
        if p and os.path.exists(p):
            os.unlink(p)
    if rc == 0:
        return [(job["id"], True, "")]
    return [(job["id"], False, "valid module rejected: exit %s: %s" % (rc, summarize(err)))]


def do_job(job):
    try:
        return job["fn"](job)
    except Exception as e:  # a runner bug must not hide the other results
        ids = job.get("ids") or []
        return [(i, False, "runner error: %r" % e) for i in ids]


JOB_FNS = {"run": job_run, "trap": job_trap, "reject": job_reject, "accept": job_accept}


def dispatch(job):
    job = dict(job)
    job["fn"] = JOB_FNS[job["kind_"]]
    return do_job(job)


# ------------------------------------------------------------------------------------------------
# Planning


def plan_file(path, opts, trap_opts):
    """Returns (assertions, jobs, skipped): assertions {id: description}, skipped [(id, reason)]."""
    with open(path) as f:
        spec = json.load(f)
    base = os.path.dirname(path)
    skip_lines = manifest_failing_lines(path)
    asserts, jobs, skipped = {}, [], []
    modules = {}   # name -> state
    registered = {}  # registered name -> state

    def reg_modules():
        return {k: v["m"] for k, v in registered.items() if v.get("m") is not None}
    all_modules = []
    current = None
    counter = [0]

    def new_id(cmd, what):
        counter[0] += 1
        i = (path, counter[0])
        asserts[i] = "line %d %s" % (cmd["line"], what)
        return i

    def describe_action(cmd):
        a = cmd.get("action", {})
        args = ",".join("[%s]" % " ".join(x["value"]) if isinstance(x.get("value"), list) else str(x.get("value"))
                        for x in a.get("args", []))
        return "%s %s(%s)" % (cmd["type"], a.get("field"), args)

    def finish(st):
        if st.get("error") or not st["runs"]:
            return
        # Without state, assertions are independent: run them in chunks, in parallel, so that a
        # failure (which means recompiling the rest) stays cheap.
        chunk = len(st["runs"]) if st["m"].stateful() else 150
        for k in range(0, len(st["runs"]), chunk):
            part = st["runs"][k:k + chunk]
            for o in opts:
                jobs.append({"kind_": "run", "module": st["m"], "sections": st["sections"], "asserts": part,
                             "opt": o, "ids": [i for i, _, _ in part]})

    for cmd in spec["commands"]:
        t = cmd["type"]
        if t == "module":
            mid = new_id(cmd, "module %s compiles" % cmd["filename"])
            mpath = os.path.join(base, cmd["filename"])
            st = {"runs": [], "n": 0, "error": None, "tainted": False}
            try:
                with open(mpath, "rb") as f:
                    m = Module(f.read())
            except Unsupported as e:
                # Encodings newer than the parser (e.g. compact imports) are out of scope.
                skipped.append((mid, str(e)))
                st["error"] = str(e)
                current = st
                all_modules.append(st)
                if cmd.get("name"):
                    modules[cmd["name"]] = st
                continue
            # A module in a post-2.0 encoding is compiled in its 2.0 form.
            jobs.append({"kind_": "accept", "path": mpath, "id": mid, "ids": [mid],
                         "data": m.binary() if m.normalized else None})
            try:
                st["m"] = m
                st["sections"] = convert_imports(m, reg_modules()) if m.imports else m.sections
                if "_start" in m.exports:
                    raise Unsupported("already exports _start")
            except Unsupported as e:
                st["error"] = str(e)
                # Not running a module that imports from a registered one (its segments, calls)
                # leaves that module in a state the later commands do not expect.
                for imp in m.imports:
                    if imp[0] in registered:
                        registered[imp[0]]["tainted"] = True
            current = st
            all_modules.append(st)
            if cmd.get("name"):
                modules[cmd["name"]] = st
            if not st["error"]:
                # Instantiation (data/elem segments, start function) is exercised by the run job; make
                # sure there is one even without assertions.
                iid = new_id(cmd, "module %s instantiates" % cmd["filename"])
                st["runs"].append((iid, "instantiate_line%d" % cmd["line"], uleb(2) + b"\x00\x0b"))
            continue
        if t in ("assert_invalid", "assert_malformed"):
            i = new_id(cmd, "%s %s (%s)" % (t, cmd["filename"], cmd["text"]))
            if cmd.get("module_type") != "binary":
                skipped.append((i, "text module"))
            elif cmd["line"] in skip_lines:
                skipped.append((i, "reference runner fails it"))
            else:
                jobs.append({"kind_": "reject", "path": os.path.join(base, cmd["filename"]), "id": i,
                             "kind": t, "text": cmd["text"], "ids": [i]})
            continue
        if t == "assert_uninstantiable":
            i = new_id(cmd, "%s %s (%s)" % (t, cmd["filename"], cmd["text"]))
            try:
                with open(os.path.join(base, cmd["filename"]), "rb") as f:
                    m = Module(f.read())
                # A failed instantiation keeps the segments it wrote into imported memories/tables.
                for imp in m.imports:
                    if imp[0] in registered and imp[2] != 0:
                        registered[imp[0]]["tainted"] = True
                secs = convert_imports(m, reg_modules()) if m.imports else m.sections
                for o in trap_opts:
                    jobs.append({"kind_": "trap", "module": m, "sections": secs, "prefix": [],
                                 "trap": (i, "instantiate", uleb(2) + b"\x00\x0b", cmd["text"]), "opt": o,
                                 "ids": [i]})
            except Unsupported as e:
                skipped.append((i, str(e)))
            continue
        if t == "register":
            st = modules.get(cmd["name"]) if cmd.get("name") else current
            if st is not None:
                registered[cmd["as"]] = st
            continue
        if t == "assert_unlinkable":
            i = new_id(cmd, t)
            skipped.append((i, "linking is not supported"))
            continue
        if t == "assert_exception":
            # An executable reports an uncaught exception like a trap: "wasm trap: uncaught exception".
            cmd = dict(cmd, text="uncaught exception")
        if t not in ("assert_return", "action", "assert_trap", "assert_exhaustion", "assert_exception"):
            i = new_id(cmd, t)
            skipped.append((i, "unknown command"))
            continue
        i = new_id(cmd, describe_action(cmd))
        target = modules.get(cmd["action"]["module"]) if cmd["action"].get("module") else current
        if target is None:
            skipped.append((i, "no module"))
            continue
        if target["error"]:
            skipped.append((i, "module skipped: " + target["error"]))
            continue
        if cmd["line"] in skip_lines:
            skipped.append((i, "reference runner fails it"))
            continue
        if target["tainted"]:
            skipped.append((i, "earlier commands could not be run (linking, externref arguments)"))
            continue
        target["n"] += 1
        name = "assert_%d_line%d" % (target["n"], cmd["line"])
        try:
            if t == "assert_return":
                body = assertion_body(target["m"], cmd, "check")
            else:
                body = assertion_body(target["m"], cmd, "drop")
        except Unsupported as e:
            skipped.append((i, str(e)))
            m_ = target["m"]
            exp = m_.exports.get(cmd["action"]["field"])
            if t in ("assert_return", "action") and exp and exp[0] == 0 and exp[1] in m_.writers():
                # The call may change state later commands see: still make it, without the check,
                # or, when even that is impossible, skip the module's remaining commands.
                try:
                    target["runs"].append((i, name, assertion_body(target["m"], cmd, "drop")))
                except Unsupported:
                    target["tainted"] = True
            continue
        if t in ("assert_return", "action"):
            target["runs"].append((i, name, body))
        else:
            prefix = list(target["runs"]) if target["m"].stateful() else []
            for o in trap_opts:
                jobs.append({"kind_": "trap", "module": target["m"], "sections": target["sections"],
                             "prefix": prefix, "trap": (i, name, body, cmd["text"]), "opt": o, "ids": [i]})
    # Commands on different modules are independent (no linking), so each module's run in order.
    for st in all_modules:
        finish(st)
    return asserts, jobs, skipped


def load_known_failures(path):
    """Lines `<json path suffix> <line> <why>`: failures reported as known, not as failed."""
    out = []
    if path and os.path.exists(path):
        with open(path) as f:
            for l in f:
                l = l.split("#", 1)[0].strip()
                if l:
                    suffix, line, why = (l.split(None, 2) + [""])[:3]
                    out.append((suffix, int(line), why))
    return out


def init_worker(tmpdir, w2n, flags, wrapper):
    global TMPDIR, W2N, FLAGS, WRAPPER
    TMPDIR, W2N, FLAGS, WRAPPER = tmpdir, w2n, flags, wrapper


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-O", "--opt", default="0,2", help="levels for assert_return drivers (default 0,2)")
    ap.add_argument("--trap-opt", default=None, help="levels for trap drivers (default: --opt)")
    ap.add_argument("--wasm2native", default=DEFAULT_W2N)
    ap.add_argument("--flag", action="append", default=[],
                    help="extra compiler flag for the executables, e.g. --flag=--bounds-checks=explicit "
                         "or --flag=--target=aarch64-linux (repeatable)")
    ap.add_argument("--wrapper", default="", help="command to run executables with, e.g. qemu-aarch64-static")
    ap.add_argument("--known-failures", default=os.path.join(HERE, "known-failures.txt"),
                    help="file of known failures (default: known-failures.txt beside this script)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list skipped assertions too")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    opts = [o for o in args.opt.split(",") if o]
    trap_opts = [o for o in (args.trap_opt or args.opt).split(",") if o]

    files = expand_paths(args.paths)
    plans = []
    all_jobs = []
    for f in files:
        asserts, jobs, skipped = plan_file(f, opts, trap_opts)
        plans.append((f, asserts, skipped))
        all_jobs += jobs

    tmpdir = tempfile.mkdtemp(prefix="w2n-spec-")
    results = {}
    try:
        # Big jobs first so that the pool finishes evenly.
        all_jobs.sort(key=lambda j: -len(j.get("asserts", j.get("prefix", []))))
        with multiprocessing.Pool(args.jobs, initializer=init_worker, initargs=(tmpdir, args.wasm2native, args.flag, args.wrapper.split())) as pool:
            for rs in pool.imap_unordered(dispatch, all_jobs, chunksize=1):
                for i, ok, msg in rs:
                    prev = results.get(i)
                    if prev is None or (prev[0] and not ok):
                        results[i] = (ok, msg)
    finally:
        if args.keep:
            print("temporary files in", tmpdir)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)

    known = load_known_failures(args.known_failures)
    tp = tf = ts = tx = 0
    for f, asserts, skipped in plans:
        skip_ids = dict(skipped)
        p = fl = xf = 0
        lines = []
        norm = os.path.abspath(f).replace(os.sep, "/")
        known_here = {line: why for suffix, line, why in known if norm.endswith("/" + suffix)}
        for i, desc in asserts.items():
            if i in skip_ids:
                if args.verbose:
                    lines.append("  skip %s: %s" % (desc, skip_ids[i]))
                continue
            r = results.get(i)
            if r is None:
                skip_ids[i] = "not run"
                if args.verbose:
                    lines.append("  skip %s: not run" % desc)
                continue
            line = int(desc.split()[1])
            if r[0]:
                p += 1
                if line in known_here and args.verbose:
                    lines.append("  XPASS %s (known failure: %s)" % (desc, known_here[line]))
            elif line in known_here:
                xf += 1
                if args.verbose:
                    lines.append("  XFAIL %s: %s (%s)" % (desc, r[1], known_here[line]))
            else:
                fl += 1
                lines.append("  FAIL %s: %s" % (desc, r[1]))
        s = len(skip_ids)
        tp, tf, ts, tx = tp + p, tf + fl, ts + s + xf, tx + xf
        print("%s: %d passed, %d failed, %d skipped%s" % (os.path.relpath(f), p, fl, s + xf,
                                                         " (%d known failures)" % xf if xf else ""))
        for line in lines:
            print(line)
    print("%d passed, %d failed, %d skipped%s" % (tp, tf, ts, " (%d known failures)" % tx if tx else ""))
    return 1 if tf else 0


if __name__ == "__main__":
    sys.exit(main())
