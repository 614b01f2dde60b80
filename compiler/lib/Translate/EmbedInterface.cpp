//===- EmbedInterface.cpp - What an embedded module tells its runtime -----===//
//
// For --emit=obj the module is a library of a host program. This file emits what the embedding
// runtime (runtime-lib/embed) needs to drive it without knowing its instance layout, all described by
// one constant `<name>_module` of type w2n_module (runtime-lib/include/w2n_embed.h):
//
//  * the import table: names, kinds and types, plus where each import goes in the instance. The runtime
//    checks the host's externs against the types and writes them in: a funcref descriptor for a
//    function, a pointer for a memory, table or global;
//  * the export table: names, kinds, types and where each export lives in the instance;
//  * a host adapter per imported function type: wasm code calls an import through its descriptor, and
//    for a host function the descriptor's code is the adapter, which packs the arguments into
//    w2n_value arrays and calls the host's w2n_host_fn with its context (the descriptor's instance
//    field points to the {fn, ctx} binding inside the instance);
//  * a dynamic-call thunk per exported function type, which unpacks w2n_value arguments, calls the
//    function through its descriptor and packs the results: the one path by which a host calls wasm.
//
// All of it is internal or constant except `<name>_module`, so modules never clash at link time; the
// canonical signature objects are shared on purpose (call_indirect compares them by address).
//
//===----------------------------------------------------------------------===//
#include "Translate/TranslateContext.h"
#include <map>

using namespace w2n;
using namespace llvm;

namespace {

// w2n_extern_kind
enum : uint32_t { ExternFunc = 0, ExternTable = 1, ExternMemory = 2, ExternGlobal = 3, ExternTag = 5 };
constexpr uint64_t ValueSize = 16; // sizeof(w2n_value)

class EmbedEmitter {
public:
  EmbedEmitter(ModuleContext &MC) : MC(MC), WM(MC.WM), C(MC.C), Ptr(PointerType::get(MC.C, 0)) {}
  void run(llvm::Function *Initialize);

private:
  Constant *string(const std::string &S);
  llvm::Function *hostAdapter(uint32_t TypeIndex);
  llvm::Function *dynCall(uint32_t TypeIndex);
  void storeValue(IRBuilder<> &B, Value *Array, unsigned Index, Value *V);
  Value *loadValue(IRBuilder<> &B, Value *Array, unsigned Index, ValType T);
  std::string externType(ExternKind Kind, uint32_t Index) const;
  uint32_t kindOf(ExternKind K) const;

  ModuleContext &MC;
  const w2n::Module &WM;
  LLVMContext &C;
  Type *Ptr;
  std::map<uint32_t, llvm::Function *> Adapters, DynCalls;
};

} // namespace

void w2n::emitImportThunk(ModuleContext &MC, uint32_t FuncIndex) {
  // A call to an import goes through the descriptor the runtime wrote when it linked the import:
  // another instance's function, or a host adapter bound to the host's function.
  llvm::Function *F = MC.Funcs[FuncIndex];
  IRBuilder<> B(BasicBlock::Create(MC.C, "entry", F));
  Value *Desc = B.CreateConstGEP2_32(ArrayType::get(MC.RT.FuncRefTy, MC.WM.Functions.size()),
                                     B.CreateStructGEP(MC.InstanceTy, F->getArg(0), MC.FuncRefsField), 0,
                                     FuncIndex);
  auto Load = [&](unsigned Field) {
    auto *L = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.FuncRefTy, Desc, Field));
    L->setMetadata(LLVMContext::MD_tbaa, MC.TBAARuntime);
    L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MC.C, {}));
    return L;
  };
  Value *Code = Load(1), *Callee = Load(2);
  std::vector<Value *> Args{Callee};
  for (size_t K = 1; K < F->arg_size(); ++K)
    Args.push_back(F->getArg(K));
  // A tail call where the convention guarantees one (the thunk has the callee's type), so that a
  // return_call to an import stays in constant stack.
  CallInst *R = MC.wasmCall(B.CreateCall(F->getFunctionType(), Code, Args));
  if ((MC.tailCallsAnyType() || MC.tailCallInRegisters(F->getFunctionType())) &&
      MC.resultInRegisters(F->getReturnType())) {
    F->removeFnAttr("disable-tail-calls");
    R->setTailCallKind(CallInst::TCK_MustTail);
  }
  if (F->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(R);
}

Constant *EmbedEmitter::string(const std::string &S) {
  Constant *Init = ConstantDataArray::getString(C, S);
  return new GlobalVariable(MC.LM, Init->getType(), true, GlobalValue::PrivateLinkage, Init, "w2n.str");
}

void EmbedEmitter::storeValue(IRBuilder<> &B, Value *Array, unsigned Index, Value *V) {
  B.CreateStore(V, B.CreateConstGEP1_64(B.getInt8Ty(), Array, Index * ValueSize));
}

Value *EmbedEmitter::loadValue(IRBuilder<> &B, Value *Array, unsigned Index, ValType T) {
  return B.CreateLoad(MC.type(T), B.CreateConstGEP1_64(B.getInt8Ty(), Array, Index * ValueSize));
}

llvm::Function *EmbedEmitter::hostAdapter(uint32_t TypeIndex) {
  if (llvm::Function *F = Adapters[TypeIndex])
    return F;
  const FuncType &FT = WM.Types[TypeIndex];
  auto *F = llvm::Function::Create(MC.FuncTypes[TypeIndex], GlobalValue::InternalLinkage,
                                   "w2n.host." + MC.signatureString(TypeIndex), MC.LM);
  F->setCallingConv(MC.WasmCC); // wasm code calls it through a funcref
  F->addFnAttr(Attribute::NoUnwind);
  F->addFnAttr("disable-tail-calls", "true");
  IRBuilder<> B(BasicBlock::Create(C, "entry", F));
  auto Slots = [&](size_t N) {
    auto *A = B.CreateAlloca(ArrayType::get(B.getInt8Ty(), std::max<size_t>(N, 1) * ValueSize));
    A->setAlignment(Align(16));
    return A;
  };
  Value *Args = Slots(FT.Params.size()), *Results = Slots(FT.Results.size());
  for (unsigned K = 0; K < FT.Params.size(); ++K)
    storeValue(B, Args, K, F->getArg(K + 1));
  Value *Binding = F->getArg(0);
  Value *HostFn = B.CreateLoad(Ptr, B.CreateStructGEP(MC.HostBindingTy, Binding, 0));
  Value *Ctx = B.CreateLoad(Ptr, B.CreateStructGEP(MC.HostBindingTy, Binding, 1));
  auto *HostTy = FunctionType::get(B.getInt32Ty(), {Ptr, Ptr, Ptr}, false);
  Value *Status = B.CreateCall(HostTy, HostFn, {Ctx, Args, Results});
  BasicBlock *Trap = BasicBlock::Create(C, "trap", F), *Done = BasicBlock::Create(C, "done", F);
  B.CreateCondBr(B.CreateICmpNE(Status, B.getInt32(0)), Trap, Done);
  IRBuilder<> TB(Trap);
  TB.CreateCall(MC.RT.Trap, {TB.getInt32(uint32_t(TrapKind::Host)), MC.trapFunctionName(F)});
  TB.CreateUnreachable();
  B.SetInsertPoint(Done);
  if (FT.Results.empty()) {
    B.CreateRetVoid();
  } else if (FT.Results.size() == 1) {
    B.CreateRet(loadValue(B, Results, 0, FT.Results[0]));
  } else {
    Value *Agg = PoisonValue::get(F->getReturnType());
    for (unsigned K = 0; K < FT.Results.size(); ++K)
      Agg = B.CreateInsertValue(Agg, loadValue(B, Results, K, FT.Results[K]), K);
    B.CreateRet(Agg);
  }
  return Adapters[TypeIndex] = F;
}

llvm::Function *EmbedEmitter::dynCall(uint32_t TypeIndex) {
  if (llvm::Function *F = DynCalls[TypeIndex])
    return F;
  const FuncType &FT = WM.Types[TypeIndex];
  auto *F = llvm::Function::Create(FunctionType::get(Type::getVoidTy(C), {Ptr, Ptr, Ptr}, false),
                                   GlobalValue::InternalLinkage,
                                   "w2n.dyncall." + MC.signatureString(TypeIndex), MC.LM);
  F->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(C, "entry", F));
  Value *Desc = F->getArg(0), *Args = F->getArg(1), *Results = F->getArg(2);
  Value *Code = B.CreateLoad(Ptr, B.CreateStructGEP(MC.RT.FuncRefTy, Desc, 1));
  std::vector<Value *> CallArgs{B.CreateLoad(Ptr, B.CreateStructGEP(MC.RT.FuncRefTy, Desc, 2))};
  for (unsigned K = 0; K < FT.Params.size(); ++K)
    CallArgs.push_back(loadValue(B, Args, K, FT.Params[K]));
  Value *R = MC.wasmCall(B.CreateCall(MC.FuncTypes[TypeIndex], Code, CallArgs));
  if (FT.Results.size() == 1)
    storeValue(B, Results, 0, R);
  else
    for (unsigned K = 0; K < FT.Results.size(); ++K)
      storeValue(B, Results, K, B.CreateExtractValue(R, K));
  B.CreateRetVoid();
  return DynCalls[TypeIndex] = F;
}

std::string EmbedEmitter::externType(ExternKind Kind, uint32_t Index) const {
  switch (Kind) {
  case ExternKind::Func: return MC.signatureString(WM.Functions[Index].TypeIndex);
  case ExternKind::Table: // the element type, then 'I' for a table64
    return std::string(1, valTypeLetter(WM.Tables[Index].Elem)) + (WM.Tables[Index].Is64 ? "I" : "") +
           MC.refTypeSuffix(WM.Tables[Index].Elem);
  case ExternKind::Memory: // the address type, then 's' for a shared memory
    return std::string(WM.Memories[Index].Is64 ? "I" : "i") + (WM.Memories[Index].Shared ? "s" : "");
  case ExternKind::Global:
    return std::string(1, valTypeLetter(WM.Globals[Index].Type.Type)) + MC.refTypeSuffix(WM.Globals[Index].Type.Type);
  case ExternKind::Tag: return MC.signatureString(WM.Tags[Index]);
  }
  return "";
}

uint32_t EmbedEmitter::kindOf(ExternKind K) const {
  switch (K) {
  case ExternKind::Func: return ExternFunc;
  case ExternKind::Table: return ExternTable;
  case ExternKind::Memory: return ExternMemory;
  case ExternKind::Global: return ExternGlobal;
  case ExternKind::Tag: return ExternTag;
  }
  return ExternFunc;
}

void EmbedEmitter::run(llvm::Function *Initialize) {
  Type *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
  auto U32 = [&](uint64_t V) { return ConstantInt::get(I32, V); };
  auto U64 = [&](uint64_t V) { return ConstantInt::get(I64, V); };
  Constant *Null = ConstantPointerNull::get(PointerType::get(C, 0));

  // w2n_import_info, in import order.
  auto *ImportTy = StructType::get(C, {Ptr, Ptr, I32, I32, I32, Ptr, Ptr, I32, I64, I64, I32, I32, Ptr});
  std::vector<Constant *> Imports;
  uint32_t FuncImport = 0;
  for (const Import &Imp : WM.Imports) {
    Constant *Sig = Null, *Adapter = Null;
    uint32_t Offset = 0, BindingOffset = 0, Mutable = 0;
    uint64_t Min = 0, Max = UINT64_MAX;
    switch (Imp.Kind) {
    case ExternKind::Func: {
      uint32_t TypeIndex = WM.Functions[Imp.Index].TypeIndex;
      Sig = MC.signature(TypeIndex);
      Adapter = hostAdapter(TypeIndex);
      Offset = MC.fieldOffset(MC.FuncRefsField, int(Imp.Index));
      BindingOffset = MC.fieldOffset(MC.HostBindingsField, int(FuncImport++));
      break;
    }
    case ExternKind::Table:
      Offset = MC.fieldOffset(MC.TableFields[Imp.Index]);
      Min = WM.Tables[Imp.Index].Lim.Min;
      Max = WM.Tables[Imp.Index].Lim.Max.value_or(UINT64_MAX);
      break;
    case ExternKind::Memory:
      Offset = MC.fieldOffset(MC.MemoryFields[Imp.Index]);
      Min = WM.Memories[Imp.Index].Lim.Min;
      Max = WM.Memories[Imp.Index].Lim.Max.value_or(UINT64_MAX);
      break;
    case ExternKind::Global:
      Offset = MC.fieldOffset(MC.GlobalFields[Imp.Index]);
      Mutable = WM.Globals[Imp.Index].Type.Mutable;
      break;
    case ExternKind::Tag: // the runtime checks the signature and stores the w2n_tag's address
      Sig = MC.signature(WM.Tags[Imp.Index]);
      Offset = MC.fieldOffset(MC.TagFields[Imp.Index]);
      break;
    }
    Imports.push_back(ConstantStruct::get(
        ImportTy, {string(Imp.Module), string(Imp.Name), U32(Imp.Module.size()), U32(Imp.Name.size()),
                   U32(kindOf(Imp.Kind)),
                   string(externType(Imp.Kind, Imp.Index)), Sig, U32(Mutable), U64(Min), U64(Max),
                   U32(Offset), U32(BindingOffset), Adapter}));
  }

  // w2n_export_info, in export order.
  auto *ExportTy = StructType::get(C, {Ptr, I32, I32, Ptr, I32, I32, I32, Ptr});
  std::vector<Constant *> Exports;
  for (const Export &E : WM.Exports) {
    uint32_t Offset = 0, Indirect = 0, Mutable = 0;
    Constant *DynCall = Null;
    switch (E.Kind) {
    case ExternKind::Func:
      Offset = MC.fieldOffset(MC.FuncRefsField, int(E.Index));
      DynCall = dynCall(WM.Functions[E.Index].TypeIndex);
      break;
    case ExternKind::Table:
      Offset = MC.fieldOffset(MC.TableFields[E.Index]);
      Indirect = 1;
      break;
    case ExternKind::Memory:
      Offset = MC.fieldOffset(MC.MemoryFields[E.Index]);
      Indirect = 1;
      break;
    case ExternKind::Global:
      Offset = MC.fieldOffset(MC.GlobalFields[E.Index]);
      Indirect = MC.isImportedGlobal(E.Index);
      Mutable = WM.Globals[E.Index].Type.Mutable;
      break;
    case ExternKind::Tag:
      Offset = MC.fieldOffset(MC.TagFields[E.Index]);
      Indirect = 1;
      break;
    }
    Exports.push_back(ConstantStruct::get(
        ExportTy, {string(E.Name), U32(E.Name.size()), U32(kindOf(E.Kind)), string(externType(E.Kind, E.Index)),
                   U32(Mutable), U32(Offset), U32(Indirect), DynCall}));
  }

  auto Array = [&](Type *ElemTy, const std::vector<Constant *> &Items, const char *Name) -> Constant * {
    if (Items.empty())
      return Null;
    auto *Ty = ArrayType::get(ElemTy, Items.size());
    return new GlobalVariable(MC.LM, Ty, true, GlobalValue::PrivateLinkage, ConstantArray::get(Ty, Items), Name);
  };
  std::vector<Constant *> MemoryOffsets, TableOffsets;
  for (int Field : MC.MemoryStorageFields)
    if (Field >= 0)
      MemoryOffsets.push_back(U32(MC.fieldOffset(unsigned(Field))));
  for (int Field : MC.TableStorageFields)
    if (Field >= 0)
      TableOffsets.push_back(U32(MC.fieldOffset(unsigned(Field))));

  auto *ModuleTy = StructType::get(C, {Ptr, I32, I32, I32, Ptr, Ptr, I32, I32, Ptr, Ptr, Ptr});
  Constant *Desc = ConstantStruct::get(
      ModuleTy,
      {string(MC.Opts.ModuleName), U32(MC.LM.getDataLayout().getTypeAllocSize(MC.InstanceTy)),
       U32(Imports.size()), U32(Exports.size()), Array(ImportTy, Imports, "w2n.imports"),
       Array(ExportTy, Exports, "w2n.exports"), U32(MemoryOffsets.size()), U32(TableOffsets.size()),
       Array(I32, MemoryOffsets, "w2n.memory_offsets"), Array(I32, TableOffsets, "w2n.table_offsets"),
       Initialize});
  new GlobalVariable(MC.LM, ModuleTy, true, GlobalValue::ExternalLinkage, Desc,
                     MC.Opts.ModuleName + "_module");
}

void w2n::emitEmbedInterface(ModuleContext &MC, llvm::Function *Initialize) {
  EmbedEmitter(MC).run(Initialize);
}
