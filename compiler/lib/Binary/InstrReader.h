//===- InstrReader.h - Decodes a function body one instruction at a time --===//
//
// InstrReader is the only code that reads function-body bytes. It decodes the local declarations, then
// yields Instrs with their immediates. It checks encodings (unknown opcodes, LEB128 ranges) but not typing: that is the validator's job, which is also the only caller that runs on
// untrusted bodies. The translator runs the same reader again on validated bodies.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_BINARY_INSTRREADER_H
#define WASM2NATIVE_BINARY_INSTRREADER_H

#include "Binary/Reader.h"
#include "wasm2native/Opcodes.h"

namespace w2n {

class InstrReader {
public:
  /// Reads the body of defined function F (its code span, after the locals).
  InstrReader(const Module &M, const Function &F)
      : R(M.Bytes.data(), F.CodeOffset, F.BodyOffset + F.BodySize), M(M) {
    R.TypeLimit = M.Types.size();
  }
  /// Reads an arbitrary span (constant expressions).
  InstrReader(const Module &M, uint64_t Begin, uint64_t End) : R(M.Bytes.data(), Begin, End), M(M) {
    R.TypeLimit = M.Types.size();
  }

  bool atEnd() const { return R.atEnd(); }
  uint64_t offset() const { return R.offset(); }
  llvm::Error next(Instr &I);

private:
  llvm::Error readBlockType(BlockType &BT);
  llvm::Error readMemArg(Instr &I);

  Reader R;
  const Module &M;
};

/// Decodes the local declarations of F's body into F.Locals and sets F.CodeOffset.
llvm::Error decodeLocals(const Module &M, Function &F);

} // namespace w2n

#endif
