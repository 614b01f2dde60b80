//===- InstrReader.cpp - Instruction decoding -----------------------------===//
//
// Opcodes are looked up in tables built once from Opcodes.def: one for single-byte opcodes and one per
// prefix (0xfc, 0xfd, 0xfe), whose sub-opcodes are LEB128 u32. Immediates are decoded by the opcode's shape.
//
//===----------------------------------------------------------------------===//
#include "Binary/InstrReader.h"
#include "Binary/Unsupported.h"
#include <vector>

using namespace w2n;
using llvm::Error;

static const OpInfo OpTable[] = {
#define NA Bottom
#define W2N_OP(Name, Prefix, Code, Text, Kind, R, P1, P2, P3, Mem)                                \
  {uint16_t(Prefix), uint32_t(Code), Text, OpKind::Kind, ValType::R, ValType::P1, ValType::P2,     \
   ValType::P3, uint8_t(Mem)},
#include "wasm2native/Opcodes.def"
#undef W2N_OP
#undef NA
};

const OpInfo &w2n::opInfo(Op O) { return OpTable[unsigned(O)]; }

namespace {
struct OpLookup {
  std::vector<Op> Single = std::vector<Op>(256, Op::Count);
  std::vector<Op> FC = std::vector<Op>(32, Op::Count);
  std::vector<Op> FD = std::vector<Op>(512, Op::Count);
  std::vector<Op> FE = std::vector<Op>(128, Op::Count);
  OpLookup() {
    for (unsigned I = 0; I < unsigned(Op::Count); ++I) {
      const OpInfo &Info = OpTable[I];
      if (Info.Prefix == 0)
        Single[Info.Code] = Op(I);
      else if (Info.Prefix == 0xfc)
        FC[Info.Code] = Op(I);
      else if (Info.Prefix == 0xfe)
        FE[Info.Code] = Op(I);
      else
        FD[Info.Code] = Op(I);
    }
  }
};
} // namespace

static const OpLookup &lookup() {
  static const OpLookup L;
  return L;
}

Error InstrReader::readBlockType(BlockType &BT) {
  uint64_t At = R.offset();
  if (R.atEnd())
    return R.fail("unexpected end");
  uint8_t B = R.data()[At];
  if (B == 0x40) {
    (void)R.readByte();
    BT.K = BlockType::Empty;
    return Error::success();
  }
  if (B & 0x40) { // a negative single-byte s33: a value type
    auto T = R.readValType();
    if (!T)
      return T.takeError();
    BT.K = BlockType::Value;
    BT.Type = *T;
    return Error::success();
  }
  auto Idx = R.readS33();
  if (!Idx)
    return Idx.takeError();
  if (*Idx < 0)
    return R.failAt(At, "malformed block type");
  BT.K = BlockType::TypeIndex;
  BT.Index = uint32_t(*Idx);
  if (*Idx >= int64_t(M.Types.size()))
    return R.failAt(At, "unknown type");
  return Error::success();
}

Error InstrReader::readMemArg(Instr &I) {
  auto Align = R.readU32();
  if (!Align)
    return Align.takeError();
  // Multi-memory: bit 6 of the alignment field says that a memory index follows it.
  uint32_t Memory = 0;
  if (*Align & 0x40) {
    auto Index = R.readU32();
    if (!Index)
      return Index.takeError();
    Memory = *Index;
  }
  // The offset is a u64 for a memory64 memory (and for an unknown index, which the validator rejects,
  // a u32 as before).
  bool Is64 = Memory < M.Memories.size() && M.Memories[Memory].Is64;
  uint64_t Offset;
  if (Is64) {
    auto V = R.readU64();
    if (!V)
      return V.takeError();
    Offset = *V;
  } else {
    auto V = R.readU32();
    if (!V)
      return V.takeError();
    Offset = *V;
  }
  I.AlignLog2 = *Align & ~0x40u;
  I.Imm = Offset;
  I.Index2 = Memory;
  return Error::success();
}

Error InstrReader::next(Instr &I) {
  I = Instr();
  I.Offset = R.offset();
  auto B = R.readByte();
  if (!B)
    return B.takeError();
  Op O = Op::Count;
  uint8_t Prefix = 0;
  uint32_t Code = *B;
  if (*B == 0xfc || *B == 0xfd || *B == 0xfb || *B == 0xfe) {
    auto Sub = R.readU32();
    if (!Sub)
      return Sub.takeError();
    Prefix = *B;
    Code = *Sub;
    if (*B != 0xfb) {
      const auto &Table = *B == 0xfc ? lookup().FC : *B == 0xfd ? lookup().FD : lookup().FE;
      if (*Sub < Table.size())
        O = Table[*Sub];
    }
  } else {
    O = lookup().Single[*B];
  }
  if (O == Op::Count) {
    // An opcode of a proposal not implemented gets a message naming it.
    if (Error E = unsupportedOpcode(I.Offset, Prefix, Code))
      return E;
    return R.failAt(I.Offset, "illegal opcode");
  }
  I.Opcode = O;
  const OpInfo &Info = opInfo(O);

  auto U32 = [&](uint32_t &Out) -> Error {
    auto V = R.readU32();
    if (!V)
      return V.takeError();
    Out = *V;
    return Error::success();
  };
  auto LaneByte = [&]() -> Error {
    auto L = R.readByte();
    if (!L)
      return L.takeError();
    I.Index = *L;
    return Error::success();
  };

  switch (Info.Kind) {
  case OpKind::Simple:
  case OpKind::ExtractLane:
  case OpKind::ReplaceLane:
    if (Info.Kind != OpKind::Simple)
      return LaneByte();
    return Error::success();
  case OpKind::Load:
  case OpKind::Store:
  case OpKind::LoadSplat:
  case OpKind::LoadZero:
  case OpKind::LoadExtend:
  case OpKind::Atomic:
    return readMemArg(I);
  case OpKind::LoadLane:
  case OpKind::StoreLane:
    if (Error E = readMemArg(I))
      return E;
    return LaneByte();
  case OpKind::Special:
    break;
  }
  if (O == Op::AtomicFence) { // a reserved byte, which must be zero
    auto Zero = R.readByte();
    if (!Zero)
      return Zero.takeError();
    return *Zero == 0 ? Error::success() : R.failAt(I.Offset, "malformed atomic.fence");
  }

  switch (O) {
  case Op::Block:
  case Op::Loop:
  case Op::If:
  case Op::Try:
    return readBlockType(I.Block);
  case Op::Catch:    // tag index
  case Op::Throw:    // tag index
  case Op::Rethrow:  // label
  case Op::Delegate: // label
    return U32(I.Index);
  case Op::TryTable: {
    if (Error E = readBlockType(I.Block))
      return E;
    uint32_t N = 0;
    if (Error E = U32(N))
      return E;
    if (N > R.remaining()) // each clause takes at least two bytes
      return R.fail("unexpected end");
    for (uint32_t K = 0; K < N; ++K) {
      uint64_t At = R.offset();
      auto Kind = R.readByte();
      if (!Kind)
        return Kind.takeError();
      if (*Kind > 3)
        return R.failAt(At, "malformed catch clause");
      CatchClause C;
      C.K = CatchClause::Kind(*Kind);
      if (C.K == CatchClause::Catch || C.K == CatchClause::CatchRef)
        if (Error E = U32(C.Tag))
          return E;
      if (Error E = U32(C.Label))
        return E;
      I.Catches.push_back(C);
    }
    return Error::success();
  }
  case Op::Br:
  case Op::BrIf:
  case Op::BrOnNull:
  case Op::BrOnNonNull:
  case Op::Call:
  case Op::LocalGet:
  case Op::LocalSet:
  case Op::LocalTee:
  case Op::GlobalGet:
  case Op::GlobalSet:
  case Op::TableGet:
  case Op::TableSet:
  case Op::RefFunc:
  case Op::DataDrop:
  case Op::ElemDrop:
  case Op::TableGrow:
  case Op::TableSize:
  case Op::TableFill:
    return U32(I.Index);
  case Op::BrTable: {
    uint32_t N = 0;
    if (Error E = U32(N))
      return E;
    // Each target takes at least one byte: refuse counts the body cannot hold before allocating.
    if (N > R.remaining())
      return R.fail("unexpected end");
    for (uint32_t K = 0; K <= N; ++K) {
      uint32_t L = 0;
      if (Error E = U32(L))
        return E;
      I.Targets.push_back(L);
    }
    return Error::success();
  }
  case Op::ReturnCall:
    return U32(I.Index);
  case Op::CallRef:
  case Op::ReturnCallRef:
    if (Error E = U32(I.Index))
      return E;
    if (I.Index >= M.Types.size())
      return R.failAt(I.Offset, "unknown type");
    return Error::success();
  case Op::CallIndirect:
  case Op::ReturnCallIndirect:
    if (Error E = U32(I.Index))
      return E;
    return U32(I.Index2);
  case Op::SelectT: {
    uint32_t N = 0;
    if (Error E = U32(N))
      return E;
    if (N != 1)
      return R.failAt(I.Offset, "invalid result arity");
    auto T = R.readValType();
    if (!T)
      return T.takeError();
    I.Type = *T;
    I.TypedSelect = true;
    return Error::success();
  }
  // Memory indices (multi-memory; Wasm 2.0 had a zero byte there) go in Index2, as in a memarg;
  // memory.copy has the destination's there and the source's in Index.
  case Op::MemorySize:
  case Op::MemoryGrow:
  case Op::MemoryFill:
    return U32(I.Index2);
  case Op::MemoryCopy:
    if (Error E = U32(I.Index2))
      return E;
    return U32(I.Index);
  case Op::MemoryInit:
    if (Error E = U32(I.Index))
      return E;
    return U32(I.Index2);
  case Op::TableInit: // elem index, then table index
    if (Error E = U32(I.Index))
      return E;
    return U32(I.Index2);
  case Op::TableCopy: // destination table, then source table
    if (Error E = U32(I.Index))
      return E;
    return U32(I.Index2);
  case Op::I32Const: {
    auto V = R.readS32();
    if (!V)
      return V.takeError();
    I.Imm = uint32_t(*V);
    return Error::success();
  }
  case Op::I64Const: {
    auto V = R.readS64();
    if (!V)
      return V.takeError();
    I.Imm = uint64_t(*V);
    return Error::success();
  }
  case Op::F32Const: {
    auto V = R.readF32Bits();
    if (!V)
      return V.takeError();
    I.Imm = *V;
    return Error::success();
  }
  case Op::F64Const: {
    auto V = R.readF64Bits();
    if (!V)
      return V.takeError();
    I.Imm = *V;
    return Error::success();
  }
  case Op::RefNull: {
    auto T = R.readHeapType(true);
    if (!T)
      return T.takeError();
    I.Type = *T;
    return Error::success();
  }
  default:
    break;
  }
  // The remaining specials have no immediates, except SIMD's v128.const and i8x16.shuffle, which
  // OpcodesSIMD.def marks Special with Mem == 16.
  if (Info.Prefix == 0xfd && Info.Mem == 16) {
    if (R.remaining() < 16)
      return R.fail("unexpected end");
    for (unsigned K = 0; K < 16; ++K)
      I.Lanes[K] = R.data()[R.offset() + K];
    if (Error E = R.skip(16))
      return E;
    uint64_t Lo = 0, Hi = 0;
    for (unsigned K = 0; K < 8; ++K) {
      Lo |= uint64_t(I.Lanes[K]) << (8 * K);
      Hi |= uint64_t(I.Lanes[8 + K]) << (8 * K);
    }
    I.Imm = Lo;
    I.ImmHigh = Hi;
  }
  return Error::success();
}

Error w2n::decodeLocals(const Module &M, Function &F) {
  Reader R(M.Bytes.data(), F.BodyOffset, F.BodyOffset + F.BodySize);
  R.TypeLimit = M.Types.size();
  auto Groups = R.readU32();
  if (!Groups)
    return Groups.takeError();
  uint64_t Total = 0;
  for (uint32_t G = 0; G < *Groups; ++G) {
    auto N = R.readU32();
    if (!N)
      return N.takeError();
    auto T = R.readValType();
    if (!T)
      return T.takeError();
    Total += *N;
    if (Total > 50000)
      return R.fail("too many locals");
    F.Locals.insert(F.Locals.end(), *N, *T);
  }
  F.CodeOffset = R.offset();
  return llvm::Error::success();
}
