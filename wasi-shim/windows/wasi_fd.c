/* wasi-shim/windows/wasi_fd.c: WASI calls on open descriptors (fd_*) on Windows.
 *
 * An entry's HANDLE is a standard handle (fd 0-2: console, pipe or redirected file) or a file or
 * directory that sandbox.c opened with NtCreateFile (synchronous I/O, so the handle keeps a file
 * position like a POSIX fd). fd_read and fd_write use ReadFile/WriteFile; a pipe whose writer is gone
 * reads as end of file, as on Linux. Append mode is WASI's fd flag, applied per write (NtWriteFile at
 * FILE_WRITE_TO_END_OF_FILE), so fd_fdstat_set_flags can turn it on and off as F_SETFL does.
 * fd_pread/fd_pwrite give an offset to NtReadFile/NtWriteFile, which also moves a synchronous handle's
 * position, so the position is put back afterwards. Filestat: volume serial number and file index
 * for dev and ino (GetFileInformationByHandle), times from FileBasicInformation converted from 100 ns
 * since 1601 to ns since 1970. fd_readdir: NtQueryDirectoryFile, whose cookies are entry counts.
 */
#include "wasi.h"

#define FILETIME_TO_UNIX_EPOCH 116444736000000000ull /* 100 ns intervals from 1601 to 1970 */
#define FILE_WRITE_TO_END_OF_FILE (-1)

static uint64_t ns_from_nt(int64_t t) {
  return t > (int64_t)FILETIME_TO_UNIX_EPOCH ? ((uint64_t)t - FILETIME_TO_UNIX_EPOCH) * 100 : 0;
}

uint8_t wasi_handle_filetype(HANDLE h) {
  switch (GetFileType(h)) {
  case FILE_TYPE_CHAR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case FILE_TYPE_DISK: break;
  default: return WASI_FILETYPE_UNKNOWN; /* pipes: WASI has no such type, Linux reports FIFOs so too */
  }
  uint32_t attrs, tag;
  if (!NT_SUCCESS(sandbox_attributes(h, &attrs, &tag))) return WASI_FILETYPE_REGULAR_FILE;
  if (sandbox_is_link(attrs, tag)) return WASI_FILETYPE_SYMBOLIC_LINK;
  return (attrs & FILE_ATTRIBUTE_DIRECTORY) ? WASI_FILETYPE_DIRECTORY : WASI_FILETYPE_REGULAR_FILE;
}

int32_t wasi_handle_filestat(HANDLE h, uint8_t *p) {
  uint8_t type = wasi_handle_filetype(h);
  BY_HANDLE_FILE_INFORMATION info;
  int64_t basic[5]; /* creation, last access, last write, change times; attributes */
  IO_STATUS_BLOCK io;
  if (type == WASI_FILETYPE_CHARACTER_DEVICE || type == WASI_FILETYPE_UNKNOWN) {
    wasi_pack_filestat(p, 0, 0, type, 1, 0, 0, 0, 0); /* consoles and pipes have no file information */
    return 0;
  }
  if (!GetFileInformationByHandle(h, &info)) return wasi_errno_from_win32(GetLastError());
  NTSTATUS s = NtQueryInformationFile(h, &io, basic, sizeof basic, FileBasicInformation_);
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  wasi_pack_filestat(p, info.volume_serial, (uint64_t)info.index_high << 32 | info.index_low, type, info.links,
                     (uint64_t)info.size_high << 32 | info.size_low, ns_from_nt(basic[1]), ns_from_nt(basic[2]),
                     ns_from_nt(basic[3]));
  return 0;
}

int32_t wasi_handle_set_times(HANDLE h, uint64_t atim, uint64_t mtim, int32_t fst) {
  /* FileBasicInformation, whose 0 would leave a time as it is; but Wine 8 then moves the access time
   * while setting the write time, so the time not set is written back as it is read. */
  int64_t basic[5];
  IO_STATUS_BLOCK io;
  NTSTATUS s = NtQueryInformationFile(h, &io, basic, sizeof basic, FileBasicInformation_);
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  basic[0] = basic[3] = 0;
  basic[4] &= ~0xffffffffull; /* attributes: 0 leaves them as they are */
  FILETIME now;
  GetSystemTimePreciseAsFileTime(&now);
  int64_t now_nt = (int64_t)((uint64_t)now.hi << 32 | now.lo);
  if (fst & WASI_FSTFLAG_ATIM) basic[1] = (int64_t)(atim / 100 + FILETIME_TO_UNIX_EPOCH);
  if (fst & WASI_FSTFLAG_ATIM_NOW) basic[1] = now_nt;
  if (fst & WASI_FSTFLAG_MTIM) basic[2] = (int64_t)(mtim / 100 + FILETIME_TO_UNIX_EPOCH);
  if (fst & WASI_FSTFLAG_MTIM_NOW) basic[2] = now_nt;
  s = NtSetInformationFile(h, &io, basic, sizeof basic, FileBasicInformation_);
  return NT_SUCCESS(s) ? 0 : wasi_errno_from_nt(s);
}

/* One transfer: ReadFile/WriteFile, or NtReadFile/NtWriteFile at an offset (pread, pwrite, append). */
static int32_t transfer(wasi_fd *e, enum wasi_io_kind kind, uint8_t *buf, uint32_t len, uint64_t offset, uint32_t *done) {
  *done = 0;
  if (kind == WASI_IO_READ || (kind == WASI_IO_WRITE && !(e->fdflags & WASI_FDFLAG_APPEND))) {
    DWORD n = 0;
    BOOL ok = kind == WASI_IO_WRITE ? WriteFile(e->handle, buf, len, &n, NULL) : ReadFile(e->handle, buf, len, &n, NULL);
    if (!ok) {
      DWORD err = GetLastError();
      if (kind == WASI_IO_READ && (err == ERROR_BROKEN_PIPE || err == ERROR_HANDLE_EOF)) return 0; /* end of file */
      return err == ERROR_NO_DATA ? WASI_EPIPE : wasi_errno_from_win32(err);
    }
    *done = n;
    return 0;
  }
  LARGE_INTEGER off = kind == WASI_IO_WRITE ? FILE_WRITE_TO_END_OF_FILE : (LARGE_INTEGER)offset;
  IO_STATUS_BLOCK io;
  io.Information = 0;
  NTSTATUS s = kind == WASI_IO_PREAD ? NtReadFile(e->handle, NULL, NULL, NULL, &io, buf, len, &off, NULL)
                                : NtWriteFile(e->handle, NULL, NULL, NULL, &io, buf, len, &off, NULL);
  if (s == STATUS_END_OF_FILE) return 0;
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  *done = (uint32_t)io.Information;
  return 0;
}

int32_t wasi_fd_io(w2n_memory *m, wasi_fd *e, const uint8_t *piov, uint32_t n, enum wasi_io_kind kind,
                   uint64_t offset, uint64_t *total_out) {
  if (e->filetype == WASI_FILETYPE_DIRECTORY) return WASI_EISDIR;
  LARGE_INTEGER saved = 0;
  int positioned = kind == WASI_IO_PREAD || kind == WASI_IO_PWRITE;
  if (positioned && !SetFilePointerEx(e->handle, 0, &saved, 1)) return WASI_ESPIPE;
  uint64_t total = 0;
  int32_t err = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = get_u32(piov + 8 * i + 4);
    if (len == 0) continue;
    uint32_t done;
    err = transfer(e, kind, m->base + get_u32(piov + 8 * i), len, offset + total, &done);
    if (err) break;
    total += done;
    if (done < len) break; /* a short read (end of file, console line, pipe) or write */
  }
  if (positioned) SetFilePointerEx(e->handle, saved, NULL, 0);
  *total_out = total;
  return err;
}

int32_t w2n_wasi_fd_seek(w2n_memory *m, int32_t fd, int64_t offset, int32_t whence, int32_t newoffset) {
  uint8_t *p = guest_ptr(m, (uint32_t)newoffset, 8);
  if (!p) return WASI_EFAULT;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, (offset == 0 && whence == 1) ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK, &e);
  if (err) return err;
  if (whence < 0 || whence > 2) return WASI_EINVAL; /* WASI set/cur/end == FILE_BEGIN/CURRENT/END */
  if (GetFileType(e->handle) != FILE_TYPE_DISK) return WASI_ESPIPE;
  LARGE_INTEGER pos;
  if (!SetFilePointerEx(e->handle, offset, &pos, (DWORD)whence)) return wasi_errno_from_win32(GetLastError());
  put_u64(p, (uint64_t)pos);
  return 0;
}

/* FlushFileBuffers needs write access: on a handle without it (read-only files, directories) there
 * is nothing this handle could have left unwritten, so that is success, as fsync is on Linux. */
static int32_t sync_fd(int32_t fd, uint64_t right) {
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, right, &e);
  if (err) return err;
  if (FlushFileBuffers(e->handle)) return 0;
  DWORD code = GetLastError();
  if (code == ERROR_ACCESS_DENIED || code == 1 /* ERROR_INVALID_FUNCTION: console, pipe */) return 0;
  return wasi_errno_from_win32(code);
}
int32_t w2n_wasi_fd_sync(w2n_memory *m, int32_t fd) {
  (void)m;
  return sync_fd(fd, WASI_RIGHT_FD_SYNC);
}
int32_t w2n_wasi_fd_datasync(w2n_memory *m, int32_t fd) {
  (void)m;
  return sync_fd(fd, WASI_RIGHT_FD_DATASYNC);
}

int32_t w2n_wasi_fd_fdstat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 24);
  if (!p) return WASI_EFAULT;
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  memset(p, 0, 24);
  put_u8(p, e->filetype);
  put_u16(p + 2, e->fdflags);
  put_u64(p + 8, e->rights_base);
  put_u64(p + 16, e->rights_inheriting);
  return 0;
}

/* Append and non-blocking are the descriptor's own (non-blocking changes nothing for files, as on
 * Linux); the sync flags cannot be changed after opening, as on Linux (ENOTSUP). */
int32_t w2n_wasi_fd_fdstat_set_flags(w2n_memory *m, int32_t fd, int32_t flags) {
  (void)m;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &e);
  if (err) return err;
  if (flags & ~0x1f) return WASI_EINVAL;
  if (flags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) return WASI_ENOTSUP;
  e->fdflags = (uint16_t)((e->fdflags & ~(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK)) | flags);
  return 0;
}

int32_t w2n_wasi_fd_filestat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 64);
  if (!p) return WASI_EFAULT;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FILESTAT_GET, &e);
  if (err) return err;
  return wasi_handle_filestat(e->handle, p);
}

static int32_t set_end_of_file(HANDLE h, uint64_t size) {
  IO_STATUS_BLOCK io;
  int64_t eof = (int64_t)size;
  NTSTATUS s = NtSetInformationFile(h, &io, &eof, sizeof eof, FileEndOfFileInformation_);
  return NT_SUCCESS(s) ? 0 : wasi_errno_from_nt(s);
}

int32_t w2n_wasi_fd_filestat_set_size(w2n_memory *m, int32_t fd, int64_t size) {
  (void)m;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FILESTAT_SET_SIZE, &e);
  if (err) return err;
  if (size < 0) return WASI_EINVAL;
  return set_end_of_file(e->handle, (uint64_t)size);
}

int32_t w2n_wasi_fd_filestat_set_times(w2n_memory *m, int32_t fd, int64_t atim, int64_t mtim, int32_t fst) {
  (void)m;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FILESTAT_SET_TIMES, &e);
  if (err) return err;
  if ((err = wasi_check_fstflags(fst))) return err;
  return wasi_handle_set_times(e->handle, (uint64_t)atim, (uint64_t)mtim, fst);
}

/* Windows takes no access-pattern advice on an open handle: checked, then accepted. */
int32_t w2n_wasi_fd_advise(w2n_memory *m, int32_t fd, int64_t offset, int64_t len, int32_t advice) {
  (void)m;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_ADVISE, &e);
  if (err) return err;
  if (advice < 0 || advice > 5 || offset < 0 || len < 0) return WASI_EINVAL;
  return 0;
}

/* posix_fallocate's effect on the size: a file shorter than offset + len grows to it (zeros). */
int32_t w2n_wasi_fd_allocate(w2n_memory *m, int32_t fd, int64_t offset, int64_t len) {
  (void)m;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_ALLOCATE, &e);
  if (err) return err;
  if (offset < 0 || len <= 0 || offset > INT64_MAX - len) return WASI_EINVAL;
  BY_HANDLE_FILE_INFORMATION info;
  if (!GetFileInformationByHandle(e->handle, &info)) return wasi_errno_from_win32(GetLastError());
  uint64_t size = (uint64_t)info.size_high << 32 | info.size_low;
  return size < (uint64_t)(offset + len) ? set_end_of_file(e->handle, (uint64_t)(offset + len)) : 0;
}

static uint8_t dirent_type(uint32_t attrs, uint32_t tag) {
  if (sandbox_is_link(attrs, tag)) return WASI_FILETYPE_SYMBOLIC_LINK;
  return (attrs & FILE_ATTRIBUTE_DIRECTORY) ? WASI_FILETYPE_DIRECTORY : WASI_FILETYPE_REGULAR_FILE;
}

/* Cookies count entries: an entry's d_next is its index + 1, so a call with cookie c returns the scan
 * from its c-th entry. A scan goes forward (dir_pos entries returned so far); a cookie behind it starts
 * a new scan on a new handle of the directory (RestartScan is not enough: Wine keeps the first scan's
 * list for the handle's life, so files created since would be missing) and skips. */
int32_t wasi_fd_readdir(wasi_fd *e, uint8_t *out, uint32_t cap, uint64_t cookie, uint32_t *used_out) {
  static uint8_t kbuf[16384] __attribute__((aligned(8)));
  static char name[WASI_NAME_MAX * 3 + 1];
  uint32_t used = 0;
  if (!e->scan || cookie < e->dir_pos) {
    HANDLE h;
    NTSTATUS s = wasi_reopen_directory(e->handle, FILE_READ_DATA, &h);
    if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
    if (e->scan) CloseHandle(e->scan);
    e->scan = h;
    e->dir_pos = 0;
  }
  while (used < cap) {
    IO_STATUS_BLOCK io;
    /* One entry at a time, so the scan's position is always exactly dir_pos. */
    NTSTATUS s = NtQueryDirectoryFile(e->scan, NULL, NULL, NULL, &io, kbuf, sizeof kbuf,
                                      FileIdFullDirectoryInformation_, 1, NULL, 0);
    if (s == STATUS_NO_MORE_FILES) break;
    if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
    /* FILE_ID_FULL_DIR_INFORMATION: attributes at 56, name length (bytes) at 60, EaSize (the reparse
     * tag of a reparse point) at 64, file id at 72, name at 80. */
    uint64_t index = e->dir_pos++;
    if (index < cookie) continue;
    uint32_t attrs = get_u32(kbuf + 56), nbytes = get_u32(kbuf + 60), tag = get_u32(kbuf + 64);
    uint32_t namlen = (uint32_t)w2n_utf16_to_utf8_into((const WCHAR *)(kbuf + 80), nbytes / 2, name);
    wasi_pack_dirent(out, cap, &used, index + 1, get_u64(kbuf + 72), dirent_type(attrs, tag), name, namlen);
  }
  *used_out = used;
  return 0;
}
