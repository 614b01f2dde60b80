//===- Module.h - The decoded description of a WebAssembly module ---------===//
//
// The module decoder turns bytes into this immutable description; everything after decoding (the
// validator, the translator) reads it and never the bytes, except function bodies, which stay byte
// spans (offset + size into the input) that InstrReader decodes on demand, per function, so bodies
// can be validated and translated independently.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_MODULE_H
#define WASM2NATIVE_MODULE_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace w2n {

/// Value types, with their binary encodings.
enum class ValType : uint8_t {
  I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b,
  FuncRef = 0x70, ExternRef = 0x6f,
  /// Exception handling (Wasm 3.0): exnref = (ref null exn), and its bottom nullexnref =
  /// (ref null noexn), a subtype of exnref (the only subtyping among these types).
  ExnRef = 0x69, NullExnRef = 0x74,
  /// Not a wasm type: the validator's "unknown" operand of unreachable code.
  Bottom = 0x00,
};
const char *valTypeName(ValType T);
inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef || T == ValType::ExnRef || T == ValType::NullExnRef;
}
/// Whether a value of type Sub may stand where Super is expected (equality, or nullexnref <: exnref).
inline bool isSubType(ValType Sub, ValType Super) {
  return Sub == Super || (Sub == ValType::NullExnRef && Super == ValType::ExnRef);
}
inline bool isNumType(ValType T) {
  return T == ValType::I32 || T == ValType::I64 || T == ValType::F32 || T == ValType::F64;
}

struct FuncType {
  std::vector<ValType> Params, Results;
  bool operator==(const FuncType &O) const { return Params == O.Params && Results == O.Results; }
  bool operator!=(const FuncType &O) const { return !(*this == O); }
};

struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
};

/// Is64: the table64/memory64 index type i64 (limits flag 0x04) instead of i32.
struct TableType {
  ValType Elem = ValType::FuncRef;
  Limits Lim;
  bool Is64 = false;
  ValType indexType() const { return Is64 ? ValType::I64 : ValType::I32; }
};
struct MemoryType {
  Limits Lim;
  bool Is64 = false;
  bool Shared = false; ///< threads: limits flag 0x02, shared between threads (needs a maximum)
  ValType indexType() const { return Is64 ? ValType::I64 : ValType::I32; }
};
struct GlobalType { ValType Type = ValType::I32; bool Mutable = false; };

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };

struct Import {
  std::string Module, Name;
  ExternKind Kind;
  uint32_t Index; ///< Index in the kind's index space (functions, tables, ...).
  uint64_t Offset; ///< Where the import entry starts, for diagnostics.
};

struct Export {
  std::string Name;
  ExternKind Kind;
  uint32_t Index;
};

/// One instruction of an extended constant expression (extended-const proposal, Wasm 3.0).
struct ConstOp {
  enum Kind : uint8_t { I32, I64, GlobalGet, I32Add, I32Sub, I32Mul, I64Add, I64Sub, I64Mul } K = I32;
  uint64_t Bits = 0; ///< The constant, or the global index.
};

/// A constant expression: one constant, global.get, ref.null or ref.func (V128 constants keep their
/// 16 bytes), or, for an expression of several instructions (Wasm 3.0's extended constant
/// expressions: integer constants, global.get and i32/i64 add, sub and mul), Extended with the
/// instructions in order, evaluated on a stack.
struct ConstExpr {
  enum Kind : uint8_t { I32, I64, F32, F64, V128, GlobalGet, RefNull, RefFunc, Extended } K = I32;
  uint64_t Bits = 0;   ///< Integer/float bits, or the global/function index.
  uint64_t High = 0;   ///< High 64 bits of a v128.
  ValType RefType = ValType::FuncRef; ///< For RefNull.
  uint64_t Offset = 0; ///< Where the expression starts.
  std::vector<ConstOp> Ops; ///< For Extended.
};

struct Global { GlobalType Type; ConstExpr Init; };

struct Function {
  uint32_t TypeIndex = 0;
  bool Imported = false;
  uint32_t ImportIndex = 0;       ///< Into Module::Imports, when imported.
  uint64_t BodyOffset = 0;        ///< Body span (locals + code), when defined.
  uint64_t BodySize = 0;
  std::vector<ValType> Locals;    ///< Declared locals, expanded, without parameters.
  uint64_t CodeOffset = 0;        ///< First instruction, after the local declarations.
};

struct ElemSegment {
  enum Mode : uint8_t { Active, Passive, Declarative } M = Active;
  uint32_t Table = 0;
  ConstExpr Offset;
  ValType Type = ValType::FuncRef;
  std::vector<ConstExpr> Items; ///< Each a RefFunc, RefNull or GlobalGet.
};

struct DataSegment {
  bool Active = true;
  uint32_t Memory = 0;
  ConstExpr Offset;
  uint64_t DataOffset = 0, DataSize = 0; ///< Span of the bytes in the input.
};

struct Module {
  std::vector<uint8_t> Bytes;   ///< The input, kept for function bodies and data.
  std::vector<FuncType> Types;
  std::vector<Import> Imports;
  std::vector<Function> Functions;   ///< Imports first, then definitions.
  std::vector<TableType> Tables;     ///< Imports first.
  std::vector<MemoryType> Memories;  ///< Imports first.
  std::vector<Global> Globals;       ///< Imports first (their Init is unused).
  /// Exception tags (tag section, id 13): the type index of each, imports first. A tag's type has
  /// no results; its parameters are the exception's payload.
  std::vector<uint32_t> Tags;
  std::vector<Export> Exports;
  std::optional<uint32_t> Start;
  std::vector<ElemSegment> Elems;
  std::vector<DataSegment> Datas;
  std::optional<uint32_t> DataCount;
  uint32_t NumImportedFuncs = 0, NumImportedTables = 0, NumImportedMemories = 0,
           NumImportedGlobals = 0, NumImportedTags = 0;
  /// Function names from the "name" custom section (empty where absent).
  std::vector<std::string> FunctionNames;
  /// Functions referenced outside function bodies (exports, elements, globals): ref.func may name them.
  std::vector<bool> DeclaredFuncRefs;

  const FuncType &funcType(uint32_t FuncIndex) const { return Types[Functions[FuncIndex].TypeIndex]; }
};

} // namespace w2n

#endif
