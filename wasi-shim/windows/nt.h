/* wasi-shim/windows/nt.h: the constants of the native (ntdll) file API the Windows WASI shim uses,
 * with their winternl.h / ntifs.h values (the functions are declared in os/windows/win32.h).
 */
#ifndef W2N_WASI_NT_H
#define W2N_WASI_NT_H

/* Access rights. */
#define FILE_READ_DATA 0x0001u /* FILE_LIST_DIRECTORY on a directory */
#define FILE_WRITE_DATA 0x0002u
#define FILE_APPEND_DATA 0x0004u
#define FILE_TRAVERSE 0x0020u
#define FILE_READ_ATTRIBUTES 0x0080u
#define FILE_WRITE_ATTRIBUTES 0x0100u
#define DELETE_ACCESS 0x00010000u
#define SYNCHRONIZE 0x00100000u
#define GENERIC_READ 0x80000000u

/* Sharing: always all three, so that files a guest holds open can still be renamed and deleted. */
#define FILE_SHARE_ALL 0x7u

/* Dispositions. */
#define FILE_OPEN 1u
#define FILE_CREATE 2u
#define FILE_OPEN_IF 3u
#define FILE_OVERWRITE 4u
#define FILE_OVERWRITE_IF 5u

/* Options. */
#define FILE_DIRECTORY_FILE 0x00000001u
#define FILE_WRITE_THROUGH 0x00000002u
#define FILE_SYNCHRONOUS_IO_NONALERT 0x00000020u
#define FILE_NON_DIRECTORY_FILE 0x00000040u
#define FILE_OPEN_REPARSE_POINT 0x00200000u

#define OBJ_CASE_INSENSITIVE 0x40u

/* Attributes. */
#define FILE_ATTRIBUTE_READONLY 0x01u
#define FILE_ATTRIBUTE_DIRECTORY 0x10u
#define FILE_ATTRIBUTE_NORMAL 0x80u
#define FILE_ATTRIBUTE_REPARSE_POINT 0x400u

/* Reparse points: a tag with this bit names another file (symlinks, junctions); others are not links. */
#define IO_REPARSE_TAG_NAME_SURROGATE 0x20000000u
#define IO_REPARSE_TAG_SYMLINK 0xA000000Cu
#define IO_REPARSE_TAG_MOUNT_POINT 0xA0000003u
#define SYMLINK_FLAG_RELATIVE 1u
#define FSCTL_SET_REPARSE_POINT 0x000900A4u
#define FSCTL_GET_REPARSE_POINT 0x000900A8u

/* Information classes. */
#define FileDirectoryInformation_ 1u
#define FileBasicInformation_ 4u
#define FileStandardInformation_ 5u
#define FileRenameInformation_ 10u
#define FileLinkInformation_ 11u
#define FileDispositionInformation_ 13u
#define FileEndOfFileInformation_ 20u
#define FileAttributeTagInformation_ 35u
#define FileIdFullDirectoryInformation_ 38u
#define FileDispositionInformationEx_ 64u
#define FILE_DISPOSITION_DELETE 0x1u
#define FILE_DISPOSITION_POSIX_SEMANTICS 0x2u
#define FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE 0x10u

/* Statuses the shim tells apart (the rest go through RtlNtStatusToDosError: errno.c). */
#define STATUS_SUCCESS 0
#define STATUS_STOPPED_ON_SYMLINK ((NTSTATUS)0x8000002Du)
#define STATUS_NO_MORE_FILES ((NTSTATUS)0x80000006u)
#define STATUS_NO_SUCH_FILE ((NTSTATUS)0xC000000Fu)
#define STATUS_END_OF_FILE ((NTSTATUS)0xC0000011u)
#define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xC0000034u)
#define STATUS_OBJECT_PATH_NOT_FOUND ((NTSTATUS)0xC000003Au)
#define STATUS_FILE_IS_A_DIRECTORY ((NTSTATUS)0xC00000BAu)
#define STATUS_NOT_A_DIRECTORY ((NTSTATUS)0xC0000103u)
#define STATUS_DELETE_PENDING ((NTSTATUS)0xC0000056u)
#define STATUS_NOT_A_REPARSE_POINT ((NTSTATUS)0xC0000275u)
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000Du)
#define STATUS_NOT_IMPLEMENTED ((NTSTATUS)0xC0000002u)
#define STATUS_INVALID_INFO_CLASS ((NTSTATUS)0xC0000003u)
#define STATUS_NOT_SUPPORTED ((NTSTATUS)0xC00000BBu)
#define STATUS_INVALID_DEVICE_REQUEST ((NTSTATUS)0xC0000010u)
#define STATUS_PRIVILEGE_NOT_HELD ((NTSTATUS)0xC0000061u)
#define NT_SUCCESS(s) ((s) >= 0)

#endif
