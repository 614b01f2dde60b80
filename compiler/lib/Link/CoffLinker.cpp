//===- CoffLinker.cpp - lld's COFF driver for Windows executables ---------===//
//
// x86_64-windows executables are linked in process by lld's COFF driver (lld-link) as console
// programs with no C runtime: the entry point is the runtime's w2n_windows_start
// (runtime-lib/os/windows/start.c), /nodefaultlib keeps any SDK library out, and the system DLLs the
// runtime calls come from the import libraries the build made from the project's own .def lists
// (runtime-lib/os/windows/*.def), installed beside the runtime archive: every *.lib there is linked.
// /opt:ref drops unreferenced runtime functions (they are COMDAT sections, -ffunction-sections);
// the generated code's sections are not COMDAT and stay. /Brepro makes the output reproducible
// (the PE timestamp is a hash of the contents). linkExecutable (ElfLinker.cpp) wraps this with the
// output-file discipline shared with ELF: a temporary file renamed into place on success only.
//
//===----------------------------------------------------------------------===//
#include "ElfLinker.h"
#include "lld/Common/Driver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

LLD_HAS_DRIVER(coff)

using namespace w2n;
using namespace llvm;

// The import libraries in the runtime's folder, sorted so that the command line is stable.
static std::vector<std::string> importLibraries(StringRef RuntimeDir) {
  std::vector<std::string> Libs;
  std::error_code EC;
  for (sys::fs::directory_iterator It(RuntimeDir, EC), End; It != End && !EC; It.increment(EC))
    if (sys::path::extension(It->path()) == ".lib")
      Libs.push_back(It->path());
  std::sort(Libs.begin(), Libs.end());
  return Libs;
}

Error w2n::runCoffLinker(ArrayRef<std::string> Objects, ArrayRef<std::string> Libraries,
                        const std::string &Output) {
  std::vector<std::string> Libs(Libraries.begin(), Libraries.end());
  if (!Libraries.empty()) {
    std::vector<std::string> Imports = importLibraries(sys::path::parent_path(Libraries.back()));
    if (Imports.empty())
      return createStringError(inconvertibleErrorCode(),
                               "no import libraries beside '" + Libraries.back() +
                                   "' (is the installation complete?)");
    Libs.insert(Libs.end(), Imports.begin(), Imports.end());
  }
  std::vector<std::string> ObjPaths;
  if (Error E = writeTemporaryObjects(Objects, ObjPaths))
    return E;
  std::string Out = "/out:" + Output;
  std::vector<const char *> Args = {"lld-link",       "/nologo",         "/machine:x64",
                                    "/subsystem:console", "/entry:w2n_windows_start", "/nodefaultlib",
                                    "/opt:ref",       "/Brepro",         Out.c_str()};
  for (const std::string &P : ObjPaths)
    Args.push_back(P.c_str());
  for (const std::string &L : Libs)
    Args.push_back(L.c_str());
  std::string Diag;
  raw_string_ostream DiagOS(Diag);
  lld::Result R = lld::lldMain(Args, outs(), DiagOS, {{lld::WinLink, &lld::coff::link}});
  removeFiles(ObjPaths);
  if (R.retCode != 0)
    return createStringError(inconvertibleErrorCode(), linkFailure(DiagOS.str(), "x86_64-windows", ""));
  return Error::success();
}
