//===- TranslateAtomics.cpp - The threads proposal's 0xfe instructions -----===//
//
// Atomic loads, stores, read-modify-writes and compare-exchanges become LLVM atomic instructions with
// seq_cst ordering (the wasm memory model makes every atomic access sequentially consistent), so each
// target's backend picks the right sequence (lock-prefixed or plain mov + mfence on x86-64, LDAR/STLR
// or LSE on AArch64, LDREX/STREX loops with DMB on ARMv7, AMO/LR-SC on RISC-V). The narrow forms
// access N bits and zero-extend the old value; cmpxchg compares with the expected operand wrapped to
// N bits, as the engines do.
//
// Addressing (see docs/threads.md): the effective address addr + offset must be a multiple of the
// access size, else the access traps with "unaligned atomic" before anything else is checked (the
// reference interpreter's order); then linearAddress applies the memory's bounds policy exactly as
// for a plain access (guard pages, or an explicit check for memory64 and --bounds-checks=explicit),
// so an atomic out of bounds traps like a load. Alignment is checked on the 64-bit sum: for a memory64
// address it may wrap, which changes nothing modulo a power of two <= 8.
//
// wait and notify call the runtime (runtime-lib/src/atomics.c: futexes; the embedding runtime's
// too): w2n_atomic_wait32/64(host address, expected, timeout ns) and w2n_atomic_notify(host
// address, count). A wait on a memory that is not shared traps ("expected shared memory"); a notify
// there wakes nobody and returns 0 without a call, as no thread can wait on it.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"

using namespace w2n;
using namespace llvm;

Value *FunctionTranslator::atomicAddress(Value *Addr, uint64_t Offset, unsigned Size) {
  if (Size > 1) {
    Value *Effective = B.CreateAdd(B.CreateZExt(Addr, B.getInt64Ty()), i64(Offset));
    trapIf(B.CreateICmpNE(B.CreateAnd(Effective, i64(Size - 1)), i64(0)), TrapKind::UnalignedAtomic);
  }
  return linearAddress(Addr, Offset, Size);
}

bool FunctionTranslator::emitAtomic(const Instr &I) {
  const OpInfo &Info = opInfo(I.Opcode);
  if (Info.Prefix != 0xfe)
    return false;
  if (I.Opcode == Op::AtomicFence) {
    B.CreateFence(AtomicOrdering::SequentiallyConsistent);
    return true;
  }
  const AtomicOrdering SC = AtomicOrdering::SequentiallyConsistent;
  const unsigned Size = Info.Mem;
  IntegerType *MemTy = B.getIntNTy(Size * 8);
  Type *ResultTy = Info.Result == ValType::Bottom ? nullptr : MC.type(Info.Result);
  // Operands after the address, in order.
  Value *Operand3 = Info.P3 != ValType::Bottom ? pop() : nullptr;
  Value *Operand2 = Info.P2 != ValType::Bottom ? pop() : nullptr;
  Value *Ptr = atomicAddress(pop(), I.Imm, Size);
  const bool Shared = MC.WM.Memories[CurMemory].Shared;
  auto Narrow = [&](Value *V) { return V->getType() == MemTy ? V : B.CreateTrunc(V, MemTy); };
  auto Widen = [&](Value *V) { return V->getType() == ResultTy ? V : B.CreateZExt(V, ResultTy); };
  auto Tag = [&](Instruction *X) { X->setMetadata(LLVMContext::MD_tbaa, MC.TBAALinearMemory); };

  switch (I.Opcode) {
  case Op::MemoryAtomicNotify: {
    if (!Shared) {
      push(i32(0));
      return true;
    }
    FunctionCallee Notify = MC.LM.getOrInsertFunction(
        "w2n_atomic_notify", FunctionType::get(B.getInt32Ty(), {B.getPtrTy(), B.getInt32Ty()}, false));
    push(B.CreateCall(Notify, {Ptr, Operand2}));
    return true;
  }
  case Op::MemoryAtomicWait32:
  case Op::MemoryAtomicWait64: {
    if (!Shared) {
      trapNow(TrapKind::ExpectedShared);
      push(UndefValue::get(B.getInt32Ty())); // unreachable: the stack stays balanced
      return true;
    }
    bool Is64 = I.Opcode == Op::MemoryAtomicWait64;
    FunctionCallee Wait = MC.LM.getOrInsertFunction(
        Is64 ? "w2n_atomic_wait64" : "w2n_atomic_wait32",
        FunctionType::get(B.getInt32Ty(), {B.getPtrTy(), MemTy, B.getInt64Ty()}, false));
    push(B.CreateCall(Wait, {Ptr, Operand2, Operand3}));
    return true;
  }
  default:
    break;
  }

  uint32_t Code = Info.Code;
  if (Code <= 0x16) { // loads
    auto *L = B.CreateAlignedLoad(MemTy, Ptr, Align(Size));
    L->setAtomic(SC);
    Tag(L);
    push(Widen(L));
    return true;
  }
  if (Code <= 0x1d) { // stores
    auto *S = B.CreateAlignedStore(Narrow(Operand2), Ptr, Align(Size));
    S->setAtomic(SC);
    Tag(S);
    return true;
  }
  if (Code >= 0x48) { // cmpxchg
    auto *X = B.CreateAtomicCmpXchg(Ptr, Narrow(Operand2), Narrow(Operand3), Align(Size), SC, SC);
    Tag(X);
    push(Widen(B.CreateExtractValue(X, 0)));
    return true;
  }
  static const AtomicRMWInst::BinOp Ops[] = {AtomicRMWInst::Add, AtomicRMWInst::Sub, AtomicRMWInst::And,
                                             AtomicRMWInst::Or, AtomicRMWInst::Xor, AtomicRMWInst::Xchg};
  auto *R = B.CreateAtomicRMW(Ops[(Code - 0x1e) / 7], Ptr, Narrow(Operand2), Align(Size), SC);
  Tag(R);
  push(Widen(R));
  return true;
}
