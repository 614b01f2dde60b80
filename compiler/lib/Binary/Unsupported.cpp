//===- Unsupported.cpp - Errors for proposals the compiler does not implement -===//
//
// The proposal of each unsupported encoding, and the one message format for all of them (see
// Unsupported.h). Only encodings that the binary format of some proposal defines are listed: bytes
// that no proposal gives a meaning keep the spec's own messages ("illegal opcode", "malformed value
// type"), since for them there is no feature to name.
//
//===----------------------------------------------------------------------===//
#include "Binary/Unsupported.h"
#include "wasm2native/Diagnostics.h"
#include "llvm/ADT/Twine.h"

using namespace w2n;
using llvm::Error;

static const char *proposalName(Feature F) {
  switch (F) {
  case Feature::GC: return "gc";
  case Feature::Threads: return "threads";
  case Feature::WideArithmetic: return "wide-arithmetic";
  case Feature::CustomPageSizes: return "custom-page-sizes";
  }
  return "?";
}

Error w2n::unsupportedFeature(uint64_t Offset, Feature F, const llvm::Twine &What) {
  return wasmError(Offset, What + " (proposal " + proposalName(F) + ") is not supported");
}

namespace {
struct OpRow { uint8_t Prefix; uint32_t Code; Feature F; const char *Name; };
const OpRow Rows[] = {
    {0, 0xd3, Feature::GC, "ref.eq"},
    {0xfc, 0x13, Feature::WideArithmetic, "i64.add128"},
    {0xfc, 0x14, Feature::WideArithmetic, "i64.sub128"},
    {0xfc, 0x15, Feature::WideArithmetic, "i64.mul_wide_s"},
    {0xfc, 0x16, Feature::WideArithmetic, "i64.mul_wide_u"},
};
} // namespace

Error w2n::unsupportedOpcode(uint64_t Offset, uint8_t Prefix, uint32_t Code) {
  // Whole prefixes: every 0xfb instruction is GC's. (0xfe, threads, is implemented: its unassigned
  // sub-opcodes are illegal opcodes.)
  if (Prefix == 0xfb)
    return unsupportedFeature(Offset, Feature::GC, "instruction 0xfb " + llvm::Twine(Code));
  for (const OpRow &R : Rows)
    if (R.Prefix == Prefix && R.Code == Code)
      return unsupportedFeature(Offset, R.F, llvm::Twine("instruction ") + R.Name);
  return Error::success();
}

Error w2n::unsupportedValType(uint64_t Offset, uint8_t Byte) {
  switch (Byte) {
  case 0x6e: return unsupportedFeature(Offset, Feature::GC, "type anyref");
  case 0x6d: return unsupportedFeature(Offset, Feature::GC, "type eqref");
  case 0x6c: return unsupportedFeature(Offset, Feature::GC, "type i31ref");
  case 0x6b: return unsupportedFeature(Offset, Feature::GC, "type structref");
  case 0x6a: return unsupportedFeature(Offset, Feature::GC, "type arrayref");
  case 0x71: return unsupportedFeature(Offset, Feature::GC, "type nullref");
  }
  return Error::success();
}
