"""Checks an executable's float arguments and results against exact arithmetic (float_text.test).

Runs `CALC --invoke=f64id TEXT` and `--invoke=f32id TEXT` for random inputs: special bit patterns
(subnormals, powers of two, the largest values, halfway cases) and random decimal strings of up to 40
digits with exponents across the whole range. The expected line is computed with Python's exact
Fraction arithmetic: TEXT rounded to the nearest float (ties to even, overflow to inf), printed as the
shortest decimal that reads back as that float, nearest first, without an exponent (Rust's Display,
which `wasmtime run --invoke` uses). Usage: float_text.py CALC [COUNT] [SEED]
"""
import random
import struct
import subprocess
import sys
from fractions import Fraction

FORMATS = {"f64": (52, 11), "f32": (23, 8)}


def value_of(bits, fmt):
    mant, expb = FORMATS[fmt]
    bias = (1 << (expb - 1)) - 1
    frac, biased = bits & ((1 << mant) - 1), bits >> mant
    if biased == 0:
        return Fraction(frac) * Fraction(2) ** (1 - bias - mant)
    return Fraction(frac | 1 << mant) * Fraction(2) ** (biased - bias - mant)


def nearest(x, fmt):
    """Bits of the float nearest to the non-negative Fraction x (ties to even; inf beyond the range)."""
    mant, expb = FORMATS[fmt]
    inf = ((1 << expb) - 1) << mant
    lo, hi = 0, inf  # binary search over the monotonic non-negative bit patterns
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if value_of(mid, fmt) <= x:
            lo = mid
        else:
            hi = mid
    if lo == inf - 1:  # above the largest finite: rounds to inf past its midpoint with 2^(emax+1)
        top = value_of(lo, fmt) + (value_of(lo, fmt) - value_of(lo - 1, fmt)) / 2
        return inf if x >= top else lo
    a, b = value_of(lo, fmt), value_of(hi, fmt)
    if x - a < b - x or (x - a == b - x and lo % 2 == 0):
        return lo
    return hi


def shortest(bits, fmt):
    mant, expb = FORMATS[fmt]
    inf = ((1 << expb) - 1) << mant
    if bits == inf:
        return "inf"
    if bits == 0:
        return "0"
    v = value_of(bits, fmt)
    for p in range(1, 800):
        # v rounded to p significant digits, half to even, as an exact Fraction
        e = 0
        while Fraction(10) ** e <= v:
            e += 1
        while Fraction(10) ** (e - 1) > v:
            e -= 1
        scale = Fraction(10) ** (p - e)
        scaled = v * scale
        n = scaled.numerator // scaled.denominator
        rem = scaled - n
        if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and n % 2 == 1):
            n += 1
        s = Fraction(n) / scale
        if nearest(s, fmt) == bits:
            return plain(n, p - e)
    raise AssertionError("no shortest form")


def plain(n, decimals):
    """n / 10^decimals without an exponent and without trailing zeros."""
    digits = str(n)
    while decimals > 0 and digits.endswith("0"):
        digits, decimals = digits[:-1], decimals - 1
    if decimals <= 0:
        return digits + "0" * -decimals
    digits = digits.rjust(decimals + 1, "0")
    return digits[:-decimals] + "." + digits[-decimals:]


def expected(text, fmt):
    neg = text.startswith("-")
    body = text.lstrip("+-")
    mant, expb = FORMATS[fmt]
    bits = nearest(Fraction(body), fmt)
    out = shortest(bits, fmt)
    return ("-" if neg else "") + out


def inputs(rng, fmt, count):
    mant, expb = FORMATS[fmt]
    inf = ((1 << expb) - 1) << mant
    special = [1, 2, 3, (1 << mant) - 1, 1 << mant, (1 << mant) + 1, inf - 1, inf - 2, 1 << (mant + 1),
               value_bits_of_one(fmt), value_bits_of_one(fmt) + 1]
    texts = []
    for bits in special:
        texts.append(exact_text(value_of(bits, fmt)))  # the exact value: must print shortest
        texts.append(exact_text(value_of(bits, fmt) + (value_of(bits + 1, fmt) - value_of(bits, fmt)) / 2))  # halfway
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:  # a random float, printed exactly or shortest by Python
            bits = rng.randrange(0, inf)
            if fmt == "f64":
                texts.append(repr(struct.unpack("<d", struct.pack("<Q", bits))[0]))
            else:
                texts.append(exact_text(value_of(bits, fmt)))
        else:  # a random decimal
            ndig = rng.randint(1, 40)
            digits = "".join(rng.choice("0123456789") for _ in range(ndig))
            exp = rng.randint(-340, 320) if fmt == "f64" else rng.randint(-50, 45)
            point = rng.randint(0, ndig)
            texts.append(digits[:point] + "." + digits[point:] + "e" + str(exp))
        if rng.random() < 0.3:
            texts[-1] = "-" + texts[-1]
    return texts


def value_bits_of_one(fmt):
    mant, expb = FORMATS[fmt]
    return ((1 << (expb - 1)) - 1) << mant


def exact_text(x):
    """The exact decimal expansion of a dyadic Fraction."""
    num, den = x.numerator, x.denominator
    k = den.bit_length() - 1
    assert den == 1 << k
    return plain(num * 5 ** k, k)


def main():
    calc = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    failures = checked = 0
    for fmt in ("f64", "f32"):
        for text in inputs(rng, fmt, count):
            want = expected(text, fmt)
            got = subprocess.run([calc, "--invoke=" + fmt + "id", text], capture_output=True, text=True)
            checked += 1
            if got.returncode != 0 or got.stdout != want + "\n":
                failures += 1
                print(f"MISMATCH {fmt} {text}: expected {want!r}, got {got.stdout!r} {got.stderr!r}")
    print(f"float text: {checked} checked, {failures} mismatched")
    sys.exit(1 if failures else 0)


main()
