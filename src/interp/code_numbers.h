// Integer, Long and Double arithmetic for compiled code, with the
// semantics of Evaluator::arithmetic: 32- and 64-bit two's complement
// wraparound, and division by zero's MathException from the catalog. A kind
// reads the value the static type promises; callers check null first.
#pragma once

#include <cstdint>

#include "ast/ast.h"
#include "interp/errors.h"
#include "interp/interp.h"

namespace apex::interp {

// Integral kinds wrap as Java's int and long do: computed unsigned.
template <class T, class U>
struct IntegralKind {
  using Type = T;
  static T wrapAdd(T a, T b) { return T(U(a) + U(b)); }
  static T wrapSub(T a, T b) { return T(U(a) - U(b)); }
  static T wrapMul(T a, T b) { return T(U(a) * U(b)); }
  static T divide(Interp& vm, T a, T b) {
    if (b == 0) vm.raise(errors::DivideByZero);
    if (b == -1) return T(U(0) - U(a));  // MIN / -1 wraps to MIN
    return a / b;
  }
};

struct IntegerKind : IntegralKind<int32_t, uint32_t> {
  static int32_t get(const Value& v) { return v.asInt(); }
  static Value make(int32_t x) { return Value::integer(x); }
};

struct LongKind : IntegralKind<int64_t, uint64_t> {
  static int64_t get(const Value& v) { return v.asLong(); }
  static Value make(int64_t x) { return Value::longValue(x); }
};

struct DoubleKind {
  using Type = double;
  static double get(const Value& v) { return v.asDouble(); }
  static Value make(double x) { return Value::doubleValue(x); }
  static double wrapAdd(double a, double b) { return a + b; }
  static double wrapSub(double a, double b) { return a - b; }
  static double wrapMul(double a, double b) { return a * b; }
  static double divide(Interp& vm, double a, double b) {
    if (b == 0) vm.raise(errors::DivideByZero);
    return a / b;
  }
};

// `a op b` in kind K, for the four operators compiled code specializes.
template <class K, ast::BinaryOp Op>
typename K::Type applyArithmetic(Interp& vm, typename K::Type a, typename K::Type b) {
  if constexpr (Op == ast::BinaryOp::Add) return K::wrapAdd(a, b);
  else if constexpr (Op == ast::BinaryOp::Sub) return K::wrapSub(a, b);
  else if constexpr (Op == ast::BinaryOp::Mul) return K::wrapMul(a, b);
  else return K::divide(vm, a, b);
}

// Calls `visit.template operator()<K, Op>()` for the kind of `type` and
// the operator `op`; false when they are not ones compiled code
// specializes (Integer, Long, Double; + - * /).
template <class Visit>
bool withArithmetic(const sema::Type* type, ast::BinaryOp op, Visit&& visit) {
  auto byOp = [&]<class K>() {
    switch (op) {
      case ast::BinaryOp::Add: visit.template operator()<K, ast::BinaryOp::Add>(); return true;
      case ast::BinaryOp::Sub: visit.template operator()<K, ast::BinaryOp::Sub>(); return true;
      case ast::BinaryOp::Mul: visit.template operator()<K, ast::BinaryOp::Mul>(); return true;
      case ast::BinaryOp::Div: visit.template operator()<K, ast::BinaryOp::Div>(); return true;
      default: return false;
    }
  };
  if (!type) return false;
  switch (type->kind) {
    case sema::TypeKind::Integer: return byOp.template operator()<IntegerKind>();
    case sema::TypeKind::Long: return byOp.template operator()<LongKind>();
    case sema::TypeKind::Double: return byOp.template operator()<DoubleKind>();
    default: return false;
  }
}

}  // namespace apex::interp
