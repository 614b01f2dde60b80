//===- CompileFailures.cpp - LLVM's errors as wasm2native's, on any thread -===//
//
// LLVM reports a failure to optimise or compile in one of two ways, neither of which may escape as
// it is: a diagnostic through the LLVMContext (inline asm it cannot allocate registers for, a stack
// frame too large...), whose default handler prints and calls exit() from whatever thread it is on
// (racing the other threads' destructors: "pure virtual method called"); or a fatal error
// (report_fatal_error: "Cannot select", invalid register names...), whose default handler aborts.
//
//  - FailureScope, one per LLVMContext while it is optimised and compiled (each partition's thread
//    has its own), installs a diagnostic handler that records the first error and lets LLVM finish,
//    and FailureScope::takeError() hands it back as an llvm::Error naming the wasm function.
//  - installFatalErrorHandler() (once, by the tool) replaces LLVM's fatal-error and out-of-memory
//    handlers: they build the same kind of error from the failing thread's FailureScope, give it to
//    the tool to print, and end the process with status 1 without running destructors (the other
//    threads may still be using them). Nothing has been written by then: objects are in memory and
//    the linker writes the output only once everything succeeded.
//
// The wasm function: the code generator's legacy pass manager keeps a pretty-stack-trace entry
// "Running pass '...' on function '@w2n_f12_name'" per function it runs passes on, and the
// optimisation pipeline (the new pass manager) tells PassInstrumentation callbacks which function a
// pass runs on; either gives the LLVM symbol, whose "w2n_f<index>" prefix names the wasm function,
// so the error points at its body: `error: app.wasm:0x1a2b: in function 'name': LLVM failed: ...`.
//
// --debug-inject-failure plants, in one named function, IR that fails in instruction selection on
// every target: an inline asm input bound to a register that does not exist (a diagnostic), or a
// write to a named register that does not exist (a fatal error); the tests use it to prove that a
// failure on any thread ends as one error line.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "wasm2native/Diagnostics.h"
#include "llvm/ADT/Any.h"
#include "llvm/Analysis/LazyCallGraph.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <mutex>

using namespace w2n;
using namespace llvm;

namespace {

/// The scope of the context this thread is optimising or compiling, if any.
thread_local FailureScope *CurrentScope = nullptr;
/// The function the optimisation pipeline last ran a function or loop pass on, on this thread.
thread_local const llvm::Function *OptimizingFunction = nullptr;

/// The wasm function index an LLVM symbol "w2n_f<index>[_name]" stands for.
std::optional<uint32_t> wasmFunctionIndex(StringRef Symbol) {
  if (!Symbol.consume_front("w2n_f"))
    return std::nullopt;
  StringRef Digits = Symbol.take_while([](char C) { return C >= '0' && C <= '9'; });
  uint32_t Index;
  if (Digits.empty() || Digits.getAsInteger(10, Index))
    return std::nullopt;
  return Index;
}

/// The LLVM function the code generator is running a pass on, from the innermost pretty-stack-trace
/// entry of this thread that names one.
std::optional<std::string> codeGeneratorFunction() {
  for (auto *E = static_cast<const PrettyStackTraceEntry *>(SavePrettyStackState()); E; E = E->getNextEntry()) {
    std::string Text;
    raw_string_ostream OS(Text);
    E->print(OS);
    size_t At = Text.find(" on function '@");
    if (At == std::string::npos)
      continue;
    StringRef Name = StringRef(Text).substr(At + strlen(" on function '@"));
    return Name.take_until([](char C) { return C == '\''; }).trim('"').str();
  }
  return std::nullopt;
}

/// Where a failure of this thread happened, as a prefix of its message ("in function 'f': ").
struct FailurePlace {
  std::optional<uint64_t> Offset;
  std::string Prefix;
};

FailurePlace placeOf(const w2n::Module *WM, std::optional<std::string> Symbol) {
  if (!Symbol && OptimizingFunction)
    Symbol = OptimizingFunction->getName().str();
  if (!WM || !Symbol)
    return {};
  std::optional<uint32_t> Index = wasmFunctionIndex(*Symbol);
  if (!Index || *Index >= WM->Functions.size())
    return {std::nullopt, "in '" + *Symbol + "': "};
  std::string Name = *Index < WM->FunctionNames.size() && !WM->FunctionNames[*Index].empty()
                         ? WM->FunctionNames[*Index]
                         : "func[" + std::to_string(*Index) + "]";
  return {WM->Functions[*Index].BodyOffset, "in function '" + Name + "': "};
}

Error failureError(const FailurePlace &Place, const Twine &Message) {
  std::string Text = (Place.Prefix + "LLVM failed to compile it: " + Message).str();
  if (Place.Offset)
    return wasmError(*Place.Offset, Text);
  return createStringError(inconvertibleErrorCode(), Text);
}

void (*ReportFatal)(Error) = nullptr;

[[noreturn]] void fatalError(const Twine &Message) {
  static std::mutex OneReport; // two threads failing at once print one error
  OneReport.lock();
  std::optional<std::string> Symbol = codeGeneratorFunction();
  const w2n::Module *WM = CurrentScope ? &CurrentScope->module() : nullptr;
  if (ReportFatal)
    ReportFatal(failureError(placeOf(WM, Symbol), Message));
  std::_Exit(1);
}

} // namespace

/// Records the first error diagnostic of its context, with the place it concerns; prints warnings
/// as LLVM would.
class FailureScope::Recorder : public DiagnosticHandler {
public:
  explicit Recorder(FailureScope &Scope) : Scope(Scope) {}
  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    if (DI.getSeverity() != DS_Error)
      return false; // LLVMContext prints it
    if (Scope.First)
      return true;
    std::string Message;
    raw_string_ostream OS(Message);
    DiagnosticPrinterRawOStream DP(OS);
    DI.print(DP);
    std::optional<std::string> Symbol = codeGeneratorFunction();
    if (auto *IA = dyn_cast<DiagnosticInfoInlineAsm>(&DI); IA && IA->getInstruction())
      Symbol = IA->getInstruction()->getFunction()->getName().str();
    FailurePlace Place = placeOf(&Scope.WM, Symbol);
    Scope.First = {Place.Offset, Place.Prefix, Message};
    return true;
  }

private:
  FailureScope &Scope;
};

FailureScope::FailureScope(const w2n::Module &WM, LLVMContext &Ctx) : WM(WM), Ctx(Ctx) {
  Previous = CurrentScope;
  CurrentScope = this;
  Ctx.setDiagnosticHandler(std::make_unique<Recorder>(*this));
}

FailureScope::~FailureScope() {
  CurrentScope = Previous;
  OptimizingFunction = nullptr;
  Ctx.setDiagnosticHandler(nullptr);
}

Error FailureScope::takeError() {
  if (!First)
    return Error::success();
  Error E = failureError({First->Offset, First->Prefix}, First->Message);
  First.reset();
  return E;
}

void w2n::trackOptimizedFunction(PassInstrumentationCallbacks &PIC) {
  PIC.registerBeforeNonSkippedPassCallback([](StringRef, Any IR) {
    if (const auto *F = llvm::any_cast<const llvm::Function *>(&IR))
      OptimizingFunction = *F;
    else if (const auto *L = llvm::any_cast<const Loop *>(&IR))
      OptimizingFunction = (*L)->getHeader()->getParent();
    else if (const auto *C = llvm::any_cast<const LazyCallGraph::SCC *>(&IR))
      OptimizingFunction = &(*C)->begin()->getFunction();
    else
      OptimizingFunction = nullptr; // a module pass: no one function
  });
  PIC.registerAfterPassCallback(
      [](StringRef, Any, const PreservedAnalyses &) { OptimizingFunction = nullptr; });
}

void w2n::installFatalErrorHandler(void (*Report)(Error)) {
  ReportFatal = Report;
  install_fatal_error_handler([](void *, const char *Reason, bool) { fatalError(Reason); });
  install_bad_alloc_error_handler([](void *, const char *Reason, bool) { fatalError(Twine("out of memory: ") + Reason); });
}

Expected<FailureInjection> w2n::parseFailureInjection(StringRef Spec) {
  auto [Kind, Function] = Spec.split(':');
  if ((Kind != "diagnostic" && Kind != "fatal") || Function.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--debug-inject-failure expects diagnostic:FUNCTION or fatal:FUNCTION, got '" +
                                 Spec + "'");
  return FailureInjection{Kind == "fatal", Function.str()};
}

void w2n::injectFailure(llvm::Module &M, const FailureInjection &Injection) {
  for (llvm::Function &F : M) {
    MDNode *Name = F.getMetadata("w2n.name");
    if (F.isDeclaration() || F.hasAvailableExternallyLinkage() || !Name ||
        cast<MDString>(Name->getOperand(0))->getString() != Injection.Function)
      continue;
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    if (Injection.Fatal) {
      LLVMContext &C = M.getContext();
      Metadata *Reg = MDNode::get(C, MDString::get(C, "w2n-no-such-register"));
      B.CreateIntrinsic(Intrinsic::write_register, {B.getInt32Ty()},
                        {MetadataAsValue::get(C, Reg), B.getInt32(0)});
    } else {
      auto *Ty = FunctionType::get(B.getVoidTy(), {B.getInt32Ty()}, false);
      B.CreateCall(InlineAsm::get(Ty, "", "{w2n-no-such-register}", /*hasSideEffects=*/true), {B.getInt32(0)});
    }
  }
}
