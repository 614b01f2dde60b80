# features.py: a script for CPython exercising the interpreter's C code paths a compiler can break: integer
# and big-integer arithmetic (longobject.c's digit loops), float formatting and parsing (dtoa.c), str and
# unicode (the 1/2/4-byte kinds, unicodedata), dict/list/set, json (the _json accelerator), re (_sre),
# exceptions and deep recursion, generators and classes, hashlib's built-in md5/sha256, struct, and file
# I/O through WASI (relative paths in the preopened current folder). Every line it prints is the same
# under a native CPython of the same source; argv[1] is a file name to create, argv[2] the exit status.
import collections, errno, hashlib, heapq, json, math, os, re, struct, sys, unicodedata
from fractions import Fraction
from decimal import Decimal, getcontext

# Integers: small, big, negative division, bit operations, base conversions.
f100 = math.factorial(100)
print("int", 7 // -2, -7 % 3, divmod(-17, 5), 2 ** 64 - 1, (1 << 100) >> 37, 0xdeadbeef ^ 0xffff, (-5) & 0xff)
print("big", f100 % (10 ** 9 + 7), len(str(f100)), pow(3, 10 ** 5, 10 ** 9 + 7), pow(2, -1, 97), math.isqrt(10 ** 40 + 1))
print("big2", int("9" * 300) // int("7" * 150) % 1000003, hex(2 ** 200 + 12345)[-12:], (-(2 ** 130)).bit_length(), int.from_bytes(b"\x01\x02\x03" * 5, "big") % 99991)
print("gcd", math.gcd(2 ** 120 - 1, 2 ** 90 - 1), math.comb(60, 30), Fraction(355, 113) - Fraction(22, 7), sum(range(10 ** 6)))
# Floats: repr's shortest round trip, formatting, parsing, math, rounding, special values.
print("float", 0.1 + 0.2, 1 / 3, 1e22, 1e-7, 2.5e-308 * 1e-10, float("1.7976931348623157e308"), round(2.675, 2), round(-0.5))
print("fmt", f"{math.pi:.10f} {math.e:e} {1234567.891:,.2f} {0.000123:g} {255:#x} {3.0:%} {-0.0}", float.hex(0.1), (1.5).as_integer_ratio())
print("math", math.sqrt(2), math.sin(1), math.exp(10), math.log(1e100), math.atan2(-1, -1), math.fsum([0.1] * 10), math.inf > 1e308, math.isnan(math.nan))
getcontext().prec = 40
print("decimal", Decimal(1) / Decimal(7), Decimal("1.1") + Decimal("2.2"), Decimal(2).sqrt())
# Strings and unicode: the three storage kinds, case mapping, normalisation, encodings, formatting.
s = "Grüße, Ωμέγα! 日本語 😀"
print("str", len(s), s.upper(), s.casefold(), s[::-1], s.encode("utf-8").hex()[:40], len(s.encode("utf-16-le")))
print("uni", unicodedata.name("é"), unicodedata.normalize("NFD", "é").encode("unicode_escape"), "ß".upper(), "İ".lower().encode("utf-8"), "ǅ".swapcase())
print("enc", "café".encode("latin-1"), "naïve €".encode("ascii", "replace"), b"\xff\xfe".decode("utf-8", "replace"), "x\u2028y".splitlines(), repr("\t\x00\u200b"))
print("ops", "-".join(sorted("the quick brown fox".split(), key=len)), "abc" * 3, "Hello".center(11, "*"), "a,b,,c".split(","), "%5.2f|%-4d|%s" % (3.14159, 42, None), str.maketrans("ab", "xy") and "aabb".translate(str.maketrans("ab", "xy")))
# Containers: ordering, comprehension, sorting stability, sets, collections, heapq.
d = {k: k * k for k in range(10)}
d.pop(3); d[3] = 9; d["z"] = [1, (2, 3), {4}]
print("dict", list(d)[-3:], len(d), d.get(99, "none"), {**d, 0: "zero"}[0], sorted(collections.Counter("mississippi").most_common(3)))
lst = [(i * 7919) % 101 for i in range(50)]
print("list", sorted(lst)[:8], sorted(lst, key=lambda v: v % 10, reverse=True)[:8], lst.index(max(lst)), lst[5:40:7], heapq.nsmallest(4, lst))
print("set", sorted({1, 2, 3} ^ {3, 4}), frozenset("abc") <= set("abcd"), sorted(set(range(20)) - set(range(0, 20, 3))))
# json: the C scanner and encoder, round trip, unicode escapes, floats, errors.
doc = {"name": s, "n": [1, 2.5, -3e-5, 10 ** 20, True, None], "nested": {"k": [{"a": []}, "\"q\""]}}
text = json.dumps(doc, sort_keys=True)
print("json", text)
print("json2", json.loads(text) == doc, json.dumps(doc, ensure_ascii=False, indent=1).count("\n"), json.loads('{"a": 1e400, "b": "\\ud83d\\ude00"}'))
try:
    json.loads('{"a": [1, 2,]}')
except json.JSONDecodeError as e:
    print("jsonerr", e.msg, e.pos)
# re: groups, named groups, substitution with a function, lookaround, unicode classes, flags.
m = re.match(r"(?P<user>[\w.]+)@(?P<host>[\w-]+(\.[\w-]+)+)", "jane.doe@mail.example.org")
print("re", m.group("user"), m.group("host"), m.span(2), re.findall(r"\d+", "a1b22c333"), re.sub(r"(\w)(\w*)", lambda m: m[1].upper() + m[2], "hello big world"))
print("re2", re.split(r"\s*[,;]\s*", "a , b;c ;d"), re.findall(r"(?<=-)\w+(?=-)", "-x-yy-zzz-"), bool(re.fullmatch(r"(?i)GRÜSSE|grüße", "GRÜßE")), re.findall(r"\w+", "日本 語 ab"), re.sub(r"(a)(?:b)?", r"\1!", "ab a"))
print("re3", re.compile(r"^(\d{3})-(\d{4})$", re.M).findall("555-1234\nxx\n666-9999"), re.escape("a.b*c"), re.search(r"(a+)+b", "a" * 20 + "b").end())
# Exceptions: chaining, finally, custom classes, recursion limit.
class AppError(Exception):
    def __init__(self, code): super().__init__(f"code {code}"); self.code = code
def fail(n):
    try:
        return 10 // n
    except ZeroDivisionError as e:
        raise AppError(n) from e
    finally:
        print("finally", n)
try:
    fail(5); fail(0)
except AppError as e:
    print("exc", e, e.code, type(e.__cause__).__name__, e.__cause__)
try:
    {}["missing"]
except LookupError as e:
    print("exc2", repr(e))
try:
    raise ExceptionGroup("many", [ValueError(1), TypeError(2)])
except* ValueError as eg:
    print("group", [repr(x) for x in eg.exceptions])
except* TypeError as eg:
    print("group", [repr(x) for x in eg.exceptions])
def depth(n): return depth(n + 1) if n < 100000 else n
sys.setrecursionlimit(3000)
try:
    depth(0)
except RecursionError as e:
    print("recursion", e)
def chain(n): return 0 if n == 0 else 1 + chain(n - 1)
print("deep", chain(2500))
# Generators, closures, classes.
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
g = fib()
print("gen", [next(g) for _ in range(15)], sum(x for x in range(100) if x % 3 == 0), list(zip(*[iter(range(9))] * 3)))
counter = (lambda: (lambda c=[0]: (c.__setitem__(0, c[0] + 1), c[0])[1]))()
print("closure", counter(), counter(), counter())
@__import__("dataclasses").dataclass(order=True)
class P:
    x: int
    y: str = "d"
print("class", sorted([P(3), P(1, "a"), P(2)]), P(1) == P(1), P.__mro__[-1].__name__)
# hashlib (built-in _md5/_sha256), struct.
print("hash", hashlib.md5(b"abc").hexdigest(), hashlib.sha256(s.encode()).hexdigest()[:32], hashlib.sha1(b"").hexdigest()[:8])
print("struct", struct.pack("<iHd", -2, 65535, 1.5).hex(), struct.unpack(">Q", b"\x01" * 8), struct.calcsize("@bq"))
# File I/O in the current folder (the WASI preopen): text and binary, append, seek, listing, rename, remove.
name = sys.argv[1]
with open(name, "w", encoding="utf-8") as f:
    for i in range(5):
        f.write(f"line {i} {s}\n")
with open(name, "a") as f:
    f.write("appended\n")
with open(name, "rb") as f:
    data = f.read()
    f.seek(5)
    print("file", len(data), f.read(6), f.tell(), hashlib.sha256(data).hexdigest()[:16])
with open(name, encoding="utf-8") as f:
    print("lines", len(f.readlines()), os.path.getsize(name), os.path.exists(name + ".x"))
os.makedirs("sub/dir", exist_ok=True)
os.rename(name, "sub/dir/" + name)
print("listing", sorted(os.listdir("sub/dir")), os.path.isdir("sub"), [p for p, _, fs in sorted(os.walk("sub"))])
os.remove("sub/dir/" + name); os.rmdir("sub/dir"); os.rmdir("sub")
try:
    open("no/such/file")
except FileNotFoundError as e:
    print("nofile", e.errno == errno.ENOENT, e.filename)
# argv and environment, then the exit status argv[2].
print("argv", sys.argv[1:], os.environ.get("W2N_GREETING"), "W2N_UNSET" in os.environ)
sys.stdout.flush()
sys.exit(int(sys.argv[2]))
