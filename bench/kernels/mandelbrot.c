/* mandelbrot.c: escape-time Mandelbrot set over a 1600x1600 grid; float compare-and-branch loops. */
#include "bench.h"
int main(int argc, char **argv) {
  int n = bench_scale(argc, argv, 1600);
  unsigned long inside = 0;
  for (int y = 0; y < n; y++)
    for (int x = 0; x < n; x++) {
      double cr = 2.0 * x / n - 1.5, ci = 2.0 * y / n - 1.0, zr = 0, zi = 0;
      int i = 0;
      for (; i < 50 && zr * zr + zi * zi <= 4.0; i++) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; }
      inside += i == 50;
    }
  printf("mandelbrot %lu\n", inside);
  return 0;
}
