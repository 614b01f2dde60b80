//===- Decoder.h - From bytes to a validated module description -----------===//
//
// decodeModule parses every section of a Wasm 2.0 binary, checks the module-level validation rules
// (indices, limits, constant expressions, exports, start function) and then validates each function
// body. On success the Module is complete and valid; the translator may assume so.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_DECODER_H
#define WASM2NATIVE_DECODER_H

#include "wasm2native/Module.h"
#include "llvm/Support/Error.h"

namespace w2n {

llvm::Expected<Module> decodeModule(std::vector<uint8_t> Bytes);

/// Validates the body of defined function FuncIndex (done by decodeModule for all of them).
llvm::Error validateFunction(const Module &M, uint32_t FuncIndex);

} // namespace w2n

#endif
