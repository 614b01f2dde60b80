/* stencil.c: 2-D Jacobi 5-point stencil over float grids, the shape of PolyBench's jacobi-2d. */
#include "bench.h"
#define N 1000
static float A[N][N], B[N][N];
int main(int argc, char **argv) {
  int steps = bench_scale(argc, argv, 150);
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) A[i][j] = (float)((i * j) % 10) / 10.0f;
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        B[i][j] = 0.2f * (A[i][j] + A[i][j - 1] + A[i][j + 1] + A[i - 1][j] + A[i + 1][j]);
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        A[i][j] = 0.2f * (B[i][j] + B[i][j - 1] + B[i][j + 1] + B[i - 1][j] + B[i + 1][j]);
  }
  double s = 0;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) s += A[i][j];
  printf("stencil %.4f\n", s);
  return 0;
}
