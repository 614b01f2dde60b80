//===- Partition.cpp - Splits a module for parallel compilation -----------===//
//
// A large module is optimised and compiled in partitions, each on its own thread and LLVMContext
// (emitObjects in Pipeline.cpp). Splitting before the optimisation pipeline makes all of it parallel,
// inlining included, but the inliner of one partition sees only the functions it has. Three rules
// keep the code close to what the whole module would give, and every one of them depends on the
// module alone, so the output is the same bytes whatever the number of threads:
//
//  - Clusters. A function called from exactly one other function (and referenced in no other way) is
//    the inliner's best case, inlined whatever its size because its body then disappears; it goes to
//    its caller's partition and stays internal. Such chains form clusters, capped at a partition's
//    share of the module so that one cluster cannot take the whole program.
//  - Balance. Clusters go, largest first, to the least loaded partition (by instruction count); the
//    number of partitions grows with the module's size.
//  - Imports. A partition keeps an available_externally copy of each small function it calls that
//    another partition defines, and of the small functions those call, as ThinLTO imports across
//    modules: its inliner can inline them as the whole module's would; the copies are never emitted.
//
// The costs: a small function is simplified once in each partition that imports it; inlining
// decisions for larger functions called across partitions, and interprocedural facts about them
// (inferred attributes, constant arguments), are each partition's own.
//
//===----------------------------------------------------------------------===//
#include "Partition.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include <algorithm>
#include <numeric>

using namespace w2n;
using namespace llvm;

namespace {

/// Instructions of translated (unoptimised) IR per partition: a few per core on a large module, so
/// that threads share the work evenly, and enough in each that its fixed cost (reading the module's
/// declarations, setting up the pipeline) is lost in the noise. Small modules stay whole.
constexpr uint64_t InstructionsPerPartition = 10000, MaxPartitions = 64;
/// The largest function (translated instructions) a partition imports from another: about what the
/// inliner's threshold at -O2 inlines once the function is simplified.
constexpr uint64_t ImportLimit = 150;

/// What one function references: every global value its instructions name (through constant
/// expressions too), and the defined functions it calls directly.
struct References {
  SetVector<GlobalValue *> All;
  SetVector<Function *> Callees;
  SmallPtrSet<GlobalValue *, 8> OtherwiseThanCalled; ///< named in some way other than as a callee
};

void collectFromConstant(Constant *C, SmallPtrSetImpl<Constant *> &Seen, SetVector<GlobalValue *> &Out) {
  if (auto *GV = dyn_cast<GlobalValue>(C)) {
    Out.insert(GV);
    return;
  }
  if (!Seen.insert(C).second)
    return;
  for (Value *Op : C->operands())
    if (auto *OpC = dyn_cast<Constant>(Op))
      collectFromConstant(OpC, Seen, Out);
}

References referencesOf(Function &F) {
  References R;
  SmallPtrSet<Constant *, 32> Seen;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *Call = dyn_cast<CallBase>(&I);
      for (Use &U : I.operands()) {
        auto *C = dyn_cast<Constant>(U.get());
        if (!C)
          continue;
        if (Call && Call->isCallee(&U))
          if (auto *Callee = dyn_cast<Function>(C)) {
            R.All.insert(Callee);
            if (!Callee->isDeclaration())
              R.Callees.insert(Callee);
            continue;
          }
        SetVector<GlobalValue *> Named;
        collectFromConstant(C, Seen, Named);
        for (GlobalValue *GV : Named) {
          R.All.insert(GV);
          R.OtherwiseThanCalled.insert(GV);
        }
        // A constant seen before named nothing new for All; what it named is already recorded.
      }
    }
  return R;
}

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

} // namespace

PartitionPlan w2n::planPartitions(Module &M, bool WithImports) {
  PartitionPlan Plan;
  std::vector<Function *> Defined;
  DenseMap<const Function *, unsigned> Index;
  std::vector<uint64_t> Sizes;
  uint64_t Total = 0;
  for (Function &F : M)
    if (!F.isDeclaration()) {
      Index[&F] = unsigned(Defined.size());
      Defined.push_back(&F);
      Sizes.push_back(F.getInstructionCount() + 1);
      Total += Sizes.back();
    }
  Plan.Count = unsigned(std::clamp<uint64_t>(Total / InstructionsPerPartition, 1, MaxPartitions));
  if (Plan.Count == 1) {
    for (Function *F : Defined)
      Plan.Home[F->getName()] = 0;
    Plan.Imports.resize(1);
    Plan.Load = {Total};
    return Plan;
  }

  // Who references whom. Data (global variables' initializers) lives in partition 0.
  std::vector<References> Refs;
  Refs.reserve(Defined.size());
  for (Function *F : Defined)
    Refs.push_back(referencesOf(*F));
  SetVector<GlobalValue *> FromData;
  {
    SmallPtrSet<Constant *, 32> Seen;
    for (GlobalVariable &GV : M.globals())
      if (GV.hasInitializer())
        collectFromConstant(GV.getInitializer(), Seen, FromData);
    for (GlobalAlias &GA : M.aliases())
      collectFromConstant(GA.getAliasee(), Seen, FromData);
  }

  // Clusters: a function only ever called, and from one other function, joins its caller.
  constexpr unsigned None = ~0u, Several = ~1u;
  std::vector<unsigned> OnlyCaller(Defined.size(), None);
  std::vector<bool> Pinned(Defined.size(), false); // referenced otherwise than by one caller's calls
  for (unsigned I = 0; I < Defined.size(); ++I)
    for (GlobalValue *GV : Refs[I].All) {
      auto *F = dyn_cast<Function>(GV);
      if (!F || F->isDeclaration() || F == Defined[I])
        continue;
      unsigned J = Index.lookup(F);
      if (Refs[I].OtherwiseThanCalled.contains(F))
        Pinned[J] = true;
      OnlyCaller[J] = OnlyCaller[J] == None ? I : Several;
    }
  for (GlobalValue *GV : FromData)
    if (auto *F = dyn_cast<Function>(GV); F && !F->isDeclaration())
      Pinned[Index.lookup(F)] = true;
  uint64_t Cap = Total / Plan.Count;
  Clusters C(Sizes);
  for (unsigned I = 0; I < Defined.size(); ++I)
    if (Defined[I]->hasLocalLinkage() && !Pinned[I] && OnlyCaller[I] != None && OnlyCaller[I] != Several)
      C.joinUnder(I, OnlyCaller[I], Cap);

  // Balance: clusters, largest first (ties: the one whose first function comes first), each to the
  // least loaded partition (ties: the lowest).
  std::vector<unsigned> Roots;
  for (unsigned I = 0; I < Defined.size(); ++I)
    if (C.find(I) == I)
      Roots.push_back(I);
  std::stable_sort(Roots.begin(), Roots.end(), [&](unsigned A, unsigned B) { return C.Size[A] > C.Size[B]; });
  Plan.Load.assign(Plan.Count, 0);
  std::vector<unsigned> PartitionOfRoot(Defined.size(), 0);
  for (unsigned R : Roots) {
    unsigned Least = unsigned(std::min_element(Plan.Load.begin(), Plan.Load.end()) - Plan.Load.begin());
    Plan.Load[Least] += C.Size[R];
    PartitionOfRoot[R] = Least;
  }
  std::vector<unsigned> HomeOf(Defined.size());
  for (unsigned I = 0; I < Defined.size(); ++I) {
    HomeOf[I] = PartitionOfRoot[C.find(I)];
    Plan.Home[Defined[I]->getName()] = HomeOf[I];
  }

  // Imports: the small functions a partition calls in another, and those they call, transitively.
  std::vector<std::vector<unsigned>> Imported(Plan.Count);
  Plan.Imports.resize(Plan.Count);
  if (WithImports) {
    std::vector<unsigned> Mark(Defined.size(), None); // the partition that last considered a function
    for (unsigned P = 0; P < Plan.Count; ++P) {
      std::vector<unsigned> Work;
      auto Consider = [&](Function *Callee) {
        unsigned J = Index.lookup(Callee);
        if (HomeOf[J] == P || Mark[J] == P || Sizes[J] > ImportLimit ||
            Callee->hasFnAttribute(Attribute::NoInline))
          return;
        Mark[J] = P;
        Work.push_back(J);
      };
      for (unsigned I = 0; I < Defined.size(); ++I)
        if (HomeOf[I] == P)
          for (Function *Callee : Refs[I].Callees)
            Consider(Callee);
      for (size_t W = 0; W < Work.size(); ++W)
        for (Function *Callee : Refs[Work[W]].Callees)
          Consider(Callee);
      std::sort(Work.begin(), Work.end());
      Imported[P] = Work;
      for (unsigned J : Work)
        Plan.Imports[P].insert(Defined[J]->getName());
    }
  }

  // Symbols one partition names and another defines become hidden globals; imported functions too
  // (available_externally copies need a non-local original).
  SetVector<GlobalValue *> Shared;
  auto NamedIn = [&](unsigned P, unsigned I) {
    for (GlobalValue *GV : Refs[I].All) {
      if (auto *F = dyn_cast<Function>(GV)) {
        if (!F->isDeclaration() && HomeOf[Index.lookup(F)] != P)
          Shared.insert(F);
      } else if (P != 0) {
        Shared.insert(GV);
      }
    }
  };
  for (unsigned I = 0; I < Defined.size(); ++I)
    NamedIn(HomeOf[I], I);
  for (unsigned P = 0; P < Plan.Count; ++P)
    for (unsigned J : Imported[P]) {
      Shared.insert(Defined[J]);
      NamedIn(P, J);
    }
  for (GlobalValue *GV : FromData)
    if (auto *F = dyn_cast<Function>(GV); F && !F->isDeclaration() && HomeOf[Index.lookup(F)] != 0)
      Shared.insert(F);
  for (GlobalValue *GV : Shared)
    if (GV->hasLocalLinkage()) {
      GV->setLinkage(GlobalValue::ExternalLinkage);
      GV->setVisibility(GlobalValue::HiddenVisibility);
    }
  for (GlobalValue &GV : M.global_values()) {
    if (!GV.hasName()) // a symbol shared between partitions needs a name (made unique by setName)
      GV.setName("w2n.unnamed");
    // A linkonce definition (the w2n.sig.* signature identities) lives in partition 0, whose pipeline
    // would delete it where unused there though other partitions use it: weak keeps it and links the
    // same.
    if (GV.hasLinkOnceLinkage())
      GV.setLinkage(GV.hasLinkOnceODRLinkage() ? GlobalValue::WeakODRLinkage : GlobalValue::WeakAnyLinkage);
  }
  return Plan;
}

void w2n::printPartitionPlan(const PartitionPlan &Plan, const Module &M, raw_ostream &OS) {
  OS << "partitions: " << Plan.Count << "\n";
  for (unsigned P = 0; P < Plan.Count; ++P) {
    OS << "partition " << P << " (" << Plan.Load[P] << " instructions):";
    for (const Function &F : M)
      if (!F.isDeclaration() && Plan.Home.lookup(F.getName()) == P)
        OS << " " << F.getName();
    OS << "; imports:";
    for (const Function &F : M)
      if (!F.isDeclaration() && Plan.Imports[P].contains(F.getName()))
        OS << " " << F.getName();
    OS << "\n";
  }
}
