// test/embed-examples/Inputs/node-print.js: runs scripts as docs/examples/quickjs/run-js.c does, in Node, as
// the reference for quickjs.test: a global print(...) joining String(arg)s with spaces, then the
// script's completion value (or the exception it threw) after its file name.
const fs = require("fs");
const vm = require("vm");
globalThis.print = (...args) => console.log(args.map(String).join(" "));
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    console.log(`${file}: ${String(vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file }))}`);
  } catch (e) {
    console.log(`${file}: exception: ${String(e)}`);
    failed = 1;
  }
}
process.exitCode = failed;
