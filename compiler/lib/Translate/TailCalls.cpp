//===- TailCalls.cpp - Tail calls that pass their arguments in memory ------===//
//
// LLVM 19 guarantees a `musttail` call between functions of different prototypes only with tailcc,
// which its ARM and RISC-V backends reject; with the C convention it makes one only as a sibling
// call (equal prototypes, every argument and the result in registers). On every target, several
// results that do not fit the return registers come back through memory, which also rules it out.
// Such a tail call (tailCallNeedsArea) is made here between functions of one canonical prototype
// instead (docs/tail-calls.md):
//
//   R f.tail(ptr instance, ptr area)        R: the result, or void when the results go in the area
//
// The area holds the callee's parameters (a struct of them) on entry and, for void R, the results
// on return. A tail call stores its callee's arguments in its own area and musttail-calls the
// callee's .tail body with the same area: equal prototypes with two register arguments, which every
// backend makes a jump. f itself keeps its wasm prototype (every ordinary call, funcref descriptor,
// export and host entry uses it) as a wrapper that allocates an area on its stack, stores its
// arguments there and calls f.tail. The area lives in the frame of the wrapper that began the chain
// of tail calls, so it is per thread and per activation (a host call back into wasm gets its own),
// and it is sized for the largest parameter or result list of every .tail body of the module.
//
// Which functions get a .tail body (planTailBodies) is closed under tail calls: the caller and the
// callee of a tail call that needs the area, the callee of any tail call from a .tail body and the
// caller of any tail call to one, and for return_call_indirect / return_call_ref of prototype P
// (when any function of P has a .tail body or such a call needs the area) every defined function of
// P and every function making such a call. A function outside the set keeps its one body and its
// register tail calls, so a module without such tail calls is translated exactly as before.
//
// An indirect tail call from a .tail body finds the callee's .tail body from its descriptor: a
// descriptor in this instance's array of descriptors (FuncRefsField) is the defined function at the
// same index, whose .tail body a constant table holds. Any other descriptor (an import, another
// instance's function, a host function) is reached through a thunk of the .tail prototype that
// calls its code the ordinary way: one frame per such crossing.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"

using namespace w2n;
using namespace llvm;

bool ModuleContext::resultInRegisters(Type *Ret) const {
  if (tailCallsAnyType()) {
    // tailcc returns up to 3 integer and 4 float/vector values in registers on x86-64, 8 and 8 on
    // AArch64; beyond that an implicit sret pointer rules the tail call out.
    auto *ST = dyn_cast<StructType>(Ret);
    if (!ST)
      return true;
    unsigned Ints = 0, FPs = 0;
    for (Type *T : ST->elements())
      (T->isFloatingPointTy() || T->isVectorTy() ? FPs : Ints) += 1;
    return Triple.getArch() == llvm::Triple::x86_64 ? Ints <= 3 && FPs <= 4 : Ints <= 8 && FPs <= 8;
  }
  // C convention (armv7, riscv64): one result, and on RISC-V not a vector (LP64D returns those
  // through memory).
  return !Ret->isStructTy() && (Triple.isARM() || !Ret->isVectorTy());
}

bool ModuleContext::tailCallNeedsArea(FunctionType *Caller, FunctionType *Callee) const {
  if (tailCallsAnyType())
    return !resultInRegisters(Callee->getReturnType());
  return !(Caller == Callee && tailCallInRegisters(Callee));
}

StructType *ModuleContext::tailArgsType(FunctionType *Ty) const {
  return StructType::get(C, Ty->params().drop_front()); // without the instance
}

StructType *ModuleContext::tailResultsType(FunctionType *Ty) const {
  Type *Ret = Ty->getReturnType();
  if (auto *ST = dyn_cast<StructType>(Ret))
    return ST;
  return StructType::get(C, Ret->isVoidTy() ? ArrayRef<Type *>() : ArrayRef<Type *>(Ret));
}

void w2n::planTailBodies(ModuleContext &MC) {
  const Module &WM = MC.WM;
  size_t N = WM.Functions.size();
  MC.TailFuncs.assign(N, nullptr);
  // The tail calls of each defined function: direct callees, and prototypes of indirect ones.
  struct Site {
    bool Indirect;
    uint32_t Index; // function index (direct) or type index
  };
  std::vector<std::vector<Site>> Sites(N);
  bool Any = false;
  for (uint32_t F = 0; F < N; ++F) {
    if (WM.Functions[F].Imported)
      continue;
    InstrReader R(WM, WM.Functions[F]);
    Instr I;
    while (!R.atEnd()) {
      if (Error E = R.next(I)) { // the translator reports it
        consumeError(std::move(E));
        break;
      }
      if (I.Opcode == Op::ReturnCall)
        Sites[F].push_back({false, I.Index}), Any = true;
      else if (I.Opcode == Op::ReturnCallIndirect || I.Opcode == Op::ReturnCallRef)
        Sites[F].push_back({true, I.Index}), Any = true;
    }
  }
  if (!Any)
    return;

  auto FnTy = [&](uint32_t F) { return MC.FuncTypes[WM.Functions[F].TypeIndex]; };
  std::vector<bool> Tail(N, false);
  DenseMap<FunctionType *, bool> TailProto; // prototypes of indirect tail calls, and whether through the area
  for (uint32_t F = 0; F < N; ++F)
    for (const Site &S : Sites[F]) {
      FunctionType *Callee = S.Indirect ? MC.FuncTypes[S.Index] : FnTy(S.Index);
      bool Needs = MC.tailCallNeedsArea(FnTy(F), Callee);
      if (Needs)
        Tail[F] = true;
      if (S.Indirect)
        TailProto[Callee] |= Needs;
      else if (Needs)
        Tail[S.Index] = true;
    }
  // The closure (see the top of the file), to a fixed point.
  for (bool Changed = true; Changed;) {
    Changed = false;
    auto Mark = [&](uint32_t F) {
      if (!Tail[F])
        Tail[F] = Changed = true;
    };
    for (uint32_t F = 0; F < N; ++F)
      if (Tail[F] && TailProto.count(FnTy(F)) && !TailProto[FnTy(F)])
        TailProto[FnTy(F)] = Changed = true;
    for (uint32_t F = 0; F < N; ++F)
      for (const Site &S : Sites[F]) {
        if (S.Indirect) {
          FunctionType *P = MC.FuncTypes[S.Index];
          if (Tail[F] && !TailProto[P])
            TailProto[P] = Changed = true;
          if (TailProto[P])
            Mark(F);
        } else if (Tail[F] || Tail[S.Index]) {
          Mark(F);
          Mark(S.Index);
        }
      }
    for (uint32_t F = 0; F < N; ++F)
      if (!WM.Functions[F].Imported && TailProto.lookup(FnTy(F)))
        Mark(F);
  }

  Type *Ptr = PointerType::get(MC.C, 0);
  const DataLayout &DL = MC.LM.getDataLayout();
  uint64_t Size = 0;
  for (uint32_t F = 0; F < N; ++F) {
    if (!Tail[F])
      continue;
    FunctionType *Ty = FnTy(F);
    bool ResultsInArea = !MC.resultInRegisters(Ty->getReturnType());
    Size = std::max<uint64_t>(Size, DL.getTypeAllocSize(MC.tailArgsType(Ty)));
    if (ResultsInArea)
      Size = std::max<uint64_t>(Size, DL.getTypeAllocSize(MC.tailResultsType(Ty)));
    auto *TailTy = FunctionType::get(ResultsInArea ? Type::getVoidTy(MC.C) : Ty->getReturnType(), {Ptr, Ptr}, false);
    // Linkage as the wasm function's (ModuleTranslator::createFunctions), but a hidden global symbol
    // in every partition: the table of .tail bodies (tailEntryTable) may name it anywhere.
    llvm::Function *W = MC.Funcs[F];
    ModulePart::Use Use = MC.Part ? MC.Part->Functions[F] : ModulePart::Defined;
    llvm::Function *T = llvm::Function::Create(
        TailTy,
        !MC.Part                      ? GlobalValue::InternalLinkage
        : Use == ModulePart::Imported ? GlobalValue::AvailableExternallyLinkage
                                      : GlobalValue::ExternalLinkage,
        W->getName() + ".tail", MC.LM);
    if (MC.Part)
      T->setVisibility(GlobalValue::HiddenVisibility);
    T->setSection(W->getSection());
    T->setCallingConv(MC.WasmCC);
    T->addFnAttrs(AttrBuilder(MC.C, W->getAttributes().getFnAttrs())); // disable-tail-calls: the
                                                                       // translator removes it if the body tail-calls
    if (Use != ModulePart::Declared)
      MC.setDisplayName(T, MC.functionDisplayName(F));
    MC.TailFuncs[F] = T;
  }
  // An indirect tail call of P through the area may also leave the callee's code pointer after the
  // arguments, for the ordinary-call thunk (tailCallThunk).
  for (auto &KV : TailProto)
    if (KV.second)
      Size = std::max<uint64_t>(Size, MC.tailCodeSlot(KV.first) + DL.getPointerSize());
  MC.TailAreaSize = Size ? Size : 1;
}

void w2n::emitTailWrapper(ModuleContext &MC, uint32_t FuncIndex) {
  // f(instance, args...): the arguments into a new area, then f.tail; the results from the area
  // when f.tail leaves them there. Not a tail call (the area is in this frame).
  llvm::Function *F = MC.Funcs[FuncIndex], *T = MC.TailFuncs[FuncIndex];
  IRBuilder<> B(BasicBlock::Create(MC.C, "entry", F));
  AllocaInst *Area = B.CreateAlloca(ArrayType::get(B.getInt8Ty(), MC.TailAreaSize), nullptr, "tail.area");
  Area->setAlignment(Align(16));
  StructType *ArgsTy = MC.tailArgsType(F->getFunctionType());
  for (unsigned K = 1; K < F->arg_size(); ++K)
    MC.tagRuntime(B.CreateStore(F->getArg(K), B.CreateStructGEP(ArgsTy, Area, K - 1)));
  CallInst *Call = MC.wasmCall(B.CreateCall(T, {F->getArg(0), Area}));
  Call->setTailCallKind(CallInst::TCK_NoTail);
  Type *Ret = F->getReturnType();
  if (Ret->isVoidTy())
    B.CreateRetVoid();
  else if (!T->getReturnType()->isVoidTy())
    B.CreateRet(Call);
  else
    B.CreateRet(MC.loadTailResults(B, Area, F->getFunctionType()));
}

Value *ModuleContext::loadTailResults(IRBuilder<> &B, Value *Area, FunctionType *Ty) {
  StructType *RTy = tailResultsType(Ty);
  Value *Agg = PoisonValue::get(Ty->getReturnType());
  for (unsigned K = 0; K < RTy->getNumElements(); ++K) {
    auto *L = B.CreateLoad(RTy->getElementType(K), B.CreateStructGEP(RTy, Area, K));
    tagRuntime(L);
    Agg = B.CreateInsertValue(Agg, L, K);
  }
  return Agg;
}

void ModuleContext::storeTailResults(IRBuilder<> &B, Value *Area, FunctionType *Ty, ArrayRef<Value *> Results) {
  StructType *RTy = tailResultsType(Ty);
  for (unsigned K = 0; K < Results.size(); ++K)
    tagRuntime(B.CreateStore(Results[K], B.CreateStructGEP(RTy, Area, K)));
}

uint64_t ModuleContext::tailCodeSlot(FunctionType *Ty) const {
  const DataLayout &DL = LM.getDataLayout();
  return alignTo(DL.getTypeAllocSize(tailArgsType(Ty)), DL.getPointerABIAlignment(0));
}

llvm::Function *ModuleContext::tailCallThunk(FunctionType *Ty, FunctionType *TailTy) {
  // R thunk(instance, area): calls the code pointer in the area's code slot, the ordinary way, with
  // the arguments in the area, and returns its results as a .tail body does. An indirect tail call
  // whose callee has no .tail body here tail-calls it, so that the .tail body itself makes no
  // ordinary call (and needs no frame of its own on the fast path).
  llvm::Function *&T = TailCallThunks[Ty];
  if (T)
    return T;
  T = llvm::Function::Create(TailTy, GlobalValue::InternalLinkage, "w2n.tail.call", LM);
  T->setCallingConv(WasmCC);
  T->addFnAttr(Attribute::NoUnwind);
  T->addFnAttr("disable-tail-calls", "true");
  T->setSection(Funcs.empty() ? "" : Funcs[0]->getSection());
  IRBuilder<> B(BasicBlock::Create(C, "entry", T));
  Value *Area = T->getArg(1);
  StructType *ArgsTy = tailArgsType(Ty);
  std::vector<Value *> Args{T->getArg(0)};
  for (unsigned K = 0; K < ArgsTy->getNumElements(); ++K) {
    auto *L = B.CreateLoad(ArgsTy->getElementType(K), B.CreateStructGEP(ArgsTy, Area, K));
    tagRuntime(L);
    Args.push_back(L);
  }
  auto *Code = B.CreateLoad(B.getPtrTy(), B.CreateConstGEP1_64(B.getInt8Ty(), Area, tailCodeSlot(Ty)));
  tagRuntime(Code);
  CallInst *Call = wasmCall(B.CreateCall(Ty, Code, Args));
  Call->setTailCallKind(CallInst::TCK_NoTail);
  if (TailTy->getReturnType()->isVoidTy() && !Ty->getReturnType()->isVoidTy()) {
    std::vector<Value *> Rs;
    if (auto *ST = dyn_cast<StructType>(Call->getType()))
      for (unsigned K = 0; K < ST->getNumElements(); ++K)
        Rs.push_back(B.CreateExtractValue(Call, K));
    else
      Rs.push_back(Call);
    storeTailResults(B, Area, Ty, Rs);
    B.CreateRetVoid();
  } else if (Call->getType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
  return T;
}

void ModuleContext::tagRuntime(Instruction *I) const { I->setMetadata(LLVMContext::MD_tbaa, TBAARuntime); }

void w2n::emitOrdinaryTailBody(ModuleContext &MC, uint32_t FuncIndex) {
  // An imported function's .tail body: the arguments from the area, an ordinary call of the import's
  // thunk or binding (host code, which does not continue a chain of tail calls), its results back.
  llvm::Function *F = MC.Funcs[FuncIndex], *T = MC.TailFuncs[FuncIndex];
  IRBuilder<> B(BasicBlock::Create(MC.C, "entry", T));
  Value *Area = T->getArg(1);
  StructType *ArgsTy = MC.tailArgsType(F->getFunctionType());
  std::vector<Value *> Args{T->getArg(0)};
  for (unsigned K = 0; K < ArgsTy->getNumElements(); ++K) {
    auto *L = B.CreateLoad(ArgsTy->getElementType(K), B.CreateStructGEP(ArgsTy, Area, K));
    MC.tagRuntime(L);
    Args.push_back(L);
  }
  CallInst *Call = MC.wasmCall(B.CreateCall(F, Args));
  Call->setTailCallKind(CallInst::TCK_NoTail);
  if (T->getReturnType()->isVoidTy()) {
    std::vector<Value *> Rs;
    if (auto *ST = dyn_cast<StructType>(Call->getType()))
      for (unsigned K = 0; K < ST->getNumElements(); ++K)
        Rs.push_back(B.CreateExtractValue(Call, K));
    else if (!Call->getType()->isVoidTy())
      Rs.push_back(Call);
    MC.storeTailResults(B, Area, F->getFunctionType(), Rs);
    B.CreateRetVoid();
  } else
    B.CreateRet(Call);
}

Constant *ModuleContext::tailEntryTable() {
  // One private copy per partition: the .tail body of each defined function that has one, else null,
  // in rows the size of a w2n_funcref (its code pointer, then padding), so that a descriptor's byte
  // offset in the instance's array is its row's offset here (no division).
  if (TailEntryTable)
    return TailEntryTable;
  Type *Ptr = PointerType::get(C, 0);
  const DataLayout &DL = LM.getDataLayout();
  uint64_t Pad = DL.getTypeAllocSize(RT.FuncRefTy) - DL.getPointerSize();
  auto *RowTy = StructType::get(C, {Ptr, ArrayType::get(Type::getInt8Ty(C), Pad)});
  std::vector<Constant *> Entries;
  for (uint32_t F = 0; F < WM.Functions.size(); ++F) {
    Constant *Tail = TailFuncs[F] && !WM.Functions[F].Imported ? static_cast<Constant *>(TailFuncs[F])
                                                                : ConstantPointerNull::get(PointerType::get(C, 0));
    Entries.push_back(ConstantStruct::get(RowTy, {Tail, ConstantAggregateZero::get(RowTy->getElementType(1))}));
  }
  auto *Ty = ArrayType::get(RowTy, Entries.size());
  TailEntryTable = new GlobalVariable(LM, Ty, /*isConstant=*/true, GlobalValue::PrivateLinkage,
                                      ConstantArray::get(Ty, Entries), "w2n.tail.entries");
  return TailEntryTable;
}

void FunctionTranslator::returnFromTailBody(CallInst *Call) {
  // Call, a .tail body's prototype (another .tail body or the ordinary-call thunk), is the last thing
  // this .tail body does: a guaranteed tail call, whose results are this body's (the same area, or
  // registers).
  Call->setTailCallKind(CallInst::TCK_MustTail);
  {
    // A tail call leaves every try body of this function: unlink before the call.
    IRBuilder<>::InsertPointGuard G(B);
    B.SetInsertPoint(Call);
    leaveTries(Ctrls.size() - 1);
  }
  if (Call->getType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
}

void FunctionTranslator::storeTailArgs(FunctionType *CalleeTy, const std::vector<Value *> &Args) {
  StructType *ArgsTy = MC.tailArgsType(CalleeTy);
  for (unsigned K = 0; K < Args.size(); ++K)
    tagRuntime(B.CreateStore(Args[K], B.CreateStructGEP(ArgsTy, Area, K)));
}

void FunctionTranslator::emitDirectAreaTailCall(uint32_t Callee, const std::vector<Value *> &Args) {
  storeTailArgs(MC.Funcs[Callee]->getFunctionType(), Args);
  returnFromTailBody(MC.wasmCall(B.CreateCall(MC.TailFuncs[Callee], {Instance, Area})));
  markUnreachable();
}

void FunctionTranslator::emitIndirectAreaTailCall(uint32_t TypeIndex, Value *Ref, Value *Code,
                                                  Value *CalleeInstance, const std::vector<Value *> &Args) {
  // Ref is in this instance's array of descriptors exactly when its offset from the array's start is
  // below the array's size; at the same offset in the table is the .tail body of the defined function
  // it describes (null for imports). A callee without one is tail-called through the ordinary-call thunk,
  // with its code pointer in the area's code slot.
  const DataLayout &DL = MC.LM.getDataLayout();
  Type *IntPtr = DL.getIntPtrType(MC.C);
  size_t N = MC.WM.Functions.size();
  uint64_t DescSize = DL.getTypeAllocSize(MC.RT.FuncRefTy);
  Value *Off = B.CreateSub(B.CreatePtrToInt(Ref, IntPtr), B.CreatePtrToInt(instanceField(MC.FuncRefsField), IntPtr));
  Value *InRange = B.CreateICmpULT(Off, ConstantInt::get(IntPtr, N * DescSize));
  BasicBlock *LookupBB = newBlock("tail.lookup"), *TailBB = newBlock("tail.area"), *OrdBB = newBlock("tail.other");
  MDBuilder MDB(MC.C);
  B.CreateCondBr(InRange, LookupBB, OrdBB, MDB.createLikelyBranchWeights());
  B.SetInsertPoint(LookupBB);
  auto *Target = B.CreateLoad(B.getPtrTy(), B.CreateGEP(B.getInt8Ty(), MC.tailEntryTable(), Off), "tail.entry");
  Target->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
  B.CreateCondBr(B.CreateIsNotNull(Target), TailBB, OrdBB, MDB.createLikelyBranchWeights());
  FunctionType *Ty = MC.FuncTypes[TypeIndex];
  B.SetInsertPoint(TailBB);
  storeTailArgs(Ty, Args);
  returnFromTailBody(MC.wasmCall(B.CreateCall(Fn->getFunctionType(), Target, {CalleeInstance, Area})));
  B.SetInsertPoint(OrdBB);
  storeTailArgs(Ty, Args);
  tagRuntime(B.CreateStore(Code, B.CreateConstGEP1_64(B.getInt8Ty(), Area, MC.tailCodeSlot(Ty))));
  returnFromTailBody(MC.wasmCall(B.CreateCall(MC.tailCallThunk(Ty, Fn->getFunctionType()), {CalleeInstance, Area})));
  markUnreachable();
}
