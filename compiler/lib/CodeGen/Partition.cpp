//===- Partition.cpp - Splits a module for parallel compilation -----------===//
//
// A large module is translated, optimised and compiled in partitions, each on its own thread and
// LLVMContext (emitObjects in Pipeline.cpp). The plan comes from the wasm module, before any IR
// exists: one pass decodes each body for its size (instructions) and its direct calls. Splitting
// before translation makes nearly all the work parallel, but the inliner of one partition sees only
// the functions it has. Three rules keep the code close to what the whole module would give, and
// every one of them depends on the module alone, so the output is the same bytes whatever the number
// of threads:
//
//  - Clusters. A function called from exactly one other function (and referenced in no other way:
//    not exported, not the start function, not in a table or ref.func) is the inliner's best case,
//    inlined whatever its size because its body then disappears; it goes to its caller's partition
//    and stays internal. Such chains form clusters, capped at a partition's share of the module so
//    that one cluster cannot take the whole program.
//  - Balance. Clusters go, largest first, to the least loaded partition (by instruction count);
//    partition 0 starts with the module-level code (instantiation, entry point or embedding
//    interface); the number of partitions grows with the module's size.
//  - Imports. A partition keeps an available_externally copy of each small function it calls that
//    another partition defines, and of the small functions those call, as ThinLTO imports across
//    modules: its inliner can inline them as the whole module's would; the copies are never emitted.
//
// Then linkage: a function stays internal in its home unless another partition names it (calls from
// its own functions or imported copies, or partition 0's module-level code), and a data segment
// stays private to partition 0 unless a memory.init elsewhere names it; shared ones become hidden
// global symbols (a static link leaves them local in the executable; an embedded module's merged
// object makes them local again).
//
// The costs: a small function is translated and simplified once in each partition that imports it;
// inlining decisions for larger functions called across partitions, and interprocedural facts about
// them (inferred attributes, constant arguments), are each partition's own.
//
//===----------------------------------------------------------------------===//
#include "Partition.h"
#include "Binary/InstrReader.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <numeric>

using namespace w2n;
using namespace llvm;

namespace {

/// Wasm instructions per partition: a few partitions per core on a large module, so that threads
/// share the work evenly, and enough in each that its fixed cost (declaring the module, setting up
/// the pipeline) is lost in the noise. Small modules stay whole.
constexpr uint64_t InstructionsPerPartition = 7000, MaxPartitions = 64;
/// The largest function (wasm instructions) a partition imports from another: about what the
/// inliner's threshold at -O2 inlines once the function is simplified.
constexpr uint64_t ImportLimit = 95;
/// A function of more wasm instructions is huge: a partition of its own, whose code generation leaves
/// out what is quadratic in a function's size (Pipeline.cpp). Alone, it is scheduled first (it is the
/// largest partition) and its cost is measured on its own (--time-report); docs/compile-time.md has
/// the measurements behind the number (SQLite's largest function, its interpreter loop, is 20,284).
constexpr uint64_t HugeFunction = 50000;
/// The size of an imported function's wrapper (a WASI shim call or an embedding thunk).
constexpr uint64_t ImportWrapperSize = 4;

/// What one function's body names: its direct callees (each once, ascending) and the data segments
/// its memory.init instructions read.
struct References {
  std::vector<uint32_t> Callees, Data;
};

/// Union-find over function indices, each set knowing its instruction count.
struct Clusters {
  std::vector<unsigned> Parent;
  std::vector<uint64_t> Size;
  explicit Clusters(const std::vector<uint64_t> &Sizes) : Parent(Sizes.size()), Size(Sizes) {
    std::iota(Parent.begin(), Parent.end(), 0u);
  }
  unsigned find(unsigned X) {
    while (Parent[X] != X)
      X = Parent[X] = Parent[Parent[X]];
    return X;
  }
  /// Joins the sets of A and B unless together they would exceed Cap; the lower index is the root, so
  /// the result does not depend on the order of equal-sized joins.
  void joinUnder(unsigned A, unsigned B, uint64_t Cap) {
    A = find(A), B = find(B);
    if (A == B || Size[A] + Size[B] > Cap)
      return;
    if (B < A)
      std::swap(A, B);
    Parent[B] = A;
    Size[A] += Size[B];
  }
};

/// Decodes defined function I's body: its instruction count and what it names.
Error scanBody(const w2n::Module &WM, uint32_t I, uint64_t &Size, References &R) {
  InstrReader Reader(WM, WM.Functions[I]);
  Size = 1;
  Instr In;
  while (!Reader.atEnd()) {
    if (Error E = Reader.next(In))
      return E;
    ++Size;
    if (In.Opcode == Op::Call || In.Opcode == Op::ReturnCall)
      R.Callees.push_back(In.Index);
    else if (In.Opcode == Op::MemoryInit)
      R.Data.push_back(In.Index);
  }
  llvm::sort(R.Callees);
  R.Callees.erase(std::unique(R.Callees.begin(), R.Callees.end()), R.Callees.end());
  return Error::success();
}

} // namespace

ModulePart PartitionPlan::part(unsigned P) const {
  ModulePart Part;
  Part.Functions.resize(Home.size(), ModulePart::Declared);
  for (uint32_t I = 0; I < Home.size(); ++I)
    if (Home[I] == P)
      Part.Functions[I] = ModulePart::Defined;
  for (uint32_t I : Imports[P])
    Part.Functions[I] = ModulePart::Imported;
  Part.SharedFunctions = SharedFunctions;
  Part.SharedData = SharedData;
  Part.ModuleLevel = P == 0;
  return Part;
}

Expected<PartitionPlan> w2n::planPartitions(const w2n::Module &WM, bool WithImports) {
  PartitionPlan Plan;
  size_t N = WM.Functions.size();
  std::vector<uint64_t> Sizes(N, ImportWrapperSize);
  std::vector<References> Refs(N);
  uint64_t Total = 0;
  for (uint32_t I = 0; I < N; ++I) {
    if (!WM.Functions[I].Imported)
      if (Error E = scanBody(WM, I, Sizes[I], Refs[I]))
        return E;
    Total += Sizes[I];
  }
  // The module-level code of partition 0 (instantiation: descriptors, globals, segments).
  uint64_t ModuleLevel = 1 + WM.Globals.size() + WM.Datas.size() + WM.Exports.size();
  for (uint32_t I = 0; I < N; ++I)
    ModuleLevel += WM.DeclaredFuncRefs[I];
  for (const ElemSegment &S : WM.Elems)
    ModuleLevel += S.Items.size();
  Total += ModuleLevel;

  // Huge functions: each is a partition of its own, after the others.
  std::vector<uint32_t> Huge;
  uint64_t HugeTotal = 0;
  for (uint32_t I = 0; I < N; ++I)
    if (Sizes[I] > HugeFunction)
      Huge.push_back(I), HugeTotal += Sizes[I];
  unsigned Regular = unsigned(std::clamp<uint64_t>((Total - HugeTotal) / InstructionsPerPartition, 1, MaxPartitions));
  Plan.Count = Regular + unsigned(Huge.size());
  Plan.Home.assign(N, 0);
  Plan.Imports.resize(Plan.Count);
  Plan.SharedFunctions.assign(N, false);
  Plan.SharedData.assign(WM.Datas.size(), false);
  Plan.Huge.assign(Plan.Count, false);
  if (Plan.Count == 1) {
    Plan.Load = {Total};
    Plan.Largest = {N ? *std::max_element(Sizes.begin(), Sizes.end()) : 0};
    return Plan;
  }

  // What partition 0's module-level code names: exports, the start function and every function a
  // reference can name (instantiation writes their descriptors).
  std::vector<bool> FromModuleLevel(N, false);
  for (uint32_t I = 0; I < N; ++I)
    FromModuleLevel[I] = WM.DeclaredFuncRefs[I];
  for (const Export &E : WM.Exports)
    if (E.Kind == ExternKind::Func)
      FromModuleLevel[E.Index] = true;
  if (WM.Start)
    FromModuleLevel[*WM.Start] = true;

  // Clusters: a function only ever called, and from one other function, joins its caller.
  constexpr unsigned None = ~0u, Several = ~1u;
  std::vector<unsigned> OnlyCaller(N, None);
  for (uint32_t I = 0; I < N; ++I)
    for (uint32_t J : Refs[I].Callees)
      if (J != I)
        OnlyCaller[J] = OnlyCaller[J] == None ? I : Several;
  uint64_t Cap = (Total - HugeTotal) / Regular;
  Clusters C(Sizes);
  for (uint32_t I = 0; I < N; ++I)
    if (!FromModuleLevel[I] && OnlyCaller[I] != None && OnlyCaller[I] != Several && Sizes[I] <= HugeFunction &&
        Sizes[OnlyCaller[I]] <= HugeFunction)
      C.joinUnder(I, OnlyCaller[I], Cap);

  // Balance: clusters, largest first (ties: the one whose first function comes first), each to the
  // least loaded partition (ties: the lowest).
  std::vector<unsigned> Roots;
  for (uint32_t I = 0; I < N; ++I)
    if (C.find(I) == I && Sizes[I] <= HugeFunction)
      Roots.push_back(I);
  std::stable_sort(Roots.begin(), Roots.end(), [&](unsigned A, unsigned B) { return C.Size[A] > C.Size[B]; });
  Plan.Load.assign(Plan.Count, 0);
  Plan.Load[0] = ModuleLevel;
  std::vector<unsigned> PartitionOfRoot(N, 0);
  for (unsigned R : Roots) {
    unsigned Least = unsigned(std::min_element(Plan.Load.begin(), Plan.Load.begin() + Regular) - Plan.Load.begin());
    Plan.Load[Least] += C.Size[R];
    PartitionOfRoot[R] = Least;
  }
  for (size_t H = 0; H < Huge.size(); ++H) {
    PartitionOfRoot[Huge[H]] = Regular + unsigned(H);
    Plan.Load[Regular + H] = Sizes[Huge[H]];
    Plan.Huge[Regular + H] = true;
  }
  Plan.Largest.assign(Plan.Count, 0);
  for (uint32_t I = 0; I < N; ++I) {
    Plan.Home[I] = PartitionOfRoot[C.find(I)];
    Plan.Largest[Plan.Home[I]] = std::max(Plan.Largest[Plan.Home[I]], Sizes[I]);
  }

  // Imports: the small functions a partition calls in another, and those they call, transitively.
  if (WithImports) {
    std::vector<unsigned> Mark(N, None); // the partition that last considered a function
    for (unsigned P = 0; P < Plan.Count; ++P) {
      std::vector<uint32_t> &Work = Plan.Imports[P];
      auto Consider = [&](uint32_t J) {
        if (Plan.Home[J] == P || Mark[J] == P || Sizes[J] > ImportLimit)
          return;
        Mark[J] = P;
        Work.push_back(J);
      };
      for (uint32_t I = 0; I < N; ++I)
        if (Plan.Home[I] == P)
          for (uint32_t J : Refs[I].Callees)
            Consider(J);
      for (size_t W = 0; W < Work.size(); ++W)
        for (uint32_t J : Refs[Work[W]].Callees)
          Consider(J);
      llvm::sort(Work);
    }
  }

  // Shared symbols: what a body in partition P names that another partition defines; imported
  // functions too (an available_externally copy needs a global original).
  auto NamedIn = [&](unsigned P, uint32_t I) {
    for (uint32_t J : Refs[I].Callees)
      if (Plan.Home[J] != P)
        Plan.SharedFunctions[J] = true;
    if (P != 0)
      for (uint32_t D : Refs[I].Data)
        Plan.SharedData[D] = true;
  };
  for (uint32_t I = 0; I < N; ++I) {
    NamedIn(Plan.Home[I], I);
    if (FromModuleLevel[I] && Plan.Home[I] != 0)
      Plan.SharedFunctions[I] = true;
  }
  for (unsigned P = 0; P < Plan.Count; ++P)
    for (uint32_t J : Plan.Imports[P]) {
      Plan.SharedFunctions[J] = true;
      NamedIn(P, J);
    }
  return Plan;
}

void w2n::printPartitionPlan(const PartitionPlan &Plan, const w2n::Module &WM, raw_ostream &OS) {
  OS << "partitions: " << Plan.Count << "\n";
  for (unsigned P = 0; P < Plan.Count; ++P) {
    OS << "partition " << P << " (" << Plan.Load[P] << " instructions" << (Plan.Huge[P] ? ", huge function" : "")
       << "):";
    for (uint32_t I = 0; I < Plan.Home.size(); ++I)
      if (Plan.Home[I] == P)
        OS << " " << functionSymbol(WM, I);
    OS << "; imports:";
    for (uint32_t I : Plan.Imports[P])
      OS << " " << functionSymbol(WM, I);
    OS << "\n";
  }
}
