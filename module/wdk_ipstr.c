// SPDX-License-Identifier: GPL-2.0
/*
 * RtlIpv4StringToAddress[AW] and RtlIpv6StringToAddress[AW]: the semantics
 * are described in include/wdk/ip2string.h. One parser serves the narrow
 * and the wide forms: a string is read through nfwfp_ch(), one character
 * (of either width) at an index.
 */
#include <linux/kernel.h>
#include <linux/module.h>

#include "wfp.h"
#include <ip2string.h>

struct nfwfp_text {
	const void *s;
	bool wide;
};

static u16 nfwfp_ch(const struct nfwfp_text *t, size_t i)
{
	return t->wide ? ((const u16 *)t->s)[i] : (u8)((const char *)t->s)[i];
}

/* The value of c as a digit in base, or -1. */
static int nfwfp_digit(u16 c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < base ? d : -1;
}

/* One IPv4 part at *pos; *pos ends where the part does. */
static NTSTATUS nfwfp_ipv4_part(const struct nfwfp_text *t, size_t *pos,
				bool strict, u32 *out)
{
	unsigned int base = 10, digits = 0;
	size_t i = *pos;
	u64 v = 0;
	int d;

	if (nfwfp_ch(t, i) == '0' &&
	    (nfwfp_ch(t, i + 1) == 'x' || nfwfp_ch(t, i + 1) == 'X')) {
		base = 16;
		i += 2;
	} else if (nfwfp_ch(t, i) == '0' && nfwfp_digit(nfwfp_ch(t, i + 1), 10) >= 0) {
		base = 8;
		i += 1;
	}
	if (strict && base != 10) {
		*pos = *pos + 1;
		return STATUS_INVALID_PARAMETER;
	}
	for (; (d = nfwfp_digit(nfwfp_ch(t, i), base)) >= 0; i++, digits++) {
		v = v * base + d;
		if (v > U32_MAX) {
			*pos = i;
			return STATUS_INVALID_PARAMETER;
		}
	}
	*pos = i;
	if (!digits)
		return STATUS_INVALID_PARAMETER;
	*out = v;
	return STATUS_SUCCESS;
}

/* The address in host order; *pos: where parsing stopped. */
static NTSTATUS nfwfp_ipv4_parse(const struct nfwfp_text *t, size_t *pos,
				 bool strict, u32 *addr)
{
	u32 parts[4], result;
	NTSTATUS status;
	int n = 0, k;

	for (;;) {
		status = nfwfp_ipv4_part(t, pos, strict, &parts[n]);
		if (!NT_SUCCESS(status))
			return status;
		n++;
		if (nfwfp_ch(t, *pos) != '.')
			break;
		if (n == 4)
			return STATUS_INVALID_PARAMETER;
		(*pos)++;
	}
	if (strict && n != 4)
		return STATUS_INVALID_PARAMETER;
	/* Leading parts are one byte each; the last fills the rest. */
	result = 0;
	for (k = 0; k < n - 1; k++) {
		if (parts[k] > 0xff)
			return STATUS_INVALID_PARAMETER;
		result |= parts[k] << (8 * (3 - k));
	}
	if (parts[n - 1] > (U32_MAX >> (8 * (n - 1))))
		return STATUS_INVALID_PARAMETER;
	*addr = result | parts[n - 1];
	return STATUS_SUCCESS;
}

static NTSTATUS nfwfp_ipv4(const struct nfwfp_text *t, bool strict,
			   size_t *end, IN_ADDR *addr)
{
	NTSTATUS status;
	u32 a;

	*end = 0;
	status = nfwfp_ipv4_parse(t, end, strict, &a);
	if (NT_SUCCESS(status))
		addr->s_addr = (__force ULONG)htonl(a);
	return status;
}

/*
 * One step of an IPv6 address at *pos: a group, or the final dotted quad
 * (two groups). Returns the number of groups stored, or -1.
 */
static int nfwfp_ipv6_group(const struct nfwfp_text *t, size_t *pos,
			    u16 *words, int room)
{
	size_t j = *pos;
	u32 v = 0, a;
	int d, n = 0;

	for (; (d = nfwfp_digit(nfwfp_ch(t, j), 16)) >= 0; j++) {
		v = v * 16 + d;
		n++;
	}
	if (nfwfp_ch(t, j) == '.' && n) {
		if (room < 2 || !NT_SUCCESS(nfwfp_ipv4_parse(t, pos, true, &a)))
			return -1;
		words[0] = a >> 16;
		words[1] = a & 0xffff;
		return 2;
	}
	*pos = j;
	if (!n || n > 4)
		return -1;
	words[0] = v;
	return 1;
}

static NTSTATUS nfwfp_ipv6_parse(const struct nfwfp_text *t, size_t *pos,
				 u16 *words, int *ngroups, int *gap)
{
	bool quad = false;
	int n = 0, got;

	*gap = -1;
	if (nfwfp_ch(t, 0) == ':') {
		if (nfwfp_ch(t, 1) != ':')
			return STATUS_INVALID_PARAMETER;
		*gap = 0;
		*pos = 2;
		if (nfwfp_digit(nfwfp_ch(t, 2), 16) < 0)
			goto done;
	}
	for (;;) {
		got = nfwfp_ipv6_group(t, pos, words + n, 8 - n);
		if (got < 0)
			return STATUS_INVALID_PARAMETER;
		n += got;
		quad = got == 2;
		if (quad || nfwfp_ch(t, *pos) != ':')
			break;
		if (nfwfp_ch(t, *pos + 1) == ':') {
			if (*gap >= 0)
				return STATUS_INVALID_PARAMETER;
			*gap = n;
			*pos += 2;
			if (nfwfp_digit(nfwfp_ch(t, *pos), 16) < 0)
				break;
			continue;
		}
		/* A single colon: another group must follow, and fit. */
		if (n == 8)
			return STATUS_INVALID_PARAMETER;
		(*pos)++;
		if (nfwfp_digit(nfwfp_ch(t, *pos), 16) < 0)
			return STATUS_INVALID_PARAMETER;
	}
done:
	if ((*gap < 0 && n != 8) || (*gap >= 0 && n > 7))
		return STATUS_INVALID_PARAMETER;
	*ngroups = n;
	return STATUS_SUCCESS;
}

static NTSTATUS nfwfp_ipv6(const struct nfwfp_text *t, size_t *end,
			   IN6_ADDR *addr)
{
	u16 words[8], full[8] = { 0 };
	int n = 0, gap, k;
	NTSTATUS status;

	*end = 0;
	status = nfwfp_ipv6_parse(t, end, words, &n, &gap);
	if (!NT_SUCCESS(status))
		return status;
	if (gap < 0)
		gap = n;
	for (k = 0; k < gap; k++)
		full[k] = words[k];
	for (k = gap; k < n; k++)
		full[8 - (n - k)] = words[k];
	for (k = 0; k < 8; k++) {
		addr->u.Byte[2 * k] = full[k] >> 8;
		addr->u.Byte[2 * k + 1] = full[k] & 0xff;
	}
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlIpv4StringToAddressW(PCWSTR S, BOOLEAN Strict,
				       LPCWSTR *Terminator, IN_ADDR *Addr)
{
	struct nfwfp_text t = { S, true };
	NTSTATUS status;
	size_t end;

	if (!S || !Terminator || !Addr)
		return STATUS_INVALID_PARAMETER;
	status = nfwfp_ipv4(&t, Strict, &end, Addr);
	*Terminator = S + end;
	return status;
}
EXPORT_SYMBOL_GPL(RtlIpv4StringToAddressW);

NTSTATUS NTAPI RtlIpv4StringToAddressA(PCSTR S, BOOLEAN Strict,
				       PCSTR *Terminator, IN_ADDR *Addr)
{
	struct nfwfp_text t = { S, false };
	NTSTATUS status;
	size_t end;

	if (!S || !Terminator || !Addr)
		return STATUS_INVALID_PARAMETER;
	status = nfwfp_ipv4(&t, Strict, &end, Addr);
	*Terminator = S + end;
	return status;
}
EXPORT_SYMBOL_GPL(RtlIpv4StringToAddressA);

NTSTATUS NTAPI RtlIpv6StringToAddressW(PCWSTR S, PCWSTR *Terminator,
				       IN6_ADDR *Addr)
{
	struct nfwfp_text t = { S, true };
	NTSTATUS status;
	size_t end;

	if (!S || !Terminator || !Addr)
		return STATUS_INVALID_PARAMETER;
	status = nfwfp_ipv6(&t, &end, Addr);
	*Terminator = S + end;
	return status;
}
EXPORT_SYMBOL_GPL(RtlIpv6StringToAddressW);

NTSTATUS NTAPI RtlIpv6StringToAddressA(PCSTR S, PCSTR *Terminator,
				       IN6_ADDR *Addr)
{
	struct nfwfp_text t = { S, false };
	NTSTATUS status;
	size_t end;

	if (!S || !Terminator || !Addr)
		return STATUS_INVALID_PARAMETER;
	status = nfwfp_ipv6(&t, &end, Addr);
	*Terminator = S + end;
	return status;
}
EXPORT_SYMBOL_GPL(RtlIpv6StringToAddressA);
