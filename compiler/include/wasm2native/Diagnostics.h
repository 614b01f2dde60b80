//===- Diagnostics.h - Errors that point at a byte of the input -----------===//
//
// Every rejection of a module is an llvm::Error carrying the byte offset it concerns; the tool prints it
// clang-style as `error: FILE:0xOFFSET: message`. Errors travel as values; nothing prints from the
// libraries.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_DIAGNOSTICS_H
#define WASM2NATIVE_DIAGNOSTICS_H

#include "llvm/Support/Error.h"
#include <string>

namespace w2n {

class WasmError : public llvm::ErrorInfo<WasmError> {
public:
  static char ID;
  WasmError(uint64_t Offset, std::string Message) : Offset(Offset), Message(std::move(Message)) {}
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override { return llvm::inconvertibleErrorCode(); }
  uint64_t offset() const { return Offset; }
  const std::string &text() const { return Message; }

private:
  uint64_t Offset;
  std::string Message;
};

inline llvm::Error wasmError(uint64_t Offset, const llvm::Twine &Message) {
  return llvm::make_error<WasmError>(Offset, Message.str());
}

} // namespace w2n

#endif
