//===- ElfLinker.h - One run of lld's ELF driver, for the Link library ----===//
//
// runElfLinker is the one place that calls lld: linkExecutable (ElfLinker.cpp) links an executable
// with it, mergeEmbeddedObjects (EmbeddedObject.cpp) a relocatable object. lld keeps global state,
// so a process may call it once.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_LINK_ELFLINKER_H
#define WASM2NATIVE_LINK_ELFLINKER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace w2n {

/// Runs `ld.lld Options... -o Output Objects... Libraries...`: the objects (in memory) are written to
/// private temporary files, removed afterwards whatever happens, and given in order; Libraries are
/// paths. lld's diagnostics become the error's message. Output is written by lld: the caller picks a
/// temporary path and moves the result into place.
llvm::Error runElfLinker(llvm::ArrayRef<const char *> Options, llvm::ArrayRef<std::string> Objects,
                         llvm::ArrayRef<std::string> Libraries, const std::string &Output);

/// The objects (in memory) written to private temporary files, whose paths are appended to Paths; on
/// failure the files written so far are removed. removeFiles removes them and clears Paths.
llvm::Error writeTemporaryObjects(llvm::ArrayRef<std::string> Objects, std::vector<std::string> &Paths);
void removeFiles(std::vector<std::string> &Paths);

/// Runs lld's COFF driver (lld-link) for a console executable of x86_64-windows: the objects (in memory)
/// via temporary files, then Libraries, which are the user's host files, the runtime archive and, found
/// beside the runtime archive (the last library), the import libraries of the system DLLs the runtime
/// calls. Output as runElfLinker's. CoffLinker.cpp.
llvm::Error runCoffLinker(llvm::ArrayRef<std::string> Objects, llvm::ArrayRef<std::string> Libraries,
                          const std::string &Output);

/// Runs lld's Mach-O driver (ld64.lld) for a macOS executable of Arch ("x86_64" or "arm64"): as
/// runCoffLinker, with the text stub of libSystem (libSystem.tbd) found beside the runtime archive.
/// FinalName, the file name the output will have, is its code signature's identifier. MachOLinker.cpp.
llvm::Error runMachOLinker(llvm::ArrayRef<std::string> Objects, llvm::ArrayRef<std::string> Libraries,
                           const std::string &Output, llvm::StringRef Arch, llvm::StringRef FinalName);

/// lld's Diagnostics as an error message: "link failed: ..." or, when they show undefined runtime
/// symbols (spelt with SymbolPrefix, "_" on Mach-O) that only the Linux runtime defines, "FEATURE is not
/// supported for TargetName yet". LinkFailure.cpp.
std::string linkFailure(llvm::StringRef Diagnostics, llvm::StringRef TargetName, llvm::StringRef SymbolPrefix);

} // namespace w2n

#endif
