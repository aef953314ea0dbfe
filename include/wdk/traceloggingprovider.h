/* SPDX-License-Identifier: GPL-2.0 */
/*
 * traceloggingprovider.h - TraceLogging compiles, and records nothing:
 * there is no ETW here. TraceLoggingWrite evaluates its provider, event
 * name and field values (so they are type-checked and "used") and drops
 * them; TraceLoggingRegister/Unregister succeed. Use DbgPrint for output
 * that should reach the kernel log.
 */
#ifndef _NFWFP_WDK_TRACELOGGINGPROVIDER_H
#define _NFWFP_WDK_TRACELOGGINGPROVIDER_H

#include "ntdef.h"
#include "ntstatus.h"
#include "guiddef.h"

typedef const struct nfwfp_tlg_provider {
	const char *name;
} *TraceLoggingHProvider;

#define TRACELOGGING_DECLARE_PROVIDER(hProvider)			\
	extern TraceLoggingHProvider const hProvider

#define TRACELOGGING_DEFINE_PROVIDER(hProvider, providerName, providerId, ...) \
	static const struct nfwfp_tlg_provider hProvider##_nfwfp = { providerName }; \
	TraceLoggingHProvider const hProvider = &hProvider##_nfwfp

static inline NTSTATUS TraceLoggingRegister(TraceLoggingHProvider hProvider)
{
	(void)hProvider;
	return STATUS_SUCCESS;
}

static inline void TraceLoggingUnregister(TraceLoggingHProvider hProvider)
{
	(void)hProvider;
}

#define TraceLoggingWrite(hProvider, eventName, ...)			\
	((void)(hProvider), (void)(eventName), ##__VA_ARGS__, (void)0)

/* Fields: each evaluates its value only. */
#define NFWFP_TLG_FIELD(value, ...)		((void)(value))
#define TraceLoggingValue			NFWFP_TLG_FIELD
#define TraceLoggingString			NFWFP_TLG_FIELD
#define TraceLoggingWideString			NFWFP_TLG_FIELD
#define TraceLoggingCountedWideString(v, n, ...) ((void)(v), (void)(n))
#define TraceLoggingInt8			NFWFP_TLG_FIELD
#define TraceLoggingUInt8			NFWFP_TLG_FIELD
#define TraceLoggingInt16			NFWFP_TLG_FIELD
#define TraceLoggingUInt16			NFWFP_TLG_FIELD
#define TraceLoggingInt32			NFWFP_TLG_FIELD
#define TraceLoggingUInt32			NFWFP_TLG_FIELD
#define TraceLoggingInt64			NFWFP_TLG_FIELD
#define TraceLoggingUInt64			NFWFP_TLG_FIELD
#define TraceLoggingHexInt32			NFWFP_TLG_FIELD
#define TraceLoggingHexUInt32			NFWFP_TLG_FIELD
#define TraceLoggingHexInt64			NFWFP_TLG_FIELD
#define TraceLoggingHexUInt64			NFWFP_TLG_FIELD
#define TraceLoggingBool			NFWFP_TLG_FIELD
#define TraceLoggingBoolean			NFWFP_TLG_FIELD
#define TraceLoggingPointer			NFWFP_TLG_FIELD
#define TraceLoggingGuid			NFWFP_TLG_FIELD
#define TraceLoggingNTStatus			NFWFP_TLG_FIELD
#define TraceLoggingLevel			NFWFP_TLG_FIELD
#define TraceLoggingKeyword			NFWFP_TLG_FIELD
#define TraceLoggingOpcode			NFWFP_TLG_FIELD

#endif /* _NFWFP_WDK_TRACELOGGINGPROVIDER_H */
