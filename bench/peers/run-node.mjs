// run-node.mjs: runs a WASI command module under Node's WASI (a peer in the benchmark).
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
const [, , file, ...args] = process.argv;
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
