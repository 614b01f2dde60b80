#!/usr/bin/env python3
"""hostcpu.py: which x86-64 CPUs the host can run code for (the test matrix's --cpu cells).

An executable compiled with --cpu=CPU may use every instruction CPU has, so it is only run when the
host has all of them; otherwise the matrix compiles it and says so. The x86-64 micro-architecture
levels are defined by the psABI as sets of CPUID features; here they are read from the `flags` line
of /proc/cpuinfo (Linux's names). `generic` (baseline x86-64) and `native` (the host itself) always
run on an x86-64 host. Any other CPU name is treated as not runnable (compile only), which errs on
the safe side.

As a script: `hostcpu.py CPU...` prints `CPU run` or `CPU compile-only` per CPU; exit status 0.
"""
import platform
import sys

# The psABI levels, each adding to the one before (Linux /proc/cpuinfo flag names: `abm` is LZCNT,
# `lahf_lm` is LAHF/SAHF in 64-bit mode, `cx16` is CMPXCHG16B; OSXSAVE is implied by the kernel
# listing avx at all).
LEVELS = {
    "x86-64-v2": ["cx16", "lahf_lm", "popcnt", "sse4_1", "sse4_2", "ssse3"],
    "x86-64-v3": ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"],
    "x86-64-v4": ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"],
}
ORDER = ["x86-64-v2", "x86-64-v3", "x86-64-v4"]


def host_flags(path="/proc/cpuinfo"):
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def can_run(cpu, flags=None):
    """True if an executable built for `cpu` can run on this host."""
    if platform.machine() not in ("x86_64", "AMD64"):
        return False
    if cpu in ("", "native", "generic", "x86-64"):
        return True
    if cpu not in LEVELS:
        return False
    flags = host_flags() if flags is None else flags
    needed = []
    for level in ORDER[:ORDER.index(cpu) + 1]:
        needed += LEVELS[level]
    return all(f in flags for f in needed)


if __name__ == "__main__":
    for cpu in sys.argv[1:]:
        print(cpu, "run" if can_run(cpu) else "compile-only")
