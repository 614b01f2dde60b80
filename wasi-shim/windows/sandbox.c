/* wasi-shim/windows/sandbox.c: SECURITY-CRITICAL. Confines every guest path to its directory handle.
 *
 * A WASI program may only reach files beneath the directory it names (a preopen, or a directory it
 * opened from one). Windows has no openat2: the walk is done here, one component at a time, with
 * ntdll's NtCreateFile relative to a directory handle (OBJECT_ATTRIBUTES.RootDirectory), so Windows
 * never parses a guest path itself:
 *   - each component is checked before it reaches Windows (check_component): '\' (a separator to
 *     Windows), ':' (drive letters, alternate data streams), the reserved device names (CON, NUL,
 *     COM1...: devices to every Win32 program, with or without an extension) are ENOTCAPABLE; the
 *     other characters Windows forbids in names (control characters, < > " | ? *) and names ending in
 *     '.' or ' ' (which Win32 strips, so two guest names would be one Windows file) are EINVAL; the
 *     name is converted from strict UTF-8 (invalid: EILSEQ). An absolute path ('/', so also "//server"
 *     UNC paths) is ENOTCAPABLE;
 *   - "." is skipped and ".." pops the stack of directory handles the walk holds, so ".." never goes
 *     above the starting directory (ENOTCAPABLE) and never asks Windows for a parent: a directory
 *     moved elsewhere meanwhile cannot lead the walk out;
 *   - every component is opened with FILE_OPEN_REPARSE_POINT, so Windows never follows a symlink or
 *     junction by itself; a name-surrogate reparse point (symlink, junction, or any other tag that
 *     names another file) is read with FSCTL_GET_REPARSE_POINT and expanded here like a relative path
 *     (at most 40 expansions, then ELOOP). Junctions and absolute symlinks are ENOTCAPABLE, as are
 *     links whose target cannot be read; a final link is expanded only when the call follows links.
 * The caller opens the final component relative to the directory the walk ends in, again with
 * FILE_OPEN_REPARSE_POINT (sandbox_create), so a component swapped for a link after the walk looked at
 * it is opened as the link, never followed.
 */
#include "wasi.h"

#define MAX_SYMLINKS 40
#define MAX_DEPTH 256

static const char *const device_names[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"};

static int upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

static int name_eq(const char *s, size_t n, const char *upper_name) {
  size_t i = 0;
  for (; i < n && upper_name[i]; i++)
    if (upper(s[i]) != upper_name[i]) return 0;
  return i == n && !upper_name[i];
}

/* A reserved DOS device name, alone or before an extension ("nul.txt"), trailing spaces ignored. COM
 * and LPT take 0-9 and the superscripts ¹ ² ³ (UTF-8 C2 B9, C2 B2, C2 B3), as Windows 11 documents. */
static int is_device_name(const char *s, size_t n) {
  size_t base = 0;
  while (base < n && s[base] != '.') base++;
  while (base > 0 && s[base - 1] == ' ') base--;
  for (size_t i = 0; i < sizeof device_names / sizeof device_names[0]; i++)
    if (name_eq(s, base, device_names[i])) return 1;
  if (base >= 4 && (name_eq(s, 3, "COM") || name_eq(s, 3, "LPT"))) {
    if (base == 4 && s[3] >= '0' && s[3] <= '9') return 1;
    if (base == 5 && (unsigned char)s[3] == 0xc2 &&
        ((unsigned char)s[4] == 0xb9 || (unsigned char)s[4] == 0xb2 || (unsigned char)s[4] == 0xb3))
      return 1;
  }
  return 0;
}

static int32_t check_component(const char *s, size_t n, WCHAR *out, uint16_t *out_len) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\\' || c == ':') return WASI_ENOTCAPABLE;
    if (c < 0x20 || c == '<' || c == '>' || c == '"' || c == '|' || c == '?' || c == '*') return WASI_EINVAL;
  }
  if (is_device_name(s, n)) return WASI_ENOTCAPABLE;
  if (s[n - 1] == '.' || s[n - 1] == ' ') return WASI_EINVAL;
  long len = w2n_utf8_to_utf16(s, n, out, WASI_NAME_MAX);
  if (len == -1) return 25; /* EILSEQ */
  if (len < 0) return WASI_ENAMETOOLONG;
  *out_len = (uint16_t)len;
  return 0;
}

static NTSTATUS open_at(HANDLE dir, const WCHAR *name, uint16_t len, DWORD access, uint32_t disposition,
                        uint32_t options, HANDLE *out) {
  UNICODE_STRING us = {(uint16_t)(len * 2), (uint16_t)(len * 2), (WCHAR *)name};
  OBJECT_ATTRIBUTES oa = {sizeof oa, dir, &us, OBJ_CASE_INSENSITIVE, NULL, NULL};
  IO_STATUS_BLOCK io;
  *out = NULL;
  return NtCreateFile(out, access | SYNCHRONIZE, &oa, &io, NULL, FILE_ATTRIBUTE_NORMAL, FILE_SHARE_ALL, disposition,
                      options | FILE_OPEN_REPARSE_POINT | FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
}

NTSTATUS wasi_reopen_directory(HANDLE dir, DWORD access, HANDLE *out) {
  return open_at(dir, NULL, 0, access, FILE_OPEN, FILE_DIRECTORY_FILE, out);
}

/* Under Wine the open would follow a final Unix symlink (wine.c): refused as Linux's O_NOFOLLOW is
 * (ELOOP), but for deletion and renaming, which Wine does on the link's own path. */
NTSTATUS sandbox_create(const sandbox_path *p, DWORD access, uint32_t disposition, uint32_t options, HANDLE *out) {
  if (p->len && !(access & DELETE_ACCESS) && sandbox_wine_link(p->dir, p->name, p->len, NULL, NULL, NULL)) {
    *out = NULL;
    return STATUS_STOPPED_ON_SYMLINK;
  }
  return open_at(p->dir, p->name, p->len, access, disposition, options, out);
}

NTSTATUS sandbox_attributes(HANDLE h, uint32_t *attributes, uint32_t *tag) {
  uint32_t info[2];
  IO_STATUS_BLOCK io;
  NTSTATUS s = NtQueryInformationFile(h, &io, info, sizeof info, FileAttributeTagInformation_);
  if (NT_SUCCESS(s)) {
    *attributes = info[0];
    *tag = info[1];
  }
  return s;
}

int32_t sandbox_read_link(HANDLE h, char *buf, uint32_t *len, int *relative) {
  /* REPARSE_DATA_BUFFER: tag, data length, reserved, then for symlinks and junctions the substitute
   * and print names' offsets and lengths (bytes, into the path buffer), symlinks' flags, the buffer. */
  static uint8_t data[16 * 1024 + 64] __attribute__((aligned(8)));
  IO_STATUS_BLOCK io;
  NTSTATUS s = NtFsControlFile(h, NULL, NULL, NULL, &io, FSCTL_GET_REPARSE_POINT, NULL, 0, data, sizeof data);
  if (s == STATUS_NOT_A_REPARSE_POINT) return WASI_EINVAL;
  if (!NT_SUCCESS(s)) return wasi_errno_from_nt(s);
  uint32_t tag = get_u32(data);
  if (tag != IO_REPARSE_TAG_SYMLINK) {
    if (tag == IO_REPARSE_TAG_MOUNT_POINT) { *relative = 0; *len = 0; buf[0] = 0; return 0; }
    return WASI_EINVAL;
  }
  uint16_t off = get_u16(data + 8), n = get_u16(data + 10);
  /* Prefer the print name: the substitute name of an absolute link is an NT path ("\??\C:\..."). */
  if (get_u16(data + 14)) off = get_u16(data + 12), n = get_u16(data + 14);
  *relative = (get_u32(data + 16) & SYMLINK_FLAG_RELATIVE) != 0;
  const uint8_t *path = data + 20 + off;
  if (20u + off + n > sizeof data || n / 2 * 3 + 1 > WASI_PATH_MAX) return WASI_ENAMETOOLONG;
  WCHAR w[WASI_PATH_MAX / 3];
  memcpy(w, path, n);
  for (uint32_t i = 0; i < n / 2u; i++)
    if (w[i] == '\\') w[i] = '/';
  *len = (uint32_t)w2n_utf16_to_utf8_into(w, n / 2u, buf);
  return 0;
}

typedef struct {
  HANDLE h[MAX_DEPTH + 1]; /* h[0] is the root (not ours), h[1..depth] directories the walk opened */
  int depth;
} dirstack;

static void pop_all(dirstack *st) {
  while (st->depth > 0) CloseHandle(st->h[st->depth--]);
}

/* The stack's top as an owned handle (the root itself is reopened: it belongs to the fd table). */
static int32_t take_top(dirstack *st, HANDLE *out) {
  if (st->depth > 0) {
    *out = st->h[st->depth--];
    pop_all(st);
    return 0;
  }
  NTSTATUS s = wasi_reopen_directory(st->h[0], FILE_TRAVERSE | FILE_READ_ATTRIBUTES, out);
  return NT_SUCCESS(s) ? 0 : wasi_errno_from_nt(s);
}

int32_t sandbox_walk(HANDLE root, const char *path, int follow, sandbox_path *out) {
  static char work[WASI_PATH_MAX], tmp[WASI_PATH_MAX], target[WASI_PATH_MAX];
  size_t plen = w2n_strlen(path);
  if (plen == 0) return WASI_ENOENT;
  if (path[0] == '/' || path[0] == '\\') return WASI_ENOTCAPABLE;
  memcpy(work, path, plen + 1);
  dirstack st;
  st.h[0] = root;
  st.depth = 0;
  out->dir = NULL;
  out->len = 0;
  out->trailing = 0;
  int links = 0;
  int32_t err = 0;
  char *p = work;
  for (;;) {
    wasi_component c;
    wasi_next_component(&p, &c);
    if (c.len == 0 || wasi_is_dot(c.start, c.len)) {
      if (!c.last) continue;
      out->trailing = 1;
      break; /* the directory itself */
    }
    if (wasi_is_dotdot(c.start, c.len)) {
      if (st.depth == 0) { err = WASI_ENOTCAPABLE; break; }
      CloseHandle(st.h[st.depth--]);
      if (!c.last) continue;
      out->trailing = 1;
      break;
    }
    WCHAR name[WASI_NAME_MAX];
    uint16_t nlen;
    if ((err = check_component(c.start, c.len, name, &nlen))) break;
    if (c.last && !follow && !c.trailing) {
      memcpy(out->name, name, nlen * 2);
      out->len = nlen;
      break;
    }
    HANDLE h = NULL;
    NTSTATUS s = open_at(st.h[st.depth], name, nlen, FILE_READ_ATTRIBUTES | FILE_TRAVERSE, FILE_OPEN, 0, &h);
    uint32_t attrs = 0, tag = 0, n = 0;
    int link = 0, relative = 0;
    if (NT_SUCCESS(s)) {
      s = sandbox_attributes(h, &attrs, &tag);
      if (!NT_SUCCESS(s)) { CloseHandle(h); err = wasi_errno_from_nt(s); break; }
      if (sandbox_is_link(attrs, tag)) {
        link = 1;
        /* A link whose target cannot be read leads who knows where. */
        if (sandbox_read_link(h, target, &n, &relative)) { CloseHandle(h); err = WASI_ENOTCAPABLE; break; }
      }
    }
    /* Under Wine a Unix symlink is followed by the open (or missing, when dangling): see wine.c. */
    if (!link && sandbox_wine_link(st.h[st.depth], name, nlen, target, &n, NULL)) link = relative = 1;
    if (link) {
      if (h) CloseHandle(h);
      if (!relative || target[0] == '/' || n == 0) { err = WASI_ENOTCAPABLE; break; }
      if (++links > MAX_SYMLINKS) { err = WASI_ELOOP; break; }
      /* Continue with target + "/" + rest; a trailing slash is kept so it still must be a directory. */
      size_t rlen = w2n_strlen(c.rest), k = n;
      if (k + 1 + rlen >= sizeof tmp) { err = WASI_ENAMETOOLONG; break; }
      memcpy(tmp, target, k);
      if (!c.last || c.trailing) tmp[k++] = '/';
      memcpy(tmp + k, c.rest, rlen + 1);
      memcpy(work, tmp, k + rlen + 1);
      p = work;
      continue;
    }
    if (!NT_SUCCESS(s)) {
      if (c.last && (s == STATUS_OBJECT_NAME_NOT_FOUND || s == STATUS_OBJECT_PATH_NOT_FOUND)) {
        /* Not there: the caller creates it or reports ENOENT. */
        memcpy(out->name, name, nlen * 2);
        out->len = nlen;
        out->trailing = c.trailing;
        break;
      }
      err = wasi_errno_from_nt(s);
      break;
    }
    if (c.last) {
      CloseHandle(h);
      if (c.trailing && !(attrs & FILE_ATTRIBUTE_DIRECTORY)) { err = WASI_ENOTDIR; break; }
      memcpy(out->name, name, nlen * 2);
      out->len = nlen;
      out->trailing = c.trailing;
      break;
    }
    if (!(attrs & FILE_ATTRIBUTE_DIRECTORY)) { CloseHandle(h); err = WASI_ENOTDIR; break; }
    if (st.depth == MAX_DEPTH) { CloseHandle(h); err = WASI_ENAMETOOLONG; break; }
    st.h[++st.depth] = h;
  }
  if (err) {
    pop_all(&st);
    return err;
  }
  return take_top(&st, &out->dir);
}

void sandbox_done(sandbox_path *p) {
  if (p->dir) CloseHandle(p->dir);
  p->dir = NULL;
}
