/* repeat.c: the main() of every PolyBench/C benchmark build: runs the kernel's own main() PB_REPEAT times.

   bench/run.py compiles each PolyBench kernel unmodified with -Dmain=polybench_main, plus this file. The
   O(N^2) kernels (atax, bicg, mvt, ...) finish in milliseconds at PolyBench's LARGE size and would need
   arrays of gigabytes to run for a second; repeating the whole program (allocate, initialise, run, free)
   keeps their data at the size PolyBench chose and still gives a time worth measuring. Every repetition
   computes the same arrays, so the dump of a -DPOLYBENCH_DUMP_ARRAYS build is PB_REPEAT copies of one. */
/* The same command line compiles the kernel and this file, with -Dmain=polybench_main for the kernel. */
#undef main

#ifndef PB_REPEAT
#define PB_REPEAT 1
#endif

int polybench_main(int argc, char **argv);

int main(int argc, char **argv) {
  for (int i = 0; i < PB_REPEAT; i++)
    if (polybench_main(argc, argv) != 0)
      return 1;
  return 0;
}
