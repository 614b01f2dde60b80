/* wasi-shim/common/wasi_abi.h: what every OS's WASI shim shares: wasi_snapshot_preview1's errno,
 * file types, flags and rights, and the checked access to guest memory.
 *
 * Each OS's wasi.h (wasi-shim/linux/wasi.h, wasi-shim/windows/wasi.h) includes this and adds its own
 * fd table and host-specific helpers. Guest pointers are 32-bit offsets into memory->base; every one
 * is checked against memory->size_bytes with 64-bit arithmetic before use (guest_ptr), and an
 * out-of-range pointer yields WASI errno 21 (fault).
 */
#ifndef W2N_WASI_ABI_H
#define W2N_WASI_ABI_H

#include <stdint.h>

#include "w2n_abi.h"

/* ---- WASI errno (subset used by name; errno.c maps all Linux values) ---- */
enum {
  WASI_ESUCCESS = 0, WASI_E2BIG = 1, WASI_EACCES = 2, WASI_EAGAIN = 6, WASI_EBADF = 8, WASI_EEXIST = 20,
  WASI_EFAULT = 21, WASI_EINVAL = 28, WASI_EIO = 29, WASI_EISDIR = 31, WASI_ELOOP = 32, WASI_EMFILE = 33,
  WASI_ENAMETOOLONG = 37, WASI_ENOENT = 44, WASI_ENOMEM = 48, WASI_ENOSYS = 52, WASI_ENOTDIR = 54,
  WASI_ENOTEMPTY = 55, WASI_ENOTSUP = 58, WASI_EOVERFLOW = 61, WASI_EPERM = 63, WASI_EPIPE = 64, WASI_ESPIPE = 70,
  WASI_ENOTCAPABLE = 76,
};

enum {
  WASI_FILETYPE_UNKNOWN = 0, WASI_FILETYPE_BLOCK_DEVICE = 1, WASI_FILETYPE_CHARACTER_DEVICE = 2,
  WASI_FILETYPE_DIRECTORY = 3, WASI_FILETYPE_REGULAR_FILE = 4, WASI_FILETYPE_SOCKET_DGRAM = 5,
  WASI_FILETYPE_SOCKET_STREAM = 6, WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

#define WASI_FDFLAG_APPEND 1
#define WASI_FDFLAG_DSYNC 2
#define WASI_FDFLAG_NONBLOCK 4
#define WASI_FDFLAG_RSYNC 8
#define WASI_FDFLAG_SYNC 16

#define WASI_OFLAG_CREAT 1
#define WASI_OFLAG_DIRECTORY 2
#define WASI_OFLAG_EXCL 4
#define WASI_OFLAG_TRUNC 8

#define WASI_LOOKUP_SYMLINK_FOLLOW 1

#define WASI_FSTFLAG_ATIM 1
#define WASI_FSTFLAG_ATIM_NOW 2
#define WASI_FSTFLAG_MTIM 4
#define WASI_FSTFLAG_MTIM_NOW 8

/* Rights (bit n of the 64-bit rights sets). */
#define WASI_RIGHT_FD_DATASYNC (1ull << 0)
#define WASI_RIGHT_FD_READ (1ull << 1)
#define WASI_RIGHT_FD_SEEK (1ull << 2)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define WASI_RIGHT_FD_SYNC (1ull << 4)
#define WASI_RIGHT_FD_TELL (1ull << 5)
#define WASI_RIGHT_FD_WRITE (1ull << 6)
#define WASI_RIGHT_FD_ADVISE (1ull << 7)
#define WASI_RIGHT_FD_ALLOCATE (1ull << 8)
#define WASI_RIGHT_PATH_CREATE_DIRECTORY (1ull << 9)
#define WASI_RIGHT_PATH_CREATE_FILE (1ull << 10)
#define WASI_RIGHT_PATH_LINK_SOURCE (1ull << 11)
#define WASI_RIGHT_PATH_LINK_TARGET (1ull << 12)
#define WASI_RIGHT_PATH_OPEN (1ull << 13)
#define WASI_RIGHT_FD_READDIR (1ull << 14)
#define WASI_RIGHT_PATH_READLINK (1ull << 15)
#define WASI_RIGHT_PATH_RENAME_SOURCE (1ull << 16)
#define WASI_RIGHT_PATH_RENAME_TARGET (1ull << 17)
#define WASI_RIGHT_PATH_FILESTAT_GET (1ull << 18)
#define WASI_RIGHT_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define WASI_RIGHT_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define WASI_RIGHT_FD_FILESTAT_GET (1ull << 21)
#define WASI_RIGHT_FD_FILESTAT_SET_SIZE (1ull << 22)
#define WASI_RIGHT_FD_FILESTAT_SET_TIMES (1ull << 23)
#define WASI_RIGHT_PATH_SYMLINK (1ull << 24)
#define WASI_RIGHT_PATH_REMOVE_DIRECTORY (1ull << 25)
#define WASI_RIGHT_PATH_UNLINK_FILE (1ull << 26)
#define WASI_RIGHT_POLL_FD_READWRITE (1ull << 27)
#define WASI_RIGHT_SOCK_SHUTDOWN (1ull << 28)
#define WASI_RIGHT_SOCK_ACCEPT (1ull << 29)
#define WASI_RIGHTS_ALL ((1ull << 30) - 1)

/* The most an fd of each kind can hold (the sets other runtimes use). A directory has no I/O, seek or
 * size rights of its own, so fd_read/fd_seek/... on it fail with ENOTCAPABLE; files and streams have
 * no path rights. What a directory hands down (its inheriting rights) is both sets. */
#define WASI_RIGHTS_DIRECTORY_BASE                                                                       \
  (WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_ADVISE |                          \
   WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE | WASI_RIGHT_PATH_LINK_SOURCE |        \
   WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_OPEN | WASI_RIGHT_FD_READDIR | WASI_RIGHT_PATH_READLINK | \
   WASI_RIGHT_PATH_RENAME_SOURCE | WASI_RIGHT_PATH_RENAME_TARGET | WASI_RIGHT_PATH_FILESTAT_GET |         \
   WASI_RIGHT_PATH_FILESTAT_SET_SIZE | WASI_RIGHT_PATH_FILESTAT_SET_TIMES | WASI_RIGHT_FD_FILESTAT_GET |  \
   WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_PATH_SYMLINK | WASI_RIGHT_PATH_REMOVE_DIRECTORY |       \
   WASI_RIGHT_PATH_UNLINK_FILE | WASI_RIGHT_POLL_FD_READWRITE)
#define WASI_RIGHTS_FILE_BASE                                                                            \
  (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_FDSTAT_SET_FLAGS |   \
   WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_TELL | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ADVISE |                \
   WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE |               \
   WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_POLL_FD_READWRITE)
#define WASI_RIGHTS_SOCKET_BASE                                                                          \
  (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_FILESTAT_GET | \
   WASI_RIGHT_POLL_FD_READWRITE | WASI_RIGHT_SOCK_SHUTDOWN)
#define WASI_RIGHTS_DIRECTORY_INHERITING (WASI_RIGHTS_DIRECTORY_BASE | WASI_RIGHTS_FILE_BASE)

/* ---- guest memory access ---- */

/* Host pointer for guest range [ptr, ptr + len), or NULL if any byte is outside linear memory. */
static inline uint8_t *guest_ptr(w2n_memory *m, uint32_t ptr, uint64_t len) {
  if (!m || (uint64_t)ptr + len > m->size_bytes) return NULL;
  return m->base + ptr;
}
/* Guest memory is little-endian and possibly unaligned; these compile to plain stores on LE hosts. */
static inline void put_u8(uint8_t *p, uint8_t v) { *p = v; }
static inline void put_u16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }
static inline void put_u32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void put_u64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static inline uint16_t get_u16(const uint8_t *p) { uint16_t v; __builtin_memcpy(&v, p, 2); return v; }
static inline uint32_t get_u32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static inline uint64_t get_u64(const uint8_t *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }

/* args_* and environ_*: a counted vector of strings, its count and total size (NULs included), and the
 * vector itself as guest pointers into buf followed by the strings. (Needs rt.h's w2n_strlen, which
 * every shim includes first.) */
static inline int32_t wasi_strings_sizes_get(w2n_memory *m, const char *const *v, uint32_t count, uint32_t count_ptr,
                                             uint32_t size_ptr) {
  uint8_t *pc = guest_ptr(m, count_ptr, 4), *ps = guest_ptr(m, size_ptr, 4);
  if (!pc || !ps) return WASI_EFAULT;
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; i++) total += w2n_strlen(v[i]) + 1;
  if (total > 0xffffffffu) return WASI_EOVERFLOW;
  put_u32(pc, count);
  put_u32(ps, (uint32_t)total);
  return 0;
}

static inline int32_t wasi_strings_get(w2n_memory *m, const char *const *v, uint32_t count, uint32_t ptrs, uint32_t buf) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; i++) total += w2n_strlen(v[i]) + 1;
  uint8_t *pp = guest_ptr(m, ptrs, (uint64_t)count * 4), *pb = guest_ptr(m, buf, total);
  if (!pp || !pb) return WASI_EFAULT;
  uint32_t off = 0;
  for (uint32_t i = 0; i < count; i++) {
    size_t n = w2n_strlen(v[i]) + 1;
    put_u32(pp + 4 * i, buf + off);
    __builtin_memcpy(pb + off, v[i], n);
    off += (uint32_t)n;
  }
  return 0;
}

#endif
