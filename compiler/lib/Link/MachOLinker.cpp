//===- MachOLinker.cpp - lld's Mach-O driver for macOS executables --------===//
//
// x86_64-macos and aarch64-macos executables are linked in process by lld's Mach-O driver (ld64.lld)
// with no SDK: the runtime's only dependency is libSystem, the C library every macOS program links,
// and the linker reads what libSystem exports from libSystem.tbd, a text-based stub the build writes
// from the project's own list of the functions the runtime calls (runtime-lib/os/darwin/
// libSystem.syms), installed beside the runtime archive. The output is an MH_EXECUTE with an
// LC_MAIN entry point (the runtime's w2n_darwin_main, called by dyld like a C main) and an
// LC_BUILD_VERSION load command for macOS 11.0, the first release on arm64 Macs (-platform_version;
// the "SDK" version is the same, as no SDK is involved). arm64 outputs are ad-hoc code-signed
// (-adhoc_codesign, lld's default there too): an arm64 Mac refuses to run unsigned code. No segment
// is writable and executable (generated code is in __TEXT; AOT code needs no MAP_JIT).
// The signature's identifier is the output's file name, as Apple's linker makes it (lld takes it from
// -o, so the link goes to a private folder under the final name, not to the temporary name).
// -dead_strip drops unreferenced runtime functions (LLVM's Mach-O objects have subsections via
// symbols); the name tables survive it through llvm.used (.no_dead_strip). lld derives LC_UUID from
// the contents, so the output is reproducible. linkExecutable (ElfLinker.cpp) wraps this with the
// output-file discipline shared with ELF: a temporary file renamed into place on success only.
//
//===----------------------------------------------------------------------===//
#include "ElfLinker.h"
#include "lld/Common/Driver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(macho)

using namespace w2n;
using namespace llvm;

Error w2n::runMachOLinker(ArrayRef<std::string> Objects, ArrayRef<std::string> Libraries,
                          const std::string &Output, StringRef Arch, StringRef FinalName) {
  std::vector<std::string> Libs(Libraries.begin(), Libraries.end());
  if (!Libraries.empty()) {
    SmallString<256> Stub(sys::path::parent_path(Libraries.back()));
    sys::path::append(Stub, "libSystem.tbd");
    if (!sys::fs::exists(Stub))
      return createStringError(inconvertibleErrorCode(),
                               "no libSystem.tbd beside '" + Libraries.back() + "' (is the installation complete?)");
    Libs.push_back(std::string(Stub.str()));
  }
  // The code signature's identifier is the output file's name, so lld writes the file under its final
  // name, in a private folder beside Output, and it is moved to Output afterwards.
  SmallString<256> Dir;
  if (std::error_code EC = sys::fs::createUniqueDirectory(Output + ".dir", Dir))
    return createStringError(EC, "cannot create a folder beside '" + Output + "': " + EC.message());
  SmallString<256> Named(Dir);
  sys::path::append(Named, FinalName.empty() ? "a.out" : FinalName);
  std::string LinkOut(Named.str());
  auto Cleanup = [&] {
    sys::fs::remove(LinkOut);
    sys::fs::remove(Dir);
  };
  std::vector<std::string> ObjPaths;
  if (Error E = writeTemporaryObjects(Objects, ObjPaths)) {
    Cleanup();
    return E;
  }
  std::string ArchStr = Arch.str();
  std::vector<const char *> Args = {"ld64.lld", "-arch", ArchStr.c_str(), "-platform_version", "macos",
                                    "11.0", "11.0", "-e", "_w2n_darwin_main", "-dead_strip",
                                    "-o", LinkOut.c_str()};
  if (Arch == "arm64")
    Args.push_back("-adhoc_codesign");
  for (const std::string &P : ObjPaths)
    Args.push_back(P.c_str());
  for (const std::string &L : Libs)
    Args.push_back(L.c_str());
  std::string Diag;
  raw_string_ostream DiagOS(Diag);
  lld::Result R = lld::lldMain(Args, outs(), DiagOS, {{lld::Darwin, &lld::macho::link}});
  removeFiles(ObjPaths);
  if (R.retCode != 0) {
    Cleanup();
    return createStringError(inconvertibleErrorCode(),
                             linkFailure(DiagOS.str(), Arch == "arm64" ? "aarch64-macos" : "x86_64-macos", "_"));
  }
  std::error_code EC = sys::fs::rename(LinkOut, Output);
  Cleanup();
  if (EC)
    return createStringError(EC, "cannot write '" + Output + "': " + EC.message());
  return Error::success();
}
