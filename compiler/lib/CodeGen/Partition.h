//===- Partition.h - How a module is split for parallel compilation -------===//
//
// planPartitions decides, from the wasm module alone, how emitObjects cuts it into pieces that are
// translated, optimised and compiled on their own threads: which partition is each function's home,
// which other partitions' small functions each partition keeps a copy of so that its inliner can
// inline them (ThinLTO's "import", within one module), and which symbols are shared between
// partitions. See Partition.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_CODEGEN_PARTITION_H
#define WASM2NATIVE_CODEGEN_PARTITION_H

#include "wasm2native/Module.h"
#include "wasm2native/Translate.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace w2n {

struct PartitionPlan {
  unsigned Count = 1;
  /// The partition that defines each wasm function (imports: their wrapper or thunk).
  std::vector<unsigned> Home;
  /// Per partition: the functions defined in another partition whose bodies it also keeps, as
  /// available_externally copies that its inliner may inline and its code generator never emits;
  /// in ascending order.
  std::vector<std::vector<uint32_t>> Imports;
  /// Per function: named in a partition other than its home (a hidden global symbol).
  std::vector<bool> SharedFunctions;
  /// Per data segment: named outside partition 0, which defines it (a hidden global symbol).
  std::vector<bool> SharedData;
  /// The size of each partition (wasm instructions), for scheduling.
  std::vector<uint64_t> Load;
  /// Per partition: the size of its largest function (wasm instructions).
  std::vector<uint64_t> Largest;
  /// Per partition: it holds a huge function, alone (its code generation is limited: Pipeline.cpp).
  std::vector<bool> Huge;

  /// What the translator builds for partition P.
  ModulePart part(unsigned P) const;
};

/// Plans the partitions of WM (a function of WM alone: never of the thread count). With Imports
/// false (-O0: nothing is inlined) no bodies are imported. Fails only if a body does not decode.
llvm::Expected<PartitionPlan> planPartitions(const Module &WM, bool Imports);

/// --print-partitions: one line per partition, its size, its functions and its imports, in module
/// order.
void printPartitionPlan(const PartitionPlan &Plan, const Module &WM, llvm::raw_ostream &OS);

} // namespace w2n

#endif
