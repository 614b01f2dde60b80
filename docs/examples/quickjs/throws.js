// docs/examples/quickjs/throws.js: a script that throws, for run-js.c's exception report.
function check(x) {
  if (x > 2) throw new RangeError(`${x} is too large`);
  return x;
}
[1, 2, 3].map(check);
