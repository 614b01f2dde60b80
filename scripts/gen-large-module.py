#!/usr/bin/env python3
"""gen-large-module.py: builds, reproducibly, a large WASI command module for compile-time measurements.

Usage: python3 scripts/gen-large-module.py OUT.wasm [--copies N] [--huge H] [--huge-cases C] [--work DIR]

The module is real code at scale: N copies of SQLite 3.40 (the amalgamation that scripts/setup.sh generates
under /var/cache/wasm2native/src/sqlite3-*/bld, or W2N_SRC_CACHE) plus H generated functions of more than
100,000 wasm instructions each, and a main that runs them all. About 1 MB of wasm per copy: the default
(30 copies, 2 huge functions) is 29.5 MB with 34,286 functions.

How the copies are made cheaply (one clang compile, not N): sqlite3.c and a small entry function
(gen_copy_entry_0000: opens an in-memory database, runs a few statements, returns a checksum) are compiled
to bitcode, linked, and every symbol but the entry is internalized (opt -passes=internalize,globaldce), so
that a copy defines exactly one global symbol; llc compiles that to one wasm object. Copy K is that object
with the entry's name replaced by gen_copy_entry_K, a name of the same length (the symbol table's
length-prefixed string is the only place it appears; the script checks it appears exactly once), so wasm-ld
sees N objects with N distinct entries and private everything else. The huge functions are a byte-code
interpreter loop over a generated program: a switch with C cases of varied integer and floating-point
arithmetic, memory traffic and calls, the shape (one function, thousands of blocks, a dense CFG) that
stresses LLVM's superlinear passes; about 150 wasm instructions per case: 100k+ each at the default C (700; clang itself takes about a minute per function).

Everything is compiled with clang-19 -O2 -c and linked without -O (so binaryen's wasm-opt never runs). The
result runs: it prints one line per copy and per huge function (the same on every run; compare a native
build of the wasm against the interpreter of your choice). Work files go to --work (default: gen-large-work
beside OUT.wasm) and are reused while their inputs are unchanged.
"""
import argparse
import glob
import hashlib
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SQLITE_WASI_H = os.path.join(HERE, "..", "bench", "programs", "sqlite-include", "sqlite-wasi.h")
CACHE = os.environ.get("W2N_SRC_CACHE", "/var/cache/wasm2native/src")
SQLITE_FLAGS = ["-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_WAL",
                "-D_WASI_EMULATED_GETPID", "-include", SQLITE_WASI_H, "-w"]
TARGET = ["--target=wasm32-wasi"]
ENTRY = "gen_copy_entry_0000"

ENTRY_C = r"""
/* The one global symbol of a SQLite copy: runs a few statements on an in-memory database. */
#include "sqlite3.h"
static int add_row(void *acc, int n, char **v, char **names) {
  (void)names;
  for (int i = 0; i < n; i++)
    for (const char *p = v[i] ? v[i] : ""; *p; p++)
      *(unsigned *)acc = *(unsigned *)acc * 31u + (unsigned char)*p;
  return 0;
}
unsigned gen_copy_entry_0000(int rows) {
  sqlite3 *db;
  unsigned acc = 0;
  char sql[200];
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return 0;
  sqlite3_exec(db, "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL); CREATE INDEX tb ON t(b);", 0, 0, 0);
  for (int i = 0; i < rows; i++) {
    sqlite3_snprintf(sizeof sql, sql, "INSERT INTO t(b, c) VALUES('row%d', %d.5);", i * 7 % rows, i);
    sqlite3_exec(db, sql, 0, 0, 0);
  }
  sqlite3_exec(db, "SELECT b, count(*), sum(c) FROM t GROUP BY b ORDER BY 2 DESC, 1 LIMIT 5;"
                   "SELECT x.a, y.b FROM t x JOIN t y ON x.a = y.a + 1 WHERE x.c > 10 ORDER BY x.a DESC LIMIT 3;"
                   "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 20) "
                   "SELECT group_concat(n * n, ',') FROM r;"
                   "PRAGMA integrity_check;", add_row, &acc, 0);
  sqlite3_close(db);
  return acc;
}
"""


def run(cmd):
    r = subprocess.run(cmd)
    if r.returncode != 0:
        sys.exit(f"gen-large-module.py: ERROR: failed: {' '.join(cmd)}")


def up_to_date(out, inputs):
    """Whether out exists and records the hash of inputs (a .key file beside it)."""
    key = hashlib.sha256(repr(inputs).encode()).hexdigest()
    try:
        with open(out + ".key") as f:
            if f.read() == key and os.path.exists(out):
                return True, key
    except OSError:
        pass
    return False, key


def mark(out, key):
    with open(out + ".key", "w") as f:
        f.write(key)


def sqlite_copy_object(work):
    """The wasm object of one SQLite copy whose only global symbol is ENTRY."""
    dirs = sorted(d for d in glob.glob(os.path.join(CACHE, "sqlite3-*")) if os.path.isfile(os.path.join(d, "bld", "sqlite3.c")))
    if not dirs:
        sys.exit(f"gen-large-module.py: ERROR: no {CACHE}/sqlite3-*/bld/sqlite3.c: run scripts/setup.sh")
    bld = os.path.join(dirs[-1], "bld")
    obj = os.path.join(work, "sqlite-copy.o")
    with open(os.path.join(bld, "sqlite3.c"), "rb") as f:
        source_hash = hashlib.sha256(f.read()).hexdigest()
    fresh, key = up_to_date(obj, (source_hash, ENTRY_C, SQLITE_FLAGS))
    if fresh:
        return obj
    entry_c = os.path.join(work, "entry.c")
    with open(entry_c, "w") as f:
        f.write(ENTRY_C)
    bcs = []
    for src in (os.path.join(bld, "sqlite3.c"), entry_c):
        bc = os.path.join(work, os.path.basename(src) + ".bc")
        run(["clang-19"] + TARGET + ["-O2", "-c", "-emit-llvm", f"-I{bld}"] + SQLITE_FLAGS + [src, "-o", bc])
        bcs.append(bc)
    linked, internal = os.path.join(work, "copy.bc"), os.path.join(work, "copy.internal.bc")
    run(["llvm-link-19"] + bcs + ["-o", linked])
    run(["opt-19", "-passes=internalize,globaldce", f"-internalize-public-api-list={ENTRY}", linked, "-o", internal])
    run(["llc-19", "-O2", "-mtriple=wasm32-wasi", "-filetype=obj", internal, "-o", obj])
    mark(obj, key)
    return obj


def huge_function_c(index, cases):
    """C source of huge_INDEX: an interpreter over a generated program with CASES varied opcodes."""
    rnd = random.Random(1000 + index)
    out = [f"/* Generated by gen-large-module.py: one huge function ({cases} cases). */",
           "#include <stdint.h>",
           "extern uint32_t gen_helper(uint32_t, uint32_t);",
           f"uint64_t huge_{index}(const uint8_t *prog, uint32_t len, uint32_t *mem, double *fm) {{",
           "  uint64_t acc = 0x9e3779b97f4a7c15u; uint32_t r0 = 1, r1 = 2, r2 = 3, r3 = 5; double f0 = 0.5, f1 = 1.5;",
           "  for (uint32_t pc = 0; pc + 2 < len; pc += 3) {",
           "    uint32_t a = prog[pc + 1] & 255, b = prog[pc + 2] & 255;",
           f"    switch ((prog[pc] | (uint32_t)prog[pc + 1] << 8) % {cases}u) {{"]
    ops = ["+", "-", "*", "^", "|", "&"]
    for c in range(cases):
        stmts = []
        for _ in range(rnd.randint(3, 9)):
            kind = rnd.randrange(8)
            r, s = rnd.choice(["r0", "r1", "r2", "r3"]), rnd.choice(["r0", "r1", "r2", "r3", "a", "b"])
            k = rnd.randrange(1, 1 << 20)
            if kind == 0:
                stmts.append(f"{r} = ({r} {rnd.choice(ops)} {s}) + {k}u;")
            elif kind == 1:
                stmts.append(f"mem[({s} + {k}u) & 1023] {rnd.choice(ops)}= {r};")
            elif kind == 2:
                stmts.append(f"{r} += mem[({r} ^ {k}u) & 1023] >> ({s} & 15);")
            elif kind == 3:
                stmts.append(f"if ({r} > {s}) {{ {r} -= {s}; acc += {k}u; }} else {{ acc ^= (uint64_t){s} << {k % 40}; }}")
            elif kind == 4:
                stmts.append(f"f{k % 2} = f{k % 2} * {rnd.uniform(0.5, 1.5):.6f} + (double)({s} & 255);")
            elif kind == 5:
                stmts.append(f"fm[({r} + {k}u) & 255] += f{k % 2}; acc += (uint64_t)(int64_t)fm[{k % 256}];")
            elif kind == 6:
                stmts.append(f"{r} = gen_helper({r}, {s} + {k}u);")
            else:
                stmts.append(f"for (uint32_t i = 0; i < ({s} & 7); i++) {r} = {r} * 33u + mem[(i + {k}u) & 1023];")
        out.append(f"    case {c}: " + " ".join(stmts) + " break;")
    out += ["    }", "    acc = acc * 0x100000001b3u + (r0 ^ r1 ^ r2 ^ r3);", "  }",
            "  return acc + (uint64_t)(f0 + f1);", "}"]
    return "\n".join(out) + "\n"


def main_c(copies, huge):
    decls = [f"unsigned gen_copy_entry_{k:04d}(int);" for k in range(copies)]
    decls += [f"uint64_t huge_{h}(const uint8_t *, uint32_t, uint32_t *, double *);" for h in range(huge)]
    body = [f'  printf("copy {k}: %08x\\n", gen_copy_entry_{k:04d}(50 + {k}));' for k in range(copies)]
    for h in range(huge):
        body += ["  for (uint32_t i = 0; i < sizeof prog; i++) prog[i] = (uint8_t)(i * 2654435761u >> 13);",
                 f'  printf("huge {h}: %016llx\\n", (unsigned long long)huge_{h}(prog, sizeof prog, mem, fm));']
    return "\n".join([
        "/* Generated by gen-large-module.py: runs every SQLite copy and every huge function once. */",
        "#include <stdint.h>", "#include <stdio.h>", *decls,
        "uint32_t gen_helper(uint32_t x, uint32_t y) { return (x << 3 | x >> 29) ^ (y * 2246822519u); }",
        "static uint8_t prog[30000]; static uint32_t mem[1024]; static double fm[256];",
        "int main(void) {", *body, "  return 0;", "}"]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=30)
    ap.add_argument("--huge", type=int, default=2)
    ap.add_argument("--huge-cases", type=int, default=700)
    ap.add_argument("--work")
    a = ap.parse_args()
    if not 0 <= a.copies <= 9999:
        sys.exit("gen-large-module.py: ERROR: --copies must be 0..9999")
    work = a.work or os.path.join(os.path.dirname(os.path.abspath(a.out)), "gen-large-work")
    os.makedirs(work, exist_ok=True)
    objs = []
    if a.copies:
        template = open(sqlite_copy_object(work), "rb").read()
        if template.count(ENTRY.encode()) != 1:
            sys.exit(f"gen-large-module.py: ERROR: {ENTRY} does not appear exactly once in the copy object")
        for k in range(a.copies):
            obj = os.path.join(work, f"sqlite-copy-{k:04d}.o")
            with open(obj, "wb") as f:
                f.write(template.replace(ENTRY.encode(), f"gen_copy_entry_{k:04d}".encode()))
            objs.append(obj)
    sources = {f"huge_{h}.c": huge_function_c(h, a.huge_cases) for h in range(a.huge)}
    sources["main.c"] = main_c(a.copies, a.huge)
    for name, text in sources.items():
        src, obj = os.path.join(work, name), os.path.join(work, name[:-2] + ".o")
        fresh, key = up_to_date(obj, text)
        if not fresh:
            with open(src, "w") as f:
                f.write(text)
            run(["clang-19"] + TARGET + ["-O2", "-c", "-w", src, "-o", obj])
            mark(obj, key)
        objs.append(obj)
    run(["clang-19"] + TARGET + objs + ["-o", a.out, "-lwasi-emulated-getpid"])
    print(f"{a.out}: {os.path.getsize(a.out)} bytes ({a.copies} SQLite copies, {a.huge} huge functions)")


if __name__ == "__main__":
    main()
