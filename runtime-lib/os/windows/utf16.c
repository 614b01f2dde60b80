/* os/windows/utf16.c: UTF-16 (the Windows API's strings) <-> UTF-8 (WASI's).
 *
 * UTF-16 -> UTF-8 never fails: an unpaired surrogate (possible in Windows strings) becomes U+FFFD.
 * UTF-8 -> UTF-16 is strict (overlong forms, surrogates, values past U+10FFFF and truncated sequences
 * are refused), because its input names files: two different guest byte strings must never name the
 * same Windows file.
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

size_t w2n_utf16_to_utf8_into(const WCHAR *s, size_t n, char *out) {
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
  return len;
}

char *w2n_utf16_to_utf8(const WCHAR *s, size_t n, size_t *out_len) {
  char *out = w2n_alloc(n * 3 + 1); /* a UTF-16 unit never takes more than 3 bytes (a pair takes 4) */
  if (!out) return NULL;
  size_t len = w2n_utf16_to_utf8_into(s, n, out);
  if (out_len) *out_len = len;
  return out;
}

long w2n_utf8_to_utf16(const char *str, size_t n, WCHAR *out, size_t cap) {
  const unsigned char *s = (const unsigned char *)str;
  size_t len = 0;
  for (size_t i = 0; i < n;) {
    uint32_t c = s[i], need, min;
    if (c < 0x80) need = 0, min = 0;
    else if ((c & 0xe0) == 0xc0) need = 1, min = 0x80, c &= 0x1f;
    else if ((c & 0xf0) == 0xe0) need = 2, min = 0x800, c &= 0x0f;
    else if ((c & 0xf8) == 0xf0) need = 3, min = 0x10000, c &= 0x07;
    else return -1;
    if (need > n - i - 1) return -1; /* truncated */
    for (uint32_t k = 1; k <= need; k++) {
      if ((s[i + k] & 0xc0) != 0x80) return -1;
      c = c << 6 | (s[i + k] & 0x3f);
    }
    i += need + 1;
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) return -1;
    if (len + (c >= 0x10000 ? 2 : 1) > cap) return -2;
    if (c >= 0x10000) {
      out[len++] = (WCHAR)(0xd800 + ((c - 0x10000) >> 10));
      out[len++] = (WCHAR)(0xdc00 + ((c - 0x10000) & 0x3ff));
    } else {
      out[len++] = (WCHAR)c;
    }
  }
  return (long)len;
}
