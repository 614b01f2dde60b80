/* wasi-shim/common/config.h: an executable's WASI configuration, read the same way on every OS
 * (config.c beside this; the OS's start-up opens what it names).
 */
#ifndef W2N_WASI_CONFIG_H
#define W2N_WASI_CONFIG_H

#include <stdint.h>

typedef struct {
  const char **dirs;    /* "HOST[::GUEST]", NULL-terminated */
  const char **listens; /* "ADDR:PORT", NULL-terminated */
} wasi_config;

/* Fills WASI->env and WASI->renumber_lenient, w2n_invoke_env, and *out, from the compiled-in tables and,
 * when use_runtime, the W2N_* variables among envp ("NAME=VALUE" strings, NULL-terminated). Exits with
 * a message on a malformed variable. */
void wasi_config_read(char **envp, int use_runtime, wasi_config *out);
/* Splits "HOST[::GUEST]": the host path in a new w2n_alloc string, the guest name (into spec). */
char *wasi_config_split_dir(const char *spec, const char **guest);
/* "wasm2native: WHAT ARG DETAIL" on stderr, exit status 1: a configuration error before the module runs. */
_Noreturn void wasi_config_error(const char *what, const char *arg, const char *detail);

#endif
