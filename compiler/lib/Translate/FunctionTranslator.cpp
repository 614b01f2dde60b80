//===- FunctionTranslator.cpp - Control flow, variables, calls ------------===//
//
// The main loop and the instructions that shape control flow. Each wasm block gets an End block whose
// PHI nodes receive the block's results from every branch to it; a loop gets a Header block whose PHI
// nodes receive its parameters. Locals live in allocas that mem2reg turns into SSA values.
//
// Functions that call anything check the stack pointer against w2n_stack_limit on entry, so unbounded
// recursion traps with "call stack exhausted" before it can overflow the stack the runtime set up.
//
// return_call* are `musttail` calls followed by `ret` (docs/tail-calls.md): with tailcc (x86-64,
// AArch64) LLVM guarantees them between any prototypes, with the C convention (armv7, riscv64) only
// between equal prototypes passed in registers. A tail call LLVM cannot make between the wasm
// prototypes goes between .tail bodies, whose parameters are in an argument area (TailCalls.cpp):
// such a function is translated into its .tail body and gets a wrapper of its wasm prototype.
//
// Exception handling is TranslateExceptions.cpp; the hooks here unlink try blocks' handler frames on
// every way out of a try body (end, br, br_if, br_table, return, tail calls).
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Intrinsics.h"

using namespace w2n;
using namespace llvm;

FunctionTranslator::FunctionTranslator(ModuleContext &MC, uint32_t FuncIndex)
    : MC(MC), B(MC.C), WF(MC.WM.Functions[FuncIndex]), FT(MC.WM.funcType(FuncIndex)),
      Fn(MC.TailFuncs.empty() || !MC.TailFuncs[FuncIndex] ? MC.Funcs[FuncIndex] : MC.TailFuncs[FuncIndex]),
      TailBody(Fn != MC.Funcs[FuncIndex]) {}

BasicBlock *FunctionTranslator::newBlock(const char *Name) {
  return BasicBlock::Create(MC.C, Name, Fn);
}

void FunctionTranslator::tagRuntime(Instruction *I) {
  I->setMetadata(LLVMContext::MD_tbaa, MC.TBAARuntime);
}

Value *FunctionTranslator::instanceField(unsigned Field) {
  return B.CreateStructGEP(MC.InstanceTy, Instance, Field);
}

Value *FunctionTranslator::memoryDescriptor(uint32_t Mem) {
  if (Mem == 0)
    return MemoryDesc;
  auto *L = B.CreateLoad(B.getPtrTy(), instanceField(MC.MemoryFields[Mem]), "memory");
  tagRuntime(L);
  L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
  return L;
}

Value *FunctionTranslator::tableDescriptor(uint32_t T) {
  auto *L = B.CreateLoad(B.getPtrTy(), instanceField(MC.TableFields[T]), "table");
  tagRuntime(L);
  L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
  return L;
}

void FunctionTranslator::trapIf(Value *Cond, TrapKind Kind) {
  BasicBlock *&TrapBB = TrapBlocks[Kind];
  if (!TrapBB) {
    TrapBB = newBlock("trap");
    IRBuilder<> TB(TrapBB);
    TB.CreateCall(MC.RT.Trap, {TB.getInt32(uint32_t(Kind)), MC.trapFunctionName(Fn)});
    TB.CreateUnreachable();
  }
  BasicBlock *Cont = newBlock("cont");
  MDBuilder MDB(MC.C);
  B.CreateCondBr(Cond, TrapBB, Cont, MDB.createUnlikelyBranchWeights());
  B.SetInsertPoint(Cont);
}

void FunctionTranslator::trapNow(TrapKind Kind) {
  trapIf(B.getTrue(), Kind);
  // The continuation is unreachable; the caller marks the frame so.
}

Error FunctionTranslator::scanBody(bool &Calls, bool &TailCalls) {
  // Any call may recurse; memory.grow and the table helpers are runtime calls of bounded depth.
  // A tail call counts as a call: its callee may be a host function, which runs on this stack.
  Calls = TailCalls = false;
  InstrReader R(MC.WM, WF);
  Instr I;
  bool HasTry = false;
  while (!R.atEnd()) {
    if (Error E = R.next(I)) {
      consumeError(std::move(E));
      Calls = true;
      return Error::success();
    }
    if (I.Opcode == Op::Call || I.Opcode == Op::CallIndirect || I.Opcode == Op::CallRef)
      Calls = true;
    if (I.Opcode == Op::Try || I.Opcode == Op::TryTable)
      HasTry = true;
    if (I.Opcode == Op::ReturnCall || I.Opcode == Op::ReturnCallIndirect || I.Opcode == Op::ReturnCallRef) {
      Calls = TailCalls = true;
    }
  }
  // Exception handling: which locals a handler may read after a write in a try body.
  LocalsWrittenInTry.assign(FT.Params.size() + WF.Locals.size(), false);
  if (HasTry)
    findLocalsLiveIntoHandlers();
  return Error::success();
}

bool ModuleContext::tailCallInRegisters(FunctionType *Ty) const {
  // LLVM 19's ARM and RISC-V backends make a musttail call only as a sibling call: the arguments
  // must not need the stack (ARM also accepts stack arguments already in place, which is not
  // predictable here) and the result must come back in registers. Counted conservatively:
  // AAPCS-VFP gives r0-r3 (an i64 takes an even pair) and s0-s15 (a double an even pair, a
  // vector an aligned quad), LP64D a0-a7 and fa0-fa7; several results (a struct) never count.
  bool Arm = Triple.isARM();
  unsigned GPR = 0, FPR = 0;
  for (Type *P : Ty->params()) {
    if (P->isVectorTy()) {
      if (!Arm)
        return false;
      FPR = alignTo(FPR, 4) + 4;
    } else if (P->isFloatTy())
      FPR += 1;
    else if (P->isDoubleTy())
      FPR = Arm ? alignTo(FPR, 2) + 2 : FPR + 1;
    else if (P->isIntegerTy(64) && Arm)
      GPR = alignTo(GPR, 2) + 2;
    else
      GPR += 1;
  }
  Type *Ret = Ty->getReturnType();
  if (Ret->isStructTy() || (!Arm && Ret->isVectorTy()))
    return false;
  return GPR <= (Arm ? 4u : 8u) && FPR <= (Arm ? 16u : 8u);
}

Error FunctionTranslator::translate() {
  EntryBB = newBlock("entry");
  B.SetInsertPoint(EntryBB);
  auto ArgIt = Fn->arg_begin();
  Instance = &*ArgIt++;
  Instance->setName("instance");
  if (TailBody) {
    Area = &*ArgIt++;
    Area->setName("area");
  }

  // Locals: parameters first, then declared locals, all zero-initialised.
  std::vector<ValType> LocalTypes = FT.Params;
  LocalTypes.insert(LocalTypes.end(), WF.Locals.begin(), WF.Locals.end());
  for (size_t I = 0; I < LocalTypes.size(); ++I) {
    Type *Ty = MC.type(LocalTypes[I]);
    AllocaInst *A = B.CreateAlloca(Ty, nullptr, "local" + Twine(I));
    Locals.push_back(A);
  }
  StructType *AreaTy = TailBody ? MC.tailArgsType(MC.FuncTypes[WF.TypeIndex]) : nullptr;
  for (size_t I = 0; I < LocalTypes.size(); ++I) {
    Value *Init;
    if (I >= FT.Params.size())
      Init = Constant::getNullValue(MC.type(LocalTypes[I]));
    else if (TailBody) {
      auto *L = B.CreateLoad(AreaTy->getElementType(I), B.CreateStructGEP(AreaTy, Area, I));
      tagRuntime(L);
      Init = L;
    } else
      Init = &*ArgIt++;
    B.CreateStore(Init, Locals[I]);
  }

  if (!MC.WM.Memories.empty()) {
    auto *L = B.CreateLoad(B.getPtrTy(), instanceField(MC.MemoryField), "memory");
    tagRuntime(L);
    L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
    MemoryDesc = L;
  }

  bool Calls;
  if (Error E = scanBody(Calls, HasTailCalls))
    return E;
  if (HasTailCalls) // musttail calls need it gone; the other calls are marked notail instead
    Fn->removeFnAttr("disable-tail-calls");
  // A local that a handler path may read after a write in a try body must be in memory when an
  // exception arrives: an opaque use of its address keeps mem2reg from promoting it
  // (findLocalsLiveIntoHandlers, docs/exceptions.md).
  for (size_t K = 0; K < Locals.size(); ++K)
    if (LocalsWrittenInTry[K]) {
      auto *Escape = InlineAsm::get(FunctionType::get(B.getVoidTy(), {B.getPtrTy()}, false), "", "r",
                                    /*hasSideEffects=*/true);
      B.CreateCall(Escape, {Locals[K]});
    }
  if (Calls) {
    Value *SP = B.CreateIntrinsic(Intrinsic::stacksave, {B.getPtrTy()}, {});
    if (MC.Threaded) {
      // Every wasm stack is a W2N_STACK_SIZE-aligned region (w2n_abi.h): the limit of this thread's
      // is a fixed offset above the region's base (W2N_STACK_GUARD + W2N_STACK_HEADROOM), found from
      // the stack pointer itself.
      Type *IntPtr = MC.LM.getDataLayout().getIntPtrType(MC.C);
      Value *InRegion = B.CreateAnd(B.CreatePtrToInt(SP, IntPtr), ConstantInt::get(IntPtr, RuntimeABI::StackSize - 1));
      trapIf(B.CreateICmpULT(InRegion, ConstantInt::get(IntPtr, RuntimeABI::StackGuard + RuntimeABI::StackHeadroom)),
             TrapKind::StackExhausted);
    } else {
      auto *Limit = B.CreateLoad(B.getPtrTy(), MC.RT.StackLimit, "stack.limit");
      tagRuntime(Limit);
      trapIf(B.CreateICmpULT(SP, Limit), TrapKind::StackExhausted);
    }
  }

  CtrlFrame Body;
  Body.Opcode = Op::Block;
  Body.Results = FT.Results;
  Body.End = newBlock("return");
  Body.Height = 0;
  Ctrls.push_back(Body);
  {
    IRBuilder<>::InsertPointGuard G(B);
    B.SetInsertPoint(Ctrls.back().End);
    Ctrls.back().EndPhis = makePhis(Ctrls.back().End, FT.Results);
  }
  if (Error E = translateBody())
    return E;
  return Error::success();
}

std::vector<PHINode *> FunctionTranslator::makePhis(BasicBlock *BB, const std::vector<ValType> &Ts) {
  IRBuilder<> PB(BB, BB->begin());
  std::vector<PHINode *> Phis;
  for (ValType T : Ts)
    Phis.push_back(PB.CreatePHI(MC.type(T), 2));
  return Phis;
}

std::vector<Value *> FunctionTranslator::popN(size_t N) {
  std::vector<Value *> Vs(Stack.end() - N, Stack.end());
  Stack.resize(Stack.size() - N);
  return Vs;
}

void FunctionTranslator::addIncoming(CtrlFrame &Target) {
  bool ToHeader = Target.Opcode == Op::Loop;
  auto &Phis = ToHeader ? Target.HeaderPhis : Target.EndPhis;
  BasicBlock *From = B.GetInsertBlock();
  for (size_t I = 0; I < Phis.size(); ++I)
    Phis[I]->addIncoming(Stack[Stack.size() - Phis.size() + I], From);
}

void FunctionTranslator::fallThrough(CtrlFrame &F) {
  BasicBlock *From = B.GetInsertBlock();
  for (size_t I = 0; I < F.EndPhis.size(); ++I)
    F.EndPhis[I]->addIncoming(Stack[Stack.size() - F.EndPhis.size() + I], From);
  B.CreateBr(F.End);
}

void FunctionTranslator::branchTo(CtrlFrame &Target) {
  addIncoming(Target);
  B.CreateBr(Target.Opcode == Op::Loop ? Target.Header : Target.End);
}

void FunctionTranslator::markUnreachable() {
  CtrlFrame &F = Ctrls.back();
  F.Unreachable = true;
  Stack.resize(F.Height);
}

void FunctionTranslator::blockSignature(const BlockType &BT, std::vector<ValType> &In,
                                        std::vector<ValType> &Out) {
  In.clear();
  Out.clear();
  if (BT.K == BlockType::Value)
    Out.push_back(BT.Type);
  else if (BT.K == BlockType::TypeIndex) {
    In = MC.WM.Types[BT.Index].Params;
    Out = MC.WM.Types[BT.Index].Results;
  }
}

Error FunctionTranslator::translateBody() {
  InstrReader R(MC.WM, WF);
  Instr I;
  while (!Ctrls.empty()) {
    if (Error E = R.next(I))
      return E;
    if (Ctrls.back().Unreachable) {
      // Skip dead code up to the else or end of the current frame, tracking nested blocks.
      unsigned Depth = 0;
      for (;;) {
        if (I.Opcode == Op::Block || I.Opcode == Op::Loop || I.Opcode == Op::If ||
            I.Opcode == Op::Try || I.Opcode == Op::TryTable)
          ++Depth;
        else if (I.Opcode == Op::End || I.Opcode == Op::Delegate) { // delegate ends a legacy try
          if (Depth == 0)
            break;
          --Depth;
        } else if ((I.Opcode == Op::Else || I.Opcode == Op::Catch || I.Opcode == Op::CatchAll) && Depth == 0)
          break;
        if (Error E = R.next(I))
          return E;
      }
    }
    emitInstr(I);
  }
  return Error::success();
}

void FunctionTranslator::finishEnd(CtrlFrame &F) {
  // Results reach End through its PHIs; a block nobody branches to is left unreachable.
  B.SetInsertPoint(F.End);
  std::vector<Value *> Results;
  for (PHINode *P : F.EndPhis) {
    if (P->getNumIncomingValues() == 0) {
      Results.push_back(PoisonValue::get(P->getType()));
      P->eraseFromParent();
    } else
      Results.push_back(P);
  }
  for (Value *V : Results)
    push(V);
}

void FunctionTranslator::emitControl(const Instr &I) {
  switch (I.Opcode) {
  case Op::Block:
  case Op::Loop:
  case Op::If: {
    CtrlFrame F;
    F.Opcode = I.Opcode;
    blockSignature(I.Block, F.Params, F.Results);
    Value *Cond = I.Opcode == Op::If ? pop() : nullptr;
    F.Height = Stack.size() - F.Params.size();
    F.End = newBlock(I.Opcode == Op::Loop ? "loop.end" : (I.Opcode == Op::If ? "if.end" : "block.end"));
    F.EndPhis = makePhis(F.End, F.Results);
    if (I.Opcode == Op::Loop) {
      F.Header = newBlock("loop");
      F.HeaderPhis = makePhis(F.Header, F.Params);
      Ctrls.push_back(F);
      branchTo(Ctrls.back());
      B.SetInsertPoint(Ctrls.back().Header);
      Stack.resize(Ctrls.back().Height);
      for (PHINode *P : Ctrls.back().HeaderPhis)
        push(P);
      return;
    }
    if (I.Opcode == Op::If) {
      BasicBlock *Then = newBlock("if.then");
      F.ElseBB = newBlock("if.else");
      F.IfParams.assign(Stack.end() - F.Params.size(), Stack.end());
      B.CreateCondBr(B.CreateICmpNE(Cond, i32(0)), Then, F.ElseBB);
      B.SetInsertPoint(Then);
    }
    Ctrls.push_back(F);
    return;
  }
  case Op::Else: {
    CtrlFrame &F = Ctrls.back();
    if (!F.Unreachable)
      branchTo(F);
    F.HasElse = true;
    F.Unreachable = false;
    F.Opcode = Op::Else;
    Stack.resize(F.Height);
    for (Value *V : F.IfParams)
      push(V);
    B.SetInsertPoint(F.ElseBB);
    return;
  }
  case Op::End: {
    CtrlFrame &F = Ctrls.back();
    // Falling off the end of a frame goes to its End block, even for a loop (whose branch target is
    // its header): the results flow into the End PHIs.
    if (!F.Unreachable) {
      leaveTries(0); // the end of a try body unlinks its handler frame
      fallThrough(F);
    }
    finishLegacyTry(F);
    if (F.Opcode == Op::If) {
      // No else arm: the false edge carries the params through as results.
      B.SetInsertPoint(F.ElseBB);
      Stack.resize(F.Height);
      for (Value *V : F.IfParams)
        push(V);
      branchTo(F);
    }
    CtrlFrame Done = std::move(Ctrls.back());
    Ctrls.pop_back();
    Stack.resize(Done.Height);
    if (Ctrls.empty()) {
      // The function's end: return the results.
      B.SetInsertPoint(Done.End);
      std::vector<Value *> Rs;
      bool Dead = false;
      for (PHINode *P : Done.EndPhis)
        if (P->getNumIncomingValues() == 0)
          Dead = true;
      if (Dead || pred_empty(Done.End)) {
        for (PHINode *P : Done.EndPhis)
          P->replaceAllUsesWith(PoisonValue::get(P->getType()));
        for (PHINode *P : Done.EndPhis)
          P->eraseFromParent();
        B.CreateUnreachable();
        return;
      }
      Type *RetTy = Fn->getReturnType();
      if (RetTy->isVoidTy() && !Done.EndPhis.empty()) { // a .tail body's results go to its area
        MC.storeTailResults(B, Area, MC.FuncTypes[WF.TypeIndex],
                            std::vector<Value *>(Done.EndPhis.begin(), Done.EndPhis.end()));
        B.CreateRetVoid();
      } else if (RetTy->isVoidTy())
        B.CreateRetVoid();
      else if (Done.EndPhis.size() == 1)
        B.CreateRet(Done.EndPhis[0]);
      else {
        Value *Agg = PoisonValue::get(RetTy);
        for (unsigned K = 0; K < Done.EndPhis.size(); ++K)
          Agg = B.CreateInsertValue(Agg, Done.EndPhis[K], K);
        B.CreateRet(Agg);
      }
      return;
    }
    finishEnd(Done);
    return;
  }
  case Op::Br: {
    CtrlFrame &Target = Ctrls[Ctrls.size() - 1 - I.Index];
    leaveTries(I.Index);
    branchTo(Target);
    markUnreachable();
    return;
  }
  case Op::BrIf: {
    Value *Cond = pop();
    CtrlFrame &Target = Ctrls[Ctrls.size() - 1 - I.Index];
    BasicBlock *Edge = unlinkEdge(I.Index);
    if (!Edge)
      addIncoming(Target);
    BasicBlock *Cont = newBlock("br_if.cont");
    B.CreateCondBr(B.CreateICmpNE(Cond, i32(0)),
                   Edge ? Edge : Target.Opcode == Op::Loop ? Target.Header : Target.End, Cont);
    B.SetInsertPoint(Cont);
    return;
  }
  case Op::BrOnNull:
  case Op::BrOnNonNull: {
    // br_on_null: the label gets the values below the reference, which stays on the fall-through
    // path; br_on_non_null: the label gets the reference too, and the fall-through path drops it.
    CtrlFrame &Target = Ctrls[Ctrls.size() - 1 - I.Index];
    Value *Ref = Stack.back();
    bool OnNull = I.Opcode == Op::BrOnNull;
    if (OnNull)
      Stack.pop_back();
    Value *Cond = B.CreateIsNull(Ref);
    BasicBlock *Edge = unlinkEdge(I.Index);
    if (!Edge)
      addIncoming(Target);
    BasicBlock *Cont = newBlock(OnNull ? "br_on_null.cont" : "br_on_non_null.cont");
    BasicBlock *Dest = Edge ? Edge : Target.Opcode == Op::Loop ? Target.Header : Target.End;
    B.CreateCondBr(Cond, OnNull ? Dest : Cont, OnNull ? Cont : Dest);
    B.SetInsertPoint(Cont);
    if (OnNull)
      push(Ref);
    else
      Stack.pop_back();
    return;
  }
  case Op::BrTable: {
    Value *Index = pop();
    auto Dest = [&](uint32_t Depth) -> CtrlFrame & { return Ctrls[Ctrls.size() - 1 - Depth]; };
    auto Block = [&](CtrlFrame &F) { return F.Opcode == Op::Loop ? F.Header : F.End; };
    CtrlFrame &Default = Dest(I.Targets.back());
    // A target outside a try body gets an edge block that unlinks its handler frame (unlinkEdge).
    BasicBlock *DefaultEdge = unlinkEdge(I.Targets.back());
    SwitchInst *SI = B.CreateSwitch(Index, DefaultEdge ? DefaultEdge : Block(Default), I.Targets.size() - 1);
    // One PHI entry per edge: a target named twice gets two (identical) entries, as LLVM requires.
    if (!DefaultEdge)
      addIncoming(Default);
    for (size_t K = 0; K + 1 < I.Targets.size(); ++K) {
      CtrlFrame &T = Dest(I.Targets[K]);
      BasicBlock *Edge = unlinkEdge(I.Targets[K]);
      SI->addCase(B.getInt32(uint32_t(K)), Edge ? Edge : Block(T));
      if (!Edge)
        addIncoming(T);
    }
    markUnreachable();
    return;
  }
  case Op::Return: {
    leaveTries(Ctrls.size() - 1);
    branchTo(Ctrls.front());
    markUnreachable();
    return;
  }
  case Op::Unreachable:
    trapNow(TrapKind::Unreachable);
    B.CreateUnreachable();
    markUnreachable();
    return;
  default:
    llvm_unreachable("not a control instruction");
  }
}

void FunctionTranslator::pushCallResults(Value *Call, const std::vector<ValType> &Results) {
  if (Results.size() == 1)
    push(Call);
  else
    for (unsigned K = 0; K < Results.size(); ++K)
      push(B.CreateExtractValue(Call, K));
}

void FunctionTranslator::emitCall(const Instr &I) {
  const FuncType &Callee = MC.WM.funcType(I.Index);
  std::vector<Value *> Args = popN(Callee.Params.size());
  if (I.Opcode == Op::ReturnCall && TailBody)
    return emitDirectAreaTailCall(I.Index, Args);
  Args.insert(Args.begin(), Instance);
  CallInst *Call = MC.wasmCall(B.CreateCall(MC.Funcs[I.Index], Args));
  if (I.Opcode == Op::ReturnCall) {
    emitTailReturn(Call);
    return;
  }
  if (HasTailCalls)
    Call->setTailCallKind(CallInst::TCK_NoTail);
  pushCallResults(Call, Callee.Results);
}

void FunctionTranslator::emitTailReturn(CallInst *Call) {
  // musttail, not tail: the backend must make it a tail call or fail to compile (never silently a
  // normal call); scanBody checked beforehand that it can.
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
  markUnreachable();
}

void FunctionTranslator::emitVariable(const Instr &I) {
  switch (I.Opcode) {
  case Op::LocalGet:
    push(B.CreateLoad(Locals[I.Index]->getAllocatedType(), Locals[I.Index]));
    return;
  case Op::LocalSet:
    B.CreateStore(pop(), Locals[I.Index]);
    return;
  case Op::LocalTee:
    B.CreateStore(Stack.back(), Locals[I.Index]);
    return;
  case Op::GlobalGet: {
    auto *L = B.CreateLoad(MC.type(MC.WM.Globals[I.Index].Type.Type),
                           MC.globalAddress(B, Instance, I.Index));
    tagRuntime(L);
    if (!MC.WM.Globals[I.Index].Type.Mutable)
      L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
    push(L);
    return;
  }
  case Op::GlobalSet:
    tagRuntime(B.CreateStore(pop(), MC.globalAddress(B, Instance, I.Index)));
    return;
  case Op::Drop:
    pop();
    return;
  case Op::Select:
  case Op::SelectT: {
    Value *Cond = pop();
    Value *F = pop();
    Value *T = pop();
    push(B.CreateSelect(B.CreateICmpNE(Cond, i32(0)), T, F));
    return;
  }
  default:
    llvm_unreachable("not a variable instruction");
  }
}

void FunctionTranslator::emitInstr(const Instr &I) {
  switch (I.Opcode) {
  case Op::Nop:
    return;
  case Op::Block: case Op::Loop: case Op::If: case Op::Else: case Op::End: case Op::Br:
  case Op::BrIf: case Op::BrTable: case Op::Return: case Op::Unreachable:
  case Op::BrOnNull: case Op::BrOnNonNull:
    return emitControl(I);
  case Op::Call:
  case Op::ReturnCall:
    return emitCall(I);
  case Op::LocalGet: case Op::LocalSet: case Op::LocalTee: case Op::GlobalGet:
  case Op::GlobalSet: case Op::Drop: case Op::Select: case Op::SelectT:
    return emitVariable(I);
  case Op::I32Const: push(i32(I.Imm)); return;
  case Op::I64Const: push(i64(I.Imm)); return;
  case Op::F32Const: push(B.CreateBitCast(i32(I.Imm), B.getFloatTy())); return;
  case Op::F64Const: push(B.CreateBitCast(i64(I.Imm), B.getDoubleTy())); return;
  default:
    break;
  }
  CurMemory = I.Index2; // read only by the memory accesses, whose memarg memory index it is
  if (emitNumeric(I) || emitMemory(I) || emitTable(I) || emitSIMD(I) || emitException(I) || emitAtomic(I))
    return;
  report_fatal_error(Twine("wasm2native: no translation for ") + opInfo(I.Opcode).Text);
}

Error w2n::translateFunction(ModuleContext &MC, uint32_t FuncIndex) {
  FunctionTranslator T(MC, FuncIndex);
  if (Error E = T.translate())
    return E;
  if (!MC.TailFuncs.empty() && MC.TailFuncs[FuncIndex])
    emitTailWrapper(MC, FuncIndex);
  return Error::success();
}
