// shapes.cpp: virtual dispatch and static construction: shape classes (an abstract base, overrides,
// a virtual destructor, a call through a base pointer in a destructor chain) register themselves
// into a factory from the constructors of global objects, which run before main (static
// constructors, in declaration order within this file); a function-local static is built on first
// use; a global's destructor prints at exit.
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Shape {
  virtual ~Shape() { std::printf("  ~Shape(%s)\n", kind().c_str()); }
  virtual double area() const = 0;
  virtual double perimeter() const = 0;
  virtual std::string kind() const { return "shape"; }
  std::string describe() const {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s area=%.4f perimeter=%.4f", kind().c_str(), area(), perimeter());
    return buf;
  }
};

struct Circle : Shape {
  double r;
  explicit Circle(double r) : r(r) {}
  double area() const override { return M_PI * r * r; }
  double perimeter() const override { return 2 * M_PI * r; }
  std::string kind() const override { return "circle"; }
};

struct Rect : Shape {
  double w, h;
  Rect(double w, double h) : w(w), h(h) {}
  double area() const override { return w * h; }
  double perimeter() const override { return 2 * (w + h); }
  std::string kind() const override { return "rect"; }
};

struct Square final : Rect {
  explicit Square(double s) : Rect(s, s) {}
  std::string kind() const override { return "square"; }
};

struct Triangle : Shape {
  double a, b, c;
  Triangle(double a, double b, double c) : a(a), b(b), c(c) {}
  double area() const override {
    double s = (a + b + c) / 2;
    return std::sqrt(s * (s - a) * (s - b) * (s - c));
  }
  double perimeter() const override { return a + b + c; }
  std::string kind() const override { return "triangle"; }
};

using Factory = std::unique_ptr<Shape> (*)(double);
static std::map<std::string, Factory> &registry() {
  static std::map<std::string, Factory> r;  // built on first use, whichever constructor comes first
  return r;
}
static std::vector<std::string> construction_order;

struct Registrar {
  Registrar(const char *name, Factory f) {
    registry()[name] = f;
    construction_order.push_back(name);
  }
};

// These globals are constructed before main, in this order (construction_order is constructed first).
static Registrar reg_circle("circle", [](double x) -> std::unique_ptr<Shape> { return std::make_unique<Circle>(x); });
static Registrar reg_square("square", [](double x) -> std::unique_ptr<Shape> { return std::make_unique<Square>(x); });
static Registrar reg_rect("rect", [](double x) -> std::unique_ptr<Shape> { return std::make_unique<Rect>(x, x / 2); });
static Registrar reg_tri("triangle", [](double x) -> std::unique_ptr<Shape> { return std::make_unique<Triangle>(x, x, x); });

struct AtExit {
  ~AtExit() { std::printf("global destructor ran\n"); }
} at_exit;

int main() {
  std::printf("constructed before main:");
  for (auto &n : construction_order) std::printf(" %s", n.c_str());
  std::printf("\n");
  std::vector<std::unique_ptr<Shape>> shapes;
  const char *order[] = {"triangle", "circle", "rect", "square", "circle"};
  for (int i = 0; i < 5; i++) shapes.push_back(registry()[order[i]](1.5 + i));
  double total = 0;
  for (auto &s : shapes) {
    std::printf("%s\n", s->describe().c_str());
    total += s->area();
  }
  std::printf("total area %.6f\n", total);
  Rect *r = dynamic_cast<Rect *>(shapes[3].get());
  std::printf("dynamic_cast<Rect*>(square): %s %s\n", r ? "ok" : "null", r ? r->kind().c_str() : "");
  std::printf("dynamic_cast<Circle*>(triangle): %s\n", dynamic_cast<Circle *>(shapes[0].get()) ? "ok" : "null");
  const Shape &second = *shapes[1];
  std::printf("typeid: %s\n", typeid(second).name());
  shapes.clear();
  std::printf("main returns 3\n");
  return 3;
}
