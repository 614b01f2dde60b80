//===- ModuleTranslator.cpp - Instance layout, instantiation, entry point -===//
//
// Lays out the instance (one LLVM struct: memory and table pointers, globals, the funcref descriptor of
// every function, the remaining lengths of data and element segments), creates one LLVM function per
// wasm function, translates the bodies, and emits the instantiation routine that the spec's
// "instantiate" describes: memories and tables, globals, funcref descriptors, then active element and
// data segments in order (a segment out of bounds traps; those before it stay applied), then start.
//
// Executables have one instance, a global, and an entry point w2n_module_main that instantiates it and
// hands the runtime's w2n_run the table of its exported functions (which runs _initialize, _start or
// the --invoke export). Their imported functions are the WASI functions of WasiImports.def, each
// reached through a small wrapper that passes memory 0 to the shim, or are bound to a host object,
// a trap or zeros (ExecutableInterface.cpp).
//
// Embedded modules (--emit=obj) take any imports. The embedding runtime allocates the instance, writes
// each import into it (a funcref descriptor, or a pointer to a memory, table or global) and then calls
// the instantiation routine, so the routine only initialises what the module defines itself
// (EmbedInterface.cpp describes the layout to the runtime).
//
// A partition of a split module (ModulePart) is translated the same way into its own LLVM module:
// every partition lays out the same instance and declares the same runtime, defines the functions
// whose home it is (internal unless another partition names them), keeps available_externally copies
// of those it imports and declares the rest; only partition 0 has the module-level code and the data
// segments. Signature identities (w2n.sig.*) are linkonce_odr, so each partition defines the ones it
// uses and the linker keeps one; trap-name strings are private to each partition.
//
//===----------------------------------------------------------------------===//
#include "Translate/TranslateContext.h"
#include "wasm2native/CodeGen.h"
#include "wasm2native/Diagnostics.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

using namespace w2n;
using namespace llvm;

Type *ModuleContext::type(ValType T) const {
  switch (T.kind()) {
  case ValType::I32: return Type::getInt32Ty(C);
  case ValType::I64: return Type::getInt64Ty(C);
  case ValType::F32: return Type::getFloatTy(C);
  case ValType::F64: return Type::getDoubleTy(C);
  case ValType::V128: return v128Type();
  case ValType::FuncRef:
  case ValType::ExternRef:
  case ValType::NullFuncRef:
  case ValType::NullExternRef:
  case ValType::Typed:      // a typed function reference is a funcref (a w2n_funcref pointer)
  case ValType::ExnRef:     // a pointer to the exception object (TranslateExceptions.cpp)
  case ValType::NullExnRef: return PointerType::get(C, 0);
  case ValType::Bottom: break;
  }
  llvm_unreachable("no LLVM type for this value type");
}

Type *ModuleContext::resultType(const std::vector<ValType> &Results) const {
  if (Results.empty())
    return Type::getVoidTy(C);
  if (Results.size() == 1)
    return type(Results[0]);
  std::vector<Type *> Ts;
  for (ValType T : Results)
    Ts.push_back(type(T));
  return StructType::get(C, Ts);
}

Constant *ModuleContext::signature(uint32_t TypeIndex) {
  // Named after the signature so that equal types, even from other modules, share one object.
  std::string Name = "w2n.sig." + signatureString(TypeIndex) + typedSignatureSuffix(TypeIndex);
  if (GlobalVariable *G = LM.getGlobalVariable(Name))
    return G;
  auto *G = new GlobalVariable(LM, Type::getInt8Ty(C), true, GlobalValue::LinkOnceODRLinkage,
                               ConstantInt::get(Type::getInt8Ty(C), 0), Name);
  G->setVisibility(GlobalValue::HiddenVisibility);
  // COFF merges duplicates only within COMDATs (ELF's linker merges linkonce symbols without one).
  if (Triple.isOSBinFormatCOFF())
    G->setComdat(LM.getOrInsertComdat(Name));
  return G;
}

std::string ModuleContext::functionDisplayName(uint32_t FuncIndex) const {
  if (FuncIndex < WM.FunctionNames.size() && !WM.FunctionNames[FuncIndex].empty())
    return WM.FunctionNames[FuncIndex];
  if (WM.Functions[FuncIndex].Imported) {
    const Import &Imp = WM.Imports[WM.Functions[FuncIndex].ImportIndex];
    return Imp.Module + "." + Imp.Name;
  }
  return "func[" + std::to_string(FuncIndex) + "]";
}

void ModuleContext::setDisplayName(llvm::Function *F, const std::string &Name) {
  F->setMetadata("w2n.name", MDNode::get(C, MDString::get(C, Name)));
}

GlobalVariable *ModuleContext::dataSegment(uint32_t D) {
  GlobalVariable *&G = DataSegments[D];
  if (!G) { // partition 0 defines it (layoutInstance)
    G = new GlobalVariable(LM, ArrayType::get(Type::getInt8Ty(C), WM.Datas[D].DataSize), true,
                           GlobalValue::ExternalLinkage, nullptr, "w2n.data." + Twine(D));
    G->setVisibility(GlobalValue::HiddenVisibility);
  }
  return G;
}

Constant *ModuleContext::trapFunctionName(llvm::Function *F) {
  Constant *&Name = TrapFunctionNames[F];
  if (!Name) {
    std::string Text = F->getName().str();
    if (MDNode *MD = F->getMetadata("w2n.name"))
      Text = cast<MDString>(MD->getOperand(0))->getString().str();
    Constant *Str = ConstantDataArray::getString(C, Text);
    auto *GV = new GlobalVariable(LM, Str->getType(), true, GlobalValue::PrivateLinkage, Str, "w2n.name");
    GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    Name = GV;
  }
  return Name;
}

char w2n::valTypeLetter(ValType T) {
  // Every reference of the func hierarchy is a funcref to the runtime and the host: one letter.
  if (T.isRef())
    T = ValType(w2n::Module::topHeap(T));
  switch (T.kind()) {
  case ValType::I32: return 'i';
  case ValType::I64: return 'I';
  case ValType::F32: return 'f';
  case ValType::F64: return 'F';
  case ValType::V128: return 'v';
  case ValType::FuncRef: return 'r';
  case ValType::ExternRef: return 'e';
  case ValType::ExnRef:
  case ValType::NullExnRef: return 'x';
  default: return '?';
  }
}

std::string ModuleContext::signatureString(uint32_t TypeIndex) const {
  std::string S;
  for (ValType T : WM.Types[TypeIndex].Params)
    S += valTypeLetter(T);
  S += '_';
  for (ValType T : WM.Types[TypeIndex].Results)
    S += valTypeLetter(T);
  return S;
}

std::string ModuleContext::typedSignatureSuffix(uint32_t TypeIndex, unsigned Depth) const {
  // The letters say funcref for every function reference; signatures of typed or non-nullable
  // references (function references proposal) differ from those of funcref ones, so their objects
  // get the structure too: 'n'/'N' for a (non-)nullable reference, then its heap type (a type's
  // structure in parentheses, or '^' for a type being expanded: a type that refers to itself).
  std::string S;
  bool Any = false;
  const FuncType &FT = WM.Types[TypeIndex];
  for (const auto *List : {&FT.Params, &FT.Results}) {
    S += List == &FT.Params ? "" : "_";
    for (ValType T : *List) {
      if (!T.isRef() || T == ValType(w2n::Module::topHeap(T))) { // said by the letter
        S += '.';
        continue;
      }
      Any = true;
      S += refTypeCode(T, TypeIndex, Depth);
    }
  }
  return Any ? "." + S : "";
}

std::string ModuleContext::refTypeCode(ValType T, uint32_t Self, unsigned Depth) const {
  std::string S(1, T.nullable() ? 'n' : 'N');
  if (T.kind() == ValType::Typed)
    return S + (Depth >= 4 || T.typeIndex() == Self
                    ? std::string("^")
                    : "(" + signatureString(T.typeIndex()) + typedSignatureSuffix(T.typeIndex(), Depth + 1) + ")");
  if (T.kind() != w2n::Module::topHeap(T))
    S += '0'; // a bottom type: nofunc, noextern, noexn
  return S + valTypeLetter(T);
}

std::string ModuleContext::refTypeSuffix(ValType T) const {
  if (!T.isRef() || T == ValType(w2n::Module::topHeap(T)))
    return "";
  return ":" + refTypeCode(T);
}

Value *ModuleContext::globalAddress(IRBuilder<> &B, Value *Inst, uint32_t G) {
  Value *Field = B.CreateStructGEP(InstanceTy, Inst, GlobalFields[G]);
  if (!isImportedGlobal(G))
    return Field;
  auto *P = B.CreateLoad(B.getPtrTy(), Field, "global.import");
  P->setMetadata(LLVMContext::MD_tbaa, TBAARuntime);
  P->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(C, {}));
  return P;
}

uint32_t ModuleContext::fieldOffset(unsigned Field, int Elem) const {
  const StructLayout *SL = LM.getDataLayout().getStructLayout(InstanceTy);
  uint64_t Offset = SL->getElementOffset(Field);
  if (Elem >= 0) {
    auto *AT = cast<ArrayType>(InstanceTy->getElementType(Field));
    Offset += uint64_t(Elem) * LM.getDataLayout().getTypeAllocSize(AT->getElementType());
  }
  return uint32_t(Offset);
}

namespace {

class ModuleTranslator {
public:
  ModuleTranslator(ModuleContext &MC) : MC(MC), WM(MC.WM) {}
  Error run();

private:
  void layoutInstance();
  void createFunctions();
  void emitWasiWrapper(uint32_t FuncIndex);
  llvm::Function *emitInstantiate();
  /// A loop over Rows, a constant table of RowTy emitted as the private global Name: Body gets the
  /// address of the current row and its index.
  void emitConstantTableLoop(llvm::IRBuilder<> &B, llvm::Function *F, llvm::Type *RowTy,
                             const std::vector<llvm::Constant *> &Rows, const char *Name,
                             llvm::function_ref<void(llvm::IRBuilder<> &, llvm::Value *, llvm::Value *)> Body);
  /// Element segment E's items into the instance's copy of it.
  void emitElemItems(llvm::IRBuilder<> &B, llvm::Function *F, uint32_t E, llvm::Value *Inst);
  Value *constExpr(IRBuilder<> &B, const ConstExpr &E, Value *Inst);
  void emitTrapIf(IRBuilder<> &B, llvm::Function *F, Value *Cond, TrapKind Kind);
  void emitMain(llvm::Function *Instantiate);
  void emitConfig();

  ModuleContext &MC;
  const w2n::Module &WM;
  GlobalVariable *InstanceGV = nullptr;
  std::vector<ImportBinding> Bindings; ///< an executable's, per import
  std::vector<std::string> HostSymbols; ///< an executable's host-function symbols, per import
};

} // namespace

void ModuleTranslator::layoutInstance() {
  LLVMContext &C = MC.C;
  Type *Ptr = PointerType::get(C, 0);
  std::vector<Type *> Fields;
  auto Add = [&](Type *T) {
    Fields.push_back(T);
    return unsigned(Fields.size() - 1);
  };
  MC.ModuleField = Add(Ptr);
  MC.MemoryField = Add(Ptr);
  if (!WM.Memories.empty() && MC.ownsMemory(0))
    MC.MemoryStorageField = int(Add(MC.RT.MemoryTy));
  if (!WM.Memories.empty()) {
    MC.MemoryFields.push_back(MC.MemoryField);
    MC.MemoryStorageFields.push_back(MC.MemoryStorageField);
  }
  for (size_t Mem = 1; Mem < WM.Memories.size(); ++Mem) {
    MC.MemoryFields.push_back(Add(Ptr));
    MC.MemoryStorageFields.push_back(MC.ownsMemory(Mem) ? int(Add(MC.RT.MemoryTy)) : -1);
  }
  for (size_t T = 0; T < WM.Tables.size(); ++T) {
    MC.TableFields.push_back(Add(Ptr));
    MC.TableStorageFields.push_back(T < WM.NumImportedTables ? -1 : int(Add(MC.RT.TableTy)));
  }
  for (uint32_t G = 0; G < WM.Globals.size(); ++G)
    MC.GlobalFields.push_back(Add(MC.isImportedGlobal(G) ? Ptr : MC.type(WM.Globals[G].Type.Type)));
  for (uint32_t T = 0; T < WM.Tags.size(); ++T) {
    MC.TagFields.push_back(Add(Ptr));
    MC.TagStorageFields.push_back(T < WM.NumImportedTags ? -1 : int(Add(Ptr)));
  }
  MC.FuncRefsField = Add(ArrayType::get(MC.RT.FuncRefTy, WM.Functions.size()));
  MC.HostBindingTy = StructType::get(C, {Ptr, Ptr});
  MC.HostBindingsField = Add(ArrayType::get(MC.HostBindingTy, WM.NumImportedFuncs));
  MC.DataLenField = Add(ArrayType::get(Type::getInt32Ty(C), WM.Datas.size()));
  MC.ElemLenField = Add(ArrayType::get(Type::getInt32Ty(C), WM.Elems.size()));
  for (const ElemSegment &S : WM.Elems)
    MC.ElemSegFields.push_back(Add(ArrayType::get(Ptr, S.Items.size())));
  MC.InstanceTy = StructType::create(C, Fields, "w2n.instance");

  MC.DataSegments.assign(WM.Datas.size(), nullptr);
  if (!MC.moduleLevel())
    return;
  for (size_t D = 0; D < WM.Datas.size(); ++D) {
    const DataSegment &S = WM.Datas[D];
    auto *Init = ConstantDataArray::get(
        C, ArrayRef<uint8_t>(WM.Bytes.data() + S.DataOffset, S.DataSize));
    bool Shared = MC.Part && MC.Part->SharedData[D];
    auto *G = new GlobalVariable(MC.LM, Init->getType(), true,
                                 Shared ? GlobalValue::ExternalLinkage : GlobalValue::PrivateLinkage,
                                 Init, "w2n.data." + Twine(D));
    if (Shared)
      G->setVisibility(GlobalValue::HiddenVisibility);
    MC.DataSegments[D] = G;
  }
}

void ModuleTranslator::createFunctions() {
  Type *Ptr = PointerType::get(MC.C, 0);
  for (const FuncType &FT : WM.Types) {
    std::vector<Type *> Params{Ptr};
    for (ValType T : FT.Params)
      Params.push_back(MC.type(T));
    MC.FuncTypes.push_back(FunctionType::get(MC.resultType(FT.Results), Params, false));
  }
  for (uint32_t I = 0; I < WM.Functions.size(); ++I) {
    // In a partition: internal where only its home names it, otherwise a hidden global symbol
    // (defined at home, declared or an available_externally copy elsewhere).
    ModulePart::Use Use = MC.Part ? MC.Part->Functions[I] : ModulePart::Defined;
    bool Local = Use == ModulePart::Defined && !(MC.Part && MC.Part->SharedFunctions[I]);
    llvm::Function *F = llvm::Function::Create(
        MC.FuncTypes[WM.Functions[I].TypeIndex],
        Local                           ? GlobalValue::InternalLinkage
        : Use == ModulePart::Imported   ? GlobalValue::AvailableExternallyLinkage
                                        : GlobalValue::ExternalLinkage,
        functionSymbol(WM, I), MC.LM);
    if (!Local)
      F->setVisibility(GlobalValue::HiddenVisibility);
    F->setSection(codeSectionName(MC.Triple));
    F->setCallingConv(MC.WasmCC);
    if (Use != ModulePart::Declared)
      MC.setDisplayName(F, MC.functionDisplayName(I));
    F->addFnAttr(Attribute::NoUnwind);
    // Only return_call is a tail call: every other call consumes stack, so unbounded recursion must
    // reach the stack limit and trap. Tail-recursion elimination would turn it into an endless
    // loop, and a sibling call would hide the caller from the runtime's trap report. (A function
    // that uses return_call loses this attribute, which would forbid its musttail calls, and marks
    // its other calls notail instead: FunctionTranslator.cpp.)
    F->addFnAttr("disable-tail-calls", "true");
    MC.Funcs.push_back(F);
  }
}

std::string w2n::functionSymbol(const w2n::Module &WM, uint32_t I) {
  // Symbols carry the name-section name too, for debuggers and profilers.
  std::string Symbol = "w2n_f" + std::to_string(I);
  if (I < WM.FunctionNames.size() && !WM.FunctionNames[I].empty()) {
    Symbol += '_';
    for (char Ch : WM.FunctionNames[I].substr(0, 64))
      Symbol += isalnum(static_cast<unsigned char>(Ch)) ? Ch : '_';
  }
  return Symbol;
}

void ModuleTranslator::emitWasiWrapper(uint32_t FuncIndex) {
  const Import &Imp = WM.Imports[WM.Functions[FuncIndex].ImportIndex];
  llvm::Function *F = MC.Funcs[FuncIndex];
  Type *Ptr = PointerType::get(MC.C, 0);
  std::vector<Type *> Params{Ptr};
  for (size_t K = 1; K < F->arg_size(); ++K)
    Params.push_back(F->getArg(K)->getType());
  FunctionCallee Shim = MC.LM.getOrInsertFunction(
      "w2n_wasi_" + Imp.Name, FunctionType::get(F->getReturnType(), Params, false));
  IRBuilder<> B(BasicBlock::Create(MC.C, "entry", F));
  std::vector<Value *> Args;
  if (WM.Memories.empty()) {
    Args.push_back(ConstantPointerNull::get(PointerType::get(MC.C, 0)));
  } else {
    auto *Mem = B.CreateLoad(Ptr, B.CreateStructGEP(MC.InstanceTy, F->getArg(0), MC.MemoryField));
    Mem->setMetadata(LLVMContext::MD_tbaa, MC.TBAARuntime);
    Args.push_back(Mem);
  }
  for (size_t K = 1; K < F->arg_size(); ++K)
    Args.push_back(F->getArg(K));
  Value *R = B.CreateCall(Shim, Args);
  if (F->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(R);
}

void ModuleTranslator::emitTrapIf(IRBuilder<> &B, llvm::Function *F, Value *Cond, TrapKind Kind) {
  BasicBlock *TrapBB = BasicBlock::Create(MC.C, "trap", F);
  BasicBlock *Cont = BasicBlock::Create(MC.C, "cont", F);
  B.CreateCondBr(Cond, TrapBB, Cont);
  IRBuilder<> TB(TrapBB);
  TB.CreateCall(MC.RT.Trap, {TB.getInt32(uint32_t(Kind)), MC.trapFunctionName(F)});
  TB.CreateUnreachable();
  B.SetInsertPoint(Cont);
}

Value *ModuleTranslator::constExpr(IRBuilder<> &B, const ConstExpr &E, Value *Inst) {
  switch (E.K) {
  case ConstExpr::I32: return B.getInt32(uint32_t(E.Bits));
  case ConstExpr::I64: return B.getInt64(E.Bits);
  case ConstExpr::F32: return B.CreateBitCast(B.getInt32(uint32_t(E.Bits)), B.getFloatTy());
  case ConstExpr::F64: return B.CreateBitCast(B.getInt64(E.Bits), B.getDoubleTy());
  case ConstExpr::V128: {
    Constant *Lanes[2] = {B.getInt64(E.Bits), B.getInt64(E.High)};
    return B.CreateBitCast(ConstantVector::get(Lanes), MC.v128Type());
  }
  case ConstExpr::RefNull: return ConstantPointerNull::get(B.getPtrTy());
  case ConstExpr::RefFunc:
    return B.CreateConstGEP2_32(ArrayType::get(MC.RT.FuncRefTy, WM.Functions.size()),
                                B.CreateStructGEP(MC.InstanceTy, Inst, MC.FuncRefsField), 0,
                                uint32_t(E.Bits));
  case ConstExpr::GlobalGet:
    return B.CreateLoad(MC.type(WM.Globals[E.Bits].Type.Type), MC.globalAddress(B, Inst, uint32_t(E.Bits)));
  case ConstExpr::Extended: {
    // Integer arithmetic wraps, as in function bodies. Globals read here were initialised earlier
    // in the instantiation routine (a global may only name earlier ones).
    std::vector<Value *> Stack;
    for (const ConstOp &Op : E.Ops) {
      Value *R = nullptr;
      if (Op.K == ConstOp::I32 || Op.K == ConstOp::I64 || Op.K == ConstOp::GlobalGet) {
        ConstExpr One;
        One.K = Op.K == ConstOp::I32 ? ConstExpr::I32 : Op.K == ConstOp::I64 ? ConstExpr::I64
                                                                             : ConstExpr::GlobalGet;
        One.Bits = Op.Bits;
        Stack.push_back(constExpr(B, One, Inst));
        continue;
      }
      Value *Rhs = Stack.back();
      Stack.pop_back();
      Value *Lhs = Stack.back();
      Stack.pop_back();
      switch (Op.K) {
      case ConstOp::I32Add: case ConstOp::I64Add: R = B.CreateAdd(Lhs, Rhs); break;
      case ConstOp::I32Sub: case ConstOp::I64Sub: R = B.CreateSub(Lhs, Rhs); break;
      default: R = B.CreateMul(Lhs, Rhs); break;
      }
      Stack.push_back(R);
    }
    return Stack.back();
  }
  }
  llvm_unreachable("bad constant expression");
}

void ModuleTranslator::emitConstantTableLoop(IRBuilder<> &B, llvm::Function *F, Type *RowTy,
                                             const std::vector<Constant *> &Rows, const char *Name,
                                             function_ref<void(IRBuilder<> &, Value *, Value *)> Body) {
  if (Rows.empty())
    return;
  auto *TableTy = ArrayType::get(RowTy, Rows.size());
  auto *Table = new GlobalVariable(MC.LM, TableTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
                                   ConstantArray::get(TableTy, Rows), Name);
  BasicBlock *Pre = B.GetInsertBlock();
  BasicBlock *Loop = BasicBlock::Create(MC.C, "rows", F);
  BasicBlock *Done = BasicBlock::Create(MC.C, "rows.done", F);
  B.CreateBr(Loop);
  IRBuilder<> LB(Loop);
  PHINode *K = LB.CreatePHI(LB.getInt32Ty(), 2);
  K->addIncoming(LB.getInt32(0), Pre);
  Body(LB, LB.CreateGEP(TableTy, Table, {LB.getInt32(0), K}), K);
  Value *Next = LB.CreateAdd(K, LB.getInt32(1));
  K->addIncoming(Next, LB.GetInsertBlock());
  LB.CreateCondBr(LB.CreateICmpEQ(Next, LB.getInt32(uint32_t(Rows.size()))), Done, Loop);
  B.SetInsertPoint(Done);
}

void ModuleTranslator::emitElemItems(IRBuilder<> &B, llvm::Function *F, uint32_t E, Value *Inst) {
  const ElemSegment &S = WM.Elems[E];
  auto *SegTy = ArrayType::get(B.getPtrTy(), S.Items.size());
  Value *Seg = B.CreateStructGEP(MC.InstanceTy, Inst, MC.ElemSegFields[E]);
  bool OnlyFunctions = std::all_of(S.Items.begin(), S.Items.end(), [](const ConstExpr &X) {
    return X.K == ConstExpr::RefFunc || X.K == ConstExpr::RefNull;
  });
  if (!OnlyFunctions) { // global.get items (rare): one store each
    for (uint32_t K = 0; K < S.Items.size(); ++K)
      B.CreateStore(constExpr(B, S.Items[K], Inst), B.CreateConstGEP2_32(SegTy, Seg, 0, K));
    return;
  }
  // Items that name functions (or null, as ~0) in a constant table, written by a loop, for the same
  // reason as the funcref descriptors: element segments of large modules have tens of thousands.
  Type *RowTy = B.getInt32Ty();
  std::vector<Constant *> Rows;
  for (const ConstExpr &X : S.Items)
    Rows.push_back(B.getInt32(X.K == ConstExpr::RefNull ? ~0u : uint32_t(X.Bits)));
  auto *RefsTy = ArrayType::get(MC.RT.FuncRefTy, WM.Functions.size());
  Value *Refs = B.CreateStructGEP(MC.InstanceTy, Inst, MC.FuncRefsField);
  emitConstantTableLoop(B, F, RowTy, Rows, "w2n.elem.items", [&](IRBuilder<> &LB, Value *Row, Value *K) {
    Value *Index = LB.CreateLoad(RowTy, Row);
    Value *Ref = LB.CreateGEP(RefsTy, Refs, {LB.getInt32(0), Index});
    Value *Item = LB.CreateSelect(LB.CreateICmpEQ(Index, LB.getInt32(~0u)), ConstantPointerNull::get(LB.getPtrTy()), Ref);
    LB.CreateStore(Item, LB.CreateGEP(SegTy, Seg, {LB.getInt32(0), K}));
  });
}

llvm::Function *ModuleTranslator::emitInstantiate() {
  LLVMContext &C = MC.C;
  Type *Ptr = PointerType::get(C, 0);
  // A threaded executable's routine takes a second argument: null for the first instance, which
  // for the instances of its threads (wasi-threads) they share its shared and imported memories.
  std::vector<Type *> Params{Ptr};
  if (MC.Threaded)
    Params.push_back(Ptr);
  llvm::Function *F = llvm::Function::Create(FunctionType::get(Type::getVoidTy(C), Params, false),
                                 GlobalValue::InternalLinkage, "w2n.instantiate", MC.LM);
  MC.setDisplayName(F, "<instantiation>");
  F->addFnAttr(Attribute::NoUnwind);
  Value *Inst = F->getArg(0);
  IRBuilder<> B(BasicBlock::Create(C, "entry", F));
  auto Field = [&](unsigned Index) { return B.CreateStructGEP(MC.InstanceTy, Inst, Index); };

  // Tags defined here live inside the instance (a w2n_tag: the signature of their type); their
  // address is their identity. Imported ones were linked already.
  for (size_t T = WM.NumImportedTags; T < WM.Tags.size(); ++T) {
    Value *Tag = Field(unsigned(MC.TagStorageFields[T]));
    B.CreateStore(MC.signature(WM.Tags[T]), Tag);
    B.CreateStore(Tag, Field(MC.TagFields[T]));
  }
  // Memories and tables defined here live inside the instance (in an executable imported memories
  // too, made from the import's type); an embedded module's imported ones were linked already.
  for (size_t Mem = 0; Mem < WM.Memories.size(); ++Mem) {
    if (!MC.ownsMemory(Mem))
      continue;
    BasicBlock *Done = nullptr;
    if (MC.Threaded && (WM.Memories[Mem].Shared || Mem < WM.NumImportedMemories)) {
      // A thread's instance: the first instance's memory (imports are the same objects everywhere).
      BasicBlock *Share = BasicBlock::Create(C, "share", F), *Own = BasicBlock::Create(C, "own", F);
      Done = BasicBlock::Create(C, "memory.done", F);
      Value *Parent = F->getArg(1);
      B.CreateCondBr(B.CreateIsNotNull(Parent), Share, Own);
      B.SetInsertPoint(Share);
      Value *Shared = B.CreateLoad(Ptr, B.CreateStructGEP(MC.InstanceTy, Parent, MC.MemoryFields[Mem]));
      B.CreateStore(Shared, Field(MC.MemoryFields[Mem]));
      B.CreateBr(Done);
      B.SetInsertPoint(Own);
    }
    Value *Memory = Field(unsigned(MC.MemoryStorageFields[Mem]));
    B.CreateStore(Memory, Field(MC.MemoryFields[Mem]));
    const MemoryType &T = WM.Memories[Mem];
    if (T.Shared) {
      FunctionCallee InitShared = MC.LM.getOrInsertFunction(
          "w2n_memory_init_shared",
          FunctionType::get(B.getVoidTy(), {Ptr, B.getInt64Ty(), B.getInt64Ty(), B.getInt32Ty()}, false));
      B.CreateCall(InitShared, {Memory, B.getInt64(T.Lim.Min), B.getInt64(*T.Lim.Max), B.getInt32(T.Is64)});
    } else if (T.Is64)
      B.CreateCall(MC.RT.MemoryInit64, {Memory, B.getInt64(T.Lim.Min), B.getInt64(T.Lim.Max.value_or(1ull << 48))});
    else
      B.CreateCall(MC.RT.MemoryInit, {Memory, B.getInt32(uint32_t(T.Lim.Min)), B.getInt64(T.Lim.Max.value_or(65536))});
    B.CreateStore(B.getInt32(T.Lim.Max ? 1 : 0), B.CreateStructGEP(MC.RT.MemoryTy, Memory, 4));
    if (Done) {
      B.CreateBr(Done);
      B.SetInsertPoint(Done);
    }
  }
  for (size_t T = WM.NumImportedTables; T < WM.Tables.size(); ++T) {
    Value *Table = Field(unsigned(MC.TableStorageFields[T]));
    B.CreateStore(Table, Field(MC.TableFields[T]));
    const Limits &L = WM.Tables[T].Lim;
    // A table64's limits may exceed 2^32 - 1: as 0xffffffff they fail the same way (the runtime
    // cannot allocate such a minimum and caps growth far below such a maximum).
    auto Clamp = [](uint64_t V) { return uint32_t(std::min<uint64_t>(V, 0xffffffffu)); };
    B.CreateCall(MC.RT.TableInit, {Table, B.getInt32(Clamp(L.Min)), B.getInt32(L.Max ? Clamp(*L.Max) : 0xffffffffu)});
    // W2N_FUNCREF for every function reference type, W2N_EXTERNREF otherwise.
    uint32_t ElemType = w2n::Module::topHeap(WM.Tables[T].Elem) == ValType::FuncRef ? 5 : 6;
    B.CreateStore(B.getInt32(ElemType), B.CreateStructGEP(MC.RT.TableTy, Table, 3));
    B.CreateStore(B.getInt32(L.Max ? 1 : 0), B.CreateStructGEP(MC.RT.TableTy, Table, 4));
    B.CreateStore(B.getInt32(WM.Tables[T].Is64), B.CreateStructGEP(MC.RT.TableTy, Table, 5));
    std::string Code = MC.refTypeSuffix(WM.Tables[T].Elem);
    B.CreateStore(Code.empty() ? static_cast<Value *>(ConstantPointerNull::get(B.getPtrTy())) : static_cast<Value *>(B.CreateGlobalString(Code.substr(1), "w2n.reftype")),
                  B.CreateStructGEP(MC.RT.TableTy, Table, 6));
  }
  // Funcref descriptors come before globals and segments, which may refer to them. An embedded
  // module's imported functions already have theirs (written by the runtime when it linked them).
  // Only functions that a reference can name have one (validation allows ref.func only of those):
  // storing the address of every function would make them all address-taken, and the optimiser could
  // then neither delete a function once inlined into its only caller nor change its arguments.
  auto *RefsTy = ArrayType::get(MC.RT.FuncRefTy, WM.Functions.size());
  Value *Refs = Field(MC.FuncRefsField);
  // One row {function index, signature, code} per descriptor in a constant table, written by a loop:
  // a module with tens of thousands of them (a 30 MB module has) would otherwise make this routine
  // a straight line of three stores each, whose code generation takes time superlinear in its size.
  auto *RowTy = StructType::get(C, {B.getInt32Ty(), Ptr, Ptr});
  std::vector<Constant *> Rows;
  for (uint32_t I = MC.Opts.Executable ? 0 : WM.NumImportedFuncs; I < WM.Functions.size(); ++I)
    if (WM.DeclaredFuncRefs[I])
      Rows.push_back(ConstantStruct::get(RowTy, {B.getInt32(I), MC.signature(WM.Functions[I].TypeIndex), MC.Funcs[I]}));
  emitConstantTableLoop(B, F, RowTy, Rows, "w2n.funcref.rows", [&](IRBuilder<> &LB, Value *Row, Value *) {
    Value *Index = LB.CreateLoad(LB.getInt32Ty(), LB.CreateStructGEP(RowTy, Row, 0));
    Value *D = LB.CreateGEP(RefsTy, Refs, {LB.getInt32(0), Index});
    LB.CreateStore(LB.CreateLoad(Ptr, LB.CreateStructGEP(RowTy, Row, 1)), LB.CreateStructGEP(MC.RT.FuncRefTy, D, 0));
    LB.CreateStore(LB.CreateLoad(Ptr, LB.CreateStructGEP(RowTy, Row, 2)), LB.CreateStructGEP(MC.RT.FuncRefTy, D, 1));
    LB.CreateStore(Inst, LB.CreateStructGEP(MC.RT.FuncRefTy, D, 2));
  });
  for (uint32_t G = WM.NumImportedGlobals; G < WM.Globals.size(); ++G)
    B.CreateStore(constExpr(B, WM.Globals[G].Init, Inst), Field(MC.GlobalFields[G]));
  // Tables with an initialiser (function references) start with every element set to its value;
  // it can name only imported globals (the table section comes first), set before this.
  for (size_t T = WM.NumImportedTables; T < WM.Tables.size(); ++T)
    if (WM.Tables[T].Init)
      B.CreateCall(MC.RT.TableFill, {Field(unsigned(MC.TableStorageFields[T])), B.getInt32(0),
                                     constExpr(B, *WM.Tables[T].Init, Inst),
                                     B.getInt32(uint32_t(std::min<uint64_t>(WM.Tables[T].Lim.Min, 0xffffffffu)))});

  auto *DataLenTy = ArrayType::get(B.getInt32Ty(), WM.Datas.size());
  auto *ElemLenTy = ArrayType::get(B.getInt32Ty(), WM.Elems.size());
  Value *DataLens = Field(MC.DataLenField);
  Value *ElemLens = Field(MC.ElemLenField);
  for (uint32_t D = 0; D < WM.Datas.size(); ++D)
    B.CreateStore(B.getInt32(uint32_t(WM.Datas[D].DataSize)), B.CreateConstGEP2_32(DataLenTy, DataLens, 0, D));
  for (uint32_t E = 0; E < WM.Elems.size(); ++E) {
    const ElemSegment &S = WM.Elems[E];
    emitElemItems(B, F, E, Inst);
    B.CreateStore(B.getInt32(S.M == ElemSegment::Passive ? uint32_t(S.Items.size()) : 0),
                  B.CreateConstGEP2_32(ElemLenTy, ElemLens, 0, E));
  }
  // Active element segments, then active data segments, in order.
  for (uint32_t E = 0; E < WM.Elems.size(); ++E) {
    const ElemSegment &S = WM.Elems[E];
    if (S.M != ElemSegment::Active)
      continue;
    Value *N = B.getInt32(uint32_t(S.Items.size()));
    Value *Table = B.CreateLoad(Ptr, Field(MC.TableFields[S.Table]));
    Value *Offset = constExpr(B, S.Offset, Inst);
    if (Offset->getType()->isIntegerTy(64)) // a table64's: clamped as in TranslateTable.cpp
      Offset = B.CreateTrunc(B.CreateBinaryIntrinsic(Intrinsic::umin, Offset, B.getInt64(0xffffffffu)), B.getInt32Ty());
    B.CreateCall(MC.RT.TableInitSegment, {Table, Field(MC.ElemSegFields[E]), N, Offset, B.getInt32(0), N});
  }
  for (uint32_t D = 0; D < WM.Datas.size(); ++D) {
    const DataSegment &S = WM.Datas[D];
    if (!S.Active)
      continue;
    Value *Memory = B.CreateLoad(Ptr, Field(MC.MemoryFields[S.Memory]));
    Value *Offset = B.CreateZExt(constExpr(B, S.Offset, Inst), B.getInt64Ty());
    Value *Size = B.CreateLoad(B.getInt64Ty(), B.CreateStructGEP(MC.RT.MemoryTy, Memory, 1));
    // A memory64 offset may be close to 2^64: offset + length must not wrap (S.DataSize < 2^32).
    Value *End = B.CreateAdd(Offset, B.getInt64(S.DataSize));
    emitTrapIf(B, F, B.CreateOr(B.CreateICmpULT(End, Offset), B.CreateICmpUGT(End, Size)),
               TrapKind::OOBMemory);
    Value *Base = B.CreateLoad(B.getPtrTy(), B.CreateStructGEP(MC.RT.MemoryTy, Memory, 0));
    B.CreateMemCpy(B.CreateGEP(B.getInt8Ty(), Base, Offset), MaybeAlign(1), MC.dataSegment(D),
                   MaybeAlign(1), B.getInt64(S.DataSize));
    B.CreateStore(B.getInt32(0), B.CreateConstGEP2_32(DataLenTy, DataLens, 0, D));
  }
  if (WM.Start)
    MC.wasmCall(B.CreateCall(MC.Funcs[*WM.Start], {Inst}))->setIsNoInline();
  B.CreateRetVoid();
  return F;
}

void ModuleTranslator::emitMain(llvm::Function *Instantiate) {
  LLVMContext &C = MC.C;
  InstanceGV = new GlobalVariable(MC.LM, MC.InstanceTy, false, GlobalValue::InternalLinkage,
                                  ConstantAggregateZero::get(MC.InstanceTy), "w2n.instance");
  llvm::Function *Main = llvm::Function::Create(FunctionType::get(Type::getInt32Ty(C), false),
                                    GlobalValue::ExternalLinkage, "w2n_module_main", MC.LM);
  Main->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(C, "entry", Main));
  // Wasm code must stay out of w2n_module_main (which is not in the w2n_code section): a fault there
  // would not be recognised as a trap, so these calls are never inlined.
  std::vector<Value *> Args{InstanceGV};
  if (MC.Threaded)
    Args.push_back(ConstantPointerNull::get(PointerType::get(C, 0)));
  B.CreateCall(Instantiate, Args)->setIsNoInline();
  // The runtime runs _initialize, _start or the export chosen by --invoke (ExecutableInterface.cpp).
  auto [Exports, Count] = emitExportTable(MC, InstanceGV);
  Type *Ptr = PointerType::get(C, 0);
  FunctionCallee Run = MC.LM.getOrInsertFunction(
      "w2n_run", FunctionType::get(B.getInt32Ty(), {Ptr, B.getInt32Ty(), Ptr}, false));
  Value *Default = MC.Opts.Invoke.empty() ? (Value *)ConstantPointerNull::get(PointerType::get(C, 0))
                                          : B.CreateGlobalStringPtr(MC.Opts.Invoke, "w2n.invoke.default");
  B.CreateRet(B.CreateCall(Run, {Exports, B.getInt32(Count), Default}));
}

void ModuleTranslator::emitConfig() {
  LLVMContext &C = MC.C;
  Type *Ptr = PointerType::get(C, 0);
  auto Emit = [&](const std::vector<std::string> &Values, const char *Name) {
    std::vector<Constant *> Items;
    for (const std::string &V : Values) {
      Constant *Str = ConstantDataArray::getString(C, V);
      Items.push_back(new GlobalVariable(MC.LM, Str->getType(), true, GlobalValue::PrivateLinkage,
                                         Str, "w2n.config.str"));
    }
    Items.push_back(ConstantPointerNull::get(PointerType::get(C, 0)));
    auto *Ty = ArrayType::get(Ptr, Items.size());
    new GlobalVariable(MC.LM, Ty, true, GlobalValue::ExternalLinkage, ConstantArray::get(Ty, Items),
                       Name);
  };
  Emit(MC.Opts.Dirs, "w2n_config_dirs");
  Emit(MC.Opts.Env, "w2n_config_env");
  Emit(MC.Opts.TcpListen, "w2n_config_tcp_listen");
}

Error ModuleTranslator::run() {
  if (MC.Opts.Executable) {
    auto B = bindExecutableImports(WM, MC.Opts);
    if (!B)
      return B.takeError();
    Bindings = std::move(*B);
    HostSymbols = hostImportSymbols(WM);
  }
  MC.RT.declare(MC.LM, /*ThreadLocalStackLimit=*/!MC.Opts.Executable);
  MDBuilder MDB(MC.C);
  MDNode *Root = MDB.createTBAARoot("wasm2native");
  MC.TBAALinearMemory = MDB.createTBAAStructTagNode(MDB.createTBAAScalarTypeNode("linear memory", Root),
                                                    MDB.createTBAAScalarTypeNode("linear memory", Root), 0);
  MDNode *RuntimeTy = MDB.createTBAAScalarTypeNode("runtime state", Root);
  MC.TBAARuntime = MDB.createTBAAStructTagNode(RuntimeTy, RuntimeTy, 0);

  layoutInstance();
  createFunctions();
  planTailBodies(MC);
  for (uint32_t I = 0; I < WM.Functions.size(); ++I) {
    if (MC.Part && MC.Part->Functions[I] == ModulePart::Declared)
      continue;
    if (WM.Functions[I].Imported && MC.Opts.Executable) {
      uint32_t Import = WM.Functions[I].ImportIndex;
      if (Bindings[Import] == ImportBinding::Wasi)
        emitWasiWrapper(I);
      else if (Bindings[Import] == ImportBinding::ThreadSpawn)
        emitThreadSpawnImport(MC, I);
      else
        emitExecutableImport(MC, I, Bindings[Import], HostSymbols[Import]);
    }
    else if (WM.Functions[I].Imported)
      emitImportThunk(MC, I);
    else if (Error E = translateFunction(MC, I))
      return E;
  }
  // An import that a .tail body tail-calls: its .tail body calls it the ordinary way (TailCalls.cpp).
  for (uint32_t I = 0; I < WM.Functions.size(); ++I)
    if (MC.TailFuncs[I] && WM.Functions[I].Imported && !(MC.Part && MC.Part->Functions[I] == ModulePart::Declared))
      emitOrdinaryTailBody(MC, I);
  if (MC.moduleLevel()) {
    llvm::Function *Instantiate = emitInstantiate();
    if (MC.Opts.Executable) {
      emitMain(Instantiate);
      emitConfig();
      if (MC.Threaded)
        emitThreadEntry(MC, Instantiate, InstanceGV);
    } else {
      emitEmbedInterface(MC, Instantiate);
    }
  }
  // A hidden declaration is an undefined symbol in the object even if nothing uses it (the code
  // generator emits its visibility), which an embedded module's merged object must not have.
  for (llvm::Function *&F : MC.TailFuncs)
    if (F && F->isDeclaration() && F->use_empty()) {
      F->eraseFromParent();
      F = nullptr;
    }
  for (llvm::Function *&F : MC.Funcs)
    if (F->isDeclaration() && F->use_empty()) {
      F->eraseFromParent();
      F = nullptr;
    }

  std::string Msg;
  raw_string_ostream OS(Msg);
  if (verifyModule(MC.LM, &OS))
    return createStringError(inconvertibleErrorCode(),
                             "internal error: generated IR does not verify: " + OS.str());
  return Error::success();
}

Expected<std::unique_ptr<llvm::Module>>
w2n::translateModule(const w2n::Module &M, LLVMContext &Ctx, const llvm::Triple &Triple,
                     const DataLayout &Layout, const TranslateOptions &Opts, const ModulePart *Part) {
  auto LM = std::make_unique<llvm::Module>("wasm", Ctx);
  LM->setTargetTriple(Triple.str());
  LM->setDataLayout(Layout);
  ModuleContext MC(M, *LM, Triple, Opts, Part);
  ModuleTranslator T(MC);
  if (Error E = T.run())
    return E;
  return LM;
}
