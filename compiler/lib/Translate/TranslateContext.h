//===- TranslateContext.h - State shared by the translators of one module -===//
//
// ModuleContext holds what every function translator needs to know about the module being built: the
// LLVM types of wasm values, the instance layout (which field holds which memory, table, global or
// function reference), the LLVM function of each wasm function, and the runtime's declarations
// (RuntimeABI). It is filled once by the module translator, then read by function translators.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_TRANSLATE_CONTEXT_H
#define WASM2NATIVE_TRANSLATE_CONTEXT_H

#include "wasm2native/Module.h"
#include "wasm2native/Translate.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

namespace w2n {

/// The runtime's types and functions, as declared in the generated module (see w2n_abi.h).
struct RuntimeABI {
  /// An executable's wasm stacks (w2n_abi.h's W2N_STACK_*): regions of StackSize aligned to it, the
  /// lowest StackGuard bytes inaccessible, the limit StackHeadroom above the guard, and the thread's
  /// w2n_thread_block in the top StackTopBlock bytes; generated code finds them from the stack pointer.
  static constexpr uint64_t StackSize = 8u << 20, StackGuard = 64u << 10, StackHeadroom = 256u << 10,
                            StackTopBlock = 64;
  llvm::StructType *MemoryTy;   ///< w2n_memory { ptr base; i64 size_bytes, max_pages, reserved; i32 has_max, is64, shared, grow_lock }
  llvm::StructType *TableTy;    ///< w2n_table { ptr elems; i32 size, max, elem_type, has_max, is64; ptr ref_type }
  llvm::StructType *FuncRefTy;  ///< w2n_funcref { ptr sig; ptr fn; ptr instance }
  llvm::FunctionCallee MemoryInit, MemoryGrow, MemoryInit64, MemoryGrow64, TableInit, TableGrow, TableFill, TableCopy,
      TableInitSegment, Trap;
  llvm::GlobalVariable *StackLimit;
  /// Exception handling: w2n_eh_frame { [32 x i64] regs; ptr prev; ptr exn }, the handler chain's
  /// head when embedded (a thread-local global, like StackLimit; null in an executable, whose head
  /// is in the w2n_thread_block at the top of each wasm stack: FunctionTranslator::ehTopAddress),
  /// and the runtime's functions.
  llvm::StructType *EHFrameTy;
  llvm::GlobalVariable *EHTop = nullptr;
  llvm::FunctionCallee EHSetjmp, ExnAlloc, Throw;

  void declare(llvm::Module &LM, bool ThreadLocalStackLimit);
};

/// Does the module import wasi.thread-spawn (wasi-threads; ExecutableThreads.cpp)?
bool importsThreadSpawn(const Module &M);

/// Trap kinds, numbered as the W2N_TRAP_* values of w2n_result in w2n_embed.h.
enum class TrapKind : uint32_t {
  Unreachable = 1, IntDivByZero = 2, IntOverflow = 3, InvalidConversion = 4, OOBMemory = 5,
  OOBTable = 6, UninitializedElement = 7, IndirectCallType = 8, StackExhausted = 9,
  UndefinedElement = 10, Host = 11, NullExnRef = 12,
  NullFuncRef = 14, NullReference = 15, // function references
  UnalignedAtomic = 16, ExpectedShared = 17, // threads (docs/threads.md)
};

/// The letter of a value type in signature strings (w2n_embed.h): i I f F v r e.
char valTypeLetter(ValType T);

struct ModuleContext {
  const Module &WM;
  llvm::Module &LM;
  llvm::LLVMContext &C;
  const llvm::Triple &Triple;
  const TranslateOptions &Opts;
  const ModulePart *Part; ///< the partition being built, or null for the whole module
  RuntimeABI RT;

  // The instance: one struct per instance (a global in an executable, allocated by the embedding
  // runtime otherwise). Field indices below; byte offsets come from the data layout.
  llvm::StructType *InstanceTy = nullptr;
  unsigned ModuleField = 0;                 ///< ptr to the w2n_module (set by the embedding runtime)
  unsigned MemoryField = 0;                 ///< ptr to w2n_memory (memory 0), if any
  int MemoryStorageField = -1;              ///< the w2n_memory itself when memory 0 is defined here
  /// Per memory (multi-memory): the field of its pointer (MemoryField for memory 0) and of the
  /// w2n_memory itself when defined here (-1: imported). Memory 0 keeps its fields at the front.
  std::vector<unsigned> MemoryFields;
  std::vector<int> MemoryStorageFields;
  std::vector<unsigned> TableFields;        ///< ptr to w2n_table, per table
  std::vector<int> TableStorageFields;      ///< the w2n_table itself, per defined table (-1: imported)
  std::vector<unsigned> GlobalFields;       ///< the value (defined) or a ptr to it (imported), per global
  std::vector<unsigned> TagFields;          ///< ptr to the w2n_tag (its identity), per tag
  std::vector<int> TagStorageFields;        ///< the w2n_tag { ptr sig } itself, per defined tag (-1: imported)
  unsigned FuncRefsField = 0;               ///< [N x w2n_funcref], per function (imports included)
  unsigned HostBindingsField = 0;           ///< [imported functions x {fn, ctx}] for host functions
  unsigned DataLenField = 0;                ///< [D x i32]: remaining length of each data segment
  unsigned ElemLenField = 0;                ///< [E x i32]: remaining length of each elem segment
  std::vector<unsigned> ElemSegFields;      ///< [n x ptr] per elem segment, filled at instantiation
  /// The bytes of each data segment: defined in partition 0 (or the whole module) up front, declared
  /// on first use elsewhere (dataSegment).
  std::vector<llvm::GlobalVariable *> DataSegments;
  llvm::StructType *HostBindingTy = nullptr; ///< { ptr fn, ptr ctx }

  /// The calling convention of every wasm function, import thunk and host adapter (anything a
  /// funcref descriptor's code pointer may hold), and of every call to one: tailcc where LLVM 19
  /// guarantees tail calls between any prototypes (x86-64, AArch64), the C convention elsewhere
  /// (docs/tail-calls.md). Hosts only reach wasm code through the generated dynamic-call thunks,
  /// which are C functions, so the convention is private to generated code.
  llvm::CallingConv::ID WasmCC = llvm::CallingConv::C;
  /// Whether WasmCC is tailcc, so that return_call may name a callee of any type.
  bool tailCallsAnyType() const { return WasmCC == llvm::CallingConv::Tail; }
  /// With the C convention (armv7, riscv64), whether LLVM 19 can make a musttail call from a function
  /// of type Ty to another of type Ty: all arguments and the result in registers (FunctionTranslator).
  bool tailCallInRegisters(llvm::FunctionType *Ty) const;
  /// Whether a function returning Ret can be the callee of a musttail call (its results come back
  /// in registers).
  bool resultInRegisters(llvm::Type *Ret) const;
  /// Whether a tail call from Caller to Callee must go through .tail bodies and the argument area
  /// (TailCalls.cpp): LLVM cannot make it between the wasm prototypes.
  bool tailCallNeedsArea(llvm::FunctionType *Caller, llvm::FunctionType *Callee) const;
  /// Per wasm function: its .tail body `R (ptr instance, ptr area)`, or null (TailCalls.cpp).
  std::vector<llvm::Function *> TailFuncs;
  /// The size of the argument area the wrappers allocate: the largest parameter or result list.
  uint64_t TailAreaSize = 0;
  llvm::GlobalVariable *TailEntryTable = nullptr;
  /// The area's layout for a function of wasm prototype Ty: its parameters (without the instance),
  /// and its results.
  llvm::StructType *tailArgsType(llvm::FunctionType *Ty) const;
  llvm::StructType *tailResultsType(llvm::FunctionType *Ty) const;
  llvm::Value *loadTailResults(llvm::IRBuilder<> &B, llvm::Value *Area, llvm::FunctionType *Ty);
  void storeTailResults(llvm::IRBuilder<> &B, llvm::Value *Area, llvm::FunctionType *Ty,
                        llvm::ArrayRef<llvm::Value *> Results);
  /// [functions x ptr]: each defined function's .tail body or null, for indirect tail calls.
  llvm::Constant *tailEntryTable();
  void tagRuntime(llvm::Instruction *I) const;
  /// Where an indirect tail call through the area leaves the callee's code pointer (after the
  /// arguments of prototype Ty), and the thunk of prototype TailTy that calls it (TailCalls.cpp).
  uint64_t tailCodeSlot(llvm::FunctionType *Ty) const;
  llvm::Function *tailCallThunk(llvm::FunctionType *Ty, llvm::FunctionType *TailTy);
  llvm::DenseMap<llvm::FunctionType *, llvm::Function *> TailCallThunks;
  /// Gives a call to wasm code (a function, import thunk or funcref) the wasm calling convention.
  llvm::CallInst *wasmCall(llvm::CallInst *CI) const {
    CI->setCallingConv(WasmCC);
    return CI;
  }

  std::vector<llvm::Function *> Funcs;      ///< per wasm function index
  std::vector<llvm::FunctionType *> FuncTypes; ///< per type index (instance pointer first)

  llvm::MDNode *TBAALinearMemory = nullptr; ///< wasm loads and stores
  llvm::MDNode *TBAARuntime = nullptr;      ///< instance and runtime structures

  llvm::DenseMap<llvm::Function *, llvm::Constant *> TrapFunctionNames; ///< see trapFunctionName

  ModuleContext(const Module &WM, llvm::Module &LM, const llvm::Triple &T, const TranslateOptions &O,
                const ModulePart *Part)
      : WM(WM), LM(LM), C(LM.getContext()), Triple(T), Opts(O), Part(Part) {
    if (T.getArch() == llvm::Triple::x86_64 || T.getArch() == llvm::Triple::aarch64)
      WasmCC = llvm::CallingConv::Tail;
    Threaded = O.Executable && importsThreadSpawn(WM);
  }

  /// An executable that imports wasi.thread-spawn (ExecutableThreads.cpp): its functions run on
  /// several native stacks, so they find their stack limit from the stack pointer (docs/threads.md).
  bool Threaded = false;
  /// Whether the instance holds memory Mem's w2n_memory: a defined memory, or in an executable any
  /// memory (an executable's runtime creates its imported memories from their limits).
  bool ownsMemory(size_t Mem) const { return Mem >= WM.NumImportedMemories || Opts.Executable; }

  /// Whether this module holds the module-level code (the whole module, or partition 0).
  bool moduleLevel() const { return !Part || Part->ModuleLevel; }
  /// Data segment D's bytes, declared here if partition 0 defines them.
  llvm::GlobalVariable *dataSegment(uint32_t D);

  llvm::Type *type(ValType T) const;
  llvm::Type *v128Type() const { return llvm::FixedVectorType::get(llvm::Type::getInt32Ty(C), 4); }
  /// The LLVM return type for a list of results: void, the one type, or a literal struct.
  llvm::Type *resultType(const std::vector<ValType> &Results) const;
  /// The canonical signature object of a function type: equal types share one address.
  llvm::Constant *signature(uint32_t TypeIndex);
  /// The display name of a function for trap reports.
  std::string functionDisplayName(uint32_t FuncIndex) const;
  /// Gives F the name its trap reports show: kept as !w2n.name metadata, which the code generator's
  /// table of function names (for traps found from a PC) reads after optimisation.
  void setDisplayName(llvm::Function *F, const std::string &Name);
  /// The w2n_trap argument for a trap in F: its display name as a private string, one per function,
  /// so that the report names F even where F was inlined, and without taking F's address (which
  /// would keep the optimiser from deleting F once inlined, or from changing its arguments).
  llvm::Constant *trapFunctionName(llvm::Function *F);
  /// Signature letters of a function type: params '_' results ("ii_I"), as in w2n_embed.h.
  std::string signatureString(uint32_t TypeIndex) const;
  /// What the letters of signatureString leave out: typed and non-nullable references ("" if none).
  std::string typedSignatureSuffix(uint32_t TypeIndex, unsigned Depth = 0) const;
  /// A reference type's code (w2n_embed.h): 'n'/'N', then the heap type.
  std::string refTypeCode(ValType T, uint32_t Self = ~0u, unsigned Depth = 0) const;
  /// ":" and refTypeCode(T) for a reference type other than funcref/externref/exnref, else "": what a
  /// global's or table's type string adds to its letter.
  std::string refTypeSuffix(ValType T) const;
  bool isImportedGlobal(uint32_t G) const { return G < WM.NumImportedGlobals; }
  /// Does memory Mem rely on guard pages (no compare in the code)? Only 32-bit memories on a target
  /// whose runtime reserves 8 GiB per memory; memory64 memories are always checked explicitly.
  bool guardPages(uint32_t Mem) const {
    return Opts.Bounds == BoundsChecks::Guard && !WM.Memories[Mem].Is64;
  }
  /// The address of global G's value in instance Inst (through the instance's pointer for imports).
  llvm::Value *globalAddress(llvm::IRBuilder<> &B, llvm::Value *Inst, uint32_t G);
  /// The byte offset of an instance field (or of element Elem of an array field).
  uint32_t fieldOffset(unsigned Field, int Elem = -1) const;
};

/// Embedding (--emit=obj): the w2n_module descriptor "<name>_module" with the import and export tables,
/// the host-function adapters and the dynamic-call thunks (EmbedInterface.cpp).
void emitEmbedInterface(ModuleContext &MC, llvm::Function *Initialize);
/// Embedding: the body of imported function FuncIndex, a call through its funcref descriptor.
void emitImportThunk(ModuleContext &MC, uint32_t FuncIndex);

/// How an executable provides an imported function (ExecutableInterface.cpp; ThreadSpawn:
/// wasi.thread-spawn, ExecutableThreads.cpp).
enum class ImportBinding : uint8_t { Wasi, Host, Trap, Zero, ThreadSpawn };
/// Per import index; an error per import that nothing provides (or of a kind an executable cannot import).
llvm::Expected<std::vector<ImportBinding>> bindExecutableImports(const Module &M, const TranslateOptions &Opts);
/// The body of imported function FuncIndex bound to a host object's HostSymbol, a trap or zeros.
void emitExecutableImport(ModuleContext &MC, uint32_t FuncIndex, ImportBinding Binding,
                          const std::string &HostSymbol);
/// The table of exported functions for w2n_run (w2n_exe_export entries calling them on Instance), and
/// its length.
std::pair<llvm::Constant *, uint32_t> emitExportTable(ModuleContext &MC, llvm::GlobalVariable *Instance);

/// wasi-threads in executables (ExecutableThreads.cpp): is Imp wasi.thread-spawn; the body of its binding (a call of the runtime's w2n_thread_spawn); and
/// w2n_module_thread, which instantiates a new instance on a new thread (sharing Main's shared
/// memories) and runs its wasi_thread_start, with w2n_module_instance_size.
bool isThreadSpawn(const Module &M, const Import &Imp);
void emitThreadSpawnImport(ModuleContext &MC, uint32_t FuncIndex);
void emitThreadEntry(ModuleContext &MC, llvm::Function *Instantiate, llvm::GlobalVariable *Main);

/// Tail calls through the argument area (TailCalls.cpp): which functions get a .tail body (creates
/// them in MC.TailFuncs); the wasm-prototype wrapper of a .tail body; the .tail body of an import.
void planTailBodies(ModuleContext &MC);
void emitTailWrapper(ModuleContext &MC, uint32_t FuncIndex);
void emitOrdinaryTailBody(ModuleContext &MC, uint32_t FuncIndex);

/// Translates the body of defined function FuncIndex into MC.Funcs[FuncIndex] (or into its .tail
/// body, and then the wrapper, when it has one).
llvm::Error translateFunction(ModuleContext &MC, uint32_t FuncIndex);

} // namespace w2n

#endif
