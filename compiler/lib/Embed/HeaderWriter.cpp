//===- HeaderWriter.cpp - The C header of an embedded module --------------===//
//
// Writes <name>.h for an object compiled with --emit=obj. The header starts with the embedding API
// itself (w2n_embed.h, compiled into wasm2native by CMake as EmbedApiText.inc), so a program needs no
// other include path. Then, for this module: the descriptor `<name>_module`, an enum of import
// positions with a comment giving each import's type (the order w2n_instantiate expects), an enum of
// export indices, and typed static inline wrappers: `<name>_call_<export>` for functions (parameters
// by value, results through pointers, the w2n_result returned), `<name>_memory_<export>`,
// `<name>_table_<export>` and `<name>_global_<export>` for the rest. Wrappers go through the reflective
// API (w2n_call_export), so the object's only symbol is the descriptor.
//
// Export names are arbitrary strings; in C names every character outside [A-Za-z0-9_] becomes '_', and
// a name that collides with an earlier one gets its export index appended.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/EmbedHeader.h"
#include <cctype>
#include <set>
#include <sstream>

using namespace w2n;

namespace {

const char EmbedApiText[] =
#include "EmbedApiText.inc"
    ;

struct CType {
  const char *Name;   ///< the C type of a parameter or result
  const char *Member; ///< its w2n_value member
};

CType cType(ValType T) {
  switch (T.kind()) {
  case ValType::I32: return {"int32_t", "i32"};
  case ValType::I64: return {"int64_t", "i64"};
  case ValType::F32: return {"float", "f32"};
  case ValType::F64: return {"double", "f64"};
  case ValType::V128: return {"w2n_value", nullptr};
  default: return {"void *", "ref"};
  }
}

std::string sanitize(const std::string &S) {
  std::string Out;
  for (char Ch : S)
    Out += isalnum(static_cast<unsigned char>(Ch)) || Ch == '_' ? Ch : '_';
  if (Out.empty() || isdigit(static_cast<unsigned char>(Out[0])))
    Out = "_" + Out;
  return Out;
}

/// A C string literal for an arbitrary byte string.
std::string quote(const std::string &S) {
  std::string Out = "\"";
  for (unsigned char Ch : S) {
    if (Ch == '"' || Ch == '\\') {
      Out += '\\';
      Out += char(Ch);
    } else if (Ch >= 0x20 && Ch < 0x7f && Ch != '*' && Ch != '/') {
      Out += char(Ch);
    } else {
      char Buf[8];
      snprintf(Buf, sizeof Buf, "\\%03o", Ch);
      Out += Buf;
    }
  }
  return Out + "\"";
}

std::string typeList(const std::vector<ValType> &Ts) {
  std::string S;
  for (size_t K = 0; K < Ts.size(); ++K)
    S += (K ? ", " : "") + std::string(valTypeName(Ts[K]));
  return S;
}

std::string funcTypeText(const FuncType &FT) {
  return "(" + typeList(FT.Params) + ") -> (" + typeList(FT.Results) + ")";
}

std::string limitsText(const Limits &L) {
  return "min " + std::to_string(L.Min) + (L.Max ? ", max " + std::to_string(*L.Max) : "");
}

} // namespace

bool w2n::isValidModuleName(const std::string &Name) {
  if (Name.empty() || isdigit(static_cast<unsigned char>(Name[0])))
    return false;
  for (char Ch : Name)
    if (!isalnum(static_cast<unsigned char>(Ch)) && Ch != '_')
      return false;
  return true;
}

std::string w2n::moduleNameFromPath(const std::string &Path) {
  std::string Stem = Path.substr(Path.find_last_of('/') + 1);
  Stem = Stem.substr(0, Stem.find('.'));
  return sanitize(Stem.empty() ? "module" : Stem);
}

std::string w2n::writeEmbedHeader(const Module &M, const std::string &Name, const std::string &Source) {
  std::ostringstream OS;
  std::string Guard = "W2N_MODULE_" + Name + "_H";
  OS << "/* " << Name << ".h: the C interface of " << Source << ", compiled by wasm2native.\n"
     << " *\n"
     << " * Link " << Name << ".o with lib/wasm2native/<target>/libw2nembed.a and -lm. Create an instance with\n"
     << " * " << Name << "_instantiate (imports in the order of the " << Name << "_import_* constants), call its\n"
     << " * exports with the " << Name << "_call_* wrappers. Generated: do not edit. See docs/embedding.md.\n"
     << " */\n"
     << "#ifndef " << Guard << "\n#define " << Guard << "\n\n"
     << EmbedApiText << "\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "extern const w2n_module " << Name << "_module;\n\n";

  // Imports.
  OS << "/* Imports, in the order w2n_instantiate expects them. */\nenum {\n";
  std::set<std::string> Used;
  auto Unique = [&](const std::string &Base, size_t Index) {
    std::string S = Base;
    if (!Used.insert(S).second) {
      S = Base + "_" + std::to_string(Index);
      Used.insert(S);
    }
    return S;
  };
  for (size_t I = 0; I < M.Imports.size(); ++I) {
    const Import &Imp = M.Imports[I];
    std::string What;
    switch (Imp.Kind) {
    case ExternKind::Func: What = "function " + funcTypeText(M.funcType(Imp.Index)); break;
    case ExternKind::Table:
      What = std::string(M.Tables[Imp.Index].Is64 ? "table64 of " : "table of ") + valTypeName(M.Tables[Imp.Index].Elem) +
             ", " + limitsText(M.Tables[Imp.Index].Lim);
      break;
    case ExternKind::Memory:
      // A memory64 import needs w2n_memory_create64, a shared one w2n_memory_create_shared: say so
      // where the host writer looks.
      What = std::string(M.Memories[Imp.Index].Shared ? "shared " : "") +
             (M.Memories[Imp.Index].Is64 ? "memory64 (i64 addresses)" : "memory") + ", pages " +
             limitsText(M.Memories[Imp.Index].Lim);
      break;
    case ExternKind::Global:
      What = std::string("global ") + (M.Globals[Imp.Index].Type.Mutable ? "mut " : "") +
             valTypeName(M.Globals[Imp.Index].Type.Type);
      break;
    case ExternKind::Tag: What = "tag " + funcTypeText(M.Types[M.Tags[Imp.Index]]); break;
    }
    OS << "  " << Name << "_import_" << Unique(sanitize(Imp.Module + "_" + Imp.Name), I) << " = " << I
       << ", /* " << quote(Imp.Module) << " " << quote(Imp.Name) << ": " << What << " */\n";
  }
  OS << "  " << Name << "_IMPORT_COUNT = " << M.Imports.size() << "\n};\n\n";

  OS << "static inline w2n_result " << Name
     << "_instantiate(w2n_instance **out, const w2n_extern *imports, w2n_error *err) {\n"
     << "  return w2n_instantiate(&" << Name << "_module, imports, out, err);\n}\n\n";

  // Exports.
  Used.clear();
  std::vector<std::string> CNames;
  for (size_t E = 0; E < M.Exports.size(); ++E)
    CNames.push_back(Unique(sanitize(M.Exports[E].Name), E));
  OS << "/* Exports (indices for w2n_call_export and w2n_instance_export). */\nenum {\n";
  for (size_t E = 0; E < M.Exports.size(); ++E)
    OS << "  " << Name << "_export_" << CNames[E] << " = " << E << ", /* " << quote(M.Exports[E].Name) << " */\n";
  OS << "  " << Name << "_EXPORT_COUNT = " << M.Exports.size() << "\n};\n\n";

  for (size_t E = 0; E < M.Exports.size(); ++E) {
    const Export &X = M.Exports[E];
    std::string Index = Name + "_export_" + CNames[E];
    std::string Prefix = "static inline ";
    switch (X.Kind) {
    case ExternKind::Func: {
      const FuncType &FT = M.funcType(X.Index);
      OS << "/* " << quote(X.Name) << ": " << funcTypeText(FT) << " */\n"
         << Prefix << "w2n_result " << Name << "_call_" << CNames[E] << "(w2n_instance *instance";
      for (size_t K = 0; K < FT.Params.size(); ++K)
        OS << ", " << cType(FT.Params[K]).Name << " p" << K;
      for (size_t K = 0; K < FT.Results.size(); ++K)
        OS << ", " << cType(FT.Results[K]).Name << " *r" << K;
      OS << ") {\n  w2n_value args[" << std::max<size_t>(FT.Params.size(), 1) << "], results["
         << std::max<size_t>(FT.Results.size(), 1) << "];\n";
      for (size_t K = 0; K < FT.Params.size(); ++K) {
        CType T = cType(FT.Params[K]);
        OS << "  args[" << K << "]" << (T.Member ? "." + std::string(T.Member) : "") << " = p" << K << ";\n";
      }
      OS << "  w2n_result r = w2n_call_export(instance, " << Index << ", args, results);\n";
      if (!FT.Results.empty()) {
        OS << "  if (r == W2N_OK) {\n";
        for (size_t K = 0; K < FT.Results.size(); ++K) {
          CType T = cType(FT.Results[K]);
          OS << "    *r" << K << " = results[" << K << "]" << (T.Member ? "." + std::string(T.Member) : "") << ";\n";
        }
        OS << "  }\n";
      }
      OS << "  (void)args;\n  return r;\n}\n\n";
      break;
    }
    case ExternKind::Memory:
    case ExternKind::Table: {
      bool Mem = X.Kind == ExternKind::Memory;
      const char *What = !Mem ? "table" : M.Memories[X.Index].Is64 ? "memory64 (i64 addresses)" : "memory";
      OS << "/* " << quote(X.Name) << ": " << What << " */\n"
         << Prefix << (Mem ? "w2n_memory *" : "w2n_table *") << Name << (Mem ? "_memory_" : "_table_") << CNames[E]
         << "(w2n_instance *instance) {\n  w2n_extern e;\n  w2n_instance_export(instance, " << Index
         << ", &e);\n  return e.u." << (Mem ? "memory" : "table") << ";\n}\n\n";
      break;
    }
    case ExternKind::Global: {
      const GlobalType &GT = M.Globals[X.Index].Type;
      CType T = cType(GT.Type);
      OS << "/* " << quote(X.Name) << ": global " << (GT.Mutable ? "mut " : "") << valTypeName(GT.Type) << " */\n"
         << Prefix << (GT.Mutable ? "" : "const ") << T.Name << (std::string(T.Name).back() == '*' ? "*" : " *") << Name
         << "_global_" << CNames[E] << "(w2n_instance *instance) {\n  w2n_extern e;\n  w2n_instance_export(instance, "
         << Index << ", &e);\n  return " << (T.Member ? "&e.u.global.value->" + std::string(T.Member) : "e.u.global.value")
         << ";\n}\n\n";
      break;
    }
    case ExternKind::Tag: // a tag export is only an extern to import elsewhere (w2n_instance_export)
      OS << "/* " << quote(X.Name) << ": tag " << funcTypeText(M.Types[M.Tags[X.Index]]) << " */\n\n";
      break;
    }
  }
  OS << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
  return OS.str();
}
