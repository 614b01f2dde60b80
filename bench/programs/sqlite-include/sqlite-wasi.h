/* sqlite-wasi.h: force-included (-include) into SQLite 3.40's amalgamation when it is built for wasm32-wasi.

   SQLite 3.40 predates its own WASI support (3.41 added it to sqliteInt.h and os_unix.c); its unix VFS,
   which sqlite3_initialize() registers even for in-memory databases, names POSIX calls and constants
   that wasi-libc lacks. This header supplies what 3.41 supplies: the advisory-lock constants (wasi-libc's
   fcntl() rejects these commands with EINVAL, so locking a file fails cleanly) and fchmod, fchown and
   geteuid as stubs. The benchmark and the test use ":memory:" databases (speedtest1 --memdb), which
   never reach any of them. mmap and getpid come from wasi-libc's emulation libraries instead
   (-D_WASI_EMULATED_MMAN -lwasi-emulated-mman, likewise GETPID). */
#ifndef SQLITE_WASI_H
#define SQLITE_WASI_H
#include <errno.h>
#include <fcntl.h>
#include <sys/types.h>

#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif

static int fchmod(int fd, mode_t mode) { (void)fd; (void)mode; errno = ENOSYS; return -1; }
static int fchown(int fd, uid_t uid, gid_t gid) { (void)fd; (void)uid; (void)gid; errno = ENOSYS; return -1; }
static uid_t geteuid(void) { return 0; }
#endif
