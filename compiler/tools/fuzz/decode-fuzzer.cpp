//===- decode-fuzzer.cpp - libFuzzer target: decode, validate, translate --===//
//
// w2n-fuzz-decode feeds each input, as a .wasm file, through what wasm2native does to any module
// before code generation: decodeModule (decoding and validation), then, for a valid module,
// translateModule at -O0 twice (as an embedded object, which accepts any imports, and as an executable,
// which must refuse a non-WASI module with a WasmError), the LLVM verifier on each result
// (translateModule runs it) and the embedding header writer. Built only with -DW2N_FUZZ=ON, under
// AddressSanitizer and UBSan (compiler/cmake/Sanitizers.cmake); scripts/fuzz.sh builds and runs it.
//
// A crash is any sanitizer report, and also each broken promise of the libraries, checked here and
// turned into __builtin_trap so that libFuzzer saves the input:
//   - a rejected module must be rejected with a WasmError whose offset lies within the input (the
//     tool prints it as FILE:0xOFFSET), never with another kind of error;
//   - a module the decoder accepts must translate as an embedded object (its imports come from the
//     host, so only an internal error, such as IR that does not verify, can stop it);
//   - as an executable, translation may refuse the module's imports or exports, with a WasmError only.
// Every llvm::Error is consumed on every path: an unchecked one aborts in LLVM's debug builds and is a
// leak in any build.
//
// W2N_FUZZ_CODEGEN=1 in the environment also compiles each embedded translation to an object at -O0
// (about half the executions per second on the spec seeds; off by default).
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "wasm2native/Decoder.h"
#include "wasm2native/Diagnostics.h"
#include "wasm2native/EmbedHeader.h"
#include "wasm2native/Translate.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace w2n;
using namespace llvm;

namespace {

std::unique_ptr<TargetMachine> TM;
TargetInfo X86_64; // x86_64-linux
bool Codegen = false;

/// Stops the run (libFuzzer saves the input) after saying why.
[[noreturn]] void brokenPromise(const Twine &What, Error E) {
  errs() << "w2n-fuzz-decode: " << What << ": " << toString(std::move(E)) << "\n";
  errs().flush();
  __builtin_trap();
}

/// Consumes E, which must be a WasmError (or several) pointing inside the Size-byte input.
void expectWasmError(Error E, size_t Size, const char *Stage) {
  Error Rest = handleErrors(std::move(E), [&](const WasmError &WE) -> Error {
    if (WE.offset() > Size)
      return createStringError(inconvertibleErrorCode(), "offset 0x%llx beyond the %zu-byte input: %s",
                               (unsigned long long)WE.offset(), Size, WE.text().c_str());
    if (WE.text().empty())
      return createStringError(inconvertibleErrorCode(), "empty message");
    return Error::success();
  });
  if (Rest)
    brokenPromise(Twine(Stage) + " failed without a proper WasmError", std::move(Rest));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *Argc, char ***Argv) {
  // x86_64 at its baseline CPU: the data layout and the code generator do not depend on the host.
  auto T = resolveTarget("x86_64-linux");
  if (!T)
    brokenPromise("resolveTarget", T.takeError());
  X86_64 = *T;
  auto M = createTargetMachine(X86_64, "generic", OptLevel::O0, /*PositionIndependent=*/true);
  if (!M)
    brokenPromise("createTargetMachine", M.takeError());
  TM = std::move(*M);
  const char *C = getenv("W2N_FUZZ_CODEGEN");
  Codegen = C && *C && *C != '0';
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Module = decodeModule(std::vector<uint8_t>(Data, Data + Size));
  if (!Module) {
    expectWasmError(Module.takeError(), Size, "decodeModule");
    return 0;
  }
  DataLayout Layout = TM->createDataLayout();

  TranslateOptions Embedded;
  Embedded.Executable = false;
  Embedded.ModuleName = "fuzz";
  {
    LLVMContext Ctx;
    auto IR = translateModule(*Module, Ctx, X86_64.Triple, Layout, Embedded);
    if (!IR)
      brokenPromise("a valid module did not translate as an embedded object", IR.takeError());
    if (Codegen) {
      optimize(**IR, *TM, OptLevel::O0);
      auto Obj = emit(**IR, *TM, EmitKind::Object);
      if (!Obj)
        brokenPromise("code generation at -O0 failed", Obj.takeError());
    }
  }
  (void)writeEmbedHeader(*Module, Embedded.ModuleName, "fuzz.wasm");

  TranslateOptions Executable; // the defaults: a WASI command
  {
    LLVMContext Ctx;
    auto IR = translateModule(*Module, Ctx, X86_64.Triple, Layout, Executable);
    if (!IR)
      expectWasmError(IR.takeError(), Size, "translateModule (executable)");
  }
  return 0;
}
