/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fwpmtypes.h - management (FWPM) objects: session, provider, sublayer,
 * callout, filter, layer, and their flags.
 *
 * Source: reference/wfp_fwpm.md §1.1, §1.7, §2.2-§2.8 (SDK shared/
 * fwpmtypes.h, MIDL output). Computed x64 sizes (§2.9) are checked by
 * tests/modules/nfwfp_test_wdk.c.
 */
#ifndef _NFWFP_WDK_FWPMTYPES_H
#define _NFWFP_WDK_FWPMTYPES_H

#include "fwptypes.h"
#include "fwpstypes.h"

typedef struct FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0_
	FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0;

/* Sessions (§2.2) */
#define FWPM_SESSION_FLAG_DYNAMIC	(0x00000001)
#define FWPM_SESSION_FLAG_RESERVED	(0x10000000)

typedef struct FWPM_SESSION0_ {
	GUID sessionKey;		/* zero: BFE generates one */
	FWPM_DISPLAY_DATA0 displayData;
	UINT32 flags;			/* FWPM_SESSION_FLAG_* */
	UINT32 txnWaitTimeoutInMSec;	/* 0: default */
	DWORD processId;		/* output only */
	SID *sid;			/* output only */
	wchar_t *username;		/* output only */
	BOOL kernelMode;		/* output only */
} FWPM_SESSION0;

/* Providers (§2.3) */
#define FWPM_PROVIDER_FLAG_PERSISTENT	(0x00000001)
#define FWPM_PROVIDER_FLAG_DISABLED	(0x00000010)

typedef struct FWPM_PROVIDER0_ {
	GUID providerKey;
	FWPM_DISPLAY_DATA0 displayData;
	UINT32 flags;
	FWP_BYTE_BLOB providerData;
	wchar_t *serviceName;
} FWPM_PROVIDER0;

/* Sublayers (§2.4); flags is UINT32 (mingw's UINT16 is wrong, §7.1). */
#define FWPM_SUBLAYER_FLAG_PERSISTENT	(0x00000001)

typedef struct FWPM_SUBLAYER0_ {
	GUID subLayerKey;
	FWPM_DISPLAY_DATA0 displayData;
	UINT32 flags;
	GUID *providerKey;
	FWP_BYTE_BLOB providerData;
	UINT16 weight;			/* higher weight: evaluated first */
} FWPM_SUBLAYER0;

/* Callout objects (§2.5); not the FWP_CALLOUT_FLAG_* of FWPS_CALLOUTx. */
#define FWPM_CALLOUT_FLAG_PERSISTENT		(0x00010000)
#define FWPM_CALLOUT_FLAG_USES_PROVIDER_CONTEXT	(0x00020000)
#define FWPM_CALLOUT_FLAG_REGISTERED		(0x00040000)

typedef struct FWPM_CALLOUT0_ {
	GUID calloutKey;
	FWPM_DISPLAY_DATA0 displayData;
	UINT32 flags;
	GUID *providerKey;
	FWP_BYTE_BLOB providerData;
	GUID applicableLayer;
	UINT32 calloutId;		/* output only */
} FWPM_CALLOUT0;

/* Actions and conditions (§2.6) */
typedef struct FWPM_ACTION0_ {
	FWP_ACTION_TYPE type;
	union {		/* selected by (type & FWP_ACTION_FLAG_CALLOUT) */
		GUID filterType;
		GUID calloutKey;
	};
} FWPM_ACTION0;

typedef struct FWPM_FILTER_CONDITION0_ {
	GUID fieldKey;			/* FWPM_CONDITION_* */
	FWP_MATCH_TYPE matchType;
	FWP_CONDITION_VALUE0 conditionValue;
} FWPM_FILTER_CONDITION0;

/* Filters (§2.7) */
#define FWPM_FILTER_FLAG_NONE					(0x00000000)
#define FWPM_FILTER_FLAG_PERSISTENT				(0x00000001)
#define FWPM_FILTER_FLAG_BOOTTIME				(0x00000002)
#define FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT			(0x00000004)
#define FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT			(0x00000008)
#define FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED		(0x00000010)
#define FWPM_FILTER_FLAG_DISABLED				(0x00000020)
#define FWPM_FILTER_FLAG_INDEXED				(0x00000040)
#define FWPM_FILTER_FLAG_HAS_SECURITY_REALM_PROVIDER_CONTEXT	(0x00000080)
#define FWPM_FILTER_FLAG_SYSTEMOS_ONLY				(0x00000100)
#define FWPM_FILTER_FLAG_GAMEOS_ONLY				(0x00000200)
#define FWPM_FILTER_FLAG_SILENT_MODE				(0x00000400)
#define FWPM_FILTER_FLAG_IPSEC_NO_ACQUIRE_INITIATE		(0x00000800)
#define FWPM_FILTER_FLAG_RESERVED0				(0x00001000)
#define FWPM_FILTER_FLAG_RESERVED1				(0x00002000)
#define FWPM_FILTER_FLAG_RESERVED2				(0x00004000)

typedef struct FWPM_FILTER0_ {
	GUID filterKey;
	FWPM_DISPLAY_DATA0 displayData;
	UINT32 flags;			/* FWPM_FILTER_FLAG_* */
	GUID *providerKey;
	FWP_BYTE_BLOB providerData;
	GUID layerKey;			/* FWPM_LAYER_* */
	GUID subLayerKey;		/* zero: the layer's default sublayer */
	FWP_VALUE0 weight;		/* FWP_EMPTY, FWP_UINT8 or FWP_UINT64 */
	UINT32 numFilterConditions;
	FWPM_FILTER_CONDITION0 *filterCondition;
	FWPM_ACTION0 action;
	union {	/* selected by FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT */
		UINT64 rawContext;
		GUID providerContextKey;
	};
	GUID *reserved;
	UINT64 filterId;		/* output only */
	FWP_VALUE0 effectiveWeight;	/* output only */
} FWPM_FILTER0;

/* Layers and fields (§2.8) */
#define FWPM_LAYER_FLAG_KERNEL		(0x00000001)
#define FWPM_LAYER_FLAG_BUILTIN		(0x00000002)
#define FWPM_LAYER_FLAG_CLASSIFY_MOSTLY	(0x00000004)
#define FWPM_LAYER_FLAG_BUFFERED	(0x00000008)

typedef enum FWPM_FIELD_TYPE_ {
	FWPM_FIELD_RAW_DATA,
	FWPM_FIELD_IP_ADDRESS,
	FWPM_FIELD_FLAGS,
	FWPM_FIELD_TYPE_MAX
} FWPM_FIELD_TYPE;

typedef struct FWPM_FIELD0_ {
	GUID *fieldKey;
	FWPM_FIELD_TYPE type;
	FWP_DATA_TYPE dataType;
} FWPM_FIELD0;

typedef struct FWPM_LAYER0_ {
	GUID layerKey;
	FWPM_DISPLAY_DATA0 displayData;
	UINT32 flags;
	UINT32 numFields;
	FWPM_FIELD0 *field;
	GUID defaultSubLayerKey;
	UINT16 layerId;			/* FWPS_BUILTIN_LAYERS value */
} FWPM_LAYER0;

/*
 * Filter enumeration template (§1.7). The field list is from the reference;
 * the field types follow the IDL's conventions for the same members
 * elsewhere (key pointers GUID *, counts and masks UINT32).
 */
typedef struct FWPM_FILTER_ENUM_TEMPLATE0_ {
	GUID *providerKey;
	GUID layerKey;
	FWP_FILTER_ENUM_TYPE enumType;
	UINT32 flags;
	FWPM_PROVIDER_CONTEXT_ENUM_TEMPLATE0 *providerContextTemplate;
	UINT32 numFilterConditions;
	FWPM_FILTER_CONDITION0 *filterCondition;
	UINT32 actionMask;
	GUID *calloutKey;
} FWPM_FILTER_ENUM_TEMPLATE0;

/* BFE state (§1.1) */
typedef enum FWPM_SERVICE_STATE_ {
	FWPM_SERVICE_STOPPED = 0,
	FWPM_SERVICE_START_PENDING = 1,
	FWPM_SERVICE_STOP_PENDING = 2,
	FWPM_SERVICE_RUNNING = 3,
	FWPM_SERVICE_STATE_MAX = 4
} FWPM_SERVICE_STATE;

#endif /* _NFWFP_WDK_FWPMTYPES_H */
