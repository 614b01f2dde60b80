//===- LoadAnchors.cpp - Keeps trapping loads alive through optimisation --===//
//
// SEMANTICS-CRITICAL: with guard pages, an out-of-bounds wasm load traps only if the load is executed,
// and LLVM deletes loads whose values are unused. The translator therefore follows every wasm load
// with a placeholder call `w2n_keep_<type>(value)` (see TranslateMemory.cpp), in two stages:
//
//  - prepareLoadAnchors (before the pipeline, -O1 and up) declares each placeholder `nounwind
//    willreturn memory(inaccessiblemem: readwrite)`: it writes memory no IR can see, so no pass may
//    delete it (nor the load whose value it takes), reorder it with another call or a trap, or drop
//    it from a loop that never exits; yet it does not alias linear memory, so loads and stores still
//    move freely around it. Each scalar placeholder also gets vector variants (`vector-function-abi-
//    variant`, LLVM's internal VFABI) so the loop and SLP vectorizers widen `keep(load)` into
//    `keep_vN(vector load)` instead of giving up on the loop. The variants are only declared, and
//    held in llvm.compiler.used so that the pipeline's dead-declaration removal keeps them.
//  - lowerLoadAnchors (after the pipeline, at every level) replaces each placeholder, scalar or
//    widened, with an empty `asm sideeffect` that takes the value in registers: the code generator
//    cannot delete the asm either, so the load must happen, and no instruction is emitted. Values too
//    wide or too odd for one register are split into register-sized pieces, so no lane of a vector
//    load can be narrowed away (which would skip the faulting part of a straddling access).
//
// Each partition of a large module (emitObjects) prepares and lowers the anchors of its own copy.
//
// Ordering: a placeholder stays ordered with calls (including w2n_trap), so a dead load traps before
// any later call or trap in program order, as before. Like any load, it may be reordered with a
// store to linear memory that LLVM proves does not alias it; only the memory contents left behind by
// a trap can tell, and the command-line runtime exits on a trap.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "llvm/ADT/bit.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace {

/// The sizes, in bytes and largest first, of the vector-register pieces an anchor may pass on this
/// target (empty: none). A piece is always passed as <N x i8>, a type the target keeps in one such
/// register: x86's "x" takes 16 bytes (32 with AVX) but not 8, as 64-bit vectors are not legal types
/// there; AArch64's "w" takes 8 and 16. Anything else goes through integer registers.
SmallVector<unsigned, 2> vectorPieceSizes(const Triple &T, const TargetMachine &TM) {
  switch (T.getArch()) {
  case Triple::x86_64:
    // The subtarget knows the features the CPU name implies, not only the explicit ones.
    if (TM.getMCSubtargetInfo()->checkFeatures("+avx"))
      return {32, 16};
    return {16};
  case Triple::aarch64:
    return {16, 8};
  default: // riscv64 (no vector extension assumed); armv7 uses explicit checks and has no anchors
    return {};
  }
}

const char *vectorConstraint(const Triple &T) { return T.getArch() == Triple::aarch64 ? "w" : "x"; }

void emitAsm(IRBuilder<> &B, Value *V, const char *Constraint) {
  auto *Ty = FunctionType::get(B.getVoidTy(), {V->getType()}, false);
  B.CreateCall(InlineAsm::get(Ty, "", Constraint, /*hasSideEffects=*/true), {V});
}

/// Anchors an integer or float scalar: floats stay in their (vector or FP) register when the target
/// has one, so anchoring a float costs no move.
void anchorScalar(IRBuilder<> &B, Value *V, const Triple &T, bool HasVectorRegs) {
  Type *Ty = V->getType();
  if (Ty->isFloatingPointTy()) {
    if (HasVectorRegs)
      return emitAsm(B, V, vectorConstraint(T));
    if (T.getArch() == Triple::riscv64)
      return emitAsm(B, V, "f");
    V = B.CreateBitCast(V, B.getIntNTy(Ty->getPrimitiveSizeInBits()));
  }
  emitAsm(B, V, "r");
}

/// Anchors a vector of any shape as a sequence of pieces covering all its bytes: the largest vector
/// piece that fits the remaining bytes, else the largest power-of-two integer up to a pointer's size.
void anchorVector(IRBuilder<> &B, Value *V, const Triple &T, ArrayRef<unsigned> VecPieces,
                  unsigned PtrBytes) {
  auto *VTy = cast<FixedVectorType>(V->getType());
  if (VTy->getPrimitiveSizeInBits() % 8 != 0) { // e.g. <N x i1>: anchor each lane
    for (unsigned I = 0; I < VTy->getNumElements(); ++I)
      emitAsm(B, B.CreateZExt(B.CreateExtractElement(V, I), B.getInt8Ty()), "r");
    return;
  }
  unsigned Bytes = VTy->getPrimitiveSizeInBits() / 8;
  Value *AsBytes = B.CreateBitCast(V, FixedVectorType::get(B.getInt8Ty(), Bytes));
  for (unsigned Offset = 0; Offset < Bytes;) {
    unsigned Left = Bytes - Offset;
    const unsigned *Vec = find_if(VecPieces, [&](unsigned N) { return N <= Left; });
    unsigned N = Vec != VecPieces.end() ? *Vec : llvm::bit_floor(std::min(Left, PtrBytes));
    Value *Part = AsBytes;
    if (N != Bytes) {
      SmallVector<int, 32> Mask;
      for (unsigned I = 0; I < N; ++I)
        Mask.push_back(int(Offset + I));
      Part = B.CreateShuffleVector(AsBytes, Mask);
    }
    if (Vec != VecPieces.end())
      emitAsm(B, Part, vectorConstraint(T));
    else
      emitAsm(B, B.CreateBitCast(Part, B.getIntNTy(N * 8)), "r");
    Offset += N;
  }
}

bool isAnchor(const Function &F) { return F.getName().starts_with("w2n_keep_"); }

/// What an anchor is allowed to do: write memory no IR can see, and nothing else. ModRef rather than
/// Mod: LoopAccessAnalysis accepts a call that may read memory when it has vector variants, but
/// rejects any call that only writes.
void setAnchorAttributes(Function &F) {
  F.setDoesNotThrow();
  F.setWillReturn();
  F.setMemoryEffects(MemoryEffects::inaccessibleMemOnly(ModRefInfo::ModRef));
}

/// Takes the vector variants out of llvm.compiler.used, where prepareLoadAnchors put them.
void unpinLoadAnchorVariants(llvm::Module &M) {
  removeFromUsedLists(M, [](Constant *C) {
    auto *F = dyn_cast<Function>(C->stripPointerCasts());
    return F && isAnchor(*F);
  });
}

} // namespace

void w2n::prepareLoadAnchors(llvm::Module &M) {
  SmallVector<llvm::Function *, 8> Scalars;
  for (llvm::Function &F : M)
    if (isAnchor(F) && F.arg_size() == 1 && !F.getArg(0)->getType()->isVectorTy())
      Scalars.push_back(&F);
    else if (isAnchor(F))
      setAnchorAttributes(F);
  SmallVector<GlobalValue *, 32> Variants;
  for (llvm::Function *F : Scalars) {
    setAnchorAttributes(*F);
    Type *Ty = F->getArg(0)->getType();
    unsigned Bits = Ty->getPrimitiveSizeInBits();
    // Every power-of-two width up to 64 lanes and 2048 bits: at least every vectorization factor the
    // cost model can pick on our targets (64 x i8 fills an AVX-512 register). A factor without a
    // variant is no hazard: the vectorizer then calls the scalar anchor per lane or picks another.
    std::string Mappings;
    for (unsigned VF = 2; VF <= 64 && VF * Bits <= 2048; VF *= 2) {
      std::string Name = (F->getName() + "_v" + Twine(VF)).str();
      auto *VTy = FunctionType::get(Type::getVoidTy(M.getContext()), {FixedVectorType::get(Ty, VF)}, false);
      llvm::Function *V = cast<llvm::Function>(M.getOrInsertFunction(Name, VTy).getCallee());
      setAnchorAttributes(*V);
      Variants.push_back(V);
      if (!Mappings.empty())
        Mappings += ",";
      Mappings += ("_ZGV_LLVM_N" + Twine(VF) + "v_" + F->getName() + "(" + Name + ")").str();
    }
    F->addFnAttr("vector-function-abi-variant", Mappings);
  }
  appendToCompilerUsed(M, Variants);
}

void w2n::lowerLoadAnchors(llvm::Module &M, TargetMachine &TM) {
  Triple T(M.getTargetTriple());
  SmallVector<unsigned, 2> VecPieces = vectorPieceSizes(T, TM);
  unsigned PtrBytes = M.getDataLayout().getPointerSize();
  unpinLoadAnchorVariants(M);
  SmallVector<CallInst *, 64> Keeps;
  for (llvm::Function &F : M)
    if (isAnchor(F))
      for (User *U : F.users())
        if (auto *CI = dyn_cast<CallInst>(U))
          Keeps.push_back(CI);
  for (CallInst *CI : Keeps) {
    IRBuilder<> B(CI);
    Value *V = CI->getArgOperand(0);
    if (V->getType()->isVectorTy())
      anchorVector(B, V, T, VecPieces, PtrBytes);
    else
      anchorScalar(B, V, T, !VecPieces.empty());
    CI->eraseFromParent();
  }
  for (llvm::Function &F : make_early_inc_range(M)) {
    if (!isAnchor(F))
      continue;
    F.removeDeadConstantUsers(); // the old llvm.compiler.used array
    if (F.use_empty())
      F.eraseFromParent();
  }
}
