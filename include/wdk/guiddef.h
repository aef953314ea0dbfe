/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guiddef.h - GUID and DEFINE_GUID, as in the SDK's shared/guiddef.h
 * (reference/wfp_fwpm.md §0.3).
 *
 * GUID.Data1 is the WDK's `unsigned long`, i.e. 32 bits: sizeof(GUID) is 16
 * and its bytes are those of a Windows GUID (and of Linux's guid_t).
 *
 * DEFINE_GUID(name, ...) declares `extern const GUID name;` unless INITGUID
 * is defined where it is expanded; then it also defines the object. As in
 * the SDK, the DEFINE_GUID part of this header is re-evaluated on every
 * inclusion, so the samples' pattern works unchanged:
 *
 *	#include <fwpmk.h>		FWPM_* GUIDs: declarations only
 *	#define INITGUID
 *	#include <guiddef.h>		from here on DEFINE_GUID defines
 *	DEFINE_GUID(MY_CALLOUT_V4, 0x..., ...);
 *
 * Unlike MSVC's DECLSPEC_SELECTANY, a GUID defined in two objects of one
 * module is a link error: define each GUID under INITGUID in one file only.
 * nfwfp.ko defines every FWPM_* GUID of fwpmk.h and exports them.
 */
#ifndef _NFWFP_WDK_GUIDDEF_H
#define _NFWFP_WDK_GUIDDEF_H

#include <linux/string.h>
#include "ntdef.h"

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
	UINT32 Data1;
	UINT16 Data2;
	UINT16 Data3;
	UINT8 Data4[8];
} GUID;
#endif

typedef GUID *LPGUID, *PGUID;
typedef const GUID *LPCGUID, *PCGUID;
typedef const GUID *REFGUID;
typedef GUID IID, *LPIID;
typedef const GUID *REFIID;
typedef GUID CLSID, *LPCLSID;
typedef const GUID *REFCLSID;

/* C forms: the arguments are pointers (REFGUID). */
#define IsEqualGUID(rguid1, rguid2) \
	(!memcmp((rguid1), (rguid2), sizeof(GUID)))
#define IsEqualIID(riid1, riid2)	IsEqualGUID(riid1, riid2)
#define IsEqualCLSID(rclsid1, rclsid2)	IsEqualGUID(rclsid1, rclsid2)

static inline int InlineIsEqualGUID(REFGUID rguid1, REFGUID rguid2)
{
	return ((const UINT32 *)rguid1)[0] == ((const UINT32 *)rguid2)[0] &&
	       ((const UINT32 *)rguid1)[1] == ((const UINT32 *)rguid2)[1] &&
	       ((const UINT32 *)rguid1)[2] == ((const UINT32 *)rguid2)[2] &&
	       ((const UINT32 *)rguid1)[3] == ((const UINT32 *)rguid2)[3];
}

#endif /* _NFWFP_WDK_GUIDDEF_H */

/* Re-evaluated on every inclusion: see above. */
#ifdef DEFINE_GUID
#undef DEFINE_GUID
#endif

#ifdef INITGUID
/*
 * The declaration first keeps sparse from asking whether a definition
 * without a prior declaration should be static.
 */
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)	\
	extern const GUID name;						\
	const GUID name							\
		= { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)	\
	extern const GUID name
#endif
