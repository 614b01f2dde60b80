/* wasi-shim/windows/errno.c: Windows errors as WASI errno values.
 *
 * ntdll's statuses go through RtlNtStatusToDosError to Win32 errors, then one table gives the WASI
 * errno, so kernel32 failures (GetLastError) and ntdll ones read the same. A few statuses are told
 * apart first because their Win32 error is too coarse (a directory opened as a file and a pending
 * delete are both ERROR_ACCESS_DENIED). Anything unknown becomes EIO, so a guest never sees a raw
 * Windows number.
 */
#include "wasi.h"

static const struct { uint16_t win32; uint8_t wasi; } table[] = {
    {1, WASI_ENOTSUP},       /* ERROR_INVALID_FUNCTION */
    {2, WASI_ENOENT},        /* ERROR_FILE_NOT_FOUND */
    {3, WASI_ENOENT},        /* ERROR_PATH_NOT_FOUND */
    {4, WASI_EMFILE},        /* ERROR_TOO_MANY_OPEN_FILES */
    {5, WASI_EACCES},        /* ERROR_ACCESS_DENIED */
    {6, WASI_EBADF},         /* ERROR_INVALID_HANDLE */
    {8, WASI_ENOMEM},        /* ERROR_NOT_ENOUGH_MEMORY */
    {14, WASI_ENOMEM},       /* ERROR_OUTOFMEMORY */
    {15, WASI_ENOENT},       /* ERROR_INVALID_DRIVE */
    {16, 10},                /* ERROR_CURRENT_DIRECTORY -> busy */
    {17, 75},                /* ERROR_NOT_SAME_DEVICE -> xdev */
    {18, WASI_ENOENT},       /* ERROR_NO_MORE_FILES */
    {19, 69},                /* ERROR_WRITE_PROTECT -> rofs */
    {21, 10},                /* ERROR_NOT_READY -> busy */
    {32, 10},                /* ERROR_SHARING_VIOLATION -> busy */
    {33, 10},                /* ERROR_LOCK_VIOLATION -> busy */
    {39, 51},                /* ERROR_HANDLE_DISK_FULL -> nospc */
    {50, WASI_ENOTSUP},      /* ERROR_NOT_SUPPORTED */
    {53, WASI_ENOENT},       /* ERROR_BAD_NETPATH */
    {67, WASI_ENOENT},       /* ERROR_BAD_NET_NAME */
    {80, WASI_EEXIST},       /* ERROR_FILE_EXISTS */
    {87, WASI_EINVAL},       /* ERROR_INVALID_PARAMETER */
    {109, WASI_EPIPE},       /* ERROR_BROKEN_PIPE */
    {112, 51},               /* ERROR_DISK_FULL -> nospc */
    {120, WASI_ENOSYS},      /* ERROR_CALL_NOT_IMPLEMENTED */
    {122, WASI_ENAMETOOLONG}, /* ERROR_INSUFFICIENT_BUFFER */
    {123, WASI_ENOENT},      /* ERROR_INVALID_NAME: the name cannot exist */
    {131, WASI_EINVAL},      /* ERROR_NEGATIVE_SEEK */
    {132, WASI_ESPIPE},      /* ERROR_SEEK_ON_DEVICE */
    {145, WASI_ENOTEMPTY},   /* ERROR_DIR_NOT_EMPTY */
    {161, WASI_ENOENT},      /* ERROR_BAD_PATHNAME */
    {183, WASI_EEXIST},      /* ERROR_ALREADY_EXISTS */
    {206, WASI_ENAMETOOLONG}, /* ERROR_FILENAME_EXCED_RANGE */
    {232, WASI_EPIPE},       /* ERROR_NO_DATA */
    {267, WASI_ENOTDIR},     /* ERROR_DIRECTORY */
    {303, WASI_ENOENT},      /* ERROR_DELETE_PENDING */
    {336, WASI_EISDIR},      /* ERROR_DIRECTORY_NOT_SUPPORTED */
    {995, 11},               /* ERROR_OPERATION_ABORTED -> canceled */
    {1117, WASI_EIO},        /* ERROR_IO_DEVICE */
    {1314, WASI_EPERM},      /* ERROR_PRIVILEGE_NOT_HELD (creating a symlink) */
    {1450, WASI_ENOMEM},     /* ERROR_NO_SYSTEM_RESOURCES */
    {1920, WASI_EACCES},     /* ERROR_CANT_ACCESS_FILE */
    {1921, WASI_ELOOP},      /* ERROR_CANT_RESOLVE_FILENAME */
    {4390, WASI_EINVAL},     /* ERROR_NOT_A_REPARSE_POINT */
};

int32_t wasi_errno_from_win32(DWORD error) {
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (table[i].win32 == error) return table[i].wasi;
  return WASI_EIO;
}

int32_t wasi_errno_from_nt(NTSTATUS status) {
  switch (status) {
  case STATUS_FILE_IS_A_DIRECTORY: return WASI_EISDIR;
  case STATUS_NOT_A_DIRECTORY: return WASI_ENOTDIR;
  case STATUS_STOPPED_ON_SYMLINK: return WASI_ELOOP;
  case STATUS_DELETE_PENDING: return WASI_ENOENT; /* deleted, waiting for its last handle to close */
  case STATUS_NOT_IMPLEMENTED:
  case STATUS_INVALID_INFO_CLASS:
  case STATUS_NOT_SUPPORTED:
  case STATUS_INVALID_DEVICE_REQUEST: return WASI_ENOTSUP;
  default: return wasi_errno_from_win32(RtlNtStatusToDosError(status));
  }
}
