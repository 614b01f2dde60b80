// corpus.ts [WORDS...] [exit=N | throw]: an AssemblyScript program built with the WASI shim
// (@assemblyscript/wasi-shim: console, process and abort go through wasi_snapshot_preview1). It prints
// its arguments and CORPUS_* variables, counts words in a Map, sorts arrays with a comparator, formats
// floats with AssemblyScript's own dtoa, uses its Math (compiled into the module), a typed array,
// classes with overridden methods, and ends with process.exit(N), or with `throw`, which the shim
// turns into `abort: MESSAGE in FILE(LINE:COL)` on stderr and proc_exit(255).

abstract class Shape {
  abstract area(): f64;
  name(): string { return "shape"; }
  describe(): string { return this.name() + " area=" + this.area().toString(); }
}

class Circle extends Shape {
  constructor(public r: f64) { super(); }
  area(): f64 { return Math.PI * this.r * this.r; }
  name(): string { return "circle"; }
}

class Rect extends Shape {
  constructor(public w: f64, public h: f64) { super(); }
  area(): f64 { return this.w * this.h; }
  name(): string { return "rect"; }
}

const args = process.argv.slice(1);
console.log("args: " + args.length.toString() + " [" + args.join("|") + "]");
const keys = process.env.keys();
keys.sort();
for (let i = 0; i < keys.length; i++) {
  if (keys[i].startsWith("CORPUS_")) console.log("env " + keys[i] + "=" + process.env.get(keys[i]));
}

const text = "the quick brown fox jumps over the lazy dog the fox";
const words = text.split(" ");
const counts = new Map<string, i32>();
for (let i = 0; i < words.length; i++) {
  const w = words[i];
  counts.set(w, counts.has(w) ? counts.get(w) + 1 : 1);
}
const distinct = counts.keys();
distinct.sort((a: string, b: string): i32 => a < b ? -1 : a > b ? 1 : 0);
let line = "";
for (let i = 0; i < distinct.length; i++) line += " " + distinct[i] + "=" + counts.get(distinct[i]).toString();
console.log("counts:" + line);
console.log("upper: " + text.toUpperCase().replaceAll("THE", "a") + " | index " + text.indexOf("fox").toString());

let seed: u32 = 2463534242;
const nums = new Array<i32>(0);
for (let i = 0; i < 1000; i++) {
  seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
  nums.push(<i32>(seed % 100000) - 50000);
}
nums.sort((a: i32, b: i32): i32 => a - b);
let sum: i64 = 0;
for (let i = 0; i < nums.length; i++) sum += nums[i];
console.log("sorted: min=" + nums[0].toString() + " max=" + nums[999].toString() + " median=" + nums[500].toString() + " sum=" + sum.toString());

const floats: f64[] = [0.1, 1.0 / 3.0, 1e21, 1e-7, -0.0, 123456.789, f64.MAX_VALUE, f64.MIN_VALUE, Infinity, NaN];
let fl = "";
for (let i = 0; i < floats.length; i++) fl += " " + floats[i].toString();
console.log("floats:" + fl);
console.log("math: " + Math.sqrt(2).toString() + " " + Math.exp(1).toString() + " " + Math.log(10).toString() + " " +
            Math.sin(1e6).toString() + " " + Math.pow(1.0001, 10000).toString() + " " + Math.atan2(0.5, -0.25).toString());
console.log("f32: " + (<f32>0.1).toString() + " " + Mathf.sqrt(2).toString());
console.log("parse: " + parseFloat("3.25e2").toString() + " " + I32.parseInt("-ff", 16).toString() + " " + (<i64>9007199254740993).toString());

const bytes = new Uint8Array(256);
for (let i = 0; i < 256; i++) bytes[i] = <u8>(i * 37);
let crc: u32 = 0xffffffff;
for (let i = 0; i < bytes.length; i++) {
  crc ^= bytes[i];
  for (let k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
}
console.log("crc32: " + (~crc).toString(16));

const shapes: Shape[] = [new Circle(1.5), new Rect(2, 3.5), new Circle(0.5)];
for (let i = 0; i < shapes.length; i++) console.log(shapes[i].describe());

for (let i = 0; i < args.length; i++) {
  if (args[i] == "throw") throw new Error("thrown on request");
  if (args[i].startsWith("exit=")) {
    console.error("exiting with " + args[i].substr(5));
    process.exit(I32.parseInt(args[i].substr(5)));
  }
}
