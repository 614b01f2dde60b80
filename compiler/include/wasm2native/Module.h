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

/// A value type. Numeric types and the abbreviated reference types are one Kind, named after their
/// binary encoding, so `ValType::I32` or `ValType::FuncRef` (nullable, as funcref abbreviates
/// (ref null func)) read as before. A reference type's Kind is its heap type (func, extern, exn,
/// their bottoms nofunc/noextern/noexn, or Typed: a function type's index, function references
/// proposal), and Nullable says whether null is a value of the type: (ref $t) is
/// ValType::typed(T, false), (ref func) is ValType::ref(ValType::FuncRef, false).
class ValType {
public:
  enum Kind : uint8_t {
    I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b,
    FuncRef = 0x70, ExternRef = 0x6f,
    /// Exception handling (Wasm 3.0): exnref = (ref null exn).
    ExnRef = 0x69,
    /// The bottom heap types: nullfuncref, nullexternref, nullexnref (no values but null).
    NullFuncRef = 0x73, NullExternRef = 0x72, NullExnRef = 0x74,
    /// A reference to a function of type TypeIndex (the heap type is a type index).
    Typed = 0x01,
    /// Not a wasm type: the validator's "unknown" operand of unreachable code.
    Bottom = 0x00,
  };
  constexpr ValType(Kind K = Bottom) : K(K) {}
  static constexpr ValType ref(Kind Heap, bool Nullable) {
    ValType T(Heap);
    T.Null = Nullable;
    return T;
  }
  static constexpr ValType typed(uint32_t TypeIndex, bool Nullable) {
    ValType T = ref(Typed, Nullable);
    T.Index = TypeIndex;
    return T;
  }
  Kind kind() const { return K; }
  bool nullable() const { return Null; }
  uint32_t typeIndex() const { return Index; }
  bool isRef() const { return K != I32 && K != I64 && K != F32 && K != F64 && K != V128 && K != Bottom; }
  /// The same reference type with or without null.
  ValType withNull(bool Nullable) const { ValType T = *this; T.Null = Nullable; return T; }
  friend bool operator==(ValType A, ValType B) { return A.K == B.K && A.Null == B.Null && A.Index == B.Index; }
  friend bool operator!=(ValType A, ValType B) { return !(A == B); }

private:
  Kind K;
  bool Null = true;   ///< for references; true for the other kinds, so that equality is plain
  uint32_t Index = 0; ///< for Typed
};
std::string valTypeName(ValType T);
inline bool isRefType(ValType T) { return T.isRef(); }
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

/// Is64: the table64/memory64 index type i64 (limits flag 0x04) instead of i32.
struct TableType {
  ValType Elem = ValType::FuncRef;
  Limits Lim;
  bool Is64 = false;
  /// Function references: a defined table's initial element (encoding 0x40 0x00), which a table
  /// of a non-nullable type must have; without one, elements start null.
  std::optional<ConstExpr> Init;
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

  /// For each type, the index of the first type equal to it (the spec's type equivalence: equal
  /// parameters and results, references to types compared by their canonical index); filled by the
  /// decoder after the type section.
  std::vector<uint32_t> CanonicalTypes;

  const FuncType &funcType(uint32_t FuncIndex) const { return Types[Functions[FuncIndex].TypeIndex]; }
  /// The spec's subtyping of value types (Types.cpp): numeric types match themselves; a reference
  /// type matches one of the same or a larger heap type (nofunc <: $t <: func, noextern <: extern,
  /// noexn <: exn) whose nullability is not smaller. Bottom (unknown) matches everything.
  bool isSubType(ValType Sub, ValType Super) const;
  bool sameType(uint32_t A, uint32_t B) const;
  /// Fills CanonicalTypes from Types.
  void canonicalizeTypes();
  /// The heap type's top (func, extern or exn) of a reference type.
  static ValType::Kind topHeap(ValType T);
};

} // namespace w2n

#endif
