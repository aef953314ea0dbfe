// SPDX-License-Identifier: GPL-2.0
/*
 * Argument parsers for nfwfpctl: unsigned integers, address prefixes, port
 * ranges and IP protocols. See parse.h for the calling convention.
 *
 * They are stricter than strtoul(3) and friends on purpose: a filter that
 * matches something other than what the administrator typed is a security
 * bug, so leading blanks, signs, trailing garbage and silent wrap-around are
 * all errors rather than something to guess about.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Parse exactly @n characters of @s as digits in @base. The whole text is
 * checked for syntax before range is judged, so "99999999999999999999x" is
 * malformed (-EINVAL) rather than too large (-ERANGE).
 */
static int parse_digits(const char *s, size_t n, unsigned int base,
			uint64_t max, uint64_t *out)
{
	bool overflow = false;
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return -EINVAL;
	/*
	 * strtoul(3) with base 0, and so ip(8) and iptables(8), read "010" as
	 * octal 8. Refuse the ambiguity instead of picking a meaning.
	 */
	if (base == 10 && n > 1 && s[0] == '0')
		return -EINVAL;

	for (i = 0; i < n; i++) {
		int d = digit_value(s[i]);

		if (d < 0 || (unsigned int)d >= base)
			return -EINVAL;
		if (v > (UINT64_MAX - (unsigned int)d) / base)
			overflow = true;
		v = v * base + (unsigned int)d;
	}
	if (overflow || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/* A decimal number filling @n characters of @s, used where hex is odd. */
static int parse_dec(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	return parse_digits(s, n, 10, max, out);
}

/**
 * parse_uint() - parse an unsigned integer no greater than @max
 * @s: decimal ("42") or hexadecimal with a 0x or 0X prefix ("0x2a")
 * @max: the largest value accepted
 * @out: the value, written only on success
 *
 * Return: 0, -EINVAL for malformed text (empty, sign, blank, trailing
 * garbage, a decimal with leading zeros), -ERANGE above @max.
 */
int parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	if (!s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_digits(s + 2, strlen(s + 2), 16, max, out);
	return parse_dec(s, strlen(s), max, out);
}

int parse_u8(const char *s, uint8_t *out)
{
	uint64_t v;
	int ret = parse_uint(s, UINT8_MAX, &v);

	if (!ret)
		*out = (uint8_t)v;
	return ret;
}

int parse_u16(const char *s, uint16_t *out)
{
	uint64_t v;
	int ret = parse_uint(s, UINT16_MAX, &v);

	if (!ret)
		*out = (uint16_t)v;
	return ret;
}

int parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;
	int ret = parse_uint(s, UINT32_MAX, &v);

	if (!ret)
		*out = (uint32_t)v;
	return ret;
}

int parse_u64(const char *s, uint64_t *out)
{
	return parse_uint(s, UINT64_MAX, out);
}

static unsigned int prefix_max_len(int family)
{
	return family == AF_INET ? 32 : 128;
}

/* Clear the bits beyond p->len; return whether any was set. */
static bool prefix_clear_host_bits(struct nfwfp_prefix *p)
{
	unsigned int nbytes = prefix_max_len(p->family) / 8;
	bool had_host_bits = false;
	unsigned int i;

	for (i = 0; i < nbytes; i++) {
		unsigned int first_bit = i * 8;
		uint8_t mask;

		if (p->len >= first_bit + 8)
			mask = 0xff;
		else if (p->len <= first_bit)
			mask = 0;
		else
			mask = (uint8_t)(0xff << (8 - (p->len - first_bit)));

		if (p->addr.bytes[i] & ~mask)
			had_host_bits = true;
		p->addr.bytes[i] &= mask;
	}
	return had_host_bits;
}

/**
 * parse_prefix() - parse an IPv4 or IPv6 address with an optional prefix
 * @s: "192.0.2.1", "192.0.2.0/24", "2001:db8::/32", "::ffff:192.0.2.1"...
 * @out: the prefix, written only on success
 *
 * The family is IPv6 when the address contains a colon. Without "/LEN" the
 * prefix is a single host (/32 or /128). The prefix length is decimal.
 *
 * Host bits set beyond the prefix ("10.1.2.3/8") are accepted, cleared, and
 * reported in @out->host_bits so the caller can say what it really used: the
 * filter matches the network either way, and ip-route(8) users type this.
 * Zone indices ("fe80::1%eth0") are rejected: a filter is not per-link.
 *
 * Return: 0, -EINVAL for a malformed address or length, -ERANGE for a
 * length beyond 32 or 128.
 */
int parse_prefix(const char *s, struct nfwfp_prefix *out)
{
	struct nfwfp_prefix p = { 0 };
	char text[INET6_ADDRSTRLEN];
	const char *slash;
	uint64_t len;
	size_t n;
	int ret;

	if (!s)
		return -EINVAL;
	slash = strchr(s, '/');
	n = slash ? (size_t)(slash - s) : strlen(s);
	if (n == 0 || n >= sizeof(text))
		return -EINVAL;
	memcpy(text, s, n);
	text[n] = '\0';

	p.family = memchr(text, ':', n) ? AF_INET6 : AF_INET;
	if (inet_pton(p.family, text, &p.addr) != 1)
		return -EINVAL;

	len = prefix_max_len(p.family);
	if (slash) {
		ret = parse_dec(slash + 1, strlen(slash + 1), len, &len);
		if (ret)
			return ret;
	}
	p.len = (uint8_t)len;
	p.host_bits = prefix_clear_host_bits(&p);
	*out = p;
	return 0;
}

/**
 * prefix_format() - write @p as "ADDRESS/LEN"
 * @p: a prefix from parse_prefix()
 * @buf: where to write, PREFIX_STRLEN bytes suffice
 * @size: size of @buf
 *
 * The length is always written, so the text says exactly what is matched.
 *
 * Return: 0, -EAFNOSUPPORT for a bad family, -ENOSPC if @buf is too small.
 */
int prefix_format(const struct nfwfp_prefix *p, char *buf, size_t size)
{
	char text[INET6_ADDRSTRLEN];
	int n;

	if (p->family != AF_INET && p->family != AF_INET6)
		return -EAFNOSUPPORT;
	if (!inet_ntop(p->family, &p->addr, text, sizeof(text)))
		return -errno;
	n = snprintf(buf, size, "%s/%u", text, p->len);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return 0;
}

/**
 * parse_port_range() - parse "PORT" or "FIRST-LAST"
 * @s: decimal ports 0..65535; a range is inclusive and FIRST <= LAST
 * @out: the range, written only on success; a single port gives lo == hi
 *
 * Port 0 is accepted: it is what a wildcard bind reports and "0-65535" is
 * the natural way to say "any port".
 *
 * Return: 0, -EINVAL for malformed text ("80-", "-80", "80-90-100", "0x50"),
 * -ERANGE for a port above 65535 or an inverted range ("90-80").
 */
int parse_port_range(const char *s, struct nfwfp_port_range *out)
{
	uint64_t lo, hi;
	const char *dash;
	int ret;

	if (!s)
		return -EINVAL;
	dash = strchr(s, '-');
	if (!dash) {
		ret = parse_dec(s, strlen(s), UINT16_MAX, &lo);
		if (ret)
			return ret;
		hi = lo;
	} else {
		ret = parse_dec(s, (size_t)(dash - s), UINT16_MAX, &lo);
		if (ret)
			return ret;
		ret = parse_dec(dash + 1, strlen(dash + 1), UINT16_MAX, &hi);
		if (ret)
			return ret;
		if (lo > hi)
			return -ERANGE;
	}
	out->lo = (uint16_t)lo;
	out->hi = (uint16_t)hi;
	return 0;
}

/*
 * Names as in /etc/protocols, plus the spelling people actually use for
 * ICMPv6. A table rather than getprotobyname(3) so the result does not depend
 * on the host's files. The first entry for a number is its canonical name.
 */
static const struct {
	const char *name;
	uint8_t proto;
} ip_protos[] = {
	{ "icmp",	IPPROTO_ICMP },
	{ "tcp",	IPPROTO_TCP },
	{ "udp",	IPPROTO_UDP },
	{ "ipv6-icmp",	IPPROTO_ICMPV6 },
	{ "icmpv6",	IPPROTO_ICMPV6 },
};

/**
 * parse_ip_proto() - parse an IP protocol (IPv4 protocol, IPv6 next header)
 * @s: a name ("tcp", "udp", "icmp", "ipv6-icmp" or "icmpv6"; any case) or a
 *	number 0..255 as parse_uint() reads it
 * @out: the protocol number, written only on success
 *
 * Return: 0, -EINVAL for an unknown name or malformed number, -ERANGE for a
 * number above 255.
 */
int parse_ip_proto(const char *s, uint8_t *out)
{
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < sizeof(ip_protos) / sizeof(ip_protos[0]); i++) {
		if (!strcasecmp(s, ip_protos[i].name)) {
			*out = ip_protos[i].proto;
			return 0;
		}
	}
	return parse_u8(s, out);
}

/**
 * ip_proto_name() - the canonical name of an IP protocol
 * @proto: the protocol number
 *
 * Return: a name parse_ip_proto() accepts, or NULL if the number has none.
 */
const char *ip_proto_name(uint8_t proto)
{
	size_t i;

	for (i = 0; i < sizeof(ip_protos) / sizeof(ip_protos[0]); i++)
		if (ip_protos[i].proto == proto)
			return ip_protos[i].name;
	return NULL;
}
