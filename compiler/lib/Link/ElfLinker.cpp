//===- ElfLinker.cpp - lld as a library -----------------------------------===//
//
// lld's ELF driver reads its inputs from files, so each object goes to a private temporary file
// (runElfLinker); an executable is linked to a temporary name next to the destination and renamed
// into place on success (unless the destination is a device or a pipe, such as /dev/null: it is then
// written through).
// A Windows executable takes the same path with lld's COFF driver instead (CoffLinker.cpp), a macOS
// one with its Mach-O driver (MachOLinker.cpp).
// lld keeps global state, so lldMain is called once per process (the tool links one output: an
// executable, or the merged object of an embedded module, EmbeddedObject.cpp).
//
//===----------------------------------------------------------------------===//
#include "ElfLinker.h"
#include "wasm2native/Link.h"
#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

LLD_HAS_DRIVER(elf)

using namespace w2n;
using namespace llvm;

// Renaming a temporary file onto a device or a pipe would replace it (as root, even /dev/null).
bool w2n::isSpecialFile(const std::string &Path) {
  sys::fs::file_status Status;
  return !sys::fs::status(Path, Status) && sys::fs::exists(Status) && !sys::fs::is_regular_file(Status) &&
         !sys::fs::is_directory(Status);
}

static Error writeThrough(const std::string &Path, StringRef Data) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  if (EC)
    return createStringError(EC, "cannot write '" + Path + "': " + EC.message());
  OS << Data;
  OS.close();
  if (OS.has_error())
    return createStringError(OS.error(), "cannot write '" + Path + "': " + OS.error().message());
  return Error::success();
}

Error w2n::writeFileAtomically(const std::string &Path, StringRef Data, bool Executable) {
  if (isSpecialFile(Path))
    return writeThrough(Path, Data);
  SmallString<256> Temp;
  int FD;
  std::string Model = Path + ".tmp%%%%%%";
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp))
    return createStringError(EC, "cannot create '" + Path + "': " + EC.message());
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Data;
    OS.close();
    if (OS.has_error()) {
      sys::fs::remove(Temp);
      return createStringError(OS.error(), "cannot write '" + Path + "': " + OS.error().message());
    }
  }
  if (Executable)
    sys::fs::setPermissions(Temp, sys::fs::perms(0755));
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return createStringError(EC, "cannot write '" + Path + "': " + EC.message());
  }
  return Error::success();
}

Error w2n::writeTemporaryObjects(ArrayRef<std::string> Objects, std::vector<std::string> &Paths) {
  for (const std::string &Object : Objects) {
    SmallString<256> ObjPath;
    int FD;
    if (std::error_code EC = sys::fs::createTemporaryFile("w2n-module", "o", FD, ObjPath)) {
      removeFiles(Paths);
      return createStringError(EC, "cannot create a temporary file: " + EC.message());
    }
    Paths.push_back(std::string(ObjPath.str()));
    raw_fd_ostream OS(FD, true);
    OS << Object;
    OS.close();
    if (OS.has_error()) {
      removeFiles(Paths);
      return createStringError(OS.error(), "cannot write a temporary file: " + OS.error().message());
    }
  }
  return Error::success();
}

void w2n::removeFiles(std::vector<std::string> &Paths) {
  for (const std::string &P : Paths)
    sys::fs::remove(P);
  Paths.clear();
}

Error w2n::runElfLinker(ArrayRef<const char *> Options, ArrayRef<std::string> Objects,
                       ArrayRef<std::string> Libraries, const std::string &Output) {
  // One temporary file per object, removed whatever happens; lld gets them in the order given, which
  // fixes the output's layout.
  std::vector<std::string> ObjPaths;
  if (Error E = writeTemporaryObjects(Objects, ObjPaths))
    return E;
  std::vector<const char *> Args = {"ld.lld"};
  Args.insert(Args.end(), Options.begin(), Options.end());
  Args.push_back("-o");
  Args.push_back(Output.c_str());
  for (const std::string &P : ObjPaths)
    Args.push_back(P.c_str());
  for (const std::string &L : Libraries)
    Args.push_back(L.c_str());
  std::string Diag;
  raw_string_ostream DiagOS(Diag);
  lld::Result R = lld::lldMain(Args, outs(), DiagOS, {{lld::Gnu, &lld::elf::link}});
  removeFiles(ObjPaths);
  if (R.retCode != 0)
    return createStringError(inconvertibleErrorCode(), "link failed: " + StringRef(DiagOS.str()).trim());
  return Error::success();
}

Error w2n::linkExecutable(ArrayRef<std::string> Objects, const std::string &RuntimeArchive,
                          const std::string &Output, ArrayRef<std::string> HostFiles, const Triple &Target) {
  if (!sys::fs::exists(RuntimeArchive))
    return createStringError(inconvertibleErrorCode(),
                             "runtime not found: '" + RuntimeArchive + "' (is the installation complete?)");
  SmallString<256> TempOut;
  int FD;
  // Beside the destination, so the rename stays in one file system; in the temporary folder when the
  // destination is a device or a pipe (its folder, e.g. /dev, is no place for files).
  bool Special = isSpecialFile(Output);
  std::string Model = Output + ".tmp%%%%%%";
  if (std::error_code EC = Special ? sys::fs::createTemporaryFile("w2n-exe", "", FD, TempOut)
                                   : sys::fs::createUniqueFile(Model, FD, TempOut))
    return createStringError(EC, "cannot create '" + Output + "': " + EC.message());
  ::close(FD);

  std::string OutStr(TempOut.str());
  std::vector<std::string> Libraries(HostFiles.begin(), HostFiles.end());
  Libraries.push_back(RuntimeArchive); // last: host code may use the runtime's memcpy and friends
  Error Linked = Target.isOSBinFormatCOFF()    ? runCoffLinker(Objects, Libraries, OutStr)
                 : Target.isOSBinFormatMachO() ? runMachOLinker(Objects, Libraries, OutStr, Target.getArchName(),
                                                                sys::path::filename(Output))
                                               : runElfLinker({"-static", "-nostdlib", "--gc-sections", "-e", "_start",
                                                               "--build-id=none", "-z", "noexecstack"},
                                                              Objects, Libraries, OutStr);
  if (Error E = std::move(Linked)) {
    sys::fs::remove(TempOut);
    return E;
  }
  if (Special) {
    auto Linked = MemoryBuffer::getFile(OutStr, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    sys::fs::remove(TempOut);
    if (!Linked)
      return createStringError(Linked.getError(), "cannot read the linked output: " + Linked.getError().message());
    return writeThrough(Output, (*Linked)->getBuffer());
  }
  if (std::error_code EC = sys::fs::rename(TempOut, Output)) {
    sys::fs::remove(TempOut);
    return createStringError(EC, "cannot write '" + Output + "': " + EC.message());
  }
  return Error::success();
}
