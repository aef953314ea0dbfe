// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of userspace/parse.c: what is accepted, what each accepted
 * text means, and that everything else is refused with the right error and
 * without touching the output.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "parse.h"
#include "unit.h"

/* A row of a case table for text that must be refused with @err. */
#define REJECT(text, err)	{ .s = (text), .ret = (err) }

/* A value no successful parse in these tests produces. */
#define POISON_U64	UINT64_C(0x5a5a5a5a5a5a5a5a)

struct uint_case {
	const char *s;
	uint64_t max;
	int ret;
	uint64_t val;	/* when ret == 0 */
};

static void check_uint(struct unit *u, const struct uint_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t v = POISON_U64;
		int ret = parse_uint(c[i].s, c[i].max, &v);
		uint64_t want = c[i].ret ? POISON_U64 : c[i].val;

		EXPECT(u, ret == c[i].ret && v == want,
		       "parse_uint(\"%s\", %" PRIu64 ") = %d, %" PRIu64
		       "; got %d, %" PRIu64, c[i].s, c[i].max, c[i].ret, want,
		       ret, v);
	}
}

static void uint_decimal_accepted(struct unit *u)
{
	static const struct uint_case c[] = {
		{ "0", 0, 0, 0 },
		{ "1", 1, 0, 1 },
		{ "42", 100, 0, 42 },
		{ "4096", UINT64_MAX, 0, 4096 },
		{ "18446744073709551615", UINT64_MAX, 0, UINT64_MAX },
	};

	check_uint(u, c, ARRAY_SIZE(c));
}

static void uint_hex_accepted(struct unit *u)
{
	static const struct uint_case c[] = {
		{ "0x0", 0, 0, 0 },
		{ "0x2a", 255, 0, 42 },
		{ "0X2A", 255, 0, 42 },
		{ "0xDeadBeef", UINT32_MAX, 0, 0xdeadbeef },
		{ "0x00ff", 255, 0, 255 },	/* zeros are unambiguous in hex */
		{ "0xffffffffffffffff", UINT64_MAX, 0, UINT64_MAX },
		{ "0x0000000000000000000001", 1, 0, 1 },
	};

	check_uint(u, c, ARRAY_SIZE(c));
}

static void uint_garbage_rejected(struct unit *u)
{
	static const struct uint_case c[] = {
		{ "", UINT64_MAX, -EINVAL, 0 },
		{ "x", UINT64_MAX, -EINVAL, 0 },
		{ "12a", UINT64_MAX, -EINVAL, 0 },
		{ "1 ", UINT64_MAX, -EINVAL, 0 },
		{ " 1", UINT64_MAX, -EINVAL, 0 },
		{ "\t1", UINT64_MAX, -EINVAL, 0 },
		{ "1\n", UINT64_MAX, -EINVAL, 0 },
		{ "1.0", UINT64_MAX, -EINVAL, 0 },
		{ "1e3", UINT64_MAX, -EINVAL, 0 },
		{ "1,000", UINT64_MAX, -EINVAL, 0 },
		{ "0x", UINT64_MAX, -EINVAL, 0 },
		{ "0xg", UINT64_MAX, -EINVAL, 0 },
		{ "0x 1", UINT64_MAX, -EINVAL, 0 },
		{ "0x0x1", UINT64_MAX, -EINVAL, 0 },
		{ "x10", UINT64_MAX, -EINVAL, 0 },
		{ "0b101", UINT64_MAX, -EINVAL, 0 },
		{ "0o17", UINT64_MAX, -EINVAL, 0 },
		{ "\xd9\xa3", UINT64_MAX, -EINVAL, 0 },	/* Arabic-Indic three */
	};

	check_uint(u, c, ARRAY_SIZE(c));
}

static void uint_signs_rejected(struct unit *u)
{
	/* strtoull(3) would turn "-1" into UINT64_MAX. */
	static const struct uint_case c[] = {
		{ "-1", UINT64_MAX, -EINVAL, 0 },
		{ "-0", UINT64_MAX, -EINVAL, 0 },
		{ "+1", UINT64_MAX, -EINVAL, 0 },
		{ "-0x1", UINT64_MAX, -EINVAL, 0 },
		{ "0x-1", UINT64_MAX, -EINVAL, 0 },
		{ "--1", UINT64_MAX, -EINVAL, 0 },
	};

	check_uint(u, c, ARRAY_SIZE(c));
}

static void uint_leading_zeros_rejected(struct unit *u)
{
	/* Octal to strtoul(3) with base 0: refused as ambiguous. */
	static const struct uint_case c[] = {
		{ "00", UINT64_MAX, -EINVAL, 0 },
		{ "010", UINT64_MAX, -EINVAL, 0 },
		{ "0010", UINT64_MAX, -EINVAL, 0 },
		{ "09", UINT64_MAX, -EINVAL, 0 },
	};

	check_uint(u, c, ARRAY_SIZE(c));
}

static void uint_overflow_rejected(struct unit *u)
{
	static const struct uint_case c[] = {
		{ "18446744073709551616", UINT64_MAX, -ERANGE, 0 },
		{ "18446744073709551620", UINT64_MAX, -ERANGE, 0 },
		{ "99999999999999999999", UINT64_MAX, -ERANGE, 0 },
		{ "184467440737095516150", UINT64_MAX, -ERANGE, 0 },
		{ "0x10000000000000000", UINT64_MAX, -ERANGE, 0 },
		{ "0xffffffffffffffffff", UINT64_MAX, -ERANGE, 0 },
		/* Syntax is judged before range. */
		{ "99999999999999999999x", UINT64_MAX, -EINVAL, 0 },
		/* A caller's maximum is a range limit too. */
		{ "101", 100, -ERANGE, 0 },
		{ "1", 0, -ERANGE, 0 },
	};

	check_uint(u, c, ARRAY_SIZE(c));
}

static void uint_null_rejected(struct unit *u)
{
	uint64_t v = POISON_U64;

	EXPECT(u, parse_uint(NULL, UINT64_MAX, &v) == -EINVAL,
	       "parse_uint(NULL) = -EINVAL");
	EXPECT(u, v == POISON_U64, "output untouched");
}

/* The fixed-width wrappers: limits, the value past them, and hex forms. */
static void u8_bounds(struct unit *u)
{
	uint8_t v = 7;

	EXPECT(u, !parse_u8("0", &v) && v == 0, "u8 0");
	EXPECT(u, !parse_u8("255", &v) && v == 255, "u8 255");
	EXPECT(u, !parse_u8("0xff", &v) && v == 255, "u8 0xff");
	v = 7;
	EXPECT(u, parse_u8("256", &v) == -ERANGE && v == 7, "u8 256 -ERANGE");
	EXPECT(u, parse_u8("0x100", &v) == -ERANGE && v == 7,
	       "u8 0x100 -ERANGE");
	EXPECT(u, parse_u8("-1", &v) == -EINVAL && v == 7, "u8 -1 -EINVAL");
	EXPECT(u, parse_u8("65535", &v) == -ERANGE && v == 7,
	       "u8 65535 -ERANGE, not truncated to 255");
}

static void u16_bounds(struct unit *u)
{
	uint16_t v = 7;

	EXPECT(u, !parse_u16("65535", &v) && v == 65535, "u16 65535");
	EXPECT(u, !parse_u16("0xffff", &v) && v == 65535, "u16 0xffff");
	v = 7;
	EXPECT(u, parse_u16("65536", &v) == -ERANGE && v == 7,
	       "u16 65536 -ERANGE");
	EXPECT(u, parse_u16("0x10000", &v) == -ERANGE && v == 7,
	       "u16 0x10000 -ERANGE");
	EXPECT(u, parse_u16("4294967296", &v) == -ERANGE && v == 7,
	       "u16 2^32 -ERANGE, not wrapped to 0");
}

static void u32_bounds(struct unit *u)
{
	uint32_t v = 7;

	EXPECT(u, !parse_u32("4294967295", &v) && v == UINT32_MAX,
	       "u32 4294967295");
	EXPECT(u, !parse_u32("0xffffffff", &v) && v == UINT32_MAX,
	       "u32 0xffffffff");
	v = 7;
	EXPECT(u, parse_u32("4294967296", &v) == -ERANGE && v == 7,
	       "u32 4294967296 -ERANGE");
	EXPECT(u, parse_u32("0x100000000", &v) == -ERANGE && v == 7,
	       "u32 0x100000000 -ERANGE");
	EXPECT(u, parse_u32("-4294967295", &v) == -EINVAL && v == 7,
	       "u32 negative -EINVAL");
}

static void u64_bounds(struct unit *u)
{
	uint64_t v = 7;

	EXPECT(u, !parse_u64("18446744073709551615", &v) && v == UINT64_MAX,
	       "u64 2^64-1");
	EXPECT(u, !parse_u64("0xFFFFFFFFFFFFFFFF", &v) && v == UINT64_MAX,
	       "u64 0xFFFFFFFFFFFFFFFF");
	v = 7;
	EXPECT(u, parse_u64("18446744073709551616", &v) == -ERANGE && v == 7,
	       "u64 2^64 -ERANGE");
	EXPECT(u, parse_u64("", &v) == -EINVAL && v == 7, "u64 \"\" -EINVAL");
}

struct prefix_case {
	const char *s;
	int ret;
	int family;		/* when ret == 0 ... */
	unsigned int len;
	bool host_bits;
	const char *addr;	/* the normalized address, inet_pton form */
};

static void check_prefix(struct unit *u, const struct prefix_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct nfwfp_prefix p, poison, want = { 0 };
		char got[PREFIX_STRLEN];
		int ret;

		memset(&poison, 0x5a, sizeof(poison));
		memcpy(&p, &poison, sizeof(p));
		ret = parse_prefix(c[i].s, &p);
		if (c[i].ret) {
			EXPECT(u, ret == c[i].ret && !memcmp(&p, &poison, sizeof(p)),
			       "parse_prefix(\"%s\") = %d, output untouched; got %d",
			       c[i].s, c[i].ret, ret);
			continue;
		}
		EXPECT(u, ret == 0, "parse_prefix(\"%s\") = 0; got %d",
		       c[i].s, ret);
		if (ret)
			continue;
		inet_pton(c[i].family, c[i].addr, &want.addr);
		if (prefix_format(&p, got, sizeof(got)))
			strcpy(got, "(bad family)");
		EXPECT(u, p.family == c[i].family && p.len == c[i].len &&
		       p.host_bits == c[i].host_bits &&
		       !memcmp(&p.addr, &want.addr,
			       c[i].family == AF_INET ? 4 : 16),
		       "\"%s\" is %s/%u, host bits %d; got %s, host bits %d",
		       c[i].s, c[i].addr, c[i].len, c[i].host_bits, got,
		       p.host_bits);
	}
}

static void prefix_ipv4_hosts(struct unit *u)
{
	static const struct prefix_case c[] = {
		{ "192.0.2.1", 0, AF_INET, 32, false, "192.0.2.1" },
		{ "0.0.0.0", 0, AF_INET, 32, false, "0.0.0.0" },
		{ "255.255.255.255", 0, AF_INET, 32, false, "255.255.255.255" },
		{ "127.0.0.1/32", 0, AF_INET, 32, false, "127.0.0.1" },
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_ipv4_networks(struct unit *u)
{
	static const struct prefix_case c[] = {
		{ "10.0.0.0/8", 0, AF_INET, 8, false, "10.0.0.0" },
		{ "192.0.2.0/24", 0, AF_INET, 24, false, "192.0.2.0" },
		{ "0.0.0.0/0", 0, AF_INET, 0, false, "0.0.0.0" },
		{ "192.0.2.128/25", 0, AF_INET, 25, false, "192.0.2.128" },
		{ "192.0.2.2/31", 0, AF_INET, 31, false, "192.0.2.2" },
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_host_bits_normalized(struct unit *u)
{
	static const struct prefix_case c[] = {
		{ "10.1.2.3/8", 0, AF_INET, 8, true, "10.0.0.0" },
		{ "192.0.2.255/25", 0, AF_INET, 25, true, "192.0.2.128" },
		{ "192.0.2.3/31", 0, AF_INET, 31, true, "192.0.2.2" },
		{ "1.2.3.4/0", 0, AF_INET, 0, true, "0.0.0.0" },
		{ "255.255.255.255/1", 0, AF_INET, 1, true, "128.0.0.0" },
		{ "fe80::1/64", 0, AF_INET6, 64, true, "fe80::" },
		{ "2001:db8::100/120", 0, AF_INET6, 120, false, "2001:db8::100" },
		{ "2001:db8::1ff/120", 0, AF_INET6, 120, true, "2001:db8::100" },
		{ "::1/0", 0, AF_INET6, 0, true, "::" },
		{ "ffff::/1", 0, AF_INET6, 1, true, "8000::" },
		{ "::ffff:1.2.3.4/96", 0, AF_INET6, 96, true, "::ffff:0.0.0.0" },
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_ipv4_rejected(struct unit *u)
{
	static const struct prefix_case c[] = {
		REJECT("", -EINVAL),
		REJECT("/8", -EINVAL),
		REJECT("1.2.3", -EINVAL),
		REJECT("1.2.3.4.5", -EINVAL),
		REJECT("256.0.0.1", -EINVAL),
		REJECT("01.2.3.4", -EINVAL),	/* octal to inet_aton(3) */
		REJECT("0x7f.0.0.1", -EINVAL),
		REJECT("1.2.3.4 ", -EINVAL),
		REJECT(" 1.2.3.4", -EINVAL),
		REJECT("1.2.3.4/", -EINVAL),
		REJECT("1.2.3.4/-1", -EINVAL),
		REJECT("1.2.3.4/+8", -EINVAL),
		REJECT("1.2.3.4/08", -EINVAL),
		REJECT("1.2.3.4/0x8", -EINVAL),
		REJECT("1.2.3.4/ 8", -EINVAL),
		REJECT("1.2.3.4/8 ", -EINVAL),
		REJECT("1.2.3.4/8/8", -EINVAL),
		REJECT("1.2.3.4/255.0.0.0", -EINVAL),
		REJECT("localhost", -EINVAL),
		REJECT("1.2.3.4/33", -ERANGE),
		REJECT("1.2.3.4/128", -ERANGE),
		REJECT("1.2.3.4/4294967328", -ERANGE),	/* 2^32 + 32 */
		REJECT("1.2.3.4/18446744073709551648", -ERANGE),
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_ipv6_forms(struct unit *u)
{
	static const struct prefix_case c[] = {
		{ "::", 0, AF_INET6, 128, false, "::" },
		{ "::1", 0, AF_INET6, 128, false, "::1" },
		{ "::ffff:1.2.3.4", 0, AF_INET6, 128, false, "::ffff:1.2.3.4" },
		{ "::ffff:102:304", 0, AF_INET6, 128, false, "::ffff:1.2.3.4" },
		{ "2001:db8::1", 0, AF_INET6, 128, false, "2001:db8::1" },
		{ "2001:0db8:0000:0000:0000:0000:0000:0001", 0, AF_INET6, 128,
		  false, "2001:db8::1" },
		{ "FE80::1", 0, AF_INET6, 128, false, "fe80::1" },
		{ "1:2:3:4:5:6:7:8", 0, AF_INET6, 128, false, "1:2:3:4:5:6:7:8" },
		{ "1::", 0, AF_INET6, 128, false, "1::" },
		{ "64:ff9b::192.0.2.33", 0, AF_INET6, 128, false,
		  "64:ff9b::c000:221" },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", 0, AF_INET6,
		  128, false, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_ipv6_lengths(struct unit *u)
{
	static const struct prefix_case c[] = {
		{ "::/0", 0, AF_INET6, 0, false, "::" },
		{ "2001:db8::/32", 0, AF_INET6, 32, false, "2001:db8::" },
		{ "fe80::/64", 0, AF_INET6, 64, false, "fe80::" },
		{ "::1/128", 0, AF_INET6, 128, false, "::1" },
		REJECT("::1/129", -ERANGE),
		REJECT("::/200", -ERANGE),
		REJECT("::/1000", -ERANGE),
		REJECT("::/", -EINVAL),
		REJECT("::/064", -EINVAL),
		REJECT("::/-0", -EINVAL),
		REJECT("::/64/64", -EINVAL),
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_ipv6_rejected(struct unit *u)
{
	static const struct prefix_case c[] = {
		REJECT(":", -EINVAL),
		REJECT(":::", -EINVAL),
		REJECT("1::2::3", -EINVAL),
		REJECT("fe80::1%eth0", -EINVAL),
		REJECT("fe80::1%1/64", -EINVAL),
		REJECT("[::1]", -EINVAL),
		REJECT("12345::", -EINVAL),
		REJECT("g::1", -EINVAL),
		REJECT("1:2:3:4:5:6:7:8:9", -EINVAL),
		REJECT("1:2:3:4:5:6:7", -EINVAL),
		REJECT("::ffff:1.2.3", -EINVAL),
		REJECT("::ffff:1.2.3.256", -EINVAL),
		REJECT("::1 ", -EINVAL),
		/* Longer than any address text: refused before inet_pton(). */
		REJECT("0000:0000:0000:0000:0000:0000:0000:0000:0000:0000", -EINVAL),
	};

	check_prefix(u, c, ARRAY_SIZE(c));
}

static void prefix_null_rejected(struct unit *u)
{
	struct nfwfp_prefix p;

	EXPECT(u, parse_prefix(NULL, &p) == -EINVAL, "parse_prefix(NULL)");
}

static void expect_format(struct unit *u, const char *in, const char *want)
{
	char buf[PREFIX_STRLEN];
	struct nfwfp_prefix p;
	int ret;

	ret = parse_prefix(in, &p);
	EXPECT(u, ret == 0, "parse_prefix(\"%s\") = 0; got %d", in, ret);
	if (ret)
		return;
	ret = prefix_format(&p, buf, sizeof(buf));
	EXPECT(u, ret == 0 && !strcmp(buf, want),
	       "\"%s\" formats as \"%s\"; got %d \"%s\"", in, want, ret,
	       ret ? "" : buf);
}

static void prefix_format_normalized(struct unit *u)
{
	struct nfwfp_prefix p;
	char small[8];

	expect_format(u, "10.1.2.3/8", "10.0.0.0/8");
	expect_format(u, "192.0.2.1", "192.0.2.1/32");
	expect_format(u, "fe80::1/64", "fe80::/64");
	expect_format(u, "::ffff:1.2.3.4", "::ffff:1.2.3.4/128");
	expect_format(u, "2001:0DB8::0001", "2001:db8::1/128");
	expect_format(u, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");

	EXPECT(u, !parse_prefix("192.0.2.1", &p) &&
	       prefix_format(&p, small, sizeof(small)) == -ENOSPC,
	       "a short buffer gives -ENOSPC");
	p.family = AF_UNIX;
	EXPECT(u, prefix_format(&p, small, sizeof(small)) == -EAFNOSUPPORT,
	       "a bad family gives -EAFNOSUPPORT");
}

struct port_case {
	const char *s;
	int ret;
	uint16_t lo, hi;	/* when ret == 0 */
};

static void check_ports(struct unit *u, const struct port_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct nfwfp_port_range r = { 4242, 4243 };
		int ret = parse_port_range(c[i].s, &r);

		if (c[i].ret)
			EXPECT(u, ret == c[i].ret && r.lo == 4242 && r.hi == 4243,
			       "parse_port_range(\"%s\") = %d, output untouched; got %d",
			       c[i].s, c[i].ret, ret);
		else
			EXPECT(u, ret == 0 && r.lo == c[i].lo && r.hi == c[i].hi,
			       "\"%s\" is %u-%u; got %d, %u-%u", c[i].s,
			       c[i].lo, c[i].hi, ret, r.lo, r.hi);
	}
}

static void port_single(struct unit *u)
{
	static const struct port_case c[] = {
		{ "0", 0, 0, 0 },
		{ "1", 0, 1, 1 },
		{ "80", 0, 80, 80 },
		{ "65535", 0, 65535, 65535 },
	};

	check_ports(u, c, ARRAY_SIZE(c));
}

static void port_range(struct unit *u)
{
	static const struct port_case c[] = {
		{ "80-90", 0, 80, 90 },
		{ "80-80", 0, 80, 80 },
		{ "0-65535", 0, 0, 65535 },
		{ "1024-65535", 0, 1024, 65535 },
		{ "65535-65535", 0, 65535, 65535 },
	};

	check_ports(u, c, ARRAY_SIZE(c));
}

static void port_malformed_rejected(struct unit *u)
{
	static const struct port_case c[] = {
		REJECT("", -EINVAL),
		REJECT("-", -EINVAL),
		REJECT("80-", -EINVAL),
		REJECT("-80", -EINVAL),
		REJECT("80--90", -EINVAL),
		REJECT("80-90-100", -EINVAL),
		REJECT("80 -90", -EINVAL),
		REJECT("80- 90", -EINVAL),
		REJECT(" 80", -EINVAL),
		REJECT("80 ", -EINVAL),
		REJECT("080", -EINVAL),
		REJECT("80-090", -EINVAL),
		REJECT("0x50", -EINVAL),
		REJECT("http", -EINVAL),
		REJECT("80,90", -EINVAL),
		REJECT("80:90", -EINVAL),
		REJECT("+80", -EINVAL),
	};

	check_ports(u, c, ARRAY_SIZE(c));
}

static void port_out_of_range_rejected(struct unit *u)
{
	static const struct port_case c[] = {
		REJECT("65536", -ERANGE),
		REJECT("1-65536", -ERANGE),
		REJECT("65536-65537", -ERANGE),
		REJECT("99999999999999999999", -ERANGE),
		REJECT("90-80", -ERANGE),
		REJECT("1-0", -ERANGE),
		REJECT("65535-0", -ERANGE),
	};
	struct nfwfp_port_range r;

	check_ports(u, c, ARRAY_SIZE(c));
	EXPECT(u, parse_port_range(NULL, &r) == -EINVAL,
	       "parse_port_range(NULL) = -EINVAL");
}

struct proto_case {
	const char *s;
	int ret;
	uint8_t proto;	/* when ret == 0 */
};

static void check_protos(struct unit *u, const struct proto_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t p = 0xa5;
		int ret = parse_ip_proto(c[i].s, &p);
		uint8_t want = c[i].ret ? 0xa5 : c[i].proto;

		EXPECT(u, ret == c[i].ret && p == want,
		       "parse_ip_proto(\"%s\") = %d, %u; got %d, %u", c[i].s,
		       c[i].ret, want, ret, p);
	}
}

static void proto_names(struct unit *u)
{
	static const struct proto_case c[] = {
		{ "icmp", 0, 1 },
		{ "tcp", 0, 6 },
		{ "udp", 0, 17 },
		{ "ipv6-icmp", 0, 58 },
		{ "icmpv6", 0, 58 },
		{ "TCP", 0, 6 },
		{ "Udp", 0, 17 },
		{ "ICMPv6", 0, 58 },
	};

	check_protos(u, c, ARRAY_SIZE(c));
}

static void proto_numbers(struct unit *u)
{
	static const struct proto_case c[] = {
		{ "0", 0, 0 },
		{ "6", 0, 6 },
		{ "132", 0, 132 },
		{ "255", 0, 255 },
		{ "0x11", 0, 17 },
		{ "0xff", 0, 255 },
	};

	check_protos(u, c, ARRAY_SIZE(c));
}

static void proto_rejected(struct unit *u)
{
	static const struct proto_case c[] = {
		REJECT("", -EINVAL),
		REJECT("tcpx", -EINVAL),
		REJECT("tc", -EINVAL),
		REJECT(" tcp", -EINVAL),
		REJECT("tcp ", -EINVAL),
		REJECT("icmp6", -EINVAL),
		REJECT("sctp", -EINVAL),	/* not in the table: use 132 */
		REJECT("-1", -EINVAL),
		REJECT("06", -EINVAL),
		REJECT("256", -ERANGE),
		REJECT("0x100", -ERANGE),
		REJECT("65542", -ERANGE),	/* 6 + 65536: no truncation to tcp */
	};
	uint8_t p;

	check_protos(u, c, ARRAY_SIZE(c));
	EXPECT(u, parse_ip_proto(NULL, &p) == -EINVAL,
	       "parse_ip_proto(NULL) = -EINVAL");
}

static void proto_name_round_trip(struct unit *u)
{
	static const uint8_t named[] = { 1, 6, 17, 58 };
	const char *name;
	size_t i;
	uint8_t p;

	for (i = 0; i < ARRAY_SIZE(named); i++) {
		name = ip_proto_name(named[i]);
		EXPECT(u, name && !parse_ip_proto(name, &p) && p == named[i],
		       "ip_proto_name(%u) parses back to %u", named[i],
		       named[i]);
	}
	name = ip_proto_name(58);
	EXPECT(u, name && !strcmp(name, "ipv6-icmp"),
	       "58 is \"ipv6-icmp\" as in /etc/protocols; got \"%s\"",
	       name ? name : "(null)");
	EXPECT(u, ip_proto_name(0) == NULL, "0 has no name");
	EXPECT(u, ip_proto_name(132) == NULL, "132 has no name");
	EXPECT(u, ip_proto_name(255) == NULL, "255 has no name");
}

static const struct unit_test parse_tests[] = {
	UNIT_TEST(uint_decimal_accepted),
	UNIT_TEST(uint_hex_accepted),
	UNIT_TEST(uint_garbage_rejected),
	UNIT_TEST(uint_signs_rejected),
	UNIT_TEST(uint_leading_zeros_rejected),
	UNIT_TEST(uint_overflow_rejected),
	UNIT_TEST(uint_null_rejected),
	UNIT_TEST(u8_bounds),
	UNIT_TEST(u16_bounds),
	UNIT_TEST(u32_bounds),
	UNIT_TEST(u64_bounds),
	UNIT_TEST(prefix_ipv4_hosts),
	UNIT_TEST(prefix_ipv4_networks),
	UNIT_TEST(prefix_host_bits_normalized),
	UNIT_TEST(prefix_ipv4_rejected),
	UNIT_TEST(prefix_ipv6_forms),
	UNIT_TEST(prefix_ipv6_lengths),
	UNIT_TEST(prefix_ipv6_rejected),
	UNIT_TEST(prefix_null_rejected),
	UNIT_TEST(prefix_format_normalized),
	UNIT_TEST(port_single),
	UNIT_TEST(port_range),
	UNIT_TEST(port_malformed_rejected),
	UNIT_TEST(port_out_of_range_rejected),
	UNIT_TEST(proto_names),
	UNIT_TEST(proto_numbers),
	UNIT_TEST(proto_rejected),
	UNIT_TEST(proto_name_round_trip),
};

const struct unit_suite parse_suite = { parse_tests, ARRAY_SIZE(parse_tests) };
