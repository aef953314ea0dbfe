/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fwpvi.h - version-independent WFP names (the unversioned names the
 * Microsoft samples call) mapped to the versioned symbols nfwfp exports.
 *
 * nfwfp implements the newest API, so each name maps to the newest version
 * the references give (wfp_api.md §9, wfp_fwpm.md §0.2):
 * FwpsCalloutRegister/FWPS_CALLOUT/classify/notify/FWPS_FILTER -> 3 (the WDK
 * maps these to 3 for NTDDI_WIN10_RS3 and later; wfp_api.md tags the exact
 * gate [?]), FwpsInjectTransportSendAsync/FWPS_TRANSPORT_SEND_PARAMS -> 1,
 * FwpsNetBufferListAssociateContext and its notify type -> 1,
 * FWPM_PROVIDER_CONTEXT -> 3, everything else -> 0. A driver that wants an
 * older version calls the versioned name (FwpsCalloutRegister1 ...).
 *
 * Included by fwpsk.h and fwpmk.h; each block needs the header that declares
 * its targets only where the names are used.
 */
#ifndef _NFWFP_WDK_FWPVI_H
#define _NFWFP_WDK_FWPVI_H

/* fwptypes / fwpstypes */
#define FWP_VALUE				FWP_VALUE0
#define FWP_RANGE				FWP_RANGE0
#define FWP_CONDITION_VALUE			FWP_CONDITION_VALUE0
#define FWPM_DISPLAY_DATA			FWPM_DISPLAY_DATA0
#define FWPS_INCOMING_VALUE			FWPS_INCOMING_VALUE0
#define FWPS_INCOMING_VALUES			FWPS_INCOMING_VALUES0
#define FWPS_DISCARD_METADATA			FWPS_DISCARD_METADATA0
#define FWPS_INBOUND_FRAGMENT_METADATA		FWPS_INBOUND_FRAGMENT_METADATA0
#define FWPS_CLASSIFY_OUT			FWPS_CLASSIFY_OUT0
#define FWPS_ACTION				FWPS_ACTION0
#define FWPS_FILTER_CONDITION			FWPS_FILTER_CONDITION0
#define FWPS_FILTER				FWPS_FILTER3

/* fwpsk */
#define FWPS_INCOMING_METADATA_VALUES		FWPS_INCOMING_METADATA_VALUES0
#define FWPS_CALLOUT				FWPS_CALLOUT3
#define FWPS_CALLOUT_CLASSIFY_FN		FWPS_CALLOUT_CLASSIFY_FN3
#define FWPS_CALLOUT_NOTIFY_FN			FWPS_CALLOUT_NOTIFY_FN3
#define FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN	FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0
#define FwpsCalloutRegister			FwpsCalloutRegister3
#define FwpsCalloutUnregisterById		FwpsCalloutUnregisterById0
#define FwpsCalloutUnregisterByKey		FwpsCalloutUnregisterByKey0
#define FWPS_INJECT_COMPLETE			FWPS_INJECT_COMPLETE0
#define FWPS_TRANSPORT_SEND_PARAMS		FWPS_TRANSPORT_SEND_PARAMS1
#define FwpsInjectionHandleCreate		FwpsInjectionHandleCreate0
#define FwpsInjectionHandleDestroy		FwpsInjectionHandleDestroy0
#define FwpsInjectTransportSendAsync		FwpsInjectTransportSendAsync1
#define FwpsInjectTransportReceiveAsync		FwpsInjectTransportReceiveAsync0
#define FwpsInjectNetworkSendAsync		FwpsInjectNetworkSendAsync0
#define FwpsInjectNetworkReceiveAsync		FwpsInjectNetworkReceiveAsync0
#define FwpsQueryPacketInjectionState		FwpsQueryPacketInjectionState0
#define FwpsAllocateCloneNetBufferList		FwpsAllocateCloneNetBufferList0
#define FwpsFreeCloneNetBufferList		FwpsFreeCloneNetBufferList0
#define FwpsAllocateNetBufferAndNetBufferList	FwpsAllocateNetBufferAndNetBufferList0
#define FwpsFreeNetBufferList			FwpsFreeNetBufferList0
#define FwpsReferenceNetBufferList		FwpsReferenceNetBufferList0
#define FwpsDereferenceNetBufferList		FwpsDereferenceNetBufferList0
#define FwpsAllocateDeepCloneNetBufferList	FwpsAllocateDeepCloneNetBufferList0
#define FwpsPendOperation			FwpsPendOperation0
#define FwpsCompleteOperation			FwpsCompleteOperation0
#define FwpsAcquireClassifyHandle		FwpsAcquireClassifyHandle0
#define FwpsReleaseClassifyHandle		FwpsReleaseClassifyHandle0
#define FwpsPendClassify			FwpsPendClassify0
#define FwpsCompleteClassify			FwpsCompleteClassify0
#define FwpsAcquireWritableLayerDataPointer	FwpsAcquireWritableLayerDataPointer0
#define FwpsApplyModifiedLayerData		FwpsApplyModifiedLayerData0
#define FwpsConstructIpHeaderForTransportPacket	FwpsConstructIpHeaderForTransportPacket0
#define FwpsFlowAssociateContext		FwpsFlowAssociateContext0
#define FwpsFlowRemoveContext			FwpsFlowRemoveContext0
#define FwpsFlowAbort				FwpsFlowAbort0
#define FwpsNetBufferListGetTagForContext	FwpsNetBufferListGetTagForContext0
#define FwpsNetBufferListAssociateContext	FwpsNetBufferListAssociateContext1
#define FWPS_NET_BUFFER_LIST_NOTIFY_FN		FWPS_NET_BUFFER_LIST_NOTIFY_FN1
#define FWPS_NET_BUFFER_LIST_EVENT_TYPE		FWPS_NET_BUFFER_LIST_EVENT_TYPE0
#define FwpsNetBufferListRemoveContext		FwpsNetBufferListRemoveContext0
#define FwpsNetBufferListRetrieveContext	FwpsNetBufferListRetrieveContext0
#define FwpsGetPacketListSecurityInformation	FwpsGetPacketListSecurityInformation0
#define FWPS_PACKET_LIST_INFORMATION		FWPS_PACKET_LIST_INFORMATION0
#define FWPS_PACKET_LIST_IPSEC_INFORMATION	FWPS_PACKET_LIST_IPSEC_INFORMATION0
#define FWPS_PACKET_LIST_INBOUND_IPSEC_INFORMATION FWPS_PACKET_LIST_INBOUND_IPSEC_INFORMATION0
#define FWPS_PACKET_LIST_OUTBOUND_IPSEC_INFORMATION FWPS_PACKET_LIST_OUTBOUND_IPSEC_INFORMATION0
#define FWPS_PACKET_LIST_FWP_INFORMATION	FWPS_PACKET_LIST_FWP_INFORMATION0

/* fwpmtypes / fwpmk (wfp_fwpm.md §0.2) */
#define FWPM_SESSION				FWPM_SESSION0
#define FWPM_PROVIDER				FWPM_PROVIDER0
#define FWPM_PROVIDER_CONTEXT			FWPM_PROVIDER_CONTEXT3
#define FWPM_SUBLAYER				FWPM_SUBLAYER0
#define FWPM_CALLOUT				FWPM_CALLOUT0
#define FWPM_ACTION				FWPM_ACTION0
#define FWPM_FILTER_CONDITION			FWPM_FILTER_CONDITION0
#define FWPM_FILTER				FWPM_FILTER0
#define FWPM_FILTER_ENUM_TEMPLATE		FWPM_FILTER_ENUM_TEMPLATE0
#define FWPM_LAYER				FWPM_LAYER0
#define FWPM_FIELD				FWPM_FIELD0
#define FWPM_SERVICE_STATE_CHANGE_CALLBACK	FWPM_SERVICE_STATE_CHANGE_CALLBACK0
#define FwpmFreeMemory				FwpmFreeMemory0
#define FwpmEngineOpen				FwpmEngineOpen0
#define FwpmEngineClose				FwpmEngineClose0
#define FwpmTransactionBegin			FwpmTransactionBegin0
#define FwpmTransactionCommit			FwpmTransactionCommit0
#define FwpmTransactionAbort			FwpmTransactionAbort0
#define FwpmProviderAdd				FwpmProviderAdd0
#define FwpmSubLayerAdd				FwpmSubLayerAdd0
#define FwpmSubLayerDeleteByKey			FwpmSubLayerDeleteByKey0
#define FwpmSubLayerGetByKey			FwpmSubLayerGetByKey0
#define FwpmCalloutAdd				FwpmCalloutAdd0
#define FwpmCalloutDeleteById			FwpmCalloutDeleteById0
#define FwpmCalloutDeleteByKey			FwpmCalloutDeleteByKey0
#define FwpmCalloutGetById			FwpmCalloutGetById0
#define FwpmCalloutGetByKey			FwpmCalloutGetByKey0
#define FwpmFilterAdd				FwpmFilterAdd0
#define FwpmFilterDeleteById			FwpmFilterDeleteById0
#define FwpmFilterDeleteByKey			FwpmFilterDeleteByKey0
#define FwpmFilterGetById			FwpmFilterGetById0
#define FwpmFilterGetByKey			FwpmFilterGetByKey0
#define FwpmFilterCreateEnumHandle		FwpmFilterCreateEnumHandle0
#define FwpmFilterEnum				FwpmFilterEnum0
#define FwpmFilterDestroyEnumHandle		FwpmFilterDestroyEnumHandle0
#define FwpmBfeStateGet				FwpmBfeStateGet0
#define FwpmBfeStateSubscribeChanges		FwpmBfeStateSubscribeChanges0
#define FwpmBfeStateUnsubscribeChanges		FwpmBfeStateUnsubscribeChanges0

#endif /* _NFWFP_WDK_FWPVI_H */
