/* wasi-shim/windows/wasi.h: internal declarations of the Windows WASI shim.
 *
 * Each WASI import is `int32_t w2n_wasi_NAME(w2n_memory *memory, params...)` as on Linux; the WASI
 * constants, guest-memory helpers and the fd table are shared (wasi-shim/common). An fd table entry
 * holds a Windows HANDLE: fds 0-2 the process's standard handles, then the preopened directories
 * (--dir, W2N_DIR: wasi_env.c) and what the guest opens from them, all opened by ntdll's NtCreateFile
 * relative to a directory handle (sandbox.c). docs/windows-wasi.md describes the design.
 */
#ifndef W2N_WASI_H
#define W2N_WASI_H

#include <stdint.h>

#include "rt.h"
#include "os.h"
#include "windows.h"
#include "nt.h"

/* An entry's host side: the handle; is_std for the standard handles, which are never closed (the
 * runtime reports traps on them); fdflags, the WASI fd flags (append is applied by fd_write, the
 * others only reported); for a directory, scan, a second handle of it whose directory scan fd_readdir
 * reads, and dir_pos, how many entries that scan has returned (fd_readdir starts a new scan on a new
 * handle when a guest's cookie goes back). */
#define WASI_HOST_FD_FIELDS                                                                               \
  HANDLE handle;                                                                                          \
  int is_std;                                                                                             \
  uint16_t fdflags;                                                                                       \
  HANDLE scan;                                                                                            \
  uint64_t dir_pos;
#include "../common/wasi_common.h"

/* errno.c: an NTSTATUS or a Win32 error as a WASI errno (never 0 for a failure). */
int32_t wasi_errno_from_nt(NTSTATUS status);
int32_t wasi_errno_from_win32(DWORD error);

/* wasi_clock.c: the current time of a WASI clock in ns, or -1 for an unknown clock id. */
int64_t wasi_clock_now(int32_t id);

/* ---- sandbox.c ---- */
#define WASI_NAME_MAX 255 /* UTF-16 units in one component */

/* A walk's result: the directory that holds the final component (an owned handle, closed by
 * sandbox_done) and that component as UTF-16 (len 0: the path names that directory itself, as "a/."
 * or "a/.." do); trailing is set when the guest path ended in '/' (it must name a directory). */
typedef struct {
  HANDLE dir;
  WCHAR name[WASI_NAME_MAX];
  uint16_t len;
  int trailing;
} sandbox_path;

/* Resolves `path` beneath the directory handle root up to its final component (expanding symlinks in
 * the sandbox, and a final one too with follow). 0 or a WASI errno: ENOTCAPABLE for every escape. */
int32_t sandbox_walk(HANDLE root, const char *path, int follow, sandbox_path *out);
void sandbox_done(sandbox_path *p);
/* NtCreateFile of the final component relative to its directory (the directory itself when len is 0),
 * never following a final reparse point (FILE_OPEN_REPARSE_POINT is always added). */
NTSTATUS sandbox_create(const sandbox_path *p, DWORD access, uint32_t disposition, uint32_t options, HANDLE *out);
/* A handle's attributes and reparse tag (FileAttributeTagInformation). */
NTSTATUS sandbox_attributes(HANDLE h, uint32_t *attributes, uint32_t *tag);
/* Whether attributes/tag make a link (a name-surrogate reparse point: symlink, junction). */
static inline int sandbox_is_link(uint32_t attributes, uint32_t tag) {
  return (attributes & FILE_ATTRIBUTE_REPARSE_POINT) && (tag & IO_REPARSE_TAG_NAME_SURROGATE);
}
/* A symlink's target as UTF-8 with '/' separators into buf (WASI_PATH_MAX); *relative says whether it
 * is relative to the link's directory. 0 or a WASI errno (EINVAL: not a symlink). */
int32_t sandbox_read_link(HANDLE h, char *buf, uint32_t *len, int *relative);

/* ---- wine.c: Unix symlinks under Wine, which Windows' API does not show there ---- */
typedef struct { uint64_t dev, ino, nlink, size, atim, mtim, ctim; } linux_stat_out;
/* 1 when running under Wine and name (in dir) is a Unix symlink: its target (NUL-terminated, WASI_PATH_MAX)
 * into target and *n, and its lstat into *st when given. 0 otherwise (always on Windows). */
int sandbox_wine_link(HANDLE dir, const WCHAR *name, uint16_t len, char *target, uint32_t *n, linux_stat_out *st);
/* Under Wine, makes name (in dir) a Unix symlink to target: 0 or a WASI errno (ENOTSUP on Windows). */
int32_t sandbox_wine_symlink(HANDLE dir, const WCHAR *name, uint16_t len, const char *target);
/* Under Wine, when from's final component is a Unix symlink: unlinks it, or renames or hard-links it to
 * `to`, itself (not what it points to): 0 or a WASI errno; -1 when it is not one (always on Windows). */
enum { WINE_UNLINK, WINE_RENAME, WINE_LINK };
int32_t sandbox_wine_link_op(int op, const sandbox_path *from, const sandbox_path *to);
/* Under Wine, sets a final Unix symlink's own times (fst checked): 0 or a WASI errno; -1 when not one. */
int32_t sandbox_wine_set_times(const sandbox_path *p, uint64_t atim, uint64_t mtim, int32_t fst);

/* ---- wasi_fd.c ---- */
/* Reopens an open directory's handle (the same directory, whatever its name is now). */
NTSTATUS wasi_reopen_directory(HANDLE dir, DWORD access, HANDLE *out);
/* The WASI filetype of an open handle. */
uint8_t wasi_handle_filetype(HANDLE h);
/* A WASI filestat of an open handle at p (64 bytes). */
int32_t wasi_handle_filestat(HANDLE h, uint8_t *p);
/* Sets a handle's times from WASI (atim, mtim, fst_flags, already checked). */
int32_t wasi_handle_set_times(HANDLE h, uint64_t atim, uint64_t mtim, int32_t fst);

#endif
