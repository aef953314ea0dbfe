// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp-fuzz: a generic netlink fuzzer for the "nfwfp" family
 * (include/uapi/nfwfp.h). Raw netlink sockets, no libmnl: it must be able
 * to send what no library would build.
 *
 *   nfwfp-fuzz [-n COUNT] [-s SEED] [-t SECONDS] [-d SECONDS] [-k] [-v]
 *
 * COUNT messages (default 100000) are generated from a grammar of the UAPI
 * (every command, valid and invalid attributes, nested conditions, bad
 * strings and lengths, unknown types, missing NLA_F_NESTED, random flags
 * and genl headers) and a part of them mutated (bit flips, truncation,
 * length corruption). Everything derives from SEED, which is printed: the
 * same seed against the same module sends the same messages. With -d the
 * fuzzing stops after that many seconds if COUNT is not reached first (a
 * run alongside a load of fixed length: make check-stress). With -k it never
 * resets nfwfp's counters, which such a load accounts by.
 *
 * The protocol contract is checked on every message whose nlmsghdr is
 * consistent (nlmsg_len is what was sent) and that has NLM_F_REQUEST and
 * NLM_F_ACK: a non-dump gets at most one reply then exactly one NLMSG_ERROR;
 * a dump (NLM_F_DUMP) gets NLM_F_MULTI parts then exactly one NLMSG_DONE, or
 * one NLMSG_ERROR alone. Answers are matched by sequence number: a missing
 * answer (none within SECONDS), a second one, or one to a sequence never
 * sent is a failure. Every message waits for its answers, so the socket's
 * receive buffer cannot overflow; ENOBUFS would be a failure too.
 *
 * Objects are made with fuzzer keys (they start with "fzz!") and names
 * ("nfwfp-fuzz..."); at the end the socket is closed (the kernel drops its
 * dynamic objects and open transaction), what remains of the fuzzer's is
 * found by dump and deleted by key, and the configuration read at the start
 * is written back. A second socket listens to the "events" group, whose
 * messages must be NEW_* or DEL_* notifications. The fuzzer changes and
 * deletes global state (it may delete any filter by id): run it only on a
 * test machine.
 *
 * Last line: a summary. Exit 0 when the contract held and the cleanup
 * worked, 1 otherwise, 2 on bad usage or when the family cannot be used.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uapi/nfwfp.h>

#define MSG_MAX		16384	/* one generated message */
#define BATCH_MAX	4	/* messages in one datagram */
#define MAX_LAYERS	16
#define MAX_FIELDS	32
#define MAX_FAILURES	20
#define KEY_LEN		16
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const uint8_t key_magic[4] = { 'f', 'z', 'z', '!' };
static const char name_prefix[] = "nfwfp-fuzz";

/* The universal sublayer (FWPM_SUBLAYER_UNIVERSAL), in-memory byte order. */
static const uint8_t universal_key[KEY_LEN] = {
	0x03, 0xcc, 0xbe, 0xee, 0xd4, 0xce, 0x80, 0x43,
	0x81, 0x9a, 0x27, 0x34, 0x39, 0x7b, 0x2b, 0x74,
};

/* ---- deterministic random numbers (splitmix64) ----------------------------- */

static uint64_t rng;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* true with probability pct/100 */
static int chance(unsigned int pct)
{
	return below(100) < pct;
}

/* A number a parser is likely to get wrong: edges of every width, or any. */
static uint64_t edgy(void)
{
	static const uint64_t edges[] = {
		0, 1, 2, 15, 16, 17, 127, 128, 255, 256, 0x7fff, 0x8000,
		0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000ULL, 0x7fffffffffffffffULL, 0xffffffffffffffffULL,
	};

	return chance(60) ? edges[below(ARRAY_SIZE(edges))] : rnd();
}

/* ---- message building -------------------------------------------------------- */

struct msg {
	uint8_t b[MSG_MAX];
	size_t len;
	int bad;	/* percent chance that one attribute is malformed */
};

static void *put_raw(struct msg *m, size_t len)
{
	void *p;

	if (m->len + NLA_ALIGN(len) > sizeof(m->b))
		return NULL;
	p = m->b + m->len;
	memset(p, 0, NLA_ALIGN(len));
	m->len += NLA_ALIGN(len);
	return p;
}

static void put_attr(struct msg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a;

	if (len > 0xffff - NLA_HDRLEN)
		len = 0xffff - NLA_HDRLEN;
	a = put_raw(m, NLA_HDRLEN + len);
	if (!a)
		return;
	a->nla_len = NLA_HDRLEN + len;
	a->nla_type = type;
	if (len)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
}

/* Starts a nest; returns its offset for nest_end (or SIZE_MAX when full). */
static size_t nest_start(struct msg *m, uint16_t type)
{
	size_t off = m->len;
	struct nlattr *a = put_raw(m, NLA_HDRLEN);

	if (!a)
		return SIZE_MAX;
	a->nla_type = type | (chance(95) ? NLA_F_NESTED : 0);
	return off;
}

static void nest_end(struct msg *m, size_t off)
{
	struct nlattr *a;

	if (off == SIZE_MAX)
		return;
	a = (struct nlattr *)(m->b + off);
	a->nla_len = m->len - off > 0xffff ? 0xffff : m->len - off;
}

static int bad(const struct msg *m)
{
	return m->bad && chance(m->bad);
}

/* An integer of @size bytes, or of a wrong size when the message is bad. */
static void put_int(struct msg *m, uint16_t type, unsigned int size, uint64_t v)
{
	uint8_t data[16] = { 0 };

	if (bad(m))
		size = below(sizeof(data) + 1);
	memcpy(data, &v, size < 8 ? size : 8);
	if (size > 8)
		for (unsigned int i = 8; i < size; i++)
			data[i] = rnd();
	put_attr(m, type, data, size);
}

/* A name: valid mostly, else without NUL, over-long, empty or odd bytes. */
static void put_name(struct msg *m, uint16_t type)
{
	char s[400];
	size_t n;
	int kind = bad(m) ? (int)below(6) : 0;

	n = snprintf(s, sizeof(s), "%s-%u", name_prefix, below(64)) + 1;
	switch (kind) {
	case 1:		/* no NUL */
		n--;
		break;
	case 2:		/* 255 bytes and a NUL, or longer */
		n = 255 + below(3) * (1 + below(60));
		memset(s + sizeof(name_prefix) - 1, 'x', n - sizeof(name_prefix) + 1);
		s[n] = 0;
		n++;
		break;
	case 3:		/* zero-length attribute, or just a NUL */
		n = below(2);
		s[0] = 0;
		break;
	case 4:		/* embedded NUL, junk after it */
		s[n - 1] = 'j';
		s[n - 3] = 0;
		break;
	case 5:		/* not UTF-8 */
		s[n - 2] = (char)0xff;
		s[n - 3] = (char)0xc0;
		break;
	}
	put_attr(m, type, s, n);
}

enum key_kind { K_SUBLAYER = 1, K_FILTER, K_CALLOUT };

/*
 * Fuzzer keys: the magic, the kind, and a small index so that adds, deletes
 * and duplicates meet; sometimes random after the magic.
 */
static void make_key(uint8_t *key, int kind)
{
	static const unsigned int pool[] = { 0, 8, 16, 6 };

	memset(key, 0, KEY_LEN);
	memcpy(key, key_magic, sizeof(key_magic));
	key[4] = kind;
	if (chance(8))
		for (int i = 5; i < KEY_LEN; i++)
			key[i] = rnd();
	else
		key[15] = below(pool[kind]);
}

static void put_key(struct msg *m, uint16_t type, int kind)
{
	uint8_t key[KEY_LEN + 8];

	make_key(key, kind);
	if (kind == K_SUBLAYER && chance(10))
		memcpy(key, universal_key, KEY_LEN);
	if (bad(m)) {
		for (int i = KEY_LEN; i < (int)sizeof(key); i++)
			key[i] = rnd();
		put_attr(m, type, key, below(sizeof(key) + 1));
		return;
	}
	put_attr(m, type, key, KEY_LEN);
}

/* Any attribute of the object's space (or past it), with a random payload. */
static void put_junk(struct msg *m, uint16_t maxattr)
{
	uint8_t data[64];
	uint16_t type;
	size_t len = below(sizeof(data) + 1);

	for (size_t i = 0; i < len; i++)
		data[i] = rnd();
	switch (below(4)) {
	case 0:
		type = 0;
		break;
	case 1:
		type = maxattr + 1 + below(8);
		break;
	case 2:
		type = below(0x4000);
		break;
	default:
		type = below(maxattr + 1);
		break;
	}
	if (chance(15))
		type |= chance(50) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
	put_attr(m, type, data, len);
}

/* ---- the layers, as the kernel describes them --------------------------------- */

struct field {
	uint16_t type;		/* FWP_DATA_TYPE */
	int addr;		/* an address field */
};

struct layer {
	uint16_t id;
	uint8_t family;
	unsigned int nfields;
	struct field fields[MAX_FIELDS];
};

static struct layer layers[MAX_LAYERS];
static unsigned int nlayers;

static const uint16_t default_layers[] = { 16, 18, 24, 26, 32, 34 };

static uint16_t pick_layer_id(const struct msg *m)
{
	if (bad(m) || chance(3))
		return edgy();
	if (nlayers)
		return layers[below(nlayers)].id;
	return default_layers[below(6)];
}

static const struct layer *find_layer(uint16_t id)
{
	for (unsigned int i = 0; i < nlayers; i++)
		if (layers[i].id == id)
			return &layers[i];
	return NULL;
}

/* ---- the grammar: one generator per object -------------------------------------- */

static uint32_t obj_flags(const struct msg *m, int filter)
{
	uint32_t f = chance(50) ? NFWFP_OBJ_F_DYNAMIC : 0;

	if (filter && chance(20))
		f |= chance(50) ? NFWFP_FILTER_F_CLEAR_ACTION_RIGHT :
				  NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED;
	if (bad(m))
		f |= chance(50) ? 1u << below(32) : (uint32_t)rnd();
	return f;
}

static void gen_value(struct msg *m, uint16_t type, uint16_t ftype)
{
	static const unsigned int bits[] = { [1] = 8, [2] = 16, [3] = 32, [4] = 64 };
	uint64_t v = rnd();

	if (ftype >= 1 && ftype <= 4 && bits[ftype] < 64 && !chance(5))
		v &= (1ULL << bits[ftype]) - 1;
	if (chance(20))
		v = edgy();
	put_int(m, type, 8, v);
}

static void gen_addr(struct msg *m, uint16_t type, unsigned int alen)
{
	uint8_t a[20];

	for (unsigned int i = 0; i < sizeof(a); i++)
		a[i] = rnd();
	if (chance(10))
		alen = below(sizeof(a) + 1);
	put_attr(m, type, a, alen);
}

static void gen_cond(struct msg *m, const struct layer *l)
{
	static const uint8_t addr_matches[] = {
		NFWFP_MATCH_EQUAL, NFWFP_MATCH_RANGE, NFWFP_MATCH_NOT_EQUAL,
	};
	size_t c = nest_start(m, chance(95) ? NFWFP_FILTER_A_COND : below(20));
	struct field f = { .type = 1 + below(4) };
	uint16_t idx = below(16);
	uint8_t match = below(NFWFP_MATCH_MAX + 1);
	unsigned int alen;

	if (l && l->nfields) {
		idx = below(l->nfields);
		f = l->fields[idx];
	}
	if (bad(m))
		idx = edgy();
	if (f.addr && !chance(10))
		match = addr_matches[below(3)];
	if (bad(m))
		match = edgy();

	if (!bad(m) || chance(70))
		put_int(m, NFWFP_COND_A_FIELD, 2, idx);
	if (!bad(m) || chance(70))
		put_int(m, NFWFP_COND_A_MATCH, 1, match);

	alen = f.type == 11 ? 16 : 4;
	if (f.addr || f.type == 11 || chance(5)) {
		if (!chance(5))
			gen_addr(m, NFWFP_COND_A_ADDR, alen);
		if (match == NFWFP_MATCH_RANGE || chance(5))
			gen_addr(m, NFWFP_COND_A_ADDR_HI, alen);
		if (match == NFWFP_MATCH_EQUAL && chance(50))
			put_int(m, NFWFP_COND_A_PREFIX, 1,
				chance(90) ? below(alen * 8 + 1) : edgy());
	}
	if (!f.addr || chance(5)) {
		if (!chance(5))
			gen_value(m, NFWFP_COND_A_VALUE, f.type);
		if (match == NFWFP_MATCH_RANGE || chance(5))
			gen_value(m, NFWFP_COND_A_VALUE_HI, f.type);
	}
	if (chance(3))
		put_junk(m, NFWFP_COND_A_MAX);
	nest_end(m, c);
}

static void gen_conds(struct msg *m, const struct layer *l)
{
	unsigned int n = chance(5) ? 60 + below(10) : below(5);
	size_t c = nest_start(m, NFWFP_FILTER_A_CONDS);

	for (unsigned int i = 0; i < n; i++)
		gen_cond(m, l);
	if (chance(3))
		put_junk(m, NFWFP_FILTER_A_MAX);
	nest_end(m, c);
}

static void gen_new_filter(struct msg *m)
{
	uint16_t layer = pick_layer_id(m);
	uint8_t action = 1 + below(NFWFP_ACTION_MAX);

	if (bad(m))
		action = edgy();
	if (!bad(m) || chance(80))
		put_name(m, NFWFP_FILTER_A_NAME);
	if (!bad(m) || chance(80))
		put_int(m, NFWFP_FILTER_A_LAYER, 2, layer);
	if (!bad(m) || chance(80))
		put_int(m, NFWFP_FILTER_A_ACTION, 1, action);
	if ((action >= NFWFP_ACTION_CALLOUT_TERMINATING && !chance(10)) || chance(5))
		put_key(m, NFWFP_FILTER_A_CALLOUT, K_CALLOUT);
	if (chance(70))
		put_key(m, NFWFP_FILTER_A_KEY, K_FILTER);
	if (chance(50))
		put_key(m, NFWFP_FILTER_A_SUBLAYER, K_SUBLAYER);
	if (chance(30))
		put_int(m, NFWFP_FILTER_A_WEIGHT, 8, chance(50) ? below(100) : edgy());
	if (chance(30))
		put_int(m, NFWFP_FILTER_A_WEIGHT_RANGE, 1, chance(90) ? below(16) : edgy());
	if (chance(60))
		put_int(m, NFWFP_FILTER_A_FLAGS, 4, obj_flags(m, 1));
	if (chance(20))
		put_int(m, NFWFP_FILTER_A_CONTEXT, 8, rnd());
	if (chance(70))
		gen_conds(m, find_layer(layer));
	if (chance(3))	/* a dump-only attribute in a request */
		put_int(m, NFWFP_FILTER_A_MATCHED + below(4), 8, rnd());
}

static void gen_filter_ref(struct msg *m, int dump)
{
	if (dump) {
		if (chance(30))
			put_int(m, NFWFP_FILTER_A_LAYER, 2, pick_layer_id(m));
		if (chance(30))
			put_key(m, NFWFP_FILTER_A_SUBLAYER, K_SUBLAYER);
		return;
	}
	if (chance(60))
		put_key(m, NFWFP_FILTER_A_KEY, K_FILTER);
	if (chance(40))
		put_int(m, NFWFP_FILTER_A_ID, 8, chance(80) ? below(64) : edgy());
}

static void gen_new_sublayer(struct msg *m)
{
	if (!bad(m) || chance(80))
		put_name(m, NFWFP_SUBLAYER_A_NAME);
	if (chance(80))
		put_key(m, NFWFP_SUBLAYER_A_KEY, K_SUBLAYER);
	if (chance(50))
		put_int(m, NFWFP_SUBLAYER_A_WEIGHT, 2, chance(50) ? below(0x10000) : edgy());
	if (chance(60))
		put_int(m, NFWFP_SUBLAYER_A_FLAGS, 4, obj_flags(m, 0));
	if (chance(3))
		put_int(m, NFWFP_SUBLAYER_A_FILTERS + below(5), 8, rnd());
}

static void gen_new_callout(struct msg *m)
{
	if (!bad(m) || chance(80))
		put_key(m, NFWFP_CALLOUT_A_KEY, K_CALLOUT);
	if (!bad(m) || chance(80))
		put_name(m, NFWFP_CALLOUT_A_NAME);
	if (!bad(m) || chance(80))
		put_int(m, NFWFP_CALLOUT_A_LAYER, 2, pick_layer_id(m));
	if (chance(60))
		put_int(m, NFWFP_CALLOUT_A_FLAGS, 4, obj_flags(m, 0));
	if (chance(3))
		put_int(m, NFWFP_CALLOUT_A_OWNER + below(6), 8, rnd());
}

static void gen_callout_ref(struct msg *m)
{
	if (chance(70))
		put_key(m, NFWFP_CALLOUT_A_KEY, K_CALLOUT);
	if (chance(40))
		put_int(m, NFWFP_CALLOUT_A_ID, 4, chance(80) ? below(16) : edgy());
}

static void gen_set_config(struct msg *m)
{
	if (chance(50))
		put_int(m, NFWFP_CONFIG_A_INJECT_MAX_INFLIGHT, 4, chance(50) ? 1 + below(8192) : edgy());
	if (chance(50))
		put_int(m, NFWFP_CONFIG_A_INJECT_MAX_BACKLOG, 4, chance(50) ? 1 + below(65536) : edgy());
	if (chance(50))
		put_int(m, NFWFP_CONFIG_A_INJECT_BUDGET, 1, chance(50) ? below(18) : edgy());
	if (chance(50))
		put_int(m, NFWFP_CONFIG_A_HELD_MAX_PER_NETNS, 4, chance(50) ? 1 + below(8192) : edgy());
	if (chance(40))
		put_int(m, NFWFP_CONFIG_A_INJECT_MARK_MASK, 4,
			chance(30) ? 0x7f000000 : chance(30) ? 1u << below(32) : rnd());
}

static uint16_t maxattr_of(uint8_t cmd)
{
	switch (cmd) {
	case NFWFP_CMD_GET_INFO:	return NFWFP_INFO_A_MAX;
	case NFWFP_CMD_GET_LAYER:	return NFWFP_LAYER_A_MAX;
	case NFWFP_CMD_NEW_CALLOUT ... NFWFP_CMD_GET_CALLOUT:
		return NFWFP_CALLOUT_A_MAX;
	case NFWFP_CMD_NEW_SUBLAYER ... NFWFP_CMD_GET_SUBLAYER:
		return NFWFP_SUBLAYER_A_MAX;
	case NFWFP_CMD_NEW_FILTER ... NFWFP_CMD_FLUSH_FILTER:
		return NFWFP_FILTER_A_MAX;
	case NFWFP_CMD_GET_HANDLE:	return NFWFP_HANDLE_A_MAX;
	case NFWFP_CMD_GET_STATS:
	case NFWFP_CMD_RESET_STATS:	return NFWFP_STATS_A_MAX;
	case NFWFP_CMD_GET_CONFIG:
	case NFWFP_CMD_SET_CONFIG:	return NFWFP_CONFIG_A_MAX;
	default:			return NFWFP_TXN_A_MAX;
	}
}

/* Relative frequencies of the commands; the rest is a random command. */
static const struct {
	uint8_t cmd;
	uint8_t weight;
} cmd_weights[] = {
	{ NFWFP_CMD_GET_INFO, 2 },	{ NFWFP_CMD_GET_LAYER, 2 },
	{ NFWFP_CMD_NEW_CALLOUT, 6 },	{ NFWFP_CMD_DEL_CALLOUT, 4 },
	{ NFWFP_CMD_GET_CALLOUT, 3 },	{ NFWFP_CMD_NEW_SUBLAYER, 10 },
	{ NFWFP_CMD_DEL_SUBLAYER, 6 },	{ NFWFP_CMD_GET_SUBLAYER, 3 },
	{ NFWFP_CMD_NEW_FILTER, 24 },	{ NFWFP_CMD_DEL_FILTER, 8 },
	{ NFWFP_CMD_GET_FILTER, 4 },	{ NFWFP_CMD_FLUSH_FILTER, 1 },
	{ NFWFP_CMD_GET_HANDLE, 1 },	{ NFWFP_CMD_GET_STATS, 2 },
	{ NFWFP_CMD_RESET_STATS, 1 },	{ NFWFP_CMD_GET_CONFIG, 2 },
	{ NFWFP_CMD_SET_CONFIG, 3 },	{ NFWFP_CMD_TXN_BEGIN, 4 },
	{ NFWFP_CMD_TXN_COMMIT, 4 },	{ NFWFP_CMD_TXN_ABORT, 3 },
	{ 0, 3 },
};

static uint8_t pick_cmd(void)
{
	unsigned int total = 0, r;
	size_t i, n = ARRAY_SIZE(cmd_weights);

	for (i = 0; i < n; i++)
		total += cmd_weights[i].weight;
	r = below(total);
	for (i = 0; i < n; i++) {
		if (r < cmd_weights[i].weight)
			break;
		r -= cmd_weights[i].weight;
	}
	if (i == n || cmd_weights[i].cmd == 0)
		return chance(50) ? 0 : NFWFP_CMD_MAX + 1 + below(256 - NFWFP_CMD_MAX - 1);
	return cmd_weights[i].cmd;
}

static void gen_body(struct msg *m, uint8_t cmd, int dump)
{
	switch (cmd) {
	case NFWFP_CMD_NEW_CALLOUT:
		gen_new_callout(m);
		break;
	case NFWFP_CMD_DEL_CALLOUT:
		gen_callout_ref(m);
		break;
	case NFWFP_CMD_GET_CALLOUT:
		if (!dump)
			gen_callout_ref(m);
		break;
	case NFWFP_CMD_NEW_SUBLAYER:
		gen_new_sublayer(m);
		break;
	case NFWFP_CMD_DEL_SUBLAYER:
	case NFWFP_CMD_GET_SUBLAYER:
		if (!dump && chance(90))
			put_key(m, NFWFP_SUBLAYER_A_KEY, K_SUBLAYER);
		break;
	case NFWFP_CMD_NEW_FILTER:
		gen_new_filter(m);
		break;
	case NFWFP_CMD_DEL_FILTER:
	case NFWFP_CMD_GET_FILTER:
		gen_filter_ref(m, dump && cmd == NFWFP_CMD_GET_FILTER);
		break;
	case NFWFP_CMD_FLUSH_FILTER:
		gen_filter_ref(m, 1);
		break;
	case NFWFP_CMD_SET_CONFIG:
		gen_set_config(m);
		break;
	case NFWFP_CMD_TXN_BEGIN:
		if (chance(30))
			put_int(m, NFWFP_TXN_A_FLAGS, 4,
				chance(70) ? NFWFP_TXN_F_READ_ONLY : edgy());
		break;
	}
	for (int n = chance(8) ? 1 + below(3) : 0; n > 0; n--)
		put_junk(m, maxattr_of(cmd));
}

/* The control family: the policy dump walks nfwfp's policies too. */
static void gen_ctrl(struct msg *m, uint16_t family)
{
	static const uint8_t cmds[] = { CTRL_CMD_GETFAMILY, CTRL_CMD_GETPOLICY };

	m->b[NLMSG_HDRLEN] = chance(90) ? cmds[below(2)] : below(16);
	if (chance(60))
		put_attr(m, CTRL_ATTR_FAMILY_NAME, "nfwfp", chance(90) ? 6 : below(6));
	if (chance(30))
		put_int(m, CTRL_ATTR_FAMILY_ID, 2, chance(80) ? family : edgy());
	if (chance(20))
		put_int(m, CTRL_ATTR_OP, 4, below(NFWFP_CMD_MAX + 3));
	if (chance(5))
		put_junk(m, CTRL_ATTR_MAX);
}

static uint16_t random_nlmsg_flags(uint8_t cmd)
{
	uint16_t f = NLM_F_REQUEST | NLM_F_ACK;

	if (cmd == NFWFP_CMD_GET_LAYER || cmd == NFWFP_CMD_GET_HANDLE ||
	    ((cmd == NFWFP_CMD_GET_CALLOUT || cmd == NFWFP_CMD_GET_SUBLAYER ||
	      cmd == NFWFP_CMD_GET_FILTER) && chance(60)))
		f |= chance(90) ? NLM_F_DUMP : 0;
	else if (chance(5))
		f |= NLM_F_DUMP;
	if (chance(5))
		f ^= NLM_F_ACK;
	if (chance(2))
		f ^= NLM_F_REQUEST;
	if (chance(8))
		f |= 1u << below(16);
	if (chance(1))
		f = rnd();
	return f;
}

/* A well-formed message of the grammar (well-formed header, that is). */
static void gen_message(struct msg *m, uint16_t family)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	uint16_t type = family;
	uint8_t cmd = pick_cmd();
	int dump;

	m->len = 0;
	m->bad = chance(50) ? 0 : 5 + below(25);
	if (chance(3))
		type = GENL_ID_CTRL;
	else if (chance(2))
		type = chance(50) ? below(NLMSG_MIN_TYPE) : 0xfff0 + below(16);
	nlh = put_raw(m, NLMSG_HDRLEN);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = random_nlmsg_flags(cmd);
	dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	g = put_raw(m, GENL_HDRLEN);
	g->cmd = cmd;
	g->version = chance(95) ? NFWFP_GENL_VERSION : edgy();
	g->reserved = chance(95) ? 0 : edgy();
	if (type == GENL_ID_CTRL)
		gen_ctrl(m, family);
	else
		gen_body(m, cmd, dump);
	nlh = (struct nlmsghdr *)m->b;
	nlh->nlmsg_len = m->len;
}

/* ---- mutations ----------------------------------------------------------------- */

/* Mutations that keep nlmsg_len consistent: the contract still applies. */
static void mutate_body(struct msg *m)
{
	switch (below(4)) {
	case 0:		/* bit flips past the nlmsghdr */
		for (int n = 1 + below(4); n > 0 && m->len > NLMSG_HDRLEN; n--) {
			size_t at = NLMSG_HDRLEN + below(m->len - NLMSG_HDRLEN);

			m->b[at] ^= 1u << below(8);
		}
		break;
	case 1:		/* truncated anywhere, even inside the genl header */
		m->len = NLMSG_HDRLEN + below(m->len - NLMSG_HDRLEN + 1);
		break;
	case 2: {	/* an attribute's length corrupted */
		size_t off = NLMSG_HDRLEN + GENL_HDRLEN, pick = below(8);
		struct nlattr *a = NULL;

		while (off + NLA_HDRLEN <= m->len) {
			a = (struct nlattr *)(m->b + off);
			if (pick-- == 0 || a->nla_len < NLA_HDRLEN)
				break;
			off += NLA_ALIGN(a->nla_len);
		}
		if (a)
			a->nla_len = chance(50) ? (uint16_t)rnd() : a->nla_len + below(9) - 4;
		break;
	}
	default:	/* random bytes appended */
		for (int n = 1 + below(40); n > 0 && m->len < sizeof(m->b); n--)
			m->b[m->len++] = rnd();
		break;
	}
	((struct nlmsghdr *)m->b)->nlmsg_len = m->len;
}

/* Mutations of the nlmsghdr itself: no contract, answers are only drained. */
static void mutate_header(struct msg *m)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->b;

	switch (below(3)) {
	case 0:
		nlh->nlmsg_len = chance(50) ? (uint32_t)rnd() : nlh->nlmsg_len + below(17) - 8;
		break;
	case 1:
		m->len = below(NLMSG_HDRLEN);
		break;
	default:
		m->b[below(NLMSG_HDRLEN)] ^= 1u << below(8);
		break;
	}
}

static int keep_counters;	/* -k: never NFWFP_CMD_RESET_STATS */

/*
 * -k: a load running alongside accounts for its packets by nfwfp's
 * counters, which a reset would take away mid-run: whatever was generated
 * or mutated into RESET_STATS is sent as GET_STATS instead.
 */
static void keep_counters_of(struct msg *m, uint16_t family)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->b;
	struct genlmsghdr *g = (struct genlmsghdr *)(m->b + NLMSG_HDRLEN);

	if (keep_counters && m->len >= NLMSG_HDRLEN + GENL_HDRLEN &&
	    nlh->nlmsg_type == family && g->cmd == NFWFP_CMD_RESET_STATS)
		g->cmd = NFWFP_CMD_GET_STATS;
}

/* ---- answers ------------------------------------------------------------------- */

enum {
	S_SENT		= 1 << 0,
	S_CONTRACT	= 1 << 1,	/* exactly one answer is owed */
	S_DUMP		= 1 << 2,
	S_DONE		= 1 << 3,	/* its final answer arrived */
	S_REPLIED	= 1 << 4,	/* a non-dump's reply arrived */
	S_PARTS		= 1 << 5,	/* a dump's part arrived */
	S_OURS		= 1 << 6,	/* sent to the nfwfp family */
	S_OK		= 1 << 7,	/* its NLMSG_ERROR said 0 */
};

struct seqstate {
	uint8_t flags;
	uint8_t cmd;
	uint32_t index;		/* which generated message */
};

static struct seqstate *seqs;
static uint32_t nseqs, next_seq = 1;

static int fd = -1;
static uint16_t family_id;
static int verbose;
static int tolerate_all;	/* inside the window of a header-mutated send */
static unsigned long failures, sent, sent_contract, datagrams, answers, replies,
	parts, dones, acks, tolerated, reopens, created, cleaned;
static unsigned long errnos[4096];
static int last_error;		/* of the last contract seq that got NLMSG_ERROR */

/* Called with each data message of a contract sequence (dumps, replies). */
static void (*collect)(const struct nlmsghdr *nlh);

static void hexdump(const char *what, const uint8_t *p, size_t len)
{
	printf("%s (%zu bytes):", what, len);
	for (size_t i = 0; i < len; i++)
		printf("%s%02x", i % 32 ? " " : "\n  ", p[i]);
	printf("\n");
}

/* The messages of the datagram being answered, shown with its first failure. */
static struct msg *const *cur_batch;
static unsigned int cur_n;

static void show_batch(void)
{
	for (unsigned int i = 0; i < cur_n; i++)
		hexdump("message", cur_batch[i]->b, cur_batch[i]->len);
	cur_n = 0;
}

static void failure(const char *fmt, ...)
{
	va_list ap;

	failures++;
	if (cur_n)
		show_batch();
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (failures >= MAX_FAILURES) {
		printf("too many failures, stopping\n");
		exit(1);
	}
}

static struct seqstate *new_seq(uint32_t *seq)
{
	if (next_seq >= nseqs) {
		uint32_t n = nseqs ? nseqs * 2 : 65536;

		seqs = realloc(seqs, n * sizeof(*seqs));
		if (!seqs) {
			perror("realloc");
			exit(2);
		}
		memset(seqs + nseqs, 0, (n - nseqs) * sizeof(*seqs));
		nseqs = n;
	}
	*seq = next_seq++;
	return &seqs[*seq];
}

static const char *errname(int err)
{
	const char *s = strerrorname_np(err);

	return s ? s : "?";
}

static void answer_error(struct seqstate *s, uint32_t seq, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
		failure("seq %u (message %u): short NLMSG_ERROR (%u bytes)", seq,
			s->index, nlh->nlmsg_len);
		return;
	}
	if (e->error > 0 || e->error < -4095)
		failure("seq %u (message %u): NLMSG_ERROR with error %d", seq, s->index,
			e->error);
	else
		errnos[-e->error]++;
	if (e->msg.nlmsg_seq != seq)
		failure("seq %u (message %u): NLMSG_ERROR quotes seq %u", seq, s->index,
			e->msg.nlmsg_seq);
	if (s->flags & S_PARTS)
		failure("seq %u (message %u): NLMSG_ERROR after dump parts", seq, s->index);
	last_error = e->error;
	if (!e->error)
		s->flags |= S_OK;
	acks++;
}

static void answer_contract(struct seqstate *s, uint32_t seq, const struct nlmsghdr *nlh)
{
	if (s->flags & S_DONE) {
		failure("seq %u (message %u): a second answer (type %u flags %#x) after the final one",
			seq, s->index, nlh->nlmsg_type, nlh->nlmsg_flags);
		return;
	}
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		answer_error(s, seq, nlh);
		s->flags |= S_DONE;
		break;
	case NLMSG_DONE:
		if (!(s->flags & S_DUMP))
			failure("seq %u (message %u): NLMSG_DONE for a non-dump", seq, s->index);
		if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
			int err = *(int *)NLMSG_DATA(nlh);

			if (err <= 0 && err > -4096)
				errnos[-err]++;
			last_error = err;
		}
		dones++;
		s->flags |= S_DONE;
		break;
	default:
		if (s->flags & S_DUMP) {
			if (!(nlh->nlmsg_flags & NLM_F_MULTI))
				failure("seq %u (message %u): dump part without NLM_F_MULTI",
					seq, s->index);
			s->flags |= S_PARTS;
			parts++;
		} else {
			if (s->flags & S_REPLIED)
				failure("seq %u (message %u): a second reply", seq, s->index);
			s->flags |= S_REPLIED;
			replies++;
		}
		if (collect)
			collect(nlh);
		break;
	}
}

/* Alien sequences: answers to messages the kernel read out of a mangled send. */
static uint32_t aliens[256];
static unsigned int naliens;

static int is_alien(uint32_t seq)
{
	for (unsigned int i = 0; i < naliens; i++)
		if (aliens[i] == seq)
			return 1;
	return 0;
}

static void record_keys(const struct nlmsghdr *nlh);

static void answer(const struct nlmsghdr *nlh)
{
	uint32_t seq = nlh->nlmsg_seq;
	struct seqstate *s = seq && seq < next_seq ? &seqs[seq] : NULL;

	answers++;
	if (nlh->nlmsg_type >= NLMSG_MIN_TYPE)
		record_keys(nlh);
	if (s && (s->flags & S_CONTRACT) && !tolerate_all) {
		answer_contract(s, seq, nlh);
		return;
	}
	if (s && (s->flags & S_CONTRACT))	/* tolerated, but it is final */
		s->flags |= nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE ?
			    S_DONE : 0;
	if (s || tolerate_all || is_alien(seq)) {
		if (!s && !is_alien(seq) && naliens < ARRAY_SIZE(aliens))
			aliens[naliens++] = seq;
		tolerated++;
		return;
	}
	failure("an answer to sequence %u, never sent (type %u flags %#x len %u)", seq,
		nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_len);
}

static uint8_t rbuf[1 << 18];

/* Reads one datagram; 0 when it timed out. */
static int receive(void)
{
	struct iovec iov = { rbuf, sizeof(rbuf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct nlmsghdr *nlh;
	ssize_t n = recvmsg(fd, &mh, 0);

	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		if (errno == EINTR)
			return 1;
		failure("recvmsg: %s%s", errname(errno),
			errno == ENOBUFS ? " (answers were dropped)" : "");
		return 1;
	}
	if (mh.msg_flags & MSG_TRUNC)
		failure("an answer datagram did not fit %zu bytes", sizeof(rbuf));
	for (nlh = (struct nlmsghdr *)rbuf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n))
		answer(nlh);
	if (n > 0)
		failure("%zd bytes of garbage after the answers", n);
	return 1;
}

/* Waits until each of @n contract sequences got its final answer. */
static void wait_final(const uint32_t *want, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		while (!(seqs[want[i]].flags & S_DONE)) {
			if (receive())
				continue;
			failure("seq %u (message %u): no final answer", want[i],
				seqs[want[i]].index);
			seqs[want[i]].flags |= S_DONE;
		}
	}
}

/* ---- the socket ---------------------------------------------------------------- */

static unsigned int timeout_s = 30;

static int open_socket(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = timeout_s };
	int one = 1, ext_ack = fd < 0 || chance(80), cap_ack = chance(30);
	int rcvbuf = 8 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)))
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		return -1;
	if (ext_ack && setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)))
		return -1;
	if (cap_ack && setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)))
		return -1;
	return bind(fd, (struct sockaddr *)&sa, sizeof(sa));
}

static void reopen_socket(void)
{
	close(fd);
	reopens++;
	if (open_socket()) {
		perror("netlink socket");
		exit(2);
	}
}

/* A well-formed request: nlmsghdr, genlmsghdr, @alen bytes of attributes. */
static void build(struct msg *m, uint16_t type, uint8_t cmd, uint16_t flags,
		  const void *attrs, size_t alen)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	m->len = 0;
	m->bad = 0;
	nlh = put_raw(m, NLMSG_HDRLEN);
	g = put_raw(m, GENL_HDRLEN);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g->cmd = cmd;
	g->version = NFWFP_GENL_VERSION;
	if (alen)
		memcpy(put_raw(m, alen), attrs, alen);
	nlh->nlmsg_len = m->len;
}

/*
 * After a datagram with a mangled nlmsghdr the kernel may have read
 * messages out of the garbage, with any sequence number: everything is
 * tolerated until the answer to a GET_INFO sent behind it.
 */
static void barrier(uint32_t index)
{
	static struct msg b;
	struct seqstate *s;
	uint32_t seq;

	build(&b, family_id, NFWFP_CMD_GET_INFO, 0, NULL, 0);
	s = new_seq(&seq);
	s->flags = S_SENT | S_CONTRACT;
	s->index = index;
	((struct nlmsghdr *)b.b)->nlmsg_seq = seq;
	if (send(fd, b.b, b.len, 0) < 0) {
		failure("send of a barrier: %s", errname(errno));
		return;
	}
	tolerate_all = 1;
	while (!(seqs[seq].flags & S_DONE)) {
		if (!receive()) {
			failure("no answer to the barrier after message %u", index);
			break;
		}
	}
	tolerate_all = 0;
}

/*
 * Sends @n messages as one datagram. The contract applies to each whose
 * header is consistent and has REQUEST|ACK, as long as every message before
 * it in the datagram was read exactly as built.
 */
static uint32_t send_batch(struct msg *const *ms, unsigned int n, uint32_t first_index)
{
	static uint8_t dgram[BATCH_MAX * MSG_MAX];
	uint32_t first_seq = next_seq, want[BATCH_MAX];
	unsigned int nwant = 0;
	int intact = 1;
	size_t len = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)ms[i]->b;
		struct seqstate *s;
		uint32_t seq;

		s = new_seq(&seq);
		s->flags = S_SENT;
		s->index = first_index + i;
		if (ms[i]->len >= NLMSG_HDRLEN) {
			nlh->nlmsg_seq = seq;
			nlh->nlmsg_pid = 0;
			s->cmd = ms[i]->len > NLMSG_HDRLEN ? ms[i]->b[NLMSG_HDRLEN] : 0;
			if (nlh->nlmsg_type == family_id)
				s->flags |= S_OURS;
			if (nlh->nlmsg_len != ms[i]->len)
				intact = 0;
			if (intact && (nlh->nlmsg_flags & (NLM_F_REQUEST | NLM_F_ACK)) ==
				      (NLM_F_REQUEST | NLM_F_ACK)) {
				s->flags |= S_CONTRACT;
				if ((nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
					s->flags |= S_DUMP;
				want[nwant++] = seq;
				sent_contract += first_index != UINT32_MAX;
			}
		} else {
			intact = 0;
		}
		memcpy(dgram + len, ms[i]->b, ms[i]->len);
		len += ms[i]->len;
		/* The kernel reads the next message at NLMSG_ALIGN(nlmsg_len). */
		if (i + 1 < n) {
			memset(dgram + len, 0, NLMSG_ALIGN(len) - len);
			len = NLMSG_ALIGN(len);
		}
		if (verbose)
			hexdump("send", ms[i]->b, ms[i]->len);
	}
	if (first_index != UINT32_MAX) {	/* not one of the fuzzer's own requests */
		sent += n;
		datagrams++;
	}
	cur_batch = ms;
	cur_n = n;
	/* A datagram shorter than a header may be refused (ENODATA for none). */
	if (send(fd, dgram, len, 0) < 0 && len >= NLMSG_HDRLEN) {
		failure("send of message %u: %s", first_index, errname(errno));
		return first_seq;
	}
	wait_final(want, nwant);
	if (!intact)
		barrier(first_index);
	cur_n = 0;
	return first_seq;
}

/* One well-formed request of ours, outside the fuzzing; returns the errno. */
static int request(uint16_t type, uint8_t cmd, uint16_t flags, const void *attrs,
		   size_t alen)
{
	static struct msg m;
	struct msg *one[1] = { &m };

	build(&m, type, cmd, flags, attrs, alen);
	last_error = 0;
	send_batch(one, 1, UINT32_MAX);
	return -last_error;
}

/* ---- attributes of answers ------------------------------------------------------ */

static const struct nlattr *attr_find(const struct nlmsghdr *nlh, uint16_t type)
{
	const uint8_t *p = (const uint8_t *)NLMSG_DATA(nlh) + GENL_HDRLEN;
	const uint8_t *end = (const uint8_t *)nlh + nlh->nlmsg_len;

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		p += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

static const void *attr_data(const struct nlattr *a)
{
	return (const uint8_t *)a + NLA_HDRLEN;
}

static unsigned int attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

/* ---- the family and its layers ------------------------------------------------ */

static uint32_t events_group;

/* CTRL_ATTR_MCAST_GROUPS: nests of CTRL_ATTR_MCAST_GRP_NAME and _ID. */
static void find_events_group(const struct nlattr *groups)
{
	const uint8_t *p = attr_data(groups), *end = p + attr_len(groups);

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *g = (const struct nlattr *)p;
		const uint8_t *q = attr_data(g), *qe = p + g->nla_len;
		uint32_t id = 0;
		int events = 0;

		if (g->nla_len < NLA_HDRLEN || qe > end)
			break;
		while (q + NLA_HDRLEN <= qe) {
			const struct nlattr *x = (const struct nlattr *)q;

			if (x->nla_len < NLA_HDRLEN)
				break;
			if (x->nla_type == CTRL_ATTR_MCAST_GRP_ID && attr_len(x) == 4)
				id = *(const uint32_t *)attr_data(x);
			if (x->nla_type == CTRL_ATTR_MCAST_GRP_NAME &&
			    !strcmp(attr_data(x), NFWFP_MCGRP_EVENTS))
				events = 1;
			q += NLA_ALIGN(x->nla_len);
		}
		if (events)
			events_group = id;
		p += NLA_ALIGN(g->nla_len);
	}
}

static void collect_family(const struct nlmsghdr *nlh)
{
	const struct nlattr *a = attr_find(nlh, CTRL_ATTR_FAMILY_ID);

	if (a && attr_len(a) >= 2)
		family_id = *(const uint16_t *)attr_data(a);
	a = attr_find(nlh, CTRL_ATTR_MCAST_GROUPS);
	if (a)
		find_events_group(a);
}

static int resolve_family(void)
{
	uint8_t attrs[NLA_HDRLEN + NLA_ALIGN(sizeof(NFWFP_GENL_NAME))] = { 0 };
	struct nlattr *a = (struct nlattr *)attrs;
	int err;

	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(NFWFP_GENL_NAME);
	memcpy(attrs + NLA_HDRLEN, NFWFP_GENL_NAME, sizeof(NFWFP_GENL_NAME));
	collect = collect_family;
	err = request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0, attrs, sizeof(attrs));
	collect = NULL;
	if (err || !family_id) {
		printf("family %s: %s\n", NFWFP_GENL_NAME, errname(err));
		return -1;
	}
	return 0;
}

static void collect_layer(const struct nlmsghdr *nlh)
{
	const struct nlattr *id = attr_find(nlh, NFWFP_LAYER_A_ID);
	const struct nlattr *fam = attr_find(nlh, NFWFP_LAYER_A_FAMILY);
	const struct nlattr *fields = attr_find(nlh, NFWFP_LAYER_A_FIELDS);
	struct layer *l;

	if (!id || nlayers == MAX_LAYERS)
		return;
	l = &layers[nlayers++];
	memset(l, 0, sizeof(*l));
	l->id = *(const uint16_t *)attr_data(id);
	l->family = fam ? *(const uint8_t *)attr_data(fam) : 0;
	if (!fields)
		return;
	/* Each field is a nest of INDEX, NAME, TYPE, KEY. */
	for (const uint8_t *p = attr_data(fields), *end = p + attr_len(fields);
	     p + NLA_HDRLEN <= end && l->nfields < MAX_FIELDS;) {
		const struct nlattr *f = (const struct nlattr *)p;
		struct field *fi = &l->fields[l->nfields++];

		if (f->nla_len < NLA_HDRLEN)
			break;
		for (const uint8_t *q = attr_data(f), *qe = p + f->nla_len;
		     q + NLA_HDRLEN <= qe;) {
			const struct nlattr *x = (const struct nlattr *)q;

			if (x->nla_len < NLA_HDRLEN)
				break;
			if (x->nla_type == NFWFP_FIELD_A_TYPE && attr_len(x) >= 2)
				fi->type = *(const uint16_t *)attr_data(x);
			if (x->nla_type == NFWFP_FIELD_A_NAME &&
			    memmem(attr_data(x), attr_len(x), "addr", 4) &&
			    !memmem(attr_data(x), attr_len(x), "type", 4))
				fi->addr = 1;
			q += NLA_ALIGN(x->nla_len);
		}
		p += NLA_ALIGN(f->nla_len);
	}
}

/* ---- what the fuzzer made, and the cleanup ---------------------------------------- */

struct key {
	uint8_t kind;
	uint8_t b[KEY_LEN];
};

static struct key *keys;
static size_t nkeys, keys_cap;

static void add_key(int kind, const uint8_t *b)
{
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].kind == kind && !memcmp(keys[i].b, b, KEY_LEN))
			return;
	if (nkeys == keys_cap) {
		keys_cap = keys_cap ? keys_cap * 2 : 256;
		keys = realloc(keys, keys_cap * sizeof(*keys));
		if (!keys) {
			perror("realloc");
			exit(2);
		}
	}
	keys[nkeys].kind = kind;
	memcpy(keys[nkeys++].b, b, KEY_LEN);
}

/*
 * Keys the kernel names in a NEW_* reply (generated ones included), and, in
 * the cleanup's dumps, every object with a fuzzer key or name.
 */
static int sweeping;

static void record_keys(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	const struct nlattr *k, *name;
	uint16_t key_type = 1, name_type;
	int kind;

	if (nlh->nlmsg_type != family_id ||
	    nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return;
	switch (g->cmd) {
	case NFWFP_CMD_NEW_FILTER:
	case NFWFP_CMD_GET_FILTER:
		kind = K_FILTER;
		key_type = NFWFP_FILTER_A_KEY;
		name_type = NFWFP_FILTER_A_NAME;
		break;
	case NFWFP_CMD_NEW_SUBLAYER:
	case NFWFP_CMD_GET_SUBLAYER:
		kind = K_SUBLAYER;
		name_type = NFWFP_SUBLAYER_A_NAME;
		break;
	case NFWFP_CMD_NEW_CALLOUT:
	case NFWFP_CMD_GET_CALLOUT:
		kind = K_CALLOUT;
		name_type = NFWFP_CALLOUT_A_NAME;
		break;
	default:
		return;
	}
	k = attr_find(nlh, key_type);
	if (!k || attr_len(k) != KEY_LEN)
		return;
	if (g->cmd == NFWFP_CMD_NEW_FILTER || g->cmd == NFWFP_CMD_NEW_SUBLAYER ||
	    g->cmd == NFWFP_CMD_NEW_CALLOUT) {
		add_key(kind, attr_data(k));
		return;
	}
	if (!sweeping)
		return;
	name = attr_find(nlh, name_type);
	if (!memcmp(attr_data(k), key_magic, sizeof(key_magic)) ||
	    (name && attr_len(name) >= sizeof(name_prefix) - 1 &&
	     !memcmp(attr_data(name), name_prefix, sizeof(name_prefix) - 1)))
		add_key(kind, attr_data(k));
}

static int delete_key(const struct key *k)
{
	static const uint8_t cmd[] = {
		[K_SUBLAYER] = NFWFP_CMD_DEL_SUBLAYER,
		[K_FILTER] = NFWFP_CMD_DEL_FILTER,
		[K_CALLOUT] = NFWFP_CMD_DEL_CALLOUT,
	};
	uint8_t attrs[NLA_HDRLEN + KEY_LEN];
	struct nlattr *a = (struct nlattr *)attrs;

	a->nla_type = k->kind == K_FILTER ? NFWFP_FILTER_A_KEY : 1;
	a->nla_len = sizeof(attrs);
	memcpy(attrs + NLA_HDRLEN, k->b, KEY_LEN);
	return request(family_id, cmd[k->kind], 0, attrs, sizeof(attrs));
}

static void key_str(const uint8_t *b, char *s)
{
	for (int i = 0; i < KEY_LEN; i++)
		sprintf(s + 2 * i, "%02x", b[i]);
}

/* Filters first: sublayers and callouts that hold filters cannot go. */
static void cleanup(void)
{
	static const struct {
		int kind;
		uint8_t dump_cmd;
	} order[] = {
		{ K_FILTER, NFWFP_CMD_GET_FILTER },
		{ K_SUBLAYER, NFWFP_CMD_GET_SUBLAYER },
		{ K_CALLOUT, NFWFP_CMD_GET_CALLOUT },
	};

	sweeping = 1;
	for (size_t o = 0; o < ARRAY_SIZE(order); o++) {
		int err = request(family_id, order[o].dump_cmd, NLM_F_DUMP, NULL, 0);

		if (err && err != EOPNOTSUPP)
			failure("cleanup: dump (cmd %u): %s", order[o].dump_cmd, errname(err));
		for (size_t i = 0; i < nkeys; i++) {
			char s[2 * KEY_LEN + 1];

			if (keys[i].kind != order[o].kind)
				continue;
			err = delete_key(&keys[i]);
			if (!err)
				cleaned++;
			else if (err != ENOENT && err != EOPNOTSUPP) {
				key_str(keys[i].b, s);
				failure("cleanup: delete of %s (kind %d): %s", s,
					keys[i].kind, errname(err));
			}
		}
	}
	sweeping = 0;
}

/* The configuration as the fuzzer found it, to put back. */
static uint8_t config[512];
static size_t config_len;

static void collect_config(const struct nlmsghdr *nlh)
{
	size_t off = NLMSG_LENGTH(GENL_HDRLEN);

	if (nlh->nlmsg_len > off && nlh->nlmsg_len - off <= sizeof(config)) {
		config_len = nlh->nlmsg_len - off;
		memcpy(config, (const uint8_t *)nlh + off, config_len);
	}
}

/* ---- the event group --------------------------------------------------------- */

/*
 * A second socket in the "events" group, so that the kernel builds and
 * sends its NEW/DEL notifications while the fuzzer changes things. Each
 * must be a message of the family, sequence 0, with a NEW_* or DEL_*
 * command. Overflowing it (ENOBUFS) is allowed: multicast is lossy.
 */
static int ev_fd = -1;
static unsigned long events, events_lost;

static void open_events(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int rcvbuf = 8 << 20;

	if (!events_group)
		return;
	ev_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_GENERIC);
	if (ev_fd < 0 || bind(ev_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(ev_fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) ||
	    setsockopt(ev_fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &events_group,
		       sizeof(events_group))) {
		failure("events socket: %s", errname(errno));
		if (ev_fd >= 0)
			close(ev_fd);
		ev_fd = -1;
	}
}

static void check_event(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = NLMSG_DATA(nlh);

	events++;
	if (nlh->nlmsg_type != family_id || nlh->nlmsg_seq ||
	    nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN)) {
		failure("event: type %u seq %u len %u", nlh->nlmsg_type, nlh->nlmsg_seq,
			nlh->nlmsg_len);
		return;
	}
	switch (g->cmd) {
	case NFWFP_CMD_NEW_CALLOUT: case NFWFP_CMD_DEL_CALLOUT:
	case NFWFP_CMD_NEW_SUBLAYER: case NFWFP_CMD_DEL_SUBLAYER:
	case NFWFP_CMD_NEW_FILTER: case NFWFP_CMD_DEL_FILTER:
		break;
	default:
		failure("event with command %u", g->cmd);
	}
}

static void drain_events(void)
{
	static uint8_t ebuf[1 << 16];
	struct nlmsghdr *nlh;
	ssize_t n;

	if (ev_fd < 0)
		return;
	for (;;) {
		n = recv(ev_fd, ebuf, sizeof(ebuf), 0);
		if (n < 0) {
			if (errno == ENOBUFS) {
				events_lost++;
				continue;
			}
			if (errno != EAGAIN)
				failure("events: %s", errname(errno));
			return;
		}
		for (nlh = (struct nlmsghdr *)ebuf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n))
			check_event(nlh);
	}
}

/* ---- main ---------------------------------------------------------------------- */

static void summary(double secs)
{
	printf("nfwfp-fuzz: sent %lu (contract %lu, datagrams %lu) answers %lu "
	       "(replies %lu, dump parts %lu, done %lu, acks %lu, tolerated %lu) "
	       "reopened %lu created %lu cleaned %lu events %lu (overflows %lu) "
	       "failures %lu in %.1f s; errno:",
	       sent, sent_contract, datagrams, answers, replies, parts, dones, acks,
	       tolerated, reopens, created, cleaned, events, events_lost, failures, secs);
	for (int i = 0; i < 4096; i++)
		if (errnos[i])
			printf(" %s=%lu", i ? errname(i) : "0", errnos[i]);
	printf("\n");
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void fuzz(unsigned long count, unsigned long duration_s)
{
	static struct msg ms[BATCH_MAX];
	struct msg *batch[BATCH_MAX];
	double end = duration_s ? now_s() + duration_s : 0;
	unsigned long i = 0;

	while (i < count) {
		unsigned int n = chance(5) ? 2 + below(BATCH_MAX - 1) : 1;
		uint32_t seq;

		if (end && now_s() >= end)
			break;

		if (n > count - i)
			n = count - i;
		if (chance(1) && chance(5))
			reopen_socket();
		for (unsigned int j = 0; j < n; j++) {
			gen_message(&ms[j], family_id);
			/* Header mutations only alone: the rest would be misread. */
			if (n == 1 && chance(4))
				mutate_header(&ms[j]);
			else if (chance(12))
				mutate_body(&ms[j]);
			keep_counters_of(&ms[j], family_id);
			batch[j] = &ms[j];
		}
		seq = send_batch(batch, n, i);
		for (unsigned int j = 0; j < n; j++) {
			const struct seqstate *s = &seqs[seq + j];

			if ((s->flags & (S_OURS | S_OK)) == (S_OURS | S_OK) &&
			    (s->cmd == NFWFP_CMD_NEW_FILTER || s->cmd == NFWFP_CMD_NEW_SUBLAYER ||
			     s->cmd == NFWFP_CMD_NEW_CALLOUT))
				created++;
		}
		drain_events();
		i += n;
		if (i / 10000 != (i - n) / 10000) {
			printf("nfwfp-fuzz: %lu sent\n", i);
			fflush(stdout);
		}
	}
}

static int usage(void)
{
	fprintf(stderr,
		"usage: nfwfp-fuzz [-n COUNT] [-s SEED] [-t SECONDS] [-d SECONDS] [-k] [-v]\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long count = 100000, duration_s = 0;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	struct timespec t0, t1;
	char *end;
	int opt, err;

	while ((opt = getopt(argc, argv, "n:s:t:d:kv")) != -1) {
		switch (opt) {
		case 'n':
			count = strtoul(optarg, &end, 0);
			if (*end)
				return usage();
			break;
		case 's':
			seed = strtoull(optarg, &end, 0);
			if (*end)
				return usage();
			break;
		case 't':
			timeout_s = strtoul(optarg, &end, 0);
			if (*end || !timeout_s)
				return usage();
			break;
		case 'd':
			duration_s = strtoul(optarg, &end, 0);
			if (*end || !duration_s)
				return usage();
			break;
		case 'k':
			keep_counters = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			return usage();
		}
	}
	if (optind != argc)
		return usage();
	printf("nfwfp-fuzz: seed %llu count %lu\n", (unsigned long long)seed, count);
	fflush(stdout);
	rng = seed;
	clock_gettime(CLOCK_MONOTONIC, &t0);

	if (open_socket()) {
		perror("netlink socket");
		return 2;
	}
	if (resolve_family())
		return 2;
	collect = collect_layer;
	err = request(family_id, NFWFP_CMD_GET_LAYER, NLM_F_DUMP, NULL, 0);
	collect = collect_config;
	if (!err)
		err = request(family_id, NFWFP_CMD_GET_CONFIG, 0, NULL, 0);
	collect = NULL;
	if (err && err != EOPNOTSUPP) {
		printf("setup: %s\n", errname(err));
		return 2;
	}
	printf("nfwfp-fuzz: family %u, %u layers, events group %u\n", family_id, nlayers,
	       events_group);
	open_events();

	fuzz(count, duration_s);

	/* Closing drops the socket's dynamic objects and its transaction. */
	reopen_socket();
	cleanup();
	if (config_len) {
		/*
		 * The mark mask cannot change while injections are in flight
		 * (EBUSY): under load, try again for up to 30 s.
		 */
		for (int tries = 0; tries < 300; tries++) {
			err = request(family_id, NFWFP_CMD_SET_CONFIG, 0, config, config_len);
			if (err != EBUSY)
				break;
			usleep(100000);
		}
		if (err)
			failure("cleanup: restoring the configuration: %s", errname(err));
	}
	drain_events();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	summary(t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return failures ? 1 : 0;
}
