#!/usr/bin/env python3
"""test/macos/Inputs/check_macho.py: structural checks of a macOS executable made by wasm2native.

  check_macho.py EXE ARCH TBD REFERENCE

No Mac runs the outputs here, so this checks what macOS's loader and the code-signing check look at,
from llvm-objdump (on PATH, LLVM 19) and the files themselves:
  - a 64-bit MH_EXECUTE of ARCH (x86_64 or arm64) with an LC_MAIN entry point inside __TEXT, an
    LC_BUILD_VERSION for macOS 11.0, a __PAGEZERO of no access, and no segment that may be writable
    and executable at once (initprot or maxprot);
  - on arm64 an LC_CODE_SIGNATURE (ad-hoc: arm64 macOS kills unsigned code);
  - libSystem.B.dylib is the only library loaded;
  - every undefined symbol of the executable is exported by TBD (the runtime's libSystem.tbd), and
    every symbol TBD declares for ARCH is in REFERENCE, the list of real libSystem exports.
Prints one line per fact checked and exits 1 at the first one that is false.
"""
import re
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def objdump(*args):
    return subprocess.run(["llvm-objdump", "--macho", *args], check=True, capture_output=True, text=True).stdout


def load_commands(text):
    """The load commands of --private-headers, as dicts of their 'key value' lines."""
    cmds, cur = [], None
    for line in text.splitlines():
        m = re.match(r"\s*(\w+) (.*)$", line)
        if line.startswith("Load command"):
            cur = {}
            cmds.append(cur)
        elif cur is not None and m and m.group(1) not in cur:
            cur[m.group(1)] = m.group(2).strip()
    return cmds


def tbd_symbols(path, arch):
    text = open(path).read()
    targets = re.search(r"^targets:\s*\[(.*)\]", text, re.M).group(1)
    if arch + "-macos" not in targets:
        fail(f"{path} is not for {arch}-macos ({targets})")
    if "install-name:    '/usr/lib/libSystem.B.dylib'" not in text:
        fail(f"{path} is not libSystem.B.dylib's stub")
    syms = set()
    for block in re.findall(r"symbols:\s*\[(.*?)\]", text, re.S):
        syms |= {s.strip().strip("'") for s in block.split(",") if s.strip()}
    return syms


def reference_symbols(path, arch):
    syms = set()
    for line in open(path):
        words = line.split("#")[0].split()
        if words and (len(words) == 1 or words[1] == arch):
            syms.add(words[0])
    return syms


def main():
    exe, arch, tbd, reference = sys.argv[1:5]
    headers = objdump("--private-headers", exe)
    header = re.search(r"^MH_MAGIC_64\s+(\S+)\s+\S+\s+\S+\s+(\S+)", headers, re.M)
    if not header or header.group(2) != "EXECUTE":
        fail("not an MH_EXECUTE: " + (header.group(0) if header else "no header"))
    cpu = {"x86_64": "X86_64", "arm64": "ARM64"}[arch]
    if header.group(1) != cpu:
        fail(f"cputype {header.group(1)}, expected {cpu}")
    print(f"MH_EXECUTE {cpu}")
    cmds = load_commands(headers)
    by_cmd = {}
    for c in cmds:
        by_cmd.setdefault(c.get("cmd"), []).append(c)
    segments = {c["segname"]: c for c in by_cmd.get("LC_SEGMENT_64", [])}
    if "LC_MAIN" not in by_cmd:
        fail("no LC_MAIN")
    entry = int(by_cmd["LC_MAIN"][0]["entryoff"])
    text = segments.get("__TEXT")
    if not text or not int(text["fileoff"]) <= entry < int(text["fileoff"]) + int(text["filesize"]):
        fail(f"LC_MAIN entry offset {entry} is not inside __TEXT")
    print("LC_MAIN entry inside __TEXT")
    bv = by_cmd.get("LC_BUILD_VERSION")
    if not bv or bv[0].get("platform") != "macos" or bv[0].get("minos") != "11.0":
        fail(f"LC_BUILD_VERSION: {bv}")
    print("LC_BUILD_VERSION macos 11.0")
    pz = segments.get("__PAGEZERO")
    if not pz or pz["initprot"] != "---" or pz["maxprot"] != "---" or int(pz["vmaddr"], 16) != 0:
        fail(f"__PAGEZERO: {pz}")
    print("__PAGEZERO ---")
    for name, s in segments.items():
        for prot in ("initprot", "maxprot"):
            if "w" in s[prot] and "x" in s[prot]:
                fail(f"segment {name} is writable and executable ({prot} {s[prot]})")
    print("segments: " + " ".join(f"{n} {s['initprot']}" for n, s in segments.items()) + " (none writable and executable)")
    if arch == "arm64":
        if "LC_CODE_SIGNATURE" not in by_cmd:
            fail("arm64 output without LC_CODE_SIGNATURE")
        print("LC_CODE_SIGNATURE")
    dylibs = [l.strip().split(" (")[0] for l in objdump("--dylibs-used", exe).splitlines()[1:] if l.strip()]
    if dylibs != ["/usr/lib/libSystem.B.dylib"]:
        fail(f"libraries loaded: {dylibs}")
    print("dylibs: /usr/lib/libSystem.B.dylib only")
    nm = subprocess.run(["llvm-nm", "-u", exe], check=True, capture_output=True, text=True).stdout
    undefined = {l.split()[-1] for l in nm.splitlines() if l.strip()}
    stub = tbd_symbols(tbd, arch)
    missing = sorted(undefined - stub)
    if missing:
        fail(f"undefined symbols not in {tbd}: {missing}")
    print(f"{len(undefined)} undefined symbols, all exported by libSystem.tbd")
    real = reference_symbols(reference, arch)
    unknown = sorted(stub - real)
    if unknown:
        fail(f"libSystem.tbd declares symbols that are not libSystem exports of macOS 11+: {unknown}")
    print(f"libSystem.tbd: {len(stub)} symbols, all real libSystem exports")


if __name__ == "__main__":
    main()
