/* wasi-shim/common/wasi_common.h: what every OS's WASI shim shares beyond the ABI (wasi_abi.h): the fd
 * table (fdtable.h, fdtable.c), the fd_* calls that only touch the table (wasi_fd_common.c), and the
 * helpers every path_*, filestat and readdir implementation uses (paths.c).
 *
 * An OS's wasi.h defines WASI_HOST_FD_FIELDS, then includes this header.
 */
#ifndef W2N_WASI_COMMON_H
#define W2N_WASI_COMMON_H

#include "wasi_abi.h"
#include "fdtable.h"

#define WASI_PATH_MAX 4096

/* Copies a guest path into buf (WASI_PATH_MAX bytes) as a C string; fails on fault, embedded NUL, or
 * overlength. */
int32_t wasi_copy_path(w2n_memory *m, uint32_t ptr, uint32_t len, char *buf);
static inline int wasi_is_dot(const char *s, size_t n) { return n == 1 && s[0] == '.'; }
static inline int wasi_is_dotdot(const char *s, size_t n) { return n == 2 && s[0] == '.' && s[1] == '.'; }
static inline int wasi_ends_with_slash(const char *path) {
  size_t n = w2n_strlen(path);
  return n > 0 && path[n - 1] == '/';
}

/* path_open's part before the OS opens anything: the guest path copied into buf, the directory fd
 * looked up and its rights checked for the requested oflags (path_open, plus path_create_file to
 * create and path_filestat_set_size to truncate: EPERM, as other runtimes answer), flags checked. */
int32_t wasi_path_open_begin(w2n_memory *m, int32_t fd, uint32_t path, uint32_t path_len, int32_t oflags,
                             int32_t fdflags, char *buf, wasi_fd **dir);
/* The access the requested rights imply, as in wasi-libc's open(): WASI_WANT_READ and/or WASI_WANT_WRITE. */
#define WASI_WANT_READ 1
#define WASI_WANT_WRITE 2
int wasi_open_access(uint64_t rights_base);
/* A new fd's rights: the requested ones, limited to what the directory hands down and to what the
 * file type supports (a directory gets no fd_seek/fd_read/..., a file no path rights). */
void wasi_open_rights(const wasi_fd *dir, uint8_t filetype, uint64_t rights_base, uint64_t rights_inheriting,
                      uint64_t *base, uint64_t *inheriting);

/* fd_read, fd_write, fd_pread, fd_pwrite (wasi_fd_common.c) check their iovec array and every buffer,
 * then call the OS's wasi_fd_io with the fd looked up with the rights the kind needs. */
enum wasi_io_kind { WASI_IO_READ, WASI_IO_WRITE, WASI_IO_PREAD, WASI_IO_PWRITE };
int32_t wasi_fd_io(w2n_memory *m, wasi_fd *e, const uint8_t *iovs, uint32_t n, enum wasi_io_kind kind,
                   uint64_t offset, uint64_t *total);
/* fd_readdir (wasi_fd_common.c) checks its buffers and the directory fd, then the OS's wasi_fd_readdir
 * packs entries from `cookie` on into out[0..cap) (wasi_pack_dirent) and sets *used. */
int32_t wasi_fd_readdir(wasi_fd *e, uint8_t *out, uint32_t cap, uint64_t cookie, uint32_t *used);
/* The OS's fd_seek (fd_tell is fd_seek(fd, 0, current)). */
int32_t w2n_wasi_fd_seek(w2n_memory *m, int32_t fd, int64_t offset, int32_t whence, int32_t newoffset);

/* One step of a component-by-component walk (both OSes' sandboxes): the component at *p after any
 * '/', the rest after the '/'s that follow it, whether it is the last one and whether a '/' follows
 * that last one ("name/": it must be a directory). *p moves past the component. */
typedef struct {
  char *start, *rest;
  size_t len;
  int last, trailing;
} wasi_component;
static inline void wasi_next_component(char **p, wasi_component *c) {
  char *s = *p;
  while (*s == '/') s++;
  c->start = s;
  while (*s && *s != '/') s++;
  c->len = (size_t)(s - c->start);
  c->rest = s;
  while (*c->rest == '/') c->rest++;
  c->last = *c->rest == 0;
  c->trailing = c->last && c->rest != s;
  *p = s;
}

/* fd_filestat_set_times' and path_filestat_set_times' flags: 0 or WASI_EINVAL (unknown bits, or a time
 * both given and "now"). */
int32_t wasi_check_fstflags(int32_t fst);

/* A WASI filestat (64 bytes) at p. */
void wasi_pack_filestat(uint8_t *p, uint64_t dev, uint64_t ino, uint8_t filetype, uint64_t nlink, uint64_t size,
                        uint64_t atim, uint64_t mtim, uint64_t ctim);

/* Appends one WASI dirent (24-byte header, then the name) to out[0..cap) at *used, cut off at cap as the
 * spec says (a full buffer tells the guest to call again with a bigger one). */
void wasi_pack_dirent(uint8_t *out, uint32_t cap, uint32_t *used, uint64_t next_cookie, uint64_t ino, uint8_t filetype,
                      const char *name, uint32_t namlen);

#endif
