//===- FunctionNames.cpp - The table the runtime names trapping functions from -===//
//
// A trap found from a PC (a guard-page fault, a trap inside a runtime helper that wasm called) is
// reported with the name of the wasm function the PC lies in. The runtime finds it in a table of
// {start address, name} entries: the function with the greatest start at or below the PC. Built
// after optimisation, the table lists only the functions that still exist (a function inlined into
// its only caller is gone, its code part of the caller's, so the caller is the right answer), and
// it takes no function's address before the optimiser is done with them. Each object (each partition
// of a large module) puts its entries in the section "w2n_names", which the linker concatenates and
// brackets with __start_w2n_names and __stop_w2n_names (runtime-lib/src/trap.c); on COFF it is
// "w2n_names$m", between the Windows runtime's markers.
//
// The names come from the !w2n.name metadata the translator gives each function (the wasm name, or
// "<instantiation>"); a function the optimiser made from one (a specialised clone) keeps it.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/CodeGen.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Metadata.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

void w2n::addFunctionNameTable(llvm::Module &M) {
  LLVMContext &C = M.getContext();
  Type *Ptr = PointerType::get(C, 0);
  auto *EntryTy = StructType::get(C, {Ptr, Ptr});
  std::vector<Constant *> Entries;
  for (llvm::Function &F : M) {
    if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
      continue;
    MDNode *MD = F.getMetadata("w2n.name");
    if (!MD && F.getSection() != codeSectionName(Triple(M.getTargetTriple()))) // the runtime's glue, outside wasm code
      continue;
    StringRef Name = MD ? cast<MDString>(MD->getOperand(0))->getString() : F.getName();
    Constant *Text = ConstantDataArray::getString(C, Name);
    auto *Str = new GlobalVariable(M, Text->getType(), true, GlobalValue::PrivateLinkage, Text, "w2n.fname");
    Str->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    Entries.push_back(ConstantStruct::get(EntryTy, {&F, Str}));
  }
  if (Entries.empty())
    return;
  auto *TableTy = ArrayType::get(EntryTy, Entries.size());
  auto *Table = new GlobalVariable(M, TableTy, true, GlobalValue::PrivateLinkage,
                                   ConstantArray::get(TableTy, Entries), "w2n.names");
  Table->setSection(nameTableSectionName(Triple(M.getTargetTriple())));
  // Entries from every object follow one another in the section: no padding between the tables.
  Table->setAlignment(M.getDataLayout().getABITypeAlign(EntryTy));
  // Nothing references the table (lld does not keep a section for its __start_/__stop_ symbols):
  // llvm.used marks it SHF_GNU_RETAIN, which --gc-sections respects.
  appendToUsed(M, {Table});
}
