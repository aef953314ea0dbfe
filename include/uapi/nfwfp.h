/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nfwfp generic netlink protocol, shared by nfwfp.ko and nfwfpctl.
 *
 * Family "nfwfp", version NFWFP_GENL_VERSION. Every command needs
 * CAP_NET_ADMIN in the initial user namespace: filters name other tenants'
 * addresses, so even reading them is privileged. Attributes are validated
 * strictly: unknown attributes and wrong lengths are rejected with an extack
 * message naming the attribute.
 *
 * Only plain netlink types cross this boundary; no Windows type appears here.
 */
#ifndef _UAPI_LINUX_NFWFP_H
#define _UAPI_LINUX_NFWFP_H

#define NFWFP_GENL_NAME		"nfwfp"
#define NFWFP_GENL_VERSION	1

/**
 * enum nfwfp_cmd - generic netlink commands
 * @NFWFP_CMD_GET_INFO: request: no attributes. Reply: %NFWFP_INFO_A_VERSION
 *	and %NFWFP_INFO_A_GENL_VERSION.
 * @NFWFP_CMD_GET_LAYER: dump only, no attributes: one message per layer nfwfp
 *	presents packets at, with the &enum nfwfp_layer_attr attributes.
 */
enum nfwfp_cmd {
	NFWFP_CMD_UNSPEC,
	NFWFP_CMD_GET_INFO,
	NFWFP_CMD_GET_LAYER,

	__NFWFP_CMD_MAX,
};
#define NFWFP_CMD_MAX (__NFWFP_CMD_MAX - 1)

/**
 * enum nfwfp_info_attr - attributes of %NFWFP_CMD_GET_INFO replies
 * @NFWFP_INFO_A_VERSION: NLA_NUL_STRING, the module's version ("0.1.0")
 * @NFWFP_INFO_A_GENL_VERSION: NLA_U32, the protocol version the module speaks
 */
enum nfwfp_info_attr {
	NFWFP_INFO_A_UNSPEC,
	NFWFP_INFO_A_VERSION,
	NFWFP_INFO_A_GENL_VERSION,

	__NFWFP_INFO_A_MAX,
};
#define NFWFP_INFO_A_MAX (__NFWFP_INFO_A_MAX - 1)

/**
 * enum nfwfp_layer_attr - attributes of %NFWFP_CMD_GET_LAYER messages
 * @NFWFP_LAYER_A_ID: NLA_U16, WFP's run-time layer id (FWPS_LAYER_*: 16 is
 *	OUTBOUND_TRANSPORT_V4)
 * @NFWFP_LAYER_A_NAME: NLA_NUL_STRING, nfwfpctl's name ("outbound-transport-v4")
 * @NFWFP_LAYER_A_KEY: NLA_BINARY, 16 bytes: the layer's management GUID
 *	(FWPM_LAYER_*) in its in-memory byte order (Data1..3 little endian)
 * @NFWFP_LAYER_A_FAMILY: NLA_U8, AF_INET or AF_INET6 (Linux numbering)
 * @NFWFP_LAYER_A_FIELDS: NLA_NESTED, one nest per field, in field-index
 *	order, each holding &enum nfwfp_field_attr attributes
 * @NFWFP_LAYER_A_FILTERS: NLA_U32, filters on the layer now
 * @NFWFP_LAYER_A_CLASSIFIED: NLA_U64, packets presented at the layer
 * @NFWFP_LAYER_A_BLOCKED: NLA_U64, packets the layer's verdict blocked
 * @NFWFP_LAYER_A_PAD: padding for 64-bit attributes
 */
enum nfwfp_layer_attr {
	NFWFP_LAYER_A_UNSPEC,
	NFWFP_LAYER_A_ID,
	NFWFP_LAYER_A_NAME,
	NFWFP_LAYER_A_KEY,
	NFWFP_LAYER_A_FAMILY,
	NFWFP_LAYER_A_FIELDS,
	NFWFP_LAYER_A_FILTERS,
	NFWFP_LAYER_A_CLASSIFIED,
	NFWFP_LAYER_A_BLOCKED,
	NFWFP_LAYER_A_PAD,

	__NFWFP_LAYER_A_MAX,
};
#define NFWFP_LAYER_A_MAX (__NFWFP_LAYER_A_MAX - 1)

/**
 * enum nfwfp_field_attr - one field of a layer (inside %NFWFP_LAYER_A_FIELDS)
 * @NFWFP_FIELD_A_INDEX: NLA_U16, the index into the incoming values
 *	(FWPS_FIELD_<layer>_*)
 * @NFWFP_FIELD_A_NAME: NLA_NUL_STRING, e.g. "remote-port"
 * @NFWFP_FIELD_A_TYPE: NLA_U16, the value's data type as WFP numbers it
 *	(FWP_DATA_TYPE: 1 uint8, 2 uint16, 3 uint32, 4 uint64, 11 16-byte array)
 * @NFWFP_FIELD_A_KEY: NLA_BINARY, 16 bytes: the condition GUID
 *	(FWPM_CONDITION_*) a filter names the field by
 */
enum nfwfp_field_attr {
	NFWFP_FIELD_A_UNSPEC,
	NFWFP_FIELD_A_INDEX,
	NFWFP_FIELD_A_NAME,
	NFWFP_FIELD_A_TYPE,
	NFWFP_FIELD_A_KEY,

	__NFWFP_FIELD_A_MAX,
};
#define NFWFP_FIELD_A_MAX (__NFWFP_FIELD_A_MAX - 1)

#endif /* _UAPI_LINUX_NFWFP_H */
