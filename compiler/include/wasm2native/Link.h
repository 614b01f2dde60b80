//===- Link.h - In-process linking with lld -------------------------------===//
//
// linkExecutable links the module's objects (several when code generation ran in partitions, in the
// order given), then the user's host objects if any (HostObjects.cpp), with the target's runtime archive into a fully static ELF executable (or a PE one for Windows, with no DLL but the system's, or a Mach-O one for macOS linked only to libSystem), with lld running
// inside this process; mergeEmbeddedObjects makes an embedded module's partitions one object. The
// output appears atomically: it is written beside its final path and renamed, so a failure never
// leaves a partial file.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_LINK_H
#define WASM2NATIVE_LINK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Support/Error.h"
#include <set>
#include <string>

namespace w2n {

/// Target picks the linker: ELF by lld's ELF driver; a Windows console executable by its COFF
/// driver (the runtime archive's folder also holds the import libraries it needs); a macOS one by its
/// Mach-O driver (the folder also holds libSystem.tbd).
llvm::Error linkExecutable(llvm::ArrayRef<std::string> Objects, const std::string &RuntimeArchive,
                           const std::string &Output, llvm::ArrayRef<std::string> HostFiles = {},
                           const llvm::Triple &Target = llvm::Triple("x86_64-unknown-linux-gnu"));

/// The global symbols defined by object files and archives (the host objects of an executable).
llvm::Expected<std::set<std::string>> definedSymbols(llvm::ArrayRef<std::string> Files);

/// --emit=obj/lib of a module compiled in partitions: its objects (in partition order) linked into one
/// relocatable object in which every defined symbol is local but KeepGlobal (NAME_module) and the weak
/// ones (the w2n.sig.* identities shared between modules). Uses lld, so once per process.
llvm::Expected<std::string> mergeEmbeddedObjects(llvm::ArrayRef<std::string> Objects, llvm::StringRef KeepGlobal);

/// --emit=lib: an archive with the module's object (named ObjectName) and the embedding runtime's members.
llvm::Error writeStaticLibrary(llvm::StringRef Object, const std::string &ObjectName,
                               const std::string &RuntimeArchive, const std::string &Output);

/// True when Path exists and is not a regular file or a directory (a device such as /dev/null, a pipe):
/// outputs are written through such a path, never renamed onto it.
bool isSpecialFile(const std::string &Path);

/// Writes Data to Path atomically (temporary file + rename); Executable sets mode 0755.
llvm::Error writeFileAtomically(const std::string &Path, llvm::StringRef Data, bool Executable);

} // namespace w2n

#endif
