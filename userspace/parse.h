/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line argument parsers for nfwfpctl.
 *
 * Pure functions: no global state, no locale, no name service. They return 0
 * on success, -EINVAL when the text is malformed and -ERANGE when it is well
 * formed but out of range, and leave *out untouched on failure so a caller
 * may pre-load a default.
 */
#ifndef NFWFPCTL_PARSE_H
#define NFWFPCTL_PARSE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int parse_uint(const char *s, uint64_t max, uint64_t *out);
int parse_u8(const char *s, uint8_t *out);
int parse_u16(const char *s, uint16_t *out);
int parse_u32(const char *s, uint32_t *out);
int parse_u64(const char *s, uint64_t *out);

/**
 * struct nfwfp_prefix - an IPv4 or IPv6 address with a prefix length
 * @family: AF_INET or AF_INET6
 * @len: prefix length, 0..32 or 0..128
 * @host_bits: the text had bits set beyond @len; they were cleared
 * @addr: the address in network byte order, host bits cleared
 */
struct nfwfp_prefix {
	int family;
	uint8_t len;
	bool host_bits;
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t bytes[16];
	} addr;
};

/* Longest text parse_prefix() accepts or prefix_format() writes, with NUL. */
#define PREFIX_STRLEN	(INET6_ADDRSTRLEN + sizeof("/128") - 1)

int parse_prefix(const char *s, struct nfwfp_prefix *out);
int prefix_format(const struct nfwfp_prefix *p, char *buf, size_t size);

/**
 * struct nfwfp_port_range - an inclusive range of transport ports
 * @lo: first port
 * @hi: last port, >= @lo; equal to @lo for a single port
 */
struct nfwfp_port_range {
	uint16_t lo;
	uint16_t hi;
};

int parse_port_range(const char *s, struct nfwfp_port_range *out);

int parse_ip_proto(const char *s, uint8_t *out);
const char *ip_proto_name(uint8_t proto);

#endif /* NFWFPCTL_PARSE_H */
