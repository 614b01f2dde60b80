//===- Reader.cpp - Primitive decoding of the binary format ---------------===//
//
// LEB128 follows the spec exactly: at most ceil(N/7) bytes, and the unused bits of the last byte must
// be zero (unsigned) or a sign extension (signed); anything else is "integer representation too long"
// or "integer too large", the messages the spec tests use.
//
//===----------------------------------------------------------------------===//
#include "Binary/Reader.h"
#include "Binary/Unsupported.h"
#include <cstring>

using namespace w2n;
using llvm::Expected;

Expected<uint8_t> Reader::readByte() {
  if (Pos >= End)
    return fail("unexpected end");
  return Data[Pos++];
}

Expected<uint64_t> Reader::readUnsigned(unsigned Bits) {
  uint64_t Start = Pos, Result = 0;
  unsigned MaxBytes = (Bits + 6) / 7;
  for (unsigned I = 0;; ++I) {
    if (Pos >= End)
      return failAt(Pos, "unexpected end");
    uint8_t B = Data[Pos++];
    unsigned Shift = I * 7;
    if (I == MaxBytes - 1) {
      // The last permitted byte: no continuation, and no bits beyond Bits.
      if (B & 0x80)
        return failAt(Start, "integer representation too long");
      unsigned Used = Bits - Shift;
      if (Used < 7 && (B >> Used) != 0)
        return failAt(Start, "integer too large");
      Result |= uint64_t(B & 0x7f) << Shift;
      return Result;
    }
    Result |= uint64_t(B & 0x7f) << Shift;
    if (!(B & 0x80))
      return Result;
  }
}

Expected<int64_t> Reader::readSigned(unsigned Bits) {
  uint64_t Start = Pos;
  int64_t Result = 0;
  unsigned MaxBytes = (Bits + 6) / 7;
  for (unsigned I = 0;; ++I) {
    if (Pos >= End)
      return failAt(Pos, "unexpected end");
    uint8_t B = Data[Pos++];
    unsigned Shift = I * 7;
    if (I == MaxBytes - 1) {
      if (B & 0x80)
        return failAt(Start, "integer representation too long");
      unsigned Used = Bits - Shift; // bits of payload that belong to the value, 1..7
      if (Used < 7) {
        // The remaining high bits must all equal the sign bit.
        int8_t SignExtended = int8_t(B << 1) >> 1; // 7-bit payload sign-extended to 8 bits
        int8_t Expected = int8_t(uint8_t(B << (8 - Used))) >> (8 - Used);
        if (SignExtended != Expected)
          return failAt(Start, "integer too large");
      }
      Result |= int64_t(uint64_t(B & 0x7f) << Shift);
      if (Shift + 7 < 64 && (B & 0x40))
        Result |= int64_t(~uint64_t(0) << (Shift + 7));
      return Result;
    }
    Result |= int64_t(uint64_t(B & 0x7f) << Shift);
    if (!(B & 0x80)) {
      if (B & 0x40)
        Result |= int64_t(~uint64_t(0) << (Shift + 7));
      return Result;
    }
  }
}

Expected<uint32_t> Reader::readU32() {
  auto V = readUnsigned(32);
  if (!V)
    return V.takeError();
  return uint32_t(*V);
}
Expected<uint64_t> Reader::readU64() { return readUnsigned(64); }
Expected<int32_t> Reader::readS32() {
  auto V = readSigned(32);
  if (!V)
    return V.takeError();
  return int32_t(*V);
}
Expected<int64_t> Reader::readS64() { return readSigned(64); }
Expected<int64_t> Reader::readS33() { return readSigned(33); }

Expected<uint32_t> Reader::readF32Bits() {
  if (remaining() < 4)
    return fail("unexpected end");
  uint32_t V;
  std::memcpy(&V, Data + Pos, 4);
  Pos += 4;
  return V;
}

Expected<uint64_t> Reader::readF64Bits() {
  if (remaining() < 8)
    return fail("unexpected end");
  uint64_t V;
  std::memcpy(&V, Data + Pos, 8);
  Pos += 8;
  return V;
}

llvm::Error Reader::skip(uint64_t N) {
  if (remaining() < N)
    return fail("unexpected end");
  Pos += N;
  return llvm::Error::success();
}

static bool isValidUTF8(const uint8_t *S, uint64_t N) {
  uint64_t I = 0;
  while (I < N) {
    uint8_t C = S[I];
    unsigned Len;
    uint32_t CP;
    if (C < 0x80) { ++I; continue; }
    if ((C & 0xe0) == 0xc0) { Len = 2; CP = C & 0x1f; }
    else if ((C & 0xf0) == 0xe0) { Len = 3; CP = C & 0x0f; }
    else if ((C & 0xf8) == 0xf0) { Len = 4; CP = C & 0x07; }
    else return false;
    if (I + Len > N)
      return false;
    for (unsigned K = 1; K < Len; ++K) {
      if ((S[I + K] & 0xc0) != 0x80)
        return false;
      CP = (CP << 6) | (S[I + K] & 0x3f);
    }
    if ((Len == 2 && CP < 0x80) || (Len == 3 && CP < 0x800) || (Len == 4 && CP < 0x10000) ||
        CP > 0x10ffff || (CP >= 0xd800 && CP <= 0xdfff))
      return false;
    I += Len;
  }
  return true;
}

Expected<std::string> Reader::readName() {
  auto Len = readU32();
  if (!Len)
    return Len.takeError();
  if (remaining() < *Len)
    return fail("length out of bounds");
  if (!isValidUTF8(Data + Pos, *Len))
    return fail("malformed UTF-8 encoding");
  std::string S(reinterpret_cast<const char *>(Data + Pos), *Len);
  Pos += *Len;
  return S;
}

/// The abstract heap types without GC: func, extern, exn and their bottoms nofunc, noextern, noexn
/// (each also the short form of the nullable reference type, funcref = (ref null func)).
static bool isAbstractHeap(uint8_t B) {
  return B == 0x70 || B == 0x6f || B == 0x69 || B == 0x73 || B == 0x72 || B == 0x74;
}

Expected<ValType> Reader::readHeapType(bool Nullable) {
  uint64_t At = Pos;
  if (Pos < End && isAbstractHeap(Data[Pos]))
    return ValType::ref(ValType::Kind(Data[Pos++]), Nullable);
  auto Idx = readS33();
  if (!Idx)
    return Idx.takeError();
  if (*Idx < 0) { // another abstract heap type: GC's any, eq, i31, struct, array, none
    if (llvm::Error E = unsupportedValType(At, uint8_t(*Idx & 0x7f)))
      return E;
    return failAt(At, "malformed heap type");
  }
  if (uint64_t(*Idx) >= TypeLimit)
    return failAt(At, "unknown type " + llvm::Twine(*Idx));
  return ValType::typed(uint32_t(*Idx), Nullable);
}

Expected<ValType> Reader::readValType() {
  uint64_t At = Pos;
  auto B = readByte();
  if (!B)
    return B.takeError();
  switch (*B) {
  case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b:
    return ValType(ValType::Kind(*B));
  case 0x63: // (ref null ht)
  case 0x64: // (ref ht)
    return readHeapType(*B == 0x63);
  default:
    if (isAbstractHeap(*B)) // funcref, externref, exnref, nullfuncref, nullexternref, nullexnref
      return ValType(ValType::Kind(*B));
    if (llvm::Error E = unsupportedValType(At, *B)) // a type of a proposal not implemented
      return E;
    return failAt(At, "malformed value type");
  }
}

Expected<ValType> Reader::readRefType() {
  uint64_t At = Pos;
  auto T = readValType();
  if (!T) {
    llvm::Error E = T.takeError();
    return E;
  }
  if (!T->isRef())
    return failAt(At, "malformed reference type");
  return *T;
}
