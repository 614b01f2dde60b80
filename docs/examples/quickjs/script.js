// docs/examples/quickjs/script.js: a script for run-js.c: closures, classes, generators, JSON, regular
// expressions, typed arrays and BigInt, reported through the host's print function.
const fib = n => (n < 2 ? n : fib(n - 1) + fib(n - 2));
print("fib(25) =", fib(25));

class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  get length() { return Math.hypot(this.x, this.y); }
  toString() { return `(${this.x}, ${this.y})`; }
}
const p = new Point(3, 4);
print("point", p, "has length", p.length);

function* primes() {
  for (let n = 2; ; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) yield n;
  }
}
const first = [];
for (const q of primes()) { if (first.length === 10) break; first.push(q); }
print("primes:", first.join(" "));

const words = "the quick brown fox jumps over the lazy dog".split(" ");
const counts = {};
for (const w of words) counts[w[0]] = (counts[w[0]] || 0) + 1;
print("by initial:", JSON.stringify(counts));
print("sorted:", [...new Set(words)].sort().join(","));
print("dates:", "2026-12-03 and 1999-01-31".replace(/(\d+)-(\d+)-(\d+)/g, "$3.$2.$1"));

const bytes = new Uint8Array(8).map((_, i) => i * 37);
print("bytes:", Array.from(bytes, b => b.toString(16).padStart(2, "0")).join(""));
print("2^100 =", (2n ** 100n).toString());
print("pi ~", Math.PI.toFixed(10), "e ~", Math.E.toPrecision(8));

// The completion value, which run-js prints after the file name.
`${words.length} words, ${first.length} primes`;
