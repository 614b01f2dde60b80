//===- RuntimeABI.cpp - Declarations of the runtime in generated IR -------===//
//
// The LLVM side of runtime-lib/include/w2n_abi.h: struct layouts and function declarations. Keep the
// two in step; docs/runtime-abi.md describes both.
//
//===----------------------------------------------------------------------===//
#include "Translate/TranslateContext.h"

using namespace w2n;
using namespace llvm;

void RuntimeABI::declare(llvm::Module &LM, bool ThreadLocalStackLimit) {
  LLVMContext &C = LM.getContext();
  Type *Ptr = PointerType::get(C, 0);
  Type *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C), *Void = Type::getVoidTy(C);
  MemoryTy = StructType::create(C, {Ptr, I64, I64, I64, I32, I32, I32, I32}, "w2n_memory");
  TableTy = StructType::create(C, {Ptr, I32, I32, I32, I32, I32, Ptr}, "w2n_table");
  FuncRefTy = StructType::create(C, {Ptr, Ptr, Ptr}, "w2n_funcref");

  auto Declare = [&](const char *Name, Type *Ret, ArrayRef<Type *> Params) {
    FunctionCallee F = LM.getOrInsertFunction(Name, FunctionType::get(Ret, Params, false));
    cast<llvm::Function>(F.getCallee())->addFnAttr(Attribute::NoUnwind);
    return F;
  };
  MemoryInit = Declare("w2n_memory_init", Void, {Ptr, I32, I64});
  MemoryGrow = Declare("w2n_memory_grow", I32, {Ptr, I32});
  MemoryInit64 = Declare("w2n_memory_init64", Void, {Ptr, I64, I64});
  MemoryGrow64 = Declare("w2n_memory_grow64", I64, {Ptr, I64});
  TableInit = Declare("w2n_table_init", Void, {Ptr, I32, I32});
  TableGrow = Declare("w2n_table_grow", I32, {Ptr, Ptr, I32});
  TableFill = Declare("w2n_table_fill", Void, {Ptr, I32, Ptr, I32});
  TableCopy = Declare("w2n_table_copy", Void, {Ptr, Ptr, I32, I32, I32});
  TableInitSegment = Declare("w2n_table_init_segment", Void, {Ptr, Ptr, I32, I32, I32, I32});
  Trap = Declare("w2n_trap", Void, {I32, Ptr});
  llvm::Function *TrapFn = cast<llvm::Function>(Trap.getCallee());
  TrapFn->addFnAttr(Attribute::NoReturn);
  TrapFn->addFnAttr(Attribute::Cold);
  // Exception handling (w2n_abi.h, TranslateExceptions.cpp): w2n_eh_setjmp returns twice, so LLVM
  // keeps what its second return needs (docs/exceptions.md).
  EHFrameTy = StructType::create(C, {ArrayType::get(I64, 32), Ptr, Ptr}, "w2n_eh_frame");
  EHSetjmp = Declare("w2n_eh_setjmp", I32, {Ptr});
  cast<llvm::Function>(EHSetjmp.getCallee())->addFnAttr(Attribute::ReturnsTwice);
  ExnAlloc = Declare("w2n_exn_alloc", Ptr, {I32});
  Throw = Declare("w2n_throw", Void, {Ptr, Ptr});
  cast<llvm::Function>(Throw.getCallee())->addFnAttr(Attribute::NoReturn);
  if (ThreadLocalStackLimit) // embedded: every host thread that enters wasm has its own chain
    EHTop = new GlobalVariable(LM, Ptr, false, GlobalValue::ExternalLinkage, nullptr, "w2n_eh_top", nullptr,
                               GlobalValue::InitialExecTLSModel);
  // Embedded modules may run on several threads, each with its own stack: the limit is per thread.
  StackLimit = new GlobalVariable(LM, Ptr, false, GlobalValue::ExternalLinkage, nullptr, "w2n_stack_limit",
                                  nullptr, ThreadLocalStackLimit ? GlobalValue::InitialExecTLSModel
                                                                 : GlobalValue::NotThreadLocal);
}
