//===- TranslateNumeric.cpp - Integer and float instructions --------------===//
//
// Plain LLVM operations wherever LLVM's semantics equal wasm's; explicit code where they differ:
//  - division and remainder trap on zero, signed division traps on INT_MIN / -1, and signed
//    remainder of INT_MIN by -1 is 0 (LLVM's srem would be undefined);
//  - shift counts are taken modulo the width (LLVM's shifts are poison past it);
//  - min/max propagate NaN and order -0 below +0 (llvm.minimum/maximum do exactly that);
//  - nearest rounds ties to even (llvm.nearbyint in the default rounding mode);
//  - float-to-int truncation traps on NaN ("invalid conversion") and out of range ("integer
//    overflow"); the saturating forms are llvm.fpto[su]i.sat.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"
#include <cmath>

using namespace w2n;
using namespace llvm;

namespace {

/// The range of floats that truncate to an N-bit integer without trapping: Lo < x < Hi, or
/// Lo <= x when LoInclusive.
struct TruncRange { double Lo, Hi; bool LoInclusive; };

TruncRange truncRange(bool Signed, unsigned Bits, bool FromDouble) {
  double Hi = std::ldexp(1.0, Signed ? Bits - 1 : Bits);
  if (!Signed)
    return {-1.0, Hi, false};
  double Min = -std::ldexp(1.0, Bits - 1);
  // -2^(N-1) - 1 is exact in double for N = 32; otherwise the bound is -2^(N-1) itself, inclusive.
  if (FromDouble && Bits == 32)
    return {Min - 1.0, Hi, false};
  return {Min, Hi, true};
}

} // namespace

bool FunctionTranslator::emitNumeric(const Instr &I) {
  const OpInfo &Info = opInfo(I.Opcode);
  if (Info.Kind != OpKind::Simple || Info.Prefix == 0xfd)
    return false;

  auto Binary = [&](auto Fn) {
    Value *R = pop();
    Value *L = pop();
    push(Fn(L, R));
  };
  auto Unary = [&](auto Fn) { push(Fn(pop())); };
  auto Cmp = [&](CmpInst::Predicate P) {
    Binary([&](Value *L, Value *R) {
      return B.CreateZExt(CmpInst::isFPPredicate(P) ? B.CreateFCmp(P, L, R) : B.CreateICmp(P, L, R),
                          B.getInt32Ty());
    });
  };
  auto Intrinsic1 = [&](Intrinsic::ID ID) {
    Unary([&](Value *V) { return B.CreateUnaryIntrinsic(ID, V); });
  };
  auto Intrinsic2 = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) { return B.CreateBinaryIntrinsic(ID, L, R); });
  };
  auto Shift = [&](Instruction::BinaryOps Opc) {
    Binary([&](Value *L, Value *R) {
      unsigned Bits = L->getType()->getIntegerBitWidth();
      return B.CreateBinOp(Opc, L, B.CreateAnd(R, ConstantInt::get(R->getType(), Bits - 1)));
    });
  };
  auto Rotate = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) {
      return B.CreateIntrinsic(ID, {L->getType()}, {L, L, R}); // funnel shifts mask the count
    });
  };
  auto DivRem = [&](bool Signed, bool Rem) {
    Binary([&](Value *L, Value *R) -> Value * {
      Type *Ty = L->getType();
      trapIf(B.CreateICmpEQ(R, ConstantInt::get(Ty, 0)), TrapKind::IntDivByZero);
      if (!Signed)
        return Rem ? B.CreateURem(L, R) : B.CreateUDiv(L, R);
      unsigned Bits = Ty->getIntegerBitWidth();
      Value *Overflow = B.CreateAnd(B.CreateICmpEQ(L, ConstantInt::get(Ty, APInt::getSignedMinValue(Bits))),
                                    B.CreateICmpEQ(R, ConstantInt::getSigned(Ty, -1)));
      if (!Rem) {
        trapIf(Overflow, TrapKind::IntOverflow);
        return B.CreateSDiv(L, R);
      }
      // INT_MIN rem -1 is 0 in wasm; dividing by 1 instead gives exactly that without UB.
      Value *SafeR = B.CreateSelect(Overflow, ConstantInt::get(Ty, 1), R);
      return B.CreateSRem(L, SafeR);
    });
  };
  auto TruncTrap = [&](bool Signed) {
    Unary([&](Value *V) -> Value * {
      Type *To = Info.Result == ValType::I32 ? B.getInt32Ty() : B.getInt64Ty();
      bool FromDouble = V->getType()->isDoubleTy();
      TruncRange Rg = truncRange(Signed, To->getIntegerBitWidth(), FromDouble);
      trapIf(B.CreateFCmpUNO(V, V), TrapKind::InvalidConversion);
      Value *Lo = ConstantFP::get(V->getType(), Rg.Lo);
      Value *Hi = ConstantFP::get(V->getType(), Rg.Hi);
      Value *InRange = B.CreateAnd(Rg.LoInclusive ? B.CreateFCmpOGE(V, Lo) : B.CreateFCmpOGT(V, Lo),
                                   B.CreateFCmpOLT(V, Hi));
      trapIf(B.CreateNot(InRange), TrapKind::IntOverflow);
      return Signed ? B.CreateFPToSI(V, To) : B.CreateFPToUI(V, To);
    });
  };
  auto TruncSat = [&](bool Signed) {
    Unary([&](Value *V) -> Value * {
      Type *To = Info.Result == ValType::I32 ? B.getInt32Ty() : B.getInt64Ty();
      return B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat,
                               {To, V->getType()}, {V});
    });
  };
  auto ToType = [&](ValType T) { return MC.type(T); };
  // Wasm requires NaN results to be quiet (arithmetic NaNs), but LLVM may pass a NaN operand through
  // unchanged (LangRef: "unchanged NaN propagation"): llvm.minimum/maximum return a signaling NaN
  // operand as it is, and folds such as x + -0.0 -> x, x * 1.0 -> x, x * -1.0 -> -x or
  // fptrunc(fpext x) -> x drop the quieting the hardware would do. Quiet has no fold to undo: it sets
  // the quiet bit of a NaN result, which leaves quiet NaNs (canonical or not) as they are.
  auto Quiet = [&](Value *V) -> Value * {
    unsigned Bits = V->getType()->getPrimitiveSizeInBits();
    Type *IntTy = B.getIntNTy(Bits);
    Value *QuietBit = ConstantInt::get(IntTy, APInt::getOneBitSet(Bits, Bits == 32 ? 22 : 51));
    Value *Quieted = B.CreateBitCast(B.CreateOr(B.CreateBitCast(V, IntTy), QuietBit), V->getType());
    return B.CreateSelect(B.CreateFCmpUNO(V, V), Quieted, V);
  };
  // Whether an operand makes the operation foldable to (plus or minus) the other operand.
  auto IsIdentityLike = [](Value *V) {
    auto *C = dyn_cast<ConstantFP>(V);
    if (!C)
      return false;
    const APFloat &F = C->getValueAPF();
    return F.isZero() || F.isExactlyValue(1.0) || F.isExactlyValue(-1.0);
  };
  auto FArith = [&](Instruction::BinaryOps Opc) {
    Binary([&](Value *L, Value *R) -> Value * {
      Value *V = B.CreateBinOp(Opc, L, R);
      return IsIdentityLike(L) || IsIdentityLike(R) ? Quiet(V) : V;
    });
  };
  // ceil/floor/trunc. LLVM 19's RISC-V lowering (no Zfa) converts to an integer and back only when
  // |x| < 2^23 (2^52) and otherwise returns x itself, so a signaling NaN comes back signaling; wasm
  // wants it quiet. Other targets' instructions (roundss, frintm, the runtime's libm on armv7) quiet it.
  auto Rounding = [&](Intrinsic::ID ID) {
    Unary([&](Value *V) -> Value * {
      Value *R = B.CreateUnaryIntrinsic(ID, V);
      return MC.Triple.isRISCV() ? Quiet(R) : R;
    });
  };
  auto MinMax = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) -> Value * {
      // LLVM 19 cannot select llvm.minimum/maximum.f64 for 32-bit Arm ("Cannot select: setcc i64"):
      // spell it out there. Ordered operands: the smaller (larger) one; equal ones (including -0 and
      // +0): the OR (AND) of their bits, so min(-0, +0) = -0 and max(-0, +0) = +0; any NaN: a NaN.
      if (!(MC.Triple.isARM() && L->getType()->isDoubleTy()))
        return Quiet(B.CreateBinaryIntrinsic(ID, L, R));
      bool Min = ID == Intrinsic::minimum;
      Type *IntTy = B.getInt64Ty();
      Value *LI = B.CreateBitCast(L, IntTy), *RI = B.CreateBitCast(R, IntTy);
      Value *Equal = B.CreateBitCast(Min ? B.CreateOr(LI, RI) : B.CreateAnd(LI, RI), L->getType());
      Value *V = B.CreateSelect(B.CreateFCmpOLT(L, R), Min ? L : R,
                                B.CreateSelect(B.CreateFCmpOGT(L, R), Min ? R : L, Equal));
      return Quiet(B.CreateSelect(B.CreateFCmpUNO(L, R), B.CreateFAdd(L, R), V));
    });
  };

  switch (I.Opcode) {
  // i32 and i64 comparisons
  case Op::I32Eqz: case Op::I64Eqz:
    Unary([&](Value *V) {
      return B.CreateZExt(B.CreateICmpEQ(V, ConstantInt::get(V->getType(), 0)), B.getInt32Ty());
    });
    return true;
  case Op::I32Eq: case Op::I64Eq: Cmp(CmpInst::ICMP_EQ); return true;
  case Op::I32Ne: case Op::I64Ne: Cmp(CmpInst::ICMP_NE); return true;
  case Op::I32LtS: case Op::I64LtS: Cmp(CmpInst::ICMP_SLT); return true;
  case Op::I32LtU: case Op::I64LtU: Cmp(CmpInst::ICMP_ULT); return true;
  case Op::I32GtS: case Op::I64GtS: Cmp(CmpInst::ICMP_SGT); return true;
  case Op::I32GtU: case Op::I64GtU: Cmp(CmpInst::ICMP_UGT); return true;
  case Op::I32LeS: case Op::I64LeS: Cmp(CmpInst::ICMP_SLE); return true;
  case Op::I32LeU: case Op::I64LeU: Cmp(CmpInst::ICMP_ULE); return true;
  case Op::I32GeS: case Op::I64GeS: Cmp(CmpInst::ICMP_SGE); return true;
  case Op::I32GeU: case Op::I64GeU: Cmp(CmpInst::ICMP_UGE); return true;
  // float comparisons: ordered, except ne, which is true for NaN
  case Op::F32Eq: case Op::F64Eq: Cmp(CmpInst::FCMP_OEQ); return true;
  case Op::F32Ne: case Op::F64Ne: Cmp(CmpInst::FCMP_UNE); return true;
  case Op::F32Lt: case Op::F64Lt: Cmp(CmpInst::FCMP_OLT); return true;
  case Op::F32Gt: case Op::F64Gt: Cmp(CmpInst::FCMP_OGT); return true;
  case Op::F32Le: case Op::F64Le: Cmp(CmpInst::FCMP_OLE); return true;
  case Op::F32Ge: case Op::F64Ge: Cmp(CmpInst::FCMP_OGE); return true;
  // integer arithmetic
  case Op::I32Clz: case Op::I64Clz:
    Unary([&](Value *V) { return B.CreateBinaryIntrinsic(Intrinsic::ctlz, V, B.getFalse()); });
    return true;
  case Op::I32Ctz: case Op::I64Ctz:
    Unary([&](Value *V) { return B.CreateBinaryIntrinsic(Intrinsic::cttz, V, B.getFalse()); });
    return true;
  case Op::I32Popcnt: case Op::I64Popcnt: Intrinsic1(Intrinsic::ctpop); return true;
  case Op::I32Add: case Op::I64Add: Binary([&](Value *L, Value *R) { return B.CreateAdd(L, R); }); return true;
  case Op::I32Sub: case Op::I64Sub: Binary([&](Value *L, Value *R) { return B.CreateSub(L, R); }); return true;
  case Op::I32Mul: case Op::I64Mul: Binary([&](Value *L, Value *R) { return B.CreateMul(L, R); }); return true;
  case Op::I32DivS: case Op::I64DivS: DivRem(true, false); return true;
  case Op::I32DivU: case Op::I64DivU: DivRem(false, false); return true;
  case Op::I32RemS: case Op::I64RemS: DivRem(true, true); return true;
  case Op::I32RemU: case Op::I64RemU: DivRem(false, true); return true;
  case Op::I32And: case Op::I64And: Binary([&](Value *L, Value *R) { return B.CreateAnd(L, R); }); return true;
  case Op::I32Or: case Op::I64Or: Binary([&](Value *L, Value *R) { return B.CreateOr(L, R); }); return true;
  case Op::I32Xor: case Op::I64Xor: Binary([&](Value *L, Value *R) { return B.CreateXor(L, R); }); return true;
  case Op::I32Shl: case Op::I64Shl: Shift(Instruction::Shl); return true;
  case Op::I32ShrS: case Op::I64ShrS: Shift(Instruction::AShr); return true;
  case Op::I32ShrU: case Op::I64ShrU: Shift(Instruction::LShr); return true;
  case Op::I32Rotl: case Op::I64Rotl: Rotate(Intrinsic::fshl); return true;
  case Op::I32Rotr: case Op::I64Rotr: Rotate(Intrinsic::fshr); return true;
  // float arithmetic
  case Op::F32Abs: case Op::F64Abs: Intrinsic1(Intrinsic::fabs); return true;
  case Op::F32Neg: case Op::F64Neg: Unary([&](Value *V) { return B.CreateFNeg(V); }); return true;
  case Op::F32Ceil: case Op::F64Ceil: Rounding(Intrinsic::ceil); return true;
  case Op::F32Floor: case Op::F64Floor: Rounding(Intrinsic::floor); return true;
  case Op::F32Trunc: case Op::F64Trunc: Rounding(Intrinsic::trunc); return true;
  case Op::F32Nearest: case Op::F64Nearest: Intrinsic1(Intrinsic::nearbyint); return true;
  case Op::F32Sqrt: case Op::F64Sqrt: Intrinsic1(Intrinsic::sqrt); return true;
  case Op::F32Add: case Op::F64Add: FArith(Instruction::FAdd); return true;
  case Op::F32Sub: case Op::F64Sub: FArith(Instruction::FSub); return true;
  case Op::F32Mul: case Op::F64Mul: FArith(Instruction::FMul); return true;
  case Op::F32Div: case Op::F64Div: FArith(Instruction::FDiv); return true;
  case Op::F32Min: case Op::F64Min: MinMax(Intrinsic::minimum); return true;
  case Op::F32Max: case Op::F64Max: MinMax(Intrinsic::maximum); return true;
  case Op::F32Copysign: case Op::F64Copysign: Intrinsic2(Intrinsic::copysign); return true;
  // conversions
  case Op::I32WrapI64: Unary([&](Value *V) { return B.CreateTrunc(V, B.getInt32Ty()); }); return true;
  case Op::I32TruncF32S: case Op::I32TruncF64S: case Op::I64TruncF32S: case Op::I64TruncF64S:
    TruncTrap(true);
    return true;
  case Op::I32TruncF32U: case Op::I32TruncF64U: case Op::I64TruncF32U: case Op::I64TruncF64U:
    TruncTrap(false);
    return true;
  case Op::I32TruncSatF32S: case Op::I32TruncSatF64S: case Op::I64TruncSatF32S:
  case Op::I64TruncSatF64S:
    TruncSat(true);
    return true;
  case Op::I32TruncSatF32U: case Op::I32TruncSatF64U: case Op::I64TruncSatF32U:
  case Op::I64TruncSatF64U:
    TruncSat(false);
    return true;
  case Op::I64ExtendI32S: Unary([&](Value *V) { return B.CreateSExt(V, B.getInt64Ty()); }); return true;
  case Op::I64ExtendI32U: Unary([&](Value *V) { return B.CreateZExt(V, B.getInt64Ty()); }); return true;
  case Op::F32ConvertI32S: case Op::F32ConvertI64S: case Op::F64ConvertI32S: case Op::F64ConvertI64S:
    Unary([&](Value *V) { return B.CreateSIToFP(V, ToType(Info.Result)); });
    return true;
  case Op::F32ConvertI32U: case Op::F32ConvertI64U: case Op::F64ConvertI32U: case Op::F64ConvertI64U:
    Unary([&](Value *V) { return B.CreateUIToFP(V, ToType(Info.Result)); });
    return true;
  case Op::F32DemoteF64:
    Unary([&](Value *V) {
      Value *R = B.CreateFPTrunc(V, B.getFloatTy());
      return isa<FPExtInst>(V) ? Quiet(R) : R; // fptrunc(fpext x) folds to x
    });
    return true;
  case Op::F64PromoteF32: Unary([&](Value *V) { return B.CreateFPExt(V, B.getDoubleTy()); }); return true;
  case Op::I32ReinterpretF32: case Op::I64ReinterpretF64: case Op::F32ReinterpretI32:
  case Op::F64ReinterpretI64:
    Unary([&](Value *V) { return B.CreateBitCast(V, ToType(Info.Result)); });
    return true;
  case Op::I32Extend8S: case Op::I32Extend16S: case Op::I64Extend8S: case Op::I64Extend16S:
  case Op::I64Extend32S: {
    unsigned From = I.Opcode == Op::I32Extend8S || I.Opcode == Op::I64Extend8S ? 8
                    : I.Opcode == Op::I64Extend32S                             ? 32
                                                                               : 16;
    Unary([&](Value *V) {
      return B.CreateSExt(B.CreateTrunc(V, B.getIntNTy(From)), V->getType());
    });
    return true;
  }
  default:
    return false;
  }
}
