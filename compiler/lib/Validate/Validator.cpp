//===- Validator.cpp - Validation of function bodies ----------------------===//
//
// The algorithm of the spec's validation appendix: an operand stack of value types (Bottom stands for
// the unknown operands of unreachable code), and a control stack whose frames record their label and
// result types, the operand height at entry, and whether the rest of the frame is unreachable. Simple
// and memory instructions are typed from Opcodes.def; the rest are typed here by hand.
//
// This is the only validator, and it runs on every body before translation; the translator then
// trusts the body (it would misbehave on invalid code, so nothing else may call it first).
//
//===----------------------------------------------------------------------===//
#include "Binary/InstrReader.h"
#include "wasm2native/Decoder.h"

using namespace w2n;
using llvm::Error;

namespace {

struct CtrlFrame {
  Op Opcode;
  std::vector<ValType> Start, End;
  size_t Height;
  bool Unreachable = false;
  /// Function references' local initialisation: the height of the set-locals stack at entry; the
  /// non-nullable locals set inside the block are forgotten when it ends (or at its else).
  size_t InitHeight = 0;
};

class FunctionValidator {
public:
  FunctionValidator(const Module &M, const Function &F)
      : M(M), F(F), FT(M.Types[F.TypeIndex]) {}
  Error run();

private:
  Error step(const Instr &I);
  Error stepSpecial(const Instr &I);
  Error fail(const llvm::Twine &Msg) { return wasmError(At, Msg); }

  void push(ValType T) { Vals.push_back(T); }
  Error pop(ValType Expect, ValType *Got = nullptr);
  Error popAny(ValType &Got) { return pop(ValType::Bottom, &Got); }
  Error popList(const std::vector<ValType> &Ts) {
    for (size_t I = Ts.size(); I-- > 0;)
      if (Error E = pop(Ts[I]))
        return E;
    return Error::success();
  }
  void pushList(const std::vector<ValType> &Ts) {
    for (ValType T : Ts)
      push(T);
  }
  void pushCtrl(Op O, std::vector<ValType> In, std::vector<ValType> Out) {
    Ctrls.push_back({O, In, std::move(Out), Vals.size(), false, InitStack.size()});
    pushList(In);
  }
  /// Forgets the locals first set since the control frame C began.
  void resetInits(const CtrlFrame &C) {
    while (InitStack.size() > C.InitHeight) {
      LocalSet[InitStack.back()] = false;
      InitStack.pop_back();
    }
  }
  Error popCtrl(CtrlFrame &Out);
  const std::vector<ValType> &labelTypes(const CtrlFrame &C) {
    return C.Opcode == Op::Loop ? C.Start : C.End;
  }
  void setUnreachable() {
    Vals.resize(Ctrls.back().Height);
    Ctrls.back().Unreachable = true;
  }
  Error blockSignature(const BlockType &BT, std::vector<ValType> &In, std::vector<ValType> &Out);
  Error label(uint32_t Depth, const CtrlFrame *&C) {
    if (Depth >= Ctrls.size())
      return fail("unknown label");
    C = &Ctrls[Ctrls.size() - 1 - Depth];
    return Error::success();
  }
  Error checkMemory(const Instr &I, unsigned NaturalBytes);
  Error checkMemoryIndex(uint32_t Memory);
  /// The callee of a call or tail call: the named function's type, or for the indirect forms the
  /// named type, once the table is checked and the table index popped.
  Error popCallee(const Instr &I, const FuncType *&Callee) {
    if (I.Opcode == Op::Call || I.Opcode == Op::ReturnCall) {
      if (I.Index >= M.Functions.size())
        return fail("unknown function " + llvm::Twine(I.Index));
      Callee = &M.funcType(I.Index);
      return Error::success();
    }
    if (I.Opcode == Op::CallRef || I.Opcode == Op::ReturnCallRef) { // the reader checked the type
      Callee = &M.Types[I.Index];
      return pop(ValType::typed(I.Index, true));
    }
    if (Error E = checkTable(I.Index2))
      return E;
    if (!M.isSubType(M.Tables[I.Index2].Elem, ValType::FuncRef))
      return fail("type mismatch");
    if (I.Index >= M.Types.size())
      return fail("unknown type");
    Callee = &M.Types[I.Index];
    return pop(M.Tables[I.Index2].indexType());
  }
  /// Exception handling (both forms): try_table, throw, throw_ref, try, catch, catch_all, delegate,
  /// rethrow. Returns false in Handled for other instructions.
  Error stepException(const Instr &I, bool &Handled);
  Error checkTag(uint32_t T) {
    return T < M.Tags.size() ? Error::success() : fail("unknown tag " + llvm::Twine(T));
  }
  Error checkTable(uint32_t T) {
    return T < M.Tables.size() ? Error::success() : fail("unknown table " + llvm::Twine(T));
  }

  const Module &M;
  const Function &F;
  const FuncType &FT;
  std::vector<ValType> Locals;
  /// Local initialisation (function references): whether each local holds a value of its type. Only
  /// non-nullable declared locals start unset; InitStack lists those set since, in order.
  std::vector<bool> LocalSet;
  std::vector<uint32_t> InitStack;
  std::vector<ValType> Vals;
  std::vector<CtrlFrame> Ctrls;
  uint64_t At = 0;
};

} // namespace

Error FunctionValidator::pop(ValType Expect, ValType *Got) {
  ValType Actual;
  if (Vals.size() == Ctrls.back().Height) {
    if (!Ctrls.back().Unreachable)
      return fail("type mismatch");
    Actual = ValType::Bottom;
  } else {
    Actual = Vals.back();
    Vals.pop_back();
  }
  if (!M.isSubType(Actual, Expect))
    return fail("type mismatch");
  if (Got)
    *Got = Actual;
  return Error::success();
}

Error FunctionValidator::popCtrl(CtrlFrame &Out) {
  if (Ctrls.empty())
    return fail("unexpected end");
  if (Error E = popList(Ctrls.back().End))
    return E;
  if (Vals.size() != Ctrls.back().Height)
    return fail("type mismatch");
  Out = std::move(Ctrls.back());
  Ctrls.pop_back();
  return Error::success();
}

Error FunctionValidator::blockSignature(const BlockType &BT, std::vector<ValType> &In,
                                        std::vector<ValType> &Out) {
  In.clear();
  Out.clear();
  if (BT.K == BlockType::Value)
    Out.push_back(BT.Type);
  else if (BT.K == BlockType::TypeIndex) {
    In = M.Types[BT.Index].Params;
    Out = M.Types[BT.Index].Results;
  }
  return Error::success();
}

Error FunctionValidator::checkMemory(const Instr &I, unsigned NaturalBytes) {
  if (Error E = checkMemoryIndex(I.Index2))
    return E;
  if (I.AlignLog2 >= 32 || (1u << I.AlignLog2) > NaturalBytes)
    return fail("alignment must not be larger than natural");
  return Error::success();
}

Error FunctionValidator::checkMemoryIndex(uint32_t Memory) {
  if (Memory >= M.Memories.size())
    return fail("unknown memory " + llvm::Twine(Memory));
  return Error::success();
}

Error FunctionValidator::run() {
  Locals = FT.Params;
  Locals.insert(Locals.end(), F.Locals.begin(), F.Locals.end());
  LocalSet.assign(Locals.size(), true);
  for (size_t K = FT.Params.size(); K < Locals.size(); ++K)
    LocalSet[K] = Locals[K].nullable(); // numeric types report nullable: they have a default
  Ctrls.push_back({Op::Block, {}, FT.Results, 0, false, 0});
  InstrReader R(M, F);
  while (!Ctrls.empty()) {
    if (R.atEnd())
      return wasmError(R.offset(), "unexpected end of section or function");
    Instr I;
    if (Error E = R.next(I))
      return E;
    At = I.Offset;
    if (Error E = step(I))
      return E;
  }
  if (!R.atEnd())
    return wasmError(R.offset(), "section size mismatch");
  return Error::success();
}

Error FunctionValidator::step(const Instr &I) {
  const OpInfo &Info = opInfo(I.Opcode);
  // The table types a memory access's address (its first operand) as i32; a memory64 memory's is i64.
  ValType P1 = Info.P1;
  bool Access = Info.Kind != OpKind::Simple && Info.Kind != OpKind::Special &&
                Info.Kind != OpKind::ExtractLane && Info.Kind != OpKind::ReplaceLane;
  if (Access && I.Index2 < M.Memories.size())
    P1 = M.Memories[I.Index2].indexType();
  auto PopParams = [&]() -> Error {
    for (ValType P : {Info.P3, Info.P2, P1})
      if (P != ValType::Bottom)
        if (Error E = pop(P))
          return E;
    return Error::success();
  };
  auto LaneCheck = [&]() -> Error {
    return I.Index < Info.Mem ? Error::success() : fail("invalid lane index");
  };
  switch (Info.Kind) {
  case OpKind::Simple:
    break;
  case OpKind::Load:
  case OpKind::Store:
  case OpKind::LoadSplat:
  case OpKind::LoadZero:
  case OpKind::LoadExtend:
    if (Error E = checkMemory(I, Info.Mem))
      return E;
    break;
  case OpKind::Atomic: // threads: the alignment is exactly the access size
    if (Error E = checkMemory(I, Info.Mem))
      return E;
    if ((1u << I.AlignLog2) != Info.Mem)
      return fail("atomic alignment must be natural");
    break;
  case OpKind::LoadLane:
  case OpKind::StoreLane:
    if (Error E = checkMemory(I, 16 / Info.Mem))
      return E;
    if (Error E = LaneCheck())
      return E;
    break;
  case OpKind::ExtractLane:
  case OpKind::ReplaceLane:
    if (Error E = LaneCheck())
      return E;
    break;
  case OpKind::Special:
    if (Info.Prefix == 0xfd) { // v128.const and i8x16.shuffle: typed by the table too
      if (Info.P1 != ValType::Bottom)
        for (uint8_t L : I.Lanes)
          if (L >= 32)
            return fail("invalid lane index");
      break;
    }
    return stepSpecial(I);
  }
  if (Error E = PopParams())
    return E;
  if (Info.Result != ValType::Bottom)
    push(Info.Result);
  return Error::success();
}

Error FunctionValidator::stepException(const Instr &I, bool &Handled) {
  Handled = true;
  auto TagParams = [&](uint32_t Tag) -> const std::vector<ValType> & { return M.Types[M.Tags[Tag]].Params; };
  switch (I.Opcode) {
  case Op::Throw:
    if (Error E = checkTag(I.Index))
      return E;
    if (Error E = popList(TagParams(I.Index)))
      return E;
    setUnreachable();
    return Error::success();
  case Op::ThrowRef:
    if (Error E = pop(ValType::ExnRef))
      return E;
    setUnreachable();
    return Error::success();
  case Op::TryTable: {
    std::vector<ValType> In, Out;
    if (Error E = blockSignature(I.Block, In, Out))
      return E;
    if (Error E = popList(In))
      return E;
    // Catch labels are relative to the block around the try_table (its own frame is not pushed yet).
    for (const CatchClause &C : I.Catches) {
      std::vector<ValType> Sent;
      if (C.K == CatchClause::Catch || C.K == CatchClause::CatchRef) {
        if (Error E = checkTag(C.Tag))
          return E;
        Sent = TagParams(C.Tag);
      }
      if (C.K == CatchClause::CatchRef || C.K == CatchClause::CatchAllRef)
        Sent.push_back(ValType::ref(ValType::ExnRef, false)); // a caught exception is never null
      const CtrlFrame *L = nullptr;
      if (Error E = label(C.Label, L))
        return E;
      const std::vector<ValType> &Want = labelTypes(*L);
      if (Want.size() != Sent.size())
        return fail("type mismatch");
      for (size_t K = 0; K < Sent.size(); ++K)
        if (!M.isSubType(Sent[K], Want[K]))
          return fail("type mismatch");
    }
    pushCtrl(Op::TryTable, In, Out);
    return Error::success();
  }
  case Op::Try: {
    std::vector<ValType> In, Out;
    if (Error E = blockSignature(I.Block, In, Out))
      return E;
    if (Error E = popList(In))
      return E;
    pushCtrl(Op::Try, In, Out);
    return Error::success();
  }
  case Op::Catch:
  case Op::CatchAll: {
    // A catch clause ends the try body or the previous catch; a catch_all ends the clauses.
    Op Cur = Ctrls.back().Opcode;
    if (Ctrls.size() < 2 || (Cur != Op::Try && Cur != Op::Catch))
      return fail(I.Opcode == Op::Catch ? "catch without matching try" : "catch_all without matching try");
    if (I.Opcode == Op::Catch)
      if (Error E = checkTag(I.Index))
        return E;
    CtrlFrame C;
    if (Error E = popCtrl(C))
      return E;
    resetInits(C);
    pushCtrl(I.Opcode, I.Opcode == Op::Catch ? TagParams(I.Index) : std::vector<ValType>(), C.End);
    return Error::success();
  }
  case Op::Delegate: {
    if (Ctrls.size() < 2 || Ctrls.back().Opcode != Op::Try)
      return fail("delegate without matching try");
    CtrlFrame C;
    if (Error E = popCtrl(C))
      return E;
    resetInits(C);
    const CtrlFrame *L = nullptr;
    if (Error E = label(I.Index, L)) // relative to the block around the try
      return E;
    pushList(C.End);
    return Error::success();
  }
  case Op::Rethrow: {
    const CtrlFrame *L = nullptr;
    if (Error E = label(I.Index, L))
      return E;
    if (L->Opcode != Op::Catch && L->Opcode != Op::CatchAll)
      return fail("invalid rethrow label");
    setUnreachable();
    return Error::success();
  }
  default:
    Handled = false;
    return Error::success();
  }
}

Error FunctionValidator::stepSpecial(const Instr &I) {
  bool Handled = false;
  if (Error E = stepException(I, Handled))
    return E;
  if (Handled)
    return Error::success();
  switch (I.Opcode) {
  case Op::Unreachable:
    setUnreachable();
    return Error::success();
  case Op::Nop:
  case Op::AtomicFence:
    return Error::success();
  case Op::Block:
  case Op::Loop:
  case Op::If: {
    std::vector<ValType> In, Out;
    if (Error E = blockSignature(I.Block, In, Out))
      return E;
    if (I.Opcode == Op::If)
      if (Error E = pop(ValType::I32))
        return E;
    if (Error E = popList(In))
      return E;
    pushCtrl(I.Opcode, In, Out);
    return Error::success();
  }
  case Op::Else: {
    if (Ctrls.size() < 2 || Ctrls.back().Opcode != Op::If)
      return fail("else without matching if");
    CtrlFrame C;
    if (Error E = popCtrl(C))
      return E;
    resetInits(C);
    pushCtrl(Op::Else, C.Start, C.End);
    return Error::success();
  }
  case Op::End: {
    CtrlFrame C;
    if (Error E = popCtrl(C))
      return E;
    resetInits(C);
    if (C.Opcode == Op::If && C.Start != C.End)
      return fail("type mismatch");
    pushList(C.End);
    return Error::success();
  }
  case Op::Br: {
    const CtrlFrame *C = nullptr;
    if (Error E = label(I.Index, C))
      return E;
    if (Error E = popList(labelTypes(*C)))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Op::BrIf: {
    if (Error E = pop(ValType::I32))
      return E;
    const CtrlFrame *C;
    if (Error E = label(I.Index, C))
      return E;
    std::vector<ValType> Ts = labelTypes(*C);
    if (Error E = popList(Ts))
      return E;
    pushList(Ts);
    return Error::success();
  }
  case Op::BrTable: {
    if (Error E = pop(ValType::I32))
      return E;
    const CtrlFrame *Default;
    if (Error E = label(I.Targets.back(), Default))
      return E;
    std::vector<ValType> DefaultTs = labelTypes(*Default);
    for (size_t K = 0; K + 1 < I.Targets.size(); ++K) {
      const CtrlFrame *C;
      if (Error E = label(I.Targets[K], C))
        return E;
      std::vector<ValType> Ts = labelTypes(*C);
      if (Ts.size() != DefaultTs.size())
        return fail("type mismatch");
      // Pop with each label's types and push back what was popped (Bottom stays unknown).
      std::vector<ValType> Popped(Ts.size());
      for (size_t J = Ts.size(); J-- > 0;) {
        if (Error E = pop(Ts[J], &Popped[J]))
          return E;
      }
      pushList(Popped);
    }
    if (Error E = popList(DefaultTs))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Op::Return:
    if (Error E = popList(FT.Results))
      return E;
    setUnreachable();
    return Error::success();
  case Op::Call:
  case Op::CallIndirect:
  case Op::CallRef: {
    const FuncType *Callee = nullptr;
    if (Error E = popCallee(I, Callee))
      return E;
    if (Error E = popList(Callee->Params))
      return E;
    pushList(Callee->Results);
    return Error::success();
  }
  case Op::ReturnCall:
  case Op::ReturnCallIndirect:
  case Op::ReturnCallRef: {
    // A tail call: the callee's results become this function's, so they must match them.
    const FuncType *Callee = nullptr;
    if (Error E = popCallee(I, Callee))
      return E;
    if (Callee->Results.size() != FT.Results.size())
      return fail("type mismatch");
    for (size_t K = 0; K < FT.Results.size(); ++K)
      if (!M.isSubType(Callee->Results[K], FT.Results[K]))
        return fail("type mismatch");
    if (Error E = popList(Callee->Params))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Op::Drop: {
    ValType T;
    return popAny(T);
  }
  case Op::Select:
  case Op::SelectT: {
    if (Error E = pop(ValType::I32))
      return E;
    if (I.TypedSelect) {
      if (Error E = pop(I.Type))
        return E;
      if (Error E = pop(I.Type))
        return E;
      push(I.Type);
      return Error::success();
    }
    ValType T1, T2;
    if (Error E = popAny(T1))
      return E;
    if (Error E = popAny(T2))
      return E;
    if (isRefType(T1) || isRefType(T2))
      return fail("type mismatch");
    if (T1 != T2 && T1 != ValType::Bottom && T2 != ValType::Bottom)
      return fail("type mismatch");
    push(T1 == ValType::Bottom ? T2 : T1);
    return Error::success();
  }
  case Op::LocalGet:
  case Op::LocalSet:
  case Op::LocalTee: {
    if (I.Index >= Locals.size())
      return fail("unknown local " + llvm::Twine(I.Index));
    ValType T = Locals[I.Index];
    if (I.Opcode == Op::LocalGet) {
      if (!LocalSet[I.Index])
        return fail("uninitialized local");
      push(T);
      return Error::success();
    }
    if (Error E = pop(T))
      return E;
    if (!LocalSet[I.Index]) {
      LocalSet[I.Index] = true;
      InitStack.push_back(I.Index);
    }
    if (I.Opcode == Op::LocalTee)
      push(T);
    return Error::success();
  }
  case Op::GlobalGet:
  case Op::GlobalSet: {
    if (I.Index >= M.Globals.size())
      return fail("unknown global " + llvm::Twine(I.Index));
    const GlobalType &G = M.Globals[I.Index].Type;
    if (I.Opcode == Op::GlobalGet) {
      push(G.Type);
      return Error::success();
    }
    if (!G.Mutable)
      return fail("global is immutable");
    return pop(G.Type);
  }
  case Op::TableGet:
  case Op::TableSet: {
    if (Error E = checkTable(I.Index))
      return E;
    ValType T = M.Tables[I.Index].Elem, At = M.Tables[I.Index].indexType();
    if (I.Opcode == Op::TableGet) {
      if (Error E = pop(At))
        return E;
      push(T);
      return Error::success();
    }
    if (Error E = pop(T))
      return E;
    return pop(At);
  }
  case Op::MemorySize:
  case Op::MemoryGrow: {
    if (Error E = checkMemoryIndex(I.Index2))
      return E;
    ValType At = M.Memories[I.Index2].indexType();
    if (I.Opcode == Op::MemoryGrow)
      if (Error E = pop(At))
        return E;
    push(At);
    return Error::success();
  }
  case Op::I32Const: push(ValType::I32); return Error::success();
  case Op::I64Const: push(ValType::I64); return Error::success();
  case Op::F32Const: push(ValType::F32); return Error::success();
  case Op::F64Const: push(ValType::F64); return Error::success();
  case Op::RefNull:
    push(I.Type);
    return Error::success();
  case Op::RefIsNull: {
    ValType T;
    if (Error E = popAny(T))
      return E;
    if (T != ValType::Bottom && !isRefType(T))
      return fail("type mismatch");
    push(ValType::I32);
    return Error::success();
  }
  case Op::RefFunc:
    if (I.Index >= M.Functions.size())
      return fail("unknown function " + llvm::Twine(I.Index));
    if (!M.DeclaredFuncRefs[I.Index])
      return fail("undeclared function reference");
    push(ValType::typed(M.Functions[I.Index].TypeIndex, false));
    return Error::success();
  case Op::RefAsNonNull: {
    ValType T;
    if (Error E = popAny(T))
      return E;
    if (T != ValType::Bottom && !isRefType(T))
      return fail("type mismatch");
    push(T == ValType::Bottom ? T : T.withNull(false));
    return Error::success();
  }
  case Op::BrOnNull:
  case Op::BrOnNonNull: {
    // br_on_null sends the label's values and leaves (ref ht) behind; br_on_non_null sends them
    // with (ref ht) last, and leaves nothing of the reference behind.
    ValType T;
    if (Error E = popAny(T))
      return E;
    if (T != ValType::Bottom && !isRefType(T))
      return fail("type mismatch");
    ValType NonNull = T == ValType::Bottom ? T : T.withNull(false);
    const CtrlFrame *C;
    if (Error E = label(I.Index, C))
      return E;
    std::vector<ValType> Ts = labelTypes(*C);
    if (I.Opcode == Op::BrOnNonNull) {
      if (Ts.empty() || !M.isSubType(NonNull, Ts.back()))
        return fail("type mismatch");
      Ts.pop_back();
    }
    if (Error E = popList(Ts))
      return E;
    pushList(Ts);
    if (I.Opcode == Op::BrOnNull)
      push(NonNull);
    return Error::success();
  }
  case Op::MemoryInit:
  case Op::DataDrop:
    if (!M.DataCount)
      return fail("data count section required");
    if (I.Opcode == Op::MemoryInit)
      if (Error E = checkMemoryIndex(I.Index2))
        return E;
    if (I.Index >= *M.DataCount)
      return fail("unknown data segment " + llvm::Twine(I.Index));
    if (I.Opcode == Op::DataDrop)
      return Error::success();
    return popList({M.Memories[I.Index2].indexType(), ValType::I32, ValType::I32});
  case Op::MemoryFill: {
    if (Error E = checkMemoryIndex(I.Index2))
      return E;
    ValType At = M.Memories[I.Index2].indexType();
    return popList({At, ValType::I32, At});
  }
  case Op::MemoryCopy: {
    // Between an i32 and an i64 memory the length has the smaller index type.
    if (Error E = checkMemoryIndex(I.Index2))
      return E;
    if (Error E = checkMemoryIndex(I.Index))
      return E;
    ValType Dst = M.Memories[I.Index2].indexType(), Src = M.Memories[I.Index].indexType();
    return popList({Dst, Src, Dst == ValType::I64 && Src == ValType::I64 ? ValType::I64 : ValType::I32});
  }
  case Op::TableInit:
    if (Error E = checkTable(I.Index2))
      return E;
    if (I.Index >= M.Elems.size())
      return fail("unknown elem segment " + llvm::Twine(I.Index));
    if (!M.isSubType(M.Elems[I.Index].Type, M.Tables[I.Index2].Elem))
      return fail("type mismatch");
    return popList({M.Tables[I.Index2].indexType(), ValType::I32, ValType::I32});
  case Op::ElemDrop:
    if (I.Index >= M.Elems.size())
      return fail("unknown elem segment " + llvm::Twine(I.Index));
    return Error::success();
  case Op::TableCopy:
    if (Error E = checkTable(I.Index))
      return E;
    if (Error E = checkTable(I.Index2))
      return E;
    if (!M.isSubType(M.Tables[I.Index2].Elem, M.Tables[I.Index].Elem))
      return fail("type mismatch");
    {
      // As memory.copy: between an i32 and an i64 table the length has the smaller index type.
      ValType Dst = M.Tables[I.Index].indexType(), Src = M.Tables[I.Index2].indexType();
      return popList({Dst, Src, Dst == ValType::I64 && Src == ValType::I64 ? ValType::I64 : ValType::I32});
    }
  case Op::TableGrow:
  case Op::TableSize:
  case Op::TableFill: {
    if (Error E = checkTable(I.Index))
      return E;
    ValType T = M.Tables[I.Index].Elem, At = M.Tables[I.Index].indexType();
    if (I.Opcode == Op::TableSize) {
      push(At);
      return Error::success();
    }
    if (I.Opcode == Op::TableGrow) {
      if (Error E = popList({T, At}))
        return E;
      push(At);
      return Error::success();
    }
    return popList({At, T, At});
  }
  default:
    return fail("illegal opcode");
  }
}

Error w2n::validateFunction(const Module &M, uint32_t FuncIndex) {
  FunctionValidator V(M, M.Functions[FuncIndex]);
  return V.run();
}
