/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small generic netlink client on top of libmnl, in the spirit of the
 * mnlg helpers wireguard-tools and devlink embed: open a socket, resolve a
 * family, send one request and feed every reply to a callback, and keep the
 * kernel's extended ack so the caller can say *why* a request failed.
 */
#ifndef NFWFPCTL_GENL_H
#define NFWFPCTL_GENL_H

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <stdbool.h>
#include <stdint.h>

/* Multicast groups of a family we keep track of. */
#define GENL_MAX_GROUPS	4

/* Room for one request; replies are received into a larger buffer. */
#define GENL_MSG_SIZE	8192

/**
 * struct genl_ext_ack - what the kernel said about the last request
 * @msg: NLMSGERR_ATTR_MSG, or "" if there was none
 * @has_offset: @offset is valid
 * @offset: NLMSGERR_ATTR_OFFS, byte offset of the offending attribute in
 *	the request
 * @attr_type: type of the attribute found at @offset in our copy of the
 *	request, or -1
 * @has_miss_type: @miss_type is valid
 * @miss_type: NLMSGERR_ATTR_MISS_TYPE, a required attribute that was absent
 */
struct genl_ext_ack {
	char msg[256];
	bool has_offset;
	uint32_t offset;
	int attr_type;
	bool has_miss_type;
	uint32_t miss_type;
};

/**
 * struct genl_sock - a generic netlink socket bound to one family
 * @nl: the libmnl socket
 * @portid: our netlink port id
 * @seq: sequence number of the last request sent
 * @family_id: the family's dynamically assigned id
 * @family_version: the version the family was registered with
 * @groups: the family's multicast groups, by name
 * @ngroups: how many of @groups are set
 * @buf: receive buffer of GENL_RECV_SIZE bytes
 * @ext_ack: the extended ack of the last request
 * @dump_intr: a reply to the last request carried NLM_F_DUMP_INTR: the
 *	objects changed while they were dumped, so the dump may have skipped
 *	or repeated some; dump again
 */
struct genl_sock {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	uint16_t family_id;
	uint32_t family_version;
	struct {
		char name[GENL_NAMSIZ];
		uint32_t id;
	} groups[GENL_MAX_GROUPS];
	unsigned int ngroups;
	char *buf;
	struct genl_ext_ack ext_ack;
	bool dump_intr;
};

int genl_open(struct genl_sock *g, const char *family);
void genl_close(struct genl_sock *g);
struct nlmsghdr *genl_msg_start(struct genl_sock *g, void *buf, uint8_t cmd,
				uint8_t version, uint16_t flags);
int genl_request(struct genl_sock *g, struct nlmsghdr *nlh, mnl_cb_t cb,
		 void *data);
int genl_join(struct genl_sock *g, const char *group);
ssize_t genl_recv(struct genl_sock *g);

#endif /* NFWFPCTL_GENL_H */
