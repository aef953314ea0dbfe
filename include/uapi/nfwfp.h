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
 */
enum nfwfp_cmd {
	NFWFP_CMD_UNSPEC,
	NFWFP_CMD_GET_INFO,

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

#endif /* _UAPI_LINUX_NFWFP_H */
