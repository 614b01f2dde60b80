//===- Target.cpp - wasm2native's targets and their TargetMachines --------===//
//
// Each supported target has a runtime archive built for it (lib/wasm2native/<Name>/libw2nrt.a). The
// host is the default target and "native" its default CPU; cross targets default to a baseline CPU
// of their architecture so the output runs on any board of that kind.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

using namespace w2n;
using namespace llvm;

const std::vector<TargetInfo> &w2n::supportedTargets() {
  static const std::vector<TargetInfo> Targets = {
      {"x86_64-linux", Triple("x86_64-unknown-linux-gnu"), "x86-64", true},
      {"aarch64-linux", Triple("aarch64-unknown-linux-gnu"), "generic", true},
  };
  return Targets;
}

Expected<TargetInfo> w2n::resolveTarget(const std::string &Spec) {
  Triple Want(Spec.empty() ? sys::getDefaultTargetTriple() : Spec);
  for (const TargetInfo &T : supportedTargets()) {
    if (Spec == T.Name)
      return T;
    if (Want.getArch() == T.Triple.getArch() && Want.getOS() == Triple::Linux)
      return T;
  }
  std::string Names;
  for (const TargetInfo &T : supportedTargets())
    Names += " " + T.Name;
  return createStringError(inconvertibleErrorCode(),
                           "unsupported target '" + Spec + "' (supported:" + Names + ")");
}

static CodeGenOptLevel codeGenLevel(OptLevel O) {
  switch (O) {
  case OptLevel::O0: return CodeGenOptLevel::None;
  case OptLevel::O1: return CodeGenOptLevel::Less;
  case OptLevel::O2:
  case OptLevel::Os: return CodeGenOptLevel::Default;
  case OptLevel::O3: return CodeGenOptLevel::Aggressive;
  }
  return CodeGenOptLevel::Default;
}

Expected<std::unique_ptr<TargetMachine>>
w2n::createTargetMachine(const TargetInfo &T, const std::string &CPUOption, OptLevel O) {
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  InitializeAllAsmParsers();

  std::string Err;
  const Target *LT = TargetRegistry::lookupTarget(T.Triple.str(), Err);
  if (!LT)
    return createStringError(inconvertibleErrorCode(), "target " + T.Name + ": " + Err);

  bool IsHost = Triple(sys::getDefaultTargetTriple()).getArch() == T.Triple.getArch();
  std::string CPU = CPUOption;
  std::string Features;
  if (CPU.empty())
    CPU = IsHost ? "native" : "generic";
  if (CPU == "native") {
    if (!IsHost)
      return createStringError(inconvertibleErrorCode(),
                               "--cpu=native names the host's CPU, not one of " + T.Name);
    CPU = sys::getHostCPUName().str();
    SubtargetFeatures SF;
    for (const auto &F : sys::getHostCPUFeatures())
      SF.AddFeature(F.first(), F.second);
    Features = SF.getString();
  } else if (CPU == "generic") {
    CPU = T.DefaultCPU;
  }
  TargetOptions Opts;
  auto *TM = LT->createTargetMachine(T.Triple.str(), CPU, Features, Opts, Reloc::Static,
                                     CodeModel::Small, codeGenLevel(O));
  if (!TM)
    return createStringError(inconvertibleErrorCode(), "cannot create a target machine for " + T.Name);
  if (!LT->createMCSubtargetInfo(T.Triple.str(), CPU, "")->isCPUStringValid(CPU))
    return createStringError(inconvertibleErrorCode(),
                             "unknown CPU '" + CPU + "' for target " + T.Name);
  return std::unique_ptr<TargetMachine>(TM);
}
