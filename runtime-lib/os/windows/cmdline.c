/* os/windows/cmdline.c: the command line as argv, by Microsoft's rules (UTF-8 from utf16.c).
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
 */
#include "rt.h"
#include "windows.h"

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
