// test.js: a script for MuJS (test/programs/mujs.test) exercising the interpreter broadly: each line it
// prints is compared between the native build, the wasm under Node's WASI and wasm2native's executables.
// MuJS throws every JavaScript exception with longjmp, so the try/catch lines exercise the wasm build's
// Asyncify-based setjmp/longjmp (Inputs/mujs-wasi/) from many depths and contexts.
"use strict";
var out = [];
function log() { print(Array.prototype.join.call(arguments, " ")); }

// Numbers and their formatting (jsdtoa.c: shortest round-trip, fixed, exponential, precision).
log("num", 0.1 + 0.2, 1 / 3, 1e21, 1e-7, -0 === 0, 1 / -0, (255).toString(16), (0.000001234).toPrecision(2),
    (123.456).toFixed(1), (123456).toExponential(2), parseInt("0x1f"), parseFloat("3.25e2x"), Number("  12  "),
    Math.round(-2.5), Math.max(), 5 % -3, -5 % 3, 2147483647 + 1 | 0, -1 >>> 28, 1 << 31);
log("math", Math.floor(Math.sqrt(2) * 1e6), Math.atan2(1, 1).toFixed(6), Math.exp(1).toFixed(10), Math.pow(2, 0.5));

// Strings, Unicode, regular expressions (regexp.c).
var s = "The quick brown fox jumps over the lazy dog";
log("str", s.length, s.split(" ").length, s.indexOf("fox"), s.slice(-3), s.toUpperCase().substring(4, 9),
    s.replace(/o/g, "0"), "abc".charCodeAt(1), String.fromCharCode(0x263a).length, "  pad ".trim() + "|");
log("re", /(\d+)-(\d+)/.exec("tel 555-1234")[2], "a1b22c333".match(/\d+/g).join(","), /^[\w.]+@\w+\.\w+$/.test("x.y@z.org"),
    "2026-12-03".replace(/(\d+)-(\d+)-(\d+)/, "$3/$2/$1"), "aaa".lastIndexOf("a"), "x,y,,z".split(",").length,
    "CamelCaseWords".replace(/([A-Z])/g, function (m, c, i) { return (i ? "_" : "") + c.toLowerCase(); }));
log("utf", encodeURIComponent("h\u00e9llo w\u00f6rld/\u263a"), decodeURIComponent("%E2%98%BA").charCodeAt(0), encodeURI("a b?c=d"));

// Objects, prototypes, accessors, property enumeration order, Object.* reflection.
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.norm2 = function () { return this.x * this.x + this.y * this.y; };
Point.prototype.toString = function () { return "(" + this.x + "," + this.y + ")"; };
var p = new Point(3, 4);
var o = { b: 1, a: 2, 10: "ten", 2: "two" };
Object.defineProperty(o, "hidden", { value: 42, enumerable: false });
Object.defineProperty(o, "twice", { get: function () { return this.b * 2; }, enumerable: true });
log("obj", p.norm2(), String(p), p instanceof Point, Object.keys(o).join(","), o.hidden, o.twice,
    Object.getPrototypeOf(p) === Point.prototype, JSON.stringify(Object.getOwnPropertyDescriptor(o, "hidden")),
    Object.isFrozen(Object.freeze({ q: 1 })), typeof null, typeof undefined, typeof function () {});

// Arrays: sort (with a comparator), splice, reduce, indexOf, map/filter, length tricks.
var a = [5, 3, 11, 1, 8, 2, 13, 21];
a.sort(function (x, y) { return x - y; });
log("arr", a.join(","), [10, 9, 1].sort().join(","), a.slice(2, 5).join(","), a.splice(1, 2, "x", "y", "z").join(","),
    a.join(","), a.reduce(function (s, v) { return s + (typeof v === "number" ? v : 0); }, 0), a.indexOf("y"),
    a.filter(function (v) { return typeof v === "string"; }).length, [1, [2, [3, [4]]]].toString(),
    Array.isArray([]), new Array(3).length, [3, 1, 2].reverse().concat([9]).join(""));

// Closures, recursion, arguments, apply/call/bind, labelled loops, switch, getters in loops.
function counter() { var n = 0; return function () { return ++n; }; }
var c1 = counter(), c2 = counter(); c1(); c1();
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function sum() { var t = 0; for (var i = 0; i < arguments.length; i++) t += arguments[i]; return t; }
var found = "";
outer: for (var i = 0; i < 5; i++) for (var j = 0; j < 5; j++) if (i * j === 6) { found = i + "x" + j; break outer; }
function kind(v) { switch (typeof v) { case "number": return "n"; case "string": return "s"; default: return "?"; } }
log("fn", c1(), c2(), fib(20), sum.apply(null, [1, 2, 3, 4]), sum.call(null, 5, 6), sum.bind(null, 10)(1), found,
    [1, "a", null].map(kind).join(""), (function () { return this; }).call(undefined) === undefined);

// Exceptions: thrown by the engine (TypeError, RangeError, ReferenceError, SyntaxError), by the script,
// through native frames (sort's comparator, JSON.parse's reviver, replace's callback), nested and
// rethrown, with finally blocks, and many times in a loop.
function attempt(f) {
  try { return "ok " + f(); } catch (e) { return e instanceof Error ? e.name + ": " + e.message : "thrown " + typeof e + " " + e; }
}
log("exc", attempt(function () { return null.x; }));
log("exc", attempt(function () { return undefinedVariable; }));
log("exc", attempt(function () { return new Array(-1); }));
log("exc", attempt(function () { return eval("1 +* 2"); }));
log("exc", attempt(function () { return JSON.parse("{bad json}"); }));
log("exc", attempt(function () { return [3, 1, 2].sort(function () { throw new RangeError("from comparator"); }); }));
log("exc", attempt(function () { return JSON.parse("[1,2]", function (k, v) { if (k === "1") throw "reviver " + v; return v; }); }));
log("exc", attempt(function () { return "abc".replace(/b/, function () { throw new Error("from replacer"); }); }));
log("exc", attempt(function () { "use strict"; Object.freeze(p).x = 1; }));
var trace = [];
function nested(depth) {
  try {
    if (depth === 0) throw new Error("bottom");
    return nested(depth - 1);
  } finally {
    trace.push(depth);
  }
}
log("finally", attempt(function () { return nested(6); }), trace.join(""));
var caught = 0, total = 0;
for (var k = 0; k < 2000; k++) {
  try { if (k % 3 === 0) throw k; total += k; } catch (e) { caught += e; }
}
log("loop", caught, total);
function rethrow() { try { throw new TypeError("inner"); } catch (e) { throw new Error("outer(" + e.message + ")"); } }
log("rethrow", attempt(rethrow));
var E = function (m) { this.message = m; }; E.prototype = new Error(); E.prototype.name = "CustomError";
log("custom", attempt(function () { throw new E("mine"); }), new E("x") instanceof Error);
log("deep", attempt(function () { function r(n) { return r(n + 1); } return r(0); }));

// JSON round trips, Date in UTC (no time zone here or under WASI), sprintf-like padding.
var data = { name: "w2n", list: [1, 2.5, "three", true, null], nested: { deep: { deeper: [[]] } } };
log("json", JSON.stringify(data), JSON.stringify(JSON.parse(JSON.stringify(data))) === JSON.stringify(data),
    JSON.stringify([1, "a"], null, 2).split("\n").length, JSON.stringify({ u: undefined, f: function () {} }));
var d = new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 123));
log("date", d.toISOString(), d.getUTCDay(), d.getTime(), Date.UTC(1970, 0, 1), new Date(0).toISOString(),
    Date.parse("2000-01-01T00:00:00Z"));

// A little program: primes by sieve, word frequencies, a string builder.
function sieve(n) { var f = [], r = []; for (var i = 2; i <= n; i++) if (!f[i]) { r.push(i); for (var j = i * i; j <= n; j += i) f[j] = true; } return r; }
var primes = sieve(10000);
var freq = {};
(s + " the end of the fox").toLowerCase().split(/\s+/).forEach(function (w) { freq[w] = (freq[w] || 0) + 1; });
var words = Object.keys(freq).sort(function (x, y) { return freq[y] - freq[x] || (x < y ? -1 : 1); });
var sb = ""; for (var i = 0; i < 300; i++) sb += String.fromCharCode(65 + i % 26);
log("prog", primes.length, primes[primes.length - 1], words.slice(0, 3).join(","), sb.length, sb.substring(250, 260));

// The shell's own functions: scriptArgs, read (a file through the --dir preopen), require, repr.
log("shell", scriptArgs.join("|"), read(scriptArgs[0]).split("\n")[0], require(scriptArgs[1]).double(21),
    repr({ a: [1, "b"] }));
gc();
log("done");
