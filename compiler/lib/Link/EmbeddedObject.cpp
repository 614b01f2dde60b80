//===- EmbeddedObject.cpp - One embeddable object from a module's partitions ---===//
//
// A large module compiled for embedding (--emit=obj/lib) comes out of emitObjects as several
// objects, one per partition, in which the functions and data that one partition uses and another
// defines are hidden *global* symbols. The embedding contract is one position-independent object
// whose only global symbol is NAME_module, so that several modules link into one host without
// clashes. Two steps restore it:
//
//  1. lld's ELF driver links the partition objects, in partition order, with -r into one relocatable
//     object: every reference between partitions is now within one object, still relocations against
//     those (global) symbols. lld is the one linker at hand that resolves symbols and merges
//     sections of the same name (w2n_code stays one section, as the runtime's fault handler wants);
//     it reads and writes files only, so the objects pass through private temporary files.
//  2. LLVM's ObjCopy library, in memory, makes local every defined symbol of GLOBAL binding but
//     NAME_module (what `llvm-objcopy --localize-symbol=...` does for each): exactly the symbols that
//     planPartitions promoted, since a module compiled whole has no other. Not `--localize-hidden`
//     nor `--keep-global-symbol`: both would also make local the weak hidden w2n.sig.* signature
//     identities, which modules share on purpose (call_indirect compares them by address).
//     Undefined symbols (the embedding runtime's) stay as they are.
//
// Both steps are deterministic, so the object is the same bytes whatever the number of threads.
//
//===----------------------------------------------------------------------===//
#include "ElfLinker.h"
#include "wasm2native/Link.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ObjCopy/CommonConfig.h"
#include "llvm/ObjCopy/ELF/ELFConfig.h"
#include "llvm/ObjCopy/ELF/ELFObjcopy.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

using namespace w2n;
using namespace llvm;

namespace {

/// Step 1: `ld.lld -r` on the objects, read back into memory.
Expected<std::unique_ptr<MemoryBuffer>> linkRelocatable(ArrayRef<std::string> Objects) {
  SmallString<256> Temp;
  int FD;
  if (std::error_code EC = sys::fs::createTemporaryFile("w2n-merged", "o", FD, Temp))
    return createStringError(EC, "cannot create a temporary file: " + EC.message());
  ::close(FD);
  std::string TempStr(Temp.str());
  auto Remove = make_scope_exit([&] { sys::fs::remove(Temp); });
  if (Error E = runElfLinker({"-r"}, Objects, {}, TempStr))
    return E;
  auto Merged = MemoryBuffer::getFile(TempStr, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Merged)
    return createStringError(Merged.getError(), "cannot read the merged object: " + Merged.getError().message());
  return std::move(*Merged);
}

} // namespace

Expected<std::string> w2n::mergeEmbeddedObjects(ArrayRef<std::string> Objects, StringRef KeepGlobal) {
  auto Merged = linkRelocatable(Objects);
  if (!Merged)
    return Merged.takeError();
  auto Binary = object::createBinary((*Merged)->getMemBufferRef());
  if (!Binary)
    return Binary.takeError();
  auto *ELF = dyn_cast<object::ELFObjectFileBase>(Binary->get());
  if (!ELF)
    return createStringError(inconvertibleErrorCode(), "the merged object is not an ELF object");

  // Step 2. The names are StringRefs into the merged object's string table, alive until the end.
  objcopy::CommonConfig Config;
  Config.InputFilename = "the merged object";
  for (const object::ELFSymbolRef &Sym : ELF->symbols()) {
    Expected<uint32_t> Flags = Sym.getFlags();
    if (!Flags)
      return Flags.takeError();
    if (!(*Flags & object::SymbolRef::SF_Global) || (*Flags & (object::SymbolRef::SF_Weak |
                                                              object::SymbolRef::SF_Undefined)))
      continue;
    Expected<StringRef> Name = Sym.getName();
    if (!Name)
      return Name.takeError();
    if (*Name == KeepGlobal)
      continue;
    if (Error E = Config.SymbolsToLocalize.addMatcher(
            objcopy::NameOrPattern::create(*Name, objcopy::MatchStyle::Literal, [](Error E) { return E; })))
      return E;
  }
  std::string Out;
  raw_string_ostream OS(Out);
  if (Error E = objcopy::elf::executeObjcopyOnBinary(Config, objcopy::ELFConfig(), *ELF, OS))
    return E;
  return Out;
}
