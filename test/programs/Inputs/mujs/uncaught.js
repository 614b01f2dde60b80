// uncaught.js: an exception that no try catches, thrown from inside a native function (Array.prototype.map's
// callback) three calls deep: the MuJS shell prints it with its stack trace and exits with status 1.
function check(v) { if (v > 2) throw new TypeError("value " + v + " is too large"); return v; }
function run(list) { return list.map(check); }
print("before", run([1, 2]).join(","));
print(run([1, 2, 3]));
print("not reached");
