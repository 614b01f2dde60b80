// abort.cpp KIND: ends in an abort after printing a line: `at` (std::vector::at out of range, which
// in -fno-exceptions mode prints libc++'s message and aborts), `abort` (std::abort), `pure` (a
// pure-virtual call through a half-destroyed object: libc++abi's handler prints and aborts). Under
// wasm all three reach `unreachable`: a trap, exit status 134; natively SIGABRT, the same status.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

struct Base;
static void call_it(Base *b);
struct Base {
  virtual void f() = 0;
  virtual ~Base() { call_it(this); }
};
struct Derived : Base {
  void f() override { std::printf("Derived::f\n"); }
};
static void call_it(Base *b) { b->f(); }

int main(int argc, char **argv) {
  const char *kind = argc > 1 ? argv[1] : "at";
  std::printf("before %s\n", kind);
  std::fflush(stdout);
  std::vector<int> v(4, 1);
  if (!std::strcmp(kind, "at")) std::printf("%d\n", v.at(v.size() + 3));
  if (!std::strcmp(kind, "abort")) std::abort();
  if (!std::strcmp(kind, "pure")) { Base *b = new Derived; delete b; }
  std::printf("not reached\n");
  return 0;
}
