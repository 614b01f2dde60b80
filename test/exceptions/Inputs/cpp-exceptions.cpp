// cpp-exceptions.cpp: C++ exceptions for cpp.test, built natively and to wasm with -fwasm-exceptions:
// a std::runtime_error thrown two frames down with destructors running on the way, a user type caught
// by reference, modified and rethrown with `throw;`, catch (...), a loop of 1000 caught throws, and
// (with an argument) an exception no one catches. Both builds must print the same lines.
#include <cstdio>
#include <stdexcept>
#include <string>
struct Guard { const char *n; ~Guard() { std::printf("destroy %s\n", n); } };
static int depth3(int x) { Guard g{"depth3"}; if (x > 2) throw std::runtime_error("too big: " + std::to_string(x)); return x * 10; }
static int depth2(int x) { Guard g{"depth2"}; return depth3(x) + 1; }
struct Custom { int code; };
static void rethrower(int x) {
  try { if (x) throw Custom{x}; }
  catch (Custom &c) { std::printf("caught custom %d, rethrowing\n", c.code); c.code += 100; throw; }
}
int main(int argc, char **) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0); // the uncaught case aborts: what was printed must be out
  for (int i = 1; i <= 4; i++) {
    try { std::printf("depth2(%d) = %d\n", i, depth2(i)); }
    catch (const std::exception &e) { std::printf("caught: %s\n", e.what()); }
  }
  try { rethrower(argc + 6); } catch (Custom c) { std::printf("outer caught %d\n", c.code); }
  try { throw 42; } catch (...) { std::printf("catch-all\n"); }
  long sum = 0;
  for (int i = 0; i < 1000; i++) { try { if (i % 7 == 0) throw i; sum += i; } catch (int v) { sum -= v; } }
  std::printf("sum %ld\n", sum);
  if (argc > 1) { Guard g{"main"}; throw std::logic_error("uncaught"); }
  return 0;
}
