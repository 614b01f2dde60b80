//===- TranslateMemory.cpp - Linear memory: addressing, bounds, bulk ops --===//
//
// SECURITY-CRITICAL: every access to linear memory is computed by linearAddress below; it is what keeps
// a module inside its sandbox. Review changes twice.
//
// Bounds policies, per memory (ModuleContext::guardPages):
//  - guard (--bounds-checks=guard, 32-bit memories): on 64-bit hosts the runtime reserves 8 GiB + a
//    guard region per memory, so base + zext(addr) + offset (at most 2^33 - 2 plus the access size)
//    always lands in the reservation and pages beyond the current size fault; the runtime turns that
//    fault into the trap. LLVM is free to delete a load whose value is unused, which would lose the
//    trap, so every load is anchored: its value goes to a placeholder call that no pass may delete
//    (anchorLoad; CodeGen/LoadAnchors.cpp lets it through the vectorizers, then lowers it to an empty
//    inline asm): the load stays, the asm emits nothing.
//  - explicit (--bounds-checks=explicit, and every memory64 memory, whose 64-bit index no guard
//    region can cover): compare addr + offset + size with the current size before the access. For a
//    memory64 memory addr + (offset + size) is computed with an overflow check, so an offset or an
//    index near 2^64 cannot wrap around into bounds: the trap is exact at every address.
// Bulk operations (memory.fill/copy/init) always check their whole range first, as the spec says,
// and then call llvm.memset/memmove/memcpy.
//
// Multi-memory: the memory of the instruction being translated is CurMemory (its memarg's index, set
// by emitInstr); memory 0's descriptor pointer is loaded once per function, the others' where used
// (they never change, so LLVM may reuse or hoist them).
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"

using namespace w2n;
using namespace llvm;

Value *FunctionTranslator::memorySizeBytes(uint32_t Mem) {
  auto *L = B.CreateLoad(B.getInt64Ty(), B.CreateStructGEP(MC.RT.MemoryTy, memoryDescriptor(Mem), 1),
                         "mem.size");
  tagRuntime(L);
  return L;
}

Value *FunctionTranslator::memoryBase(uint32_t Mem) {
  auto *Base = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.MemoryTy, memoryDescriptor(Mem), 0),
                            "mem.base");
  tagRuntime(Base);
  // A guarded reservation never moves, so its base is invariant for the instance's life.
  if (MC.guardPages(Mem))
    Base->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
  return Base;
}

void FunctionTranslator::checkMemoryRange(uint32_t Mem, Value *Start64, Value *Len64) {
  Value *End;
  if (MC.WM.Memories[Mem].Is64) {
    // 64-bit operands: Start + Len may wrap, which is out of bounds too.
    Value *Sum = B.CreateBinaryIntrinsic(Intrinsic::uadd_with_overflow, Start64, Len64);
    trapIf(B.CreateExtractValue(Sum, 1), TrapKind::OOBMemory);
    End = B.CreateExtractValue(Sum, 0);
  } else {
    // Both operands are zero-extended 32-bit values, so the 64-bit sum cannot wrap.
    End = B.CreateAdd(Start64, Len64);
  }
  trapIf(B.CreateICmpUGT(End, memorySizeBytes(Mem)), TrapKind::OOBMemory);
}

Value *FunctionTranslator::linearAddress(Value *Addr, uint64_t Offset, unsigned Size) {
  uint32_t Mem = CurMemory;
  Value *Addr64 = B.CreateZExt(Addr, B.getInt64Ty());
  if (!MC.guardPages(Mem)) {
    // A memory64 offset is a u64: offset + size itself may exceed 2^64 - 1, and then no address is
    // in bounds.
    if (Offset > UINT64_MAX - Size)
      trapIf(B.getTrue(), TrapKind::OOBMemory);
    else
      checkMemoryRange(Mem, Addr64, i64(Offset + Size));
  }
  Value *Effective = Offset ? B.CreateAdd(Addr64, i64(Offset)) : Addr64;
  return B.CreateGEP(B.getInt8Ty(), memoryBase(Mem), Effective, "addr");
}

void FunctionTranslator::anchorLoad(Value *Loaded) {
  // Only a guarded access needs its load to stay for the trap: an explicit check precedes the others.
  if (!MC.guardPages(CurMemory))
    return;
  // A placeholder call, one per loaded type. CodeGen's prepareLoadAnchors declares it as writing
  // memory no IR can see (so no pass deletes it or the load) with vector variants (so loops still
  // vectorize); lowerLoadAnchors replaces it after the pipeline with empty inline asm that takes the
  // value in registers (split per target register class), which the code generator cannot delete.
  Type *Ty = Loaded->getType();
  std::string Name;
  raw_string_ostream(Name) << "w2n_keep_" << *Ty;
  for (char &Ch : Name)
    if (!isalnum(static_cast<unsigned char>(Ch)))
      Ch = '_';
  FunctionCallee Keep =
      MC.LM.getOrInsertFunction(Name, FunctionType::get(B.getVoidTy(), {Ty}, false));
  B.CreateCall(Keep, {Loaded});
}

Value *FunctionTranslator::loadLinear(Type *Ty, Value *Addr, uint64_t Offset) {
  unsigned Size = MC.LM.getDataLayout().getTypeStoreSize(Ty);
  auto *L = B.CreateAlignedLoad(Ty, linearAddress(Addr, Offset, Size), Align(1));
  L->setMetadata(LLVMContext::MD_tbaa, MC.TBAALinearMemory);
  anchorLoad(L);
  return L;
}

void FunctionTranslator::storeLinear(Value *V, Value *Addr, uint64_t Offset) {
  unsigned Size = MC.LM.getDataLayout().getTypeStoreSize(V->getType());
  auto *S = B.CreateAlignedStore(V, linearAddress(Addr, Offset, Size), Align(1));
  S->setMetadata(LLVMContext::MD_tbaa, MC.TBAALinearMemory);
}

bool FunctionTranslator::emitMemory(const Instr &I) {
  const OpInfo &Info = opInfo(I.Opcode);
  if (Info.Prefix != 0xfd && Info.Kind == OpKind::Load) {
    Type *ResultTy = MC.type(Info.Result);
    Type *MemTy = Info.Result == ValType::F32 || Info.Result == ValType::F64
                      ? ResultTy
                      : B.getIntNTy(Info.Mem * 8);
    Value *Addr = pop();
    Value *V = loadLinear(MemTy, Addr, I.Imm);
    if (MemTy != ResultTy) {
      bool Signed = I.Opcode == Op::I32Load8S || I.Opcode == Op::I32Load16S ||
                    I.Opcode == Op::I64Load8S || I.Opcode == Op::I64Load16S ||
                    I.Opcode == Op::I64Load32S;
      V = Signed ? B.CreateSExt(V, ResultTy) : B.CreateZExt(V, ResultTy);
    }
    push(V);
    return true;
  }
  if (Info.Prefix != 0xfd && Info.Kind == OpKind::Store) {
    Value *V = pop();
    Value *Addr = pop();
    if (V->getType()->isIntegerTy() && V->getType()->getIntegerBitWidth() != Info.Mem * 8u)
      V = B.CreateTrunc(V, B.getIntNTy(Info.Mem * 8));
    storeLinear(V, Addr, I.Imm);
    return true;
  }

  switch (I.Opcode) {
  case Op::MemorySize: {
    Value *Pages = B.CreateLShr(memorySizeBytes(I.Index2), 16);
    push(MC.WM.Memories[I.Index2].Is64 ? Pages : B.CreateTrunc(Pages, B.getInt32Ty()));
    return true;
  }
  case Op::MemoryGrow:
    if (MC.WM.Memories[I.Index2].Is64)
      push(B.CreateCall(MC.RT.MemoryGrow64, {memoryDescriptor(I.Index2), pop()}));
    else
      push(B.CreateCall(MC.RT.MemoryGrow, {memoryDescriptor(I.Index2), pop()}));
    return true;
  case Op::MemoryFill: {
    Value *N = B.CreateZExt(pop(), B.getInt64Ty());
    Value *Val = B.CreateTrunc(pop(), B.getInt8Ty());
    Value *D = B.CreateZExt(pop(), B.getInt64Ty());
    checkMemoryRange(I.Index2, D, N);
    B.CreateMemSet(B.CreateGEP(B.getInt8Ty(), memoryBase(I.Index2), D), Val, N, MaybeAlign(1));
    return true;
  }
  case Op::MemoryCopy: { // from memory I.Index to memory I.Index2 (the same one, or another)
    Value *N = B.CreateZExt(pop(), B.getInt64Ty());
    Value *S = B.CreateZExt(pop(), B.getInt64Ty());
    Value *D = B.CreateZExt(pop(), B.getInt64Ty());
    checkMemoryRange(I.Index, S, N);
    checkMemoryRange(I.Index2, D, N);
    B.CreateMemMove(B.CreateGEP(B.getInt8Ty(), memoryBase(I.Index2), D), MaybeAlign(1),
                    B.CreateGEP(B.getInt8Ty(), memoryBase(I.Index), S), MaybeAlign(1), N);
    return true;
  }
  case Op::MemoryInit: {
    Value *N = B.CreateZExt(pop(), B.getInt64Ty());
    Value *S = B.CreateZExt(pop(), B.getInt64Ty());
    Value *D = B.CreateZExt(pop(), B.getInt64Ty());
    // A dropped segment has length 0, so only n = 0 at s = 0 succeeds, as the spec says.
    Value *LenPtr = B.CreateConstGEP2_32(
        ArrayType::get(B.getInt32Ty(), MC.WM.Datas.size()), instanceField(MC.DataLenField), 0, I.Index);
    auto *SegLen = B.CreateLoad(B.getInt32Ty(), LenPtr);
    tagRuntime(SegLen);
    trapIf(B.CreateICmpUGT(B.CreateAdd(S, N), B.CreateZExt(SegLen, B.getInt64Ty())),
           TrapKind::OOBMemory);
    checkMemoryRange(I.Index2, D, N);
    B.CreateMemCpy(B.CreateGEP(B.getInt8Ty(), memoryBase(I.Index2), D), MaybeAlign(1),
                   B.CreateGEP(B.getInt8Ty(), MC.dataSegment(I.Index), S), MaybeAlign(1), N);
    return true;
  }
  case Op::DataDrop: {
    Value *LenPtr = B.CreateConstGEP2_32(
        ArrayType::get(B.getInt32Ty(), MC.WM.Datas.size()), instanceField(MC.DataLenField), 0, I.Index);
    tagRuntime(B.CreateStore(i32(0), LenPtr));
    return true;
  }
  default:
    return false;
  }
}
