// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of userspace/args.c and guid.c: the words of filter, callout
 * and sublayer add, every kind of field, ranges, prefixes, and the errors
 * for everything else, each naming the word at fault.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "args.h"
#include "layers_fake.h"
#include "nfwfpctl.h"
#include "unit.h"

static struct nf_layers ls;
static struct filter_args fa;
static char err[ARGS_ERR_LEN];

/* Parse "filter add" words given as one string, as an -f line would. */
static int fparse(const char *text)
{
	static char line[1024];
	char *argv[BATCH_MAX_WORDS];
	const char *e;
	int argc;

	fake_layers(&ls);
	snprintf(line, sizeof(line), "%s", text);
	argc = batch_split(line, argv, BATCH_MAX_WORDS, &e);
	err[0] = '\0';
	return filter_args_parse(&ls, argc, argv, &fa, err, sizeof(err));
}

static void guid_roundtrip(struct unit *u)
{
	static const uint8_t want[GUID_LEN] = {
		0xea, 0x1a, 0xe6, 0x09, 0x14, 0xd2, 0xe2, 0x46,
		0x9b, 0x21, 0xb2, 0x6b, 0x0b, 0x2f, 0x28, 0xc8,
	};
	uint8_t k[GUID_LEN];
	char s[GUID_STRLEN];

	EXPECT(u, !guid_parse("09e61aea-d214-46e2-9b21-b26b0b2f28c8", k) &&
	       !memcmp(k, want, GUID_LEN),
	       "Data1..3 little endian in memory, Data4 as written");
	guid_format(k, s, sizeof(s));
	EXPECT(u, !strcmp(s, "09e61aea-d214-46e2-9b21-b26b0b2f28c8"),
	       "formatted back; got %s", s);
	EXPECT(u, !guid_parse("{09E61AEA-D214-46E2-9B21-B26B0B2F28C8}", k) &&
	       !memcmp(k, want, GUID_LEN), "braces and upper case accepted");
	EXPECT(u, guid_parse("09e61aea-d214-46e2-9b21-b26b0b2f28c", k) == -EINVAL,
	       "short refused");
	EXPECT(u, guid_parse("09e61aead214-46e2-9b21-b26b0b2f28c8a", k) == -EINVAL,
	       "misplaced dash refused");
	EXPECT(u, guid_parse("09e61aea-d214-46e2-9b21-b26b0b2f28cg", k) == -EINVAL,
	       "non-hex refused");
	EXPECT(u, guid_parse("{09e61aea-d214-46e2-9b21-b26b0b2f28c8", k) == -EINVAL,
	       "unbalanced brace refused");
	EXPECT(u, guid_parse("inspect-v4", k) == -EINVAL, "a name is no GUID");
}

static void filter_minimal(struct unit *u)
{
	EXPECT(u, fparse("layer outbound-transport-v4 action block") == 0,
	       "minimal filter parses: %s", err);
	EXPECT(u, fa.f.layer == 16 && fa.f.action == NFWFP_ACTION_BLOCK &&
	       fa.f.nconds == 0 && !strcmp(fa.f.name, "nfwfpctl") &&
	       !fa.f.has_key && !fa.f.has_weight && !fa.f.has_sublayer,
	       "layer 16, block, default name, nothing else");
	EXPECT(u, fparse("action permit layer outbound-transport-v6 name web") == 0 &&
	       fa.f.layer == 18 && fa.f.action == NFWFP_ACTION_PERMIT &&
	       !strcmp(fa.f.name, "web"), "keywords in any order");
}

static void filter_the_issue_example(struct unit *u)
{
	const struct nf_cond *c = fa.f.conds;

	EXPECT(u, fparse("layer outbound-transport-v4 proto tcp remote-addr 10.0.0.0/8 "
			 "remote-port 80-90 action callout inspect-v4 weight 10 "
			 "sublayer nfwfp-sample") == 0, "parses: %s", err);
	EXPECT(u, fa.f.nconds == 3, "three conditions; got %u", fa.f.nconds);
	EXPECT(u, c[0].field == 0 && c[0].match == NFWFP_MATCH_EQUAL &&
	       c[0].value == 6 && !c[0].addr_len, "proto tcp is protocol == 6");
	EXPECT(u, c[1].field == 3 && c[1].match == NFWFP_MATCH_EQUAL &&
	       c[1].addr_len == 4 && c[1].has_prefix && c[1].prefix == 8 &&
	       c[1].addr[0] == 10 && c[1].addr[1] == 0,
	       "remote-addr 10.0.0.0/8: ADDR 4 bytes, PREFIX 8");
	EXPECT(u, c[2].field == 5 && c[2].match == NFWFP_MATCH_RANGE &&
	       c[2].value == 80 && c[2].value_hi == 90 && c[2].has_hi,
	       "remote-port 80-90 is a range");
	EXPECT(u, fa.f.has_callout && fa.callout_ref &&
	       !strcmp(fa.callout_ref, "inspect-v4") &&
	       fa.f.action == NFWFP_ACTION_CALLOUT_TERMINATING,
	       "callout by name, terminating by default");
	EXPECT(u, fa.f.has_weight && fa.f.weight == 10, "weight 10");
	EXPECT(u, fa.sublayer_ref && !strcmp(fa.sublayer_ref, "nfwfp-sample"),
	       "sublayer left for the caller to resolve");
	EXPECT(u, fa.arg[NFWFP_FILTER_A_WEIGHT] &&
	       !strcmp(fa.arg[NFWFP_FILTER_A_WEIGHT], "weight") &&
	       !strcmp(fa.val[NFWFP_FILTER_A_WEIGHT], "10") &&
	       !strcmp(fa.cond_arg[2], "remote-port") &&
	       !strcmp(fa.cond_val[2], "80-90"),
	       "the words behind each attribute are kept for error messages");
}

static void filter_number_fields(struct unit *u)
{
	const struct nf_cond *c = fa.f.conds;

	EXPECT(u, fparse("layer outbound-transport-v4 proto 17 local-port 0 "
			 "local-interface 18446744073709551615 flags any-set 0x40 "
			 "local-addr-type 255 action block") == 0, "parses: %s", err);
	EXPECT(u, c[0].value == 17, "proto by number");
	EXPECT(u, c[1].field == 4 && c[1].value == 0, "port 0");
	EXPECT(u, c[2].field == 6 && c[2].value == UINT64_MAX, "uint64 max");
	EXPECT(u, c[3].field == 10 && c[3].match == NFWFP_MATCH_FLAGS_ANY_SET &&
	       c[3].value == 0x40, "flags any-set 0x40");
	EXPECT(u, c[4].value == 255, "uint8 max");
	EXPECT(u, fparse("layer outbound-transport-v4 protocol udp remote-port ne 53 "
			 "local-port ge 1024 action block") == 0 &&
	       c[0].value == 17 && c[1].match == NFWFP_MATCH_NOT_EQUAL &&
	       c[1].value == 53 && c[2].match == NFWFP_MATCH_GREATER_OR_EQUAL,
	       "field name protocol, operators ne and ge: %s", err);
	EXPECT(u, fparse("layer outbound-transport-v4 remote-port 80 remote-port 443 "
			 "action block") == 0 && fa.f.nconds == 2,
	       "the same field twice: two conditions (either matches)");
}

static void filter_address_fields(struct unit *u)
{
	const struct nf_cond *c = fa.f.conds;
	uint8_t a[16];

	EXPECT(u, fparse("layer outbound-transport-v4 remote-addr 192.0.2.1 "
			 "local-addr 10.0.0.1-10.0.0.9 action block") == 0,
	       "parses: %s", err);
	EXPECT(u, c[0].addr_len == 4 && !c[0].has_prefix && !c[0].has_hi &&
	       !memcmp(c[0].addr, "\xc0\x00\x02\x01", 4), "one host, no prefix");
	EXPECT(u, c[1].match == NFWFP_MATCH_RANGE && c[1].has_hi &&
	       c[1].addr[3] == 1 && c[1].addr_hi[3] == 9, "an address range");
	EXPECT(u, fparse("layer outbound-transport-v6 remote-addr 2001:db8::/32 "
			 "local-addr ::1 action block") == 0, "IPv6 parses: %s", err);
	inet_pton(AF_INET6, "2001:db8::", a);
	EXPECT(u, c[0].addr_len == 16 && c[0].has_prefix && c[0].prefix == 32 &&
	       !memcmp(c[0].addr, a, 16), "IPv6 prefix");
	EXPECT(u, c[1].addr_len == 16 && !c[1].has_prefix && c[1].addr[15] == 1,
	       "IPv6 host");
	EXPECT(u, fparse("layer outbound-transport-v4 remote-addr 0.0.0.0/0 action block") == 0 &&
	       c[0].has_prefix && c[0].prefix == 0, "/0 is a prefix too");
}

struct bad_case {
	const char *words;
	const char *msg;	/* a part of the message */
};

static void filter_bad_values(struct unit *u)
{
	static const struct bad_case c[] = {
		{ "action block", "needs \"layer LAYER\"" },
		{ "layer outbound-transport-v4", "needs \"action" },
		{ "layer nowhere action block", "no layer \"nowhere\"" },
		{ "layer outbound-transport-v4 action drop", "\"drop\" is not block" },
		{ "layer outbound-transport-v4 action callout", "needs a callout" },
		{ "layer outbound-transport-v4 action", "\"action\" needs a value" },
		{ "layer outbound-transport-v4 layer outbound-transport-v4 action block",
		  "\"layer\" given twice" },
		{ "layer outbound-transport-v4 remote-port 65536 action block",
		  "remote-port: \"65536\"" },
		{ "layer outbound-transport-v4 remote-port 90-80 action block",
		  "inverted" },
		{ "layer outbound-transport-v4 remote-port 80- action block",
		  "remote-port: \"80-\"" },
		{ "layer outbound-transport-v4 remote-port -1 action block",
		  "remote-port: \"-1\"" },
		{ "layer outbound-transport-v4 remote-port 080 action block",
		  "remote-port: \"080\"" },
		{ "layer outbound-transport-v4 proto tcpx action block",
		  "proto" },
		{ "layer outbound-transport-v4 proto 256 action block", "256" },
		{ "layer outbound-transport-v4 local-addr-type 256 action block",
		  "up to 255" },
		{ "layer outbound-transport-v4 remote-addr 10.0.0.0/33 action block",
		  "not an IPv4 address" },
		{ "layer outbound-transport-v4 remote-addr 10.1.0.0/8 action block",
		  "bits set beyond" },
		{ "layer outbound-transport-v4 remote-addr 2001:db8::1 action block",
		  "not an IPv4 address" },
		{ "layer outbound-transport-v6 remote-addr 10.0.0.1 action block",
		  "not an IPv6 address" },
		{ "layer outbound-transport-v4 remote-addr 10.0.0.9-10.0.0.1 action block",
		  "inverted" },
		{ "layer outbound-transport-v4 remote-addr gt 10.0.0.0/8 action block",
		  "prefix" },
		{ "layer outbound-transport-v4 remote-port gt 1-2 action block",
		  "takes no operator" },
		{ "layer outbound-transport-v4 icmp-type 3 action block",
		  "not a keyword nor a field of layer outbound-transport-v4" },
		{ "layer outbound-transport-v4 remote-port action block",
		  "\"remote-port\" needs a value" },
		{ "layer outbound-transport-v4 action block remote-port",
		  "without a value" },
		{ "layer outbound-transport-v4 weight 1 weight-range 2 action block",
		  "exclude each other" },
		{ "layer outbound-transport-v4 weight-range 16 action block",
		  "weight-range: \"16\" is not a number from 0 to 15" },
		{ "layer outbound-transport-v4 weight 18446744073709551616 action block",
		  "weight" },
		{ "layer outbound-transport-v4 key nope action block", "key: \"nope\"" },
		{ "layer outbound-transport-v4 context x action block", "context" },
		{ "layer outbound-transport-v4 dynamic dynamic action block",
		  "\"dynamic\" given twice" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		int ret = fparse(c[i].words);

		EXPECT(u, ret == -EINVAL && strstr(err, c[i].msg),
		       "\"%s\" refused with \"%s\"; got %d \"%s\"", c[i].words,
		       c[i].msg, ret, err);
	}
}

static void filter_action_and_flags(struct unit *u)
{
	EXPECT(u, fparse("layer outbound-transport-v4 action callout "
			 "01234567-89ab-cdef-0123-456789abcdef inspection context 0x10 "
			 "dynamic clear-action-right permit-if-callout-unregistered "
			 "weight-range 15") == 0, "parses: %s", err);
	EXPECT(u, fa.f.action == NFWFP_ACTION_CALLOUT_INSPECTION &&
	       fa.f.has_context && fa.f.context == 16 &&
	       fa.f.flags == (NFWFP_OBJ_F_DYNAMIC |
			      NFWFP_FILTER_F_CLEAR_ACTION_RIGHT |
			      NFWFP_FILTER_F_PERMIT_IF_CALLOUT_UNREGISTERED) &&
	       fa.f.has_weight_range && fa.f.weight_range == 15,
	       "inspection, context, every flag, weight range");
	EXPECT(u, fparse("layer outbound-transport-v4 action callout c unknown") == 0 &&
	       fa.f.action == NFWFP_ACTION_CALLOUT_UNKNOWN, "unknown");
	EXPECT(u, fparse("layer outbound-transport-v4 action callout c terminating") == 0 &&
	       fa.f.action == NFWFP_ACTION_CALLOUT_TERMINATING, "terminating");
}

static void callout_and_sublayer_args(struct unit *u)
{
	char line[256], *argv[32];
	struct callout_args ca;
	struct sublayer_args sa;
	const char *e;
	int argc;

	fake_layers(&ls);
	strcpy(line, "key 01234567-89ab-cdef-0123-456789abcdef name \"my callout\" "
	       "layer outbound-transport-v6 dynamic");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, !callout_args_parse(&ls, argc, argv, &ca, err, sizeof(err)) &&
	       ca.c.layer == 18 && !strcmp(ca.c.name, "my callout") &&
	       ca.c.flags == NFWFP_OBJ_F_DYNAMIC && ca.c.key[3] == 0x01,
	       "callout add: %s", err);
	strcpy(line, "name x layer outbound-transport-v4");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, callout_args_parse(&ls, argc, argv, &ca, err, sizeof(err)) ==
	       -EINVAL && strstr(err, "needs key"), "callout add without a key");
	strcpy(line, "key 01234567-89ab-cdef-0123-456789abcdef name x layer up");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, callout_args_parse(&ls, argc, argv, &ca, err, sizeof(err)) ==
	       -EINVAL && strstr(err, "no layer \"up\""), "unknown layer");

	strcpy(line, "name s weight 65535");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, !sublayer_args_parse(argc, argv, &sa, err, sizeof(err)) &&
	       !sa.has_key && sa.s.weight == 65535 && !strcmp(sa.s.name, "s"),
	       "sublayer add: %s", err);
	strcpy(line, "name s weight 65536");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, sublayer_args_parse(argc, argv, &sa, err, sizeof(err)) ==
	       -EINVAL && strstr(err, "65536"), "sublayer weight is a u16");
	strcpy(line, "weight 1");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, sublayer_args_parse(argc, argv, &sa, err, sizeof(err)) ==
	       -EINVAL && strstr(err, "needs name"), "sublayer needs a name");
	strcpy(line, "name s colour red");
	argc = batch_split(line, argv, 32, &e);
	EXPECT(u, sublayer_args_parse(argc, argv, &sa, err, sizeof(err)) ==
	       -EINVAL && strstr(err, "\"colour\""), "unknown word named");
}

static const struct unit_test tests[] = {
	UNIT_TEST(guid_roundtrip),
	UNIT_TEST(filter_minimal),
	UNIT_TEST(filter_the_issue_example),
	UNIT_TEST(filter_number_fields),
	UNIT_TEST(filter_address_fields),
	UNIT_TEST(filter_bad_values),
	UNIT_TEST(filter_action_and_flags),
	UNIT_TEST(callout_and_sublayer_args),
};

const struct unit_suite args_suite = { tests, ARRAY_SIZE(tests) };
