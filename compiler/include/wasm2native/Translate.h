//===- Translate.h - From a validated module to LLVM IR -------------------===//
//
// translateModule builds one LLVM module holding every wasm function (each taking the instance pointer
// first), the instance layout, the instantiation routine and, for executables, the w2n_module_main
// entry point that the runtime calls. The IR follows runtime-lib/include/w2n_abi.h exactly.
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
#include <string>
#include <vector>

namespace w2n {

enum class BoundsChecks { Guard, Explicit };

struct TranslateOptions {
  /// Emit w2n_module_main and the WASI configuration tables (an executable). Otherwise the module is
  /// for embedding: any imports, and a w2n_module descriptor named ModuleName + "_module".
  bool Executable = true;
  std::string ModuleName = "module"; ///< a C identifier; namespaces the embedding symbols
  BoundsChecks Bounds = BoundsChecks::Guard;
  std::vector<std::string> Dirs; ///< --dir values, "HOST" or "HOST::GUEST"
  std::vector<std::string> Env;  ///< --env values, "NAME=VALUE"
  std::vector<std::string> TcpListen; ///< --tcp-listen values, "IPV4ADDRESS:PORT"
};

llvm::Expected<std::unique_ptr<llvm::Module>>
translateModule(const Module &M, llvm::LLVMContext &Ctx, const llvm::Triple &Triple,
                const llvm::DataLayout &Layout, const TranslateOptions &Opts);

} // namespace w2n

#endif
