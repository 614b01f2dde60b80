//===- Reader.h - A bounded cursor over wasm bytes ------------------------===//
//
// Reader decodes the binary format's primitives (bytes, LEB128 integers of every width, IEEE floats,
// UTF-8 names) from a span and never reads past its end: every read returns Expected and reports the
// offset of the offending byte. It is used only by the module decoder and InstrReader, the two places
// that read wasm.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_BINARY_READER_H
#define WASM2NATIVE_BINARY_READER_H

#include "wasm2native/Diagnostics.h"
#include "wasm2native/Module.h"
#include <cstdint>
#include <string>

namespace w2n {

class Reader {
public:
  Reader(const uint8_t *Data, uint64_t Begin, uint64_t End) : Data(Data), Pos(Begin), End(End) {}

  uint64_t offset() const { return Pos; }
  uint64_t end() const { return End; }
  bool atEnd() const { return Pos >= End; }
  uint64_t remaining() const { return End - Pos; }
  const uint8_t *data() const { return Data; }

  llvm::Expected<uint8_t> readByte();
  llvm::Expected<uint32_t> readU32();
  llvm::Expected<uint64_t> readU64();
  llvm::Expected<int32_t> readS32();
  llvm::Expected<int64_t> readS64();
  /// The signed 33-bit integer of block types.
  llvm::Expected<int64_t> readS33();
  llvm::Expected<uint32_t> readF32Bits();
  llvm::Expected<uint64_t> readF64Bits();
  llvm::Expected<std::string> readName();
  /// Skips N bytes, failing if fewer remain.
  llvm::Error skip(uint64_t N);
  /// Reads a value type (number, vector or reference).
  llvm::Expected<ValType> readValType();
  llvm::Expected<ValType> readRefType();
  /// A heap type (an abstract one or a type index), as the reference type of that nullability.
  llvm::Expected<ValType> readHeapType(bool Nullable);
  /// Type indices at or above this are unknown (the decoder sets it once it knows the types).
  uint64_t TypeLimit = UINT64_MAX;

  llvm::Error fail(const llvm::Twine &Message) const { return wasmError(Pos, Message); }
  llvm::Error failAt(uint64_t Offset, const llvm::Twine &Message) const {
    return wasmError(Offset, Message);
  }

private:
  llvm::Expected<uint64_t> readUnsigned(unsigned Bits);
  llvm::Expected<int64_t> readSigned(unsigned Bits);

  const uint8_t *Data;
  uint64_t Pos, End;
};

} // namespace w2n

#endif
