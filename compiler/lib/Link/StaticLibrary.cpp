//===- StaticLibrary.cpp - --emit=lib: the module and its runtime in one archive ---===//
//
// An embedded module needs the embedding runtime (libw2nembed.a) at link time. --emit=lib saves the
// host a second file: it writes a GNU archive holding the module's object followed by every member of
// the runtime archive, with a symbol table, so `cc host.c libNAME.a -lm` is enough. Linking several
// such libraries into one program is fine: the linker takes each runtime member from the first
// archive that provides it and never pulls a second copy, since the members define the same symbols.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Link.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

Error w2n::writeStaticLibrary(StringRef Object, const std::string &ObjectName,
                              const std::string &RuntimeArchive, const std::string &Output) {
  auto RuntimeBuffer = MemoryBuffer::getFile(RuntimeArchive);
  if (!RuntimeBuffer)
    return createStringError(RuntimeBuffer.getError(), "cannot read the embedding runtime '" + RuntimeArchive +
                                                           "': " + RuntimeBuffer.getError().message());
  auto Runtime = object::Archive::create((*RuntimeBuffer)->getMemBufferRef());
  if (!Runtime)
    return Runtime.takeError();

  std::vector<NewArchiveMember> Members;
  Members.emplace_back(MemoryBufferRef(Object, ObjectName));
  Error Err = Error::success();
  for (const object::Archive::Child &Child : (*Runtime)->children(Err)) {
    auto Member = NewArchiveMember::getOldMember(Child, /*Deterministic=*/true);
    if (!Member)
      return Member.takeError();
    Members.push_back(std::move(*Member));
  }
  if (Err)
    return Err;
  auto Bytes = writeArchiveToBuffer(Members, SymtabWritingMode::NormalSymtab, object::Archive::K_GNU,
                                    /*Deterministic=*/true, /*Thin=*/false);
  if (!Bytes)
    return Bytes.takeError();
  return writeFileAtomically(Output, StringRef((*Bytes)->getBufferStart(), (*Bytes)->getBufferSize()), false);
}
