// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink client helpers; see genl.h.
 *
 * Every request asks for an ACK, as Documentation/userspace-api/netlink/
 * intro.rst recommends: a "do" whose handler sends no reply would otherwise
 * fail silently, and the ACK is where the kernel's extended ack arrives.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genl.h"

/*
 * The kernel sizes dump skbs after the reader's buffer, up to 32 KiB; a
 * smaller buffer would see MSG_TRUNC (ENOSPC from libmnl) on large dumps.
 */
#define GENL_RECV_SIZE	32768

/* One request in flight: what genl_request()'s callbacks need. */
struct genl_req {
	struct genl_sock *g;
	const struct nlmsghdr *nlh;	/* our request, to map error offsets */
	mnl_cb_t cb;
	void *data;
};

static struct nlmsghdr *msg_start(void *buf, uint16_t type, uint8_t cmd,
				  uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

/**
 * genl_msg_start() - start a request to the family @g was opened for
 * @g: the socket
 * @buf: GENL_MSG_SIZE bytes for the message; add attributes with
 *	mnl_attr_put*() and pass the result to genl_request()
 * @cmd: the family's command
 * @version: the protocol version we speak
 * @flags: NLM_F_DUMP or 0; NLM_F_REQUEST and NLM_F_ACK are implied
 *
 * Return: the message header in @buf.
 */
struct nlmsghdr *genl_msg_start(struct genl_sock *g, void *buf, uint8_t cmd,
				uint8_t version, uint16_t flags)
{
	return msg_start(buf, g->family_id, cmd, version, flags);
}

static int ext_ack_attr_cb(const struct nlattr *attr, void *data)
{
	struct genl_ext_ack *ea = data;

	/* Ignore what we do not understand: the error itself still counts. */
	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(ea->msg, sizeof(ea->msg), "%s",
				 mnl_attr_get_str(attr));
		break;
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0) {
			ea->offset = mnl_attr_get_u32(attr);
			ea->has_offset = true;
		}
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0) {
			ea->miss_type = mnl_attr_get_u32(attr);
			ea->has_miss_type = true;
		}
		break;
	}
	return MNL_CB_OK;
}

/*
 * The offset points into the request as we sent it. We kept it, so we can
 * name the attribute instead of leaving the user with a byte count.
 */
static int attr_type_at(const struct nlmsghdr *nlh, uint32_t offset)
{
	const struct nlattr *attr;

	if (offset < mnl_nlmsg_size(GENL_HDRLEN) ||
	    offset + sizeof(*attr) > nlh->nlmsg_len)
		return -1;
	attr = (const struct nlattr *)((const char *)nlh + offset);
	return attr->nla_type & NLA_TYPE_MASK;
}

/*
 * The extended ack TLVs start @offset bytes into the payload of @nlh: after
 * the struct nlmsgerr of an NLMSG_ERROR, after the int of an NLMSG_DONE.
 */
static void parse_ext_ack(struct genl_req *req, const struct nlmsghdr *nlh,
			  size_t offset)
{
	struct genl_ext_ack *ea = &req->g->ext_ack;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, (unsigned int)offset, ext_ack_attr_cb, ea);
	if (ea->has_offset)
		ea->attr_type = attr_type_at(req->nlh, ea->offset);
}

/* Kernel errors are negative errnos; libmnl's convention is errno. */
static int kernel_error(int error)
{
	if (!error)
		return MNL_CB_STOP;
	errno = error < 0 ? -error : error;
	return MNL_CB_ERROR;
}

/* The ACK or error that ends every request. */
static int genl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t offset = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	/*
	 * Without NETLINK_CAP_ACK the request's payload is echoed before
	 * the TLVs. Even a successful ACK may carry a message: a warning.
	 */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	parse_ext_ack(data, nlh, offset);
	return kernel_error(err->error);
}

/*
 * The end of a dump. libmnl's default ignores its payload, but that is
 * where the kernel puts the error that cut a dump short.
 */
static int genl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	int error;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(error))
		return MNL_CB_STOP;
	memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	parse_ext_ack(data, nlh, sizeof(error));
	return kernel_error(error);
}

static int genl_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_req *req = data;

	/* Replies carry the family id the request was sent to. */
	if (nlh->nlmsg_type != req->nlh->nlmsg_type)
		return MNL_CB_OK;
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return req->cb ? req->cb(nlh, req->data) : MNL_CB_OK;
}

/*
 * libmnl stops at the first message flagged NLM_F_DUMP_INTR with EINTR,
 * leaving the rest of the dump queued on the socket, where the next
 * request would find it. Note the flag and clear it instead, so the dump
 * is read to its end and the caller decides what to do with it.
 */
static void take_dump_intr(struct genl_sock *g, size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)g->buf;
	int left = (int)len;

	for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			g->dump_intr = true;
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
		}
	}
}

/**
 * genl_request() - send a request and process every reply to it
 * @g: the socket
 * @nlh: the request, from genl_msg_start()
 * @cb: called for each reply message (may be NULL); returns MNL_CB_OK to
 *	go on, or MNL_CB_ERROR with errno set. MNL_CB_STOP stops early but
 *	leaves the rest of the replies queued: close the socket then.
 * @data: passed to @cb
 *
 * Returns after the kernel's ACK, NLMSG_DONE of a dump, or an error.
 * @g->ext_ack then holds what the kernel said, on success too (warnings),
 * and @g->dump_intr whether a dump was interrupted by a change.
 *
 * Return: 0, or a negative errno: the kernel's error for the request, or a
 * local one (sending, receiving, a malformed reply, @cb's errno).
 */
int genl_request(struct genl_sock *g, struct nlmsghdr *nlh, mnl_cb_t cb,
		 void *data)
{
	/* Not const: libmnl 1.0.4's mnl_cb_run2() takes a plain pointer. */
	static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = genl_error_cb,
		[NLMSG_DONE] = genl_done_cb,
	};
	struct genl_req req = { .g = g, .nlh = nlh, .cb = cb, .data = data };
	ssize_t n;
	int ret;

	memset(&g->ext_ack, 0, sizeof(g->ext_ack));
	g->ext_ack.attr_type = -1;
	g->dump_intr = false;

	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = ++g->seq;
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;

	do {
		n = mnl_socket_recvfrom(g->nl, g->buf, GENL_RECV_SIZE);
		if (n < 0)
			return -errno;
		take_dump_intr(g, (size_t)n);
		errno = 0;
		ret = mnl_cb_run2(g->buf, (size_t)n, nlh->nlmsg_seq, g->portid,
				  genl_data_cb, &req, ctl_cbs, NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);

	if (ret < 0)
		return errno ? -errno : -EPROTO;
	return 0;
}

static int group_attr_cb(const struct nlattr *attr, void *data)
{
	struct genl_sock *g = data;
	unsigned int n = g->ngroups;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_MCAST_GRP_NAME:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
		    mnl_attr_get_payload_len(attr) > GENL_NAMSIZ)
			return MNL_CB_ERROR;
		strcpy(g->groups[n].name, mnl_attr_get_str(attr));
		break;
	case CTRL_ATTR_MCAST_GRP_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		g->groups[n].id = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

/* CTRL_ATTR_MCAST_GROUPS: one nest per group, holding its name and id. */
static int groups_cb(const struct nlattr *attr, void *data)
{
	struct genl_sock *g = data;

	if (g->ngroups == GENL_MAX_GROUPS)
		return MNL_CB_OK;
	memset(&g->groups[g->ngroups], 0, sizeof(g->groups[0]));
	if (mnl_attr_parse_nested(attr, group_attr_cb, g) < 0)
		return MNL_CB_ERROR;
	g->ngroups++;
	return MNL_CB_OK;
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct genl_sock *g = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_MCAST_GROUPS:
		if (mnl_attr_parse_nested(attr, groups_cb, g) < 0)
			return MNL_CB_ERROR;
		break;
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		g->family_id = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		g->family_version = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, family_attr_cb, data);
}

/* The kernel answers -ENOENT when no family has this name. */
static int genl_resolve_family(struct genl_sock *g, const char *name)
{
	char buf[GENL_MSG_SIZE];
	struct nlmsghdr *nlh;
	int ret;

	if (strlen(name) >= GENL_NAMSIZ)
		return -ENAMETOOLONG;
	nlh = msg_start(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);

	ret = genl_request(g, nlh, family_cb, g);
	if (ret)
		return ret;
	return g->family_id ? 0 : -EPROTO;
}

/**
 * genl_open() - open a generic netlink socket for @family
 * @g: the socket to set up
 * @family: the family name
 *
 * Return: 0, -ENOENT if no such family is registered, or another negative
 * errno. On error @g needs no genl_close().
 */
int genl_open(struct genl_sock *g, const char *family)
{
	int one = 1;
	int ret;

	memset(g, 0, sizeof(*g));
	g->buf = malloc(GENL_RECV_SIZE);
	if (!g->buf)
		return -ENOMEM;

	g->nl = mnl_socket_open2(NETLINK_GENERIC, SOCK_CLOEXEC);
	if (!g->nl) {
		ret = -errno;
		goto err;
	}
	/*
	 * Best effort: without extended acks (before 4.12) errors lose their
	 * message, not their code. With CAP_ACK the kernel does not echo our
	 * request back; we kept our own copy to decode error offsets.
	 */
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &one, sizeof(one));

	if (mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto err;
	}
	g->portid = mnl_socket_get_portid(g->nl);
	g->seq = (uint32_t)time(NULL);

	ret = genl_resolve_family(g, family);
	if (ret)
		goto err;
	return 0;

err:
	genl_close(g);
	return ret;
}

/**
 * genl_join() - subscribe @g to one of its family's multicast groups
 * @g: the socket
 * @group: the group's name
 *
 * Return: 0, -ENOENT if the family has no such group, or a negative errno
 * (EPERM when the group needs a capability the caller lacks).
 */
int genl_join(struct genl_sock *g, const char *group)
{
	unsigned int i;

	for (i = 0; i < g->ngroups; i++) {
		if (strcmp(g->groups[i].name, group))
			continue;
		if (mnl_socket_setsockopt(g->nl, NETLINK_ADD_MEMBERSHIP,
					  &g->groups[i].id,
					  sizeof(g->groups[i].id)) < 0)
			return -errno;
		return 0;
	}
	return -ENOENT;
}

/**
 * genl_recv() - receive the next datagram into @g->buf
 * @g: the socket
 *
 * Return: its length, or a negative errno.
 */
ssize_t genl_recv(struct genl_sock *g)
{
	ssize_t n = mnl_socket_recvfrom(g->nl, g->buf, GENL_RECV_SIZE);

	return n < 0 ? -errno : n;
}

void genl_close(struct genl_sock *g)
{
	if (g->nl)
		mnl_socket_close(g->nl);
	free(g->buf);
	memset(g, 0, sizeof(*g));
}
