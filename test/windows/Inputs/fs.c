// The WASI file system of an x86_64-windows executable under Wine: ordinary file work inside a preopened
// directory (create, write, read back, seek, append, stat, rename, link, readdir, mkdir, rmdir, unlink, a
// UTF-8 name), then every way out the sandbox refuses on Windows: "..", absolute paths, drive letters,
// UNC and \\?\ paths, backslashes, alternate data streams, DOS device names, and names Windows cannot
// hold. Each line is the outcome; test/windows/fs.test checks them and the host side.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *err_name(int e) {
  switch (e) {
  case ENOENT: return "ENOENT";
  case ENOTCAPABLE: return "ENOTCAPABLE";
  case EINVAL: return "EINVAL";
  case EILSEQ: return "EILSEQ";
  case EEXIST: return "EEXIST";
  case ENOTEMPTY: return "ENOTEMPTY";
  case EISDIR: return "EISDIR";
  case ENOTDIR: return "ENOTDIR";
  case EACCES: return "EACCES";
  case EPERM: return "EPERM";
  default: return "other";
  }
}

/* The path as printed: the one byte that is never UTF-8 (0xff) as "\xff", so the output stays text. */
static const char *shown(const char *path) {
  static char out[256];
  size_t k = 0;
  for (const char *p = path; *p && k < sizeof out - 5; p++) {
    if ((unsigned char)*p == 0xff) { memcpy(out + k, "\\xff", 4); k += 4; }
    else out[k++] = *p;
  }
  out[k] = 0;
  return out;
}

/* Tries to open `path` for reading (and, with create, to create it): OPENED, or the errno. */
static void try_open(const char *path, int create) {
  int fd = open(path, create ? O_RDWR | O_CREAT : O_RDONLY, 0644);
  if (fd >= 0) {
    char buf[32] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n > 0) buf[strcspn(buf, "\n")] = 0;
    printf("%s %s: OPENED <%s>\n", create ? "create" : "open", shown(path), n > 0 ? buf : "");
    close(fd);
  } else {
    printf("%s %s: %s\n", create ? "create" : "open", shown(path), err_name(errno));
  }
}

static void check(const char *what, int r) { printf("%s: %s\n", what, r == 0 ? "ok" : err_name(errno)); }

static void write_file(const char *path, const char *text, int flags) {
  int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
  if (fd < 0) { printf("write %s: %s\n", path, err_name(errno)); return; }
  ssize_t n = write(fd, text, strlen(text));
  printf("write %s: %zd\n", path, n);
  close(fd);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("list %s: %s\n", path, err_name(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("list %s:", path);
  for (int i = 0; i < n; i++) printf(" %s", names[i]);
  printf("\n");
}

int main(void) {
  /* Ordinary work inside the box. */
  write_file("/data/a.txt", "hello\n", O_TRUNC);
  write_file("/data/a.txt", "world\n", O_APPEND);
  int fd = open("/data/a.txt", O_RDONLY);
  char buf[64] = {0};
  printf("read back: %zd [%.12s]\n", read(fd, buf, sizeof buf), buf);
  printf("seek: %lld\n", (long long)lseek(fd, 6, SEEK_SET));
  memset(buf, 0, sizeof buf);
  printf("read at 6: %zd [%.5s]\n", read(fd, buf, sizeof buf), buf);
  printf("pread at 1: %zd [%.4s]\n", pread(fd, buf, 4, 1), buf);
  printf("position kept: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  close(fd);
  struct stat st;
  check("stat a.txt", stat("/data/a.txt", &st));
  printf("size %lld regular %d nlink %d\n", (long long)st.st_size, S_ISREG(st.st_mode), (int)st.st_nlink);
  check("truncate", truncate("/data/a.txt", 3));
  stat("/data/a.txt", &st);
  printf("size after truncate: %lld\n", (long long)st.st_size);
  check("mkdir sub", mkdir("/data/sub", 0755));
  check("mkdir sub again", mkdir("/data/sub", 0755));
  check("rename a.txt", rename("/data/a.txt", "/data/sub/b.txt"));
  check("link", link("/data/sub/b.txt", "/data/c.txt"));
  stat("/data/c.txt", &st);
  printf("nlink after link: %d\n", (int)st.st_nlink);
  write_file("/data/sub/\xc3\xbcnic\xc3\xb8" "d\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac.txt", "utf8\n", 0);
  list("/data/sub");
  try_open("/data/sub/../sub/\xc3\xbcnic\xc3\xb8" "d\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac.txt", 0);
  check("rmdir non-empty", rmdir("/data/sub"));
  check("unlink a directory", unlink("/data/sub"));
  check("rmdir a file", rmdir("/data/c.txt"));
  check("unlink c.txt", unlink("/data/c.txt"));
  list("/data");

  /* The ways out. */
  try_open("/data/../outside.txt", 0);
  try_open("/data/sub/../../outside.txt", 0);
  try_open("../outside.txt", 0);
  try_open("/outside.txt", 0);
  try_open("/data/C:/windows/win.ini", 0);
  try_open("/data/C:", 0);
  try_open("/data/Z:/etc/passwd", 0);
  try_open("/data/z:\\etc\\passwd", 0);
  try_open("/data/..\\outside.txt", 0);
  try_open("/data/sub\\..\\..\\outside.txt", 0);
  try_open("/data/\\\\?\\Z:\\etc\\passwd", 0);
  try_open("/data/\\\\.\\NUL", 0);
  try_open("/data/\\\\localhost\\C$\\windows", 0);
  try_open("/data/\\etc\\passwd", 0);
  try_open("/data/sub/b.txt:stream", 1);
  try_open("/data/CON", 1);
  try_open("/data/nul", 1);
  try_open("/data/NUL.txt", 1);
  try_open("/data/aux .c", 1);
  try_open("/data/COM1", 1);
  try_open("/data/lpt9.log", 1);
  try_open("/data/CONIN$", 1);
  try_open("/data/sub/CONOUT$", 1);
  try_open("/data/trailing.", 1);
  try_open("/data/trailing ", 1);
  try_open("/data/what?", 1);
  try_open("/data/bad\xff" "utf8", 1);
  check("mkdir C:", mkdir("/data/C:", 0755));
  check("rename to ..\\x", rename("/data/sub/b.txt", "/data/..\\moved.txt"));
  check("rename to ../x", rename("/data/sub/b.txt", "/data/../moved.txt"));
  check("link to NUL", link("/data/sub/b.txt", "/data/NUL"));
  check("symlink to C:", symlink("C:/windows", "/data/link"));
  check("symlink to absolute", symlink("/etc", "/data/link"));
  check("unlink ..\\outside", unlink("/data/..\\outside.txt"));
  list("/data");
  return 0;
}
