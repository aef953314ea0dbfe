/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntdef.h - NT base types for callout drivers built against nfwfp.
 *
 * Windows is LLP64: LONG/ULONG are 32 bits on every architecture, unlike
 * Linux's long. All widths here are fixed-width kernel types
 * (wfp_api.md §1); nfwfp embeds the WDK structures in its own containers, so
 * the layouts are those of the WDK headers on x64.
 *
 * Strings. WCHAR is UTF-16 (u16). A Windows source's L"..." literal is a
 * 32-bit wchar_t array under gcc's Linux default, so wdk.mk compiles callout
 * drivers with -fshort-wchar, which makes L"..." an array of 16-bit unsigned
 * short, the same type as WCHAR: FWPM_DISPLAY_DATA0.name = L"x" and
 * RTL_CONSTANT_STRING(L"x") then compile unchanged. Without -fshort-wchar
 * the assignment is an incompatible-pointer error (never a silent 32-bit
 * string), and RTL_CONSTANT_STRING() refuses non-16-bit literals. gcc also
 * accepts C11 u"..." (char16_t, also unsigned short), but sparse 0.6.4 cannot
 * parse u"" literals, so these headers and the tests use L"".
 */
#ifndef _NFWFP_WDK_NTDEF_H
#define _NFWFP_WDK_NTDEF_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include "sal.h"
#include "sdkddkver.h"

#ifndef NULL
#define NULL ((void *)0)
#endif

#define VOID void
typedef void *PVOID, *LPVOID;
typedef void **PPVOID;
typedef const void *PCVOID, *LPCVOID;

typedef char CHAR, *PCHAR, *PSTR, *LPSTR;
typedef const char *PCSTR, *LPCSTR;
typedef s8 INT8, *PINT8;
typedef s16 INT16, *PINT16;
typedef s32 INT32, *PINT32;
typedef s64 INT64, *PINT64;
typedef u8 UINT8, *PUINT8;
typedef u16 UINT16, *PUINT16;
typedef u32 UINT32, *PUINT32;
typedef u64 UINT64, *PUINT64;

typedef u8 UCHAR, *PUCHAR;
typedef const u8 *PCUCHAR;
typedef s16 SHORT, *PSHORT;
typedef u16 USHORT, *PUSHORT;
typedef s16 CSHORT;
typedef s32 INT, *PINT;
typedef u32 UINT, *PUINT;
typedef s32 LONG, *PLONG;
typedef u32 ULONG, *PULONG;
typedef const u32 *PCULONG;
typedef s32 LONG32, *PLONG32;
typedef u32 ULONG32, *PULONG32;
typedef u32 DWORD, *PDWORD, *LPDWORD;
typedef u32 DWORD32;
typedef u64 DWORD64, *PDWORD64;
typedef u64 QWORD;
typedef u16 WORD, *PWORD;
typedef u8 BYTE, *PBYTE, *LPBYTE;
typedef s64 LONGLONG, *PLONGLONG;
typedef u64 ULONGLONG, *PULONGLONG;
typedef s64 LONG64, *PLONG64;
typedef u64 ULONG64, *PULONG64;

/* pointer-sized */
typedef long LONG_PTR, *PLONG_PTR;
typedef unsigned long ULONG_PTR, *PULONG_PTR;
typedef long INT_PTR, *PINT_PTR;
typedef unsigned long UINT_PTR, *PUINT_PTR;
typedef unsigned long DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
static_assert(sizeof(SIZE_T) == sizeof(size_t), "SIZE_T is pointer-sized");

typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef INT BOOL, *PBOOL;
#define TRUE 1
#define FALSE 0

/* UTF-16; see the comment at the top. linux/nls.h has the same typedef. */
typedef u16 wchar_t;
typedef u16 WCHAR, *PWCHAR, *PWCH, *LPWCH, *PWSTR, *LPWSTR, *NWPSTR;
typedef const u16 *PCWCH, *LPCWCH, *PCWSTR, *LPCWSTR;

typedef void *HANDLE, **PHANDLE;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef UCHAR KIRQL, *PKIRQL;
typedef char CCHAR;

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	struct {
		ULONG LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	struct {
		ULONG LowPart;
		ULONG HighPart;
	};
	struct {
		ULONG LowPart;
		ULONG HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

/* NTSTATUS classes (wfp_api.md §2.1, mingw ntdef.h) */
#define NT_SUCCESS(Status)	(((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status)	((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status)	((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status)	((((ULONG)(Status)) >> 30) == 3)

#define MAXUCHAR	((UCHAR)~((UCHAR)0))
#define MAXUSHORT	((USHORT)~((USHORT)0))
#define MAXULONG	((ULONG)~((ULONG)0))
#define MAXUINT8	((UINT8)~((UINT8)0))
#define MAXUINT16	((UINT16)~((UINT16)0))
#define MAXUINT32	((UINT32)~((UINT32)0))
#define MAXUINT64	((UINT64)~((UINT64)0))
#define MAXINT8		((INT8)(MAXUINT8 >> 1))
#define MAXINT16	((INT16)(MAXUINT16 >> 1))
#define MAXINT32	((INT32)(MAXUINT32 >> 1))
#define MAXINT64	((INT64)(MAXUINT64 >> 1))
#define MAXULONGLONG	((ULONGLONG)~((ULONGLONG)0))
#define MAXULONG_PTR	(~((ULONG_PTR)0))
#define MAXSIZE_T	((SIZE_T)~((SIZE_T)0))

#define FIELD_OFFSET(type, field)	((LONG)offsetof(type, field))
#define UFIELD_OFFSET(type, field)	((ULONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field)	(sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_NUMBER_OF(A)		(sizeof(A) / sizeof((A)[0]))
#define ARRAYSIZE(A)			RTL_NUMBER_OF(A)
#define RTL_BITS_OF(t)			(sizeof(t) * 8)
#define TYPE_ALIGNMENT(t)		__alignof__(t)
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - offsetof(type, field)))

/* Works at file and block scope (C11), unlike the WDK's array trick. */
#define C_ASSERT(e)			_Static_assert(e, #e)

#define UNREFERENCED_PARAMETER(P)	((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P)	((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V)	((void)(V))

/*
 * ASSERT/NT_ASSERT: checked (DBG=1) builds warn once through WARN_ON_ONCE;
 * free builds compile the expression out, as the WDK does, but keep its
 * operands "used" so that variables read only by an assertion do not warn.
 */
#if defined(DBG) && DBG
#include <linux/bug.h>
#define NT_ASSERT(e)		((void)WARN_ON_ONCE(!(e)))
#else
#define NT_ASSERT(e)		((void)sizeof(!(e)))
#endif
#define NT_ASSERTMSG(m, e)	NT_ASSERT(e)
#define NT_ASSERTMSGW(m, e)	NT_ASSERT(e)
#define NT_VERIFY(e)		(!!(e))
#define ASSERT(e)		NT_ASSERT(e)
#define ASSERTMSG(m, e)		NT_ASSERT(e)

#define UNICODE_NULL		((WCHAR)0)

/* Counted UTF-16 string; lengths are in bytes, without a terminator. */
typedef struct _UNICODE_STRING {
	USHORT Length;
	USHORT MaximumLength;
	PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING;
typedef const STRING *PCSTRING;

/* 0 if the literal's elements are WCHAR-sized, else a build error. */
#define NFWFP_WDK_WSTR_CHECK(s) \
	BUILD_BUG_ON_ZERO(sizeof((s)[0]) != sizeof(WCHAR))

#define RTL_CONSTANT_STRING(s)					\
	{							\
		sizeof(s) - sizeof((s)[0]) + NFWFP_WDK_WSTR_CHECK(s), \
		sizeof(s),					\
		(PWCH)(s)					\
	}

#define DECLARE_CONST_UNICODE_STRING(_var, _string)		\
	const WCHAR _var ## _buffer[] = _string;		\
	const UNICODE_STRING _var = {				\
		sizeof(_string) - sizeof(WCHAR) + NFWFP_WDK_WSTR_CHECK(_string), \
		sizeof(_string),				\
		(PWCH)_var ## _buffer				\
	}

#define DECLARE_GLOBAL_CONST_UNICODE_STRING(_var, _str)	\
	DECLARE_CONST_UNICODE_STRING(_var, _str)

#define DECLARE_UNICODE_STRING_SIZE(_var, _size)		\
	WCHAR _var ## _buffer[_size];				\
	UNICODE_STRING _var = { 0, (_size) * sizeof(WCHAR), _var ## _buffer }

/* Doubly and singly linked list entries; the helpers are in wdm.h. */
typedef struct _LIST_ENTRY {
	struct _LIST_ENTRY *Flink;
	struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
	struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

/*
 * x64 interlocked SLIST header: 16 bytes, 16-byte aligned, which is what
 * gives NET_BUFFER_LIST and NET_BUFFER their 16-byte alignment
 * (wfp_api.md §4.11). Reserved for NDIS; nothing in nfwfp uses it.
 */
typedef union DECLSPEC_ALIGN(16) _SLIST_HEADER {
	struct {
		ULONGLONG Alignment;
		ULONGLONG Region;
	};
	struct {
		ULONGLONG Depth : 16;
		ULONGLONG Sequence : 48;
		ULONGLONG Reserved : 4;
		ULONGLONG NextEntry : 60;
	} HeaderX64;
} SLIST_HEADER, *PSLIST_HEADER;

/* mingw winnt.h (wfp_api.md §3.6); the metadata field is a ULONG. */
typedef enum {
	UNSPECIFIED_COMPARTMENT_ID = 0,
	DEFAULT_COMPARTMENT_ID
} COMPARTMENT_ID, *PCOMPARTMENT_ID;

typedef struct _SID SID, *PSID;
typedef PVOID PSECURITY_DESCRIPTOR;
typedef struct _EPROCESS *PEPROCESS;
typedef struct _ETHREAD *PETHREAD;
typedef struct _IRP *PIRP;
typedef struct _DEVICE_OBJECT *PDEVICE_OBJECT;
typedef struct _DRIVER_OBJECT *PDRIVER_OBJECT;

#endif /* _NFWFP_WDK_NTDEF_H */
