"""mutate.py: feeds truncated and byte-flipped variants of a module to the compiler.

Each variant must either compile (exit 0) or be rejected with exit status 1 and an `error:` line;
any other outcome (a signal, a hang past 60 s, another status) fails the test. Deterministic: the
mutations come from a fixed seed.
"""
import os, random, subprocess, sys

compiler, wasm, outdir = sys.argv[1:4]
os.makedirs(outdir, exist_ok=True)
data = open(wasm, "rb").read()
variants = [data[:n] for n in range(len(data))]
rng = random.Random(1234)
for _ in range(150):
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        b[rng.randrange(8, len(b))] = rng.randrange(256)
    variants.append(bytes(b))
bad = 0
for i, v in enumerate(variants):
    path = os.path.join(outdir, f"v{i}.wasm")
    open(path, "wb").write(v)
    try:
        r = subprocess.run([compiler, "--emit=obj", path, "-o", path + ".o"],
                           capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        print(f"variant {i}: hang"); bad += 1; continue
    if r.returncode == 0:
        continue
    if r.returncode != 1 or b"error: " not in r.stderr:
        print(f"variant {i}: exit {r.returncode}: {r.stderr[-300:]!r}"); bad += 1
print(f"{len(variants)} variants, {bad} bad")
sys.exit(1 if bad else 0)
