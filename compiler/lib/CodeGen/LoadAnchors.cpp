//===- LoadAnchors.cpp - Keeps trapping loads alive through optimisation --===//
//
// SEMANTICS-CRITICAL: with guard pages, an out-of-bounds wasm load traps only if the load is executed,
// and LLVM deletes loads whose values are unused. The translator therefore follows every wasm load
// with a placeholder call `w2n_keep_<type>(value)` (see TranslateMemory.cpp). Before optimisation,
// lowerLoadAnchors replaces each with empty `asm sideeffect` that takes the value in registers: no pass
// may delete the asm, so the load must happen, and no instruction is emitted. Values too wide or too
// odd for one register are split into register-sized pieces, so no lane of a vector load can be
// narrowed away by the code generator (which would skip the faulting part of a straddling access).
//
// Cost: the asm is opaque to the loop vectorizer, which is why loops that load linear memory do not
// vectorize today (see docs/performance.md). A vectorizable anchor is future work: calls with VFABI
// vector variants are widened by the vectorizer, but InstCombine deletes unused calls that only touch
// inaccessible memory, and any stronger side effect stops vectorization again.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace {

/// The widest vector register the anchor may use on this target, in bytes (0: none).
unsigned vectorRegisterBytes(const Triple &T, const TargetMachine &TM) {
  switch (T.getArch()) {
  case Triple::x86_64: {
    StringRef Features = TM.getTargetFeatureString();
    bool AVX = Features.contains("+avx,") || Features.ends_with("+avx") || Features.contains("+avx2");
    return AVX ? 32 : 16;
  }
  case Triple::aarch64:
    return 16;
  case Triple::arm:
    return T.getSubArch() == Triple::NoSubArch ? 0 : 0; // armv7 uses explicit checks: no anchors
  default:
    return 0;
  }
}

const char *vectorConstraint(const Triple &T) { return T.getArch() == Triple::aarch64 ? "w" : "x"; }

void emitAsm(IRBuilder<> &B, Value *V, const char *Constraint) {
  auto *Ty = FunctionType::get(B.getVoidTy(), {V->getType()}, false);
  B.CreateCall(InlineAsm::get(Ty, "", Constraint, /*hasSideEffects=*/true), {V});
}

/// Anchors an integer or float scalar.
void anchorScalar(IRBuilder<> &B, Value *V, const Triple &T, unsigned VecBytes) {
  Type *Ty = V->getType();
  if (Ty->isFloatingPointTy()) {
    if (VecBytes)
      return emitAsm(B, V, vectorConstraint(T));
    if (T.getArch() == Triple::riscv64)
      return emitAsm(B, V, "f");
    V = B.CreateBitCast(V, B.getIntNTy(Ty->getPrimitiveSizeInBits()));
  }
  emitAsm(B, V, "r");
}

/// Anchors a vector of any shape: whole if it fits a vector register, else in pieces.
void anchorVector(IRBuilder<> &B, Value *V, const Triple &T, unsigned VecBytes, unsigned PtrBytes) {
  auto *VTy = cast<FixedVectorType>(V->getType());
  unsigned Bytes = VTy->getPrimitiveSizeInBits() / 8;
  if (VecBytes && (Bytes == 16 || Bytes == 8 || (Bytes == 32 && VecBytes == 32)))
    return emitAsm(B, V, vectorConstraint(T));
  if (VTy->getPrimitiveSizeInBits() % 8 != 0) { // e.g. <N x i1>: anchor each lane
    for (unsigned I = 0; I < VTy->getNumElements(); ++I)
      emitAsm(B, B.CreateZExt(B.CreateExtractElement(V, I), B.getInt8Ty()), "r");
    return;
  }
  // Split into the largest pieces a register holds: vector registers if any, else integers.
  Value *AsBytes = B.CreateBitCast(V, FixedVectorType::get(B.getInt8Ty(), Bytes));
  unsigned Piece = VecBytes ? std::min(VecBytes, 16u) : PtrBytes;
  for (unsigned Offset = 0; Offset < Bytes;) {
    unsigned N = Piece;
    while (N > Bytes - Offset)
      N /= 2;
    SmallVector<int, 16> Mask;
    for (unsigned I = 0; I < N; ++I)
      Mask.push_back(int(Offset + I));
    Value *Part = B.CreateShuffleVector(AsBytes, Mask);
    if (N >= 8 && VecBytes)
      emitAsm(B, Part, vectorConstraint(T));
    else
      emitAsm(B, B.CreateBitCast(Part, B.getIntNTy(N * 8)), "r");
    Offset += N;
  }
}

} // namespace

void w2n::lowerLoadAnchors(Module &M, TargetMachine &TM) {
  Triple T(M.getTargetTriple());
  unsigned VecBytes = vectorRegisterBytes(T, TM);
  unsigned PtrBytes = M.getDataLayout().getPointerSize();
  SmallVector<CallInst *, 64> Keeps;
  for (Function &F : M)
    if (F.getName().starts_with("w2n_keep_"))
      for (User *U : F.users())
        if (auto *CI = dyn_cast<CallInst>(U))
          Keeps.push_back(CI);
  for (CallInst *CI : Keeps) {
    IRBuilder<> B(CI);
    Value *V = CI->getArgOperand(0);
    if (V->getType()->isVectorTy())
      anchorVector(B, V, T, VecBytes, PtrBytes);
    else
      anchorScalar(B, V, T, VecBytes);
    CI->eraseFromParent();
  }
  for (Function &F : make_early_inc_range(M))
    if (F.getName().starts_with("w2n_keep_") && F.use_empty())
      F.eraseFromParent();
}
