/* os/darwin/eh.S: the register save and restore of wasm exception handling on macOS.
 *
 * macOS's x86_64 and arm64 calling conventions preserve the same registers as System V and AAPCS64
 * (arm64 macOS also reserves x18, which neither routine touches), so the Linux routines serve as
 * they are: arch/<arch>/eh.S, whose function labels come from arch/generic/asm.h's macros (with
 * Mach-O's leading underscore here).
 */
#if defined(__x86_64__)
#include "../../arch/x86_64/eh.S"
#elif defined(__aarch64__)
#include "../../arch/aarch64/eh.S"
#endif
