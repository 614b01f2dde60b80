/* os/windows/cmdline.c: the command line as argv, by Microsoft's rules, and UTF-16 -> UTF-8.
 *
 * Windows hands a program one string (GetCommandLineW); splitting it is the C runtime's job, and
 * programs agree on the rules of Microsoft's runtime (the same as CommandLineToArgvW's, plus the
 * "" rule inside quotes):
 *   - argv[0], the program name, runs to the first space or tab outside double quotes; quotes only
 *     toggle quoting (a path cannot contain '"', so backslashes are never escapes there);
 *   - other arguments are separated by spaces and tabs outside quotes; 2n backslashes before a '"'
 *     become n backslashes and the quote toggles quoting, 2n+1 backslashes before a '"' become n
 *     backslashes and a literal '"'; backslashes not followed by '"' are literal; inside quotes, ""
 *     is a literal '"'.
 * WASI strings are UTF-8: an unpaired surrogate (possible in Windows strings) becomes U+FFFD.
 */
#include "rt.h"
#include "windows.h"

size_t w2n_wcslen(const WCHAR *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

static size_t encode(uint32_t c, char *out) {
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) { out[0] = (char)(0xc0 | c >> 6); out[1] = (char)(0x80 | (c & 0x3f)); return 2; }
  if (c < 0x10000) {
    out[0] = (char)(0xe0 | c >> 12); out[1] = (char)(0x80 | ((c >> 6) & 0x3f)); out[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  out[0] = (char)(0xf0 | c >> 18); out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3f)); out[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

char *w2n_utf16_to_utf8(const WCHAR *s, size_t n, size_t *out_len) {
  char *out = w2n_alloc(n * 3 + 1); /* a UTF-16 unit never takes more than 3 bytes (a pair takes 4) */
  if (!out) return NULL;
  size_t len = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t c = s[i];
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] < 0xe000) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
      i++;
    } else if (c >= 0xd800 && c < 0xe000) {
      c = 0xfffd;
    }
    len += encode(c, out + len);
  }
  out[len] = 0;
  if (out_len) *out_len = len;
  return out;
}

static int is_blank(WCHAR c) { return c == ' ' || c == '\t'; }

int w2n_split_command_line(const WCHAR *cmd, char ***argv_out) {
  size_t n = w2n_wcslen(cmd);
  /* At most one argument per two characters, plus argv[0] and the NULL. */
  char **argv = w2n_alloc((n / 2 + 3) * sizeof(char *));
  WCHAR *arg = w2n_alloc((n + 1) * sizeof(WCHAR));
  if (!argv || !arg) w2n_fatal("out of memory reading the command line");
  int argc = 0;
  const WCHAR *p = cmd;

  /* argv[0] */
  size_t len = 0;
  int in_quotes = 0;
  for (; *p && (in_quotes || !is_blank(*p)); p++) {
    if (*p == '"') in_quotes = !in_quotes;
    else arg[len++] = *p;
  }
  argv[argc++] = w2n_utf16_to_utf8(arg, len, NULL);

  for (;;) {
    while (is_blank(*p)) p++;
    if (!*p) break;
    len = 0;
    in_quotes = 0;
    for (;;) {
      size_t slashes = 0;
      while (*p == '\\') { p++; slashes++; }
      if (*p == '"') {
        for (size_t i = 0; i < slashes / 2; i++) arg[len++] = '\\';
        if (slashes % 2) {
          arg[len++] = '"'; /* escaped quote */
        } else if (in_quotes && p[1] == '"') {
          arg[len++] = '"'; /* "" inside quotes */
          p++;
        } else {
          in_quotes = !in_quotes;
        }
        p++;
        continue;
      }
      for (size_t i = 0; i < slashes; i++) arg[len++] = '\\';
      if (!*p || (!in_quotes && is_blank(*p))) break;
      arg[len++] = *p++;
    }
    argv[argc++] = w2n_utf16_to_utf8(arg, len, NULL);
  }
  for (int i = 0; i < argc; i++)
    if (!argv[i]) w2n_fatal("out of memory reading the command line");
  argv[argc] = NULL;
  w2n_free(arg);
  *argv_out = argv;
  return argc;
}
