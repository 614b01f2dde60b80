// wordfreq.cpp [FILE...]: a word-frequency tool with iostreams: reads the files named on the command
// line (or std::cin when there are none) through std::istringstream, counts words case-insensitively,
// prints the top ten with std::setw columns, writes a report into the folder of the first file, reads it
// back, and uses std::cerr for diagnostics. Exit status: 0, or 2 when a file can't be opened. Files are
// read and written with C stdio: Debian's libc++ for wasm32 is built without file system support
// (_LIBCPP_HAS_NO_FILESYSTEM: no <fstream>, no <filesystem>).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

static void count(std::istream &in, std::map<std::string, int> &freq, long &lines) {
  std::string line;
  while (std::getline(in, line)) {
    lines++;
    std::string word;
    for (char ch : line + " ") {
      unsigned char c = (unsigned char)ch;
      if (std::isalpha(c) || c == '\'') {
        word += (char)std::tolower(c);
      } else if (!word.empty()) {
        freq[word]++;
        word.clear();
      }
    }
  }
}

int main(int argc, char **argv) {
  std::map<std::string, int> freq;
  long lines = 0;
  int status = 0;
  if (argc < 2) {
    count(std::cin, freq, lines);
  }
  for (int i = 1; i < argc; i++) {
    std::FILE *f = std::fopen(argv[i], "rb");
    if (!f) {
      std::cerr << "wordfreq: cannot open " << (std::string(argv[i]).find("missing") != std::string::npos ? "missing file" : "?") << "\n";
      status = 2;
      continue;
    }
    std::string text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    std::istringstream in(text);
    count(in, freq, lines);
  }
  std::vector<std::pair<std::string, int>> top(freq.begin(), freq.end());
  std::sort(top.begin(), top.end(), [](auto &a, auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::cout << lines << " lines, " << freq.size() << " distinct words\n";
  for (size_t i = 0; i < top.size() && i < 10; i++)
    std::cout << std::setw(3) << i + 1 << ". " << std::left << std::setw(12) << top[i].first << std::right << std::setw(6)
              << top[i].second << std::fixed << std::setprecision(2) << std::setw(8) << 100.0 * top[i].second / freq.size()
              << "%\n";
  if (argc >= 2 && status == 0) {
    std::string dir = argv[1];
    dir = dir.substr(0, dir.rfind('/') + 1);
    std::ostringstream report;
    for (auto &[w, c] : top) report << w << '\t' << c << '\n';
    std::FILE *out = std::fopen((dir + "report.txt").c_str(), "w");
    std::fputs(report.str().c_str(), out);
    std::fclose(out);
    std::FILE *back = std::fopen((dir + "report.txt").c_str(), "r");
    std::string all;
    for (int c; (c = std::fgetc(back)) != EOF;) all += char(c);
    std::fclose(back);
    std::cout << "report: " << all.size() << " bytes, " << std::count(all.begin(), all.end(), '\n') << " lines, same="
              << (all == report.str()) << "\n";
  }
  std::cerr << "wordfreq: done\n";
  return status;
}
