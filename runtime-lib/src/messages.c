/* src/messages.c: the text of every w2n_result, shared by the executable and the embedding runtimes.
 *
 * Trap messages are the spec's own wording (the spec tests compare them as prefixes), so that a trap
 * reads the same whether it ends a program ("wasm trap: <message>") or comes back to a host.
 */
#include "w2n_embed.h"

const char *w2n_result_message(w2n_result result) {
  switch (result) {
  case W2N_OK: return "ok";
  case W2N_TRAP_UNREACHABLE: return "unreachable";
  case W2N_TRAP_INT_DIV_BY_ZERO: return "integer divide by zero";
  case W2N_TRAP_INT_OVERFLOW: return "integer overflow";
  case W2N_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
  case W2N_TRAP_OOB_MEMORY: return "out of bounds memory access";
  case W2N_TRAP_OOB_TABLE: return "out of bounds table access";
  case W2N_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized element";
  case W2N_TRAP_INDIRECT_CALL_TYPE: return "indirect call type mismatch";
  case W2N_TRAP_STACK_EXHAUSTED: return "call stack exhausted";
  case W2N_TRAP_UNDEFINED_ELEMENT: return "undefined element";
  case W2N_TRAP_HOST: return "host function trapped";
  case W2N_TRAP_NULL_EXNREF: return "null exception reference";
  case W2N_EXCEPTION: return "uncaught exception";
  case W2N_TRAP_NULL_FUNCREF: return "null function reference";
  case W2N_TRAP_NULL_REFERENCE: return "null reference";
  case W2N_TRAP_UNALIGNED_ATOMIC: return "unaligned atomic";
  case W2N_TRAP_EXPECTED_SHARED: return "expected shared memory";
  case W2N_ERROR_LINK: return "incompatible import";
  case W2N_ERROR_RESOURCES: return "out of resources";
  case W2N_ERROR_ARGUMENT: return "invalid argument";
  case W2N_EXIT: return "exited (WASI proc_exit)";
  }
  return "unknown trap";
}
