/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family's parts (include/uapi/nfwfp.h): netlink.c
 * holds the family and its op table, each nl_*.c the ops of one object.
 */
#ifndef _NFWFP_NETLINK_H
#define _NFWFP_NETLINK_H

#include <net/genetlink.h>
#include <uapi/nfwfp.h>

#include "engine.h"

extern struct genl_family nfwfp_genl_family;

/*
 * An extack message that is not a literal (a table entry, static storage):
 * NL_SET_ERR_MSG() takes literals only.
 */
static inline void nfwfp_nl_msg(struct genl_info *info, const struct nlattr *attr,
				const char *msg)
{
	if (info->extack) {
		info->extack->_msg = msg;
		info->extack->bad_attr = attr;
	}
}

/* nl_session.c: the engine session of the requesting socket. */
struct nfwfp_nl_sess;
struct nfwfp_nl_sess *nfwfp_nl_sess_get(struct genl_info *info);
void nfwfp_nl_sess_put(struct nfwfp_nl_sess *ns);
struct nfwfp_session *nfwfp_nl_session(struct nfwfp_nl_sess *ns);
bool nfwfp_nl_sess_in_txn(struct genl_info *info);
int nfwfp_nl_sessions_init(void);
void nfwfp_nl_sessions_uninit(void);
/* An engine status as an errno, with its name in extack (on @attr if set). */
int nfwfp_nl_status(struct genl_info *info, NTSTATUS st,
		    const struct nlattr *attr);
int nfwfp_nl_txn_begin(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_txn_commit(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_txn_abort(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy nfwfp_nl_txn_policy[NFWFP_TXN_A_MAX + 1];

/* Helpers shared by the object files (netlink.c). */
struct nlattr *nfwfp_nl_guid_attr(struct genl_info *info, int type, GUID *out);
int nfwfp_nl_put_guid(struct sk_buff *msg, int type, const GUID *g);
int nfwfp_nl_put_counters(struct sk_buff *msg, const struct nfwfp_obj_stats *st,
			  int matched, int pad);
/* UTF-8 from netlink to the UTF-16 a FWPM_DISPLAY_DATA0 holds; kfree it. */
wchar_t *nfwfp_nl_name(const struct nlattr *attr);
int nfwfp_nl_layer_by_id(u16 id);
/* Reply helper: a new message for @cmd, or NULL. */
struct sk_buff *nfwfp_nl_reply_new(struct genl_info *info, u8 cmd, void **hdr);
typedef int (*nfwfp_nl_put_fn)(struct sk_buff *msg, void *obj);
/*
 * Answer a GET for @obj (NULL: not found, @missing in extack). Called with
 * nfwfp_engine_mutex held; releases it.
 */
int nfwfp_nl_get_reply(struct genl_info *info, u8 cmd, void *obj,
		       nfwfp_nl_put_fn put, const char *missing);
/* Dump an engine object list (@off: offset of the list_head in an object). */
int nfwfp_nl_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		       struct list_head *head, size_t off, u8 cmd,
		       nfwfp_nl_put_fn put);

/* nl_filter.c */
extern const struct nla_policy nfwfp_nl_filter_policy[NFWFP_FILTER_A_MAX + 1];
extern const struct nla_policy nfwfp_nl_filter_del_policy[NFWFP_FILTER_A_MAX + 1];
extern const struct nla_policy nfwfp_nl_filter_get_policy[NFWFP_FILTER_A_MAX + 1];
extern const struct nla_policy nfwfp_nl_filter_flush_policy[NFWFP_FILTER_A_MAX + 1];
int nfwfp_nl_filter_new(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_filter_del(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_filter_get(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_filter_flush(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_filter_dump_start(struct netlink_callback *cb);
int nfwfp_nl_filter_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nfwfp_nl_filter_dump_done(struct netlink_callback *cb);
int nfwfp_nl_put_filter(struct sk_buff *msg, const struct nfwfp_filter *f);

/* nl_objects.c: sublayers and callouts */
extern const struct nla_policy nfwfp_nl_sublayer_policy[NFWFP_SUBLAYER_A_MAX + 1];
extern const struct nla_policy nfwfp_nl_callout_policy[NFWFP_CALLOUT_A_MAX + 1];
extern const struct nla_policy nfwfp_nl_sublayer_ref_policy[NFWFP_SUBLAYER_A_MAX + 1];
extern const struct nla_policy nfwfp_nl_callout_ref_policy[NFWFP_CALLOUT_A_MAX + 1];
int nfwfp_nl_sublayer_new(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_sublayer_del(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_sublayer_get(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_sublayer_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nfwfp_nl_put_sublayer(struct sk_buff *msg, const struct nfwfp_sublayer *sl);
int nfwfp_nl_callout_new(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_callout_del(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_callout_get(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_callout_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nfwfp_nl_put_callout(struct sk_buff *msg, struct nfwfp_callout *c);

/* nl_state.c: handles, counters, limits */
int nfwfp_nl_put_module_of(struct sk_buff *msg, int type, unsigned long ip);
extern const struct nla_policy nfwfp_nl_config_policy[NFWFP_CONFIG_A_MAX + 1];
int nfwfp_nl_handle_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nfwfp_nl_stats_get(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_stats_reset(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_config_get(struct sk_buff *skb, struct genl_info *info);
int nfwfp_nl_config_set(struct sk_buff *skb, struct genl_info *info);

#endif /* _NFWFP_NETLINK_H */
