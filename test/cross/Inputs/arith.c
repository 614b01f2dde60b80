// Integer division, 64-bit arithmetic and float <-> int64 conversions whose edge cases exercise the
// compiler helpers on 32-bit targets (armv7: __aeabi_ldivmod/uldivmod/idiv, __aeabi_d2lz/d2ulz/
// f2lz/l2d/ul2f..., all in the runtime). Built with -mnontrapping-fptoint for the saturating forms.
// Operands are volatile so that neither clang nor wasm2native can fold them. Expected values are
// those of x86_64 hardware (checked in the .test files).
#include <stdint.h>
#include <stdio.h>

#define P(name, v) printf("%s=%llx\n", name, (unsigned long long)(v))
#define PF(name, v) printf("%s=%a\n", name, (double)(v))

volatile uint64_t U[] = {0xffffffffffffffffull, 0x123456789abcdef0ull, 0x12345, 3, 0x100000000ull, 1};
volatile int64_t S[] = {-7, 2, INT64_MIN, -2, 7, 1000000007};
volatile uint32_t W[] = {0xffffffffu, 7, 0x80000000u};
volatile int32_t I[] = {INT32_MIN, -7, 3, 2};
volatile double D[] = {-9223372036854775808.0, 9223372036854774784.0, 18446744073709549568.0, -0.9,
                       -1.5, 4503599627370497.0, 123456789012.75, 1e30, -1e30, 0.0 / 0.0, -5.0};
volatile float F[] = {-9223372036854775808.0f, 18446742974197923840.0f, -0.75f, 16777215.0f, 1e30f};
volatile int64_t L[] = {INT64_MAX, -1, INT64_MIN, 0x1000003, -0x4000004000000001ll};
volatile uint64_t V[] = {0xffffffffffffffffull, (1ull << 53) + 1, (1ull << 53) + 3, 0x8000008000000001ull};
volatile int sh = 37;

int main(void) {
  P("udiv1", U[0] / U[3]); P("urem1", U[0] % U[3]);
  P("udiv2", U[1] / U[2]); P("urem2", U[1] % U[2]);
  P("udiv3", U[1] / U[4]); P("urem3", U[1] % U[4]);
  P("udiv4", U[2] / U[1]); P("udiv5", U[0] / U[5]);
  P("sdiv1", S[0] / S[1]); P("srem1", S[0] % S[1]);
  P("sdiv2", S[4] / S[3]); P("srem2", S[4] % S[3]);
  P("sdiv3", S[2] / S[1]); P("srem3", S[2] % S[5]);
  P("mul", U[1] * U[2]);
  P("udiv32", W[0] / W[1]); P("urem32", W[0] % W[1]); P("udiv32b", W[2] / W[1]);
  P("sdiv32", (uint32_t)(I[0] / I[3])); P("sdiv32b", (uint32_t)(I[1] / I[2])); P("srem32", (uint32_t)(I[1] % I[2]));
  P("shl", U[1] << sh); P("shr", U[1] >> sh); P("sar", S[0] >> sh);
  P("clz", __builtin_clzll(U[2])); P("ctz", __builtin_ctzll(U[1])); P("popcnt", __builtin_popcountll(U[1]));
  P("rotl", __builtin_rotateleft64(U[1], sh));
  // trapping conversions, in range
  P("d2l_min", __builtin_wasm_trunc_s_i64_f64(D[0]));
  P("d2l_max", __builtin_wasm_trunc_s_i64_f64(D[1]));
  P("d2ul_max", __builtin_wasm_trunc_u_i64_f64(D[2]));
  P("d2l_neg_frac", __builtin_wasm_trunc_s_i64_f64(D[3]));
  P("d2ul_neg_frac", __builtin_wasm_trunc_u_i64_f64(D[3]));
  P("d2l_m1.5", __builtin_wasm_trunc_s_i64_f64(D[4]));
  P("d2l_2^52+1", __builtin_wasm_trunc_s_i64_f64(D[5]));
  P("d2ul_frac", __builtin_wasm_trunc_u_i64_f64(D[6]));
  P("f2l_min", __builtin_wasm_trunc_s_i64_f32(F[0]));
  P("f2ul_max", __builtin_wasm_trunc_u_i64_f32(F[1]));
  P("f2l_frac", __builtin_wasm_trunc_s_i64_f32(F[2]));
  P("f2l_2^24-1", __builtin_wasm_trunc_s_i64_f32(F[3]));
  // saturating conversions
  P("sat_d2l_big", __builtin_wasm_trunc_saturate_s_i64_f64(D[7]));
  P("sat_d2l_small", __builtin_wasm_trunc_saturate_s_i64_f64(D[8]));
  P("sat_d2l_nan", __builtin_wasm_trunc_saturate_s_i64_f64(D[9]));
  P("sat_d2ul_big", __builtin_wasm_trunc_saturate_u_i64_f64(D[7]));
  P("sat_d2ul_neg", __builtin_wasm_trunc_saturate_u_i64_f64(D[10]));
  P("sat_d2ul_max", __builtin_wasm_trunc_saturate_u_i64_f64(D[2]));
  P("sat_f2l_big", __builtin_wasm_trunc_saturate_s_i64_f32(F[4]));
  P("sat_f2ul_big", __builtin_wasm_trunc_saturate_u_i64_f32(F[4]));
  P("sat_f2l_min", __builtin_wasm_trunc_saturate_s_i64_f32(F[0]));
  // int64 -> float
  PF("l2d_max", (double)L[0]); PF("l2d_m1", (double)L[1]); PF("l2d_min", (double)L[2]);
  PF("ul2d_max", (double)V[0]); PF("ul2d_tie", (double)V[1]); PF("ul2d_up", (double)V[2]);
  PF("ul2f_max", (float)V[0]); PF("ul2f_sticky", (float)V[3]); PF("l2f_sticky", (float)L[4]);
  PF("l2f_tie", (float)L[3]); PF("l2f_max", (float)L[0]);
  return 0;
}
