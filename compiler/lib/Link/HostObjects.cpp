//===- HostObjects.cpp - What the user's objects define -------------------===//
//
// `wasm2native app.wasm host.o` links host functions written in C into the executable. The translator
// binds an import to a host function only if some object defines its symbol (w2n_host_<module>_<name>),
// so the symbols are read here first: the defined global symbols of each object, and of each member
// of an archive. The files go to lld unchanged, after the module's objects and before the runtime.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Link.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/Binary.h"
#include "llvm/Object/ObjectFile.h"

using namespace w2n;
using namespace llvm;
using namespace llvm::object;

static Error addSymbols(const ObjectFile &Obj, std::set<std::string> &Out) {
  for (const SymbolRef &Sym : Obj.symbols()) {
    Expected<uint32_t> Flags = Sym.getFlags();
    if (!Flags)
      return Flags.takeError();
    if (!(*Flags & SymbolRef::SF_Global) || (*Flags & SymbolRef::SF_Undefined))
      continue;
    Expected<StringRef> Name = Sym.getName();
    if (!Name)
      return Name.takeError();
    Out.insert(Name->str());
  }
  return Error::success();
}

Expected<std::set<std::string>> w2n::definedSymbols(ArrayRef<std::string> Files) {
  std::set<std::string> Out;
  for (const std::string &File : Files) {
    auto Fail = [&](Error E) {
      return createStringError(inconvertibleErrorCode(), "'" + File + "': " + toString(std::move(E)));
    };
    Expected<OwningBinary<Binary>> Bin = createBinary(File);
    if (!Bin)
      return Fail(Bin.takeError());
    if (auto *Obj = dyn_cast<ObjectFile>(Bin->getBinary())) {
      if (Error E = addSymbols(*Obj, Out))
        return Fail(std::move(E));
    } else if (auto *Ar = dyn_cast<Archive>(Bin->getBinary())) {
      Error Err = Error::success();
      for (const Archive::Child &C : Ar->children(Err)) {
        Expected<std::unique_ptr<Binary>> Member = C.getAsBinary();
        if (!Member)
          return Fail(Member.takeError());
        if (auto *Obj = dyn_cast<ObjectFile>(Member->get()))
          if (Error E = addSymbols(*Obj, Out))
            return Fail(std::move(E));
      }
      if (Err)
        return Fail(std::move(Err));
    } else {
      return createStringError(inconvertibleErrorCode(), "'" + File + "' is not an object file or an archive");
    }
  }
  return Out;
}
