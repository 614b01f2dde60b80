/* wasi-shim/linux/errno.c: translation of Linux errno values to WASI errno values.
 *
 * A complete table indexed by the Linux errno (the numbering is shared by all Linux architectures we
 * target). Linux values without a WASI counterpart map to the closest WASI code, and anything
 * unknown becomes EIO so a guest never sees a raw Linux number.
 */
#include "wasi.h"

static const uint8_t linux_to_wasi[134] = {
    [0] = 0,
    [1] = 63,   /* EPERM -> perm */
    [2] = 44,   /* ENOENT -> noent */
    [3] = 71,   /* ESRCH -> srch */
    [4] = 27,   /* EINTR -> intr */
    [5] = 29,   /* EIO -> io */
    [6] = 60,   /* ENXIO -> nxio */
    [7] = 1,    /* E2BIG -> 2big */
    [8] = 45,   /* ENOEXEC -> noexec */
    [9] = 8,    /* EBADF -> badf */
    [10] = 12,  /* ECHILD -> child */
    [11] = 6,   /* EAGAIN/EWOULDBLOCK -> again */
    [12] = 48,  /* ENOMEM -> nomem */
    [13] = 2,   /* EACCES -> acces */
    [14] = 21,  /* EFAULT -> fault */
    [15] = 29,  /* ENOTBLK -> io */
    [16] = 10,  /* EBUSY -> busy */
    [17] = 20,  /* EEXIST -> exist */
    [18] = 75,  /* EXDEV -> xdev */
    [19] = 43,  /* ENODEV -> nodev */
    [20] = 54,  /* ENOTDIR -> notdir */
    [21] = 31,  /* EISDIR -> isdir */
    [22] = 28,  /* EINVAL -> inval */
    [23] = 41,  /* ENFILE -> nfile */
    [24] = 33,  /* EMFILE -> mfile */
    [25] = 59,  /* ENOTTY -> notty */
    [26] = 74,  /* ETXTBSY -> txtbsy */
    [27] = 22,  /* EFBIG -> fbig */
    [28] = 51,  /* ENOSPC -> nospc */
    [29] = 70,  /* ESPIPE -> spipe */
    [30] = 69,  /* EROFS -> rofs */
    [31] = 34,  /* EMLINK -> mlink */
    [32] = 64,  /* EPIPE -> pipe */
    [33] = 18,  /* EDOM -> dom */
    [34] = 68,  /* ERANGE -> range */
    [35] = 16,  /* EDEADLK -> deadlk */
    [36] = 37,  /* ENAMETOOLONG -> nametoolong */
    [37] = 46,  /* ENOLCK -> nolck */
    [38] = 52,  /* ENOSYS -> nosys */
    [39] = 55,  /* ENOTEMPTY -> notempty */
    [40] = 32,  /* ELOOP -> loop */
    [42] = 49,  /* ENOMSG -> nomsg */
    [43] = 24,  /* EIDRM -> idrm */
    [60] = 29,  /* ENOSTR -> io */
    [61] = 49,  /* ENODATA -> nomsg (closest) */
    [62] = 73,  /* ETIME -> timedout */
    [63] = 42,  /* ENOSR -> nobufs */
    [67] = 47,  /* ENOLINK -> nolink */
    [71] = 65,  /* EPROTO -> proto */
    [72] = 36,  /* EMULTIHOP -> multihop */
    [74] = 9,   /* EBADMSG -> badmsg */
    [75] = 61,  /* EOVERFLOW -> overflow */
    [84] = 25,  /* EILSEQ -> ilseq */
    [88] = 57,  /* ENOTSOCK -> notsock */
    [89] = 17,  /* EDESTADDRREQ -> destaddrreq */
    [90] = 35,  /* EMSGSIZE -> msgsize */
    [91] = 67,  /* EPROTOTYPE -> prototype */
    [92] = 50,  /* ENOPROTOOPT -> noprotoopt */
    [93] = 66,  /* EPROTONOSUPPORT -> protonosupport */
    [94] = 66,  /* ESOCKTNOSUPPORT -> protonosupport */
    [95] = 58,  /* EOPNOTSUPP/ENOTSUP -> notsup */
    [96] = 5,   /* EPFNOSUPPORT -> afnosupport */
    [97] = 5,   /* EAFNOSUPPORT -> afnosupport */
    [98] = 3,   /* EADDRINUSE -> addrinuse */
    [99] = 4,   /* EADDRNOTAVAIL -> addrnotavail */
    [100] = 38, /* ENETDOWN -> netdown */
    [101] = 40, /* ENETUNREACH -> netunreach */
    [102] = 39, /* ENETRESET -> netreset */
    [103] = 13, /* ECONNABORTED -> connaborted */
    [104] = 15, /* ECONNRESET -> connreset */
    [105] = 42, /* ENOBUFS -> nobufs */
    [106] = 30, /* EISCONN -> isconn */
    [107] = 53, /* ENOTCONN -> notconn */
    [108] = 64, /* ESHUTDOWN -> pipe */
    [109] = 29, /* ETOOMANYREFS -> io */
    [110] = 73, /* ETIMEDOUT -> timedout */
    [111] = 14, /* ECONNREFUSED -> connrefused */
    [112] = 23, /* EHOSTDOWN -> hostunreach */
    [113] = 23, /* EHOSTUNREACH -> hostunreach */
    [114] = 7,  /* EALREADY -> already */
    [115] = 26, /* EINPROGRESS -> inprogress */
    [116] = 72, /* ESTALE -> stale */
    [122] = 19, /* EDQUOT -> dquot */
    [125] = 11, /* ECANCELED -> canceled */
    [130] = 62, /* EOWNERDEAD -> ownerdead */
    [131] = 56, /* ENOTRECOVERABLE -> notrecoverable */
    [132] = 29, /* ERFKILL -> io */
    [133] = 29, /* EHWPOISON -> io */
};

int32_t wasi_errno_from_linux(long e) {
  if (e < 0) e = -e;
  if (e == 0) return 0;
  if (e >= (long)sizeof linux_to_wasi || linux_to_wasi[e] == 0) return WASI_EIO;
  return linux_to_wasi[e];
}
