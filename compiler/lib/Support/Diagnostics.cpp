//===- Diagnostics.cpp - WasmError ----------------------------------------===//
//
// The error type for malformed and invalid modules; see Diagnostics.h.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Diagnostics.h"
#include "llvm/Support/Format.h"

using namespace w2n;

char WasmError::ID = 0;

void WasmError::log(llvm::raw_ostream &OS) const {
  OS << llvm::format("0x%llx: ", (unsigned long long)Offset) << Message;
}

