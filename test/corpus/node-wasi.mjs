// node-wasi.mjs CONFIG.json: runs a WASI command module under Node's WASI (node:wasi, preview1), the
// reference engine for modules that have no native build. CONFIG gives {wasm, args, env, preopens:
// {guest: host}}; stdin, stdout and stderr are the process's own. The exit status is the module's
// proc_exit code (or 0 when _start returns). A trap (a WebAssembly.RuntimeError, or any other error
// thrown out of _start) prints `wasm trap: MESSAGE` on stderr and exits with 134, the status
// wasm2native's executables use, so both engines can be compared directly.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const wasi = new WASI({
  version: 'preview1',
  args: config.args,
  env: config.env,
  preopens: config.preopens,
  returnOnExit: true,
});
let status;
try {
  const module = await WebAssembly.compile(readFileSync(config.wasm));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  status = wasi.start(instance);
} catch (e) {
  process.stderr.write(`wasm trap: ${e.message}\n`);
  status = 134;
}
process.exitCode = status;
