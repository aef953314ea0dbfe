// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel Fwpm* subset a callout driver calls from its init and exit,
 * exported under the Windows names: engine sessions, transactions,
 * sublayer, callout and filter objects. All of it runs at PASSIVE_LEVEL
 * (process context, may sleep). The engine itself is engine.c.
 *
 * Not supported, with a status rather than a silent success: security
 * descriptors (sd must be NULL), persistent objects and provider contexts
 * (no BFE store), and layers nfwfp does not present (STATUS_NOT_SUPPORTED).
 */
#include <linux/module.h>

#include "engine.h"

/* Bad handles get a status, never a dereference. */
static struct nfwfp_session *nfwfp_session_get(HANDLE h)
{
	struct nfwfp_session *s;

	might_sleep();
	s = nfwfp_session_lookup(h);
	if (!s)
		nfwfp_count_misuse("invalid engine handle");
	return s;
}

NTSTATUS NTAPI FwpmEngineOpen0(const wchar_t *serverName, UINT32 authnService,
			       SEC_WINNT_AUTH_IDENTITY_W *authIdentity,
			       const FWPM_SESSION0 *session, HANDLE *engineHandle)
{
	struct nfwfp_session *s;
	NTSTATUS st;

	might_sleep();
	if (!engineHandle)
		return STATUS_INVALID_PARAMETER;
	/* Kernel callers: local engine, Windows authentication (§1.3). */
	if (serverName || (authnService != RPC_C_AUTHN_WINNT &&
			   authnService != RPC_C_AUTHN_DEFAULT))
		return STATUS_INVALID_PARAMETER;
	/* The caller's address tells, at unload, whose session this was. */
	s = nfwfp_session_open(session, _RET_IP_, &st);
	*engineHandle = s;
	return st;
}
EXPORT_SYMBOL_GPL(FwpmEngineOpen0);

NTSTATUS NTAPI FwpmEngineClose0(HANDLE engineHandle)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_session_close(s);
}
EXPORT_SYMBOL_GPL(FwpmEngineClose0);

NTSTATUS NTAPI FwpmTransactionBegin0(HANDLE engineHandle, UINT32 flags)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_txn_begin(s, flags);
}
EXPORT_SYMBOL_GPL(FwpmTransactionBegin0);

NTSTATUS NTAPI FwpmTransactionCommit0(HANDLE engineHandle)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_txn_commit(s);
}
EXPORT_SYMBOL_GPL(FwpmTransactionCommit0);

NTSTATUS NTAPI FwpmTransactionAbort0(HANDLE engineHandle)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_txn_abort(s);
}
EXPORT_SYMBOL_GPL(FwpmTransactionAbort0);

NTSTATUS NTAPI FwpmSubLayerAdd0(HANDLE engineHandle, const FWPM_SUBLAYER0 *subLayer,
				PSECURITY_DESCRIPTOR sd)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	if (!subLayer)
		return STATUS_FWP_NULL_POINTER;
	if (sd)
		return STATUS_NOT_SUPPORTED;
	return nfwfp_sublayer_add(s, subLayer, nfwfp_session_dynamic(s));
}
EXPORT_SYMBOL_GPL(FwpmSubLayerAdd0);

NTSTATUS NTAPI FwpmSubLayerDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	if (!key)
		return STATUS_FWP_NULL_POINTER;
	return nfwfp_sublayer_delete(s, key);
}
EXPORT_SYMBOL_GPL(FwpmSubLayerDeleteByKey0);

NTSTATUS NTAPI FwpmCalloutAdd0(HANDLE engineHandle, const FWPM_CALLOUT0 *callout,
			       PSECURITY_DESCRIPTOR sd, UINT32 *id)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	if (!callout)
		return STATUS_FWP_NULL_POINTER;
	if (sd)
		return STATUS_NOT_SUPPORTED;
	return nfwfp_callout_add(s, callout, nfwfp_session_dynamic(s), id);
}
EXPORT_SYMBOL_GPL(FwpmCalloutAdd0);

NTSTATUS NTAPI FwpmCalloutDeleteById0(HANDLE engineHandle, UINT32 id)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_callout_delete(s, NULL, &id);
}
EXPORT_SYMBOL_GPL(FwpmCalloutDeleteById0);

NTSTATUS NTAPI FwpmCalloutDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	if (!key)
		return STATUS_FWP_NULL_POINTER;
	return nfwfp_callout_delete(s, key, NULL);
}
EXPORT_SYMBOL_GPL(FwpmCalloutDeleteByKey0);

NTSTATUS NTAPI FwpmFilterAdd0(HANDLE engineHandle, const FWPM_FILTER0 *filter,
			      PSECURITY_DESCRIPTOR sd, UINT64 *id)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	if (!filter)
		return STATUS_FWP_NULL_POINTER;
	if (sd)
		return STATUS_NOT_SUPPORTED;
	return nfwfp_filter_add(s, filter, nfwfp_session_dynamic(s), id);
}
EXPORT_SYMBOL_GPL(FwpmFilterAdd0);

NTSTATUS NTAPI FwpmFilterDeleteById0(HANDLE engineHandle, UINT64 id)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	return nfwfp_filter_delete(s, NULL, &id);
}
EXPORT_SYMBOL_GPL(FwpmFilterDeleteById0);

NTSTATUS NTAPI FwpmFilterDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
	struct nfwfp_session *s;

	s = nfwfp_session_get(engineHandle);
	if (!s)
		return STATUS_INVALID_PARAMETER;
	if (!key)
		return STATUS_FWP_NULL_POINTER;
	return nfwfp_filter_delete(s, key, NULL);
}
EXPORT_SYMBOL_GPL(FwpmFilterDeleteByKey0);

/* The engine runs whenever nfwfp is loaded: there is no BFE to wait for. */
FWPM_SERVICE_STATE NTAPI FwpmBfeStateGet0(void)
{
	return FWPM_SERVICE_RUNNING;
}
EXPORT_SYMBOL_GPL(FwpmBfeStateGet0);
