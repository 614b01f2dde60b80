//===- Opcodes.h - Instruction opcodes and decoded instructions -----------===//
//
// Op enumerates every instruction of Opcodes.def; OpInfo gives its encoding and, for table-typed kinds,
// its operand and result types. Instr is one decoded instruction with its immediates, as InstrReader
// produces it; the validator and the translator both consume Instrs and never the bytes.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_OPCODES_H
#define WASM2NATIVE_OPCODES_H

#include "wasm2native/Module.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace w2n {

enum class Op : uint16_t {
#define W2N_OP(Name, Prefix, Code, Text, Kind, R, P1, P2, P3, Mem) Name,
#include "wasm2native/Opcodes.def"
#undef W2N_OP
  Count
};

enum class OpKind : uint8_t {
  Simple, Load, Store, Special, LoadLane, StoreLane, ExtractLane, ReplaceLane,
  LoadSplat, LoadZero, LoadExtend, Atomic
};

struct OpInfo {
  uint16_t Prefix;
  uint32_t Code;
  const char *Text;
  OpKind Kind;
  ValType Result, P1, P2, P3; ///< ValType::Bottom where absent.
  uint8_t Mem;                ///< Access size in bytes, or lane count for lane ops.
};

const OpInfo &opInfo(Op O);

/// A block type: empty, one value type, or a function type index (multi-value).
struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex } K = Empty;
  ValType Type = ValType::Bottom;
  uint32_t Index = 0;
};

/// One catch clause of try_table: catch (0), catch_ref (1), catch_all (2), catch_all_ref (3).
struct CatchClause {
  enum Kind : uint8_t { Catch = 0, CatchRef = 1, CatchAll = 2, CatchAllRef = 3 } K = Catch;
  uint32_t Tag = 0;   ///< for Catch and CatchRef
  uint32_t Label = 0; ///< relative to the try_table's enclosing block
};

struct Instr {
  Op Opcode = Op::Nop;
  uint64_t Offset = 0;       ///< Offset of the opcode byte.
  uint32_t Index = 0;        ///< local, global, function, type, label, table, data, elem, tag index; lane;
                             ///< memory.copy's source memory
  uint32_t Index2 = 0;       ///< call_indirect/table.init/table.copy table; the memory of a memarg,
                             ///< memory.size/grow/fill/init, memory.copy's destination
  uint64_t Imm = 0;          ///< constant bits, memarg offset
  uint64_t ImmHigh = 0;      ///< high half of a v128 constant
  uint32_t AlignLog2 = 0;    ///< memarg alignment
  BlockType Block;
  ValType Type = ValType::Bottom; ///< ref.null type, typed select's type
  bool TypedSelect = false;
  llvm::SmallVector<uint32_t, 8> Targets; ///< br_table: labels, then the default last
  uint8_t Lanes[16] = {};    ///< i8x16.shuffle lane indices
  llvm::SmallVector<CatchClause, 2> Catches; ///< try_table's catch clauses, in order
};

} // namespace w2n

#endif
