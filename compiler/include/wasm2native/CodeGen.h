//===- CodeGen.h - Targets, the optimisation pipeline, object emission ----===//
//
// A Target names one of wasm2native's targets (a runtime is built for each) and owns the LLVM
// TargetMachine for the chosen CPU. optimize() runs LLVM's standard pipeline for the -O level; emit()
// produces an object file or assembly in memory;
// emitObjects() translates, optimises and compiles a large module in parallel partitions (for an
// executable or an embedded object), the same bytes whatever the number of threads.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_CODEGEN_H
#define WASM2NATIVE_CODEGEN_H

#include "wasm2native/Translate.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class PassInstrumentationCallbacks;
}

namespace w2n {

enum class OptLevel { O0, O1, O2, O3, Os };

struct TargetInfo {
  std::string Name;    ///< wasm2native's name, e.g. "x86_64-linux": the runtime's folder
  llvm::Triple Triple; ///< the LLVM triple
  std::string DefaultCPU;
  bool Is64Bit;
};

/// The targets wasm2native supports, in --print-targets order.
const std::vector<TargetInfo> &supportedTargets();
/// Resolves a --target value (a short name or an LLVM triple); empty means the host.
llvm::Expected<TargetInfo> resolveTarget(const std::string &Spec);

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetInfo &T, const std::string &CPU, OptLevel O,
                    bool PositionIndependent = false);

/// LLVM's default pipeline for O (PassBuilder::buildPerModuleDefaultPipeline, as clang runs it) with
/// the load anchors prepared before it and lowered after it (the lowering at every level).
void optimize(llvm::Module &M, llvm::TargetMachine &TM, OptLevel O);

/// Gives the translator's w2n_keep_* placeholders (which keep each wasm load alive, for its trap) the
/// attributes and vector variants that let them through the pipeline without blocking vectorization;
/// optimize() runs it before the pipeline at -O1 and up.
void prepareLoadAnchors(llvm::Module &M);
/// Replaces the placeholders and their vector variants with empty inline asm that the code generator
/// cannot delete; optimize() runs it last, at every level.
void lowerLoadAnchors(llvm::Module &M, llvm::TargetMachine &TM);

/// The section of generated code ("w2n_code") and of the function-name tables ("w2n_names"). On COFF
/// they are the "$m" members of grouped sections, which the Windows runtime brackets with "$a"/"$z"
/// markers (COFF has no __start_/__stop_ symbols; runtime-lib/os/windows/sections.c).
const char *codeSectionName(const llvm::Triple &T);
const char *nameTableSectionName(const llvm::Triple &T);

/// Executables: the table of function names for trap reports found from a PC, in the section
/// "w2n_names", for the functions M defines after optimisation (FunctionNames.cpp). emitObjects adds
/// it to each object of an executable.
void addFunctionNameTable(llvm::Module &M);

enum class EmitKind { Object, Assembly };
llvm::Expected<std::string> emit(llvm::Module &M, llvm::TargetMachine &TM, EmitKind K);

/// LLVM's failures as wasm2native errors (CompileFailures.cpp). While a FailureScope lives, the
/// error diagnostics of its context are recorded rather than printed with exit(), and a fatal error
/// on its thread names the wasm function being compiled.
class FailureScope {
public:
  FailureScope(const Module &WM, llvm::LLVMContext &Ctx);
  ~FailureScope();
  FailureScope(const FailureScope &) = delete;
  FailureScope &operator=(const FailureScope &) = delete;
  /// The first error LLVM diagnosed in the context, if any, pointing at the wasm function's body.
  llvm::Error takeError();
  const Module &module() const { return WM; }

private:
  class Recorder;
  struct Failure {
    std::optional<uint64_t> Offset;
    std::string Prefix, Message;
  };
  const Module &WM;
  llvm::LLVMContext &Ctx;
  FailureScope *Previous;
  std::optional<Failure> First;
};

/// Replaces LLVM's fatal-error and out-of-memory handlers, process-wide: the error (naming the wasm
/// function the failing thread was compiling, when known) goes to Report, then the process exits
/// with status 1 without running destructors, whatever thread failed.
void installFatalErrorHandler(void (*Report)(llvm::Error));
/// Lets a FailureScope name the function the optimisation pipeline is working on (optimize()).
void trackOptimizedFunction(llvm::PassInstrumentationCallbacks &PIC);

/// --debug-inject-failure=diagnostic:FUNCTION|fatal:FUNCTION: IR in the wasm function FUNCTION (by
/// its display name) that fails in instruction selection, as an error diagnostic or a fatal error.
struct FailureInjection {
  bool Fatal = false;
  std::string Function;
};
llvm::Expected<FailureInjection> parseFailureInjection(llvm::StringRef Spec);
void injectFailure(llvm::Module &M, const FailureInjection &Injection);

/// --time-report: what compiling one partition cost, in CPU seconds of the thread that compiled it.
struct PartitionTime {
  unsigned Partition = 0;
  uint64_t Load = 0;       ///< its size (wasm instructions of its own functions), as planned
  uint64_t Largest = 0;    ///< its largest function (wasm instructions)
  bool Huge = false;       ///< a huge function's partition (Partition.h)
  double Translate = 0, Optimize = 0, CodeGen = 0;
  double total() const { return Translate + Optimize + CodeGen; }
};

/// How emitObjects compiles a module.
struct ObjectOptions {
  unsigned Threads = 0;     ///< 0: all cores. The objects never depend on it.
  bool NameTables = false;  ///< executables: each object's table of function names for trap reports
  llvm::raw_ostream *PlanLog = nullptr; ///< --print-partitions: where to print the partitions
  /// Called (on one thread at a time) each time a partition is compiled, with the number done so
  /// far and the total; only for a module that is split.
  std::function<void(unsigned Done, unsigned Total)> Progress;
  std::optional<FailureInjection> InjectFailure; ///< for tests (--debug-inject-failure)
  std::vector<PartitionTime> *Times = nullptr; ///< --time-report: filled in partition order
};

/// Translates the wasm module into Ctx: the whole of it (Part null) or one partition.
using PartTranslator = std::function<llvm::Expected<std::unique_ptr<llvm::Module>>(
    llvm::LLVMContext &Ctx, const ModulePart *Part)>;

/// Compiles WM into objects, to be linked in the order returned. A large module is split into
/// partitions (CodeGen/Partition.cpp, planned from WM alone), each translated by Translate, optimised
/// and compiled in its own LLVMContext, on Opts.Threads threads; the partitions, and so the objects,
/// do not depend on the thread count. Symbols shared between partitions are hidden globals: an
/// executable's static link leaves them local, and an embedded module's objects are merged into one
/// whose only global is NAME_module (mergeEmbeddedObjects, Link.h). A module that is not split gives
/// one object, the bytes translating it whole, optimize() and emit() give (plus the name table if
/// asked).
llvm::Expected<std::vector<std::string>> emitObjects(const Module &WM, const PartTranslator &Translate,
                                                     llvm::TargetMachine &TM, OptLevel O,
                                                     const ObjectOptions &Opts);

} // namespace w2n

#endif
