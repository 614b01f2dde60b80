//===- TranslateSIMD.cpp - v128 instructions ------------------------------===//
//
// Fixed-width SIMD (Wasm 2.0) and relaxed SIMD (Wasm 3.0). v128 values are <4 x i32> on the value stack; each
// instruction bitcasts its operands to the lane shape it works on, which the instruction's own name
// gives ("i16x8.add" works on <8 x i16>), and bitcasts its result back. Only generic LLVM IR and
// target-independent intrinsics are used, so every backend lowers them; where LLVM's semantics differ
// from wasm's the code says so:
//  - shift counts are taken modulo the lane width (LLVM's shifts are poison past it);
//  - integer abs keeps INT_MIN (llvm.abs with is_int_min_poison = false);
//  - float min/max propagate NaN and order -0 below +0 (llvm.minimum/maximum), and quiet a NaN
//    result explicitly; pmin/pmax are the plain "b < a ? b : a" selects the spec defines;
//  - swizzle yields 0 for an index >= 16 (a variable extractelement past the end would be poison);
//  - narrowing saturates, trunc_sat saturates (llvm.fpto[su]i.sat), q15mulr saturates its one
//    overflowing case, dot and extadd wrap as the spec says.
// Relaxed SIMD takes the spec's deterministic profile, the first of each instruction's allowed
// behaviours, on every target and CPU (docs/relaxed-simd.md): relaxed_swizzle, _trunc, _laneselect,
// _min/_max and _q15mulr are swizzle, trunc_sat, bitselect, min/max and q15mulr_sat; madd/nmadd
// round twice (an fmul then an fadd, never contracted to an FMA); the i7 dot products treat both
// operands as signed and saturate their i16 sums.
// Memory accesses go through loadLinear/storeLinear with the exact access size, so the bounds
// policy of TranslateMemory.cpp applies unchanged; sub-128-bit loads read an integer scalar (which
// the load anchor handles on every target) and build the vector from it.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"

using namespace w2n;
using namespace llvm;

namespace {

/// The lane shape named by an instruction's prefix: "i8x16.add" -> <16 x i8>, "f64x2.min" ->
/// <2 x double>. v128.* instructions are lane-agnostic; they get <16 x i8> (loads/stores refine it).
FixedVectorType *shapeOf(LLVMContext &C, StringRef Text) {
  StringRef Prefix = Text.split('.').first;
  if (Prefix == "i8x16" || Prefix == "v128") return FixedVectorType::get(Type::getInt8Ty(C), 16);
  if (Prefix == "i16x8") return FixedVectorType::get(Type::getInt16Ty(C), 8);
  if (Prefix == "i32x4") return FixedVectorType::get(Type::getInt32Ty(C), 4);
  if (Prefix == "i64x2") return FixedVectorType::get(Type::getInt64Ty(C), 2);
  if (Prefix == "f32x4") return FixedVectorType::get(Type::getFloatTy(C), 4);
  assert(Prefix == "f64x2" && "unknown SIMD shape");
  return FixedVectorType::get(Type::getDoubleTy(C), 2);
}

/// <N x iM> -> <N/2 x i2M>: the result shape of extends whose source is Ty, and vice versa.
FixedVectorType *widerLanes(FixedVectorType *Ty) {
  unsigned Bits = Ty->getScalarSizeInBits();
  return FixedVectorType::get(IntegerType::get(Ty->getContext(), Bits * 2), Ty->getNumElements() / 2);
}
/// <N x iM> -> <2N x iM/2>.
FixedVectorType *narrowerLanes(FixedVectorType *Ty) {
  unsigned Bits = Ty->getScalarSizeInBits();
  return FixedVectorType::get(IntegerType::get(Ty->getContext(), Bits / 2), Ty->getNumElements() * 2);
}

/// Signedness from the spec's naming convention: "..._s" or "..._s_zero" is signed.
bool isSignedOp(StringRef Text) { return Text.ends_with("_s") || Text.contains("_s_"); }

/// Lane indices [From, From + N), or the even/odd lanes of a 2N-lane vector, as a shuffle mask.
SmallVector<int, 16> laneRange(unsigned From, unsigned N, unsigned Step = 1) {
  SmallVector<int, 16> Mask;
  for (unsigned K = 0; K < N; ++K)
    Mask.push_back(int(From + K * Step));
  return Mask;
}

/// The comparison predicate named after the dot ("lt_s", "ge", ...).
CmpInst::Predicate cmpPredicate(StringRef Text, bool Float) {
  StringRef Name = Text.split('.').second;
  if (Float) // ordered, except ne, which is true for NaN
    return StringSwitch<CmpInst::Predicate>(Name)
        .Case("eq", CmpInst::FCMP_OEQ).Case("ne", CmpInst::FCMP_UNE)
        .Case("lt", CmpInst::FCMP_OLT).Case("gt", CmpInst::FCMP_OGT)
        .Case("le", CmpInst::FCMP_OLE).Default(CmpInst::FCMP_OGE);
  return StringSwitch<CmpInst::Predicate>(Name)
      .Case("eq", CmpInst::ICMP_EQ).Case("ne", CmpInst::ICMP_NE)
      .Case("lt_s", CmpInst::ICMP_SLT).Case("lt_u", CmpInst::ICMP_ULT)
      .Case("gt_s", CmpInst::ICMP_SGT).Case("gt_u", CmpInst::ICMP_UGT)
      .Case("le_s", CmpInst::ICMP_SLE).Case("le_u", CmpInst::ICMP_ULE)
      .Case("ge_s", CmpInst::ICMP_SGE).Default(CmpInst::ICMP_UGE);
}

} // namespace

bool FunctionTranslator::emitSIMD(const Instr &I) {
  const OpInfo &Info = opInfo(I.Opcode);
  if (Info.Prefix != 0xfd)
    return false;

  FixedVectorType *Ty = shapeOf(MC.C, Info.Text);
  Type *Lane = Ty->getElementType();
  unsigned NumLanes = Ty->getNumElements();
  bool Signed = isSignedOp(Info.Text);

  auto Arg = [&](Type *T) { return B.CreateBitCast(pop(), T); };
  auto Result = [&](Value *V) { push(B.CreateBitCast(V, MC.v128Type())); };
  auto Unary = [&](auto Fn) { Result(Fn(Arg(Ty))); };
  auto Binary = [&](auto Fn) {
    Value *R = Arg(Ty);
    Value *L = Arg(Ty);
    Result(Fn(L, R));
  };
  auto Intrinsic1 = [&](Intrinsic::ID ID) {
    Unary([&](Value *V) { return B.CreateUnaryIntrinsic(ID, V); });
  };
  auto Intrinsic2 = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) { return B.CreateBinaryIntrinsic(ID, L, R); });
  };
  // llvm.minimum/maximum return one of the NaN inputs, possibly unquieted (x86's minps passes a
  // signalling NaN through); wasm wants a quiet NaN. Setting the quiet bit in the NaN lanes keeps a
  // canonical input canonical. (Quieting with an fadd would not do: LLVM folds x + -0.0 to x.)
  auto MinMax = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) {
      Type *IntTy = VectorType::getInteger(Ty);
      unsigned Bits = Lane->getPrimitiveSizeInBits();
      Value *Quiet = ConstantInt::get(IntTy, APInt::getOneBitSet(Bits, Bits == 32 ? 22 : 51));
      Value *NaNs = B.CreateSExt(B.CreateFCmpUNO(L, R), IntTy);
      Value *M;
      if (MC.Triple.isARM() && Lane->isDoubleTy()) {
        // LLVM 19 cannot select llvm.minimum/maximum.v2f64 for 32-bit Arm at -O0 ("Cannot select:
        // setcc i64", from its expansion of the f64 lanes); spelt out as for scalar f64 in
        // TranslateNumeric.cpp: ordered lanes give the smaller (larger) one, equal lanes (-0 and +0
        // included) the OR (AND) of their bits, so min(-0, +0) = -0 and max(-0, +0) = +0, NaN lanes
        // a NaN (quieted below).
        bool Min = ID == Intrinsic::minimum;
        Value *LI = B.CreateBitCast(L, IntTy), *RI = B.CreateBitCast(R, IntTy);
        Value *Equal = B.CreateBitCast(Min ? B.CreateOr(LI, RI) : B.CreateAnd(LI, RI), Ty);
        Value *V = B.CreateSelect(B.CreateFCmpOLT(L, R), Min ? L : R,
                                  B.CreateSelect(B.CreateFCmpOGT(L, R), Min ? R : L, Equal));
        M = B.CreateBitCast(B.CreateSelect(B.CreateFCmpUNO(L, R), B.CreateFAdd(L, R), V), IntTy);
      } else {
        M = B.CreateBitCast(B.CreateBinaryIntrinsic(ID, L, R), IntTy);
      }
      return B.CreateOr(M, B.CreateAnd(NaNs, Quiet));
    });
  };
  // ceil/floor/trunc: on RISC-V, LLVM 19 lowers each lane (no vector extension in RV64GC) to a
  // sequence that returns a signaling NaN unchanged (see Rounding in TranslateNumeric.cpp); set the
  // quiet bit of NaN lanes there.
  auto Rounding = [&](Intrinsic::ID ID) {
    Unary([&](Value *V) -> Value * {
      Value *R = B.CreateUnaryIntrinsic(ID, V);
      if (!MC.Triple.isRISCV())
        return R;
      Type *IntTy = VectorType::getInteger(Ty);
      unsigned Bits = Lane->getPrimitiveSizeInBits();
      Value *Quiet = ConstantInt::get(IntTy, APInt::getOneBitSet(Bits, Bits == 32 ? 22 : 51));
      Value *NaNs = B.CreateSExt(B.CreateFCmpUNO(R, R), IntTy);
      return B.CreateOr(B.CreateBitCast(R, IntTy), B.CreateAnd(NaNs, Quiet));
    });
  };
  auto Arith = [&](Instruction::BinaryOps Opc) {
    Binary([&](Value *L, Value *R) { return B.CreateBinOp(Opc, L, R); });
  };
  auto Extend = [&](Value *V, Type *To) { return Signed ? B.CreateSExt(V, To) : B.CreateZExt(V, To); };
  // The low or high half of V's lanes, extended to twice the width (extend_*, extmul_*).
  auto HalfExtended = [&](Value *V, bool High) {
    auto *VT = cast<FixedVectorType>(V->getType());
    unsigned Half = VT->getNumElements() / 2;
    return Extend(B.CreateShuffleVector(V, laneRange(High ? Half : 0, Half)), widerLanes(VT));
  };
  // Lanes 2k and 2k+1 of V as two vectors of half as many lanes (extadd and the dot products).
  auto EvenOdd = [&](Value *V) {
    unsigned Half = cast<FixedVectorType>(V->getType())->getNumElements() / 2;
    return std::make_pair(B.CreateShuffleVector(V, laneRange(0, Half, 2)),
                          B.CreateShuffleVector(V, laneRange(1, Half, 2)));
  };
  auto AddPairs = [&](Value *V) {
    auto [Even, Odd] = EvenOdd(V);
    return B.CreateAdd(Even, Odd);
  };
  // Pads a 2-lane result with two zero lanes (the *_zero conversions).
  auto ZeroPadded = [&](Value *V) {
    return B.CreateShuffleVector(V, Constant::getNullValue(V->getType()), laneRange(0, 4));
  };
  // Loads a Bits-wide integer from linear memory (popping the address) with the memarg offset.
  auto LoadInt = [&](unsigned Bits) { return loadLinear(B.getIntNTy(Bits), pop(), I.Imm); };

  switch (I.Opcode) {
  // --- memory ---
  case Op::V128Load: Result(loadLinear(MC.v128Type(), pop(), I.Imm)); return true;
  case Op::V128Store: {
    Value *V = pop();
    storeLinear(V, pop(), I.Imm);
    return true;
  }
  case Op::V128Load8x8S: case Op::V128Load8x8U: case Op::V128Load16x4S: case Op::V128Load16x4U:
  case Op::V128Load32x2S: case Op::V128Load32x2U: {
    // 8 bytes read as one i64, viewed as <N x iM>, each lane extended to 2M bits.
    unsigned Bits = I.Opcode == Op::V128Load8x8S || I.Opcode == Op::V128Load8x8U     ? 8
                    : I.Opcode == Op::V128Load16x4S || I.Opcode == Op::V128Load16x4U ? 16
                                                                                     : 32;
    auto *Narrow = FixedVectorType::get(B.getIntNTy(Bits), 64 / Bits);
    auto *Wide = FixedVectorType::get(B.getIntNTy(Bits * 2), 64 / Bits);
    Result(Extend(B.CreateBitCast(LoadInt(64), Narrow), Wide));
    return true;
  }
  case Op::V128Load8Splat: case Op::V128Load16Splat: case Op::V128Load32Splat:
  case Op::V128Load64Splat:
    Result(B.CreateVectorSplat(16 / Info.Mem, LoadInt(Info.Mem * 8)));
    return true;
  case Op::V128Load32Zero: case Op::V128Load64Zero: {
    Value *Scalar = LoadInt(Info.Mem * 8);
    auto *VT = FixedVectorType::get(Scalar->getType(), 16 / Info.Mem);
    Result(B.CreateInsertElement(Constant::getNullValue(VT), Scalar, uint64_t(0)));
    return true;
  }
  case Op::V128Load8Lane: case Op::V128Load16Lane: case Op::V128Load32Lane:
  case Op::V128Load64Lane: {
    auto *VT = FixedVectorType::get(B.getIntNTy(128 / Info.Mem), Info.Mem);
    Value *V = Arg(VT);
    Value *Scalar = LoadInt(128 / Info.Mem);
    Result(B.CreateInsertElement(V, Scalar, uint64_t(I.Index)));
    return true;
  }
  case Op::V128Store8Lane: case Op::V128Store16Lane: case Op::V128Store32Lane:
  case Op::V128Store64Lane: {
    auto *VT = FixedVectorType::get(B.getIntNTy(128 / Info.Mem), Info.Mem);
    Value *Scalar = B.CreateExtractElement(Arg(VT), uint64_t(I.Index));
    storeLinear(Scalar, pop(), I.Imm);
    return true;
  }

  // --- constants, shuffles, lanes ---
  case Op::V128Const:
    Result(ConstantDataVector::get(MC.C, ArrayRef<uint8_t>(I.Lanes, 16)));
    return true;
  case Op::I8x16Shuffle: {
    SmallVector<int, 16> Mask(I.Lanes, I.Lanes + 16); // indices < 32 (validated) into a ++ b
    Binary([&](Value *L, Value *R) { return B.CreateShuffleVector(L, R, Mask); });
    return true;
  }
  case Op::I8x16Swizzle: case Op::I8x16RelaxedSwizzle:
    // Lane k = a[s[k]] if s[k] < 16, else 0. Indexing with s[k] & 15 keeps every extract in range;
    // the select then zeroes the lanes whose index was out of range.
    Binary([&](Value *A, Value *S) {
      Value *Picked = PoisonValue::get(Ty);
      for (unsigned K = 0; K < 16; ++K) {
        Value *Idx = B.CreateAnd(B.CreateExtractElement(S, uint64_t(K)), B.getInt8(15));
        Picked = B.CreateInsertElement(Picked, B.CreateExtractElement(A, Idx), uint64_t(K));
      }
      Value *InRange = B.CreateICmpULT(S, ConstantInt::get(Ty, 16));
      return B.CreateSelect(InRange, Picked, Constant::getNullValue(Ty));
    });
    return true;
  case Op::I8x16Splat: case Op::I16x8Splat: case Op::I32x4Splat: case Op::I64x2Splat:
  case Op::F32x4Splat: case Op::F64x2Splat: {
    Value *Scalar = pop();
    if (Scalar->getType() != Lane) // i8/i16 lanes take the low bits of an i32
      Scalar = B.CreateTrunc(Scalar, Lane);
    Result(B.CreateVectorSplat(NumLanes, Scalar));
    return true;
  }
  case Op::I8x16ExtractLaneS: case Op::I8x16ExtractLaneU: case Op::I16x8ExtractLaneS:
  case Op::I16x8ExtractLaneU: case Op::I32x4ExtractLane: case Op::I64x2ExtractLane:
  case Op::F32x4ExtractLane: case Op::F64x2ExtractLane: {
    Value *Scalar = B.CreateExtractElement(Arg(Ty), uint64_t(I.Index));
    Type *ResultTy = MC.type(Info.Result);
    push(Scalar->getType() == ResultTy ? Scalar : Extend(Scalar, ResultTy));
    return true;
  }
  case Op::I8x16ReplaceLane: case Op::I16x8ReplaceLane: case Op::I32x4ReplaceLane:
  case Op::I64x2ReplaceLane: case Op::F32x4ReplaceLane: case Op::F64x2ReplaceLane: {
    Value *Scalar = pop();
    if (Scalar->getType() != Lane)
      Scalar = B.CreateTrunc(Scalar, Lane);
    Result(B.CreateInsertElement(Arg(Ty), Scalar, uint64_t(I.Index)));
    return true;
  }

  // --- comparisons: all-ones or all-zeros lanes of the same width ---
  case Op::I8x16Eq: case Op::I8x16Ne: case Op::I8x16LtS: case Op::I8x16LtU: case Op::I8x16GtS:
  case Op::I8x16GtU: case Op::I8x16LeS: case Op::I8x16LeU: case Op::I8x16GeS: case Op::I8x16GeU:
  case Op::I16x8Eq: case Op::I16x8Ne: case Op::I16x8LtS: case Op::I16x8LtU: case Op::I16x8GtS:
  case Op::I16x8GtU: case Op::I16x8LeS: case Op::I16x8LeU: case Op::I16x8GeS: case Op::I16x8GeU:
  case Op::I32x4Eq: case Op::I32x4Ne: case Op::I32x4LtS: case Op::I32x4LtU: case Op::I32x4GtS:
  case Op::I32x4GtU: case Op::I32x4LeS: case Op::I32x4LeU: case Op::I32x4GeS: case Op::I32x4GeU:
  case Op::I64x2Eq: case Op::I64x2Ne: case Op::I64x2LtS: case Op::I64x2GtS: case Op::I64x2LeS:
  case Op::I64x2GeS:
  case Op::F32x4Eq: case Op::F32x4Ne: case Op::F32x4Lt: case Op::F32x4Gt: case Op::F32x4Le:
  case Op::F32x4Ge: case Op::F64x2Eq: case Op::F64x2Ne: case Op::F64x2Lt: case Op::F64x2Gt:
  case Op::F64x2Le: case Op::F64x2Ge: {
    bool Float = Lane->isFloatingPointTy();
    CmpInst::Predicate P = cmpPredicate(Info.Text, Float);
    Binary([&](Value *L, Value *R) {
      Value *C = Float ? B.CreateFCmp(P, L, R) : B.CreateICmp(P, L, R);
      return B.CreateSExt(C, VectorType::getInteger(Ty));
    });
    return true;
  }

  // --- bitwise ---
  case Op::V128Not: Unary([&](Value *V) { return B.CreateNot(V); }); return true;
  case Op::V128And: Arith(Instruction::And); return true;
  case Op::V128Or: Arith(Instruction::Or); return true;
  case Op::V128Xor: Arith(Instruction::Xor); return true;
  case Op::V128Andnot: Binary([&](Value *L, Value *R) { return B.CreateAnd(L, B.CreateNot(R)); }); return true;
  case Op::V128Bitselect: case Op::I8x16RelaxedLaneselect: case Op::I16x8RelaxedLaneselect:
  case Op::I32x4RelaxedLaneselect: case Op::I64x2RelaxedLaneselect: {
    Value *Mask = Arg(Ty);
    Value *F = Arg(Ty);
    Value *T = Arg(Ty);
    Result(B.CreateOr(B.CreateAnd(T, Mask), B.CreateAnd(F, B.CreateNot(Mask))));
    return true;
  }
  case Op::V128AnyTrue:
    push(B.CreateZExt(B.CreateICmpNE(Arg(B.getInt128Ty()), B.getIntN(128, 0)), B.getInt32Ty()));
    return true;
  case Op::I8x16AllTrue: case Op::I16x8AllTrue: case Op::I32x4AllTrue: case Op::I64x2AllTrue: {
    Value *NonZero = B.CreateICmpNE(Arg(Ty), Constant::getNullValue(Ty));
    push(B.CreateZExt(B.CreateAndReduce(NonZero), B.getInt32Ty()));
    return true;
  }
  case Op::I8x16Bitmask: case Op::I16x8Bitmask: case Op::I32x4Bitmask: case Op::I64x2Bitmask: {
    // The lanes' sign bits as <N x i1>, which is bit-for-bit an iN with lane 0 in bit 0.
    Value *Negative = B.CreateICmpSLT(Arg(Ty), Constant::getNullValue(Ty));
    push(B.CreateZExt(B.CreateBitCast(Negative, B.getIntNTy(NumLanes)), B.getInt32Ty()));
    return true;
  }

  // --- integer arithmetic ---
  case Op::I8x16Add: case Op::I16x8Add: case Op::I32x4Add: case Op::I64x2Add:
    Arith(Instruction::Add);
    return true;
  case Op::I8x16Sub: case Op::I16x8Sub: case Op::I32x4Sub: case Op::I64x2Sub:
    Arith(Instruction::Sub);
    return true;
  case Op::I16x8Mul: case Op::I32x4Mul: case Op::I64x2Mul: Arith(Instruction::Mul); return true;
  case Op::I8x16Neg: case Op::I16x8Neg: case Op::I32x4Neg: case Op::I64x2Neg:
    Unary([&](Value *V) { return B.CreateNeg(V); });
    return true;
  case Op::I8x16Abs: case Op::I16x8Abs: case Op::I32x4Abs: case Op::I64x2Abs:
    Unary([&](Value *V) { return B.CreateBinaryIntrinsic(Intrinsic::abs, V, B.getFalse()); });
    return true;
  case Op::I8x16Popcnt: Intrinsic1(Intrinsic::ctpop); return true;
  case Op::I8x16AddSatS: case Op::I16x8AddSatS: Intrinsic2(Intrinsic::sadd_sat); return true;
  case Op::I8x16AddSatU: case Op::I16x8AddSatU: Intrinsic2(Intrinsic::uadd_sat); return true;
  case Op::I8x16SubSatS: case Op::I16x8SubSatS: Intrinsic2(Intrinsic::ssub_sat); return true;
  case Op::I8x16SubSatU: case Op::I16x8SubSatU: Intrinsic2(Intrinsic::usub_sat); return true;
  case Op::I8x16MinS: case Op::I16x8MinS: case Op::I32x4MinS: Intrinsic2(Intrinsic::smin); return true;
  case Op::I8x16MinU: case Op::I16x8MinU: case Op::I32x4MinU: Intrinsic2(Intrinsic::umin); return true;
  case Op::I8x16MaxS: case Op::I16x8MaxS: case Op::I32x4MaxS: Intrinsic2(Intrinsic::smax); return true;
  case Op::I8x16MaxU: case Op::I16x8MaxU: case Op::I32x4MaxU: Intrinsic2(Intrinsic::umax); return true;
  case Op::I8x16AvgrU: case Op::I16x8AvgrU:
    // (a + b + 1) / 2 without overflow: computed in lanes twice as wide.
    Binary([&](Value *L, Value *R) {
      auto *WideTy = FixedVectorType::get(B.getIntNTy(Lane->getIntegerBitWidth() * 2), NumLanes);
      Value *Sum = B.CreateAdd(B.CreateAdd(B.CreateZExt(L, WideTy), B.CreateZExt(R, WideTy)),
                               ConstantInt::get(WideTy, 1));
      return B.CreateTrunc(B.CreateLShr(Sum, ConstantInt::get(WideTy, 1)), Ty);
    });
    return true;
  case Op::I16x8Q15mulrSatS: case Op::I16x8RelaxedQ15mulrS:
    // (a * b + 2^14) >> 15 in 32 bits; only -32768 * -32768 exceeds i16, and saturates to 32767.
    Binary([&](Value *L, Value *R) {
      auto *WideTy = FixedVectorType::get(B.getInt32Ty(), 8);
      Value *Prod = B.CreateMul(B.CreateSExt(L, WideTy), B.CreateSExt(R, WideTy));
      Value *Rounded = B.CreateAShr(B.CreateAdd(Prod, ConstantInt::get(WideTy, 0x4000)),
                                    ConstantInt::get(WideTy, 15));
      Value *Clamped = B.CreateBinaryIntrinsic(Intrinsic::smin, Rounded, ConstantInt::get(WideTy, 0x7fff));
      return B.CreateTrunc(Clamped, Ty);
    });
    return true;
  case Op::I8x16Shl: case Op::I16x8Shl: case Op::I32x4Shl: case Op::I64x2Shl:
  case Op::I8x16ShrS: case Op::I16x8ShrS: case Op::I32x4ShrS: case Op::I64x2ShrS:
  case Op::I8x16ShrU: case Op::I16x8ShrU: case Op::I32x4ShrU: case Op::I64x2ShrU: {
    Value *Count = pop();
    unsigned Bits = Lane->getIntegerBitWidth();
    Count = B.CreateZExtOrTrunc(B.CreateAnd(Count, i32(Bits - 1)), Lane);
    Value *V = Arg(Ty);
    Value *Counts = B.CreateVectorSplat(NumLanes, Count);
    StringRef Name = StringRef(Info.Text).split('.').second;
    auto Opc = Name == "shl" ? Instruction::Shl : Name == "shr_s" ? Instruction::AShr : Instruction::LShr;
    Result(B.CreateBinOp(Opc, V, Counts));
    return true;
  }

  // --- widening and narrowing ---
  case Op::I8x16NarrowI16x8S: case Op::I8x16NarrowI16x8U: case Op::I16x8NarrowI32x4S:
  case Op::I16x8NarrowI32x4U: {
    // Both inputs are signed; clamp a ++ b to the result lane's range, then truncate.
    FixedVectorType *SrcTy = widerLanes(Ty);
    Value *R = Arg(SrcTy);
    Value *L = Arg(SrcTy);
    Value *Both = B.CreateShuffleVector(L, R, laneRange(0, NumLanes));
    auto *WideTy = cast<FixedVectorType>(Both->getType());
    unsigned Bits = Lane->getIntegerBitWidth();
    APInt Lo = Signed ? APInt::getSignedMinValue(Bits).sext(Bits * 2) : APInt(Bits * 2, 0);
    APInt Hi = Signed ? APInt::getSignedMaxValue(Bits).sext(Bits * 2) : APInt::getMaxValue(Bits).zext(Bits * 2);
    Value *Clamped = B.CreateBinaryIntrinsic(Intrinsic::smax, Both, ConstantInt::get(WideTy, Lo));
    Clamped = B.CreateBinaryIntrinsic(Intrinsic::smin, Clamped, ConstantInt::get(WideTy, Hi));
    Result(B.CreateTrunc(Clamped, Ty));
    return true;
  }
  case Op::I16x8ExtendLowI8x16S: case Op::I16x8ExtendLowI8x16U: case Op::I32x4ExtendLowI16x8S:
  case Op::I32x4ExtendLowI16x8U: case Op::I64x2ExtendLowI32x4S: case Op::I64x2ExtendLowI32x4U:
    Result(HalfExtended(Arg(narrowerLanes(Ty)), false));
    return true;
  case Op::I16x8ExtendHighI8x16S: case Op::I16x8ExtendHighI8x16U: case Op::I32x4ExtendHighI16x8S:
  case Op::I32x4ExtendHighI16x8U: case Op::I64x2ExtendHighI32x4S: case Op::I64x2ExtendHighI32x4U:
    Result(HalfExtended(Arg(narrowerLanes(Ty)), true));
    return true;
  case Op::I16x8ExtmulLowI8x16S: case Op::I16x8ExtmulLowI8x16U: case Op::I32x4ExtmulLowI16x8S:
  case Op::I32x4ExtmulLowI16x8U: case Op::I64x2ExtmulLowI32x4S: case Op::I64x2ExtmulLowI32x4U:
  case Op::I16x8ExtmulHighI8x16S: case Op::I16x8ExtmulHighI8x16U: case Op::I32x4ExtmulHighI16x8S:
  case Op::I32x4ExtmulHighI16x8U: case Op::I64x2ExtmulHighI32x4S: case Op::I64x2ExtmulHighI32x4U: {
    bool High = StringRef(Info.Text).contains("_high_");
    Value *R = Arg(narrowerLanes(Ty));
    Value *L = Arg(narrowerLanes(Ty));
    Result(B.CreateMul(HalfExtended(L, High), HalfExtended(R, High))); // exact: no overflow possible
    return true;
  }
  case Op::I16x8ExtaddPairwiseI8x16S: case Op::I16x8ExtaddPairwiseI8x16U:
  case Op::I32x4ExtaddPairwiseI16x8S: case Op::I32x4ExtaddPairwiseI16x8U: {
    // Extend every lane to the result width (2N lanes), then add even and odd lanes.
    auto *AllWide = FixedVectorType::get(Lane, NumLanes * 2);
    Result(AddPairs(Extend(Arg(narrowerLanes(Ty)), AllWide)));
    return true;
  }
  case Op::I32x4DotI16x8S: {
    // Products are exact in i32; the pairwise sum wraps (only -32768^2 * 2 does, to INT_MIN).
    auto *Wide = FixedVectorType::get(B.getInt32Ty(), 8);
    Value *R = B.CreateSExt(Arg(narrowerLanes(Ty)), Wide);
    Value *L = B.CreateSExt(Arg(narrowerLanes(Ty)), Wide);
    Result(AddPairs(B.CreateMul(L, R)));
    return true;
  }
  case Op::I16x8RelaxedDotI8x16I7x16S: case Op::I32x4RelaxedDotI8x16I7x16AddS: {
    // Signed i8 products are exact in i16; their pairwise sums saturate in i16 (the spec's ivdotsat:
    // only -128 * -128 * 2 overflows, to 32767). The i32 form adds those i16 sums pairwise, extended,
    // and then the accumulator, wrapping.
    bool Add = I.Opcode == Op::I32x4RelaxedDotI8x16I7x16AddS;
    Value *Acc = Add ? Arg(Ty) : nullptr;
    auto *Bytes = FixedVectorType::get(B.getInt8Ty(), 16);
    auto *Wide = FixedVectorType::get(B.getInt16Ty(), 16);
    Value *R = B.CreateSExt(Arg(Bytes), Wide);
    Value *L = B.CreateSExt(Arg(Bytes), Wide);
    auto [Even, Odd] = EvenOdd(B.CreateMul(L, R));
    Value *Dot = B.CreateBinaryIntrinsic(Intrinsic::sadd_sat, Even, Odd);
    if (!Add) {
      Result(Dot);
      return true;
    }
    Result(B.CreateAdd(AddPairs(B.CreateSExt(Dot, FixedVectorType::get(B.getInt32Ty(), 8))), Acc));
    return true;
  }

  // --- float arithmetic ---
  case Op::F32x4Abs: case Op::F64x2Abs: Intrinsic1(Intrinsic::fabs); return true;
  case Op::F32x4Neg: case Op::F64x2Neg: Unary([&](Value *V) { return B.CreateFNeg(V); }); return true;
  case Op::F32x4Sqrt: case Op::F64x2Sqrt: Intrinsic1(Intrinsic::sqrt); return true;
  case Op::F32x4Ceil: case Op::F64x2Ceil: Rounding(Intrinsic::ceil); return true;
  case Op::F32x4Floor: case Op::F64x2Floor: Rounding(Intrinsic::floor); return true;
  case Op::F32x4Trunc: case Op::F64x2Trunc: Rounding(Intrinsic::trunc); return true;
  case Op::F32x4Nearest: case Op::F64x2Nearest: Intrinsic1(Intrinsic::nearbyint); return true;
  case Op::F32x4Add: case Op::F64x2Add: Arith(Instruction::FAdd); return true;
  case Op::F32x4Sub: case Op::F64x2Sub: Arith(Instruction::FSub); return true;
  case Op::F32x4Mul: case Op::F64x2Mul: Arith(Instruction::FMul); return true;
  case Op::F32x4Div: case Op::F64x2Div: Arith(Instruction::FDiv); return true;
  case Op::F32x4Min: case Op::F64x2Min: case Op::F32x4RelaxedMin: case Op::F64x2RelaxedMin:
    MinMax(Intrinsic::minimum);
    return true;
  case Op::F32x4Max: case Op::F64x2Max: case Op::F32x4RelaxedMax: case Op::F64x2RelaxedMax:
    MinMax(Intrinsic::maximum);
    return true;
  case Op::F32x4RelaxedMadd: case Op::F64x2RelaxedMadd: case Op::F32x4RelaxedNmadd:
  case Op::F64x2RelaxedNmadd: {
    // a * b + c (nmadd: -a * b + c) with two roundings. No fast-math flags, so LLVM never fuses
    // them, and the result is the same with or without FMA hardware.
    Value *C = Arg(Ty);
    Value *Bv = Arg(Ty);
    Value *A = Arg(Ty);
    if (I.Opcode == Op::F32x4RelaxedNmadd || I.Opcode == Op::F64x2RelaxedNmadd)
      A = B.CreateFNeg(A);
    Result(B.CreateFAdd(B.CreateFMul(A, Bv), C));
    return true;
  }
  case Op::F32x4Pmin: case Op::F64x2Pmin: // b < a ? b : a
    Binary([&](Value *L, Value *R) { return B.CreateSelect(B.CreateFCmpOLT(R, L), R, L); });
    return true;
  case Op::F32x4Pmax: case Op::F64x2Pmax: // a < b ? b : a
    Binary([&](Value *L, Value *R) { return B.CreateSelect(B.CreateFCmpOLT(L, R), R, L); });
    return true;

  // --- conversions ---
  case Op::I32x4TruncSatF32x4S: case Op::I32x4TruncSatF32x4U: case Op::I32x4RelaxedTruncF32x4S:
  case Op::I32x4RelaxedTruncF32x4U: {
    auto *Src = FixedVectorType::get(B.getFloatTy(), 4);
    Result(B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat, {Ty, Src}, {Arg(Src)}));
    return true;
  }
  case Op::I32x4TruncSatF64x2SZero: case Op::I32x4TruncSatF64x2UZero:
  case Op::I32x4RelaxedTruncF64x2SZero: case Op::I32x4RelaxedTruncF64x2UZero: {
    auto *Src = FixedVectorType::get(B.getDoubleTy(), 2);
    auto *Dst = FixedVectorType::get(B.getInt32Ty(), 2);
    Value *V = B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat, {Dst, Src}, {Arg(Src)});
    Result(ZeroPadded(V));
    return true;
  }
  case Op::F32x4ConvertI32x4S: case Op::F32x4ConvertI32x4U: {
    Value *V = Arg(MC.v128Type());
    Result(Signed ? B.CreateSIToFP(V, Ty) : B.CreateUIToFP(V, Ty));
    return true;
  }
  case Op::F64x2ConvertLowI32x4S: case Op::F64x2ConvertLowI32x4U: {
    Value *Low = B.CreateShuffleVector(Arg(MC.v128Type()), laneRange(0, 2));
    Result(Signed ? B.CreateSIToFP(Low, Ty) : B.CreateUIToFP(Low, Ty));
    return true;
  }
  case Op::F32x4DemoteF64x2Zero: {
    Value *V = Arg(FixedVectorType::get(B.getDoubleTy(), 2));
    Result(ZeroPadded(B.CreateFPTrunc(V, FixedVectorType::get(B.getFloatTy(), 2))));
    return true;
  }
  case Op::F64x2PromoteLowF32x4: {
    Value *Low = B.CreateShuffleVector(Arg(FixedVectorType::get(B.getFloatTy(), 4)), laneRange(0, 2));
    Result(B.CreateFPExt(Low, Ty));
    return true;
  }
  default:
    return false;
  }
}
