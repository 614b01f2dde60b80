/* matmul.c: dense double-precision matrix multiplication (i-k-j order, vectorisable inner loop). */
#include "bench.h"
#define N 400
static double A[N][N], B[N][N], C[N][N];
int main(int argc, char **argv) {
  int reps = bench_scale(argc, argv, 10);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) { A[i][j] = (double)((i * 7 + j * 3) % 17) / 17.0; B[i][j] = (double)((i * 5 + j) % 13) / 13.0; }
  for (int r = 0; r < reps; r++)
    for (int i = 0; i < N; i++)
      for (int k = 0; k < N; k++) {
        double a = A[i][k];
        for (int j = 0; j < N; j++) C[i][j] += a * B[k][j];
      }
  double s = 0;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) s += C[i][j];
  printf("matmul %.6f\n", s);
  return 0;
}
