/* runtime-lib/test/test_main.c: a stand-in for a compiled wasm module, exercising runtime and WASI shim.
 *
 * It defines what the compiler's module object would (w2n_module_main, w2n_names entries,
 * w2n_config_dirs/env, code in section "w2n_code") and, depending on argv[1], runs one scenario:
 * output, traps, faults, memory/table limits, libm, files in preopened directories, sandbox escapes.
 * run.sh builds it against libw2nrt.a for each target and checks output and exit status. Guest
 * buffers live in a real linear memory (w2n_memory_init) so the WASI bounds checks are exercised.
 */
#include <stddef.h>
#include <stdint.h>

#include "w2n_abi.h"

#define WASM __attribute__((section("w2n_code"), noinline))

/* ---- the WASI and runtime entry points used here ---- */
int32_t w2n_wasi_fd_write(w2n_memory *, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_fd_read(w2n_memory *, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_fd_pread(w2n_memory *, int32_t, int32_t, int32_t, int64_t, int32_t);
int32_t w2n_wasi_fd_pwrite(w2n_memory *, int32_t, int32_t, int32_t, int64_t, int32_t);
int32_t w2n_wasi_fd_seek(w2n_memory *, int32_t, int64_t, int32_t, int32_t);
int32_t w2n_wasi_fd_tell(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_fd_close(w2n_memory *, int32_t);
int32_t w2n_wasi_fd_sync(w2n_memory *, int32_t);
int32_t w2n_wasi_fd_datasync(w2n_memory *, int32_t);
int32_t w2n_wasi_fd_fdstat_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_fd_fdstat_set_flags(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_fd_fdstat_set_rights(w2n_memory *, int32_t, int64_t, int64_t);
int32_t w2n_wasi_fd_filestat_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_fd_filestat_set_size(w2n_memory *, int32_t, int64_t);
int32_t w2n_wasi_fd_filestat_set_times(w2n_memory *, int32_t, int64_t, int64_t, int32_t);
int32_t w2n_wasi_fd_prestat_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_fd_prestat_dir_name(w2n_memory *, int32_t, int32_t, int32_t);
int32_t w2n_wasi_fd_readdir(w2n_memory *, int32_t, int32_t, int32_t, int64_t, int32_t);
int32_t w2n_wasi_fd_renumber(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_fd_advise(w2n_memory *, int32_t, int64_t, int64_t, int32_t);
int32_t w2n_wasi_fd_allocate(w2n_memory *, int32_t, int64_t, int64_t);
int32_t w2n_wasi_path_open(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t, int64_t, int64_t, int32_t, int32_t);
int32_t w2n_wasi_path_create_directory(w2n_memory *, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_remove_directory(w2n_memory *, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_unlink_file(w2n_memory *, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_rename(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_filestat_get(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_filestat_set_times(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int64_t, int64_t, int32_t);
int32_t w2n_wasi_path_readlink(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_symlink(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_path_link(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_args_sizes_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_args_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_environ_sizes_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_environ_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_clock_time_get(w2n_memory *, int32_t, int64_t, int32_t);
int32_t w2n_wasi_clock_res_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_random_get(w2n_memory *, int32_t, int32_t);
int32_t w2n_wasi_poll_oneoff(w2n_memory *, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_sched_yield(w2n_memory *);
int32_t w2n_wasi_sock_recv(w2n_memory *, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t);
int32_t w2n_wasi_sock_shutdown(w2n_memory *, int32_t, int32_t);
void w2n_wasi_proc_exit(w2n_memory *, int32_t);
extern int w2n_sandbox_disable_openat2;
#if UINTPTR_MAX <= 0xffffffffu
extern int w2n_sys_time32;
#endif
double w2n_soft_sqrt(double);
float w2n_soft_sqrtf(float);
double floor(double), ceil(double), trunc(double), rint(double), nearbyint(double), sqrt(double);
double fmin(double, double), fmax(double, double), copysign(double, double), fabs(double);
float floorf(float), ceilf(float), truncf(float), rintf(float), nearbyintf(float), sqrtf(float);
void *memcpy(void *, const void *, size_t), *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);
int memcmp(const void *, const void *, size_t);

/* ---- module-provided symbols ---- */
const char *const w2n_config_dirs[] = {"sandbox::/sandbox", "sandbox2", NULL};
const char *const w2n_config_env[] = {"FOO=bar", "EMPTY=", NULL};

static w2n_memory mem;
static w2n_table tab;
static int failures;

/* ---- guest-memory helpers: scratch areas at fixed offsets ---- */
enum { IOV = 0x10, OUTBUF = 0x100, RES = 0x40, PATH = 0x1000, PATH2 = 0x2000, BIG = 0x4000 };

static size_t slen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static void put(uint32_t off, const void *p, size_t n) { memmove(mem.base + off, p, n); }
static uint32_t u32at(uint32_t off) { uint32_t v; memmove(&v, mem.base + off, 4); return v; }
static uint64_t u64at(uint32_t off) { uint64_t v; memmove(&v, mem.base + off, 8); return v; }
static void set_iov(uint32_t at, uint32_t buf, uint32_t len) { put(at, &buf, 4); put(at + 4, &len, 4); }

static void write_fd(int fd, const char *s, size_t n) {
  put(OUTBUF, s, n);
  set_iov(IOV, OUTBUF, (uint32_t)n);
  w2n_wasi_fd_write(&mem, fd, IOV, 1, RES);
}
static void out(const char *s) { write_fd(1, s, slen(s)); }
static void outnum(int64_t v) {
  char b[24]; int i = 23; b[i] = 0;
  int neg = v < 0; uint64_t u = neg ? (uint64_t)-v : (uint64_t)v;
  do { b[--i] = (char)('0' + u % 10); u /= 10; } while (u);
  if (neg) b[--i] = '-';
  out(b + i);
}
#define CHECK(c) do { if (!(c)) { out("FAIL line "); outnum(__LINE__); out(": " #c "\n"); failures++; } } while (0)
#define CHECK_EQ(a, b) do { int64_t a_ = (int64_t)(a), b_ = (int64_t)(b); if (a_ != b_) { out("FAIL line "); \
  outnum(__LINE__); out(": " #a " == "); outnum(a_); out(", expected "); outnum(b_); out("\n"); failures++; } } while (0)

static uint32_t path(uint32_t at, const char *s) { put(at, s, slen(s)); return (uint32_t)slen(s); }

/* ---- "generated" functions ---- */

WASM int trapper(int x) {
  if (x == 0) w2n_trap(W2N_TRAP_INT_DIV_BY_ZERO, "trapper");
  return 100 / x;
}
WASM uint32_t oob_load(uint64_t addr) { return *(volatile uint32_t *)(mem.base + addr); }
WASM int recurse(int n) {
  volatile char buf[512];
  buf[0] = (char)n;
  return recurse(n + 1) + buf[0];
}
WASM int checked_recurse(int n) {
  volatile char buf[512];
  if ((void *)__builtin_frame_address(0) < w2n_stack_limit) w2n_trap(W2N_TRAP_STACK_EXHAUSTED, "checked_recurse");
  buf[0] = (char)n;
  return checked_recurse(n + 1) + buf[0];
}
WASM void table_oob(void) {
  w2n_table_fill(&tab, 1, (void *)1, 0xffffffffu);
  __asm__ volatile(""); /* not a tail call: the return address must be in here */
}
WASM int wasm_null_deref(void) { return *(volatile int *)(uintptr_t)8; }
static __attribute__((noinline)) int host_null_deref(void) { return *(volatile int *)(uintptr_t)8; }

/* Entries in the section the runtime reads them from, as each compiled object puts its own. */
__attribute__((section("w2n_names"), used)) const w2n_function_name test_function_names[] = {
    {(const void *)oob_load, "oob_load"}, {(const void *)trapper, "trapper"},
    {(const void *)recurse, "recurse"},   {(const void *)checked_recurse, "checked_recurse"},
    {(const void *)table_oob, "table_oob"}, {(const void *)wasm_null_deref, "wasm_null_deref"},
};

/* ---- scenarios ---- */
static void test_args(void) {
  CHECK_EQ(w2n_wasi_args_sizes_get(&mem, RES, RES + 4), 0);
  uint32_t argc = u32at(RES), size = u32at(RES + 4);
  CHECK_EQ(w2n_wasi_args_get(&mem, BIG, BIG + 0x400), 0);
  for (uint32_t i = 0; i < argc; i++) {
    uint32_t p = u32at(BIG + 4 * i);
    out("arg: ");
    out((const char *)mem.base + p);
    out("\n");
  }
  (void)size;
  CHECK_EQ(w2n_wasi_environ_sizes_get(&mem, RES, RES + 4), 0);
  uint32_t envc = u32at(RES);
  CHECK_EQ(u32at(RES + 4), 8 + 7);
  CHECK_EQ(w2n_wasi_environ_get(&mem, BIG, BIG + 0x400), 0);
  for (uint32_t i = 0; i < envc; i++) {
    out("env: ");
    out((const char *)mem.base + u32at(BIG + 4 * i));
    out("\n");
  }
  /* guest pointers out of range -> EFAULT */
  CHECK_EQ(w2n_wasi_args_get(&mem, (int32_t)(mem.size_bytes - 2), BIG), 21);
  CHECK_EQ(w2n_wasi_environ_sizes_get(&mem, (int32_t)0xfffffffe, RES), 21);
}

static void test_grow(void) {
  w2n_memory m;
#if UINTPTR_MAX > 0xffffffffu
  w2n_memory_init(&m, 1, 3);
  CHECK_EQ(m.size_bytes, 65536);
  CHECK(m.reserved >= (1ull << 33) + 16);
  CHECK_EQ(w2n_memory_grow(&m, 1), 1);
  m.base[2 * 65536 - 1] = 7; /* the new page is usable */
  CHECK_EQ(w2n_memory_grow(&m, 1), 2);
  CHECK_EQ(w2n_memory_grow(&m, 1), 0xffffffffu);
  CHECK_EQ(w2n_memory_grow(&m, 0), 3);
  CHECK_EQ(m.size_bytes, 3 * 65536);
  w2n_memory big;
  w2n_memory_init(&big, 0, 70000); /* clamped to 65536 */
  CHECK_EQ(big.max_pages, 65536);
  CHECK_EQ(w2n_memory_grow(&big, 0), 0);
  CHECK_EQ(w2n_memory_grow(&big, 65535), 0);
  CHECK_EQ(w2n_memory_grow(&big, 2), 0xffffffffu);
  CHECK_EQ(w2n_memory_grow(&big, 1), 65535);
  CHECK_EQ(w2n_memory_grow(&big, 0), 65536);
  big.base[0xffffffffu] = 1; /* last byte of a full 4 GiB memory */
  CHECK_EQ(big.size_bytes, 1ull << 32);
#else
  /* 32-bit: a real, growable memory; explicit bounds checks, no guard region. */
  w2n_memory_init(&m, 1, 3);
  CHECK_EQ(m.size_bytes, 65536);
  CHECK(m.reserved >= 3 * 65536);
  CHECK_EQ(w2n_memory_grow(&m, 1), 1);
  m.base[2 * 65536 - 1] = 7;
  CHECK_EQ(w2n_memory_grow(&m, 1), 2);
  CHECK_EQ(w2n_memory_grow(&m, 1), 0xffffffffu);
  CHECK_EQ(w2n_memory_grow(&m, 0), 3);
  CHECK_EQ(m.size_bytes, 3 * 65536);
  CHECK_EQ(m.base[2 * 65536 - 1], 7);
  w2n_memory big;
  w2n_memory_init(&big, 1, 70000); /* clamped to 65536 */
  CHECK_EQ(big.max_pages, 65536);
  CHECK_EQ(w2n_memory_grow(&big, 65535), 0xffffffffu); /* 4 GiB cannot exist in 32 bits */
  CHECK_EQ(w2n_memory_grow(&big, 0), 1);
  big.base[0] = 42;
  big.base[65535] = 43;
  /* Grow past the initial reservation (at most 1 GiB): the memory may move (mremap), keeping its
   * contents, or the OS may refuse, which must leave the memory as it was. */
  uint64_t pages = big.reserved / 65536;
  uint32_t r = w2n_memory_grow(&big, (uint32_t)pages);
  if (r == 1) {
    CHECK_EQ(big.size_bytes, (pages + 1) * 65536);
    CHECK(big.reserved >= big.size_bytes);
    CHECK_EQ(big.base[0], 42);
    CHECK_EQ(big.base[65535], 43);
    CHECK_EQ(big.base[big.size_bytes - 1], 0);
    big.base[big.size_bytes - 1] = 1;
    /* Once more: a gigabyte-sized memory may find no second hole in a 32-bit address space (qemu-user
     * also never grows a mapping in place), so refusal is fine, but must be clean. */
    uint32_t r2 = w2n_memory_grow(&big, 1);
    CHECK(r2 == pages + 1 || r2 == 0xffffffffu);
    CHECK_EQ(big.size_bytes, (pages + 1 + (r2 != 0xffffffffu)) * 65536);
    CHECK_EQ(big.base[0], 42);
    CHECK_EQ(big.base[(pages + 1) * 65536 - 1], 1);
  } else {
    CHECK_EQ(r, 0xffffffffu);
    CHECK_EQ(big.size_bytes, 65536);
    CHECK_EQ(big.base[65535], 43);
  }
  /* A zero-page memory grows from nothing. */
  w2n_memory z;
  w2n_memory_init(&z, 0, 65536);
  CHECK(z.base != NULL);
  CHECK_EQ(w2n_memory_grow(&z, 2), 0);
  z.base[2 * 65536 - 1] = 5;
  CHECK_EQ(z.size_bytes, 2 * 65536);
#endif
  /* tables */
  w2n_table t;
  w2n_table_init(&t, 2, 10);
  CHECK(t.elems[0] == NULL && t.elems[1] == NULL);
  CHECK_EQ(w2n_table_grow(&t, (void *)5, 3), 2);
  CHECK(t.elems[4] == (void *)5);
  CHECK_EQ(w2n_table_grow(&t, NULL, 6), 0xffffffffu);
  CHECK_EQ(w2n_table_grow(&t, NULL, 5), 5);
  CHECK_EQ(t.size, 10);
  for (uintptr_t i = 0; i < 10; i++) t.elems[i] = (void *)i;
  w2n_table_copy(&t, &t, 2, 0, 5); /* overlapping forward */
  CHECK(t.elems[2] == (void *)0 && t.elems[6] == (void *)4);
  w2n_table_copy(&t, &t, 0, 3, 5); /* overlapping backward */
  CHECK(t.elems[0] == (void *)1 && t.elems[4] == (void *)7);
  w2n_table_fill(&t, 8, (void *)9, 2);
  CHECK(t.elems[9] == (void *)9);
  void *seg[3] = {(void *)11, (void *)12, (void *)13};
  w2n_table_init_segment(&t, seg, 3, 7, 1, 2);
  CHECK(t.elems[7] == (void *)12 && t.elems[8] == (void *)13);
  w2n_table_init_segment(&t, NULL, 0, 10, 0, 0); /* empty at the end: fine */
  w2n_table_copy(&t, &t, 10, 10, 0);
  w2n_table t0;
  w2n_table_init(&t0, 0, 0xffffffffu);
  CHECK_EQ(t0.size, 0);
  CHECK_EQ(w2n_table_grow(&t0, NULL, 1), 0);
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static uint64_t bits(double d) { uint64_t u; memmove(&u, &d, 8); return u; }
static double dbl(uint64_t u) { double d; memmove(&d, &u, 8); return d; }
static uint32_t fbits(float f) { uint32_t u; memmove(&u, &f, 4); return u; }
static float flt(uint32_t u) { float f; memmove(&f, &u, 4); return f; }

/* memcpy, memmove (both directions, overlapping by any amount) and memset for every length up to 300
 * at every alignment of source and destination within 16 bytes, against byte loops; guard bytes
 * around the destination catch a write out of range. The paths differ by length (<= 32 bytes,
 * blocks) and by target (misaligned words on x86-64 and AArch64, aligned words elsewhere). */
static unsigned char memsrc[400], memdst[400], memref[400];
static void test_mem_exhaustive(void) {
  int bad = 0;
  for (int n = 0; n <= 300 && bad < 5; n++)
    for (int so = 0; so < 16; so++)
      for (int dOff = 0; dOff < 16; dOff++) {
        for (int i = 0; i < 400; i++) memsrc[i] = (unsigned char)(i * 7 + n), memdst[i] = memref[i] = 0xee;
        memcpy(memdst + 40 + dOff, memsrc + so, (size_t)n);
        for (int i = 0; i < n; i++) memref[40 + dOff + i] = memsrc[so + i];
        for (int i = 0; i < 400; i++) if (memdst[i] != memref[i]) { bad++; break; }
        /* memmove within one buffer: destination below, above, or equal to the source. */
        for (int shift = -20; shift <= 20; shift += 5) {
          int from = 60 + so, to = 60 + dOff + shift;
          for (int i = 0; i < 400; i++) memdst[i] = memref[i] = (unsigned char)(i * 13 + shift);
          memmove(memdst + to, memdst + from, (size_t)n);
          if (to < from) for (int i = 0; i < n; i++) memref[to + i] = memref[from + i];
          else for (int i = n - 1; i >= 0; i--) memref[to + i] = memref[from + i];
          for (int i = 0; i < 400; i++) if (memdst[i] != memref[i]) { bad++; break; }
        }
        if (so == 0) {
          for (int i = 0; i < 400; i++) memdst[i] = memref[i] = 0xee;
          memset(memdst + 40 + dOff, n & 0xff, (size_t)n);
          for (int i = 0; i < n; i++) memref[40 + dOff + i] = (unsigned char)n;
          for (int i = 0; i < 400; i++) if (memdst[i] != memref[i]) { bad++; break; }
        }
      }
  CHECK_EQ(bad, 0);
}

static void test_libm(void) {
  CHECK_EQ(bits(floor(-0.5)), bits(-1.0));
  CHECK_EQ(bits(floor(-0.0)), bits(-0.0));
  CHECK_EQ(bits(ceil(-0.5)), bits(-0.0));
  CHECK_EQ(bits(ceil(0.2)), bits(1.0));
  CHECK_EQ(bits(trunc(-2.7)), bits(-2.0));
  CHECK_EQ(bits(rint(2.5)), bits(2.0));
  CHECK_EQ(bits(rint(3.5)), bits(4.0));
  CHECK_EQ(bits(rint(-0.5)), bits(-0.0));
  CHECK_EQ(bits(rint(0.5000000000000001)), bits(1.0));
  CHECK_EQ(bits(nearbyint(-1.5)), bits(-2.0));
  CHECK_EQ(bits(rint(4503599627370495.5)), bits(4503599627370496.0));
  CHECK_EQ(bits(floor(1e300)), bits(1e300));
  CHECK_EQ(fbits(rintf(2.5f)), fbits(2.0f));
  CHECK_EQ(fbits(rintf(-3.5f)), fbits(-4.0f));
  CHECK_EQ(fbits(floorf(-0.25f)), fbits(-1.0f));
  CHECK_EQ(fbits(ceilf(-0.25f)), fbits(-0.0f));
  CHECK_EQ(fbits(truncf(8388607.5f)), fbits(8388607.0f));
  CHECK_EQ(fbits(nearbyintf(8388606.5f)), fbits(8388606.0f));
  CHECK((bits(floor(dbl(0x7ff0000000000001ull))) & 0x0008000000000000ull) != 0); /* sNaN quieted */
  CHECK_EQ(bits(fmin(-0.0, 0.0)), bits(-0.0));
  CHECK_EQ(bits(fmax(-0.0, 0.0)), bits(0.0));
  CHECK_EQ(bits(fmin(dbl(0x7ff8000000000000ull), 3.0)), bits(3.0));
  CHECK_EQ(bits(copysign(3.0, -0.0)), bits(-3.0));
  CHECK_EQ(bits(fabs(-0.0)), bits(0.0));
  CHECK_EQ(bits(sqrt(2.0)), bits(w2n_soft_sqrt(2.0)));
  CHECK_EQ(bits(w2n_soft_sqrt(4.0)), bits(2.0));
  CHECK_EQ(bits(w2n_soft_sqrt(dbl(1))), bits(sqrt(dbl(1)))); /* smallest subnormal */
  CHECK_EQ(fbits(w2n_soft_sqrtf(flt(1))), fbits(sqrtf(flt(1))));
  /* Compare rounding helpers against the hardware for many random bit patterns. */
  int bad = 0;
  for (int i = 0; i < 200000; i++) {
    uint64_t u = next();
    if (i & 1) u = (u & 0x800fffffffffffffull) | ((uint64_t)(1000 + (u >> 56) % 70) << 52); /* near integers */
    double x = dbl(u);
    if (((u >> 52) & 0x7ff) == 0x7ff) continue;
    if (!(u >> 63) && bits(w2n_soft_sqrt(x)) != bits(sqrt(x))) bad++;
    uint32_t v = (uint32_t)u;
    float f = flt(v);
    if (((v >> 23) & 0xff) != 0xff && !(v >> 31) && fbits(w2n_soft_sqrtf(f)) != fbits(sqrtf(f))) bad++;
#if defined(__x86_64__)
    double hr; __asm__("roundsd $4, %1, %0" : "=x"(hr) : "x"(x)); /* nearest-even, hardware */
    double hf; __asm__("roundsd $1, %1, %0" : "=x"(hf) : "x"(x));
    double hc; __asm__("roundsd $2, %1, %0" : "=x"(hc) : "x"(x));
    double ht; __asm__("roundsd $3, %1, %0" : "=x"(ht) : "x"(x));
#elif defined(__aarch64__)
    double hr; __asm__("frintn %d0, %d1" : "=w"(hr) : "w"(x));
    double hf; __asm__("frintm %d0, %d1" : "=w"(hf) : "w"(x));
    double hc; __asm__("frintp %d0, %d1" : "=w"(hc) : "w"(x));
    double ht; __asm__("frintz %d0, %d1" : "=w"(ht) : "w"(x));
#endif
#if defined(__x86_64__) || defined(__aarch64__) /* armv7 (VFPv3) and rv64gc have no rounding instructions */
    if (bits(rint(x)) != bits(hr) || bits(floor(x)) != bits(hf) || bits(ceil(x)) != bits(hc) || bits(trunc(x)) != bits(ht)) bad++;
#endif
  }
  CHECK_EQ(bad, 0);
  /* memmove / memset / memcmp */
  char b[64];
  for (int i = 0; i < 64; i++) b[i] = (char)i;
  memmove(b + 3, b, 40);
  CHECK(b[3] == 0 && b[42] == 39);
  memmove(b, b + 9, 40);
  CHECK(b[0] == 6 && b[39] == 48);
  memset(b + 1, 0x5a, 50);
  CHECK(b[0] == 6 && b[1] == 0x5a && b[50] == 0x5a && b[51] == 51);
  CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abc", 3) == 0);
  test_mem_exhaustive();
}

/* Reads a whole directory through fd_readdir with a small buffer, as wasi-libc does. Returns the
 * number of entries seen and concatenates "name," into names. */
static int list_dir(int fd, uint32_t bufsize, char *names, size_t cap) {
  uint64_t cookie = 0;
  int count = 0;
  size_t nl = 0;
  for (int guard = 0; guard < 1000; guard++) {
    int32_t r = w2n_wasi_fd_readdir(&mem, fd, BIG, (int32_t)bufsize, (int64_t)cookie, RES);
    if (r) { CHECK_EQ(r, 0); return -1; }
    uint32_t used = u32at(RES), off = 0;
    int progressed = 0;
    while (off + 24 <= used) {
      uint32_t namlen = u32at(BIG + off + 16);
      if (off + 24 + namlen > used) break; /* truncated entry: re-read from its cookie */
      const char *name = (const char *)mem.base + BIG + off + 24;
      if (!(namlen == 1 && name[0] == '.') && !(namlen == 2 && name[0] == '.' && name[1] == '.')) {
        for (uint32_t k = 0; k < namlen && nl + 2 < cap; k++) names[nl++] = name[k];
        names[nl++] = ',';
        count++;
      }
      cookie = u64at(BIG + off);
      off += 24 + namlen;
      progressed = 1;
    }
    names[nl] = 0;
    if (used < bufsize) return count;
    if (!progressed) bufsize *= 2; /* one entry larger than the buffer */
  }
  return -1;
}

static int32_t open_file(int dirfd, const char *p, int32_t oflags, int follow, int32_t *fd_out) {
  uint32_t n = path(PATH, p);
  /* Like wasi-libc: a directory is opened without write rights (with them, O_DIRECTORY fails EISDIR). */
  int64_t rights = (1 << 30) - 1;
  if (oflags & 2) rights &= ~(int64_t)(1 | 64 | 256 | (1 << 22));
  int32_t r = w2n_wasi_path_open(&mem, dirfd, follow, PATH, (int32_t)n, oflags, rights, (1 << 30) - 1, 0, RES);
  *fd_out = r ? -1 : (int32_t)u32at(RES);
  return r;
}

#if UINTPTR_MAX <= 0xffffffffu
/* What only the 32-bit-time fallback does: the wall clock read through a 32-bit time_t is still in
 * nanoseconds since 1970 (after 2020-09-13, 1.6e18 ns), and a timestamp after January 2038 cannot be
 * set through it: WASI overflow (61) rather than a wrapped, wrong time. */
static void test_time32(void) {
  CHECK_EQ(w2n_wasi_clock_time_get(&mem, 0, 0, RES), 0);
  CHECK(u64at(RES) > 1600000000ull * 1000000000ull);
  int32_t fd;
  CHECK_EQ(open_file(3, "inside.txt", 0, 0, &fd), 0);
  CHECK_EQ(w2n_wasi_fd_filestat_set_times(&mem, fd, 0, 3000000000ull * 1000000000ull, 4), 61);
  CHECK_EQ(w2n_wasi_fd_filestat_set_times(&mem, fd, 0, 2000000000ull * 1000000000ull, 4), 0);
  CHECK_EQ(w2n_wasi_fd_filestat_get(&mem, fd, BIG), 0);
  CHECK_EQ(u64at(BIG + 48), 2000000000ull * 1000000000ull);
  w2n_wasi_fd_close(&mem, fd);
}
#endif

static void test_files(void) {
  /* preopens */
  CHECK_EQ(w2n_wasi_fd_prestat_get(&mem, 3, RES), 0);
  CHECK_EQ(u32at(RES + 4), 8);
  CHECK_EQ(w2n_wasi_fd_prestat_dir_name(&mem, 3, PATH, 8), 0);
  CHECK(memcmp(mem.base + PATH, "/sandbox", 8) == 0);
  CHECK_EQ(w2n_wasi_fd_prestat_get(&mem, 4, RES), 0);
  CHECK_EQ(u32at(RES + 4), 8);
  CHECK_EQ(w2n_wasi_fd_prestat_dir_name(&mem, 4, PATH, 8), 0);
  CHECK(memcmp(mem.base + PATH, "sandbox2", 8) == 0);
  CHECK_EQ(w2n_wasi_fd_prestat_get(&mem, 5, RES), 8);
  CHECK_EQ(w2n_wasi_fd_prestat_get(&mem, 1, RES), 8);
  CHECK_EQ(w2n_wasi_fd_fdstat_get(&mem, 3, RES), 0);
  CHECK_EQ(mem.base[RES], 3);

  /* create, write, read back */
  uint32_t n = path(PATH, "sub");
  CHECK_EQ(w2n_wasi_path_create_directory(&mem, 3, PATH, (int32_t)n), 0);
  CHECK_EQ(w2n_wasi_path_create_directory(&mem, 3, PATH, (int32_t)n), 20); /* exists */
  int32_t fd;
  CHECK_EQ(open_file(3, "sub/hello.txt", 1 | 8, 0, &fd), 0);
  CHECK(fd >= 5);
  put(OUTBUF, "hello file", 10);
  set_iov(IOV, OUTBUF, 5);
  set_iov(IOV + 8, OUTBUF + 5, 5);
  CHECK_EQ(w2n_wasi_fd_write(&mem, fd, IOV, 2, RES), 0);
  CHECK_EQ(u32at(RES), 10);
  CHECK_EQ(w2n_wasi_fd_tell(&mem, fd, RES), 0);
  CHECK_EQ(u64at(RES), 10);
  CHECK_EQ(w2n_wasi_fd_seek(&mem, fd, 0, 0, RES), 0);
  set_iov(IOV, BIG, 100);
  CHECK_EQ(w2n_wasi_fd_read(&mem, fd, IOV, 1, RES), 0);
  CHECK_EQ(u32at(RES), 10);
  CHECK(memcmp(mem.base + BIG, "hello file", 10) == 0);
  put(OUTBUF, "J", 1);
  set_iov(IOV, OUTBUF, 1);
  CHECK_EQ(w2n_wasi_fd_pwrite(&mem, fd, IOV, 1, 0, RES), 0);
  set_iov(IOV, BIG, 3);
  CHECK_EQ(w2n_wasi_fd_pread(&mem, fd, IOV, 1, 0, RES), 0);
  CHECK(memcmp(mem.base + BIG, "Jel", 3) == 0);
  CHECK_EQ(w2n_wasi_fd_filestat_get(&mem, fd, BIG), 0);
  CHECK_EQ(mem.base[BIG + 16], 4);
  CHECK_EQ(u64at(BIG + 32), 10);
  CHECK_EQ(w2n_wasi_fd_filestat_set_size(&mem, fd, 4), 0);
  CHECK_EQ(w2n_wasi_fd_filestat_get(&mem, fd, BIG), 0);
  CHECK_EQ(u64at(BIG + 32), 4);
  CHECK_EQ(w2n_wasi_fd_filestat_set_times(&mem, fd, 1000000000ll * 1234567, 0, 1), 0);
  CHECK_EQ(w2n_wasi_fd_filestat_get(&mem, fd, BIG), 0);
  CHECK_EQ(u64at(BIG + 40), 1000000000ull * 1234567);
  CHECK_EQ(w2n_wasi_fd_sync(&mem, fd), 0);
  CHECK_EQ(w2n_wasi_fd_datasync(&mem, fd), 0);
  CHECK_EQ(w2n_wasi_fd_advise(&mem, fd, 0, 0, 1), 0);
  CHECK_EQ(w2n_wasi_fd_fdstat_set_flags(&mem, fd, 1), 0);
  CHECK_EQ(w2n_wasi_fd_fdstat_get(&mem, fd, RES), 0);
  CHECK_EQ(mem.base[RES], 4);
  CHECK_EQ(mem.base[RES + 2], 1);
  CHECK_EQ(w2n_wasi_fd_fdstat_set_rights(&mem, fd, 2, 0), 0);
  CHECK_EQ(w2n_wasi_fd_fdstat_set_rights(&mem, fd, 3, 0), 76);
  /* bad guest pointers */
  set_iov(IOV, (uint32_t)mem.size_bytes - 4, 8);
  CHECK_EQ(w2n_wasi_fd_write(&mem, fd, IOV, 1, RES), 21);
  CHECK_EQ(w2n_wasi_fd_write(&mem, fd, (int32_t)mem.size_bytes - 4, 1, RES), 21);
  CHECK_EQ(w2n_wasi_fd_read(&mem, fd, IOV, 1, -1), 21);
  CHECK_EQ(w2n_wasi_path_open(&mem, 3, 0, PATH, -1, 0, 0, 0, 0, RES), 21);
  CHECK_EQ(w2n_wasi_fd_close(&mem, fd), 0);
  CHECK_EQ(w2n_wasi_fd_close(&mem, fd), 8);

  /* filestat by path; EXCL */
  n = path(PATH, "sub/hello.txt");
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH, (int32_t)n, BIG), 0);
  CHECK_EQ(u64at(BIG + 32), 4);
  CHECK_EQ(open_file(3, "sub/hello.txt", 1 | 4, 0, &fd), 20);
  CHECK_EQ(open_file(3, "sub/missing", 0, 0, &fd), 44);
  CHECK_EQ(open_file(3, "sub/hello.txt", 2, 0, &fd), 54); /* O_DIRECTORY on a file */

  /* directory listing with a tiny buffer: every name exactly once */
  for (int i = 0; i < 20; i++) {
    char name[32] = "sub/file_with_a_longish_name_00";
    name[29] = (char)('0' + i / 10);
    name[30] = (char)('0' + i % 10);
    int32_t f2;
    CHECK_EQ(open_file(3, name, 1, 0, &f2), 0);
    w2n_wasi_fd_close(&mem, f2);
  }
  int32_t dfd;
  CHECK_EQ(open_file(3, "sub", 2, 0, &dfd), 0);
  char names[2048];
  CHECK_EQ(list_dir(dfd, 40, names, sizeof names), 21);
  CHECK_EQ(list_dir(dfd, 4096, names, sizeof names), 21);
  int seen = 0;
  for (size_t i = 0; names[i]; i++) seen += names[i] == ',';
  CHECK_EQ(seen, 21);
  CHECK_EQ(list_dir(3, 128, names, sizeof names) >= 1, 1); /* readdir on the O_PATH preopen itself */
  CHECK_EQ(w2n_wasi_fd_close(&mem, dfd), 0);

  /* rename, symlink, readlink, link, unlink, rmdir */
  n = path(PATH, "sub/hello.txt");
  uint32_t n2 = path(PATH2, "moved.txt");
  CHECK_EQ(w2n_wasi_path_rename(&mem, 3, PATH, (int32_t)n, 3, PATH2, (int32_t)n2), 0);
  n = path(PATH, "sub/../moved.txt");
  n2 = path(PATH2, "link_to_moved");
  CHECK_EQ(w2n_wasi_path_symlink(&mem, PATH, (int32_t)n, 3, PATH2, (int32_t)n2), 0);
  CHECK_EQ(w2n_wasi_path_readlink(&mem, 3, PATH2, (int32_t)n2, BIG, 100, RES), 0);
  CHECK_EQ(u32at(RES), n);
  CHECK(memcmp(mem.base + BIG, "sub/../moved.txt", n) == 0);
  CHECK_EQ(w2n_wasi_path_readlink(&mem, 3, PATH2, (int32_t)n2, BIG, 3, RES), 0);
  CHECK_EQ(u32at(RES), 3);
  CHECK_EQ(open_file(3, "link_to_moved", 0, 1, &fd), 0); /* follow: reaches moved.txt */
  set_iov(IOV, BIG, 100);
  CHECK_EQ(w2n_wasi_fd_read(&mem, fd, IOV, 1, RES), 0);
  CHECK_EQ(u32at(RES), 4);
  w2n_wasi_fd_close(&mem, fd);
  CHECK_EQ(open_file(3, "link_to_moved", 0, 0, &fd), 32); /* no follow: ELOOP */
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH2, (int32_t)n2, BIG), 0);
  CHECK_EQ(mem.base[BIG + 16], 7);
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 1, PATH2, (int32_t)n2, BIG), 0);
  CHECK_EQ(mem.base[BIG + 16], 4);
  n = path(PATH, "hardlink");
  CHECK_EQ(w2n_wasi_path_link(&mem, 3, 1, PATH2, (int32_t)n2, 3, PATH, (int32_t)n), 0);
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH, (int32_t)n, BIG), 0);
  CHECK_EQ(mem.base[BIG + 16], 4); /* linked the target, not the symlink */
  CHECK_EQ(u64at(BIG + 24), 2);
  CHECK_EQ(w2n_wasi_path_filestat_set_times(&mem, 3, 0, PATH, (int32_t)n, 0, 5000000000ll, 4), 0);
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH, (int32_t)n, BIG), 0);
  CHECK_EQ(u64at(BIG + 48), 5000000000ull);
  CHECK_EQ(w2n_wasi_path_unlink_file(&mem, 3, PATH, (int32_t)n), 0);
  CHECK_EQ(w2n_wasi_path_unlink_file(&mem, 3, PATH, (int32_t)n), 44);
  n = path(PATH, "sub");
  CHECK_EQ(w2n_wasi_path_remove_directory(&mem, 3, PATH, (int32_t)n), 55); /* not empty */
  n = path(PATH, "sub/");
  CHECK_EQ(w2n_wasi_path_unlink_file(&mem, 3, PATH, (int32_t)n), 31);
  n = path(PATH, "emptydir/");
  CHECK_EQ(w2n_wasi_path_create_directory(&mem, 3, PATH, (int32_t)n), 0);
  CHECK_EQ(w2n_wasi_path_remove_directory(&mem, 3, PATH, (int32_t)n), 0);
  n = path(PATH, ".");
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH, (int32_t)n, BIG), 0);
  CHECK_EQ(mem.base[BIG + 16], 3);

  /* renumber */
  CHECK_EQ(open_file(3, "moved.txt", 0, 0, &fd), 0);
  int32_t fd2;
  CHECK_EQ(open_file(3, "moved.txt", 0, 0, &fd2), 0);
  CHECK_EQ(w2n_wasi_fd_renumber(&mem, fd, fd2), 0);
  CHECK_EQ(w2n_wasi_fd_close(&mem, fd), 8);
  CHECK_EQ(w2n_wasi_fd_close(&mem, fd2), 0);

  /* the second preopen (HOST form) works too */
  CHECK_EQ(open_file(4, "inside2.txt", 1, 0, &fd), 0);
  w2n_wasi_fd_close(&mem, fd);

  /* clocks, random, poll, sockets */
  CHECK_EQ(w2n_wasi_clock_time_get(&mem, 1, 0, RES), 0);
  uint64_t t0 = u64at(RES);
  CHECK_EQ(w2n_wasi_clock_res_get(&mem, 0, RES), 0);
  CHECK_EQ(w2n_wasi_clock_time_get(&mem, 9, 0, RES), 28);
  CHECK_EQ(w2n_wasi_random_get(&mem, BIG, 64), 0);
  CHECK_EQ(w2n_wasi_random_get(&mem, (int32_t)mem.size_bytes - 8, 64), 21);
  /* one clock subscription of 20 ms relative */
  memset(mem.base + BIG, 0, 48 * 2);
  uint64_t ud = 42, timeout = 20000000;
  put(BIG, &ud, 8);
  mem.base[BIG + 8] = 0;
  uint32_t clk = 1;
  put(BIG + 16, &clk, 4);
  put(BIG + 24, &timeout, 8);
  CHECK_EQ(w2n_wasi_poll_oneoff(&mem, BIG, BIG + 0x200, 1, RES), 0);
  CHECK_EQ(u32at(RES), 1);
  CHECK_EQ(u64at(BIG + 0x200), 42);
  CHECK_EQ(w2n_wasi_clock_time_get(&mem, 1, 0, RES), 0);
  CHECK(u64at(RES) - t0 >= 20000000);
  /* fd_write on stdout is ready immediately; a 10 s clock must not fire */
  timeout = 10000000000ull;
  put(BIG + 24, &timeout, 8);
  ud = 7;
  put(BIG + 48, &ud, 8);
  mem.base[BIG + 48 + 8] = 2;
  uint32_t one = 1;
  put(BIG + 48 + 16, &one, 4);
  CHECK_EQ(w2n_wasi_poll_oneoff(&mem, BIG, BIG + 0x200, 2, RES), 0);
  CHECK_EQ(u32at(RES), 1);
  CHECK_EQ(u64at(BIG + 0x200), 7);
  CHECK_EQ(mem.base[BIG + 0x200 + 10], 2);
  CHECK_EQ(w2n_wasi_poll_oneoff(&mem, BIG, BIG + 0x200, 0, RES), 28);
  CHECK_EQ(w2n_wasi_sched_yield(&mem), 0);
  CHECK_EQ(w2n_wasi_sock_recv(&mem, 0, 0, 0, 0, 0, 0), 57); /* stdin is not a socket: ENOTSOCK */
  CHECK_EQ(w2n_wasi_sock_shutdown(&mem, 99, 3), 8);
}

static int32_t try_open(const char *p, int follow) {
  uint32_t n = path(PATH, p); /* read-only, so directories open too */
  int32_t r = w2n_wasi_path_open(&mem, 3, follow, PATH, (int32_t)n, 0, 2, 0, 0, RES);
  if (!r) w2n_wasi_fd_close(&mem, (int32_t)u32at(RES));
  return r;
}

static void test_escape(void) {
  uint32_t n0;
  CHECK_EQ(try_open("../outside/secret.txt", 1), 76);
  CHECK_EQ(try_open("/etc/passwd", 1), 76);
  CHECK_EQ(try_open("etc_link/passwd", 1), 76);    /* intermediate symlink to /etc */
  CHECK_EQ(try_open("etc_link/passwd", 0), 76);
  CHECK_EQ(try_open("rel_escape/secret.txt", 0), 76); /* symlink to ../outside */
  CHECK_EQ(try_open("rel_escape_file", 1), 76);       /* final symlink to ../outside/secret.txt */
  CHECK_EQ(try_open("dir/../../outside/secret.txt", 1), 76);
  CHECK_EQ(try_open("dir/../inside.txt", 1), 0);
  CHECK_EQ(try_open("dir/up_link/inside.txt", 1), 0); /* dir/up_link -> .. stays inside */
  CHECK_EQ(try_open("dir/up_up_link/outside/secret.txt", 1), 76); /* -> ../.. */
  CHECK_EQ(try_open("loop1", 1), 32);
  CHECK_EQ(try_open("inside.txt", 1), 0);
  CHECK_EQ(try_open(".", 1), 0);
  CHECK_EQ(try_open("..", 1), 76);
  CHECK_EQ(try_open("etc_link/", 0), 76); /* a trailing slash follows the link */
  CHECK_EQ(try_open("dir/up_link/dir/up_link/inside.txt", 0), 0);
  n0 = path(PATH, "rel_escape/");
  CHECK_EQ(w2n_wasi_path_remove_directory(&mem, 3, PATH, (int32_t)n0), 76);
  n0 = path(PATH, "dir/up_up_link");
  CHECK_EQ(w2n_wasi_path_unlink_file(&mem, 3, PATH, (int32_t)n0), 0); /* removes the link itself */
  uint32_t n = path(PATH, "../evil_dir");
  CHECK_EQ(w2n_wasi_path_create_directory(&mem, 3, PATH, (int32_t)n), 76);
  n = path(PATH, "etc_link/evil_dir");
  CHECK_EQ(w2n_wasi_path_create_directory(&mem, 3, PATH, (int32_t)n), 76);
  n = path(PATH, "rel_escape/secret.txt");
  CHECK_EQ(w2n_wasi_path_unlink_file(&mem, 3, PATH, (int32_t)n), 76);
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH, (int32_t)n, BIG), 76);
  n = path(PATH, "etc_link");
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 0, PATH, (int32_t)n, BIG), 0); /* the link itself */
  CHECK_EQ(w2n_wasi_path_filestat_get(&mem, 3, 1, PATH, (int32_t)n, BIG), 76);
  n = path(PATH, "rel_escape_file");
  uint32_t n2 = path(PATH2, "stolen");
  CHECK_EQ(w2n_wasi_path_link(&mem, 3, 1, PATH, (int32_t)n, 3, PATH2, (int32_t)n2), 76);
  CHECK_EQ(w2n_wasi_path_filestat_set_times(&mem, 3, 1, PATH, (int32_t)n, 0, 0, 8), 76);
  n = path(PATH, "inside.txt");
  n2 = path(PATH2, "../outside/moved_out");
  CHECK_EQ(w2n_wasi_path_rename(&mem, 3, PATH, (int32_t)n, 3, PATH2, (int32_t)n2), 76);
  n = path(PATH, "/etc/passwd");
  n2 = path(PATH2, "abs_link");
  CHECK_EQ(w2n_wasi_path_symlink(&mem, PATH, (int32_t)n, 3, PATH2, (int32_t)n2), 76);
  n = path(PATH, "x");
  n2 = path(PATH2, "../planted_link");
  CHECK_EQ(w2n_wasi_path_symlink(&mem, PATH, (int32_t)n, 3, PATH2, (int32_t)n2), 76);
  /* creating through a dangling link that points outside must not create the file outside */
  int32_t fd;
  CHECK_EQ(open_file(3, "dangling_out", 1, 1, &fd), 76);
  n = path(PATH, "rel_escape");
  CHECK_EQ(w2n_wasi_path_readlink(&mem, 3, PATH, (int32_t)n, BIG, 100, RES), 0); /* reading a link is fine */
  /* a path with an embedded NUL is rejected */
  put(PATH, "inside.txt\0x", 12);
  CHECK_EQ(w2n_wasi_path_open(&mem, 3, 0, PATH, 12, 0, 2, 0, 0, RES), 28);
}

/* Arithmetic the C compiler may lower to helper calls on 32-bit targets (armv7: __aeabi_ldivmod,
 * __aeabi_d2lz, __aeabi_ul2f, ...). The expected values hold on every target. */
static void test_builtins(void) {
  volatile uint64_t u0 = 0xffffffffffffffffull, u1 = 0x123456789abcdef0ull, u2 = 0x12345, u3 = 3;
  volatile int64_t s0 = -7, s1 = 2, s2 = INT64_MIN, s3 = -2;
  CHECK(u0 / u3 == 0x5555555555555555ull && u0 % u3 == 0);
  CHECK(u1 / u2 == 0x100005b00205ull && u1 % u2 == 0xa497);
  CHECK(u1 / 0x100000000ull == 0x12345678ull);
  CHECK(u0 / u0 == 1 && u2 / u1 == 0 && u2 % u1 == 0x12345);
  CHECK_EQ(s0 / s1, -3); CHECK_EQ(s0 % s1, -1);
  CHECK_EQ(7 / s3, -3); CHECK_EQ(7 % s3, 1);
  CHECK_EQ(s2 / s1, -(1ll << 62)); CHECK_EQ(s2 % s3, 0);
  CHECK_EQ(s2 / 1, INT64_MIN);
  volatile uint32_t w0 = 0xffffffffu, w1 = 7;
  volatile int32_t i0 = INT32_MIN, i1 = -7, i2 = 3;
  CHECK(w0 / w1 == 613566756u && w0 % w1 == 3);
  CHECK_EQ(i0 / 2, -1073741824); CHECK_EQ(i1 / i2, -2); CHECK_EQ(i1 % i2, -1); CHECK_EQ(7 % -i2, 1);
  volatile double d0 = -9223372036854775808.0, d1 = 9223372036854774784.0, d2 = 18446744073709549568.0;
  volatile double d3 = -0.9, d4 = 1e-300, d5 = -1.5, d6 = 4503599627370497.0, d7 = 123456789012.75;
  CHECK_EQ((int64_t)d0, INT64_MIN);
  CHECK_EQ((int64_t)d1, 9223372036854774784ll);
  CHECK((uint64_t)d2 == 18446744073709549568ull);
  CHECK_EQ((int64_t)d3, 0); CHECK((uint64_t)d3 == 0); CHECK_EQ((int64_t)d4, 0);
  CHECK_EQ((int64_t)d5, -1); CHECK_EQ((int64_t)d6, 4503599627370497ll);
  CHECK((uint64_t)d7 == 123456789012ull);
  volatile float f0 = -9223372036854775808.0f, f1 = 18446742974197923840.0f, f2 = -0.75f, f3 = 16777215.0f;
  CHECK_EQ((int64_t)f0, INT64_MIN);
  CHECK((uint64_t)f1 == 18446742974197923840ull);
  CHECK_EQ((int64_t)f2, 0); CHECK_EQ((int64_t)f3, 16777215);
  volatile int64_t l0 = INT64_MAX, l1 = -1, l2 = INT64_MIN;
  volatile uint64_t v0 = 0xffffffffffffffffull, v1 = (1ull << 53) + 1, v2 = (1ull << 53) + 3;
  volatile uint64_t v3 = 0x8000008000000001ull, v4 = 0x1000001, v5 = 0x1000003;
  CHECK((double)l0 == 9223372036854775808.0 && (double)l1 == -1.0 && (double)l2 == -9223372036854775808.0);
  CHECK((double)v0 == 18446744073709551616.0);
  CHECK((double)v1 == 9007199254740992.0 && (double)v2 == 9007199254740996.0);
  CHECK((float)v0 == 18446744073709551616.0f && (float)l0 == 9223372036854775808.0f);
  CHECK((float)v3 == 9223373136366403584.0f);             /* no double rounding */
  CHECK((float)-(int64_t)((v3 >> 1) | 1) == -4611686568183201792.0f);
  CHECK((float)v4 == 16777216.0f && (float)v5 == 16777220.0f && (float)l1 == -1.0f);
  volatile int sh = 37;
  CHECK((u1 << sh) == 0x579bde0000000000ull && (u1 >> sh) == 0x91a2b3ull && (s0 >> sh) == -1);
  CHECK_EQ(__builtin_popcountll(u1), 32); CHECK_EQ(__builtin_popcount(w1), 3);
  CHECK_EQ(__builtin_clzll(u2), 47); CHECK_EQ(__builtin_ctzll(u1), 4);
  /* memcpy/memset through the compiler's own lowering (on armv7: __aeabi_memcpy*, __aeabi_memclr*) */
  char a[40], b[40];
  for (int i = 0; i < 40; i++) a[i] = (char)i;
  __builtin_memcpy(b, a, sizeof b);
  CHECK_EQ(b[39], 39);
  __builtin_memset(b, 0, sizeof b);
  CHECK_EQ(b[17], 0);
}

int32_t w2n_module_main(void) {
  w2n_memory_init(&mem, 2, 10);
  w2n_table_init(&tab, 4, 4);
  /* argv[1] selects the scenario */
  w2n_wasi_args_sizes_get(&mem, RES, RES + 4);
  uint32_t argc = u32at(RES);
  w2n_wasi_args_get(&mem, BIG, BIG + 0x400);
  const char *mode = argc > 1 ? (const char *)mem.base + u32at(BIG + 4) : "hello";
  char m[32];
  size_t ml = slen(mode) < 31 ? slen(mode) : 31;
  memmove(m, mode, ml);
  m[ml] = 0;
#define IS(s) (slen(m) == slen(s) && memcmp(m, s, slen(s)) == 0)
  if (IS("hello")) { out("hello, world\n"); return 0; }
  if (IS("exit7")) { w2n_wasi_proc_exit(&mem, 7); }
  if (IS("args")) test_args();
  else if (IS("trap")) return trapper(0);
  else if (IS("oob")) return (int32_t)oob_load(3 * 65536);
  else if (IS("oob_far")) return (int32_t)oob_load(0xffffffffull + 0xffffffffull + 12);
  else if (IS("stack")) return recurse(0);
  else if (IS("stack_check")) return checked_recurse(0);
  else if (IS("table_oob")) table_oob();
  else if (IS("unknown")) w2n_trap(W2N_TRAP_UNREACHABLE, NULL);
  else if (IS("host_segv")) return host_null_deref();
  else if (IS("wasm_segv")) return wasm_null_deref();
  else if (IS("grow")) test_grow();
  else if (IS("libm")) test_libm();
  else if (IS("builtins")) test_builtins();
  else if (IS("files")) test_files();
  else if (IS("files_fallback")) { w2n_sandbox_disable_openat2 = 1; test_files(); }
  else if (IS("escape")) test_escape();
  else if (IS("escape_fallback")) { w2n_sandbox_disable_openat2 = 1; test_escape(); }
#if UINTPTR_MAX <= 0xffffffffu
  /* 32-bit ARM on a kernel without the *_time64 calls: test_files's clocks, poll_oneoff timeouts and
   * filestat_set_times through the old 32-bit-time calls. */
  else if (IS("files_time32")) { w2n_sys_time32 = 1; test_time32(); test_files(); }
#endif
  else { out("unknown mode\n"); return 2; }
  if (failures) { out("FAILED\n"); return 1; }
  out("ok\n");
  return 0;
}
