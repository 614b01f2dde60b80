//===- Pipeline.cpp - Optimisation and emission ---------------------------===//
//
// The new pass manager's default pipeline for the -O level (the same one clang uses), then the legacy
// code generator writing into a string: no file is touched until the linker writes the output.
//
// Parallel compilation (emitObjects, executables and embedded objects alike): Partition.cpp plans
// partitions whose number and contents depend only on the translated module, never on the thread
// count. The module is written to bitcode once; on a thread pool, each partition reads it lazily into
// its own LLVMContext (a context is not thread-safe), keeping the bodies of its own functions and of
// those it imports (available_externally, for its inliner) and dropping the others unread, then runs
// the whole pipeline and is compiled with its own TargetMachine; the objects come back in partition
// order and the linker takes them in that order (for --emit=obj, lld -r merges them). The same module
// therefore always gives the same bytes, on 1 thread or 64. Only an executable's objects get the table
// of function names (the embedding runtime reports traps as values, without names).
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "Partition.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <mutex>

using namespace w2n;
using namespace llvm;

namespace {

OptimizationLevel passBuilderLevel(OptLevel O) {
  return O == OptLevel::O1   ? OptimizationLevel::O1
         : O == OptLevel::O3 ? OptimizationLevel::O3
         : O == OptLevel::Os ? OptimizationLevel::Os
                             : OptimizationLevel::O2;
}

} // namespace

void w2n::optimize(Module &M, TargetMachine &TM, OptLevel O) {
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
    PassBuilder PB(&TM, PTO);
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
    PB.buildPerModuleDefaultPipeline(passBuilderLevel(O)).run(M, MAM);
  }
  lowerLoadAnchors(M, TM);
}

Expected<std::string> w2n::emit(Module &M, TargetMachine &TM, EmitKind K) {
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

Expected<std::vector<std::string>> w2n::emitObjects(Module &M, TargetMachine &TM, OptLevel O,
                                                     const ObjectOptions &Opts) {
  PartitionPlan Plan = planPartitions(M, /*Imports=*/O != OptLevel::O0);
  if (Opts.PlanLog)
    printPartitionPlan(Plan, M, *Opts.PlanLog);
  if (Plan.Count == 1) {
    optimize(M, TM, O);
    if (Opts.NameTables)
      addFunctionNameTable(M);
    auto Object = emit(M, TM, EmitKind::Object);
    if (!Object)
      return Object.takeError();
    return std::vector<std::string>{std::move(*Object)};
  }
  // Every partition is the whole module's bitcode, written once here, read lazily in its thread with
  // the bodies of the other partitions' functions dropped before they are ever materialised (but for
  // the imported ones): the only serial cost is one bitcode write.
  SmallString<0> Bitcode;
  {
    raw_svector_ostream OS(Bitcode);
    WriteBitcodeToFile(M, OS);
  }

  std::vector<std::string> Objects(Plan.Count), Errors(Plan.Count);
  {
    // Largest partitions first, so that a big one does not start last and leave the other threads
    // idle; the order of the results is unaffected.
    std::vector<unsigned> Order(Plan.Count);
    for (unsigned I = 0; I < Plan.Count; ++I)
      Order[I] = I;
    std::stable_sort(Order.begin(), Order.end(),
                     [&](unsigned A, unsigned B) { return Plan.Load[A] > Plan.Load[B]; });
    std::mutex ProgressMutex;
    unsigned Done = 0;
    DefaultThreadPool Pool(hardware_concurrency(Opts.Threads));
    for (unsigned I : Order)
      Pool.async([&, I] {
        auto Report = make_scope_exit([&] { // whether the partition succeeded or not
          if (Opts.Progress) {
            std::lock_guard<std::mutex> Lock(ProgressMutex);
            Opts.Progress(++Done, Plan.Count);
          }
        });
        LLVMContext Ctx;
        auto Part = getLazyBitcodeModule(MemoryBufferRef(Bitcode, "module"), Ctx);
        if (!Part) {
          Errors[I] = toString(Part.takeError());
          return;
        }
        Module &P = **Part;
        for (Function &F : P) {
          if (F.isDeclaration() || Plan.Home.lookup(F.getName()) == I)
            continue;
          if (Plan.Imports[I].contains(F.getName()))
            F.setLinkage(GlobalValue::AvailableExternallyLinkage); // to inline, never emitted here
          else
            F.deleteBody(); // never materialised; an external declaration now
        }
        for (GlobalVariable &GV : make_early_inc_range(P.globals())) {
          if (I == 0 || GV.isDeclaration())
            continue;
          if (GV.hasAppendingLinkage()) { // llvm.used and the like: partition 0's alone
            GV.eraseFromParent();
            continue;
          }
          GV.setInitializer(nullptr);
          GV.setLinkage(GlobalValue::ExternalLinkage);
        }
        if (I != 0)
          P.setModuleInlineAsm("");
        if (Error E = P.materializeAll()) {
          Errors[I] = toString(std::move(E));
          return;
        }
        std::unique_ptr<TargetMachine> PartTM(TM.getTarget().createTargetMachine(
            TM.getTargetTriple().str(), TM.getTargetCPU(), TM.getTargetFeatureString(), TM.Options,
            TM.getRelocationModel(), TM.getCodeModel(), TM.getOptLevel()));
        optimize(P, *PartTM, O);
        if (Opts.NameTables)
          addFunctionNameTable(P);
        auto Object = emit(P, *PartTM, EmitKind::Object);
        if (!Object)
          Errors[I] = toString(Object.takeError());
        else
          Objects[I] = std::move(*Object);
      });
    Pool.wait();
  }
  for (const std::string &E : Errors)
    if (!E.empty())
      return createStringError(inconvertibleErrorCode(), E);
  return Objects;
}
