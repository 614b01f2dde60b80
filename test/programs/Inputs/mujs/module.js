// module.js: loaded by test.js through the MuJS shell's require(), which reads it with read().
exports.double = function (x) { return 2 * x; };
