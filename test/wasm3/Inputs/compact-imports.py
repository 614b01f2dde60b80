"""compact-imports.py OUT.wasm: a WASI command module whose imports use both compact encodings of the
compact-import-section proposal (and one plain import after them), so that the import order, and
with it each function index, depends on decoding every group right.

Imports, in order: group 0x7F "wasi_snapshot_preview1" {proc_exit: (i32)->(), args_sizes_get:
(i32 i32)->i32}; group 0x7E "wasi_snapshot_preview1" of type (i32)->i32 {fd_close, fd_datasync};
plain "wasi_snapshot_preview1" "sched_yield": ()->i32. _start exits with
fd_close(99) + fd_datasync(98) + sched_yield() + 20 = 8 (EBADF) + 8 + 0 + 20 = 36, calling each
through its index (0 proc_exit, 2 fd_close, 3 fd_datasync, 4 sched_yield)."""
import sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from wasm_bytes import *

I32 = 0x7F
types = section(1, vec([functype([I32], []), functype([I32, I32], [I32]), functype([I32], [I32]),
                        functype([], [I32]), functype([], [])]))
wasi = name("wasi_snapshot_preview1")
imports = section(2, vec([
    wasi + name("") + b"\x7f" + vec([name("proc_exit") + b"\x00\x00",
                                     name("args_sizes_get") + b"\x00\x01"]),
    wasi + name("") + b"\x7e" + b"\x00\x02" + vec([name("fd_close"), name("fd_datasync")]),
    wasi + name("sched_yield") + b"\x00\x03",
]))
funcs = section(3, vec([uleb(4)]))
exports = section(7, vec([name("_start") + b"\x00" + uleb(5)]))
body = (b"\x41" + uleb(99) + b"\x10\x02"      # fd_close(99)
        + b"\x41" + uleb(98) + b"\x10\x03"    # fd_datasync(98)
        + b"\x6a" + b"\x10\x04" + b"\x6a"     # + sched_yield()
        + b"\x41\x14\x6a" + b"\x10\x00\x0b")  # + 20, proc_exit
codes = section(10, vec([code(body)]))
open(sys.argv[1], "wb").write(module(types, imports, funcs, exports, codes))
