//===- Diagnostics.cpp - WasmError ----------------------------------------===//
//
// The error type for malformed and invalid modules; see Diagnostics.h.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Diagnostics.h"
#include "wasm2native/Module.h"
#include "llvm/Support/Format.h"

using namespace w2n;

char WasmError::ID = 0;

void WasmError::log(llvm::raw_ostream &OS) const {
  OS << llvm::format("0x%llx: ", (unsigned long long)Offset) << Message;
}

const char *w2n::valTypeName(ValType T) {
  switch (T) {
  case ValType::I32: return "i32";
  case ValType::I64: return "i64";
  case ValType::F32: return "f32";
  case ValType::F64: return "f64";
  case ValType::V128: return "v128";
  case ValType::FuncRef: return "funcref";
  case ValType::ExternRef: return "externref";
  case ValType::ExnRef: return "exnref";
  case ValType::NullExnRef: return "nullexnref";
  case ValType::Bottom: return "unknown";
  }
  return "?";
}
