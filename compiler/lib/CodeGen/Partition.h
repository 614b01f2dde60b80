//===- Partition.h - How a module is split for parallel compilation -------===//
//
// planPartitions decides, from the translated module alone, how emitObjects cuts it into pieces that
// are optimised and compiled on their own threads: which partition is each function's home, and which
// other partitions' small functions each partition keeps a copy of so that its inliner can inline
// them (ThinLTO's "import", within one module). See Partition.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_CODEGEN_PARTITION_H
#define WASM2NATIVE_CODEGEN_PARTITION_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace w2n {

struct PartitionPlan {
  unsigned Count = 1;
  /// The partition that defines each function with a body (by name).
  llvm::StringMap<unsigned> Home;
  /// Per partition: functions defined in another partition whose bodies it also keeps, as
  /// available_externally copies that its inliner may inline and its code generator never emits.
  std::vector<llvm::StringSet<>> Imports;
  /// The instruction count of each partition's own functions (their homes), for scheduling.
  std::vector<uint64_t> Load;
};

/// Plans the partitions of M (a function of M alone: never of the thread count) and prepares M for
/// the split: every symbol that a partition references but another one defines becomes a named,
/// hidden global symbol (a static link resolves it and leaves it local in the executable; an embedded
/// module's merged object makes it local again); symbols used within one partition keep their
/// internal linkage. With Imports false (-O0: nothing is
/// inlined) no bodies are imported.
PartitionPlan planPartitions(llvm::Module &M, bool Imports);

/// --print-partitions: one line per partition, its instruction count, its functions and its imports,
/// in module order.
void printPartitionPlan(const PartitionPlan &Plan, const llvm::Module &M, llvm::raw_ostream &OS);

} // namespace w2n

#endif
