//===- LinkFailure.cpp - lld's diagnostics, naming unsupported features ---===//
//
// The Windows and macOS runtimes lack some functions of the Linux one (wasi-threads, wait/notify:
// they need the OS's threads and futexes, not ported yet). A module that uses such a feature fails
// to link for those targets with lld's "undefined symbol" errors; linkFailure turns them into one
// line naming the features, so the user learns what is missing rather than a runtime symbol's name.
//
//===----------------------------------------------------------------------===//
#include "ElfLinker.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>

using namespace llvm;

// Runtime functions only the Linux runtime has yet, by the feature that needs them.
static const struct { const char *Symbol, *Feature; } LinuxOnly[] = {
    {"w2n_thread_spawn", "wasi-threads (wasi.thread-spawn)"},
    {"w2n_atomic_wait32", "memory.atomic.wait32"},    {"w2n_atomic_wait64", "memory.atomic.wait64"},
    {"w2n_atomic_notify", "memory.atomic.notify"},
};

std::string w2n::linkFailure(StringRef Diagnostics, StringRef TargetName, StringRef SymbolPrefix) {
  std::vector<std::string> Features;
  for (const auto &Row : LinuxOnly)
    if (Diagnostics.contains((Twine("undefined symbol: ") + SymbolPrefix + Row.Symbol + "\n").str()) &&
        std::find(Features.begin(), Features.end(), Row.Feature) == Features.end())
      Features.push_back(Row.Feature);
  if (Features.empty())
    return ("link failed: " + Diagnostics.trim()).str();
  std::string Message;
  for (const std::string &F : Features)
    Message += (Message.empty() ? "" : "; ") + F;
  return Message + (Features.size() == 1 ? " is" : " are") + " not supported for " + TargetName.str() +
         " yet (docs/cross-compilation.md)";
}
