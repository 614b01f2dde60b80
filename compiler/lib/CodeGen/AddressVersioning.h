//===- AddressVersioning.h - Loops whose i32 addresses provably don't wrap --===//
//
// A function pass, run before the vectorizer at -O2 and -O3: innermost loops that address memory
// through zext(X + C), X an induction of the loop, get a fast copy (taken when a check in the
// preheader proves that no X + C wraps) in which the address is zext(X) + C. See the .cpp.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_CODEGEN_ADDRESSVERSIONING_H
#define WASM2NATIVE_CODEGEN_ADDRESSVERSIONING_H

#include "llvm/IR/PassManager.h"

namespace w2n {

struct AddressVersioningPass : llvm::PassInfoMixin<AddressVersioningPass> {
  llvm::PreservedAnalyses run(llvm::Function &F, llvm::FunctionAnalysisManager &FAM);
};

} // namespace w2n

#endif
