//===- Unsupported.h - Errors for proposals the compiler does not implement ===//
//
// Every opcode, section, type or flag that belongs to a WebAssembly proposal wasm2native does not
// implement is reported here, as `FILE:0xOFFSET: <feature> (proposal NAME) is not supported`, so that a
// module using one gets a message naming the proposal instead of a generic decoding error (a shared
// memory used to be "integer too large"). The decoder calls unsupportedFeature() where it meets such
// an encoding; unsupportedOpcode() recognises the opcodes of those proposals.
//
// Implementing a proposal means deleting its rows here and the decoder's calls that pass its Feature
// (each Feature is passed from a handful of places; grep for its name).
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_BINARY_UNSUPPORTED_H
#define WASM2NATIVE_BINARY_UNSUPPORTED_H

#include "llvm/Support/Error.h"
#include <cstdint>

namespace w2n {

enum class Feature : uint8_t {
  GC,                ///< gc: struct/array types, recursive types, the 0xfb instructions
  Threads,           ///< threads: what it shares beyond memories (shared tables)
  WideArithmetic,    ///< wide-arithmetic: 0xfc 0x13..0x16
  CustomPageSizes,   ///< custom-page-sizes: the page-size flag of memory limits
};

/// The error for `What` (e.g. "shared memory", "instruction try_table") of proposal F at Offset.
llvm::Error unsupportedFeature(uint64_t Offset, Feature F, const llvm::Twine &What);

/// If (Prefix, Code) is an opcode of an unsupported proposal, the error for it; otherwise success.
/// Prefix is 0 for single-byte opcodes.
llvm::Error unsupportedOpcode(uint64_t Offset, uint8_t Prefix, uint32_t Code);

/// If Byte is a value or reference type encoding of an unsupported proposal, the error for it.
llvm::Error unsupportedValType(uint64_t Offset, uint8_t Byte);

} // namespace w2n

#endif
