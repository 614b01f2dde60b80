//===- FunctionTranslator.h - Translates one wasm function to LLVM IR -----===//
//
// A FunctionTranslator walks a validated body with InstrReader, keeping a stack of LLVM values that
// mirrors the wasm operand stack and a stack of control frames (blocks, loops, ifs) whose results
// meet in PHI nodes. Instructions are emitted by class, each class in its own file:
//   FunctionTranslator.cpp  control flow, locals, globals, calls, the dispatch
//   TranslateNumeric.cpp    integer and float arithmetic, comparisons, conversions
//   TranslateMemory.cpp     loads, stores, memory.size/grow and bulk memory (the bounds policy)
//   TranslateTable.cpp      references, tables, call_indirect, return_call_indirect
//   TranslateSIMD.cpp       v128 instructions
//   TranslateExceptions.cpp tags, throw, try_table and the legacy try/catch/delegate/rethrow
//   TranslateAtomics.cpp    atomic accesses, fence, wait and notify (threads)
// Code after an unconditional branch is skipped until the end of its frame, so the value stack never
// has to represent the polymorphic stack of unreachable code. Traps branch to one block per trap kind
// per function, which calls w2n_trap.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_FUNCTION_TRANSLATOR_H
#define WASM2NATIVE_FUNCTION_TRANSLATOR_H

#include "Binary/InstrReader.h"
#include "Translate/TranslateContext.h"
#include <map>

namespace w2n {

class FunctionTranslator {
public:
  FunctionTranslator(ModuleContext &MC, uint32_t FuncIndex);
  llvm::Error translate();

  // --- used by the instruction-class files ---
  ModuleContext &MC;
  llvm::IRBuilder<> B;

  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop() {
    llvm::Value *V = Stack.back();
    Stack.pop_back();
    return V;
  }
  /// Branches to this function's trap block for Kind when Cond is true.
  void trapIf(llvm::Value *Cond, TrapKind Kind);
  /// Ends the current block with a trap (unreachable, etc.).
  void trapNow(TrapKind Kind);
  llvm::Value *instance() const { return Instance; }
  /// The address of a field of the instance.
  llvm::Value *instanceField(unsigned Field);
  /// Loads the instance's pointer to memory Mem / table T.
  llvm::Value *memoryDescriptor(uint32_t Mem = 0);
  llvm::Value *tableDescriptor(uint32_t T);
  /// Marks a load or store of runtime state (not linear memory) for alias analysis.
  void tagRuntime(llvm::Instruction *I);
  llvm::Value *i32(uint64_t V) { return B.getInt32(uint32_t(V)); }
  llvm::Value *i64(uint64_t V) { return B.getInt64(V); }

  // Instruction classes (each defined in its own file). They return false if they do not know Op.
  bool emitNumeric(const Instr &I);
  bool emitMemory(const Instr &I);
  bool emitTable(const Instr &I);
  bool emitSIMD(const Instr &I);
  bool emitException(const Instr &I);
  /// Where the head of the handler chain lives (TranslateExceptions.cpp).
  llvm::Value *ehTopAddress();
  bool emitAtomic(const Instr &I);
  /// linearAddress for an atomic access: first traps "unaligned atomic" unless addr + Offset is a
  /// multiple of Size (TranslateAtomics.cpp).
  llvm::Value *atomicAddress(llvm::Value *Addr, uint64_t Offset, unsigned Size);

  // Linear memory helpers (TranslateMemory.cpp): the one place that computes addresses.
  /// Returns a pointer to Size bytes at wasm address Addr + Offset in memory CurMemory, after whatever
  /// bounds policy applies (Addr is an i32, or an i64 for a memory64 memory).
  llvm::Value *linearAddress(llvm::Value *Addr, uint64_t Offset, unsigned Size);
  llvm::Value *loadLinear(llvm::Type *Ty, llvm::Value *Addr, uint64_t Offset);
  void storeLinear(llvm::Value *V, llvm::Value *Addr, uint64_t Offset);
  /// Makes the load's value "used" so that LLVM cannot delete it (its trap must happen).
  void anchorLoad(llvm::Value *Loaded);
  /// Traps with OOBMemory unless [Start, Start + Len) fits in memory Mem (64-bit arithmetic).
  void checkMemoryRange(uint32_t Mem, llvm::Value *Start64, llvm::Value *Len64);
  llvm::Value *memorySizeBytes(uint32_t Mem);
  llvm::Value *memoryBase(uint32_t Mem);
  /// The memory that linearAddress, loadLinear and storeLinear access: that of the instruction being
  /// translated (its memarg's memory index, Instr::Index2), set by emitInstr.
  uint32_t CurMemory = 0;

private:
  struct CtrlFrame {
    Op Opcode;
    std::vector<ValType> Params, Results;
    llvm::BasicBlock *Header = nullptr;   ///< loop: branch target
    llvm::BasicBlock *End = nullptr;      ///< continuation after end
    llvm::BasicBlock *ElseBB = nullptr;   ///< if: the false arm
    std::vector<llvm::PHINode *> HeaderPhis, EndPhis;
    std::vector<llvm::Value *> IfParams;  ///< if: the params, for the else arm
    size_t Height = 0;                    ///< stack height below the params
    bool Unreachable = false;
    bool HasElse = false;
    // Exception handling (TranslateExceptions.cpp). A try_table or legacy try whose body is being
    // translated has a handler frame linked in the chain: SavedTop is the chain's head before it
    // (what leaving the body restores), null outside try bodies. A legacy try keeps the caught
    // exception (Exn, for rethrow) and the block where the next catch clause's tag test goes
    // (Dispatch; null after catch_all).
    llvm::Value *SavedTop = nullptr;
    llvm::Value *Exn = nullptr;
    llvm::BasicBlock *Dispatch = nullptr;
  };

  llvm::Error translateBody();
  void emitInstr(const Instr &I);
  void emitControl(const Instr &I);
  void emitCall(const Instr &I);
  /// Ends the block with `musttail call` + `ret` of Call's results (return_call*).
  void emitTailReturn(llvm::CallInst *Call);
  /// Calls (or tail-calls) the non-null funcref descriptor Ref with type I.Index (TranslateTable.cpp).
  void emitDescriptorCall(const Instr &I, llvm::Value *Ref, std::vector<llvm::Value *> Args);
  /// Tail calls from a .tail body through the argument area (TailCalls.cpp).
  void storeTailArgs(llvm::FunctionType *CalleeTy, const std::vector<llvm::Value *> &Args);
  void returnFromTailBody(llvm::CallInst *Call);
  void emitDirectAreaTailCall(uint32_t Callee, const std::vector<llvm::Value *> &Args);
  void emitIndirectAreaTailCall(uint32_t TypeIndex, llvm::Value *Ref, llvm::Value *Code,
                                llvm::Value *CalleeInstance, const std::vector<llvm::Value *> &Args);
  void emitVariable(const Instr &I);
  void branchTo(CtrlFrame &Target);
  void fallThrough(CtrlFrame &F);
  void addIncoming(CtrlFrame &Target);
  std::vector<llvm::Value *> popN(size_t N);
  void pushCallResults(llvm::Value *Call, const std::vector<ValType> &Results);
  void blockSignature(const BlockType &BT, std::vector<ValType> &In, std::vector<ValType> &Out);
  std::vector<llvm::PHINode *> makePhis(llvm::BasicBlock *BB, const std::vector<ValType> &Ts);
  void finishEnd(CtrlFrame &F);
  void markUnreachable();
  llvm::BasicBlock *newBlock(const char *Name);
  /// One pass over the body before translation: whether it calls (and needs the stack check) and
  /// whether it has tail calls, each checked against the target.
  llvm::Error scanBody(bool &Calls, bool &TailCalls);

  // Exception handling (TranslateExceptions.cpp).
  /// The chain head to restore when a branch to label Depth leaves try bodies (that of the outermost
  /// one it leaves; the target frame itself counts unless it is a loop or KeepTarget), or null.
  llvm::Value *exitedTop(size_t Depth, bool KeepTarget = false);
  /// Unlinks the handler frames that a branch to label Depth leaves (a store, or nothing).
  void leaveTries(size_t Depth, bool KeepTarget = false);
  /// A conditional edge to label Depth that leaves try bodies goes through a block that unlinks them:
  /// returns that block (with the branch's PHI inputs added) or null when no try body is left.
  llvm::BasicBlock *unlinkEdge(uint32_t Depth);
  /// A new handler frame: w2n_eh_setjmp, then the link on the body's path. Returns the block where
  /// the second return (an exception) lands, with the exception loaded in Exn; B is left in the body.
  llvm::BasicBlock *enterTry(CtrlFrame &F, llvm::Value *&Exn);
  void emitThrow(llvm::Value *Exn);
  llvm::Value *tagAddress(uint32_t Tag);
  llvm::StructType *exceptionType(uint32_t Tag);
  /// Pushes the payload of Exn (an exception of Tag) on the value stack.
  void pushPayload(llvm::Value *Exn, uint32_t Tag);
  /// End and delegate of a legacy try whose catch clauses did not match: rethrow.
  void finishLegacyTry(CtrlFrame &F);
  /// Locals written inside a try body that code reached from its handler may read (scanBody): their
  /// allocas escape, so that the handler path reads their last stored values after the second
  /// return of w2n_eh_setjmp (docs/exceptions.md).
  std::vector<bool> LocalsWrittenInTry;
  void findLocalsLiveIntoHandlers();

  const Function &WF;
  const FuncType &FT;
  llvm::Function *Fn;
  llvm::Value *Instance = nullptr;
  std::vector<llvm::AllocaInst *> Locals;
  std::vector<llvm::Value *> Stack;
  std::vector<CtrlFrame> Ctrls;
  std::map<TrapKind, llvm::BasicBlock *> TrapBlocks;
  llvm::Value *MemoryDesc = nullptr; ///< loaded once in the entry block
  llvm::BasicBlock *EntryBB = nullptr;
  bool HasTailCalls = false; ///< the body has return_call*: its ordinary calls are marked notail
  /// A .tail body (TailCalls.cpp): parameters come from Area, results that do not fit registers go
  /// back to it, and every tail call goes through it.
  bool TailBody = false;
  llvm::Value *Area = nullptr;
};

} // namespace w2n

#endif
