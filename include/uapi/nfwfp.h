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
 * DOC: objects, ownership and transactions
 *
 * Filters, sublayers and callouts are global, like WFP's: one engine serves
 * every network namespace (a filter selects a namespace with the
 * compartment-id condition). An object added with the %NFWFP_OBJ_F_DYNAMIC
 * flag belongs to the netlink socket that added it and is deleted when that
 * socket closes, like the objects of a dynamic FWPM session. Without it, an
 * object stays until it is deleted. A socket is not a dynamic FWPM
 * session, the only kind WFP restricts to deleting its own objects: any
 * socket may delete another socket's dynamic object by key or id
 * (%NFWFP_CMD_FLUSH_FILTER keeps them). A static object may not refer to a
 * dynamic one (EINVAL, FWP_E_LIFETIME_MISMATCH).
 *
 * %NFWFP_CMD_TXN_BEGIN binds a write transaction to the socket: the changes
 * it makes become visible to packets only at %NFWFP_CMD_TXN_COMMIT, all at
 * once, and %NFWFP_CMD_TXN_ABORT (or closing the socket) undoes them. The
 * transaction shares its lock with the kernel's FwpmTransactionBegin0: one
 * writer at a time; a change made while another socket or a driver holds
 * the lock waits up to 15 s for it, then fails with ETIMEDOUT.
 * %NFWFP_CMD_SET_CONFIG and %NFWFP_CMD_RESET_STATS are not part of a
 * transaction (an abort could not undo them): a socket with one open gets
 * EBUSY for them; send them on another socket, before or after.
 *
 * Errors: the engine's reasons arrive as an errno with an extended-ack
 * message that names WFP's status ("FWP_E_ALREADY_EXISTS: ...") and, where
 * one attribute is to blame, its offset. Each command takes only the
 * attributes its description below names: any other (a dump-only counter,
 * or one that belongs to another command, such as a name on a delete) is
 * refused with EINVAL and the offset of that attribute, never ignored.
 *
 * Events: the multicast group %NFWFP_MCGRP_EVENTS ("events", CAP_NET_ADMIN)
 * carries a %NFWFP_CMD_NEW_* or %NFWFP_CMD_DEL_* message for each object
 * that appears or disappears, sent when the change becomes visible to packets
 * (at commit), with the same attributes as a dump of that object.
 */

#define NFWFP_MCGRP_EVENTS	"events"

/**
 * enum nfwfp_cmd - generic netlink commands
 * @NFWFP_CMD_GET_INFO: request: no attributes. Reply: %NFWFP_INFO_A_VERSION
 *	and %NFWFP_INFO_A_GENL_VERSION.
 * @NFWFP_CMD_GET_LAYER: dump only, no attributes: one message per layer nfwfp
 *	presents packets at, with the &enum nfwfp_layer_attr attributes.
 * @NFWFP_CMD_NEW_CALLOUT: add a callout object (FwpmCalloutAdd0): requires
 *	%NFWFP_CALLOUT_A_KEY, %NFWFP_CALLOUT_A_NAME, %NFWFP_CALLOUT_A_LAYER;
 *	optional %NFWFP_CALLOUT_A_FLAGS (%NFWFP_OBJ_F_DYNAMIC only). The reply
 *	carries the callout's %NFWFP_CALLOUT_A_ID. A filter can name a callout
 *	only once it is added; classifying needs it registered by its driver
 *	too (FwpsCalloutRegister).
 * @NFWFP_CMD_DEL_CALLOUT: delete a callout object, by %NFWFP_CALLOUT_A_KEY
 *	or %NFWFP_CALLOUT_A_ID. The driver's registration is not affected.
 * @NFWFP_CMD_GET_CALLOUT: dump every callout (added, registered or both);
 *	or one, by %NFWFP_CALLOUT_A_KEY or %NFWFP_CALLOUT_A_ID.
 * @NFWFP_CMD_NEW_SUBLAYER: add a sublayer: requires %NFWFP_SUBLAYER_A_NAME;
 *	optional %NFWFP_SUBLAYER_A_KEY (generated when absent, returned in the
 *	reply), %NFWFP_SUBLAYER_A_WEIGHT (default 0), %NFWFP_SUBLAYER_A_FLAGS.
 * @NFWFP_CMD_DEL_SUBLAYER: delete a sublayer by %NFWFP_SUBLAYER_A_KEY; it
 *	must hold no filter (EBUSY).
 * @NFWFP_CMD_GET_SUBLAYER: dump every sublayer, or one by key.
 * @NFWFP_CMD_NEW_FILTER: add a filter: requires %NFWFP_FILTER_A_NAME,
 *	%NFWFP_FILTER_A_LAYER, %NFWFP_FILTER_A_ACTION (and
 *	%NFWFP_FILTER_A_CALLOUT for callout actions); optional KEY, SUBLAYER,
 *	WEIGHT or WEIGHT_RANGE, FLAGS, CONTEXT, CONDS. The reply carries the
 *	filter's %NFWFP_FILTER_A_ID, %NFWFP_FILTER_A_KEY and
 *	%NFWFP_FILTER_A_EFFECTIVE_WEIGHT.
 * @NFWFP_CMD_DEL_FILTER: delete a filter by %NFWFP_FILTER_A_ID or
 *	%NFWFP_FILTER_A_KEY.
 * @NFWFP_CMD_GET_FILTER: dump every filter (or those of one
 *	%NFWFP_FILTER_A_LAYER and/or %NFWFP_FILTER_A_SUBLAYER), in arbitration
 *	order; or one, by ID or KEY.
 * @NFWFP_CMD_FLUSH_FILTER: delete every filter, or those of one
 *	%NFWFP_FILTER_A_LAYER and/or %NFWFP_FILTER_A_SUBLAYER, as one change:
 *	all go, or none. Filters other sockets own dynamically are kept.
 * @NFWFP_CMD_GET_HANDLE: dump the injection handles, with the
 *	&enum nfwfp_handle_attr attributes.
 * @NFWFP_CMD_GET_STATS: the global counters: one %NFWFP_STATS_A_COUNTER
 *	nest per counter.
 * @NFWFP_CMD_RESET_STATS: zero every counter of layers, sublayers,
 *	filters, callouts, handles and the global ones. Gauges (packets held,
 *	injections outstanding) are not counters and keep their values. Not
 *	transactional: EBUSY on a socket with a transaction open.
 * @NFWFP_CMD_GET_CONFIG: the limits and the injection mark mask, with the
 *	&enum nfwfp_config_attr attributes.
 * @NFWFP_CMD_SET_CONFIG: change any of them. Every value is checked before
 *	any is applied. The mark mask may change under load: a change waits
 *	an RCU grace period, and is refused (EBUSY) only while a re-injection
 *	tagged under the mask before the current one is still queued by a hook
 *	that runs before nfwfp's (NFQUEUE). Not transactional: EBUSY on a
 *	socket with a transaction open.
 * @NFWFP_CMD_TXN_BEGIN: begin the socket's transaction; optional
 *	%NFWFP_TXN_A_FLAGS. EBUSY if the socket has one open.
 * @NFWFP_CMD_TXN_COMMIT: commit it (ENOENT without one).
 * @NFWFP_CMD_TXN_ABORT: abort it (ENOENT without one).
 */
enum nfwfp_cmd {
	NFWFP_CMD_UNSPEC,
	NFWFP_CMD_GET_INFO,
	NFWFP_CMD_GET_LAYER,
	NFWFP_CMD_NEW_CALLOUT,
	NFWFP_CMD_DEL_CALLOUT,
	NFWFP_CMD_GET_CALLOUT,
	NFWFP_CMD_NEW_SUBLAYER,
	NFWFP_CMD_DEL_SUBLAYER,
	NFWFP_CMD_GET_SUBLAYER,
	NFWFP_CMD_NEW_FILTER,
	NFWFP_CMD_DEL_FILTER,
	NFWFP_CMD_GET_FILTER,
	NFWFP_CMD_FLUSH_FILTER,
	NFWFP_CMD_GET_HANDLE,
	NFWFP_CMD_GET_STATS,
	NFWFP_CMD_RESET_STATS,
	NFWFP_CMD_GET_CONFIG,
	NFWFP_CMD_SET_CONFIG,
	NFWFP_CMD_TXN_BEGIN,
	NFWFP_CMD_TXN_COMMIT,
	NFWFP_CMD_TXN_ABORT,

	__NFWFP_CMD_MAX,
};
#define NFWFP_CMD_MAX (__NFWFP_CMD_MAX - 1)

/**
 * enum nfwfp_obj_flags - flags of callouts, sublayers and filters
 * @NFWFP_OBJ_F_DYNAMIC: (request and dump) owned by the netlink socket that
 *	added it, deleted when the socket closes. A static object cannot refer
 *	to a dynamic one (EINVAL, FWP_E_LIFETIME_MISMATCH).
 * @NFWFP_OBJ_F_BUILTIN: (dump) made by nfwfp itself, cannot be deleted
 * @NFWFP_OBJ_F_ADDED: (callout dump) the callout object exists (added by
 *	netlink or FwpmCalloutAdd0), filters can name it
 * @NFWFP_OBJ_F_REGISTERED: (callout dump) a driver registered its functions
 *	(FwpsCalloutRegister)
 * @NFWFP_OBJ_F_KERNEL: (dump) added by a kernel FWPM session, not netlink
 */
enum nfwfp_obj_flags {
	NFWFP_OBJ_F_DYNAMIC	= 1 << 0,
	NFWFP_OBJ_F_BUILTIN	= 1 << 1,
	NFWFP_OBJ_F_ADDED	= 1 << 2,
	NFWFP_OBJ_F_REGISTERED	= 1 << 3,
	NFWFP_OBJ_F_KERNEL	= 1 << 4,
};

/**
 * enum nfwfp_filter_flags - filter-only flags (%NFWFP_FILTER_A_FLAGS, along
 *	with &enum nfwfp_obj_flags)
 * @NFWFP_FILTER_F_CLEAR_ACTION_RIGHT: the filter's decision cannot be
 *	overridden by lower-weight filters of other sublayers
 *	(FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT)
 * @NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED: a terminating callout
 *	filter permits while its callout is unregistered, instead of blocking
 */
enum nfwfp_filter_flags {
	NFWFP_FILTER_F_CLEAR_ACTION_RIGHT		= 1 << 8,
	NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED	= 1 << 9,
};

/**
 * enum nfwfp_action - what a filter does with a packet it matches
 * @NFWFP_ACTION_BLOCK: block (FWP_ACTION_BLOCK)
 * @NFWFP_ACTION_PERMIT: permit (FWP_ACTION_PERMIT)
 * @NFWFP_ACTION_CALLOUT_TERMINATING: the callout decides block or permit
 * @NFWFP_ACTION_CALLOUT_INSPECTION: the callout looks, never decides
 * @NFWFP_ACTION_CALLOUT_UNKNOWN: the callout may decide or continue
 */
enum nfwfp_action {
	NFWFP_ACTION_UNSPEC,
	NFWFP_ACTION_BLOCK,
	NFWFP_ACTION_PERMIT,
	NFWFP_ACTION_CALLOUT_TERMINATING,
	NFWFP_ACTION_CALLOUT_INSPECTION,
	NFWFP_ACTION_CALLOUT_UNKNOWN,

	__NFWFP_ACTION_MAX,
};
#define NFWFP_ACTION_MAX (__NFWFP_ACTION_MAX - 1)

/**
 * enum nfwfp_match - how a condition compares (WFP's FWP_MATCH_TYPE values)
 * @NFWFP_MATCH_EQUAL: value == VALUE (or ADDR, or ADDR/PREFIX)
 * @NFWFP_MATCH_GREATER: value > VALUE
 * @NFWFP_MATCH_LESS: value < VALUE
 * @NFWFP_MATCH_GREATER_OR_EQUAL: value >= VALUE
 * @NFWFP_MATCH_LESS_OR_EQUAL: value <= VALUE
 * @NFWFP_MATCH_RANGE: VALUE <= value <= VALUE_HI (or ADDR .. ADDR_HI)
 * @NFWFP_MATCH_FLAGS_ALL_SET: every bit of VALUE is set in value
 * @NFWFP_MATCH_FLAGS_ANY_SET: at least one bit of VALUE is set
 * @NFWFP_MATCH_FLAGS_NONE_SET: no bit of VALUE is set
 * @NFWFP_MATCH_NOT_EQUAL: value != VALUE
 */
enum nfwfp_match {
	NFWFP_MATCH_EQUAL		= 0,
	NFWFP_MATCH_GREATER		= 1,
	NFWFP_MATCH_LESS		= 2,
	NFWFP_MATCH_GREATER_OR_EQUAL	= 3,
	NFWFP_MATCH_LESS_OR_EQUAL	= 4,
	NFWFP_MATCH_RANGE		= 5,
	NFWFP_MATCH_FLAGS_ALL_SET	= 6,
	NFWFP_MATCH_FLAGS_ANY_SET	= 7,
	NFWFP_MATCH_FLAGS_NONE_SET	= 8,
	NFWFP_MATCH_NOT_EQUAL		= 10,
};
#define NFWFP_MATCH_MAX NFWFP_MATCH_NOT_EQUAL

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

/**
 * enum nfwfp_callout_attr - attributes of callout messages
 * @NFWFP_CALLOUT_A_KEY: NLA_BINARY, 16 bytes: the callout's GUID, in its
 *	in-memory byte order (Data1..3 little endian), like every key here
 * @NFWFP_CALLOUT_A_ID: NLA_U32, the run-time id filters' actions carry
 * @NFWFP_CALLOUT_A_NAME: NLA_NUL_STRING (UTF-8, at most 255 bytes): the
 *	display name of the callout object
 * @NFWFP_CALLOUT_A_LAYER: NLA_U16, the run-time id (FWPS_LAYER_*) of the
 *	layer the callout object applies to
 * @NFWFP_CALLOUT_A_FLAGS: NLA_U32, &enum nfwfp_obj_flags
 * @NFWFP_CALLOUT_A_OWNER: NLA_NUL_STRING (dump): the module that registered
 *	it, when registered
 * @NFWFP_CALLOUT_A_FILTERS: NLA_U32 (dump): filters that name it
 * @NFWFP_CALLOUT_A_CLASSIFIED: NLA_U64 (dump): classifyFn calls
 * @NFWFP_CALLOUT_A_PERMITTED: NLA_U64 (dump): of those, decisions permit
 * @NFWFP_CALLOUT_A_BLOCKED: NLA_U64 (dump): decisions block
 * @NFWFP_CALLOUT_A_ABSORBED: NLA_U64 (dump): blocks that absorbed
 * @NFWFP_CALLOUT_A_PAD: padding for 64-bit attributes
 */
enum nfwfp_callout_attr {
	NFWFP_CALLOUT_A_UNSPEC,
	NFWFP_CALLOUT_A_KEY,
	NFWFP_CALLOUT_A_ID,
	NFWFP_CALLOUT_A_NAME,
	NFWFP_CALLOUT_A_LAYER,
	NFWFP_CALLOUT_A_FLAGS,
	NFWFP_CALLOUT_A_OWNER,
	NFWFP_CALLOUT_A_FILTERS,
	NFWFP_CALLOUT_A_CLASSIFIED,
	NFWFP_CALLOUT_A_PERMITTED,
	NFWFP_CALLOUT_A_BLOCKED,
	NFWFP_CALLOUT_A_ABSORBED,
	NFWFP_CALLOUT_A_PAD,

	__NFWFP_CALLOUT_A_MAX,
};
#define NFWFP_CALLOUT_A_MAX (__NFWFP_CALLOUT_A_MAX - 1)

/**
 * enum nfwfp_sublayer_attr - attributes of sublayer messages
 * @NFWFP_SUBLAYER_A_KEY: NLA_BINARY, 16 bytes: the sublayer's GUID
 * @NFWFP_SUBLAYER_A_NAME: NLA_NUL_STRING (UTF-8, at most 255 bytes)
 * @NFWFP_SUBLAYER_A_WEIGHT: NLA_U16: sublayers are evaluated from the
 *	highest weight down; every sublayer gives a decision and the
 *	decisions are arbitrated (a block wins over a permit unless the permit
 *	cleared the action right)
 * @NFWFP_SUBLAYER_A_FLAGS: NLA_U32, &enum nfwfp_obj_flags
 * @NFWFP_SUBLAYER_A_FILTERS: NLA_U32 (dump): filters in it
 * @NFWFP_SUBLAYER_A_MATCHED: NLA_U64 (dump): packets one of its filters
 *	decided
 * @NFWFP_SUBLAYER_A_PERMITTED: NLA_U64 (dump)
 * @NFWFP_SUBLAYER_A_BLOCKED: NLA_U64 (dump)
 * @NFWFP_SUBLAYER_A_ABSORBED: NLA_U64 (dump)
 * @NFWFP_SUBLAYER_A_PAD: padding for 64-bit attributes
 */
enum nfwfp_sublayer_attr {
	NFWFP_SUBLAYER_A_UNSPEC,
	NFWFP_SUBLAYER_A_KEY,
	NFWFP_SUBLAYER_A_NAME,
	NFWFP_SUBLAYER_A_WEIGHT,
	NFWFP_SUBLAYER_A_FLAGS,
	NFWFP_SUBLAYER_A_FILTERS,
	NFWFP_SUBLAYER_A_MATCHED,
	NFWFP_SUBLAYER_A_PERMITTED,
	NFWFP_SUBLAYER_A_BLOCKED,
	NFWFP_SUBLAYER_A_ABSORBED,
	NFWFP_SUBLAYER_A_PAD,

	__NFWFP_SUBLAYER_A_MAX,
};
#define NFWFP_SUBLAYER_A_MAX (__NFWFP_SUBLAYER_A_MAX - 1)

/**
 * enum nfwfp_filter_attr - attributes of filter messages
 * @NFWFP_FILTER_A_ID: NLA_U64, the run-time filter id (FWPS_FILTER.filterId)
 * @NFWFP_FILTER_A_KEY: NLA_BINARY, 16 bytes; generated when absent on add
 * @NFWFP_FILTER_A_NAME: NLA_NUL_STRING (UTF-8, at most 255 bytes)
 * @NFWFP_FILTER_A_LAYER: NLA_U16, the run-time layer id (FWPS_LAYER_*)
 * @NFWFP_FILTER_A_SUBLAYER: NLA_BINARY, 16 bytes: the sublayer's key; the
 *	universal sublayer when absent
 * @NFWFP_FILTER_A_WEIGHT: NLA_U64 (request): the exact weight within the
 *	sublayer. Filters of a sublayer are evaluated from the highest weight
 *	down; the first whose conditions match and whose action decides (block,
 *	permit, or a callout that decides) gives the sublayer's decision.
 * @NFWFP_FILTER_A_WEIGHT_RANGE: NLA_U8 0..15 (request): a weight range
 *	instead: the effective weight is RANGE << 60 plus an automatic low part
 *	that grows with the number of conditions (more specific filters first).
 *	Without WEIGHT and WEIGHT_RANGE the automatic weight alone is used
 *	(FWP_EMPTY). Both at once: EINVAL.
 * @NFWFP_FILTER_A_EFFECTIVE_WEIGHT: NLA_U64 (reply, dump): the weight used
 * @NFWFP_FILTER_A_ACTION: NLA_U8, &enum nfwfp_action
 * @NFWFP_FILTER_A_CALLOUT: NLA_BINARY, 16 bytes: the callout's key, for the
 *	callout actions (and only for them)
 * @NFWFP_FILTER_A_FLAGS: NLA_U32, &enum nfwfp_obj_flags and
 *	&enum nfwfp_filter_flags
 * @NFWFP_FILTER_A_CONTEXT: NLA_U64: the filter's context, handed to the
 *	callout in FWPS_FILTER.context
 * @NFWFP_FILTER_A_CONDS: NLA_NESTED: one %NFWFP_FILTER_A_COND nest per
 *	condition, in order. Conditions on different fields must all match;
 *	consecutive conditions on the same field match if any of them does.
 *	At most 64.
 * @NFWFP_FILTER_A_COND: a condition (inside %NFWFP_FILTER_A_CONDS), holding
 *	&enum nfwfp_cond_attr attributes
 * @NFWFP_FILTER_A_MATCHED: NLA_U64 (dump): packets it matched
 * @NFWFP_FILTER_A_PERMITTED: NLA_U64 (dump): of those, permitted
 * @NFWFP_FILTER_A_BLOCKED: NLA_U64 (dump): blocked
 * @NFWFP_FILTER_A_ABSORBED: NLA_U64 (dump): absorbed by its callout
 * @NFWFP_FILTER_A_PAD: padding for 64-bit attributes
 */
enum nfwfp_filter_attr {
	NFWFP_FILTER_A_UNSPEC,
	NFWFP_FILTER_A_ID,
	NFWFP_FILTER_A_KEY,
	NFWFP_FILTER_A_NAME,
	NFWFP_FILTER_A_LAYER,
	NFWFP_FILTER_A_SUBLAYER,
	NFWFP_FILTER_A_WEIGHT,
	NFWFP_FILTER_A_WEIGHT_RANGE,
	NFWFP_FILTER_A_EFFECTIVE_WEIGHT,
	NFWFP_FILTER_A_ACTION,
	NFWFP_FILTER_A_CALLOUT,
	NFWFP_FILTER_A_FLAGS,
	NFWFP_FILTER_A_CONTEXT,
	NFWFP_FILTER_A_CONDS,
	NFWFP_FILTER_A_COND,
	NFWFP_FILTER_A_MATCHED,
	NFWFP_FILTER_A_PERMITTED,
	NFWFP_FILTER_A_BLOCKED,
	NFWFP_FILTER_A_ABSORBED,
	NFWFP_FILTER_A_PAD,

	__NFWFP_FILTER_A_MAX,
};
#define NFWFP_FILTER_A_MAX (__NFWFP_FILTER_A_MAX - 1)

#define NFWFP_FILTER_MAX_CONDS	64

/**
 * enum nfwfp_cond_attr - one filter condition
 * @NFWFP_COND_A_FIELD: NLA_U16, the field's index in the layer
 *	(%NFWFP_FIELD_A_INDEX of the layer dump)
 * @NFWFP_COND_A_MATCH: NLA_U8, &enum nfwfp_match
 * @NFWFP_COND_A_VALUE: NLA_U64, for number fields (protocol, ports, flags,
 *	interface indexes, ...); must fit the field's type
 * @NFWFP_COND_A_VALUE_HI: NLA_U64, the upper end of a range
 * @NFWFP_COND_A_ADDR: NLA_BINARY, 4 bytes (IPv4) or 16 (IPv6), network order,
 *	for address fields
 * @NFWFP_COND_A_ADDR_HI: NLA_BINARY, the upper end of an address range
 * @NFWFP_COND_A_PREFIX: NLA_U8, with ADDR and MATCH_EQUAL or NOT_EQUAL: a
 *	prefix length (0..32 for IPv4, 0..128 for IPv6)
 * @NFWFP_COND_A_PAD: padding for 64-bit attributes
 * @NFWFP_COND_A_MASK: NLA_BINARY, 4 bytes (dump only): an IPv4 mask that is
 *	no prefix, as a driver's FWP_V4_ADDR_MASK may hold; PREFIX otherwise
 */
enum nfwfp_cond_attr {
	NFWFP_COND_A_UNSPEC,
	NFWFP_COND_A_FIELD,
	NFWFP_COND_A_MATCH,
	NFWFP_COND_A_VALUE,
	NFWFP_COND_A_VALUE_HI,
	NFWFP_COND_A_ADDR,
	NFWFP_COND_A_ADDR_HI,
	NFWFP_COND_A_PREFIX,
	NFWFP_COND_A_PAD,
	NFWFP_COND_A_MASK,

	__NFWFP_COND_A_MAX,
};
#define NFWFP_COND_A_MAX (__NFWFP_COND_A_MAX - 1)

/**
 * enum nfwfp_handle_attr - attributes of injection-handle messages (dump)
 * @NFWFP_HANDLE_A_ID: NLA_U64, a number naming the handle while it lives
 * @NFWFP_HANDLE_A_FAMILY: NLA_U8, AF_INET, AF_INET6 or AF_UNSPEC (Linux
 *	numbering)
 * @NFWFP_HANDLE_A_FLAGS: NLA_U32, &enum nfwfp_handle_flags
 * @NFWFP_HANDLE_A_OWNER: NLA_NUL_STRING, the module that created it
 * @NFWFP_HANDLE_A_REQUESTED: NLA_U64, injections accepted
 * @NFWFP_HANDLE_A_SENT: NLA_U64, of those, handed to the stack
 * @NFWFP_HANDLE_A_FAILED: NLA_U64, completed with an error status
 * @NFWFP_HANDLE_A_COMPLETED: NLA_U64, completion functions returned
 * @NFWFP_HANDLE_A_OUTSTANDING: NLA_U32, accepted and not yet completed
 * @NFWFP_HANDLE_A_PAD: padding for 64-bit attributes
 */
enum nfwfp_handle_attr {
	NFWFP_HANDLE_A_UNSPEC,
	NFWFP_HANDLE_A_ID,
	NFWFP_HANDLE_A_FAMILY,
	NFWFP_HANDLE_A_FLAGS,
	NFWFP_HANDLE_A_OWNER,
	NFWFP_HANDLE_A_REQUESTED,
	NFWFP_HANDLE_A_SENT,
	NFWFP_HANDLE_A_FAILED,
	NFWFP_HANDLE_A_COMPLETED,
	NFWFP_HANDLE_A_OUTSTANDING,
	NFWFP_HANDLE_A_PAD,

	__NFWFP_HANDLE_A_MAX,
};
#define NFWFP_HANDLE_A_MAX (__NFWFP_HANDLE_A_MAX - 1)

/**
 * enum nfwfp_handle_flags - %NFWFP_HANDLE_A_FLAGS
 * @NFWFP_HANDLE_F_CLOSING: FwpsInjectionHandleDestroy0 is waiting for its
 *	outstanding injections
 */
enum nfwfp_handle_flags {
	NFWFP_HANDLE_F_CLOSING	= 1 << 0,
};

/**
 * enum nfwfp_stats_attr - %NFWFP_CMD_GET_STATS replies
 * @NFWFP_STATS_A_COUNTER: NLA_NESTED, one per counter, holding
 *	&enum nfwfp_counter_attr attributes; the set of counters may grow
 */
enum nfwfp_stats_attr {
	NFWFP_STATS_A_UNSPEC,
	NFWFP_STATS_A_COUNTER,

	__NFWFP_STATS_A_MAX,
};
#define NFWFP_STATS_A_MAX (__NFWFP_STATS_A_MAX - 1)

/**
 * enum nfwfp_counter_attr - one global counter
 * @NFWFP_COUNTER_A_NAME: NLA_NUL_STRING, e.g. "presented", "inject_sent"
 * @NFWFP_COUNTER_A_VALUE: NLA_U64
 * @NFWFP_COUNTER_A_PAD: padding for 64-bit attributes
 */
enum nfwfp_counter_attr {
	NFWFP_COUNTER_A_UNSPEC,
	NFWFP_COUNTER_A_NAME,
	NFWFP_COUNTER_A_VALUE,
	NFWFP_COUNTER_A_PAD,

	__NFWFP_COUNTER_A_MAX,
};
#define NFWFP_COUNTER_A_MAX (__NFWFP_COUNTER_A_MAX - 1)

/**
 * enum nfwfp_config_attr - limits and the mark mask (GET_CONFIG, SET_CONFIG);
 *	the same values as the module parameters of the same names
 * @NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT: NLA_U32 >= 1: injections accepted and
 *	not completed, per handle; past it STATUS_INSUFFICIENT_RESOURCES
 * @NFWFP_CONFIG_A_INJECT_MAX_BACKLOG: NLA_U32 >= 1: injections queued and not
 *	yet sent, in all
 * @NFWFP_CONFIG_A_INJECT_BUDGET: NLA_U8 1..16: re-injections of one packet's
 *	lineage before it is dropped as a loop
 * @NFWFP_CONFIG_A_HELD_MAX_PER_NETNS: NLA_U32 >= 1: packets callouts hold
 *	(referenced or absorbed, not yet injected) per network namespace
 * @NFWFP_CONFIG_A_INJECT_MARK_MASK: NLA_U32: the skb->mark bits that tag
 *	injected packets queued by hooks before nfwfp's: 0 (none) or at
 *	least 2 bits; 7 give all 32 slots and 2 generation bits (EINVAL for
 *	a single bit)
 */
enum nfwfp_config_attr {
	NFWFP_CONFIG_A_UNSPEC,
	NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT,
	NFWFP_CONFIG_A_INJECT_MAX_BACKLOG,
	NFWFP_CONFIG_A_INJECT_BUDGET,
	NFWFP_CONFIG_A_HELD_MAX_PER_NETNS,
	NFWFP_CONFIG_A_INJECT_MARK_MASK,

	__NFWFP_CONFIG_A_MAX,
};
#define NFWFP_CONFIG_A_MAX (__NFWFP_CONFIG_A_MAX - 1)

/**
 * enum nfwfp_txn_attr - %NFWFP_CMD_TXN_BEGIN
 * @NFWFP_TXN_A_FLAGS: NLA_U32, &enum nfwfp_txn_flags
 */
enum nfwfp_txn_attr {
	NFWFP_TXN_A_UNSPEC,
	NFWFP_TXN_A_FLAGS,

	__NFWFP_TXN_A_MAX,
};
#define NFWFP_TXN_A_MAX (__NFWFP_TXN_A_MAX - 1)

/**
 * enum nfwfp_txn_flags - %NFWFP_TXN_A_FLAGS
 * @NFWFP_TXN_F_READ_ONLY: a read-only transaction: takes no lock, refuses
 *	changes (FWPM_TXN_READ_ONLY)
 */
enum nfwfp_txn_flags {
	NFWFP_TXN_F_READ_ONLY	= 1 << 0,
};

#endif /* _UAPI_LINUX_NFWFP_H */
