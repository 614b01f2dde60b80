/* spectral.c: spectral-norm of the benchmarks game: division-heavy double loops. */
#include "bench.h"
#include <math.h>
#define N 1500
static double A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }
static void mul_av(const double *v, double *av) { for (int i = 0; i < N; i++) { double s = 0; for (int j = 0; j < N; j++) s += A(i, j) * v[j]; av[i] = s; } }
static void mul_atv(const double *v, double *atv) { for (int i = 0; i < N; i++) { double s = 0; for (int j = 0; j < N; j++) s += A(j, i) * v[j]; atv[i] = s; } }
static double u[N], v[N], tmp[N];
int main(int argc, char **argv) {
  int iters = bench_scale(argc, argv, 10);
  for (int i = 0; i < N; i++) u[i] = 1;
  for (int i = 0; i < iters; i++) { mul_av(u, tmp); mul_atv(tmp, v); mul_av(v, tmp); mul_atv(tmp, u); }
  double vbv = 0, vv = 0;
  for (int i = 0; i < N; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
  printf("spectral %.9f\n", sqrt(vbv / vv));
  return 0;
}
