//===- ExecutableThreads.cpp - wasi-threads in executables ------------------===//
//
// The WASI threads proposal (docs/threads.md): a module imports `wasi.thread-spawn` (i32 start_arg
// -> i32 tid) and exports `wasi_thread_start` (i32 tid, i32 start_arg). thread-spawn creates a new
// instance of the same module on a new thread, whose memories are the first instance's (a module
// that uses threads has a shared memory, defined or imported) and whose globals (the C stack
// pointer among them), tables and everything else are its own, and calls its wasi_thread_start.
//
// Generated here: the import's body, a call of the runtime's w2n_thread_spawn (src/thread.c), which
// allocates a zeroed instance of w2n_module_instance_size bytes, a native stack and a signal stack,
// and clones a thread that runs w2n_module_thread(instance, tid, start_arg): the instantiation
// routine with the first instance as its second argument (ModuleTranslator::emitInstantiate shares
// its memories), then wasi_thread_start. A trap or proc_exit in any thread ends the process
// (exit_group), as the proposal says.
//
//===----------------------------------------------------------------------===//
#include "Translate/TranslateContext.h"

using namespace w2n;
using namespace llvm;

bool w2n::isThreadSpawn(const w2n::Module &M, const Import &Imp) {
  if (Imp.Kind != ExternKind::Func || Imp.Module != "wasi" || Imp.Name != "thread-spawn")
    return false;
  const FuncType &FT = M.funcType(Imp.Index);
  return FT.Params == std::vector<ValType>{ValType::I32} && FT.Results == std::vector<ValType>{ValType::I32};
}

bool w2n::importsThreadSpawn(const w2n::Module &M) {
  for (const Import &Imp : M.Imports)
    if (isThreadSpawn(M, Imp))
      return true;
  return false;
}

void w2n::emitThreadSpawnImport(ModuleContext &MC, uint32_t FuncIndex) {
  llvm::Function *F = MC.Funcs[FuncIndex];
  IRBuilder<> B(BasicBlock::Create(MC.C, "entry", F));
  FunctionCallee Spawn = MC.LM.getOrInsertFunction(
      "w2n_thread_spawn", FunctionType::get(B.getInt32Ty(), {B.getInt32Ty()}, false));
  B.CreateRet(B.CreateCall(Spawn, {F->getArg(1)}));
}

void w2n::emitThreadEntry(ModuleContext &MC, llvm::Function *Instantiate, GlobalVariable *Main) {
  LLVMContext &C = MC.C;
  Type *Ptr = PointerType::get(C, 0), *I32 = Type::getInt32Ty(C);
  uint64_t Size = MC.LM.getDataLayout().getTypeAllocSize(MC.InstanceTy);
  new GlobalVariable(MC.LM, Type::getInt64Ty(C), true, GlobalValue::ExternalLinkage,
                     ConstantInt::get(Type::getInt64Ty(C), Size), "w2n_module_instance_size");
  uint32_t Start = ~0u;
  for (const Export &E : MC.WM.Exports)
    if (E.Kind == ExternKind::Func && E.Name == "wasi_thread_start")
      Start = E.Index;
  llvm::Function *Entry = llvm::Function::Create(FunctionType::get(Type::getVoidTy(C), {Ptr, I32, I32}, false),
                                                 GlobalValue::ExternalLinkage, "w2n_module_thread", MC.LM);
  Entry->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(C, "entry", Entry));
  // Like w2n_module_main, outside w2n_code: the wasm code it calls is never inlined into it.
  B.CreateCall(Instantiate, {Entry->getArg(0), Main})->setIsNoInline();
  MC.wasmCall(B.CreateCall(MC.Funcs[Start], {Entry->getArg(0), Entry->getArg(1), Entry->getArg(2)}))
      ->setIsNoInline();
  B.CreateRetVoid();
}
