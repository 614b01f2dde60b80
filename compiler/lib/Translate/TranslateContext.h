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
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

namespace w2n {

/// The runtime's types and functions, as declared in the generated module (see w2n_abi.h).
struct RuntimeABI {
  llvm::StructType *MemoryTy;   ///< w2n_memory { ptr base; i64 size_bytes; i64 max_pages; i64 reserved }
  llvm::StructType *TableTy;    ///< w2n_table { ptr elems; i32 size; i32 max }
  llvm::StructType *FuncRefTy;  ///< w2n_funcref { ptr sig; ptr fn; ptr instance }
  llvm::FunctionCallee MemoryInit, MemoryGrow, TableInit, TableGrow, TableFill, TableCopy,
      TableInitSegment, Trap;
  llvm::GlobalVariable *StackLimit;

  void declare(llvm::Module &LM);
};

/// Trap kinds, numbered as enum w2n_trap_kind in w2n_abi.h.
enum class TrapKind : uint32_t {
  Unreachable = 0, IntDivByZero = 1, IntOverflow = 2, InvalidConversion = 3, OOBMemory = 4,
  OOBTable = 5, UninitializedElement = 6, IndirectCallType = 7, StackExhausted = 8,
  UndefinedElement = 9,
};

struct ModuleContext {
  const Module &WM;
  llvm::Module &LM;
  llvm::LLVMContext &C;
  const llvm::Triple &Triple;
  const TranslateOptions &Opts;
  RuntimeABI RT;

  llvm::StructType *InstanceTy = nullptr;
  unsigned MemoryField = 0;                 ///< ptr to w2n_memory (memory 0), if any
  std::vector<unsigned> TableFields;        ///< ptr to w2n_table, per table
  std::vector<unsigned> GlobalFields;       ///< the global's value, per global
  unsigned FuncRefsField = 0;               ///< [N x w2n_funcref], per function
  unsigned DataLenField = 0;                ///< [D x i32]: remaining length of each data segment
  unsigned ElemLenField = 0;                ///< [E x i32]: remaining length of each elem segment
  std::vector<llvm::GlobalVariable *> DataSegments; ///< the bytes of each data segment
  std::vector<llvm::GlobalVariable *> ElemSegments; ///< [n x ptr] per elem segment, filled at instantiation

  std::vector<llvm::Function *> Funcs;      ///< per wasm function index
  std::vector<llvm::FunctionType *> FuncTypes; ///< per type index (instance pointer first)

  llvm::MDNode *TBAALinearMemory = nullptr; ///< wasm loads and stores
  llvm::MDNode *TBAARuntime = nullptr;      ///< instance and runtime structures

  ModuleContext(const Module &WM, llvm::Module &LM, const llvm::Triple &T, const TranslateOptions &O)
      : WM(WM), LM(LM), C(LM.getContext()), Triple(T), Opts(O) {}

  llvm::Type *type(ValType T) const;
  llvm::Type *v128Type() const { return llvm::FixedVectorType::get(llvm::Type::getInt32Ty(C), 4); }
  /// The LLVM return type for a list of results: void, the one type, or a literal struct.
  llvm::Type *resultType(const std::vector<ValType> &Results) const;
  /// The canonical signature object of a function type: equal types share one address.
  llvm::Constant *signature(uint32_t TypeIndex);
  /// The display name of a function for trap reports.
  std::string functionDisplayName(uint32_t FuncIndex) const;
};

/// Translates the body of defined function FuncIndex into MC.Funcs[FuncIndex].
llvm::Error translateFunction(ModuleContext &MC, uint32_t FuncIndex);

} // namespace w2n

#endif
