//===- ExecutableInterface.cpp - An executable's imports and exports ------===//
//
// An executable has no host program to hand it imports, so each imported function is bound at compile
// time (bindExecutableImports), in this order:
//  * a wasi_snapshot_preview1 function the runtime implements: a wrapper passing memory 0 to the shim
//    (ModuleTranslator::emitWasiWrapper);
//  * a host function defined by an object given on the command line (`wasm2native app.wasm host.o`):
//    a call of the C symbol w2n_host_<module>_<name> (hostImportSymbols) with the embedding API's
//    calling convention, int32_t fn(void *ctx, const w2n_value *args, w2n_value *results), ctx being
//    the module's memory 0 (a w2n_memory *, NULL without one); non-zero traps ("host function trapped");
//  * otherwise, by --unknown-imports: an error naming it (the default: every unknown import gets its
//    own diagnostic), a function that traps with "call to unknown import MODULE.NAME" (trap), or one
//    that returns zeros (zero).
//  * wasi.thread-spawn (wasi-threads): the runtime's w2n_thread_spawn (ExecutableThreads.cpp).
// An imported memory is created by the runtime from the import's type (a napi-rs style module
// imports its shared memory as env.memory). Imported tables and globals are an error: there is
// nothing to import them from.
//
// Exports: w2n_module_main hands the runtime's w2n_run (runtime-lib/src/invoke.c) a table of every
// exported function: its name, its signature string and a thunk taking w2n_value arrays, from which
// w2n_run calls _initialize, _start or the export chosen by --invoke.
//
//===----------------------------------------------------------------------===//
#include "Translate/TranslateContext.h"
#include "wasm2native/Diagnostics.h"
#include <algorithm>
#include <set>

using namespace w2n;
using namespace llvm;

namespace {

struct WasiFunction { const char *Name, *Results, *Params; };
const WasiFunction WasiFunctions[] = {
#define W2N_WASI(Name, Results, Params) {#Name, Results, Params},
#include "Translate/WasiImports.def"
#undef W2N_WASI
};

const WasiFunction *findWasi(const Import &Imp) {
  if (Imp.Kind != ExternKind::Func || Imp.Module != "wasi_snapshot_preview1")
    return nullptr;
  for (const WasiFunction &W : WasiFunctions)
    if (Imp.Name == W.Name)
      return &W;
  return nullptr;
}

std::string typeLetters(const std::vector<ValType> &Ts) {
  std::string S;
  for (ValType T : Ts)
    S += T == ValType::I32 ? 'i' : T == ValType::I64 ? 'I' : '?';
  return S;
}

const char *kindName(ExternKind K) {
  switch (K) {
  case ExternKind::Func: return "function";
  case ExternKind::Table: return "table";
  case ExternKind::Memory: return "memory";
  case ExternKind::Global: return "global";
  case ExternKind::Tag: return "tag";
  }
  return "?";
}

bool isNumeric(ValType T) {
  return T == ValType::I32 || T == ValType::I64 || T == ValType::F32 || T == ValType::F64;
}

} // namespace

std::vector<std::string> w2n::hostImportSymbols(const w2n::Module &M) {
  std::vector<std::string> Out(M.Imports.size());
  std::set<std::string> Used;
  for (size_t I = 0; I < M.Imports.size(); ++I) {
    const Import &Imp = M.Imports[I];
    if (Imp.Kind != ExternKind::Func || findWasi(Imp))
      continue;
    std::string S = "w2n_host_";
    for (char Ch : Imp.Module + "_" + Imp.Name)
      S += isalnum(static_cast<unsigned char>(Ch)) || Ch == '_' ? Ch : '_';
    if (!Used.insert(S).second) { // "a.b" and "a_b": the later one gets its import index
      S += "_" + std::to_string(I);
      Used.insert(S);
    }
    Out[I] = S;
  }
  return Out;
}

Expected<std::vector<ImportBinding>> w2n::bindExecutableImports(const w2n::Module &M,
                                                                  const TranslateOptions &Opts) {
  std::vector<ImportBinding> Bindings(M.Imports.size(), ImportBinding::Wasi);
  std::vector<std::string> Symbols = hostImportSymbols(M);
  Error Errors = Error::success();
  auto Report = [&](const Import &Imp, const Twine &Message) {
    Errors = joinErrors(std::move(Errors), wasmError(Imp.Offset, Message));
  };
  for (size_t I = 0; I < M.Imports.size(); ++I) {
    const Import &Imp = M.Imports[I];
    std::string Name = Imp.Module + "." + Imp.Name;
    if (Imp.Kind == ExternKind::Memory) {
      continue; // created from its type (ModuleTranslator: ownsMemory)
    } else if (isThreadSpawn(M, Imp)) {
      Bindings[I] = ImportBinding::ThreadSpawn;
    } else if (Imp.Kind != ExternKind::Func) {
      Report(Imp, "unknown import " + Name + ": an executable cannot import a " + kindName(Imp.Kind) +
                      " (there is no host to give it; use --emit=obj to embed the module in a program)");
    } else if (const WasiFunction *W = findWasi(Imp)) {
      const FuncType &FT = M.funcType(Imp.Index);
      if (typeLetters(FT.Params) != W->Params || typeLetters(FT.Results) != W->Results)
        Report(Imp, "incompatible import type for " + Name);
    } else if (Opts.HostSymbols.count(Symbols[I])) {
      Bindings[I] = ImportBinding::Host;
    } else if (Opts.UnknownImports == UnknownImportPolicy::Trap) {
      Bindings[I] = ImportBinding::Trap;
    } else if (Opts.UnknownImports == UnknownImportPolicy::Zero) {
      Bindings[I] = ImportBinding::Zero;
    } else {
      Report(Imp, "unknown import " + Name + ": not a WASI function; link an object defining " + Symbols[I] +
                      " (see --emit=host-header) or use --unknown-imports=trap or zero");
    }
  }
  if (Errors)
    return Errors;
  return Bindings;
}

Error w2n::checkExecutable(const w2n::Module &M, const TranslateOptions &Opts) {
  Error Errors = Error::success();
  if (auto Bindings = bindExecutableImports(M, Opts); !Bindings)
    Errors = Bindings.takeError();
  bool Found = Opts.Invoke.empty();
  if (importsThreadSpawn(M) && std::none_of(M.Exports.begin(), M.Exports.end(), [](const Export &E) {
        return E.Kind == ExternKind::Func && E.Name == "wasi_thread_start";
      }))
    Errors = joinErrors(std::move(Errors),
                        wasmError(8, "the module imports wasi.thread-spawn but exports no 'wasi_thread_start'"));
  for (const Export &E : M.Exports) {
    if (E.Kind != ExternKind::Func)
      continue;
    const FuncType &FT = M.funcType(E.Index);
    if ((E.Name == "_start" || E.Name == "_initialize") && (!FT.Params.empty() || !FT.Results.empty()))
      Errors = joinErrors(std::move(Errors),
                          wasmError(8, "the '" + E.Name + "' export must take and return nothing"));
    if (E.Name == "wasi_thread_start" &&
        (FT.Params != std::vector<ValType>{ValType::I32, ValType::I32} || !FT.Results.empty()))
      Errors = joinErrors(std::move(Errors),
                          wasmError(8, "the 'wasi_thread_start' export must have type (i32, i32) -> ()"));
    if (E.Name != Opts.Invoke)
      continue;
    Found = true;
    for (ValType T : FT.Params)
      if (!isNumeric(T)) {
        Errors = joinErrors(std::move(Errors),
                            createStringError(inconvertibleErrorCode(),
                                              "--invoke: '" + E.Name + "' has " +
                                                  (T == ValType::ExternRef ? "an " : "a ") + valTypeName(T) +
                                                  " parameter, which cannot be given on the command line"));
        break;
      }
  }
  if (!Found)
    Errors = joinErrors(std::move(Errors), createStringError(inconvertibleErrorCode(),
                                                             "--invoke: the module exports no function '" +
                                                                 Opts.Invoke + "'"));
  return Errors;
}

void w2n::emitExecutableImport(ModuleContext &MC, uint32_t FuncIndex, ImportBinding Binding,
                               const std::string &HostSymbol) {
  llvm::Function *F = MC.Funcs[FuncIndex];
  const Import &Imp = MC.WM.Imports[MC.WM.Functions[FuncIndex].ImportIndex];
  const FuncType &FT = MC.WM.funcType(FuncIndex);
  IRBuilder<> B(BasicBlock::Create(MC.C, "entry", F));
  Type *Ptr = B.getPtrTy();
  switch (Binding) {
  case ImportBinding::Wasi:
  case ImportBinding::ThreadSpawn:
    llvm_unreachable("WASI imports and thread-spawn have their own wrappers");
  case ImportBinding::Zero:
    if (F->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Constant::getNullValue(F->getReturnType()));
    return;
  case ImportBinding::Trap: {
    FunctionCallee Trap = MC.LM.getOrInsertFunction("w2n_trap_unknown_import",
                                                    FunctionType::get(B.getVoidTy(), {Ptr}, false));
    cast<llvm::Function>(Trap.getCallee())->setDoesNotReturn();
    B.CreateCall(Trap, {B.CreateGlobalStringPtr(Imp.Module + "." + Imp.Name, "w2n.import")});
    B.CreateUnreachable();
    return;
  }
  case ImportBinding::Host:
    break;
  }
  // The embedding API's host-function convention: values in 16-byte w2n_value slots.
  constexpr uint64_t ValueSize = 16;
  auto Slots = [&](size_t N) {
    auto *A = B.CreateAlloca(ArrayType::get(B.getInt8Ty(), std::max<size_t>(N, 1) * ValueSize));
    A->setAlignment(Align(16));
    return A;
  };
  Value *Args = Slots(FT.Params.size()), *Results = Slots(FT.Results.size());
  for (unsigned K = 0; K < FT.Params.size(); ++K)
    B.CreateStore(F->getArg(K + 1), B.CreateConstGEP1_64(B.getInt8Ty(), Args, K * ValueSize));
  Value *Ctx = ConstantPointerNull::get(PointerType::get(MC.C, 0));
  if (!MC.WM.Memories.empty()) {
    auto *Mem = B.CreateLoad(Ptr, B.CreateStructGEP(MC.InstanceTy, F->getArg(0), MC.MemoryField));
    Mem->setMetadata(LLVMContext::MD_tbaa, MC.TBAARuntime);
    Ctx = Mem;
  }
  FunctionCallee Host =
      MC.LM.getOrInsertFunction(HostSymbol, FunctionType::get(B.getInt32Ty(), {Ptr, Ptr, Ptr}, false));
  Value *Status = B.CreateCall(Host, {Ctx, Args, Results});
  BasicBlock *TrapBB = BasicBlock::Create(MC.C, "trap", F), *Done = BasicBlock::Create(MC.C, "done", F);
  B.CreateCondBr(B.CreateICmpNE(Status, B.getInt32(0)), TrapBB, Done);
  IRBuilder<> TB(TrapBB);
  TB.CreateCall(MC.RT.Trap, {TB.getInt32(uint32_t(TrapKind::Host)), MC.trapFunctionName(F)});
  TB.CreateUnreachable();
  B.SetInsertPoint(Done);
  auto Load = [&](unsigned K) {
    return B.CreateLoad(MC.type(FT.Results[K]), B.CreateConstGEP1_64(B.getInt8Ty(), Results, K * ValueSize));
  };
  if (FT.Results.empty()) {
    B.CreateRetVoid();
  } else if (FT.Results.size() == 1) {
    B.CreateRet(Load(0));
  } else {
    Value *Agg = PoisonValue::get(F->getReturnType());
    for (unsigned K = 0; K < FT.Results.size(); ++K)
      Agg = B.CreateInsertValue(Agg, Load(K), K);
    B.CreateRet(Agg);
  }
}

std::pair<Constant *, uint32_t> w2n::emitExportTable(ModuleContext &MC, GlobalVariable *Instance) {
  LLVMContext &C = MC.C;
  Type *Ptr = PointerType::get(C, 0);
  constexpr uint64_t ValueSize = 16;
  auto *EntryTy = StructType::get(C, {Ptr, Ptr, Ptr});
  auto String = [&](const std::string &S) -> Constant * {
    Constant *Init = ConstantDataArray::getString(C, S);
    return new GlobalVariable(MC.LM, Init->getType(), true, GlobalValue::PrivateLinkage, Init, "w2n.str");
  };
  std::vector<Constant *> Entries;
  for (const Export &E : MC.WM.Exports) {
    if (E.Kind != ExternKind::Func)
      continue;
    uint32_t TypeIndex = MC.WM.Functions[E.Index].TypeIndex;
    const FuncType &FT = MC.WM.Types[TypeIndex];
    // The thunk stays outside w2n_code, so the wasm function is never inlined into it (a fault there
    // would not be recognised as a trap), as in w2n_module_main.
    auto *Thunk = llvm::Function::Create(FunctionType::get(Type::getVoidTy(C), {Ptr, Ptr}, false),
                                         GlobalValue::InternalLinkage, "w2n.invoke", MC.LM);
    Thunk->addFnAttr(Attribute::NoUnwind);
    IRBuilder<> B(BasicBlock::Create(C, "entry", Thunk));
    std::vector<Value *> Args{Instance};
    for (unsigned K = 0; K < FT.Params.size(); ++K)
      Args.push_back(B.CreateLoad(MC.type(FT.Params[K]),
                                  B.CreateConstGEP1_64(B.getInt8Ty(), Thunk->getArg(0), K * ValueSize)));
    CallInst *R = MC.wasmCall(B.CreateCall(MC.Funcs[E.Index], Args));
    R->setIsNoInline();
    for (unsigned K = 0; K < FT.Results.size(); ++K)
      B.CreateStore(FT.Results.size() == 1 ? (Value *)R : B.CreateExtractValue(R, K),
                    B.CreateConstGEP1_64(B.getInt8Ty(), Thunk->getArg(1), K * ValueSize));
    B.CreateRetVoid();
    Entries.push_back(ConstantStruct::get(EntryTy, {String(E.Name), String(MC.signatureString(TypeIndex)), Thunk}));
  }
  if (Entries.empty())
    return {ConstantPointerNull::get(cast<PointerType>(Ptr)), 0};
  auto *Ty = ArrayType::get(EntryTy, Entries.size());
  auto *Table = new GlobalVariable(MC.LM, Ty, true, GlobalValue::PrivateLinkage, ConstantArray::get(Ty, Entries),
                                   "w2n.exports");
  return {Table, uint32_t(Entries.size())};
}
