"""differ.py A B: the `random:` lines of two runs' outputs must differ (fresh entropy per run)."""
import sys

def rnd(path):
    lines = [l for l in open(path) if l.startswith("random:")]
    if len(lines) != 1:
        sys.exit(f"differ.py: no single random: line in {path}")
    return lines[0]

if rnd(sys.argv[1]) == rnd(sys.argv[2]):
    sys.exit("differ.py: two runs produced the same random bytes")
