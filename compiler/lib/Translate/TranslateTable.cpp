//===- TranslateTable.cpp - References, tables and call_indirect ----------===//
//
// SECURITY-CRITICAL: call_indirect is the only way wasm reaches a code pointer it chose. The index is
// checked against the table's current size ("undefined element"), the element against null
// ("uninitialized element"), and its signature object against the expected type's by address
// ("indirect call type mismatch"); only then is the code pointer called. return_call_indirect makes
// the same checks before its tail call. Review changes twice.
//
// call_ref and return_call_ref (function references) take a typed reference, whose signature the
// validator proved: they check only for null ("null function reference") and call the descriptor's
// code pointer. ref.as_non_null traps on null ("null reference").
//
// References are pointers: a funcref points to a w2n_funcref descriptor in its instance, an externref
// is the host's pointer, and null is the null pointer. table.get/set check bounds inline; grow, fill,
// copy and init call the runtime, which checks the whole range before writing.
//
// table64 (the memory64 proposal's i64 tables): the runtime keeps tables below 2^28 elements, so an
// i64 index, count or delta is clamped to 0xffffffff and handled as an i32: a clamped operand is
// beyond any table's size or segment's length, so every check (and grow's failure) is what the
// exact 64-bit value would give.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"

using namespace w2n;
using namespace llvm;

bool FunctionTranslator::emitTable(const Instr &I) {
  auto TableField = [&](Value *Table, unsigned Field, Type *Ty) {
    auto *L = B.CreateLoad(Ty, B.CreateStructGEP(MC.RT.TableTy, Table, Field));
    tagRuntime(L);
    return L;
  };
  // An i64 operand of a table64 instruction as the i32 the runtime takes (see the top of the file).
  auto Index32 = [&](Value *V) -> Value * {
    if (!V->getType()->isIntegerTy(64))
      return V;
    return B.CreateTrunc(B.CreateBinaryIntrinsic(Intrinsic::umin, V, i64(0xffffffffu)), B.getInt32Ty());
  };
  auto ElemPtr = [&](Value *Table, Value *Index, TrapKind OOB) {
    Index = Index32(Index);
    Value *Size = TableField(Table, 1, B.getInt32Ty());
    trapIf(B.CreateICmpUGE(Index, Size), OOB);
    Value *Elems = TableField(Table, 0, B.getPtrTy());
    return B.CreateGEP(B.getPtrTy(), Elems, B.CreateZExt(Index, B.getInt64Ty()));
  };

  switch (I.Opcode) {
  case Op::RefNull:
    push(ConstantPointerNull::get(B.getPtrTy()));
    return true;
  case Op::RefIsNull:
    push(B.CreateZExt(B.CreateIsNull(pop()), B.getInt32Ty()));
    return true;
  case Op::RefFunc:
    push(B.CreateConstGEP2_32(ArrayType::get(MC.RT.FuncRefTy, MC.WM.Functions.size()),
                              instanceField(MC.FuncRefsField), 0, I.Index));
    return true;
  case Op::TableGet: {
    Value *Index = pop();
    auto *L = B.CreateLoad(B.getPtrTy(), ElemPtr(tableDescriptor(I.Index), Index, TrapKind::OOBTable));
    tagRuntime(L);
    push(L);
    return true;
  }
  case Op::TableSet: {
    Value *V = pop();
    Value *Index = pop();
    tagRuntime(B.CreateStore(V, ElemPtr(tableDescriptor(I.Index), Index, TrapKind::OOBTable)));
    return true;
  }
  case Op::TableSize: {
    Value *Size = TableField(tableDescriptor(I.Index), 1, B.getInt32Ty());
    push(MC.WM.Tables[I.Index].Is64 ? B.CreateZExt(Size, B.getInt64Ty()) : Size);
    return true;
  }
  case Op::TableGrow: {
    Value *Delta = Index32(pop());
    Value *Init = pop();
    Value *Old = B.CreateCall(MC.RT.TableGrow, {tableDescriptor(I.Index), Init, Delta});
    // The old size is below 2^28, and failure's 0xffffffff becomes -1.
    push(MC.WM.Tables[I.Index].Is64 ? B.CreateSExt(Old, B.getInt64Ty()) : Old);
    return true;
  }
  case Op::TableFill: {
    Value *N = Index32(pop());
    Value *V = pop();
    Value *D = Index32(pop());
    B.CreateCall(MC.RT.TableFill, {tableDescriptor(I.Index), D, V, N});
    return true;
  }
  case Op::TableCopy: {
    Value *N = Index32(pop());
    Value *S = Index32(pop());
    Value *D = Index32(pop());
    B.CreateCall(MC.RT.TableCopy, {tableDescriptor(I.Index), tableDescriptor(I.Index2), D, S, N});
    return true;
  }
  case Op::TableInit: {
    Value *N = pop();
    Value *S = pop();
    Value *D = Index32(pop());
    Value *LenPtr = B.CreateConstGEP2_32(ArrayType::get(B.getInt32Ty(), MC.WM.Elems.size()),
                                         instanceField(MC.ElemLenField), 0, I.Index);
    auto *Len = B.CreateLoad(B.getInt32Ty(), LenPtr);
    tagRuntime(Len);
    B.CreateCall(MC.RT.TableInitSegment,
                 {tableDescriptor(I.Index2), instanceField(MC.ElemSegFields[I.Index]), Len, D, S, N});
    return true;
  }
  case Op::ElemDrop: {
    Value *LenPtr = B.CreateConstGEP2_32(ArrayType::get(B.getInt32Ty(), MC.WM.Elems.size()),
                                         instanceField(MC.ElemLenField), 0, I.Index);
    tagRuntime(B.CreateStore(i32(0), LenPtr));
    return true;
  }
  case Op::RefAsNonNull:
    trapIf(B.CreateIsNull(Stack.back()), TrapKind::NullReference);
    return true;
  case Op::CallRef:
  case Op::ReturnCallRef: {
    Value *Ref = pop();
    std::vector<Value *> Args = popN(MC.WM.Types[I.Index].Params.size());
    trapIf(B.CreateIsNull(Ref), TrapKind::NullFuncRef);
    emitDescriptorCall(I, Ref, Args);
    return true;
  }
  case Op::CallIndirect:
  case Op::ReturnCallIndirect: {
    Value *Index = pop();
    std::vector<Value *> Args = popN(MC.WM.Types[I.Index].Params.size());
    auto *Ref = B.CreateLoad(B.getPtrTy(),
                             ElemPtr(tableDescriptor(I.Index2), Index, TrapKind::UndefinedElement));
    tagRuntime(Ref);
    trapIf(B.CreateIsNull(Ref), TrapKind::UninitializedElement);
    auto *Sig = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.FuncRefTy, Ref, 0));
    tagRuntime(Sig);
    trapIf(B.CreateICmpNE(Sig, MC.signature(I.Index)), TrapKind::IndirectCallType);
    emitDescriptorCall(I, Ref, Args);
    return true;
  }
  default:
    return false;
  }
}

void FunctionTranslator::emitDescriptorCall(const Instr &I, Value *Ref, std::vector<Value *> Args) {
  // Ref is a non-null w2n_funcref of type I.Index: call its code with its instance; the return_
  // forms (return_call_indirect, return_call_ref) make it a guaranteed tail call.
  auto *Code = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.FuncRefTy, Ref, 1));
  tagRuntime(Code);
  auto *CalleeInstance = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.FuncRefTy, Ref, 2));
  tagRuntime(CalleeInstance);
  if ((I.Opcode == Op::ReturnCallIndirect || I.Opcode == Op::ReturnCallRef) && TailBody)
    return emitIndirectAreaTailCall(I.Index, Ref, Code, CalleeInstance, Args);
  Args.insert(Args.begin(), CalleeInstance);
  CallInst *Call = MC.wasmCall(B.CreateCall(MC.FuncTypes[I.Index], Code, Args));
  if (I.Opcode == Op::ReturnCallIndirect || I.Opcode == Op::ReturnCallRef) {
    emitTailReturn(Call);
    return;
  }
  if (HasTailCalls)
    Call->setTailCallKind(CallInst::TCK_NoTail);
  pushCallResults(Call, MC.WM.Types[I.Index].Results);
}
