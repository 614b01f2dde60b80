//===- Types.cpp - Names, equivalence and subtyping of value types --------===//
//
// The spec's type relations for the types of Wasm 3.0 without GC: function types are equivalent when
// their parameters and results are (references to types compared by equivalence, a type's reference
// to itself matching the other's reference to itself), and every reference type sits in one of three
// hierarchies, nofunc <: $t <: func, noextern <: extern, noexn <: exn, with (ref ht) <: (ref null ht).
// The decoder computes each type's canonical index (the first equivalent type) once, so that the
// validator's subtype checks compare two integers.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/Module.h"

using namespace w2n;

std::string w2n::valTypeName(ValType T) {
  auto Ref = [&](const char *Heap, const char *Short) -> std::string {
    if (T.nullable())
      return Short;
    return std::string("(ref ") + Heap + ")";
  };
  switch (T.kind()) {
  case ValType::I32: return "i32";
  case ValType::I64: return "i64";
  case ValType::F32: return "f32";
  case ValType::F64: return "f64";
  case ValType::V128: return "v128";
  case ValType::FuncRef: return Ref("func", "funcref");
  case ValType::ExternRef: return Ref("extern", "externref");
  case ValType::ExnRef: return Ref("exn", "exnref");
  case ValType::NullFuncRef: return Ref("nofunc", "nullfuncref");
  case ValType::NullExternRef: return Ref("noextern", "nullexternref");
  case ValType::NullExnRef: return Ref("noexn", "nullexnref");
  case ValType::Typed:
    return std::string(T.nullable() ? "(ref null " : "(ref ") + std::to_string(T.typeIndex()) + ")";
  case ValType::Bottom: return "unknown";
  }
  return "?";
}

ValType::Kind Module::topHeap(ValType T) {
  switch (T.kind()) {
  case ValType::NullFuncRef:
  case ValType::Typed:
    return ValType::FuncRef;
  case ValType::NullExternRef: return ValType::ExternRef;
  case ValType::NullExnRef: return ValType::ExnRef;
  default: return T.kind();
  }
}

bool Module::sameType(uint32_t A, uint32_t B) const {
  if (A == B)
    return true;
  if (A >= CanonicalTypes.size() || B >= CanonicalTypes.size())
    return false;
  return CanonicalTypes[A] == CanonicalTypes[B];
}

bool Module::isSubType(ValType Sub, ValType Super) const {
  if (Sub == ValType::Bottom || Super == ValType::Bottom)
    return true;
  if (!Sub.isRef() || !Super.isRef())
    return Sub == Super;
  if (Sub.nullable() && !Super.nullable())
    return false;
  if (topHeap(Sub) != topHeap(Super))
    return false;
  ValType::Kind S = Sub.kind(), P = Super.kind();
  if (S == P)
    return S != ValType::Typed || sameType(Sub.typeIndex(), Super.typeIndex());
  // Different heap types of one hierarchy: the bottom is below everything, the top above.
  bool SubIsBottom = S == ValType::NullFuncRef || S == ValType::NullExternRef || S == ValType::NullExnRef;
  return SubIsBottom || P == topHeap(Super);
}

void Module::canonicalizeTypes() {
  CanonicalTypes.assign(Types.size(), 0);
  // Whether value types X (in type I) and Y (in type J) are equal, a reference to I itself matching
  // a reference to J itself; other references compare by the canonical index found so far.
  auto SameVal = [&](ValType X, ValType Y, uint32_t I, uint32_t J) {
    if (X.kind() != ValType::Typed || Y.kind() != ValType::Typed)
      return X == Y;
    if (X.nullable() != Y.nullable())
      return false;
    uint32_t A = X.typeIndex(), B = Y.typeIndex();
    if (A == I || B == J)
      return A == I && B == J;
    if (A < I && B < I)
      return CanonicalTypes[A] == CanonicalTypes[B];
    return A == B;
  };
  auto SameList = [&](const std::vector<ValType> &X, const std::vector<ValType> &Y, uint32_t I, uint32_t J) {
    if (X.size() != Y.size())
      return false;
    for (size_t K = 0; K < X.size(); ++K)
      if (!SameVal(X[K], Y[K], I, J))
        return false;
    return true;
  };
  for (uint32_t I = 0; I < Types.size(); ++I) {
    CanonicalTypes[I] = I;
    for (uint32_t J = 0; J < I; ++J)
      if (CanonicalTypes[J] == J && SameList(Types[I].Params, Types[J].Params, I, J) &&
          SameList(Types[I].Results, Types[J].Results, I, J)) {
        CanonicalTypes[I] = J;
        break;
      }
  }
}
