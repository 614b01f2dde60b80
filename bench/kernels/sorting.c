/* sorting.c: a quicksort through a comparator pointer (indirect calls) and a merge sort over 2M integers.
 * Both are written here rather than taken from libc, so native and wasm builds run the same algorithm. */
#include "bench.h"
#define N (2 << 20)
static int a[N], b[N], tmp[N];
static int cmp(const void *x, const void *y) { int p = *(const int *)x, q = *(const int *)y; return (p > q) - (p < q); }
static void quicksort(int *v, long lo, long hi, int (*less)(const void *, const void *)) {
  while (hi - lo > 16) {
    int pivot = v[(lo + hi) / 2];
    long i = lo, j = hi - 1;
    while (i <= j) {
      while (less(&v[i], &pivot) < 0) i++;
      while (less(&pivot, &v[j]) < 0) j--;
      if (i <= j) { int t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(v, lo, j + 1, less); lo = i; } else { quicksort(v, i, hi, less); hi = j + 1; }
  }
  for (long i = lo + 1; i < hi; i++) { int x = v[i]; long j = i - 1; while (j >= lo && less(&v[j], &x) > 0) { v[j + 1] = v[j]; j--; } v[j + 1] = x; }
}
static void msort(int *v, int lo, int hi) {
  if (hi - lo < 2) return;
  int mid = (lo + hi) / 2;
  msort(v, lo, mid); msort(v, mid, hi);
  int i = lo, j = mid, k = lo;
  while (i < mid && j < hi) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
  while (i < mid) tmp[k++] = v[i++];
  while (j < hi) tmp[k++] = v[j++];
  for (k = lo; k < hi; k++) v[k] = tmp[k];
}
int main(int argc, char **argv) {
  int reps = bench_scale(argc, argv, 2);
  long long sum = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < N; i++) a[i] = b[i] = (int)(bench_rand() & 0x7fffffff);
    quicksort(a, 0, N, cmp);
    msort(b, 0, N);
    for (int i = 0; i < N; i += 1024) sum += (long long)a[i] * 3 + b[i];
  }
  printf("sorting %lld\n", sum);
  return 0;
}
