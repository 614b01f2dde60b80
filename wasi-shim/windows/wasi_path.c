/* wasi-shim/windows/wasi_path.c: WASI calls on paths (path_*) on Windows, all confined by sandbox.c.
 *
 * Every guest path is copied out of linear memory (bounds-checked, NUL-free) and walked beneath the
 * given directory fd's handle (sandbox_walk) to the directory holding its final component; the call
 * then opens that one name relative to that directory (sandbox_create, never following a final
 * reparse point) and works on the handle: NtSetInformationFile renames (FileRenameInformation with
 * the target's directory as RootDirectory), links (FileLinkInformation) and deletes (POSIX-semantics
 * FileDispositionInformationEx where the file system has it, else the classic delete-on-close);
 * symlinks are reparse points written with FSCTL_SET_REPARSE_POINT (relative targets only).
 * Windows' own answers are made POSIX's where they differ (a directory unlinked: EISDIR; a file
 * renamed over a directory: EISDIR; ...), as the WASI test suite expects from every runtime.
 */
#include "wasi.h"

#define WASI_EBUSY_ 10 /* not in wasi_abi.h: only this file uses it */

typedef struct {
  char path[WASI_PATH_MAX];
  sandbox_path sp;
} resolved;

/* The directory handle behind a WASI fd used as a path base, with its rights checked. */
static int32_t base_dir(int32_t fd, uint64_t rights, wasi_fd **out) {
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  if (e->filetype != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  if ((e->rights_base & rights) != rights) return WASI_ENOTCAPABLE;
  *out = e;
  return 0;
}

/* Common prologue: base dir + guest path -> the walked path (r->sp.dir to close with sandbox_done). */
static int32_t resolve(w2n_memory *m, int32_t fd, uint64_t rights, uint32_t path, uint32_t len, int follow,
                       resolved *r) {
  wasi_fd *e;
  int32_t err = wasi_copy_path(m, path, len, r->path);
  if (err) return err;
  if ((err = base_dir(fd, rights, &e))) return err;
  return sandbox_walk(e->handle, r->path, follow, &r->sp);
}

static int32_t nt_result(NTSTATUS s) { return NT_SUCCESS(s) ? 0 : wasi_errno_from_nt(s); }

/* Opens the final component for inspection or deletion; *attrs and *tag describe it. */
static int32_t open_final(resolved *r, DWORD access, uint32_t options, HANDLE *h, uint32_t *attrs, uint32_t *tag) {
  NTSTATUS s = sandbox_create(&r->sp, access | FILE_READ_ATTRIBUTES, FILE_OPEN, options, h);
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  s = sandbox_attributes(*h, attrs, tag);
  if (!NT_SUCCESS(s)) { CloseHandle(*h); return wasi_errno_from_nt(s); }
  return 0;
}

/* Marks an open handle (opened with DELETE access) for deletion: removed from its directory at once
 * with POSIX semantics, else when its last handle closes. */
static int32_t delete_handle(HANDLE h) {
  IO_STATUS_BLOCK io;
  uint32_t flags = FILE_DISPOSITION_DELETE | FILE_DISPOSITION_POSIX_SEMANTICS | FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE;
  NTSTATUS s = NtSetInformationFile(h, &io, &flags, sizeof flags, FileDispositionInformationEx_);
  if (s == STATUS_INVALID_PARAMETER || s == STATUS_INVALID_INFO_CLASS || s == STATUS_NOT_IMPLEMENTED ||
      s == STATUS_NOT_SUPPORTED) {
    unsigned char del = 1;
    s = NtSetInformationFile(h, &io, &del, sizeof del, FileDispositionInformation_);
  }
  return nt_result(s);
}

int32_t w2n_wasi_path_open(w2n_memory *m, int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                           int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t opened_fd) {
  static resolved r;
  uint8_t *out = guest_ptr(m, (uint32_t)opened_fd, 4);
  if (!out) return WASI_EFAULT;
  wasi_fd *dir;
  int32_t err = wasi_path_open_begin(m, fd, (uint32_t)path, (uint32_t)path_len, oflags, fdflags, r.path, &dir);
  if (err) return err;
  int follow = dirflags & WASI_LOOKUP_SYMLINK_FOLLOW;
  if ((err = sandbox_walk(dir->handle, r.path, follow, &r.sp))) return err;

  int want = wasi_open_access((uint64_t)rights_base);
  int want_read = want & WASI_WANT_READ, want_write = want & WASI_WANT_WRITE;
  int want_dir = (oflags & WASI_OFLAG_DIRECTORY) || r.sp.trailing || r.sp.len == 0;
  DWORD access = FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES | (want_read ? FILE_READ_DATA : 0) |
                 (want_write ? FILE_WRITE_DATA | FILE_APPEND_DATA : 0) | (want_dir ? FILE_TRAVERSE : 0);
  uint32_t disposition = FILE_OPEN;
  if (!want_dir) {
    if ((oflags & WASI_OFLAG_CREAT) && (oflags & WASI_OFLAG_EXCL)) disposition = FILE_CREATE;
    else if (oflags & WASI_OFLAG_CREAT) disposition = (oflags & WASI_OFLAG_TRUNC) ? FILE_OVERWRITE_IF : FILE_OPEN_IF;
    else if (oflags & WASI_OFLAG_TRUNC) disposition = FILE_OVERWRITE;
  }
  uint32_t options = (want_dir ? FILE_DIRECTORY_FILE : 0) | (want_write ? FILE_NON_DIRECTORY_FILE : 0) |
                     ((fdflags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) ? FILE_WRITE_THROUGH : 0);
  if (want_dir && want_write) { sandbox_done(&r.sp); return WASI_EISDIR; }
  HANDLE h;
  NTSTATUS s = sandbox_create(&r.sp, access, disposition, options, &h);
  sandbox_done(&r.sp);
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  /* A directory is never created by path_open (FILE_OPEN above): O_CREAT|O_EXCL on one that exists
   * is EEXIST. */
  if (want_dir && (oflags & WASI_OFLAG_CREAT) && (oflags & WASI_OFLAG_EXCL)) { CloseHandle(h); return WASI_EEXIST; }
  uint32_t attrs = 0, tag = 0;
  sandbox_attributes(h, &attrs, &tag);
  if (sandbox_is_link(attrs, tag)) {
    /* A final link not followed (O_NOFOLLOW): ELOOP, as Linux. */
    CloseHandle(h);
    return WASI_ELOOP;
  }
  uint8_t type = (attrs & FILE_ATTRIBUTE_DIRECTORY) ? WASI_FILETYPE_DIRECTORY : WASI_FILETYPE_REGULAR_FILE;
  uint64_t base, inh;
  wasi_open_rights(dir, type, (uint64_t)rights_base, (uint64_t)rights_inheriting, &base, &inh);
  uint32_t nfd;
  wasi_fd *e;
  err = wasi_fd_new(0, 0, type, base, inh, &nfd, &e);
  if (err) { CloseHandle(h); return err; }
  e->handle = h;
  e->fdflags = (uint16_t)fdflags;
  put_u32(out, nfd);
  return 0;
}

int32_t w2n_wasi_path_create_directory(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  static resolved r;
  int32_t err = resolve(m, fd, WASI_RIGHT_PATH_CREATE_DIRECTORY, (uint32_t)path, (uint32_t)len, 0, &r);
  if (err) return err;
  HANDLE h;
  NTSTATUS s = r.sp.len ? sandbox_create(&r.sp, FILE_READ_ATTRIBUTES, FILE_CREATE, FILE_DIRECTORY_FILE, &h)
                        : (NTSTATUS)0xC0000035u; /* "." or "..": STATUS_OBJECT_NAME_COLLISION */
  sandbox_done(&r.sp);
  if (NT_SUCCESS(s)) CloseHandle(h);
  return nt_result(s);
}

int32_t w2n_wasi_path_remove_directory(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  static resolved r;
  int32_t err = resolve(m, fd, WASI_RIGHT_PATH_REMOVE_DIRECTORY, (uint32_t)path, (uint32_t)len, 0, &r);
  if (err) return err;
  if (!r.sp.len) { sandbox_done(&r.sp); return WASI_EINVAL; } /* rmdir(".") */
  if (sandbox_wine_link(r.sp.dir, r.sp.name, r.sp.len, NULL, NULL, NULL)) { sandbox_done(&r.sp); return WASI_ENOTDIR; }
  HANDLE h;
  uint32_t attrs, tag;
  err = open_final(&r, DELETE_ACCESS, 0, &h, &attrs, &tag);
  sandbox_done(&r.sp);
  if (err) return err;
  if (!(attrs & FILE_ATTRIBUTE_DIRECTORY) || sandbox_is_link(attrs, tag)) err = WASI_ENOTDIR;
  else err = delete_handle(h);
  CloseHandle(h);
  return err;
}

int32_t w2n_wasi_path_unlink_file(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  static resolved r;
  int32_t err = resolve(m, fd, WASI_RIGHT_PATH_UNLINK_FILE, (uint32_t)path, (uint32_t)len, 0, &r);
  if (err) return err;
  if (!r.sp.len) { sandbox_done(&r.sp); return WASI_EISDIR; }
  if (!r.sp.trailing && (err = sandbox_wine_link_op(WINE_UNLINK, &r.sp, NULL)) >= 0) {
    sandbox_done(&r.sp); /* a Unix symlink under Wine (wine.c) */
    return err;
  }
  HANDLE h;
  uint32_t attrs, tag;
  err = open_final(&r, DELETE_ACCESS, 0, &h, &attrs, &tag);
  int trailing = r.sp.trailing;
  sandbox_done(&r.sp);
  if (err) return err;
  /* "name/" never names a file: EISDIR for a directory, ENOTDIR otherwise (like unlink(2)). */
  if ((attrs & FILE_ATTRIBUTE_DIRECTORY) && !sandbox_is_link(attrs, tag)) err = WASI_EISDIR;
  else if (trailing) err = WASI_ENOTDIR;
  else err = delete_handle(h);
  CloseHandle(h);
  return err;
}

/* A FILE_RENAME_INFORMATION / FILE_LINK_INFORMATION: replace flag, target directory, name. */
static NTSTATUS set_name(HANDLE h, uint32_t klass, int replace, const sandbox_path *to) {
  static uint8_t info[24 + WASI_NAME_MAX * 2] __attribute__((aligned(8)));
  memset(info, 0, 24);
  info[0] = (uint8_t)replace;
  memcpy(info + 8, &to->dir, sizeof(HANDLE));
  put_u32(info + 16, to->len * 2u);
  memcpy(info + 20, to->name, to->len * 2u);
  IO_STATUS_BLOCK io;
  return NtSetInformationFile(h, &io, info, 20u + to->len * 2u, klass);
}

int32_t w2n_wasi_path_rename(w2n_memory *m, int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd,
                             int32_t new_path, int32_t new_len) {
  static resolved from, to;
  int32_t err = resolve(m, fd, WASI_RIGHT_PATH_RENAME_SOURCE, (uint32_t)old_path, (uint32_t)old_len, 0, &from);
  if (err) return err;
  err = resolve(m, new_fd, WASI_RIGHT_PATH_RENAME_TARGET, (uint32_t)new_path, (uint32_t)new_len, 0, &to);
  if (err) { sandbox_done(&from.sp); return err; }
  HANDLE h = NULL, t = NULL;
  uint32_t attrs, tag, tattrs, ttag;
  if (!from.sp.len || !to.sp.len) { err = WASI_EBUSY_; goto done; } /* renaming "." or onto it */
  if (!from.sp.trailing && !to.sp.trailing && (err = sandbox_wine_link_op(WINE_RENAME, &from.sp, &to.sp)) >= 0)
    goto done; /* a Unix symlink under Wine (wine.c): the kernel's rename */
  err = 0;
  if ((err = open_final(&from, DELETE_ACCESS, 0, &h, &attrs, &tag))) goto done;
  int from_dir = (attrs & FILE_ATTRIBUTE_DIRECTORY) && !sandbox_is_link(attrs, tag);
  if (from.sp.trailing && !from_dir) { err = WASI_ENOTDIR; goto done; }
  /* POSIX rename over an existing target: a directory only over an empty directory (replaced), a
   * file only over a file. Windows replaces files but refuses directories, so an empty target
   * directory is deleted first. */
  int32_t terr = open_final(&to, DELETE_ACCESS, 0, &t, &tattrs, &ttag);
  if (terr == 0) {
    int to_dir = (tattrs & FILE_ATTRIBUTE_DIRECTORY) && !sandbox_is_link(tattrs, ttag);
    if (to_dir && !from_dir) { err = WASI_EISDIR; goto done; }
    if (!to_dir && (from_dir || to.sp.trailing)) { err = WASI_ENOTDIR; goto done; }
    if (to_dir && (err = delete_handle(t))) goto done;
    CloseHandle(t);
    t = NULL;
  } else if (terr != WASI_ENOENT) {
    err = terr;
    goto done;
  } else if (to.sp.trailing && !from_dir) {
    err = WASI_ENOTDIR;
    goto done;
  }
  err = nt_result(set_name(h, FileRenameInformation_, 1, &to.sp));
done:
  if (t) CloseHandle(t);
  if (h) CloseHandle(h);
  sandbox_done(&from.sp);
  sandbox_done(&to.sp);
  return err;
}

int32_t w2n_wasi_path_filestat_get(w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t buf) {
  static resolved r;
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 64);
  if (!p) return WASI_EFAULT;
  int32_t err = resolve(m, fd, WASI_RIGHT_PATH_FILESTAT_GET, (uint32_t)path, (uint32_t)len,
                        flags & WASI_LOOKUP_SYMLINK_FOLLOW, &r);
  if (err) return err;
  linux_stat_out lst;
  if (!(flags & WASI_LOOKUP_SYMLINK_FOLLOW) && r.sp.len && sandbox_wine_link(r.sp.dir, r.sp.name, r.sp.len, NULL, NULL, &lst)) {
    sandbox_done(&r.sp); /* a Unix symlink under Wine (wine.c): its own lstat */
    wasi_pack_filestat(p, lst.dev, lst.ino, WASI_FILETYPE_SYMBOLIC_LINK, lst.nlink, lst.size, lst.atim, lst.mtim, lst.ctim);
    return 0;
  }
  HANDLE h;
  uint32_t attrs, tag;
  err = open_final(&r, 0, 0, &h, &attrs, &tag);
  sandbox_done(&r.sp);
  if (err) return err;
  err = wasi_handle_filestat(h, p);
  CloseHandle(h);
  return err;
}

int32_t w2n_wasi_path_filestat_set_times(w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len,
                                         int64_t atim, int64_t mtim, int32_t fst) {
  static resolved r;
  int32_t err = wasi_check_fstflags(fst);
  if (err) return err;
  err = resolve(m, fd, WASI_RIGHT_PATH_FILESTAT_SET_TIMES, (uint32_t)path, (uint32_t)len,
                flags & WASI_LOOKUP_SYMLINK_FOLLOW, &r);
  if (err) return err;
  if (!(flags & WASI_LOOKUP_SYMLINK_FOLLOW) && (err = sandbox_wine_set_times(&r.sp, (uint64_t)atim, (uint64_t)mtim, fst)) >= 0) {
    sandbox_done(&r.sp); /* a Unix symlink under Wine (wine.c) */
    return err;
  }
  HANDLE h;
  uint32_t attrs, tag;
  err = open_final(&r, FILE_WRITE_ATTRIBUTES, 0, &h, &attrs, &tag);
  sandbox_done(&r.sp);
  if (err) return err;
  err = wasi_handle_set_times(h, (uint64_t)atim, (uint64_t)mtim, fst);
  CloseHandle(h);
  return err;
}

int32_t w2n_wasi_path_readlink(w2n_memory *m, int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buf_len,
                               int32_t bufused) {
  static resolved r;
  static char target[WASI_PATH_MAX];
  uint8_t *out = guest_ptr(m, (uint32_t)buf, (uint32_t)buf_len);
  uint8_t *pu = guest_ptr(m, (uint32_t)bufused, 4);
  if (!out || !pu) return WASI_EFAULT;
  int32_t err = resolve(m, fd, WASI_RIGHT_PATH_READLINK, (uint32_t)path, (uint32_t)len, 0, &r);
  if (err) return err;
  if (!r.sp.len) { sandbox_done(&r.sp); return WASI_EINVAL; }
  HANDLE h;
  uint32_t attrs, tag, n;
  int relative;
  if (sandbox_wine_link(r.sp.dir, r.sp.name, r.sp.len, target, &n, NULL)) {
    sandbox_done(&r.sp); /* a Unix symlink under Wine (wine.c) */
  } else {
    err = open_final(&r, 0, 0, &h, &attrs, &tag);
    sandbox_done(&r.sp);
    if (err) return err;
    err = sandbox_is_link(attrs, tag) ? sandbox_read_link(h, target, &n, &relative) : WASI_EINVAL;
    CloseHandle(h);
    if (err) return err;
  }
  if (n > (uint32_t)buf_len) n = (uint32_t)buf_len; /* truncates, like readlink */
  memcpy(out, target, n);
  put_u32(pu, n);
  return 0;
}

/* A new name "name/" (path_symlink, path_link) can only denote a directory, which these calls never
 * create: ENOENT if nothing is there, EEXIST if something is. */
static int32_t trailing_slash_error(resolved *r) {
  HANDLE h;
  uint32_t attrs, tag;
  int32_t err = open_final(r, 0, 0, &h, &attrs, &tag);
  if (err) return err;
  CloseHandle(h);
  return (attrs & FILE_ATTRIBUTE_DIRECTORY) ? WASI_EEXIST : WASI_ENOTDIR;
}

/* Symlinks are relative reparse points (absolute targets are ENOTCAPABLE: they could never be
 * followed inside the sandbox). Windows needs the symbolic-link privilege (or developer mode) to
 * create one: without it this is EPERM. A link to a directory is marked as one, as Windows wants. */
int32_t w2n_wasi_path_symlink(w2n_memory *m, int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path,
                              int32_t new_len) {
  static resolved r;
  static char target[WASI_PATH_MAX];
  static uint8_t data[20 + 2 * 2 * (WASI_PATH_MAX / 3)] __attribute__((aligned(8)));
  static WCHAR wt[WASI_PATH_MAX / 3];
  int32_t err = wasi_copy_path(m, (uint32_t)old_path, (uint32_t)old_len, target);
  if (err) return err;
  size_t tlen = w2n_strlen(target);
  if (target[0] == '/' || target[0] == '\\') return WASI_ENOTCAPABLE;
  for (size_t i = 0; i < tlen; i++)
    if (target[i] == ':' || target[i] == '\\') return WASI_ENOTCAPABLE; /* drive letters, streams */
  long wlen = w2n_utf8_to_utf16(target, tlen, wt, sizeof wt / sizeof wt[0]);
  if (wlen == -1) return 25; /* EILSEQ */
  if (wlen < 0) return WASI_ENAMETOOLONG;
  if ((err = resolve(m, fd, WASI_RIGHT_PATH_SYMLINK, (uint32_t)new_path, (uint32_t)new_len, 0, &r))) return err;
  if (r.sp.trailing || !r.sp.len) { err = r.sp.len ? trailing_slash_error(&r) : WASI_EEXIST; sandbox_done(&r.sp); return err; }
  for (long i = 0; i < wlen; i++)
    if (wt[i] == '/') wt[i] = '\\';
  /* Is the target a directory (walked from the link's directory, inside the sandbox)? */
  uint32_t options = FILE_NON_DIRECTORY_FILE;
  sandbox_path tp;
  if (sandbox_walk(r.sp.dir, target, 1, &tp) == 0) {
    HANDLE th;
    uint32_t attrs, tag;
    if (NT_SUCCESS(sandbox_create(&tp, FILE_READ_ATTRIBUTES, FILE_OPEN, 0, &th))) {
      if (NT_SUCCESS(sandbox_attributes(th, &attrs, &tag)) && (attrs & FILE_ATTRIBUTE_DIRECTORY)) options = FILE_DIRECTORY_FILE;
      CloseHandle(th);
    }
    sandbox_done(&tp);
  }
  /* Under Wine, which has no reparse points, a Unix symlink (wine.c); on Windows this is ENOTSUP. */
  err = sandbox_wine_symlink(r.sp.dir, r.sp.name, r.sp.len, target);
  if (err != WASI_ENOTSUP) { sandbox_done(&r.sp); return err; }
  HANDLE h;
  NTSTATUS s = sandbox_create(&r.sp, FILE_WRITE_ATTRIBUTES | FILE_WRITE_DATA | DELETE_ACCESS, FILE_CREATE, options, &h);
  sandbox_done(&r.sp);
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  /* REPARSE_DATA_BUFFER for a symlink: substitute name then print name, both the target. */
  uint16_t nb = (uint16_t)(wlen * 2);
  memset(data, 0, 20);
  put_u32(data, IO_REPARSE_TAG_SYMLINK);
  put_u16(data + 4, (uint16_t)(12 + 2 * nb));
  put_u16(data + 8, 0);
  put_u16(data + 10, nb);
  put_u16(data + 12, nb);
  put_u16(data + 14, nb);
  put_u32(data + 16, SYMLINK_FLAG_RELATIVE);
  memcpy(data + 20, wt, nb);
  memcpy(data + 20 + nb, wt, nb);
  IO_STATUS_BLOCK io;
  s = NtFsControlFile(h, NULL, NULL, NULL, &io, FSCTL_SET_REPARSE_POINT, data, 20u + 2u * nb, NULL, 0);
  if (!NT_SUCCESS(s)) delete_handle(h); /* no half-made link left behind */
  CloseHandle(h);
  return nt_result(s);
}

int32_t w2n_wasi_path_link(w2n_memory *m, int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len,
                           int32_t new_fd, int32_t new_path, int32_t new_len) {
  static resolved from, to;
  int32_t err = resolve(m, old_fd, WASI_RIGHT_PATH_LINK_SOURCE, (uint32_t)old_path, (uint32_t)old_len,
                        old_flags & WASI_LOOKUP_SYMLINK_FOLLOW, &from);
  if (err) return err;
  err = resolve(m, new_fd, WASI_RIGHT_PATH_LINK_TARGET, (uint32_t)new_path, (uint32_t)new_len, 0, &to);
  if (err) { sandbox_done(&from.sp); return err; }
  HANDLE h = NULL;
  uint32_t attrs, tag;
  if (!to.sp.len) { err = WASI_EEXIST; goto done; }
  if (to.sp.trailing) { err = trailing_slash_error(&to); goto done; }
  if (!from.sp.len) { err = WASI_EPERM; goto done; }
  if ((err = sandbox_wine_link_op(WINE_LINK, &from.sp, &to.sp)) >= 0) goto done; /* a Unix symlink under Wine */
  err = 0;
  if ((err = open_final(&from, 0, 0, &h, &attrs, &tag))) goto done;
  if ((attrs & FILE_ATTRIBUTE_DIRECTORY) && !sandbox_is_link(attrs, tag)) { err = WASI_EPERM; goto done; }
  err = nt_result(set_name(h, FileLinkInformation_, 0, &to.sp));
done:
  if (h) CloseHandle(h);
  sandbox_done(&from.sp);
  sandbox_done(&to.sp);
  return err;
}
