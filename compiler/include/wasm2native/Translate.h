//===- Translate.h - From a validated module to LLVM IR -------------------===//
//
// translateModule builds one LLVM module holding every wasm function (each taking the instance pointer
// first), the instance layout, the instantiation routine and, for executables, the w2n_module_main
// entry point that the runtime calls. The IR follows runtime-lib/include/w2n_abi.h exactly. Given a
// ModulePart, it builds one partition of a split module instead (see CodeGen/Partition.cpp): the
// functions the partition defines or imports, declarations of the others, and (partition 0 only)
// the module-level code.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_TRANSLATE_H
#define WASM2NATIVE_TRANSLATE_H

#include "wasm2native/Module.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Triple.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace w2n {

enum class BoundsChecks { Guard, Explicit };

/// --unknown-imports: what an executable does with an imported function that neither WASI nor a linked
/// host object provides.
enum class UnknownImportPolicy { Error, Trap, Zero };

struct TranslateOptions {
  /// Emit w2n_module_main and the WASI configuration tables (an executable). Otherwise the module is
  /// for embedding: any imports, and a w2n_module descriptor named ModuleName + "_module".
  bool Executable = true;
  std::string ModuleName = "module"; ///< a C identifier; namespaces the embedding symbols
  BoundsChecks Bounds = BoundsChecks::Guard;
  std::vector<std::string> Dirs; ///< --dir values, "HOST" or "HOST::GUEST"
  std::vector<std::string> Env;  ///< --env values, "NAME=VALUE"
  std::vector<std::string> TcpListen; ///< --tcp-listen values, "IPV4ADDRESS:PORT"
  UnknownImportPolicy UnknownImports = UnknownImportPolicy::Error;
  std::string Invoke; ///< --invoke: the export an executable calls by default (empty: _start)
  /// Global symbols defined by the objects linked into the executable (host functions).
  std::set<std::string> HostSymbols;
};

/// What one partition of a split module holds, and with which linkage (CodeGen/Partition.cpp plans it).
struct ModulePart {
  enum Use : uint8_t {
    Declared, ///< defined in another partition: an external hidden declaration here
    Defined,  ///< defined here: internal, or external hidden if Shared
    Imported, ///< defined in another partition, an available_externally copy here for the inliner
  };
  std::vector<Use> Functions; ///< per wasm function index (imports included)
  /// Per function: named in a partition other than its home, so external hidden where it is defined.
  std::vector<bool> SharedFunctions;
  /// Per data segment: named outside partition 0 (memory.init), so external hidden where defined.
  std::vector<bool> SharedData;
  /// Partition 0: the instantiation routine, w2n_module_main and the configuration or the embedding
  /// interface, and the definitions of the data segments.
  bool ModuleLevel = false;
};

/// Translates the whole module, or with Part one partition of it.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateModule(const Module &M, llvm::LLVMContext &Ctx, const llvm::Triple &Triple,
                const llvm::DataLayout &Layout, const TranslateOptions &Opts,
                const ModulePart *Part = nullptr);

/// For an executable: every import bound (WASI, host object, --unknown-imports), the entry points'
/// types and the --invoke export; one diagnostic per problem, all of them joined.
llvm::Error checkExecutable(const Module &M, const TranslateOptions &Opts);

/// Per import: the C symbol of the host function an executable links for it, w2n_host_<module>_<name>
/// (empty for WASI functions and for memories, tables and globals).
std::vector<std::string> hostImportSymbols(const Module &M);

/// The LLVM symbol of wasm function FuncIndex: w2n_f<index>, then its name-section name if any.
std::string functionSymbol(const Module &M, uint32_t FuncIndex);

} // namespace w2n

#endif
