// SPDX-License-Identifier: GPL-2.0
/*
 * The layers nfwfp emulates and their fields: run-time ids, management
 * keys, and per field index the condition key and the value type, exactly
 * as FWPS_FIELDS_<layer> numbers them (reference: wfp_fwpm.md §3.4).
 */
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "engine.h"

#define F(k, t, n) { .key = &FWPM_CONDITION_##k, .type = t, .name = n, .sem = NFWFP_SEM_##k }

static const struct nfwfp_field_info nfwfp_transport_v4_fields[] = {
	F(IP_PROTOCOL, FWP_UINT8, "protocol"),
	F(IP_LOCAL_ADDRESS, FWP_UINT32, "local-addr"),
	F(IP_LOCAL_ADDRESS_TYPE, FWP_UINT8, "local-addr-type"),
	F(IP_REMOTE_ADDRESS, FWP_UINT32, "remote-addr"),
	F(IP_LOCAL_PORT, FWP_UINT16, "local-port"),
	F(IP_REMOTE_PORT, FWP_UINT16, "remote-port"),
	F(IP_LOCAL_INTERFACE, FWP_UINT64, "local-interface"),
	F(INTERFACE_INDEX, FWP_UINT32, "interface-index"),
	F(SUB_INTERFACE_INDEX, FWP_UINT32, "sub-interface-index"),
	F(IP_DESTINATION_ADDRESS_TYPE, FWP_UINT8, "destination-addr-type"),
	F(FLAGS, FWP_UINT32, "flags"),
	F(INTERFACE_TYPE, FWP_UINT32, "interface-type"),
	F(TUNNEL_TYPE, FWP_UINT32, "tunnel-type"),
	F(CURRENT_PROFILE_ID, FWP_UINT32, "profile-id"),
	F(IPSEC_SECURITY_REALM_ID, FWP_UINT32, "ipsec-security-realm-id"),
	F(COMPARTMENT_ID, FWP_UINT32, "compartment"),
};

static const struct nfwfp_field_info nfwfp_transport_v6_fields[] = {
	F(IP_PROTOCOL, FWP_UINT8, "protocol"),
	F(IP_LOCAL_ADDRESS, FWP_BYTE_ARRAY16_TYPE, "local-addr"),
	F(IP_LOCAL_ADDRESS_TYPE, FWP_UINT8, "local-addr-type"),
	F(IP_REMOTE_ADDRESS, FWP_BYTE_ARRAY16_TYPE, "remote-addr"),
	F(IP_LOCAL_PORT, FWP_UINT16, "local-port"),
	F(IP_REMOTE_PORT, FWP_UINT16, "remote-port"),
	F(IP_LOCAL_INTERFACE, FWP_UINT64, "local-interface"),
	F(INTERFACE_INDEX, FWP_UINT32, "interface-index"),
	F(SUB_INTERFACE_INDEX, FWP_UINT32, "sub-interface-index"),
	F(IP_DESTINATION_ADDRESS_TYPE, FWP_UINT8, "destination-addr-type"),
	F(FLAGS, FWP_UINT32, "flags"),
	F(INTERFACE_TYPE, FWP_UINT32, "interface-type"),
	F(TUNNEL_TYPE, FWP_UINT32, "tunnel-type"),
	F(CURRENT_PROFILE_ID, FWP_UINT32, "profile-id"),
	F(IPSEC_SECURITY_REALM_ID, FWP_UINT32, "ipsec-security-realm-id"),
	F(COMPARTMENT_ID, FWP_UINT32, "compartment"),
};

/* DATAGRAM_DATA swaps REMOTE_ADDRESS and LOCAL_ADDRESS_TYPE, has DIRECTION. */
static const struct nfwfp_field_info nfwfp_datagram_v4_fields[] = {
	F(IP_PROTOCOL, FWP_UINT8, "protocol"),
	F(IP_LOCAL_ADDRESS, FWP_UINT32, "local-addr"),
	F(IP_REMOTE_ADDRESS, FWP_UINT32, "remote-addr"),
	F(IP_LOCAL_ADDRESS_TYPE, FWP_UINT8, "local-addr-type"),
	F(IP_LOCAL_PORT, FWP_UINT16, "local-port"),
	F(IP_REMOTE_PORT, FWP_UINT16, "remote-port"),
	F(IP_LOCAL_INTERFACE, FWP_UINT64, "local-interface"),
	F(INTERFACE_INDEX, FWP_UINT32, "interface-index"),
	F(SUB_INTERFACE_INDEX, FWP_UINT32, "sub-interface-index"),
	F(DIRECTION, FWP_UINT32, "direction"),
	F(FLAGS, FWP_UINT32, "flags"),
	F(INTERFACE_TYPE, FWP_UINT32, "interface-type"),
	F(TUNNEL_TYPE, FWP_UINT32, "tunnel-type"),
	F(COMPARTMENT_ID, FWP_UINT32, "compartment"),
};

static const struct nfwfp_field_info nfwfp_datagram_v6_fields[] = {
	F(IP_PROTOCOL, FWP_UINT8, "protocol"),
	F(IP_LOCAL_ADDRESS, FWP_BYTE_ARRAY16_TYPE, "local-addr"),
	F(IP_REMOTE_ADDRESS, FWP_BYTE_ARRAY16_TYPE, "remote-addr"),
	F(IP_LOCAL_ADDRESS_TYPE, FWP_UINT8, "local-addr-type"),
	F(IP_LOCAL_PORT, FWP_UINT16, "local-port"),
	F(IP_REMOTE_PORT, FWP_UINT16, "remote-port"),
	F(IP_LOCAL_INTERFACE, FWP_UINT64, "local-interface"),
	F(INTERFACE_INDEX, FWP_UINT32, "interface-index"),
	F(SUB_INTERFACE_INDEX, FWP_UINT32, "sub-interface-index"),
	F(DIRECTION, FWP_UINT32, "direction"),
	F(FLAGS, FWP_UINT32, "flags"),
	F(INTERFACE_TYPE, FWP_UINT32, "interface-type"),
	F(TUNNEL_TYPE, FWP_UINT32, "tunnel-type"),
	F(COMPARTMENT_ID, FWP_UINT32, "compartment"),
};

/* ICMP_TYPE/ICMP_CODE are the same GUIDs as IP_LOCAL_PORT/IP_REMOTE_PORT. */
static const struct nfwfp_field_info nfwfp_icmp_error_v4_fields[] = {
	F(IP_LOCAL_ADDRESS, FWP_UINT32, "local-addr"),
	F(IP_REMOTE_ADDRESS, FWP_UINT32, "remote-addr"),
	F(IP_LOCAL_ADDRESS_TYPE, FWP_UINT8, "local-addr-type"),
	F(IP_LOCAL_INTERFACE, FWP_UINT64, "local-interface"),
	F(ICMP_TYPE, FWP_UINT16, "icmp-type"),
	F(ICMP_CODE, FWP_UINT16, "icmp-code"),
	F(INTERFACE_INDEX, FWP_UINT32, "interface-index"),
	F(SUB_INTERFACE_INDEX, FWP_UINT32, "sub-interface-index"),
	F(INTERFACE_TYPE, FWP_UINT32, "interface-type"),
	F(TUNNEL_TYPE, FWP_UINT32, "tunnel-type"),
	F(FLAGS, FWP_UINT32, "flags"),
	F(NEXTHOP_INTERFACE_PROFILE_ID, FWP_UINT32, "nexthop-profile-id"),
	F(INTERFACE_QUARANTINE_EPOCH, FWP_UINT64, "quarantine-epoch"),
	F(COMPARTMENT_ID, FWP_UINT32, "compartment"),
};

static const struct nfwfp_field_info nfwfp_icmp_error_v6_fields[] = {
	F(IP_LOCAL_ADDRESS, FWP_BYTE_ARRAY16_TYPE, "local-addr"),
	F(IP_REMOTE_ADDRESS, FWP_BYTE_ARRAY16_TYPE, "remote-addr"),
	F(IP_LOCAL_ADDRESS_TYPE, FWP_UINT8, "local-addr-type"),
	F(IP_LOCAL_INTERFACE, FWP_UINT64, "local-interface"),
	F(ICMP_TYPE, FWP_UINT16, "icmp-type"),
	F(ICMP_CODE, FWP_UINT16, "icmp-code"),
	F(INTERFACE_INDEX, FWP_UINT32, "interface-index"),
	F(SUB_INTERFACE_INDEX, FWP_UINT32, "sub-interface-index"),
	F(INTERFACE_TYPE, FWP_UINT32, "interface-type"),
	F(TUNNEL_TYPE, FWP_UINT32, "tunnel-type"),
	F(FLAGS, FWP_UINT32, "flags"),
	F(NEXTHOP_INTERFACE_PROFILE_ID, FWP_UINT32, "nexthop-profile-id"),
	F(INTERFACE_QUARANTINE_EPOCH, FWP_UINT64, "quarantine-epoch"),
	F(COMPARTMENT_ID, FWP_UINT32, "compartment"),
};

#undef F

#define L(e, id, k, n, fam, flds)					\
	[e] = { .layer_id = id, .key = &k, .name = n, .family = fam,	\
		.num_fields = ARRAY_SIZE(flds), .fields = flds }

const struct nfwfp_layer_info nfwfp_layers[NFWFP_L_MAX] = {
	L(NFWFP_L_TRANSPORT_V4, FWPS_LAYER_OUTBOUND_TRANSPORT_V4,
	  FWPM_LAYER_OUTBOUND_TRANSPORT_V4, "outbound-transport-v4", AF_INET,
	  nfwfp_transport_v4_fields),
	L(NFWFP_L_TRANSPORT_V6, FWPS_LAYER_OUTBOUND_TRANSPORT_V6,
	  FWPM_LAYER_OUTBOUND_TRANSPORT_V6, "outbound-transport-v6", AF_INET6,
	  nfwfp_transport_v6_fields),
	L(NFWFP_L_DATAGRAM_V4, FWPS_LAYER_DATAGRAM_DATA_V4,
	  FWPM_LAYER_DATAGRAM_DATA_V4, "datagram-data-v4", AF_INET,
	  nfwfp_datagram_v4_fields),
	L(NFWFP_L_DATAGRAM_V6, FWPS_LAYER_DATAGRAM_DATA_V6,
	  FWPM_LAYER_DATAGRAM_DATA_V6, "datagram-data-v6", AF_INET6,
	  nfwfp_datagram_v6_fields),
	L(NFWFP_L_ICMP_ERROR_V4, FWPS_LAYER_OUTBOUND_ICMP_ERROR_V4,
	  FWPM_LAYER_OUTBOUND_ICMP_ERROR_V4, "outbound-icmp-error-v4", AF_INET,
	  nfwfp_icmp_error_v4_fields),
	L(NFWFP_L_ICMP_ERROR_V6, FWPS_LAYER_OUTBOUND_ICMP_ERROR_V6,
	  FWPM_LAYER_OUTBOUND_ICMP_ERROR_V6, "outbound-icmp-error-v6", AF_INET6,
	  nfwfp_icmp_error_v6_fields),
};

#undef L

/* The field counts above must be exactly the WDK's FWPS_FIELD_*_MAX. */
static_assert(ARRAY_SIZE(nfwfp_transport_v4_fields) == FWPS_FIELD_OUTBOUND_TRANSPORT_V4_MAX);
static_assert(ARRAY_SIZE(nfwfp_transport_v6_fields) == FWPS_FIELD_OUTBOUND_TRANSPORT_V6_MAX);
static_assert(ARRAY_SIZE(nfwfp_datagram_v4_fields) == FWPS_FIELD_DATAGRAM_DATA_V4_MAX);
static_assert(ARRAY_SIZE(nfwfp_datagram_v6_fields) == FWPS_FIELD_DATAGRAM_DATA_V6_MAX);
static_assert(ARRAY_SIZE(nfwfp_icmp_error_v4_fields) == FWPS_FIELD_OUTBOUND_ICMP_ERROR_V4_MAX);
static_assert(ARRAY_SIZE(nfwfp_icmp_error_v6_fields) == FWPS_FIELD_OUTBOUND_ICMP_ERROR_V6_MAX);
static_assert(FWPS_FIELD_OUTBOUND_TRANSPORT_V4_MAX <= NFWFP_MAX_FIELDS);

/* Returns enum nfwfp_layer, or -1 when nfwfp does not present that layer. */
int nfwfp_layer_by_key(const GUID *key)
{
	int i;

	for (i = 0; i < NFWFP_L_MAX; i++)
		if (nfwfp_guid_eq(key, nfwfp_layers[i].key))
			return i;
	return -1;
}
