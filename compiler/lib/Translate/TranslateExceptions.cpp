//===- TranslateExceptions.cpp - Exception handling: tags, throw, try -----===//
//
// Both forms of WebAssembly exception handling: Wasm 3.0's try_table (catch, catch_ref, catch_all,
// catch_all_ref), throw and throw_ref with exnref values, and the legacy try/catch/catch_all/
// delegate/rethrow that LLVM 19 still emits for -fwasm-exceptions. docs/exceptions.md has the design.
//
// Zero cost for calls: a try block saves the callee-saved registers, the stack pointer and a resume
// address in a handler frame on the stack (w2n_eh_setjmp, runtime-lib/arch/<arch>/eh.S, a
// returns_twice function) and links the frame at the head of the handler chain (w2n_eh_top); every
// way out of the try body (its end, a branch, return, a tail call) restores the head it found
// (CtrlFrame::SavedTop). A throw allocates the exception (its tag's address, then the payload),
// and w2n_throw unlinks the innermost frame and resumes it: w2n_eh_setjmp returns a second time,
// with 1, into the landing block, which tests the catch clauses in order and branches to the label
// of the first that matches, or rethrows to the next frame out.
//
// What LLVM must not do across the second return: SSA values defined before the try are safe (the
// landing block is a successor of the call, so they stay live in callee-saved registers, which the
// restore brings back, or in their own spill slots). Locals written inside a try body are not: their
// newest value must reach the handler, but the CFG shows no edge from the write to the landing.
// Those locals get an opaque use of their address (FunctionTranslator::translate), so they stay in
// memory, which every call (the one that throws included) sees up to date, and the landing reloads.
// Only the locals that need it (findLocalsLiveIntoHandlers): written inside a try body, and read
// somewhere outside that body or, when a loop encloses the try, anywhere.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"
#include <set>

using namespace w2n;
using namespace llvm;

void FunctionTranslator::findLocalsLiveIntoHandlers() {
  // After an exception the code that runs is a handler (a legacy catch body, or the label a
  // try_table clause names): all outside the try body, except that a loop around the try may enter
  // the body again. So a local L needs memory if some try body T writes it and L is read outside T,
  // or anywhere when a loop encloses T. Positions are instruction counts; a try body is the range
  // from its try to its first catch, catch_all, delegate or end.
  struct Frame { bool Try, Loop; int TryIndex; };
  struct TryBody { size_t Begin, End; bool InLoop; };
  std::vector<Frame> Frames;
  std::vector<TryBody> Tries;
  std::set<std::pair<uint32_t, int>> Written; // (local, try index)
  size_t NumLocals = LocalsWrittenInTry.size();
  std::vector<size_t> FirstRead(NumLocals, SIZE_MAX), LastRead(NumLocals, 0);
  std::vector<bool> Read(NumLocals, false);
  unsigned Loops = 0;
  auto EndBody = [&](Frame &F, size_t Pos) {
    if (F.Try && Tries[F.TryIndex].End == SIZE_MAX)
      Tries[F.TryIndex].End = Pos;
  };
  InstrReader R(MC.WM, WF);
  Instr I;
  for (size_t Pos = 0; !R.atEnd(); ++Pos) {
    if (Error E = R.next(I)) { // validated already; on a surprise, keep every local in memory
      consumeError(std::move(E));
      LocalsWrittenInTry.assign(NumLocals, true);
      return;
    }
    switch (I.Opcode) {
    case Op::Block: case Op::If:
      Frames.push_back({false, false, -1});
      break;
    case Op::Loop:
      Frames.push_back({false, true, -1});
      ++Loops;
      break;
    case Op::Try: case Op::TryTable:
      Tries.push_back({Pos, SIZE_MAX, Loops > 0});
      Frames.push_back({true, false, int(Tries.size() - 1)});
      break;
    case Op::Catch: case Op::CatchAll:
      if (!Frames.empty())
        EndBody(Frames.back(), Pos);
      break;
    case Op::End: case Op::Delegate:
      if (!Frames.empty()) {
        EndBody(Frames.back(), Pos);
        Loops -= Frames.back().Loop;
        Frames.pop_back();
      }
      break;
    case Op::LocalGet:
      if (I.Index < NumLocals) {
        Read[I.Index] = true;
        FirstRead[I.Index] = std::min(FirstRead[I.Index], Pos);
        LastRead[I.Index] = std::max(LastRead[I.Index], Pos);
      }
      break;
    case Op::LocalSet: case Op::LocalTee:
      if (I.Index < NumLocals)
        for (const Frame &F : Frames) // every try body still open around the write
          if (F.Try && Tries[F.TryIndex].End == SIZE_MAX)
            Written.insert({I.Index, F.TryIndex});
      break;
    default:
      break;
    }
  }
  for (auto [L, T] : Written) {
    const TryBody &Body = Tries[T];
    if (Read[L] && (Body.InLoop || FirstRead[L] < Body.Begin || LastRead[L] >= Body.End))
      LocalsWrittenInTry[L] = true;
  }
}

Value *FunctionTranslator::exitedTop(size_t Depth, bool KeepTarget) {
  // Frames at depths 0 .. Depth - 1 are left; the frame at Depth too unless the branch goes to a
  // loop's header (or delegate names it as the handler). The outermost left try body's saved head
  // is the new head.
  Value *Top = nullptr;
  for (size_t D = 0; D <= Depth && D < Ctrls.size(); ++D) {
    CtrlFrame &F = Ctrls[Ctrls.size() - 1 - D];
    if (D == Depth && (KeepTarget || F.Opcode == Op::Loop))
      break;
    if (F.SavedTop)
      Top = F.SavedTop;
  }
  return Top;
}

Value *FunctionTranslator::ehTopAddress() {
  if (MC.RT.EHTop) // embedded: a thread-local global
    return MC.RT.EHTop;
  // An executable's wasm stacks (the main one and each wasi-thread's) are W2N_STACK_SIZE regions
  // aligned to their size, whose top W2N_STACK_TOP_BLOCK bytes hold the thread's w2n_thread_block,
  // the chain's head first (w2n_abi.h): found from the stack pointer, so threads need no TLS.
  constexpr uint64_t Size = RuntimeABI::StackSize;
  Type *IntPtr = MC.LM.getDataLayout().getIntPtrType(MC.C);
  Value *SP = B.CreatePtrToInt(B.CreateIntrinsic(Intrinsic::stacksave, {B.getPtrTy()}, {}), IntPtr);
  Value *Base = B.CreateAnd(SP, ConstantInt::get(IntPtr, ~(Size - 1)));
  return B.CreateIntToPtr(B.CreateAdd(Base, ConstantInt::get(IntPtr, Size - RuntimeABI::StackTopBlock)),
                          B.getPtrTy(), "eh.top.addr");
}

void FunctionTranslator::leaveTries(size_t Depth, bool KeepTarget) {
  if (Value *Top = exitedTop(Depth, KeepTarget))
    tagRuntime(B.CreateStore(Top, ehTopAddress()));
}

BasicBlock *FunctionTranslator::unlinkEdge(uint32_t Depth) {
  if (!exitedTop(Depth))
    return nullptr;
  CtrlFrame &Target = Ctrls[Ctrls.size() - 1 - Depth];
  BasicBlock *Edge = newBlock("leave.try");
  IRBuilder<>::InsertPointGuard G(B);
  B.SetInsertPoint(Edge);
  leaveTries(Depth);
  branchTo(Target); // the PHI inputs come from Edge; the stack is unchanged
  return Edge;
}

Value *FunctionTranslator::tagAddress(uint32_t Tag) {
  auto *L = B.CreateLoad(B.getPtrTy(), instanceField(MC.TagFields[Tag]), "tag");
  tagRuntime(L);
  L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
  return L;
}

StructType *FunctionTranslator::exceptionType(uint32_t Tag) {
  std::vector<Type *> Fields{B.getPtrTy()};
  for (ValType T : MC.WM.Types[MC.WM.Tags[Tag]].Params)
    Fields.push_back(MC.type(T));
  return StructType::get(MC.C, Fields);
}

void FunctionTranslator::pushPayload(Value *Exn, uint32_t Tag) {
  StructType *Ty = exceptionType(Tag);
  for (unsigned K = 1; K < Ty->getNumElements(); ++K)
    push(B.CreateLoad(Ty->getElementType(K), B.CreateStructGEP(Ty, Exn, K)));
}

void FunctionTranslator::emitThrow(Value *Exn) {
  B.CreateCall(MC.RT.Throw, {Exn, MC.trapFunctionName(Fn)});
  B.CreateUnreachable();
}

BasicBlock *FunctionTranslator::enterTry(CtrlFrame &F, Value *&Exn) {
  AllocaInst *Frame;
  {
    IRBuilder<> AB(EntryBB, EntryBB->getFirstInsertionPt());
    Frame = AB.CreateAlloca(MC.RT.EHFrameTy, nullptr, "eh.frame");
    Frame->setAlignment(Align(16));
  }
  CallInst *Again = B.CreateCall(MC.RT.EHSetjmp, {Frame});
  Again->addFnAttr(Attribute::ReturnsTwice);
  if (HasTailCalls)
    Again->setTailCallKind(CallInst::TCK_NoTail);
  BasicBlock *Landing = newBlock("eh.landing"), *Body = newBlock("try.body");
  MDBuilder MDB(MC.C);
  B.CreateCondBr(B.CreateICmpNE(Again, i32(0)), Landing, Body, MDB.createUnlikelyBranchWeights());

  B.SetInsertPoint(Landing);
  // w2n_throw unlinked the frame already and left the exception in it.
  auto *ExnLoad = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.EHFrameTy, Frame, 2), "exn");
  tagRuntime(ExnLoad);
  Exn = ExnLoad;

  B.SetInsertPoint(Body);
  auto *Top = B.CreateLoad(B.getPtrTy(), ehTopAddress(), "eh.top");
  tagRuntime(Top);
  tagRuntime(B.CreateStore(Top, B.CreateStructGEP(MC.RT.EHFrameTy, Frame, 1)));
  tagRuntime(B.CreateStore(Frame, ehTopAddress()));
  F.SavedTop = Top;
  return Landing;
}

void FunctionTranslator::finishLegacyTry(CtrlFrame &F) {
  if (!F.Dispatch)
    return;
  // No catch clause matched (or there was none): on to the next handler out.
  B.SetInsertPoint(F.Dispatch);
  emitThrow(F.Exn);
  F.Dispatch = nullptr;
}

bool FunctionTranslator::emitException(const Instr &I) {
  switch (I.Opcode) {
  case Op::Throw: {
    StructType *Ty = exceptionType(I.Index);
    std::vector<Value *> Payload = popN(Ty->getNumElements() - 1);
    uint64_t Size = MC.LM.getDataLayout().getTypeAllocSize(Ty);
    Value *Exn = B.CreateCall(MC.RT.ExnAlloc, {i32(Size)}, "exn");
    B.CreateStore(tagAddress(I.Index), B.CreateStructGEP(Ty, Exn, 0));
    for (unsigned K = 0; K < Payload.size(); ++K)
      B.CreateStore(Payload[K], B.CreateStructGEP(Ty, Exn, K + 1));
    emitThrow(Exn);
    markUnreachable();
    return true;
  }
  case Op::ThrowRef: {
    Value *Exn = pop();
    trapIf(B.CreateIsNull(Exn), TrapKind::NullExnRef);
    emitThrow(Exn);
    markUnreachable();
    return true;
  }
  case Op::TryTable: {
    CtrlFrame F;
    F.Opcode = Op::TryTable;
    blockSignature(I.Block, F.Params, F.Results);
    F.Height = Stack.size() - F.Params.size();
    F.End = newBlock("try_table.end");
    F.EndPhis = makePhis(F.End, F.Results);
    Value *Exn = nullptr;
    BasicBlock *Landing = enterTry(F, Exn);
    BasicBlock *BodyBB = B.GetInsertBlock();

    // The catch clauses, before the frame is pushed: their labels are relative to the enclosing
    // block, and the values under the try_table's params are the stack there.
    std::vector<Value *> Saved = Stack;
    Stack.resize(F.Height);
    B.SetInsertPoint(Landing);
    Value *TagOfExn = nullptr;
    bool CatchesAll = false;
    for (const CatchClause &C : I.Catches) {
      bool Ref = C.K == CatchClause::CatchRef || C.K == CatchClause::CatchAllRef;
      BasicBlock *Next = nullptr;
      if (C.K == CatchClause::Catch || C.K == CatchClause::CatchRef) {
        if (!TagOfExn) {
          auto *L = B.CreateLoad(B.getPtrTy(), Exn, "exn.tag");
          tagRuntime(L);
          TagOfExn = L;
        }
        BasicBlock *Match = newBlock("catch");
        Next = newBlock("catch.next");
        B.CreateCondBr(B.CreateICmpEQ(TagOfExn, tagAddress(C.Tag)), Match, Next);
        B.SetInsertPoint(Match);
        pushPayload(Exn, C.Tag);
      }
      if (Ref)
        push(Exn);
      leaveTries(C.Label);
      branchTo(Ctrls[Ctrls.size() - 1 - C.Label]);
      Stack.resize(F.Height);
      if (!Next) {
        CatchesAll = true;
        break;
      }
      B.SetInsertPoint(Next);
    }
    if (!CatchesAll)
      emitThrow(Exn);
    Stack = Saved;
    B.SetInsertPoint(BodyBB);
    Ctrls.push_back(F);
    return true;
  }
  case Op::Try: {
    CtrlFrame F;
    F.Opcode = Op::Try;
    blockSignature(I.Block, F.Params, F.Results);
    F.Height = Stack.size() - F.Params.size();
    F.End = newBlock("try.end");
    F.EndPhis = makePhis(F.End, F.Results);
    F.Dispatch = enterTry(F, F.Exn);
    Ctrls.push_back(F);
    return true;
  }
  case Op::Catch:
  case Op::CatchAll: {
    CtrlFrame &F = Ctrls.back();
    if (!F.Unreachable) {
      leaveTries(0); // the end of the try body unlinks the frame; the end of a catch has none
      fallThrough(F);
    }
    F.SavedTop = nullptr; // catch bodies are outside the try's protection
    Stack.resize(F.Height);
    B.SetInsertPoint(F.Dispatch);
    BasicBlock *Handler = newBlock(I.Opcode == Op::Catch ? "catch" : "catch_all");
    if (I.Opcode == Op::Catch) {
      auto *TagOfExn = B.CreateLoad(B.getPtrTy(), F.Exn, "exn.tag");
      tagRuntime(TagOfExn);
      BasicBlock *Next = newBlock("catch.next");
      B.CreateCondBr(B.CreateICmpEQ(TagOfExn, tagAddress(I.Index)), Handler, Next);
      F.Dispatch = Next;
      B.SetInsertPoint(Handler);
      pushPayload(F.Exn, I.Index);
    } else {
      B.CreateBr(Handler);
      F.Dispatch = nullptr;
      B.SetInsertPoint(Handler);
    }
    F.Opcode = I.Opcode;
    F.Unreachable = false;
    return true;
  }
  case Op::Delegate: {
    // The end of a legacy try whose exceptions go to the handler at label Index, counted from the
    // block around the try: the try bodies in between are left, the one at Index (if any) is not.
    CtrlFrame &F = Ctrls.back();
    if (!F.Unreachable) {
      leaveTries(0);
      fallThrough(F);
    }
    CtrlFrame Done = std::move(Ctrls.back());
    Ctrls.pop_back();
    B.SetInsertPoint(Done.Dispatch);
    leaveTries(I.Index, /*KeepTarget=*/true);
    emitThrow(Done.Exn);
    Stack.resize(Done.Height);
    finishEnd(Done);
    return true;
  }
  case Op::Rethrow:
    emitThrow(Ctrls[Ctrls.size() - 1 - I.Index].Exn);
    markUnreachable();
    return true;
  default:
    return false;
  }
}
