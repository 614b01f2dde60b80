//===- ModuleDecoder.cpp - Sections of a Wasm 2.0 binary ------------------===//
//
// Reads the preamble and each section in order, filling a Module. Function bodies are not decoded
// here beyond their local declarations: they are recorded as spans and validated afterwards, one by
// one, by the validator. Module-level validation (index spaces, limits, constant expressions, exports,
// the start function) happens here, as soon as the information it needs has been read.
//
//===----------------------------------------------------------------------===//
#include "Binary/InstrReader.h"
#include "Binary/Reader.h"
#include "Binary/Unsupported.h"
#include "wasm2native/Decoder.h"
#include "llvm/ADT/StringSet.h"

using namespace w2n;
using llvm::Error;
using llvm::Expected;

namespace {

class ModuleDecoder {
public:
  explicit ModuleDecoder(Module &M) : M(M) {}
  Error decode();

private:
  Error readSection(uint8_t Id, Reader &R);
  Error readTypes(Reader &R);
  struct ImportDesc {
    ExternKind Kind = ExternKind::Func;
    uint32_t TypeIndex = 0;
    TableType Table;
    MemoryType Memory;
    GlobalType Global;
    uint64_t KindAt = 0;
  };
  Error readImports(Reader &R);
  Error readImportDesc(Reader &R, ImportDesc &D);
  Error addImport(const std::string &Mod, const std::string &Name, uint64_t Offset, const ImportDesc &D);
  Error readFunctions(Reader &R);
  Error readTables(Reader &R);
  Error readMemories(Reader &R);
  Error readGlobals(Reader &R);
  Error readTags(Reader &R);
  /// A tag type: attribute byte 0, then a function type index with no results (the Tags entry).
  Error readTagType(Reader &R, uint32_t &TypeIndex);
  Error readExports(Reader &R);
  Error readStart(Reader &R);
  Error readElems(Reader &R);
  Error readDataCount(Reader &R);
  Error readCode(Reader &R);
  Error readData(Reader &R);
  void readNames(Reader &R);

  Error readLimits(Reader &R, Limits &L, bool &Is64, bool Memory, bool *Shared = nullptr);
  Error readTableType(Reader &R, TableType &T);
  Error readGlobalType(Reader &R, GlobalType &T);
  Error readConstExpr(Reader &R, ValType Expected, ConstExpr &Out);
  Expected<uint32_t> readCount(Reader &R);

  Module &M;
  uint32_t NumDeclaredFuncs = 0;
  bool SawCode = false;
};

} // namespace

Expected<uint32_t> ModuleDecoder::readCount(Reader &R) {
  auto N = R.readU32();
  if (!N)
    return N.takeError();
  // Every element takes at least one byte, so a larger count is a truncated section; refusing it
  // here keeps a hostile count from allocating gigabytes.
  if (*N > R.remaining())
    return R.fail("unexpected end of section or function");
  return *N;
}

Error ModuleDecoder::decode() {
  Reader R(M.Bytes.data(), 0, M.Bytes.size());
  static const uint8_t Magic[4] = {0x00, 0x61, 0x73, 0x6d};
  if (M.Bytes.size() < 4 || std::memcmp(M.Bytes.data(), Magic, 4) != 0)
    return wasmError(0, "magic header not detected");
  if (M.Bytes.size() < 8)
    return wasmError(4, "unexpected end");
  static const uint8_t Version[4] = {0x01, 0x00, 0x00, 0x00};
  if (std::memcmp(M.Bytes.data() + 4, Version, 4) != 0)
    return wasmError(4, "unknown binary version");
  if (Error E = R.skip(8))
    return E;

  // Known sections must appear at most once and in this order (data count sits between element and
  // code); custom sections may appear anywhere.
  // The tag section (13) sits between memory and global.
  static const int OrderOf[14] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
  int LastOrder = 0;
  while (!R.atEnd()) {
    uint64_t SectionStart = R.offset();
    auto IdByte = R.readByte();
    if (!IdByte)
      return IdByte.takeError();
    uint8_t Id = *IdByte;
    uint64_t SizeAt = R.offset();
    auto Size = R.readU32();
    if (!Size)
      return Size.takeError();
    if (*Size > R.remaining())
      return wasmError(SizeAt, "length out of bounds");
    if (Id > 13)
      return wasmError(SectionStart, "malformed section id");
    if (Id != 0) {
      if (OrderOf[Id] <= LastOrder)
        return wasmError(SectionStart, "unexpected content after last section");
      LastOrder = OrderOf[Id];
    }
    Reader Sec(M.Bytes.data(), R.offset(), R.offset() + *Size);
    Sec.TypeLimit = M.Types.size();
    if (Error E = readSection(Id, Sec))
      return E;
    if (!Sec.atEnd())
      return Sec.fail("section size mismatch");
    (void)R.skip(*Size);
  }

  if (NumDeclaredFuncs != 0 && !SawCode)
    return wasmError(M.Bytes.size(), "function and code section have inconsistent lengths");
  if (M.DataCount && *M.DataCount != M.Datas.size())
    return wasmError(M.Bytes.size(), "data count and data section have inconsistent lengths");
  return Error::success();
}

Error ModuleDecoder::readSection(uint8_t Id, Reader &R) {
  switch (Id) {
  case 0: {
    auto Name = R.readName();
    if (!Name)
      return Name.takeError();
    if (*Name == "name")
      readNames(R);
    (void)R.skip(R.remaining());
    return Error::success();
  }
  case 1: return readTypes(R);
  case 2: return readImports(R);
  case 3: return readFunctions(R);
  case 4: return readTables(R);
  case 5: return readMemories(R);
  case 6: return readGlobals(R);
  case 7: return readExports(R);
  case 8: return readStart(R);
  case 9: return readElems(R);
  case 10: return readCode(R);
  case 11: return readData(R);
  case 12: return readDataCount(R);
  case 13: return readTags(R);
  }
  return Error::success();
}

Error ModuleDecoder::readTypes(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t At = R.offset();
    auto Form = R.readByte();
    if (!Form)
      return Form.takeError();
    if (*Form == 0x5e || *Form == 0x5f || *Form == 0x4e || *Form == 0x4f || *Form == 0x50)
      return unsupportedFeature(At, Feature::GC,
                                *Form == 0x5e ? "array type" : *Form == 0x5f ? "struct type"
                                : *Form == 0x4e ? "recursive type group" : "subtype declaration");
    if (*Form != 0x60)
      return wasmError(At, "malformed function type");
    FuncType FT;
    R.TypeLimit = I + 1; // a type may refer to itself and the types before it
    for (auto *List : {&FT.Params, &FT.Results}) {
      auto Count = readCount(R);
      if (!Count)
        return Count.takeError();
      for (uint32_t K = 0; K < *Count; ++K) {
        auto T = R.readValType();
        if (!T)
          return T.takeError();
        List->push_back(*T);
      }
    }
    M.Types.push_back(std::move(FT));
  }
  M.canonicalizeTypes();
  return Error::success();
}

Error ModuleDecoder::readLimits(Reader &R, Limits &L, bool &Is64, bool Memory, bool *Shared) {
  uint64_t At = R.offset();
  auto Flags = R.readByte();
  if (!Flags)
    return Flags.takeError();
  // Bit 0: a maximum follows; bit 2: the index type is i64 (memory64 and table64), whose limits
  // are u64; bit 1: a shared memory (threads; docs/threads.md). Bits of proposals not implemented:
  // 2 on a table (shared-everything-threads), 8 page size (custom-page-sizes).
  if ((*Flags & 2) && !Memory)
    return unsupportedFeature(At, Feature::Threads, "shared table");
  if ((*Flags & 8) && Memory)
    return unsupportedFeature(At, Feature::CustomPageSizes, "memory with a custom page size");
  if (*Flags & ~0x07u)
    return wasmError(At, "integer too large");
  Is64 = *Flags & 4;
  if (Shared)
    *Shared = *Flags & 2;
  auto Read = [&](uint64_t &Out) -> Error {
    if (Is64) {
      auto V = R.readU64();
      if (!V)
        return V.takeError();
      Out = *V;
    } else {
      auto V = R.readU32();
      if (!V)
        return V.takeError();
      Out = *V;
    }
    return Error::success();
  };
  if (Error E = Read(L.Min))
    return E;
  if (*Flags & 1) {
    uint64_t Max = 0;
    if (Error E = Read(Max))
      return E;
    L.Max = Max;
  }
  // Memories hold at most 2^16 pages (i32) or 2^48 pages (i64: 2^64 bytes); tables 2^32 - 1 or
  // 2^64 - 1 elements, which the encoding already bounds.
  if (Memory) {
    uint64_t MaxPages = Is64 ? 1ull << 48 : 65536;
    const char *Text = Is64 ? "memory size must be at most 2^48 pages (16 EiB)"
                            : "memory size must be at most 65536 pages (4GiB)";
    if (L.Min > MaxPages || (L.Max && *L.Max > MaxPages))
      return wasmError(At, Text);
  }
  if (L.Max && *L.Max < L.Min)
    return wasmError(At, "size minimum must not be greater than maximum");
  if ((*Flags & 2) && !L.Max)
    return wasmError(At, "shared memory must have maximum");
  return Error::success();
}

Error ModuleDecoder::readTableType(Reader &R, TableType &T) {
  auto RT = R.readRefType();
  if (!RT)
    return RT.takeError();
  T.Elem = *RT;
  return readLimits(R, T.Lim, T.Is64, false);
}

Error ModuleDecoder::readGlobalType(Reader &R, GlobalType &T) {
  auto VT = R.readValType();
  if (!VT)
    return VT.takeError();
  T.Type = *VT;
  uint64_t At = R.offset();
  auto Mut = R.readByte();
  if (!Mut)
    return Mut.takeError();
  if (*Mut > 1)
    return wasmError(At, "malformed mutability");
  T.Mutable = *Mut == 1;
  return Error::success();
}

Error ModuleDecoder::readImportDesc(Reader &R, ImportDesc &D) {
  D.KindAt = R.offset();
  auto Kind = R.readByte();
  if (!Kind)
    return Kind.takeError();
  switch (*Kind) {
  case 0: {
    auto TI = R.readU32();
    if (!TI)
      return TI.takeError();
    if (*TI >= M.Types.size())
      return wasmError(D.KindAt + 1, "unknown type");
    D.Kind = ExternKind::Func;
    D.TypeIndex = *TI;
    return Error::success();
  }
  case 1:
    D.Kind = ExternKind::Table;
    return readTableType(R, D.Table);
  case 2:
    D.Kind = ExternKind::Memory;
    return readLimits(R, D.Memory.Lim, D.Memory.Is64, true, &D.Memory.Shared);
  case 3:
    D.Kind = ExternKind::Global;
    return readGlobalType(R, D.Global);
  case 4:
    D.Kind = ExternKind::Tag;
    return readTagType(R, D.TypeIndex);
  default:
    return wasmError(D.KindAt, "malformed import kind");
  }
}

Error ModuleDecoder::addImport(const std::string &Mod, const std::string &Name, uint64_t Offset,
                               const ImportDesc &D) {
  Import Imp;
  Imp.Module = Mod;
  Imp.Name = Name;
  Imp.Offset = Offset;
  Imp.Kind = D.Kind;
  switch (D.Kind) {
  case ExternKind::Func: {
    Function F;
    F.TypeIndex = D.TypeIndex;
    F.Imported = true;
    F.ImportIndex = M.Imports.size();
    Imp.Index = M.Functions.size();
    M.Functions.push_back(F);
    ++M.NumImportedFuncs;
    break;
  }
  case ExternKind::Table:
    Imp.Index = M.Tables.size();
    M.Tables.push_back(D.Table);
    ++M.NumImportedTables;
    break;
  case ExternKind::Memory:
    Imp.Index = M.Memories.size();
    M.Memories.push_back(D.Memory);
    ++M.NumImportedMemories;
    break;
  case ExternKind::Global: {
    Global G;
    G.Type = D.Global;
    Imp.Index = M.Globals.size();
    M.Globals.push_back(G);
    ++M.NumImportedGlobals;
    break;
  }
  case ExternKind::Tag:
    Imp.Index = M.Tags.size();
    M.Tags.push_back(D.TypeIndex);
    ++M.NumImportedTags;
    break;
  }
  M.Imports.push_back(std::move(Imp));
  return Error::success();
}

Error ModuleDecoder::readTagType(Reader &R, uint32_t &TypeIndex) {
  uint64_t At = R.offset();
  auto Attr = R.readByte();
  if (!Attr)
    return Attr.takeError();
  if (*Attr != 0)
    return wasmError(At, "malformed tag attribute");
  uint64_t IndexAt = R.offset();
  auto TI = R.readU32();
  if (!TI)
    return TI.takeError();
  if (*TI >= M.Types.size())
    return wasmError(IndexAt, "unknown type");
  if (!M.Types[*TI].Results.empty())
    return wasmError(IndexAt, "non-empty tag result type");
  TypeIndex = *TI;
  return Error::success();
}

Error ModuleDecoder::readTags(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    uint32_t TI = 0;
    if (Error E = readTagType(R, TI))
      return E;
    M.Tags.push_back(TI);
  }
  return Error::success();
}

Error ModuleDecoder::readImports(Reader &R) {
  // Each entry is one import (module name, name, description) or, in the compact encoding of the
  // compact-import-section proposal, a group sharing one module name: the module name, an empty
  // name, then 0x7F and a vector of (name, description), or 0x7E, one description and a vector of
  // names. The proposal's text makes the section's count the number of entries (a group is one);
  // the converter of the official suite writes the number of imports. Both are read: entries run to
  // the end of the section, and the count must equal one of the two.
  uint64_t CountAt = R.offset();
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  size_t FirstImport = M.Imports.size();
  uint32_t Entries = 0;
  for (; !R.atEnd() && Entries <= *N; ++Entries) {
    uint64_t At = R.offset();
    auto Mod = R.readName();
    if (!Mod)
      return Mod.takeError();
    auto Name = R.readName();
    if (!Name)
      return Name.takeError();
    uint8_t Form = R.atEnd() ? 0 : R.data()[R.offset()];
    if (!Name->empty() || (Form != 0x7f && Form != 0x7e)) {
      ImportDesc D;
      if (Error E = readImportDesc(R, D))
        return E;
      if (Error E = addImport(*Mod, *Name, At, D))
        return E;
      continue;
    }
    (void)R.readByte();
    ImportDesc Shared;
    if (Form == 0x7e)
      if (Error E = readImportDesc(R, Shared))
        return E;
    auto Items = readCount(R);
    if (!Items)
      return Items.takeError();
    for (uint32_t K = 0; K < *Items; ++K) {
      uint64_t ItemAt = R.offset();
      auto ItemName = R.readName();
      if (!ItemName)
        return ItemName.takeError();
      ImportDesc D = Shared;
      if (Form == 0x7f)
        if (Error E = readImportDesc(R, D))
          return E;
      if (Error E = addImport(*Mod, *ItemName, ItemAt, D))
        return E;
    }
  }
  if (Entries != *N && M.Imports.size() - FirstImport != *N)
    return wasmError(CountAt, "import count matches neither the entries nor the imports");
  return Error::success();
}

Error ModuleDecoder::readFunctions(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t At = R.offset();
    auto TI = R.readU32();
    if (!TI)
      return TI.takeError();
    if (*TI >= M.Types.size())
      return wasmError(At, "unknown type");
    Function F;
    F.TypeIndex = *TI;
    M.Functions.push_back(F);
  }
  NumDeclaredFuncs = *N;
  return Error::success();
}

Error ModuleDecoder::readTables(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    TableType T;
    uint64_t At = R.offset();
    bool HasInit = !R.atEnd() && R.data()[R.offset()] == 0x40; // 0x40 0x00 tabletype expr
    if (HasInit) {
      (void)R.readByte();
      auto Zero = R.readByte();
      if (!Zero)
        return Zero.takeError();
      if (*Zero != 0)
        return wasmError(At, "malformed table");
    }
    if (Error E = readTableType(R, T))
      return E;
    if (HasInit) {
      ConstExpr Init;
      if (Error E = readConstExpr(R, T.Elem, Init))
        return E;
      T.Init = Init;
    } else if (!T.Elem.nullable()) {
      return wasmError(At, "type mismatch"); // no null to start with, so an initialiser is required
    }
    M.Tables.push_back(T);
  }
  return Error::success();
}

Error ModuleDecoder::readMemories(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    MemoryType T;
    if (Error E = readLimits(R, T.Lim, T.Is64, true, &T.Shared))
      return E;
    M.Memories.push_back(T);
  }
  return Error::success();
}

Error ModuleDecoder::readConstExpr(Reader &R, ValType Want, ConstExpr &Out) {
  // Typed on a stack like a function body. A single instruction is kept as itself; several (only
  // possible with extended-const arithmetic, since the result is one value) become Extended.
  Out.Offset = R.offset();
  InstrReader IR(M, R.offset(), R.end());
  std::vector<ValType> Stack;
  std::vector<ConstOp> Ops;
  ConstExpr Single;
  Single.Offset = Out.Offset;
  unsigned Count = 0;
  for (;;) {
    Instr I;
    if (Error E = IR.next(I))
      return E;
    if (I.Opcode == Op::End)
      break;
    ++Count;
    auto Arith = [&](ValType T, ConstOp::Kind K) -> Error {
      if (Stack.size() < 2 || Stack[Stack.size() - 1] != T || Stack[Stack.size() - 2] != T)
        return wasmError(I.Offset, "type mismatch");
      Stack.pop_back();
      Ops.push_back({K, 0});
      return Error::success();
    };
    switch (I.Opcode) {
    case Op::I32Const:
      Single.K = ConstExpr::I32; Single.Bits = I.Imm; Stack.push_back(ValType::I32);
      Ops.push_back({ConstOp::I32, I.Imm});
      continue;
    case Op::I64Const:
      Single.K = ConstExpr::I64; Single.Bits = I.Imm; Stack.push_back(ValType::I64);
      Ops.push_back({ConstOp::I64, I.Imm});
      continue;
    case Op::F32Const: Single.K = ConstExpr::F32; Single.Bits = I.Imm; Stack.push_back(ValType::F32); continue;
    case Op::F64Const: Single.K = ConstExpr::F64; Single.Bits = I.Imm; Stack.push_back(ValType::F64); continue;
    case Op::RefNull:
      Single.K = ConstExpr::RefNull; Single.RefType = I.Type; Stack.push_back(I.Type);
      continue;
    case Op::RefFunc:
      if (I.Index >= M.Functions.size())
        return wasmError(I.Offset, "unknown function " + llvm::Twine(I.Index));
      Single.K = ConstExpr::RefFunc;
      Single.Bits = I.Index;
      M.DeclaredFuncRefs.resize(M.Functions.size());
      M.DeclaredFuncRefs[I.Index] = true;
      Stack.push_back(ValType::typed(M.Functions[I.Index].TypeIndex, false));
      continue;
    case Op::GlobalGet:
      // Wasm 3.0: any immutable global defined before this expression (in the global section,
      // M.Globals holds the imports and the globals before the one being decoded).
      if (I.Index >= M.Globals.size())
        return wasmError(I.Offset, "unknown global " + llvm::Twine(I.Index));
      if (M.Globals[I.Index].Type.Mutable)
        return wasmError(I.Offset, "constant expression required");
      Single.K = ConstExpr::GlobalGet;
      Single.Bits = I.Index;
      Stack.push_back(M.Globals[I.Index].Type.Type);
      Ops.push_back({ConstOp::GlobalGet, I.Index});
      continue;
    case Op::I32Add: if (Error E = Arith(ValType::I32, ConstOp::I32Add)) return E; continue;
    case Op::I32Sub: if (Error E = Arith(ValType::I32, ConstOp::I32Sub)) return E; continue;
    case Op::I32Mul: if (Error E = Arith(ValType::I32, ConstOp::I32Mul)) return E; continue;
    case Op::I64Add: if (Error E = Arith(ValType::I64, ConstOp::I64Add)) return E; continue;
    case Op::I64Sub: if (Error E = Arith(ValType::I64, ConstOp::I64Sub)) return E; continue;
    case Op::I64Mul: if (Error E = Arith(ValType::I64, ConstOp::I64Mul)) return E; continue;
    default:
      break;
    }
    if (opInfo(I.Opcode).Prefix == 0xfd && opInfo(I.Opcode).Mem == 16 &&
        opInfo(I.Opcode).Kind == OpKind::Special && opInfo(I.Opcode).P1 == ValType::Bottom) {
      // v128.const
      Single.K = ConstExpr::V128;
      Single.Bits = I.Imm;
      Single.High = I.ImmHigh;
      Stack.push_back(ValType::V128);
      continue;
    }
    return wasmError(I.Offset, "constant expression required");
  }
  if (Stack.size() != 1 || !M.isSubType(Stack[0], Want))
    return wasmError(Out.Offset, "type mismatch");
  if (Count == 1) {
    Out = Single;
  } else {
    Out.K = ConstExpr::Extended;
    Out.Ops = std::move(Ops);
  }
  return R.skip(IR.offset() - R.offset());
}

Error ModuleDecoder::readGlobals(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    Global G;
    if (Error E = readGlobalType(R, G.Type))
      return E;
    if (Error E = readConstExpr(R, G.Type.Type, G.Init))
      return E;
    M.Globals.push_back(G);
  }
  return Error::success();
}

Error ModuleDecoder::readExports(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  llvm::StringSet<> Names;
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t At = R.offset();
    auto Name = R.readName();
    if (!Name)
      return Name.takeError();
    uint64_t KindAt = R.offset();
    auto Kind = R.readByte();
    if (!Kind)
      return Kind.takeError();
    auto Index = R.readU32();
    if (!Index)
      return Index.takeError();
    Export Ex{*Name, ExternKind(*Kind), *Index};
    switch (*Kind) {
    case 0:
      if (*Index >= M.Functions.size())
        return wasmError(KindAt, "unknown function " + llvm::Twine(*Index));
      M.DeclaredFuncRefs.resize(M.Functions.size());
      M.DeclaredFuncRefs[*Index] = true;
      break;
    case 1:
      if (*Index >= M.Tables.size())
        return wasmError(KindAt, "unknown table " + llvm::Twine(*Index));
      break;
    case 2:
      if (*Index >= M.Memories.size())
        return wasmError(KindAt, "unknown memory " + llvm::Twine(*Index));
      break;
    case 3:
      if (*Index >= M.Globals.size())
        return wasmError(KindAt, "unknown global " + llvm::Twine(*Index));
      break;
    case 4:
      if (*Index >= M.Tags.size())
        return wasmError(KindAt, "unknown tag " + llvm::Twine(*Index));
      break;
    default:
      return wasmError(KindAt, "malformed export kind");
    }
    if (!Names.insert(Ex.Name).second)
      return wasmError(At, "duplicate export name");
    M.Exports.push_back(std::move(Ex));
  }
  return Error::success();
}

Error ModuleDecoder::readStart(Reader &R) {
  uint64_t At = R.offset();
  auto Index = R.readU32();
  if (!Index)
    return Index.takeError();
  if (*Index >= M.Functions.size())
    return wasmError(At, "unknown function " + llvm::Twine(*Index));
  const FuncType &FT = M.funcType(*Index);
  if (!FT.Params.empty() || !FT.Results.empty())
    return wasmError(At, "start function");
  M.Start = *Index;
  return Error::success();
}

Error ModuleDecoder::readElems(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t At = R.offset();
    auto Flags = R.readU32();
    if (!Flags)
      return Flags.takeError();
    if (*Flags > 7)
      return wasmError(At, "malformed elements segment kind");
    ElemSegment S;
    bool Passive = *Flags & 1, ExplicitTable = *Flags & 2, Exprs = *Flags & 4;
    S.M = !Passive ? ElemSegment::Active
                   : (ExplicitTable ? ElemSegment::Declarative : ElemSegment::Passive);
    if (S.M == ElemSegment::Active) {
      if (ExplicitTable) {
        auto T = R.readU32();
        if (!T)
          return T.takeError();
        S.Table = *T;
      }
      if (S.Table >= M.Tables.size())
        return wasmError(At, "unknown table " + llvm::Twine(S.Table));
      if (Error E = readConstExpr(R, M.Tables[S.Table].indexType(), S.Offset))
        return E;
    }
    // Flags 0 and 4 imply a function type; the others give an element kind (0x00) or a reference
    // type. Function indices (flags 0-3) are never null, so their segments have type (ref func).
    if (!Exprs)
      S.Type = ValType::ref(ValType::FuncRef, false);
    if (*Flags & 3) {
      if (Exprs) {
        auto T = R.readRefType();
        if (!T)
          return T.takeError();
        S.Type = *T;
      } else {
        uint64_t KAt = R.offset();
        auto K = R.readByte();
        if (!K)
          return K.takeError();
        if (*K != 0)
          return wasmError(KAt, "malformed element kind");
      }
    }
    auto Count = readCount(R);
    if (!Count)
      return Count.takeError();
    for (uint32_t K = 0; K < *Count; ++K) {
      ConstExpr E;
      if (Exprs) {
        if (Error Err = readConstExpr(R, S.Type, E))
          return Err;
      } else {
        E.Offset = R.offset();
        auto F = R.readU32();
        if (!F)
          return F.takeError();
        if (*F >= M.Functions.size())
          return wasmError(E.Offset, "unknown function " + llvm::Twine(*F));
        E.K = ConstExpr::RefFunc;
        E.Bits = *F;
        M.DeclaredFuncRefs.resize(M.Functions.size());
        M.DeclaredFuncRefs[*F] = true;
      }
      S.Items.push_back(E);
    }
    if (S.M == ElemSegment::Active && !M.isSubType(S.Type, M.Tables[S.Table].Elem))
      return wasmError(At, "type mismatch");
    M.Elems.push_back(std::move(S));
  }
  return Error::success();
}

Error ModuleDecoder::readDataCount(Reader &R) {
  auto N = R.readU32();
  if (!N)
    return N.takeError();
  M.DataCount = *N;
  return Error::success();
}

Error ModuleDecoder::readCode(Reader &R) {
  SawCode = true;
  uint64_t At = R.offset();
  auto N = R.readU32();
  if (!N)
    return N.takeError();
  if (*N != NumDeclaredFuncs)
    return wasmError(At, "function and code section have inconsistent lengths");
  for (uint32_t I = 0; I < *N; ++I) {
    auto Size = R.readU32();
    if (!Size)
      return Size.takeError();
    if (*Size > R.remaining())
      return R.fail("unexpected end of section or function");
    Function &F = M.Functions[M.NumImportedFuncs + I];
    F.BodyOffset = R.offset();
    F.BodySize = *Size;
    if (Error E = decodeLocals(M, F))
      return E;
    (void)R.skip(*Size);
  }
  return Error::success();
}

Error ModuleDecoder::readData(Reader &R) {
  auto N = readCount(R);
  if (!N)
    return N.takeError();
  if (M.DataCount && *M.DataCount != *N)
    return R.fail("data count and data section have inconsistent lengths");
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t At = R.offset();
    auto Flags = R.readU32();
    if (!Flags)
      return Flags.takeError();
    DataSegment S;
    if (*Flags > 2)
      return wasmError(At, "malformed data segment kind");
    S.Active = *Flags != 1;
    if (*Flags == 2) {
      auto Mem = R.readU32();
      if (!Mem)
        return Mem.takeError();
      S.Memory = *Mem;
    }
    if (S.Active) {
      if (S.Memory >= M.Memories.size())
        return wasmError(At, "unknown memory " + llvm::Twine(S.Memory));
      if (Error E = readConstExpr(R, M.Memories[S.Memory].indexType(), S.Offset))
        return E;
    }
    auto Len = R.readU32();
    if (!Len)
      return Len.takeError();
    if (*Len > R.remaining())
      return R.fail("unexpected end of section or function");
    S.DataOffset = R.offset();
    S.DataSize = *Len;
    (void)R.skip(*Len);
    M.Datas.push_back(S);
  }
  return Error::success();
}

void ModuleDecoder::readNames(Reader &R) {
  // The name section is advisory: a malformed one is ignored, never an error.
  M.FunctionNames.resize(M.Functions.size());
  while (!R.atEnd()) {
    auto Id = R.readByte();
    auto Size = Id ? R.readU32() : Expected<uint32_t>(Id.takeError());
    if (!Size || *Size > R.remaining()) {
      if (!Size)
        llvm::consumeError(Size.takeError());
      return;
    }
    Reader Sub(R.data(), R.offset(), R.offset() + *Size);
    (void)R.skip(*Size);
    if (*Id != 1)
      continue;
    auto N = Sub.readU32();
    if (!N) {
      llvm::consumeError(N.takeError());
      return;
    }
    for (uint32_t I = 0; I < *N; ++I) {
      auto Idx = Sub.readU32();
      if (!Idx) {
        llvm::consumeError(Idx.takeError());
        return;
      }
      auto Name = Sub.readName();
      if (!Name) {
        llvm::consumeError(Name.takeError());
        return;
      }
      if (*Idx < M.FunctionNames.size())
        M.FunctionNames[*Idx] = *Name;
    }
  }
}

Expected<Module> w2n::decodeModule(std::vector<uint8_t> Bytes) {
  Module M;
  M.Bytes = std::move(Bytes);
  ModuleDecoder D(M);
  if (Error E = D.decode())
    return E;
  M.DeclaredFuncRefs.resize(M.Functions.size());
  M.FunctionNames.resize(M.Functions.size());
  for (uint32_t I = M.NumImportedFuncs; I < M.Functions.size(); ++I)
    if (Error E = validateFunction(M, I))
      return E;
  return M;
}
