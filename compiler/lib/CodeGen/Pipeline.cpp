//===- Pipeline.cpp - Optimisation and emission ---------------------------===//
//
// The new pass manager's default pipeline for the -O level (the same one clang uses), then the legacy
// code generator writing into a string: no file is touched until the linker writes the output.
//
// The pipeline runs in its two halves, exactly as PassBuilder::buildPerModuleDefaultPipeline chains
// them: simplify() (inlining with the function simplification it interleaves, and the interprocedural
// passes) on the whole module, then finishOptimization() (loop passes, vectorization, late cleanups:
// function-local work, about half of the pipeline's time) and the lowering of the load anchors.
//
// Parallel optimisation and code generation (emitObjects, executables only): the simplified module
// is split by llvm::SplitModule into partitions whose number depends only on the module, never on the
// thread count; each partition goes through bitcode into its own LLVMContext (a context is not
// thread-safe), and on a thread pool finishes its optimisation and is compiled with its own
// TargetMachine; the objects come back in partition order and the linker takes them in that order.
// The same module therefore always gives the same bytes, on 1 thread or 64. Inlining stays serial:
// splitting before it would lose inlining across partitions.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/IPO/Annotation2Metadata.h"
#include "llvm/Transforms/IPO/ForceFunctionAttrs.h"
#include "llvm/Transforms/Utils/SplitModule.h"
#include <algorithm>

using namespace w2n;
using namespace llvm;

namespace {

OptimizationLevel passBuilderLevel(OptLevel O) {
  return O == OptLevel::O1   ? OptimizationLevel::O1
         : O == OptLevel::O3 ? OptimizationLevel::O3
         : O == OptLevel::Os ? OptimizationLevel::Os
                             : OptimizationLevel::O2;
}

/// Builds a module pass pipeline with Build(PassBuilder &, level) and runs it on M, with analysis
/// managers of its own: each partition's thread calls this on its own module and context.
template <typename BuildFn> void runPipeline(Module &M, TargetMachine &TM, OptLevel O, BuildFn Build) {
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
  ModulePassManager MPM = Build(PB, passBuilderLevel(O));
  MPM.run(M, MAM);
}

} // namespace

void w2n::simplify(Module &M, TargetMachine &TM, OptLevel O) {
  if (O == OptLevel::O0)
    return;
  // Anchors stay calls the vectorizers can widen through the pipeline, and become asm after it.
  prepareLoadAnchors(M);
  // The first half of PassBuilder::buildPerModuleDefaultPipeline, in its order.
  runPipeline(M, TM, O, [](PassBuilder &PB, OptimizationLevel Level) {
    ModulePassManager MPM;
    MPM.addPass(Annotation2MetadataPass());
    MPM.addPass(ForceFunctionAttrsPass());
    MPM.addPass(PB.buildModuleSimplificationPipeline(Level, ThinOrFullLTOPhase::None));
    return MPM;
  });
}

void w2n::finishOptimization(Module &M, TargetMachine &TM, OptLevel O) {
  if (O != OptLevel::O0) {
    // The second half of buildPerModuleDefaultPipeline (its last pass only emits remarks).
    runPipeline(M, TM, O, [](PassBuilder &PB, OptimizationLevel Level) {
      return PB.buildModuleOptimizationPipeline(Level, ThinOrFullLTOPhase::None);
    });
  }
  lowerLoadAnchors(M, TM);
}

void w2n::optimize(Module &M, TargetMachine &TM, OptLevel O) {
  simplify(M, TM, O);
  finishOptimization(M, TM, O);
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

unsigned w2n::codegenPartitions(const Module &M) {
  // About 4000 optimised IR instructions per partition: enough partitions that a few threads share
  // a module's work evenly (SplitModule balances them by instruction count), and enough work in each
  // that its fixed cost (bitcode round trip, pass setup, a few externalised symbols) is lost in the
  // noise: zlib's 26000 instructions take the same CPU time in 1 piece or 6. Small modules stay whole.
  constexpr uint64_t InstructionsPerPartition = 4000, MaxPartitions = 64;
  uint64_t Instructions = 0;
  for (const Function &F : M)
    Instructions += F.getInstructionCount();
  return unsigned(std::clamp<uint64_t>(Instructions / InstructionsPerPartition, 1, MaxPartitions));
}

Expected<std::vector<std::string>> w2n::emitObjects(Module &M, TargetMachine &TM, OptLevel O,
                                                     unsigned Threads) {
  unsigned Partitions = codegenPartitions(M);
  if (Partitions == 1) {
    finishOptimization(M, TM, O);
    auto Object = emit(M, TM, EmitKind::Object);
    if (!Object)
      return Object.takeError();
    return std::vector<std::string>{std::move(*Object)};
  }
  // SplitModule gives internal symbols hidden external linkage where partitions share them: the
  // static link resolves them and leaves them local in the executable. It would give
  // llvm.compiler.used, which pins the anchors' vector variants, to one partition and leave an external
  // declaration of it in the others; each partition pins its own copies again instead.
  unpinLoadAnchorVariants(M);
  // A linkonce definition (the w2n.sig.* signature identities) lands in one partition, and the
  // rest of the pipeline there would delete it where it is unused, though other partitions use it:
  // weak keeps it, and links the same.
  for (GlobalValue &GV : M.global_values())
    if (GV.hasLinkOnceLinkage())
      GV.setLinkage(GV.hasLinkOnceODRLinkage() ? GlobalValue::WeakODRLinkage : GlobalValue::WeakAnyLinkage);
  std::vector<SmallString<0>> Bitcode;
  SplitModule(
      M, Partitions,
      [&](std::unique_ptr<Module> Part) {
        SmallString<0> Buffer;
        raw_svector_ostream OS(Buffer);
        WriteBitcodeToFile(*Part, OS);
        Bitcode.push_back(std::move(Buffer));
      },
      /*PreserveLocals=*/false);

  std::vector<std::string> Objects(Bitcode.size()), Errors(Bitcode.size());
  {
    // Largest partitions first (bitcode size standing for code generation time), so that a big one
    // does not start last and leave the other threads idle; the order of the results is unaffected.
    std::vector<size_t> Order(Bitcode.size());
    for (size_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    std::stable_sort(Order.begin(), Order.end(),
                     [&](size_t A, size_t B) { return Bitcode[A].size() > Bitcode[B].size(); });
    DefaultThreadPool Pool(hardware_concurrency(Threads));
    for (size_t I : Order)
      Pool.async([&, I] {
        LLVMContext Ctx;
        auto Part = parseBitcodeFile(MemoryBufferRef(Bitcode[I], "partition"), Ctx);
        if (!Part) {
          Errors[I] = toString(Part.takeError());
          return;
        }
        std::unique_ptr<TargetMachine> PartTM(TM.getTarget().createTargetMachine(
            TM.getTargetTriple().str(), TM.getTargetCPU(), TM.getTargetFeatureString(), TM.Options,
            TM.getRelocationModel(), TM.getCodeModel(), TM.getOptLevel()));
        // The rest of the pipeline, then the anchors lowered, as optimize() does for a whole module.
        prepareLoadAnchors(**Part);
        finishOptimization(**Part, *PartTM, O);
        auto Object = emit(**Part, *PartTM, EmitKind::Object);
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
