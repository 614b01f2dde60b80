//===- main.cpp - The wasm2native command line ----------------------------===//
//
// Options and the order of the stages, nothing more: read the input, decode and validate it, translate
// it to LLVM IR, optimise, emit, and link with the target's runtime. Every failure is printed
// clang-style (`error: FILE:0xOFFSET: message` when it concerns a byte of the input) and exits with
// status 1 without leaving an output file behind.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "wasm2native/Decoder.h"
#include "wasm2native/Diagnostics.h"
#include "wasm2native/EmbedHeader.h"
#include "wasm2native/Link.h"
#include "wasm2native/OciImage.h"
#include "wasm2native/Translate.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <CLI/CLI.hpp>

using namespace w2n;
using namespace llvm;

namespace {

struct Options {
  std::string Input, Output, Emit = "exe", OptLevelName = "2", CPU, Bounds = "guard";
  std::vector<std::string> Targets; // several only with --emit=oci: one image per target, in one index
  std::vector<std::string> ImageArgs; // --image-arg: the image's Cmd
  std::string ImageTag = "latest";
  std::string ModuleName, Header, InjectFailure, UnknownImports = "error", Invoke;
  std::vector<std::string> Inputs, Links; // the module, then host objects; --link
  std::vector<std::string> Dirs, Env, TcpListen, LLVMOptions;
  bool PrintTargets = false, TimeReport = false, PrintPartitions = false;
  bool Progress = false, NoProgress = false; // neither: progress on a terminal only
  unsigned Threads = 0; // optimisation and code generation threads (exe, obj, lib); 0: all cores
};

/// --time-report: the wall-clock and CPU time (all threads of the process) of each stage, printed to
/// stderr when the compiler is done, like clang's -ftime-report but by stage rather than by pass.
class StageTimes {
public:
  explicit StageTimes(bool Enabled) : Enabled(Enabled) { Mark = now(); }
  ~StageTimes() {
    if (!Enabled || Stages.empty())
      return;
    double Wall = 0, CPU = 0;
    errs() << "===== wasm2native stage times =====\n"
           << format("%-40s %10s %10s\n", (const char *)"stage", (const char *)"wall (s)", (const char *)"CPU (s)");
    for (const auto &[Name, Time] : Stages) {
      errs() << format("%-40s %10.3f %10.3f\n", Name.c_str(), Time.first, Time.second);
      Wall += Time.first;
      CPU += Time.second;
    }
    errs() << format("%-40s %10.3f %10.3f\n", (const char *)"total", Wall, CPU);
  }
  /// Ends the stage that began at the previous call (or at construction).
  void stageDone(const char *Name) {
    if (!Enabled)
      return;
    std::pair<double, double> T = now();
    Stages.push_back({Name, {T.first - Mark.first, T.second - Mark.second}});
    Mark = T;
  }

private:
  static std::pair<double, double> now() {
    rusage U;
    getrusage(RUSAGE_SELF, &U);
    auto Seconds = [](const timeval &T) { return double(T.tv_sec) + double(T.tv_usec) / 1e6; };
    double Wall = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    return {Wall, Seconds(U.ru_utime) + Seconds(U.ru_stime)};
  }
  bool Enabled;
  std::pair<double, double> Mark;
  std::vector<std::pair<std::string, std::pair<double, double>>> Stages;
};

/// --time-report for a split module: what its partitions cost in CPU time of the thread that compiled
/// each (which other load on the machine barely changes), by phase, and the slowest five: the slowest
/// bounds the wall time from below whatever the number of cores.
void reportPartitionTimes(std::vector<PartitionTime> Times) {
  if (Times.size() < 2)
    return;
  double Translate = 0, Optimize = 0, CodeGen = 0;
  unsigned Huge = 0;
  for (const PartitionTime &T : Times) {
    Translate += T.Translate, Optimize += T.Optimize, CodeGen += T.CodeGen;
    Huge += T.Huge;
  }
  errs() << "===== wasm2native partitions (CPU s of the thread that compiled each) =====\n"
         << format("%u partitions (%u of a huge function): translate %.3f, optimise %.3f, "
                   "generate code %.3f, sum %.3f\n",
                   unsigned(Times.size()), Huge, Translate, Optimize, CodeGen, Translate + Optimize + CodeGen);
  std::stable_sort(Times.begin(), Times.end(),
                   [](const PartitionTime &A, const PartitionTime &B) { return A.total() > B.total(); });
  for (size_t I = 0; I < std::min<size_t>(5, Times.size()); ++I) {
    const PartitionTime &T = Times[I];
    errs() << format("partition %u (%llu instructions, largest function %llu%s): %.3f (translate %.3f, "
                     "optimise %.3f, generate code %.3f)\n",
                     T.Partition, (unsigned long long)T.Load, (unsigned long long)T.Largest,
                     T.Huge ? ", huge function" : "", T.total(), T.Translate, T.Optimize, T.CodeGen);
  }
}

/// The progress of a split module's compilation, on stderr: on a terminal one line rewritten in place
/// and erased once every partition is done; elsewhere (a log, with --progress) one line per partition.
std::function<void(unsigned, unsigned)> progressReporter(const Options &O) {
  bool Terminal = sys::Process::StandardErrIsDisplayed();
  if (O.NoProgress || !(O.Progress || Terminal))
    return nullptr;
  return [Terminal](unsigned Done, unsigned Total) {
    if (Terminal)
      errs() << "\rwasm2native: optimising and compiling: " << Done << "/" << Total << " partitions"
             << (Done == Total ? "\r\x1b[K" : "");
    else
      errs() << "wasm2native: " << Done << "/" << Total << " partitions compiled\n";
    errs().flush();
  };
}

int reportError(const std::string &File, Error E) {
  handleAllErrors(std::move(E),
                  [&](const WasmError &WE) {
                    errs() << "error: " << File << ":" << format("0x%llx", (unsigned long long)WE.offset())
                           << ": " << WE.text() << "\n";
                  },
                  [&](const ErrorInfoBase &EI) { errs() << "error: " << EI.message() << "\n"; });
  return 1;
}

/// The input being compiled, for the errors LLVM raises on any thread (installFatalErrorHandler).
std::string FatalErrorFile;
void reportFatalError(Error E) { reportError(FatalErrorFile, std::move(E)); }

int fail(const Twine &Message) {
  errs() << "error: " << Message << "\n";
  return 1;
}

/// lib/wasm2native/<target>/<Name> beside the compiler's bin/ (the build tree and the install tree).
std::string runtimeArchive(const char *Argv0, const TargetInfo &T, const char *Name = "libw2nrt.a") {
  std::string Exe = sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&reportError));
  SmallString<256> Path(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Path, "lib", "wasm2native", T.Name, Name);
  return std::string(Path.str());
}

std::string defaultOutput(const Options &O) {
  SmallString<256> Stem(sys::path::filename(O.Input));
  sys::path::replace_extension(Stem, "");
  if (O.Emit == "obj") return (Stem + ".o").str();
  if (O.Emit == "lib") return ("lib" + Stem + ".a").str();
  if (O.Emit == "asm") return (Stem + ".s").str();
  if (O.Emit == "llvm") return (Stem + ".ll").str();
  if (O.Emit == "host-header") return (Stem + "_host.h").str();
  if (O.Emit == "oci") return (Stem + ".oci").str();
  return std::string(Stem.str());
}

Error optionError(const Twine &Message) { return createStringError(inconvertibleErrorCode(), Message); }

Expected<OptLevel> parseOptLevel(const std::string &Name) {
  if (Name == "0") return OptLevel::O0;
  if (Name == "1") return OptLevel::O1;
  if (Name == "2") return OptLevel::O2;
  if (Name == "3") return OptLevel::O3;
  if (Name == "s") return OptLevel::Os;
  return optionError("invalid optimisation level '-O" + Name + "' (use -O0, -O1, -O2, -O3 or -Os)");
}

/// What the options settle before the module is read, all checked first, so that a typo costs no
/// compile.
struct Plan {
  OptLevel Level = OptLevel::O2;
  TargetInfo Target;                   ///< the first --target (the host's if none)
  std::vector<TargetInfo> ImageTargets; ///< --emit=oci: every --target, in order
  TranslateOptions TO;
  std::string Output;
  std::string Header;     ///< the embedding header to write ("" for none)
  bool Embedding = false; ///< --emit=obj or lib
};

/// An executable, or executables in a container image.
bool makesExecutables(const Options &O) { return O.Emit == "exe" || O.Emit == "oci"; }

/// --invoke, --unknown-imports and host objects concern executables only; --image-* images only.
Error checkExecutableOptions(const Options &O, TranslateOptions &TO) {
  TO.Invoke = O.Invoke;
  TO.UnknownImports = O.UnknownImports == "trap"   ? UnknownImportPolicy::Trap
                      : O.UnknownImports == "zero" ? UnknownImportPolicy::Zero
                                                   : UnknownImportPolicy::Error;
  if (O.Emit != "oci" && (!O.ImageArgs.empty() || O.ImageTag != "latest"))
    return optionError("--image-arg and --image-tag apply to container images (--emit=oci)");
  if (!makesExecutables(O)) {
    if (!O.Links.empty())
      return optionError("host objects ('" + O.Links.front() +
                         "') can only be linked into an executable (--emit=exe)");
    if (!O.Invoke.empty())
      return optionError("--invoke applies to executables (--emit=exe)");
    if (O.UnknownImports != "error")
      return optionError("--unknown-imports applies to executables (--emit=exe); an embedded module's "
                         "imports come from its host");
  }
  if (O.Links.empty())
    return Error::success();
  auto Symbols = definedSymbols(O.Links);
  if (!Symbols)
    return Symbols.takeError();
  TO.HostSymbols = std::move(*Symbols);
  return Error::success();
}

/// Guard pages need a 64-bit address space; a 32-bit target always checks explicitly.
BoundsChecks boundsFor(const Options &O, const TargetInfo &T) {
  return O.Bounds == "explicit" || !T.Is64Bit ? BoundsChecks::Explicit : BoundsChecks::Guard;
}

/// The file name of the image's executable: the module's name, "app" when it has no usable one.
std::string imageEntryName(const std::string &Input) {
  std::string Stem = sys::path::stem(Input).str();
  if (Stem.empty() || Stem == "-" || Stem.front() == '.' ||
      Stem.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != std::string::npos)
    return "app";
  return Stem;
}

/// A --dir of an image names a directory of the container's file system, which the layer creates: an
/// absolute path without "." or ".." (a tar entry must not climb out of the root) and not the executable's.
Error checkImageDir(const Options &O, StringRef Host) {
  SmallVector<StringRef, 8> Parts;
  StringRef(Host).split(Parts, '/', -1, /*KeepEmpty=*/false);
  bool Clean = Host.starts_with("/") && !Parts.empty() &&
               llvm::none_of(Parts, [](StringRef P) { return P == "." || P == ".."; });
  if (!Clean)
    return optionError("--dir with --emit=oci: '" + Host +
                       "' must be an absolute path inside the image, without '.' or '..' (and not '/')");
  if (Parts.front() == imageEntryName(O.Input))
    return optionError("--dir with --emit=oci: '" + Host + "' is where the image's executable goes (/" +
                       Parts.front() + ")");
  return Error::success();
}

/// What an executable grants its guest at run time (--dir, --env, --tcp-listen), checked here so
/// that a typo is a compile error (the runtime checks again).
Error checkGrants(const Options &O, TranslateOptions &TO) {
  TO.Dirs = O.Dirs;
  TO.Env = O.Env;
  TO.TcpListen = O.TcpListen;
  for (const std::string &E : O.Env)
    if (E.find('=') == std::string::npos || E.front() == '=')
      return optionError("--env expects NAME=VALUE, got '" + E + "'");
  for (const std::string &L : O.TcpListen) {
    unsigned A, B, C, D, Port;
    char End;
    if (sscanf(L.c_str(), "%u.%u.%u.%u:%u%c", &A, &B, &C, &D, &Port, &End) != 5 || A > 255 || B > 255 ||
        C > 255 || D > 255 || Port > 65535 || L.find_first_not_of("0123456789.:") != std::string::npos)
      return optionError("--tcp-listen expects IPV4ADDRESS:PORT (e.g. 127.0.0.1:8080), got '" + L + "'");
  }
  for (const std::string &D : O.Dirs) {
    std::string Host = D.substr(0, D.find("::"));
    // In an image, HOST is a path of the container's file system, made there as an empty directory.
    if (O.Emit == "oci")
      if (Error E = checkImageDir(O, Host))
        return E;
    if (O.Emit != "oci" && !sys::fs::is_directory(Host))
      return optionError("--dir: '" + Host + "' is not a directory");
  }
  return Error::success();
}

/// --image-tag: the tag grammar of the distribution spec, which image references use.
Error checkImageTag(const std::string &Tag) {
  if (Tag.empty() || Tag.size() > 128 || Tag.front() == '.' || Tag.front() == '-' ||
      Tag.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != std::string::npos)
    return optionError("--image-tag: '" + Tag + "' is not a tag ([A-Za-z0-9_][A-Za-z0-9_.-]*, at most 128)");
  return Error::success();
}

/// --target, once (or not at all: the host) but for --emit=oci, which makes one image per target.
Error resolveTargets(const Options &O, Plan &P) {
  if (O.Targets.size() > 1 && O.Emit != "oci")
    return optionError("--target given " + Twine(O.Targets.size()) +
                       " times: several targets make one multi-platform image (--emit=oci) only");
  for (const std::string &Spec : O.Targets.empty() ? std::vector<std::string>{""} : O.Targets) {
    auto Target = resolveTarget(Spec);
    if (!Target)
      return Target.takeError();
    P.ImageTargets.push_back(std::move(*Target));
  }
  P.Target = P.ImageTargets.front();
  if (O.Emit != "oci")
    return Error::success();
  if (!O.Links.empty() && P.ImageTargets.size() > 1)
    return optionError("host objects ('" + O.Links.front() + "') are built for one target; an image of " +
                       Twine(P.ImageTargets.size()) + " targets cannot link them");
  if (P.Output == "-")
    return optionError("--emit=oci needs an output: -o DIR (an image layout) or -o FILE.tar");
  for (size_t I = 0; I < P.ImageTargets.size(); ++I) {
    const TargetInfo &T = P.ImageTargets[I];
    if (!hasOciPlatform(T.Name))
      return optionError("no OCI platform for target " + T.Name);
    for (size_t J = 0; J < I; ++J)
      if (P.ImageTargets[J].Name == T.Name)
        return optionError("--target " + T.Name + " given twice: an image holds one executable per platform");
  }
  return checkImageTag(O.ImageTag);
}

Expected<Plan> makePlan(const Options &O) {
  Plan P;
  auto Level = parseOptLevel(O.OptLevelName);
  if (!Level)
    return Level.takeError();
  P.Level = *Level;
  P.TO.Executable = makesExecutables(O);
  P.Output = O.Output.empty() ? defaultOutput(O) : O.Output;
  if (Error E = resolveTargets(O, P))
    return E;
  // An object is a library for a host program: its symbols are namespaced by the module name.
  P.TO.ModuleName = !O.ModuleName.empty() ? O.ModuleName
                    : moduleNameFromPath(P.Output == "-" || O.Emit == "lib" ? O.Input : P.Output);
  if (!isValidModuleName(P.TO.ModuleName))
    return optionError("--module-name: '" + P.TO.ModuleName + "' is not a C identifier");
  P.Header = O.Header;
  P.Embedding = O.Emit == "obj" || O.Emit == "lib";
  bool SpecialOutput = P.Output == "-" || isSpecialFile(P.Output);
  if (P.Embedding && P.Header.empty() && !SpecialOutput) { // no header beside /dev/null or a pipe
    // Beside the output, named after the module: counter.o -> counter.h, libcounter.a -> counter.h.
    SmallString<256> H(sys::path::parent_path(P.Output));
    sys::path::append(H, P.TO.ModuleName + ".h");
    P.Header = std::string(H.str());
  }
  if (O.Emit == "lib" && P.Output == "-")
    return optionError("--emit=lib needs an output file (-o)");
  if (P.Embedding && (P.Target.Triple.isOSWindows() || P.Target.Triple.isOSDarwin())) // docs/cross-compilation.md
    return optionError("--emit=" + O.Emit + " is not supported for " + P.Target.Name + " yet");
  if (Error E = checkExecutableOptions(O, P.TO))
    return E;
  P.TO.Bounds = boundsFor(O, P.Target);
  if (Error E = checkGrants(O, P.TO))
    return E;
  return P;
}

Expected<w2n::Module> readModule(const std::string &Input) {
  auto Buffer = MemoryBuffer::getFileOrSTDIN(Input, /*IsText=*/false);
  if (!Buffer)
    return optionError("cannot read '" + Input + "': " + Buffer.getError().message());
  std::vector<uint8_t> Bytes((*Buffer)->getBufferStart(), (*Buffer)->getBufferEnd());
  return decodeModule(std::move(Bytes));
}

/// Writes a text or binary output whole (never half a file), or to stdout for "-".
Error writeOutput(const std::string &Output, StringRef Contents) {
  if (Output == "-") {
    outs() << Contents;
    return Error::success();
  }
  return writeFileAtomically(Output, Contents, false);
}

/// --emit=llvm and asm: the whole module in one LLVMContext, translated and optimised here.
Error emitWholeModule(const Options &O, const Plan &P, const w2n::Module &M, TargetMachine &TM,
                      StageTimes &Times) {
  LLVMContext Ctx;
  FailureScope Failures(M, Ctx);
  auto IR = translateModule(M, Ctx, P.Target.Triple, TM.createDataLayout(), P.TO, nullptr);
  if (!IR)
    return IR.takeError();
  Times.stageDone("translate to LLVM IR");
  optimize(**IR, TM, P.Level);
  Times.stageDone("optimise");
  if (O.Emit == "llvm") {
    std::string Text;
    raw_string_ostream OS(Text);
    (*IR)->print(OS, nullptr);
    return writeOutput(P.Output, OS.str());
  }
  auto Assembly = emit(**IR, TM, EmitKind::Assembly);
  if (Error E = Failures.takeError()) {
    consumeError(Assembly.takeError());
    return E;
  }
  if (!Assembly)
    return Assembly.takeError();
  Times.stageDone("generate code");
  return writeOutput(P.Output, *Assembly);
}

/// Executables and embedded objects: a large module is translated, optimised and compiled in
/// partitions on --threads threads; the bytes never depend on it.
Expected<std::vector<std::string>> emitPartitions(const Options &O, const Plan &P, const w2n::Module &M,
                                                  TargetMachine &TM, StageTimes &Times) {
  DataLayout Layout = TM.createDataLayout();
  PartTranslator TranslatePart = [&](LLVMContext &Ctx, const ModulePart *Part) {
    return translateModule(M, Ctx, P.Target.Triple, Layout, P.TO, Part);
  };
  ObjectOptions OO;
  OO.Threads = O.Threads;
  OO.NameTables = makesExecutables(O); // the embedding runtime reports a trap as a value instead
  OO.PlanLog = O.PrintPartitions ? &errs() : nullptr;
  OO.Progress = progressReporter(O);
  std::vector<PartitionTime> PartitionTimes;
  if (O.TimeReport)
    OO.Times = &PartitionTimes;
  if (!O.InjectFailure.empty()) {
    auto Injection = parseFailureInjection(O.InjectFailure);
    if (!Injection)
      return Injection.takeError();
    OO.InjectFailure = *Injection;
  }
  auto Objects = emitObjects(M, TranslatePart, TM, P.Level, OO);
  if (!Objects)
    return Objects.takeError();
  Times.stageDone("translate, optimise and generate code");
  reportPartitionTimes(PartitionTimes);
  return Objects;
}

/// --emit=obj and lib: the partitions' objects merged into the one object whose only global symbol
/// is NAME_module, alone or in a static library with the embedding runtime, and its C header.
Error writeEmbedding(const Options &O, const Plan &P, const w2n::Module &M, std::vector<std::string> Objects,
                     const char *Argv0, StageTimes &Times) {
  std::string Object;
  if (Objects.size() == 1) {
    Object = std::move(Objects.front());
  } else {
    auto Merged = mergeEmbeddedObjects(Objects, P.TO.ModuleName + "_module");
    if (!Merged)
      return Merged.takeError();
    Object = std::move(*Merged);
    Times.stageDone("merge the partitions' objects");
  }
  if (P.Output == "-") {
    outs() << Object;
    return Error::success();
  }
  if (O.Emit == "lib") {
    std::string Runtime = runtimeArchive(Argv0, P.Target, "libw2nembed.a");
    if (!sys::fs::exists(Runtime))
      return optionError("--emit=lib: no embedding runtime for " + P.Target.Name + " (" + Runtime +
                         "); use --emit=obj and link the runtime yourself");
    if (Error E = writeStaticLibrary(Object, P.TO.ModuleName + ".o", Runtime, P.Output))
      return E;
  } else if (Error E = writeFileAtomically(P.Output, Object, false)) {
    return E;
  }
  if (P.Header.empty())
    return Error::success();
  std::string Text = writeEmbedHeader(M, P.TO.ModuleName, sys::path::filename(O.Input).str());
  if (Error E = writeFileAtomically(P.Header, Text, false)) {
    sys::fs::remove(P.Output); // never half an output
    return E;
  }
  return Error::success();
}

/// One target's executable for an image: compiled, linked to a temporary file and read back.
Expected<std::string> imageExecutable(const Options &O, const Plan &P, const w2n::Module &M, const char *Argv0,
                                      StageTimes &Times) {
  // An image runs on machines other than this one: a baseline CPU unless --cpu names one.
  auto TM = createTargetMachine(P.Target, O.CPU.empty() ? "generic" : O.CPU, P.Level);
  if (!TM)
    return TM.takeError();
  auto Objects = emitPartitions(O, P, M, **TM, Times);
  if (!Objects)
    return Objects.takeError();
  SmallString<128> Temp;
  if (std::error_code EC = sys::fs::createTemporaryFile("w2n-image", "", Temp))
    return optionError("cannot create a temporary file: " + EC.message());
  FileRemover RemoveTemp(Temp);
  if (Error E = linkExecutable(*Objects, runtimeArchive(Argv0, P.Target), std::string(Temp), O.Links))
    return E;
  auto Buffer = MemoryBuffer::getFile(Temp, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return optionError("cannot read back '" + Temp + "': " + Buffer.getError().message());
  Times.stageDone(("link for " + P.Target.Name).c_str());
  return (*Buffer)->getBuffer().str();
}

/// --emit=oci: an executable per target in one image; the grants shown in its config too (docs/deployment.md).
Error writeImage(const Options &O, const Plan &P, const w2n::Module &M, const char *Argv0, StageTimes &Times) {
  OciImage Image;
  Image.EntryName = imageEntryName(O.Input);
  Image.Tag = O.ImageTag;
  Image.Args = O.ImageArgs;
  // The runtime's own variables (docs/wasi.md), so that `docker run -e W2N_ENV_NAME=...` overrides one.
  for (const std::string &E : O.Env)
    Image.Env.push_back("W2N_ENV_" + E);
  for (const std::string &D : O.Dirs) { // as a Volume, without repeated slashes
    SmallVector<StringRef, 8> Parts;
    StringRef(D.substr(0, D.find("::"))).split(Parts, '/', -1, /*KeepEmpty=*/false);
    Image.Dirs.push_back("/" + llvm::join(Parts, "/"));
  }
  for (const std::string &L : O.TcpListen)
    Image.Ports.push_back(L.substr(L.rfind(':') + 1) + "/tcp");
  for (const TargetInfo &T : P.ImageTargets) {
    Plan TargetPlan = P;
    TargetPlan.Target = T;
    TargetPlan.TO.Bounds = boundsFor(O, T);
    auto Bytes = imageExecutable(O, TargetPlan, M, Argv0, Times);
    if (!Bytes)
      return Bytes.takeError();
    Image.Executables.push_back({T.Name, std::move(*Bytes)});
  }
  if (Error E = writeOciImage(Image, P.Output))
    return E;
  Times.stageDone("write the image");
  return Error::success();
}

/// The stages after the options are settled; every failure comes back as an Error.
Error compile(const Options &O, const Plan &P, const char *Argv0) {
  StageTimes Times(O.TimeReport);
  auto Module = readModule(O.Input);
  if (!Module)
    return Module.takeError();
  Times.stageDone("read, decode and validate");
  if (O.Emit == "host-header")
    return writeOutput(P.Output, writeHostHeader(*Module, sys::path::filename(O.Input).str()));
  // Every import bound, the entry points and --invoke checked, before any code is generated.
  if (P.TO.Executable)
    if (Error E = checkExecutable(*Module, P.TO))
      return E;
  if (O.Emit == "oci")
    return writeImage(O, P, *Module, Argv0, Times);
  auto TM = createTargetMachine(P.Target, O.CPU, P.Level, /*PositionIndependent=*/!P.TO.Executable);
  if (!TM)
    return TM.takeError();
  if (O.Emit == "llvm" || O.Emit == "asm")
    return emitWholeModule(O, P, *Module, **TM, Times);
  auto Objects = emitPartitions(O, P, *Module, **TM, Times);
  if (!Objects)
    return Objects.takeError();
  if (P.Embedding)
    return writeEmbedding(O, P, *Module, std::move(*Objects), Argv0, Times);
  if (Error E = linkExecutable(*Objects, runtimeArchive(Argv0, P.Target), P.Output, O.Links, P.Target.Triple))
    return E;
  Times.stageDone("link");
  return Error::success();
}

int run(const Options &O, const char *Argv0) {
  if (O.PrintTargets) {
    for (const TargetInfo &T : supportedTargets())
      outs() << T.Name << "  (" << T.Triple.str() << ")\n";
    return 0;
  }
  FatalErrorFile = O.Input;
  installFatalErrorHandler(reportFatalError);
  auto P = makePlan(O);
  if (!P)
    return reportError(O.Input, P.takeError());
  if (Error E = compile(O, *P, Argv0))
    return reportError(O.Input, std::move(E));
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  Options O;
  CLI::App App{"wasm2native: compiles a WebAssembly module ahead of time into a static native "
               "executable (or an object).",
               "wasm2native"};
  App.set_version_flag("--version", std::string("wasm2native ") + W2N_VERSION + " (LLVM " +
                                        LLVM_VERSION_STRING + ")");
  App.add_option("inputs", O.Inputs,
                 "The .wasm module to compile, then any objects or archives defining host functions for its "
                 "imports (linked into the executable)");
  App.add_option("-o", O.Output, "Output file (default: the input's name without .wasm)");
  App.add_option("-O", O.OptLevelName, "Optimisation level: 0, 1, 2 (default), 3 or s")
      ->check(CLI::IsMember({"0", "1", "2", "3", "s"}));
  App.add_option("--emit", O.Emit,
                 "What to produce: exe (default), obj (an object and a C header for embedding), lib (the same "
                 "object with the embedding runtime in one static library, plus the header), llvm, asm, or "
                 "host-header (declarations of the host functions an executable links for non-WASI imports), oci (a "
                 "container image of the executable: an OCI layout directory, or its tar for -o FILE.tar)")
      ->check(CLI::IsMember({"exe", "obj", "lib", "llvm", "asm", "host-header", "oci"}));
  App.add_option("--module-name", O.ModuleName,
                 "With --emit=obj/lib: the C name of the module, prefix of its symbols (default: the output's stem)");
  App.add_option("--header", O.Header, "With --emit=obj/lib: where to write the C header (default: NAME.h beside the output)");
  App.add_option("--target", O.Targets,
                 "Target: a name from --print-targets or an LLVM triple (default: the host); with --emit=oci "
                 "repeatable, for a multi-platform image")
      ->allow_extra_args(false);
  App.add_option("--image-arg", O.ImageArgs,
                 "With --emit=oci: an argument the image passes to the program (its Cmd; repeatable)")
      ->allow_extra_args(false);
  App.add_option("--image-tag", O.ImageTag, "With --emit=oci: the image's tag in the layout (default: latest)");
  App.add_option("--cpu", O.CPU, "CPU to generate code for: native (default on the host), generic, or an LLVM CPU name");
  App.add_option("--bounds-checks", O.Bounds, "Memory bounds strategy: guard (default on 64-bit targets) or explicit")
      ->check(CLI::IsMember({"guard", "explicit"}));
  App.add_option("--dir", O.Dirs, "Preopen a host directory for the program: HOST or HOST::GUEST (repeatable)");
  App.add_option("--env", O.Env, "Set an environment variable for the program: NAME=VALUE (repeatable)");
  App.add_option("--tcp-listen", O.TcpListen,
                 "Listen on a TCP socket at start-up, handed to the program as a preopened socket fd after the "
                 "directories: IPV4ADDRESS:PORT (repeatable)");
  App.add_option("--link", O.Links,
                 "An object or archive defining host functions (w2n_host_<module>_<name>, see --emit=host-header) "
                 "for the executable's non-WASI imports (repeatable)");
  App.add_option("--unknown-imports", O.UnknownImports,
                 "Imported functions that neither WASI nor a host object provides: error (default: refuse to "
                 "compile), trap (calling one traps) or zero (it returns zeros)")
      ->check(CLI::IsMember({"error", "trap", "zero"}));
  App.add_option("--invoke", O.Invoke,
                 "The export the executable calls by default, after _initialize, with its arguments from the "
                 "command line and its results printed (default: _start); the executable takes --invoke=NAME too");
  App.add_option("--threads", O.Threads,
                 "Threads that optimise and compile an executable or an object (default 0: all cores); the output "
                 "is the same whatever the number")
      ->check(CLI::NonNegativeNumber);
  App.add_flag("--print-targets", O.PrintTargets, "List the supported targets and exit");
  App.add_flag("--time-report", O.TimeReport,
               "Print the wall-clock and CPU time of each compilation stage to stderr");
  App.add_flag("--progress", O.Progress,
               "Report the progress of a large module's compilation on stderr (default: on a terminal only)");
  App.add_flag("--no-progress", O.NoProgress, "Never report progress");
  App.add_flag("--print-partitions", O.PrintPartitions,
               "Print how the module is split for parallel compilation (to stderr)");
  // For developers, hidden from --help like the next one: LLVM's own options, as clang's -mllvm.
  App.add_option("--mllvm", O.LLVMOptions,
                 "An option for LLVM's passes (repeatable), e.g. --mllvm=-pass-remarks-missed=loop-vectorize")
      ->group("");
  // For tests only, hidden from --help (an empty group): makes code generation fail in one function.
  App.add_option("--debug-inject-failure", O.InjectFailure,
                 "diagnostic:FUNCTION or fatal:FUNCTION: IR that LLVM cannot compile, in that wasm function")
      ->group("");
  try {
    App.parse(argc, argv);
  } catch (const CLI::CallForHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForVersion &E) {
    return App.exit(E);
  } catch (const CLI::ParseError &E) {
    errs() << "error: " << E.what() << "\n";
    return 1;
  }
  if (!O.Inputs.empty()) {
    O.Input = O.Inputs.front();
    O.Links.insert(O.Links.begin(), O.Inputs.begin() + 1, O.Inputs.end());
  }
  if (O.Input.empty() && !O.PrintTargets)
    return fail("no input file (see --help)");
  if (!O.LLVMOptions.empty()) {
    std::vector<const char *> Args{"wasm2native (--mllvm)"};
    for (const std::string &A : O.LLVMOptions)
      Args.push_back(A.c_str());
    if (!cl::ParseCommandLineOptions(int(Args.size()), Args.data(), "", &errs()))
      return 1;
  }
  return run(O, argv[0]);
}
