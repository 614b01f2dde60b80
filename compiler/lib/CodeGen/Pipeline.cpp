//===- Pipeline.cpp - Optimisation and emission ---------------------------===//
//
// The new pass manager's default pipeline for the -O level (the same one clang uses), then the legacy
// code generator writing into a string: no file is touched until the linker writes the output.
//
// Parallel compilation (emitObjects, executables and embedded objects alike): Partition.cpp plans,
// from the wasm module, partitions whose number and contents never depend on the thread count. On a
// thread pool, each partition is translated into its own LLVMContext (a context is not thread-safe):
// the bodies of its own functions and of those it imports (available_externally, for its inliner),
// declarations of the others; then it runs the whole pipeline and is compiled with its own
// TargetMachine. No whole-module IR exists, so the serial part is the plan alone. The objects come
// back in partition order and the linker takes them in that order (for --emit=obj, lld -r merges
// them). The same module therefore always gives the same bytes, on 1 thread or 64. Only an
// executable's objects get the table of function names (the embedding runtime reports traps as
// values, without names).
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "AddressVersioning.h"
#include "Partition.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <ctime>
#include <mutex>
#include <optional>

using namespace w2n;
using namespace llvm;

namespace {

/// CPU seconds the calling thread has used (the threads of the pool share the machine with others:
/// this is what a partition cost, whatever else ran).
double threadCPUSeconds() {
  timespec T;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &T);
  return double(T.tv_sec) + double(T.tv_nsec) / 1e9;
}

OptimizationLevel passBuilderLevel(OptLevel O) {
  return O == OptLevel::O1   ? OptimizationLevel::O1
         : O == OptLevel::O3 ? OptimizationLevel::O3
         : O == OptLevel::Os ? OptimizationLevel::Os
                             : OptimizationLevel::O2;
}

/// The code generation of a huge function's partition (Partition.cpp), after the IR pipeline. On
/// x86 with AVX-512, LLVM 19's X86 domain reassignment (GPR chains moved to mask registers) is
/// quadratic in a function's size: 24 of the 36 CPU-s that code generation took on a function of
/// 114,532 wasm instructions (LLVM 20 fixed it, llvm-project pull request 108108). The pass does
/// nothing without AVX512BW, so the partition's functions are compiled without that feature (and
/// those that need it): they lose only the EVEX forms of byte and word vector operations, which wasm's
/// 128-bit SIMD has VEX forms of. It is set after the pipeline, so the inliner still saw one feature set
/// (a callee with more features than its caller is never inlined); the cl::opt that disables the pass
/// would be process-wide and change every partition.
void limitHugeFunctionCodeGen(llvm::Module &M, TargetMachine &TM) {
  if (!TM.getTargetTriple().isX86() || !TM.getMCSubtargetInfo()->checkFeatures("+avx512bw"))
    return;
  std::string Features = TM.getTargetFeatureString().str();
  Features += Features.empty() ? "-avx512bw" : ",-avx512bw";
  for (llvm::Function &F : M)
    if (!F.isDeclaration())
      F.addFnAttr("target-features", Features);
}

} // namespace

void w2n::optimize(llvm::Module &M, TargetMachine &TM, OptLevel O) {
  if (O != OptLevel::O0) {
    // Anchors stay calls the vectorizers can widen through the pipeline, and become asm after it.
    prepareLoadAnchors(M);
    LoopAnalysisManager LAM;
    FunctionAnalysisManager FAM;
    CGSCCAnalysisManager CGAM;
    ModuleAnalysisManager MAM;
    PipelineTuningOptions PTO;
    PTO.LoopVectorization = O == OptLevel::O2 || O == OptLevel::O3;
    PTO.SLPVectorization = O == OptLevel::O2 || O == OptLevel::O3;
    PassInstrumentationCallbacks PIC;
    trackOptimizedFunction(PIC); // so that an error names the wasm function
    // As clang does: LLVM's -print-before/-after and the like (through --mllvm) work here too.
    StandardInstrumentations SI(M.getContext(), /*DebugLogging=*/false);
    SI.registerCallbacks(PIC, &MAM);
    PassBuilder PB(&TM, PTO, std::nullopt, &PIC);
    if (PTO.LoopVectorization) // wasm's wrapping i32 addresses, made affine where a check allows
      PB.registerVectorizerStartEPCallback(
          [](FunctionPassManager &FPM, OptimizationLevel) { FPM.addPass(AddressVersioningPass()); });
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
    PB.buildPerModuleDefaultPipeline(passBuilderLevel(O)).run(M, MAM);
  }
  lowerLoadAnchors(M, TM);
}

Expected<std::string> w2n::emit(llvm::Module &M, TargetMachine &TM, EmitKind K) {
  std::string Out;
  raw_string_ostream OS(Out);
  buffer_ostream BOS(OS);
  legacy::PassManager PM;
  if (TM.addPassesToEmitFile(PM, BOS, nullptr,
                             K == EmitKind::Object ? CodeGenFileType::ObjectFile
                                                   : CodeGenFileType::AssemblyFile))
    return createStringError(inconvertibleErrorCode(), "the target cannot emit this file type");
  PM.run(M);
  return std::string(BOS.str());
}

Expected<std::vector<std::string>> w2n::emitObjects(const w2n::Module &WM, const PartTranslator &Translate,
                                                     TargetMachine &TM, OptLevel O,
                                                     const ObjectOptions &Opts) {
  auto Plan = planPartitions(WM, /*Imports=*/O != OptLevel::O0);
  if (!Plan)
    return Plan.takeError();
  if (Opts.PlanLog)
    printPartitionPlan(*Plan, WM, *Opts.PlanLog);
  if (Opts.Times)
    Opts.Times->assign(Plan->Count, PartitionTime());
  auto Compile = [&](unsigned P, const ModulePart *Part, TargetMachine &PartTM) -> Expected<std::string> {
    PartitionTime Unused, &T = Opts.Times ? (*Opts.Times)[P] : Unused;
    T.Partition = P;
    T.Load = Plan->Load[P];
    T.Largest = Plan->Largest[P];
    T.Huge = Plan->Huge[P];
    double Start = threadCPUSeconds();
    LLVMContext Ctx;
    FailureScope Failures(WM, Ctx);
    auto M = Translate(Ctx, Part);
    if (!M)
      return M.takeError();
    double Translated = threadCPUSeconds();
    optimize(**M, PartTM, O);
    if (Plan->Huge[P])
      limitHugeFunctionCodeGen(**M, PartTM);
    double Optimized = threadCPUSeconds();
    if (Opts.NameTables)
      addFunctionNameTable(**M);
    if (Opts.InjectFailure)
      injectFailure(**M, *Opts.InjectFailure);
    auto Object = emit(**M, PartTM, EmitKind::Object);
    T.Translate = Translated - Start;
    T.Optimize = Optimized - Translated;
    T.CodeGen = threadCPUSeconds() - Optimized;
    if (Error E = Failures.takeError()) {
      consumeError(Object.takeError());
      return E;
    }
    return Object;
  };
  if (Plan->Count == 1) {
    auto Object = Compile(0, nullptr, TM);
    if (!Object)
      return Object.takeError();
    return std::vector<std::string>{std::move(*Object)};
  }

  std::vector<std::string> Objects(Plan->Count);
  std::vector<std::optional<Error>> Errors(Plan->Count);
  {
    // Largest partitions first, so that a big one does not start last and leave the other threads
    // idle; the order of the results is unaffected.
    std::vector<unsigned> Order(Plan->Count);
    for (unsigned I = 0; I < Plan->Count; ++I)
      Order[I] = I;
    std::stable_sort(Order.begin(), Order.end(),
                     [&](unsigned A, unsigned B) { return Plan->Load[A] > Plan->Load[B]; });
    std::mutex ProgressMutex;
    unsigned Done = 0;
    DefaultThreadPool Pool(hardware_concurrency(Opts.Threads));
    for (unsigned I : Order)
      Pool.async([&, I] {
        auto Report = make_scope_exit([&] { // whether the partition succeeded or not
          if (Opts.Progress) {
            std::lock_guard<std::mutex> Lock(ProgressMutex);
            Opts.Progress(++Done, Plan->Count);
          }
        });
        ModulePart Part = Plan->part(I);
        std::unique_ptr<TargetMachine> PartTM(TM.getTarget().createTargetMachine(
            TM.getTargetTriple().str(), TM.getTargetCPU(), TM.getTargetFeatureString(), TM.Options,
            TM.getRelocationModel(), TM.getCodeModel(), TM.getOptLevel()));
        auto Object = Compile(I, &Part, *PartTM);
        if (!Object)
          Errors[I].emplace(Object.takeError());
        else
          Objects[I] = std::move(*Object);
      });
    Pool.wait();
  }
  // The first partition's error (every partition checks the module the same way), the others dropped.
  Error First = Error::success();
  for (std::optional<Error> &E : Errors)
    if (E) {
      if (First)
        consumeError(std::move(*E));
      else
        First = std::move(*E);
    }
  if (First)
    return First;
  return Objects;
}
