//===- HostHeader.cpp - The C header of an executable's host functions ----===//
//
// `--emit=host-header` writes what a C programmer needs to supply the imports of an executable that
// are not WASI functions (ExecutableInterface.cpp binds them): the embedding API's types (w2n_embed.h,
// the same text as an embedded module's header, so w2n_value, w2n_memory and w2n_host_fn are the ones
// a host program uses) and one declaration per such import, w2n_host_<module>_<name>, with the
// import's wasm type and the w2n_value member of each argument and result in a comment. The calling
// convention is the embedding API's w2n_host_fn, so one implementation serves both an executable and
// an embedding host; in an executable, ctx is the module's memory 0.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/EmbedHeader.h"
#include "wasm2native/Translate.h"
#include <sstream>

using namespace w2n;

namespace {

const char EmbedApiText[] =
#include "EmbedApiText.inc"
    ;

/// The w2n_value member holding a T: named like the type, and `ref` for every reference type.
std::string member(ValType T) {
  return isRefType(T) ? "ref" : valTypeName(T);
}

std::string slots(const char *Array, const std::vector<ValType> &Ts) {
  std::string S;
  for (size_t K = 0; K < Ts.size(); ++K)
    S += std::string(K ? ", " : "") + Array + "[" + std::to_string(K) + "]." + member(Ts[K]) + " (" +
         valTypeName(Ts[K]) + ")";
  return S.empty() ? "none" : S;
}

/// A wasm name inside a C comment: no "*/", nothing outside printable ASCII.
std::string commentSafe(const std::string &S) {
  std::string Out;
  for (unsigned char Ch : S)
    Out += Ch >= 0x20 && Ch < 0x7f && Ch != '*' ? char(Ch) : '?';
  return Out;
}

} // namespace

std::string w2n::writeHostHeader(const Module &M, const std::string &Source) {
  std::ostringstream OS;
  std::vector<std::string> Symbols = hostImportSymbols(M);
  OS << "/* The host functions that " << commentSafe(Source) << " imports, for an executable compiled by wasm2native.\n"
     << " *\n"
     << " * Define each function below in C, compile them into an object (cc -c -O2 host.c: freestanding code,\n"
     << " * the executable has no libc; the runtime's memcpy, memmove, memset and memcmp are there) and link\n"
     << " * it: wasm2native " << commentSafe(Source) << " host.o -o app. Each function gets the import's arguments\n"
     << " * in args and writes its results in results (the w2n_value members named below); ctx is the\n"
     << " * module's memory 0 (a w2n_memory *, NULL if it has none), whose bytes [0, size_bytes) at base the\n"
     << " * function may read and write. Return 0, or non-zero to trap. Imports not defined are refused at\n"
     << " * compile time (or trap or return zeros, --unknown-imports). Generated: do not edit. See\n"
     << " * docs/embedding.md.\n"
     << " */\n"
     << "#ifndef W2N_HOST_FUNCTIONS_H\n#define W2N_HOST_FUNCTIONS_H\n\n"
     << EmbedApiText << "\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  for (size_t I = 0; I < M.Imports.size(); ++I) {
    if (Symbols[I].empty())
      continue;
    const Import &Imp = M.Imports[I];
    const FuncType &FT = M.funcType(Imp.Index);
    OS << "/* \"" << commentSafe(Imp.Module) << "\" \"" << commentSafe(Imp.Name) << "\": arguments "
       << slots("args", FT.Params) << "; results " << slots("results", FT.Results) << " */\n"
       << "int32_t " << Symbols[I] << "(void *ctx, const w2n_value *args, w2n_value *results);\n\n";
  }
  OS << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
  return OS.str();
}
