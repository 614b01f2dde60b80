//===- AddressVersioning.cpp - Loops whose i32 addresses provably don't wrap --===//
//
// Wasm computes addresses in i32 arithmetic that wraps, and C compilers targeting wasm keep constant
// offsets in `i32.add` rather than in the memory instruction's offset (they may fold an offset only
// when they know the add cannot wrap). A loop unrolled by the wasm producer therefore reads
// `mem[zext(p)]` and `mem[zext(p + 8)]`: to LLVM, zext(p + 8) is not zext(p) + 8 (p + 8 may wrap to
// a small address), so the two accesses are not 8 bytes apart, the vectorizer cannot form an
// interleaved group or a consecutive access, and it falls back to gathers or gives up. Native code
// of the same loop vectorizes; this was most of gemm's 2.5x.
//
// This pass (before the vectorizer, at -O2 and -O3) versions such loops. Every address
// zext(X + C) of an innermost loop (C the sum of a chain of constant additions, maybe 0), where X is
// an affine recurrence {s,+,d} of the loop with a constant step and the trip count is known, has
// the 64-bit value zext(s) + C + k*d on iteration k as long as that value stays in [0, 2^32). The
// preheader checks exactly that, in 64-bit arithmetic, for the first and the last iteration:
//     min(zext(s), zext(s) + d * backedge-taken count) + C >= 0
//     max(zext(s), zext(s) + d * backedge-taken count) + C <= 0xffffffff
// When the check holds, a copy of the loop runs in which each such address is the 64-bit
// recurrence {zext(s) + C,+,d}: the same addresses, now affine, and two addresses of one X differ by
// a constant. Otherwise the original loop runs, so the wasm semantics (wrapping, and the traps of
// out-of-bounds accesses) are kept exactly either way; it is marked not to be vectorized.
//
// Only loops the vectorizer could take are versioned: innermost, one exiting block, no calls but
// intrinsics and the load anchors, at most kMaxInstructions instructions.
//
//===----------------------------------------------------------------------===//
#include "AddressVersioning.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopAccessAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;
using namespace llvm::PatternMatch;

namespace {

constexpr unsigned kMaxInstructions = 200;
/// At most 28 pairs of streams to check.
constexpr unsigned kMaxStreams = 8;
/// Below this many trips (when the count is not a constant) the original loop runs without the
/// checks: they would cost more than a fast copy gains (fannkuch's 40-byte memcpy: 13% slower
/// when every call computed them).
constexpr unsigned kMinTrips = 8;

/// One address zext(X + C) (C may be 0) whose X is an affine recurrence {s,+,d} of the loop.
struct WrappingAddress {
  ZExtInst *Zext;
  const SCEVAddRecExpr *Rec; ///< X
  int64_t C;
};

/// Whether the vectorizer could take L at all: small, straight calls only to intrinsics or anchors.
bool isCandidateLoop(const Loop &L) {
  if (!L.isInnermost() || !L.getExitingBlock() || !L.getExitBlock())
    return false;
  unsigned Count = 0;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      if (++Count > kMaxInstructions)
        return false;
      if (auto *Call = dyn_cast<CallBase>(&I)) {
        Function *Callee = Call->getCalledFunction();
        if (!Callee || !(Callee->isIntrinsic() || Callee->getName().starts_with("w2n_keep_")))
          return false;
      }
    }
  return true;
}

const SCEVAddRecExpr *affineRecurrence(Value *V, const Loop &L, ScalarEvolution &SE) {
  auto *Rec = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(V));
  if (!Rec || Rec->getLoop() != &L || !Rec->isAffine() || !isa<SCEVConstant>(Rec->getStepRecurrence(SE)))
    return nullptr;
  return Rec;
}

/// The 64-bit zero extensions of i32 recurrences of L, each split into the recurrence X at the
/// root of a chain of constant additions and their sum C, so that zext(p) and zext(p + 8) share X
/// and differ by C.
SmallVector<WrappingAddress, 8> findWrappingAddresses(Loop &L, ScalarEvolution &SE) {
  SmallVector<WrappingAddress, 8> Found;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      auto *Zext = dyn_cast<ZExtInst>(&I);
      if (!Zext || !Zext->getType()->isIntegerTy(64) || !Zext->getOperand(0)->getType()->isIntegerTy(32))
        continue;
      Value *X = Zext->getOperand(0);
      int64_t C = 0;
      auto *Add = dyn_cast<BinaryOperator>(X);
      while (Add && Add->getOpcode() == Instruction::Add && isa<ConstantInt>(Add->getOperand(1)) &&
             affineRecurrence(Add->getOperand(0), L, SE)) {
        C += cast<ConstantInt>(Add->getOperand(1))->getSExtValue();
        X = Add->getOperand(0);
        Add = dyn_cast<BinaryOperator>(X);
      }
      if (const SCEVAddRecExpr *Rec = affineRecurrence(X, L, SE))
        Found.push_back({Zext, Rec, C});
    }
  return Found;
}

/// A counting-down loop whose trip count ScalarEvolution cannot compute because its counter might
/// wrap: the latch's test keeps looping while x >u Bound, x = {Start,+,-Stride} an i32 (or narrower)
/// recurrence. musl's memcpy copies 32 bytes a trip while `n - 32 >u 15` (`for (; n >= 16; ...)`
/// unrolled by clang): for n = 40, x goes 8 and stops; for n = 20, x would go from -12 on.
struct CountDown {
  const SCEV *Start;
  uint64_t Stride, Bound;
  bool StayOnTrue; ///< whether the latch's branch loops when its condition is true
};

std::optional<CountDown> findCountDown(Loop &L, ScalarEvolution &SE) {
  BasicBlock *Latch = L.getLoopLatch();
  auto *Branch = Latch && L.getExitingBlock() == Latch ? dyn_cast<BranchInst>(Latch->getTerminator()) : nullptr;
  auto *Test = Branch && Branch->isConditional() ? dyn_cast<ICmpInst>(Branch->getCondition()) : nullptr;
  auto *Limit = Test ? dyn_cast<ConstantInt>(Test->getOperand(1)) : nullptr;
  if (!Limit || !SE.isSCEVable(Test->getOperand(0)->getType()))
    return std::nullopt;
  bool StayOnTrue = L.contains(Branch->getSuccessor(0));
  CmpInst::Predicate Stay = StayOnTrue ? Test->getPredicate() : Test->getInversePredicate();
  uint64_t Bound;
  if (Stay == CmpInst::ICMP_UGT)
    Bound = Limit->getZExtValue();
  else if (Stay == CmpInst::ICMP_UGE && !Limit->isZero())
    Bound = Limit->getZExtValue() - 1;
  else
    return std::nullopt;
  auto *Rec = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Test->getOperand(0)));
  auto *Step = Rec && Rec->getLoop() == &L && Rec->isAffine() ? dyn_cast<SCEVConstant>(Rec->getStepRecurrence(SE))
                                                               : nullptr;
  if (!Step || Rec->getType()->getIntegerBitWidth() > 32 || !Step->getAPInt().isNegative())
    return std::nullopt;
  return CountDown{Rec->getStart(), (-Step->getAPInt()).getZExtValue(), Bound, StayOnTrue};
}

/// Its backedge-taken count when x does not wrap, in i64: ceil((Start - Bound) / Stride) trips
/// when Start >u Bound, else none.
const SCEV *countDownTrips(const CountDown &D, ScalarEvolution &SE) {
  Type *I64 = Type::getInt64Ty(SE.getContext());
  const SCEV *Start = SE.getZeroExtendExpr(D.Start, I64), *Bound = SE.getConstant(I64, D.Bound);
  const SCEV *Above = SE.getMinusSCEV(SE.getUMaxExpr(Start, Bound), Bound);
  return SE.getUDivExpr(SE.getAddExpr(Above, SE.getConstant(I64, D.Stride - 1)), SE.getConstant(I64, D.Stride));
}

/// Whether x stops without wrapping: it starts at or below Bound, or the last value it takes at or
/// above zero, Start urem Stride, is at most Bound (else x steps over [0, Bound] to below zero).
Value *countDownHolds(const CountDown &D, SCEVExpander &Expander, IRBuilder<> &B) {
  Value *Start = Expander.expandCodeFor(D.Start, nullptr, &*B.GetInsertPoint());
  Type *Ty = Start->getType();
  Value *Bound = ConstantInt::get(Ty, D.Bound);
  return B.CreateOr(B.CreateICmpULE(Start, Bound),
                    B.CreateICmpULE(B.CreateURem(Start, ConstantInt::get(Ty, D.Stride)), Bound));
}

/// Makes the fast copy of a CountDown loop exit on a trip counter compared with the count that
/// its guard proved, a form ScalarEvolution, and so the vectorizer, can count.
void countTrips(Loop &L, const SCEV *BackedgeTaken, bool StayOnTrue, ScalarEvolution &SE) {
  BasicBlock *Header = L.getHeader(), *Latch = L.getLoopLatch(), *Preheader = L.getLoopPreheader();
  auto *Branch = cast<BranchInst>(Latch->getTerminator());
  Type *I64 = Type::getInt64Ty(Header->getContext());
  SCEVExpander Expander(SE, Header->getModule()->getDataLayout(), "w2n.trips");
  Value *Last = Expander.expandCodeFor(BackedgeTaken, I64, Preheader->getTerminator());
  IRBuilder<> B(Header, Header->begin());
  PHINode *Trip = B.CreatePHI(I64, 2, "w2n.trip");
  B.SetInsertPoint(Branch);
  Value *Next = B.CreateAdd(Trip, ConstantInt::get(I64, 1), "w2n.trip.next", /*HasNUW=*/true, /*HasNSW=*/true);
  Trip->addIncoming(ConstantInt::get(I64, 0), Preheader);
  Trip->addIncoming(Next, Latch);
  Branch->setCondition(StayOnTrue ? B.CreateICmpNE(Trip, Last) : B.CreateICmpEQ(Trip, Last));
  SE.forgetLoop(&L);
}

/// The condition under which every X and X + C of Addresses stays in [0, 2^32) on every iteration,
/// expanded before InsertBefore (null if it cannot be expanded there, before any code is emitted).
Value *noWrapCondition(ArrayRef<WrappingAddress> Addresses, const SCEV *BackedgeTaken, const CountDown *Down,
                       ScalarEvolution &SE, Instruction *InsertBefore) {
  const DataLayout &DL = InsertBefore->getModule()->getDataLayout();
  SCEVExpander Expander(SE, DL, "w2n.addr.check");
  IRBuilder<> B(InsertBefore);
  if (!Expander.isSafeToExpandAt(BackedgeTaken, InsertBefore))
    return nullptr;
  Type *I64 = B.getInt64Ty();
  const SCEV *Count = SE.getTruncateOrZeroExtend(BackedgeTaken, I64);
  Value *Ok = nullptr;
  auto And = [&](Value *V) { Ok = Ok ? B.CreateAnd(Ok, V) : V; };
  if (Down) {
    if (!Expander.isSafeToExpandAt(Down->Start, InsertBefore))
      return nullptr;
    And(countDownHolds(*Down, Expander, B));
  }
  // A count past 2^32 wraps anything with a step; it also keeps d * count below 2^63.
  if (BackedgeTaken->getType()->getIntegerBitWidth() > 32)
    And(B.CreateICmpULE(Expander.expandCodeFor(Count, I64, InsertBefore), B.getInt64(0xffffffff)));
  for (const WrappingAddress &A : Addresses) {
    int64_t Step = cast<SCEVConstant>(A.Rec->getStepRecurrence(SE))->getAPInt().getSExtValue();
    const SCEV *First = SE.getZeroExtendExpr(A.Rec->getStart(), I64);
    const SCEV *Last = SE.getAddExpr(First, SE.getMulExpr(SE.getConstant(I64, Step, true), Count));
    const SCEV *Low = Step > 0 ? First : Last, *High = Step > 0 ? Last : First;
    if (!Expander.isSafeToExpandAt(First, InsertBefore))
      return nullptr;
    const SCEV *C = SE.getConstant(I64, A.C, /*isSigned=*/true);
    Value *LowV = Expander.expandCodeFor(SE.getAddExpr(Low, C), I64, InsertBefore);
    Value *HighV = Expander.expandCodeFor(SE.getAddExpr(High, C), I64, InsertBefore);
    And(B.CreateICmpSGE(LowV, B.getInt64(0)));
    And(B.CreateICmpSLE(HighV, B.getInt64(0xffffffff)));
  }
  return Ok;
}

/// For a count that is not a constant, `backedge-taken count >= kMinTrips - 1`, expanded at the end
/// of L's preheader (before the checks are); null for a constant count.
Instruction *worthChecking(Loop &L, const SCEV *BackedgeTaken, ScalarEvolution &SE) {
  if (isa<SCEVConstant>(BackedgeTaken))
    return nullptr;
  Instruction *Term = L.getLoopPreheader()->getTerminator();
  SCEVExpander Expander(SE, Term->getModule()->getDataLayout(), "w2n.trips");
  if (!Expander.isSafeToExpandAt(BackedgeTaken, Term))
    return nullptr;
  Value *Count = Expander.expandCodeFor(BackedgeTaken, nullptr, Term);
  IRBuilder<> B(Term);
  return dyn_cast<Instruction>(B.CreateICmpUGE(Count, ConstantInt::get(Count->getType(), kMinTrips - 1), "w2n.enough"));
}

/// Clones L as the fallback taken when Fast is false; L itself becomes the fast version. L is in
/// simplified and LCSSA form with one exiting block, so the only values used after it are the exit
/// block's phis, which get the clone's values as a second incoming edge.
/// Enough, when given, is an instruction of the preheader before the checks' code: when it is false
/// the original loop runs without computing them.
void versionLoop(Loop &L, Value *Fast, Instruction *Enough, LoopInfo &LI, DominatorTree &DT) {
  BasicBlock *CheckBB = L.getLoopPreheader(), *TripBB = nullptr;
  if (Enough) {
    TripBB = CheckBB;
    CheckBB = SplitBlock(TripBB, Enough->getNextNode(), &DT, &LI, nullptr, L.getHeader()->getName() + ".w2n.checks");
  }
  BasicBlock *Exit = L.getExitBlock();
  BasicBlock *Exiting = L.getExitingBlock();
  BasicBlock *Preheader = SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI, nullptr,
                                     L.getHeader()->getName() + ".w2n.fast");
  ValueToValueMapTy VMap;
  SmallVector<BasicBlock *, 8> CloneBlocks;
  Loop *Slow = cloneLoopWithPreheader(Preheader, CheckBB, &L, VMap, ".w2n.wrap", &LI, &DT, CloneBlocks);
  remapInstructionsInBlocks(CloneBlocks, VMap);
  Instruction *Term = CheckBB->getTerminator();
  BranchInst::Create(Preheader, Slow->getLoopPreheader(), Fast, Term);
  Term->eraseFromParent();
  if (TripBB) {
    Term = TripBB->getTerminator();
    BranchInst::Create(CheckBB, Slow->getLoopPreheader(), Enough, Term);
    Term->eraseFromParent();
    DT.changeImmediateDominator(Slow->getLoopPreheader(), TripBB);
  }
  DT.changeImmediateDominator(Exit, TripBB ? TripBB : CheckBB);
  for (PHINode &Phi : Exit->phis()) {
    Value *V = Phi.getIncomingValueForBlock(Exiting);
    auto Mapped = VMap.find(V);
    Phi.addIncoming(Mapped != VMap.end() ? static_cast<Value *>(Mapped->second) : V, cast<BasicBlock>(VMap[Exiting]));
  }
  // The fallback runs only for programs whose addresses wrap: not worth vectorizing twice.
  addStringMetadataToLoop(Slow, "llvm.loop.vectorize.enable", 0);
  formDedicatedExitBlocks(Slow, &DT, &LI, nullptr, /*PreserveLCSSA=*/true);
  formDedicatedExitBlocks(&L, &DT, &LI, nullptr, /*PreserveLCSSA=*/true);
}

/// A memory access of the fast loop: its offset from the linear memory's base, an invariant or an
/// affine recurrence of the loop.
struct Access {
  Instruction *I;
  const SCEV *Offset;
  uint64_t Size;
};

/// Accesses from one base (the linear memory, or the instance) whose offsets differ by constants:
/// one array, or one row of it.
struct Stream {
  const SCEV *Base;
  SmallVector<Access, 4> Accesses;
  bool Written = false;
  const SCEV *Low = nullptr, *High = nullptr; ///< bytes [Low, High) over the whole loop
};

/// The loop's loads and stores in streams, or nothing if one of them cannot be bounded (a
/// non-affine offset, a memory intrinsic, a call) or there are too many streams to check.
std::optional<SmallVector<Stream, 4>> findStreams(Loop &L, const SCEV *Count, ScalarEvolution &SE) {
  const DataLayout &DL = L.getHeader()->getModule()->getDataLayout();
  SmallVector<Stream, 4> Streams;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      if (!I.mayReadOrWriteMemory())
        continue;
      Value *Ptr = getLoadStorePointerOperand(&I);
      if (!Ptr) {
        if (auto *Call = dyn_cast<CallBase>(&I); Call && Call->onlyAccessesInaccessibleMemory())
          continue; // a load anchor
        return std::nullopt;
      }
      const SCEV *PtrSCEV = SE.getSCEV(Ptr);
      const SCEV *PtrBase = SE.getPointerBase(PtrSCEV);
      const SCEV *Offset = SE.getMinusSCEV(PtrSCEV, PtrBase);
      auto *Rec = dyn_cast<SCEVAddRecExpr>(Offset);
      if (!SE.isLoopInvariant(Offset, &L) && !(Rec && Rec->getLoop() == &L && Rec->isAffine()))
        return std::nullopt;
      Access A{&I, Offset, DL.getTypeStoreSize(getLoadStoreType(&I)).getFixedValue()};
      Stream *Home = nullptr;
      for (Stream &S : Streams)
        if (S.Base == PtrBase && isa<SCEVConstant>(SE.getMinusSCEV(Offset, S.Accesses.front().Offset)))
          Home = &S;
      if (!Home) {
        if (Streams.size() == kMaxStreams)
          return std::nullopt;
        Home = &Streams.emplace_back();
        Home->Base = PtrBase;
      }
      Home->Accesses.push_back(A);
      Home->Written |= isa<StoreInst>(I);
    }
  // Each stream's bytes: from the lowest offset of its accesses on the first or last iteration, to
  // the highest plus the access's size.
  for (Stream &S : Streams)
    for (const Access &A : S.Accesses) {
      auto *Rec = dyn_cast<SCEVAddRecExpr>(A.Offset);
      const SCEV *First = Rec ? Rec->getStart() : A.Offset;
      const SCEV *Last = Rec ? Rec->evaluateAtIteration(Count, SE) : A.Offset;
      const SCEV *Low = SE.getUMinExpr(First, Last);
      const SCEV *High = SE.getAddExpr(SE.getUMaxExpr(First, Last), SE.getConstant(First->getType(), A.Size));
      S.Low = S.Low ? SE.getUMinExpr(S.Low, Low) : Low;
      S.High = S.High ? SE.getUMaxExpr(S.High, High) : High;
    }
  return Streams;
}

/// Makes the fast loop's guard also check that every written stream is disjoint from every other
/// stream, and tells the fast loop's accesses so with alias scopes (one per stream). Without this,
/// the vectorizer, which sees one underlying object (the linear memory) for all accesses, fails to
/// order a write to one array with a read of another, falls back to checking every pair of
/// pointers, and so also the pair p, p + 8 of one array, which always overlap.
void addDisjointnessChecks(Loop &L, BranchInst *Guard, const SCEV *Count, ScalarEvolution &SE) {
  std::optional<SmallVector<Stream, 4>> Streams = findStreams(L, Count, SE);
  if (!Streams || Streams->size() < 2)
    return;
  SCEVExpander Expander(SE, Guard->getModule()->getDataLayout(), "w2n.alias.check");
  for (Stream &S : *Streams)
    if (!Expander.isSafeToExpandAt(S.Low, Guard) || !Expander.isSafeToExpandAt(S.High, Guard))
      return;
  LLVMContext &C = Guard->getContext();
  MDBuilder MDB(C);
  MDNode *Domain = MDB.createAnonymousAliasScopeDomain("w2n.streams");
  SmallVector<MDNode *, 4> Scopes;
  for (size_t I = 0; I < Streams->size(); ++I)
    Scopes.push_back(MDB.createAnonymousAliasScope(Domain));
  IRBuilder<> B(Guard);
  Value *Disjoint = Guard->getCondition();
  SmallVector<SmallVector<Metadata *, 4>, 4> NoAlias(Streams->size());
  for (size_t I = 0; I < Streams->size(); ++I)
    for (size_t J = I + 1; J < Streams->size(); ++J) {
      Stream &SI = (*Streams)[I], &SJ = (*Streams)[J];
      if ((!SI.Written && !SJ.Written) || SI.Base != SJ.Base) // different bases: no claim made
        continue;
      Value *Before = B.CreateICmpULE(Expander.expandCodeFor(SI.High, nullptr, Guard),
                                      Expander.expandCodeFor(SJ.Low, nullptr, Guard));
      Value *After = B.CreateICmpULE(Expander.expandCodeFor(SJ.High, nullptr, Guard),
                                     Expander.expandCodeFor(SI.Low, nullptr, Guard));
      Disjoint = B.CreateAnd(Disjoint, B.CreateOr(Before, After));
      NoAlias[I].push_back(Scopes[J]);
      NoAlias[J].push_back(Scopes[I]);
    }
  Guard->setCondition(Disjoint);
  for (size_t I = 0; I < Streams->size(); ++I)
    for (const Access &A : (*Streams)[I].Accesses) {
      A.I->setMetadata(LLVMContext::MD_alias_scope,
                       MDNode::concatenate(A.I->getMetadata(LLVMContext::MD_alias_scope), MDNode::get(C, Scopes[I])));
      if (!NoAlias[I].empty())
        A.I->setMetadata(LLVMContext::MD_noalias,
                         MDNode::concatenate(A.I->getMetadata(LLVMContext::MD_noalias), MDNode::get(C, NoAlias[I])));
    }
}

/// A wasm loop that counts an i32 up to zero (`k += 8; br_if k != 0`, as clang's loop strength
/// reduction writes them) reaches this pass with its counter widened to i64 by IndVarSimplify and
/// its exit test `trunc(k) == 0` rewritten by InstCombine as `(k & 0xfffffff8) == 0`: the mask
/// drops the low bits it knows are zero. ScalarEvolution counts the trips of that masked test only
/// by trying iterations one by one, up to 100, so neither this pass nor the vectorizer could take
/// a longer such loop (PolyBench's heat-3d and jacobi-2d: 1.86x and 1.47x native before). Rewrites
/// the test back to `trunc(k) == 0`, which is the same test when the dropped bits of k are zero,
/// and which ScalarEvolution counts. Returns whether it changed the loop.
bool restoreTruncatedExitTest(Loop &L, ScalarEvolution &SE) {
  auto *Branch = dyn_cast_or_null<BranchInst>(L.getExitingBlock() ? L.getExitingBlock()->getTerminator() : nullptr);
  auto *Test = Branch && Branch->isConditional() ? dyn_cast<ICmpInst>(Branch->getCondition()) : nullptr;
  if (!Test || !Test->isEquality() || !match(Test->getOperand(1), m_Zero()))
    return false;
  Value *Counter;
  const APInt *Mask;
  if (!match(Test->getOperand(0), m_And(m_Value(Counter), m_APInt(Mask))))
    return false;
  // Mask must be the low Width bits but its Dropped lowest: (2^Width - 1) & ~(2^Dropped - 1).
  unsigned Width = Mask->getActiveBits(), Dropped = Mask->countr_zero();
  if (Width == 0 || Width >= Mask->getBitWidth() || Mask->popcount() != Width - Dropped)
    return false;
  if (Dropped > 0 && (!SE.isSCEVable(Counter->getType()) || SE.getMinTrailingZeros(SE.getSCEV(Counter)) < Dropped))
    return false;
  IRBuilder<> B(Test);
  Value *Low = B.CreateTrunc(Counter, B.getIntNTy(Width), "w2n.counter");
  Test->setOperand(0, Low);
  Test->setOperand(1, ConstantInt::get(Low->getType(), 0));
  SE.forgetLoop(&L);
  return true;
}

bool versionLoopIfWrapping(Loop &L, LoopInfo &LI, DominatorTree &DT, ScalarEvolution &SE, AssumptionCache &AC) {
  if (!isCandidateLoop(L))
    return false;
  SmallVector<WrappingAddress, 8> Addresses = findWrappingAddresses(L, SE);
  if (Addresses.empty())
    return false;
  const SCEV *BackedgeTaken = SE.getBackedgeTakenCount(&L);
  if (isa<SCEVCouldNotCompute>(BackedgeTaken) && restoreTruncatedExitTest(L, SE))
    BackedgeTaken = SE.getBackedgeTakenCount(&L);
  std::optional<CountDown> Down;
  if (isa<SCEVCouldNotCompute>(BackedgeTaken) && (Down = findCountDown(L, SE)))
    BackedgeTaken = countDownTrips(*Down, SE);
  if (isa<SCEVCouldNotCompute>(BackedgeTaken) || !BackedgeTaken->getType()->isIntegerTy() ||
      BackedgeTaken->getType()->getIntegerBitWidth() > 64)
    return false;
  simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
  formLCSSA(L, DT, &LI, &SE);
  if (!L.isLoopSimplifyForm() || !L.getExitBlock() || !L.getExitingBlock() ||
      L.getExitBlock()->getSinglePredecessor() != L.getExitingBlock())
    return false;
  Instruction *Enough = worthChecking(L, BackedgeTaken, SE);
  Value *Fast = noWrapCondition(Addresses, BackedgeTaken, Down ? &*Down : nullptr, SE,
                                L.getLoopPreheader()->getTerminator());
  if (!Fast)
    return false;
  versionLoop(L, Fast, Enough, LI, DT);
  if (Down)
    countTrips(L, BackedgeTaken, Down->StayOnTrue, SE);
  // In L, now the fast version, each zext(X + C) becomes the 64-bit recurrence {zext(s) + C,+,d}:
  // the same values, which the check proved, in a form in which two addresses of one X differ by
  // a constant.
  SCEVExpander Expander(SE, L.getHeader()->getModule()->getDataLayout(), "w2n.addr");
  Type *I64 = Type::getInt64Ty(L.getHeader()->getContext());
  for (const WrappingAddress &A : Addresses) {
    const SCEV *Start = SE.getAddExpr(SE.getZeroExtendExpr(A.Rec->getStart(), I64), SE.getConstant(I64, A.C, true));
    const SCEV *Step = SE.getSignExtendExpr(A.Rec->getStepRecurrence(SE), I64);
    // Its values lie in [0, 2^32): it wraps neither way (nor unsigned, for a positive step).
    auto Flags = SCEV::NoWrapFlags(SE.isKnownPositive(Step) ? SCEV::FlagNUW | SCEV::FlagNSW : SCEV::FlagNSW);
    const SCEV *Wide = SE.getAddRecExpr(Start, Step, &L, Flags);
    A.Zext->replaceAllUsesWith(Expander.expandCodeFor(Wide, I64, A.Zext));
    A.Zext->eraseFromParent();
  }
  SE.forgetLoop(&L);
  addDisjointnessChecks(L, cast<BranchInst>(L.getLoopPreheader()->getSinglePredecessor()->getTerminator()),
                        SE.getTruncateOrZeroExtend(BackedgeTaken, I64), SE);
  return true;
}

} // namespace

PreservedAnalyses w2n::AddressVersioningPass::run(Function &F, FunctionAnalysisManager &FAM) {
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  SmallVector<Loop *, 16> Innermost;
  for (Loop *L : LI.getLoopsInPreorder())
    if (L->isInnermost())
      Innermost.push_back(L);
  bool Changed = false;
  for (Loop *L : Innermost)
    Changed |= versionLoopIfWrapping(*L, LI, DT, SE, AC);
  if (!Changed)
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserve<LoopAnalysis>();
  PA.preserve<DominatorTreeAnalysis>();
  return PA;
}
