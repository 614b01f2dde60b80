/* os/windows/windows.h: what the Windows runtime's files and wasi-shim/windows share.
 *
 * UTF-16 (the Windows API's strings) <-> UTF-8 (WASI's: utf16.c), the command line split by Microsoft's rules,
 * and the standard handle behind WASI fds 0-2.
 */
#ifndef W2N_WINDOWS_H
#define W2N_WINDOWS_H

#include "win32.h"

/* The UTF-8 form of s[0..n) in a new w2n_alloc block, NUL-terminated; *out_len (if not NULL) gets its
 * length. An unpaired surrogate becomes U+FFFD. NULL when out of memory. */
char *w2n_utf16_to_utf8(const WCHAR *s, size_t n, size_t *out_len);
/* The same into out (room for n * 3 + 1 bytes); returns the length. */
size_t w2n_utf16_to_utf8_into(const WCHAR *s, size_t n, char *out);
/* s[0..n) (UTF-8, strict: utf16.c) as UTF-16 in out[0..cap), not terminated: the length in units, -1 for
 * invalid UTF-8, -2 when it does not fit. */
long w2n_utf8_to_utf16(const char *s, size_t n, WCHAR *out, size_t cap);
size_t w2n_wcslen(const WCHAR *s);

/* Splits a command line (GetCommandLineW) into a NULL-terminated argv of UTF-8 strings, as the
 * Microsoft C runtime does (cmdline.c); returns argc. Exits with a fatal error when out of memory. */
int w2n_split_command_line(const WCHAR *cmd, char ***argv_out);

#endif
