// test/reactor/Inputs/quickjs-node.mjs: the reference for test/reactor/quickjs-npm.test. Instantiates
// npm's quickjs-wasi under Node's WASI with the six "env" imports answering 0 (as quickjs-host.c does),
// runs _initialize, then calls each export named on the command line without arguments and prints its
// result, one per line, as `wasm2native`'s --invoke does.
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const [file, ...exports] = process.argv.slice(2);
const wasi = new WASI({ version: "preview1", args: [], env: {} });
const env = new Proxy({}, { get: () => () => 0 });
const { instance } = await WebAssembly.instantiate(readFileSync(file), {
  wasi_snapshot_preview1: wasi.wasiImport, env });
wasi.initialize(instance);
for (const name of exports) console.log(String(instance.exports[name]()));
