/* os/windows/win32.h: the few Win32 declarations the Windows runtime uses, written here (no SDK).
 *
 * Every function is imported from a system DLL through an import library that the build makes from
 * kernel32.def / advapi32.def in this folder; a function declared here must be listed there. Types are
 * spelled with their Win64 sizes (DWORD 32-bit, handles and SIZE_T 64-bit, WCHAR UTF-16). x64 has one
 * calling convention, so no __stdcall is needed.
 */
#ifndef W2N_WIN32_H
#define W2N_WIN32_H

#include <stddef.h>
#include <stdint.h>

typedef void *HANDLE;
typedef uint32_t DWORD;
typedef int BOOL;
typedef uint16_t WCHAR;
typedef int64_t LARGE_INTEGER;
typedef struct { DWORD lo, hi; } FILETIME;

#define W2N_IMPORT __declspec(dllimport)

#define STD_INPUT_HANDLE ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE ((DWORD)-12)
#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)

#define MEM_COMMIT 0x1000u
#define MEM_RESERVE 0x2000u
#define MEM_DECOMMIT 0x4000u
#define MEM_RELEASE 0x8000u
#define PAGE_NOACCESS 0x01u
#define PAGE_READWRITE 0x04u

#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK 1
#define FILE_TYPE_CHAR 2
#define FILE_TYPE_PIPE 3

#define ERROR_BROKEN_PIPE 109u
#define ERROR_ACCESS_DENIED 5u
#define ERROR_HANDLE_EOF 38u
#define ERROR_NO_DATA 232u

/* Structured exceptions (winnt.h layouts on x64). */
#define EXCEPTION_ACCESS_VIOLATION 0xC0000005u
#define EXCEPTION_STACK_OVERFLOW 0xC00000FDu
#define EXCEPTION_CONTINUE_SEARCH 0
typedef struct EXCEPTION_RECORD {
  DWORD ExceptionCode;
  DWORD ExceptionFlags;
  struct EXCEPTION_RECORD *ExceptionRecord;
  void *ExceptionAddress;
  DWORD NumberParameters;
  uintptr_t ExceptionInformation[15]; /* access violation: [0] read/write/execute, [1] the address */
} EXCEPTION_RECORD;
typedef struct {
  EXCEPTION_RECORD *ExceptionRecord;
  void *ContextRecord;
} EXCEPTION_POINTERS;
typedef long (*PVECTORED_EXCEPTION_HANDLER)(EXCEPTION_POINTERS *info);

/* kernel32.dll */
W2N_IMPORT HANDLE GetStdHandle(DWORD which);
W2N_IMPORT BOOL WriteFile(HANDLE h, const void *buf, DWORD n, DWORD *written, void *overlapped);
W2N_IMPORT BOOL ReadFile(HANDLE h, void *buf, DWORD n, DWORD *read, void *overlapped);
W2N_IMPORT DWORD GetFileType(HANDLE h);
W2N_IMPORT DWORD GetLastError(void);
W2N_IMPORT _Noreturn void ExitProcess(unsigned status);
W2N_IMPORT WCHAR *GetCommandLineW(void);
W2N_IMPORT WCHAR *GetEnvironmentStringsW(void);
W2N_IMPORT BOOL FreeEnvironmentStringsW(WCHAR *block);
W2N_IMPORT void *VirtualAlloc(void *addr, size_t size, DWORD type, DWORD protect);
W2N_IMPORT BOOL VirtualFree(void *addr, size_t size, DWORD type);
W2N_IMPORT void *AddVectoredExceptionHandler(unsigned long first, PVECTORED_EXCEPTION_HANDLER handler);
W2N_IMPORT BOOL QueryPerformanceCounter(LARGE_INTEGER *count);
W2N_IMPORT BOOL QueryPerformanceFrequency(LARGE_INTEGER *frequency);
W2N_IMPORT void GetSystemTimePreciseAsFileTime(FILETIME *t);
W2N_IMPORT HANDLE GetCurrentProcess(void);
W2N_IMPORT HANDLE GetCurrentThread(void);
W2N_IMPORT BOOL GetProcessTimes(HANDLE p, FILETIME *creation, FILETIME *exit, FILETIME *kernel, FILETIME *user);
W2N_IMPORT BOOL GetThreadTimes(HANDLE t, FILETIME *creation, FILETIME *exit, FILETIME *kernel, FILETIME *user);
W2N_IMPORT BOOL SwitchToThread(void);
W2N_IMPORT void Sleep(DWORD milliseconds);

/* Files (wasi-shim/windows): kernel32 calls on handles that ntdll's NtCreateFile opened. */
W2N_IMPORT BOOL CloseHandle(HANDLE h);
W2N_IMPORT BOOL FlushFileBuffers(HANDLE h);
W2N_IMPORT BOOL SetFilePointerEx(HANDLE h, LARGE_INTEGER distance, LARGE_INTEGER *new_position, DWORD method);
W2N_IMPORT HANDLE CreateFileW(const WCHAR *name, DWORD access, DWORD share, void *security, DWORD disposition,
                              DWORD flags, HANDLE template_file);
typedef struct {
  DWORD attributes;
  FILETIME creation, last_access, last_write;
  DWORD volume_serial, size_high, size_low, links, index_high, index_low;
} BY_HANDLE_FILE_INFORMATION;
W2N_IMPORT BOOL GetFileInformationByHandle(HANDLE h, BY_HANDLE_FILE_INFORMATION *info);
/* Finding Wine's own ntdll exports at run time (wasi-shim/windows/wine.c): absent on Windows. */
W2N_IMPORT HANDLE GetModuleHandleW(const WCHAR *name);
W2N_IMPORT void *GetProcAddress(HANDLE module, const char *name);

/* ntdll.dll: the native file API, which opens a name relative to a directory handle (what the WASI
 * sandbox is built on: wasi-shim/windows/sandbox.c). Layouts are winternl.h's / ntifs.h's on x64. */
typedef int32_t NTSTATUS;
typedef struct {
  uint16_t Length, MaximumLength; /* in bytes */
  WCHAR *Buffer;
} UNICODE_STRING;
typedef struct {
  uint32_t Length;
  HANDLE RootDirectory;
  UNICODE_STRING *ObjectName;
  uint32_t Attributes;
  void *SecurityDescriptor, *SecurityQualityOfService;
} OBJECT_ATTRIBUTES;
typedef struct {
  union { NTSTATUS Status; void *Pointer; };
  uintptr_t Information;
} IO_STATUS_BLOCK;
W2N_IMPORT NTSTATUS NtCreateFile(HANDLE *h, DWORD access, OBJECT_ATTRIBUTES *attr, IO_STATUS_BLOCK *io,
                                 LARGE_INTEGER *alloc_size, uint32_t file_attributes, uint32_t share,
                                 uint32_t disposition, uint32_t options, void *ea, uint32_t ea_len);
W2N_IMPORT NTSTATUS NtQueryInformationFile(HANDLE h, IO_STATUS_BLOCK *io, void *buf, uint32_t len, uint32_t klass);
W2N_IMPORT NTSTATUS NtSetInformationFile(HANDLE h, IO_STATUS_BLOCK *io, void *buf, uint32_t len, uint32_t klass);
W2N_IMPORT NTSTATUS NtQueryDirectoryFile(HANDLE h, HANDLE event, void *apc, void *apc_context, IO_STATUS_BLOCK *io,
                                         void *buf, uint32_t len, uint32_t klass, unsigned char single,
                                         UNICODE_STRING *mask, unsigned char restart);
W2N_IMPORT NTSTATUS NtFsControlFile(HANDLE h, HANDLE event, void *apc, void *apc_context, IO_STATUS_BLOCK *io,
                                    uint32_t code, void *in, uint32_t in_len, void *out, uint32_t out_len);
W2N_IMPORT NTSTATUS NtReadFile(HANDLE h, HANDLE event, void *apc, void *apc_context, IO_STATUS_BLOCK *io, void *buf,
                               uint32_t len, LARGE_INTEGER *offset, uint32_t *key);
W2N_IMPORT NTSTATUS NtWriteFile(HANDLE h, HANDLE event, void *apc, void *apc_context, IO_STATUS_BLOCK *io,
                                const void *buf, uint32_t len, LARGE_INTEGER *offset, uint32_t *key);
W2N_IMPORT DWORD RtlNtStatusToDosError(NTSTATUS status);

/* advapi32.dll: RtlGenRandom, the system's CSPRNG (what the CRT's rand_s uses). ProcessPrng in
 * bcryptprimitives.dll is newer, but Wine 8 (Debian 12) lacks it. */
W2N_IMPORT unsigned char SystemFunction036(void *buf, unsigned long len);

#endif
