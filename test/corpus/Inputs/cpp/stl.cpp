// stl.cpp: an STL-heavy program for libc++: sequence and associative containers (unordered ones
// printed in sorted order: their iteration order is the hash table's), std::sort / stable_sort /
// nth_element / partition / lower_bound, numeric algorithms, std::string, std::function and lambdas
// with captures, std::optional / std::variant / std::unique_ptr, std::format and std::to_chars of
// integers and floats, and iostream manipulators.
#include <algorithm>
#include <charconv>
#include <deque>
#include <format>
#include <functional>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

static unsigned long long rng_state = 12345;
static unsigned next_random() {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return unsigned(rng_state >> 33);
}

int main() {
  std::vector<int> v(3000);
  for (int &x : v) x = int(next_random() % 100001) - 50000;
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> nth = v;
  std::nth_element(nth.begin(), nth.begin() + 1500, nth.end());
  std::cout << "sort: min=" << sorted.front() << " max=" << sorted.back() << " median=" << sorted[1500]
            << " nth_element agrees=" << (nth[1500] == sorted[1500]) << "\n";
  long long sum = std::accumulate(v.begin(), v.end(), 0LL);
  long long evens = std::count_if(v.begin(), v.end(), [](int x) { return x % 2 == 0; });
  auto bound = std::lower_bound(sorted.begin(), sorted.end(), 0) - sorted.begin();
  std::cout << "accumulate=" << sum << " evens=" << evens << " lower_bound(0)=" << bound << "\n";
  std::vector<int> part = v;
  auto mid = std::stable_partition(part.begin(), part.end(), [](int x) { return x < 0; });
  std::cout << "stable_partition: " << (mid - part.begin()) << " negatives, first three " << part[0] << " " << part[1]
            << " " << part[2] << "\n";

  std::vector<std::pair<std::string, int>> people = {{"carol", 35}, {"alice", 30}, {"bob", 30}, {"dave", 25},
                                                       {"eve", 35}, {"frank", 30}};
  std::stable_sort(people.begin(), people.end(), [](auto &a, auto &b) { return a.second < b.second; });
  std::cout << "stable_sort by age:";
  for (auto &[name, age] : people) std::cout << " " << name << "(" << age << ")";
  std::cout << "\n";

  std::unordered_map<std::string, int> freq;
  const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "the", "fox"};
  for (int i = 0; i < 1000; i++) freq[words[next_random() % 11]]++;
  std::map<std::string, int> ordered(freq.begin(), freq.end());
  std::cout << "unordered_map (" << freq.size() << "):";
  for (auto &[w, c] : ordered) std::cout << " " << w << "=" << c;
  std::cout << "\n";
  std::multimap<int, std::string> by_count;
  for (auto &[w, c] : ordered) by_count.emplace(c, w);
  std::cout << "most frequent: " << by_count.rbegin()->second << "\n";

  std::set<int> s1, s2;
  for (int i = 0; i < 40; i += 2) s1.insert(i);
  for (int i = 0; i < 40; i += 3) s2.insert(i);
  std::vector<int> inter;
  std::set_intersection(s1.begin(), s1.end(), s2.begin(), s2.end(), std::back_inserter(inter));
  std::unordered_set<int> us(s1.begin(), s1.end());
  std::cout << "set_intersection:";
  for (int x : inter) std::cout << " " << x;
  std::cout << " | unordered_set has 12: " << us.count(12) << " has 13: " << us.count(13) << "\n";

  std::deque<int> dq;
  for (int i = 0; i < 10; i++) (i % 2 ? dq.push_back(i) : dq.push_front(i));
  std::list<int> lst(dq.begin(), dq.end());
  lst.sort();
  lst.unique();
  lst.reverse();
  std::priority_queue<int, std::vector<int>, std::greater<int>> pq(dq.begin(), dq.end());
  std::cout << "deque:";
  for (int x : dq) std::cout << " " << x;
  std::cout << " | list:";
  for (int x : lst) std::cout << " " << x;
  std::cout << " | pq top " << pq.top() << "\n";

  std::map<std::string, std::function<double(double, double)>> ops;
  int calls = 0;
  ops["+"] = [&calls](double a, double b) { calls++; return a + b; };
  ops["*"] = [&calls](double a, double b) { calls++; return a * b; };
  ops["pow"] = [&](double a, double b) { calls++; double r = 1; for (int i = 0; i < int(b); i++) r *= a; return r; };
  double acc = 1.5;
  for (auto &[name, fn] : ops) acc = fn(acc, 3);
  std::cout << "std::function: acc=" << acc << " calls=" << calls << "\n";

  using Value = std::variant<int, double, std::string>;
  std::vector<Value> values = {42, 3.25, std::string("text"), -7};
  for (auto &val : values)
    std::visit([&](auto &&x) { std::cout << "variant index " << val.index() << ": " << x << "\n"; }, val);
  std::optional<int> found;
  for (int x : sorted)
    if (x > 49990) { found = x; break; }
  std::cout << "optional: " << (found ? std::to_string(*found) : "none") << "\n";
  auto owned = std::make_unique<std::vector<std::string>>(3, "ab");
  (*owned)[1] += "cd";
  std::cout << "unique_ptr: " << owned->size() << " " << (*owned)[1] << "\n";

  std::string str = "Hello, STL World";
  std::transform(str.begin(), str.end(), str.begin(), [](unsigned char c) { return std::toupper(c); });
  std::cout << "string: " << str << " find=" << str.find("STL") << " substr=" << str.substr(7, 3)
            << " rfind=" << str.rfind('O') << "\n";

  double ds[] = {0.1, 1.0 / 3, 2.5e-8, 123456.789, -0.0, 1e300};
  for (double d : ds) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    std::cout << "to_chars " << std::string(buf, r.ptr) << " | to_string " << std::to_string(d) << " | "
              << std::format("{} {:.3f} {:e} {:>10.2g}", d, d, d, d) << " | " << std::setprecision(10) << d << " "
              << std::fixed << std::setprecision(2) << d << std::defaultfloat << "\n";
  }
  std::cout << std::format("ints {} {:x} {:#o} {:08b} {:+} {:^7}|", 255, 255, 255, 5, 17, "mid") << "\n";
  std::cout << std::hex << 3054 << std::dec << " " << std::setw(6) << std::setfill('*') << 42 << std::setfill(' ') << "\n";
  std::istringstream in("12 3.5 word 7");
  int a, b;
  double c;
  std::string w;
  in >> a >> c >> w >> b;
  std::cout << "istringstream: " << a << " " << c << " " << w << " " << b << " sum=" << a + b + c << "\n";
  return 0;
}
