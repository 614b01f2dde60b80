//===- Target.cpp - wasm2native's targets and their TargetMachines --------===//
//
// Each supported target has a runtime archive built for it (lib/wasm2native/<Name>/libw2nrt.a). The
// host is the default target and "native" its default CPU; cross targets default to a baseline CPU
// of their architecture so the output runs on any board of that kind:
//   armv7-linux    ARMv7-A in ARM state, VFPv3-D16, hard-float ABI, no NEON, no hardware divide
//                  (Debian armhf's baseline; the runtime supplies the __aeabi_* helpers). 32-bit, so
//                  memory accesses get explicit bounds checks.
//   riscv64-linux  RV64GC (generic-rv64 with +m,+a,+f,+d,+c), lp64d ABI.
//   x86_64-windows PE/COFF for the MSVC ABI, linked with lld's COFF driver against the project's own
//                  runtime and import libraries (no SDK, no CRT; docs/cross-compilation.md).
//   x86_64-macos, aarch64-macos  Mach-O for macOS 11 or later (the first release with arm64 Macs),
//                  linked with lld's Mach-O driver against libSystem through the project's own
//                  text stub (no SDK, no Xcode). aarch64-macos's baseline is the Apple M1, which every
//                  arm64 Mac has.
// The runtime archives are built for exactly these baselines (runtime-lib/CMakeLists.txt); the
// float ABI must agree for lld to link the module object with them.
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
      {"armv7-linux", Triple("armv7-unknown-linux-gnueabihf"), "generic", false},
      {"riscv64-linux", Triple("riscv64-unknown-linux-gnu"), "generic-rv64", true},
      {"x86_64-windows", Triple("x86_64-pc-windows-msvc"), "x86-64", true},
      {"x86_64-macos", Triple("x86_64-apple-macosx11.0.0"), "x86-64", true},
      {"aarch64-macos", Triple("arm64-apple-macosx11.0.0"), "apple-m1", true},
  };
  return Targets;
}

static Error unsupportedTarget(const std::string &Spec, const std::string &Why) {
  std::string Names;
  for (const TargetInfo &T : supportedTargets())
    Names += " " + T.Name;
  return createStringError(inconvertibleErrorCode(), "unsupported target '" + Spec + "'" +
                                                         (Why.empty() ? "" : ": " + Why) +
                                                         " (supported:" + Names + ")");
}

// Application-profile ARM architectures whose CPUs run our ARMv7-A code. No version ("arm-linux-gnueabihf")
// is Debian's armhf triple, whose baseline is ARMv7-A; v7ve is ARMv7-A with virtualization (Cortex-A7,
// A15); v8/v9 CPUs run it in AArch32 state (armv8l). M and R profiles, Apple's v7s/v7k and ARMv6 or
// older do not.
static bool isARMv7AOrLater(Triple::SubArchType Sub) {
  switch (Sub) {
  case Triple::NoSubArch:
  case Triple::ARMSubArch_v7:
  case Triple::ARMSubArch_v7ve:
  case Triple::ARMSubArch_v8:
  case Triple::ARMSubArch_v8_1a:
  case Triple::ARMSubArch_v8_2a:
  case Triple::ARMSubArch_v8_3a:
  case Triple::ARMSubArch_v8_4a:
  case Triple::ARMSubArch_v8_5a:
  case Triple::ARMSubArch_v8_6a:
  case Triple::ARMSubArch_v8_7a:
  case Triple::ARMSubArch_v8_8a:
  case Triple::ARMSubArch_v8_9a:
  case Triple::ARMSubArch_v9:
  case Triple::ARMSubArch_v9_1a:
  case Triple::ARMSubArch_v9_2a:
  case Triple::ARMSubArch_v9_3a:
  case Triple::ARMSubArch_v9_4a:
  case Triple::ARMSubArch_v9_5a:
    return true;
  default:
    return false;
  }
}

// A --target value is one of our names, or an LLVM triple in any of its usual spellings
// (aarch64-linux-gnu, aarch64-unknown-linux-gnu, arm64-linux, arm-linux-gnueabihf, riscv64-linux-gnu...),
// normalized first because Triple's constructor reads components by position (so "aarch64-linux-gnu"
// would have vendor "linux" and no OS). A bare architecture ("aarch64", "armv7", "riscv64") means
// Linux, the only OS there is a runtime for. 32-bit ARM triples are only accepted when the code we
// generate runs there: ARMv7-A or later (AArch32 on ARMv8 included), hard-float; an ARMv6 board or a
// soft-float (armel) triple is refused rather than given an executable that dies with SIGILL or an
// object that does not link with the user's soft-float code.
Expected<TargetInfo> w2n::resolveTarget(const std::string &Spec) {
  for (const TargetInfo &T : supportedTargets())
    if (Spec == T.Name)
      return T;
  Triple Want(Spec.empty() ? sys::getDefaultTargetTriple() : Triple::normalize(Spec));
  bool BareArch = !Spec.empty() && Spec.find('-') == std::string::npos;
  // Any x86-64 Windows triple (msvc, or mingw's windows-gnu: the same Win64 ABI) is x86_64-windows.
  if (Want.isOSWindows()) {
    if (Want.getArch() != Triple::x86_64)
      return unsupportedTarget(Spec, "only x86-64 Windows is supported");
    for (const TargetInfo &T : supportedTargets())
      if (T.Triple.isOSWindows())
        return T;
  }
  // Any macOS triple (x86_64-apple-macosx10.15, arm64-apple-macos14, aarch64-apple-darwin...) is the
  // macOS target of its architecture: the executable's minimum version is always 11 (its load
  // command), which every arm64 Mac runs. iOS and the other Apple OSes are refused.
  if (Want.isMacOSX()) {
    for (const TargetInfo &T : supportedTargets())
      if (T.Triple.isMacOSX() && T.Triple.getArch() == Want.getArch())
        return T;
    return unsupportedTarget(Spec, "only x86-64 and arm64 macOS are supported");
  }
  if (Want.getOS() != Triple::Linux && !(BareArch && Want.getOS() == Triple::UnknownOS))
    return unsupportedTarget(Spec, "only Linux, x86-64 Windows and macOS are supported");
  for (const TargetInfo &T : supportedTargets()) {
    if (Want.getArch() != T.Triple.getArch() || !T.Triple.isOSLinux())
      continue;
    if (Want.isARM()) {
      if (!isARMv7AOrLater(Want.getSubArch()))
        return unsupportedTarget(Spec, "armv7-linux code needs an ARMv7-A CPU or later");
      Triple::EnvironmentType Env = Want.getEnvironment();
      if (Env != Triple::GNUEABIHF && Env != Triple::MuslEABIHF && Env != Triple::EABIHF &&
          Env != Triple::UnknownEnvironment)
        return unsupportedTarget(Spec, "armv7-linux is hard-float (gnueabihf)");
    }
    return T;
  }
  return unsupportedTarget(Spec, "");
}

const char *w2n::codeSectionName(const Triple &T) {
  // Mach-O: marked as instructions, as __text is, so that lld treats it as code (arm64 branch
  // thunks, function starts).
  if (T.isOSBinFormatMachO())
    return "__TEXT,w2n_code,regular,pure_instructions";
  return T.isOSBinFormatCOFF() ? "w2n_code$m" : "w2n_code";
}
// Mach-O: the name table holds code addresses, which dyld rebases (the executable is position-
// independent), so it cannot be in __TEXT; __DATA_CONST is the segment for such read-only data.
const char *w2n::nameTableSectionName(const Triple &T) {
  if (T.isOSBinFormatMachO())
    return "__DATA_CONST,w2n_names";
  return T.isOSBinFormatCOFF() ? "w2n_names$m" : "w2n_names";
}

// Features of the baseline CPU (used with the target's DefaultCPU): what clang enables for
// -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard, and for -march=rv64gc.
static std::string baselineFeatures(const Triple &T) {
  switch (T.getArch()) {
  case Triple::arm:
    return "+vfp2,+vfp2sp,+vfp3d16,+vfp3d16sp,+fp64,-d32,-neon";
  case Triple::riscv64:
    return "+m,+a,+f,+d,+c,+zicsr,+zifencei";
  default:
    return "";
  }
}

// -O0 generates code at CodeGenOptLevel::None (fast instruction selection and register allocation),
// except on AArch64: there LLVM 19's fast register allocator may put a reload between a call to a
// callee-pop (tailcc) function with stack arguments and the stack-pointer re-adjustment after it, so
// the reload reads a slot 16*k bytes off (a wrong value, silently: test/cross/aarch64/stack-args.test).
// The optimising register allocator places reloads at their uses, after the re-adjustment; the IR is
// still not optimised at -O0. (Fast instruction selection with it crashed; GlobalISel with
// -optimize-regalloc was right but that option is process-wide.) Cost: SQLite at -O0 for aarch64,
// one thread, 4.9 -> 18.6 CPU-s; -O0 on the other targets is unchanged.
static CodeGenOptLevel codeGenLevel(OptLevel O, const Triple &T) {
  switch (O) {
  case OptLevel::O0: return T.isAArch64() ? CodeGenOptLevel::Less : CodeGenOptLevel::None;
  case OptLevel::O1: return CodeGenOptLevel::Less;
  case OptLevel::O2:
  case OptLevel::Os: return CodeGenOptLevel::Default;
  case OptLevel::O3: return CodeGenOptLevel::Aggressive;
  }
  return CodeGenOptLevel::Default;
}

Expected<std::unique_ptr<TargetMachine>>
w2n::createTargetMachine(const TargetInfo &T, const std::string &CPUOption, OptLevel O,
                         bool PositionIndependent) {
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  InitializeAllAsmParsers();

  std::string Err;
  const Target *LT = TargetRegistry::lookupTarget(T.Triple.str(), Err);
  if (!LT)
    return createStringError(inconvertibleErrorCode(), "target " + T.Name + ": " + Err);

  Triple HostTriple(sys::getDefaultTargetTriple());
  bool IsHost = HostTriple.getArch() == T.Triple.getArch();
  std::string CPU = CPUOption;
  std::string Features;
  // Another OS on the same architecture (x86_64-windows from x86_64 Linux) is a cross build too: its
  // output runs on other machines, so it gets the baseline unless --cpu=native asks for this one.
  if (CPU.empty())
    CPU = IsHost && HostTriple.getOS() == T.Triple.getOS() ? "native" : "generic";
  if (CPU == "native") {
    if (!IsHost)
      return createStringError(inconvertibleErrorCode(),
                               "--cpu=native names the host's CPU, not one of " + T.Name);
    CPU = sys::getHostCPUName().str();
    SubtargetFeatures SF;
    for (const auto &F : sys::getHostCPUFeatures())
      SF.AddFeature(F.first(), F.second);
    Features = SF.getString();
  } else if (CPU == "generic" || CPU == T.DefaultCPU) {
    CPU = T.DefaultCPU;
    Features = baselineFeatures(T.Triple);
  }
  TargetOptions Opts;
  // The float ABI is part of the runtime's ABI whatever the CPU: hard-float on armv7 (gnueabihf),
  // lp64d on riscv64 (also what lld checks in the ELF header flags).
  if (T.Triple.isARM())
    Opts.FloatABIType = FloatABI::Hard;
  if (T.Triple.isRISCV64())
    Opts.MCOptions.ABIName = "lp64d";
  // Checked before anything is built for the CPU: LLVM warns "not a recognized processor" (on stderr,
  // once per subtarget it creates) and carries on with a generic one.
  std::unique_ptr<MCSubtargetInfo> STI(LT->createMCSubtargetInfo(T.Triple.str(), "", ""));
  if (!STI || !STI->isCPUStringValid(CPU))
    return createStringError(inconvertibleErrorCode(),
                             "unknown CPU '" + CPU + "' for target " + T.Name);
  // Windows executables are always position-independent code: a PE's image base (0x140000000 for
  // x64) is above 2 GiB, so the static model's 32-bit absolute addresses would be truncated. On COFF
  // PIC is only RIP-relative addressing (no GOT); clang does the same for x86_64-windows-msvc.
  // macOS runs only position-independent executables (and arm64 Macs only PIC code).
  bool PIC = PositionIndependent || T.Triple.isOSWindows() || T.Triple.isOSDarwin();
  auto *TM = LT->createTargetMachine(T.Triple.str(), CPU, Features, Opts, PIC ? Reloc::PIC_ : Reloc::Static,
                                     CodeModel::Small, codeGenLevel(O, T.Triple));
  if (!TM)
    return createStringError(inconvertibleErrorCode(), "cannot create a target machine for " + T.Name);
  return std::unique_ptr<TargetMachine>(TM);
}
