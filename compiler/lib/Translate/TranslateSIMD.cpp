//===- TranslateSIMD.cpp - v128 instructions ------------------------------===//
//
// Fixed-width SIMD. v128 values are <4 x i32> on the value stack; each instruction bitcasts to the lane
// shape it works on. Not yet implemented: modules using SIMD are rejected by the translator with a
// clear error until this file covers OpcodesSIMD.def.
//
//===----------------------------------------------------------------------===//
#include "Translate/FunctionTranslator.h"

using namespace w2n;
using namespace llvm;

bool FunctionTranslator::emitSIMD(const Instr &I) { return false; }
