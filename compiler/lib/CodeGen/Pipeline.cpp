//===- Pipeline.cpp - Optimisation and emission ---------------------------===//
//
// The new pass manager's default pipeline for the -O level (the same one clang uses), then the legacy
// code generator writing into a string: no file is touched until the linker writes the output.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"

using namespace w2n;
using namespace llvm;

void w2n::optimize(Module &M, TargetMachine &TM, OptLevel O) {
  if (O == OptLevel::O0)
    return lowerLoadAnchors(M, TM);
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
  OptimizationLevel Level = O == OptLevel::O1   ? OptimizationLevel::O1
                            : O == OptLevel::O3 ? OptimizationLevel::O3
                            : O == OptLevel::Os ? OptimizationLevel::Os
                                                : OptimizationLevel::O2;
  ModulePassManager MPM = PB.buildPerModuleDefaultPipeline(Level);
  MPM.run(M, MAM);
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
