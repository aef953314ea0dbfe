// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests of the LOCAL_OUT packet parser (packet.c) on hand-made packets,
 * including the lying and truncated headers a raw socket can send: each must
 * be classified to the right path or skipped with the right reason.
 */
#include <linux/skbuff.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>

#include "../packet.h"
#include "selftest.h"

#define PKT_MAX 128

/* A packet as it reaches LOCAL_OUT: data and network header at the IP header. */
static struct sk_buff *nfwfp_st_skb(const u8 *bytes, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + 64, GFP_KERNEL);

	if (!skb)
		return NULL;
	skb_reserve(skb, 64);
	skb_put_data(skb, bytes, len);
	skb_reset_network_header(skb);
	return skb;
}

static unsigned int nfwfp_st_v4(u8 *p, u8 proto, u8 ihl, u16 frag, const u8 *l4,
				unsigned int l4len)
{
	struct iphdr *iph = (struct iphdr *)p;
	unsigned int hl = ihl * 4;

	memset(p, 0, 60);
	iph->version = 4;
	iph->ihl = ihl;
	iph->ttl = 64;
	iph->protocol = proto;
	iph->frag_off = htons(frag);
	iph->saddr = htonl(0x0a000001);
	iph->daddr = htonl(0x0a000002);
	if (hl < sizeof(*iph))
		hl = sizeof(*iph);
	memcpy(p + hl, l4, l4len);
	iph->tot_len = htons(hl + l4len);
	return hl + l4len;
}

static unsigned int nfwfp_st_v6(u8 *p, u8 nexthdr, const u8 *ext, unsigned int extlen,
				const u8 *l4, unsigned int l4len)
{
	struct ipv6hdr *ip6h = (struct ipv6hdr *)p;

	memset(p, 0, sizeof(*ip6h));
	ip6h->version = 6;
	ip6h->nexthdr = nexthdr;
	ip6h->hop_limit = 64;
	ip6h->saddr.s6_addr[15] = 1;
	ip6h->daddr.s6_addr[15] = 2;
	ip6h->saddr.s6_addr[0] = ip6h->daddr.s6_addr[0] = 0xfd;
	memcpy(p + sizeof(*ip6h), ext, extlen);
	memcpy(p + sizeof(*ip6h) + extlen, l4, l4len);
	ip6h->payload_len = htons(extlen + l4len);
	return sizeof(*ip6h) + extlen + l4len;
}

struct nfwfp_st_expect {
	enum nfwfp_skip skip;
	u8 path, proto, icmp_type;
	u16 sport, dport, l3_len, l4_len;
};

static bool nfwfp_st_check(const char *name, const u8 *bytes, unsigned int len,
			   u8 family, u32 ipcb_flags, const struct net_device *out,
			   const struct nfwfp_st_expect *e, u32 want_flags)
{
	struct nfwfp_pkt pkt;
	enum nfwfp_skip skip;
	struct sk_buff *skb;
	bool ok;

	skb = nfwfp_st_skb(bytes, len);
	if (!skb) {
		pr_err("packet self-test %s: no memory\n", name);
		return false;
	}
	if (family == NFPROTO_IPV4)
		IPCB(skb)->flags = ipcb_flags;
	else
		IP6CB(skb)->flags = ipcb_flags;
	skip = nfwfp_pkt_parse(skb, family, out, &pkt);
	kfree_skb(skb);

	ok = skip == e->skip;
	if (ok && skip == NFWFP_SKIP_NONE)
		ok = pkt.path == e->path && pkt.proto == e->proto &&
		     pkt.icmp_type == e->icmp_type && pkt.sport == e->sport &&
		     pkt.dport == e->dport && pkt.l3_len == e->l3_len &&
		     pkt.l4_len == e->l4_len && pkt.flags == want_flags;
	if (!ok)
		pr_err("packet self-test %s: skip %d path %u proto %u type %u ports %u/%u l3 %u l4 %u flags %#x\n",
		       name, skip, pkt.path, pkt.proto, pkt.icmp_type, pkt.sport,
		       pkt.dport, pkt.l3_len, pkt.l4_len, pkt.flags);
	return ok;
}

static const u8 nfwfp_st_tcp[20] = { 0x30, 0x39, 0x00, 0x50, [12] = 0x50 };
static const u8 nfwfp_st_tcp_doff4[20] = { 0x30, 0x39, 0x00, 0x50, [12] = 0x40 };
static const u8 nfwfp_st_udp[12] = { 0x04, 0xd2, 0x00, 0x35, 0x00, 0x0c };
static const u8 nfwfp_st_echo[8] = { ICMP_ECHO };
static const u8 nfwfp_st_unreach[36] = { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH };

static bool nfwfp_st_v4_cases(void)
{
	const struct net_device *lo = init_net.loopback_dev;
	u8 p[PKT_MAX];
	unsigned int n;
	bool ok = true;

	n = nfwfp_st_v4(p, IPPROTO_TCP, 5, 0, nfwfp_st_tcp, 20);
	ok &= nfwfp_st_check("v4 tcp", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_TRANSPORT,
					   IPPROTO_TCP, 0, 12345, 80, 20, 20 }, 0);
	ok &= nfwfp_st_check("v4 tcp over loopback", p, n, NFPROTO_IPV4, 0, lo,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_TRANSPORT,
					   IPPROTO_TCP, 0, 12345, 80, 20, 20 },
		NFWFP_PKT_LOOPBACK);
	n = nfwfp_st_v4(p, IPPROTO_UDP, 6, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 udp with options", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_DATAGRAM,
					   IPPROTO_UDP, 0, 1234, 53, 24, 8 }, 0);
	n = nfwfp_st_v4(p, IPPROTO_ICMP, 5, 0, nfwfp_st_echo, 8);
	ok &= nfwfp_st_check("v4 icmp echo", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_DATAGRAM,
					   IPPROTO_ICMP, ICMP_ECHO, 0, 0, 20, 8 }, 0);
	n = nfwfp_st_v4(p, IPPROTO_ICMP, 5, 0, nfwfp_st_unreach, 36);
	ok &= nfwfp_st_check("v4 icmp error from the stack", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_ICMP_ERROR,
					   IPPROTO_ICMP, ICMP_DEST_UNREACH, 0, 0, 20, 8 }, 0);
	n = nfwfp_st_v4(p, 253, 5, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 unknown protocol", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_DATAGRAM,
					   253, 0, 0, 0, 20, 0 }, 0);

	n = nfwfp_st_v4(p, IPPROTO_UDP, 5, IP_MF, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 first fragment", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_FRAGMENT }, 0);
	n = nfwfp_st_v4(p, IPPROTO_UDP, 5, 185, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 later fragment", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_FRAGMENT }, 0);
	n = nfwfp_st_v4(p, IPPROTO_IGMP, 5, 0, nfwfp_st_echo, 8);
	ok &= nfwfp_st_check("v4 igmp", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_IGMP }, 0);
	n = nfwfp_st_v4(p, IPPROTO_ESP, 5, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 xfrm outer packet", p, n, NFPROTO_IPV4,
		IPSKB_XFRM_TRANSFORMED, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_XFRM }, 0);

	/* Lies a hdrincl raw socket can tell. */
	n = nfwfp_st_v4(p, IPPROTO_UDP, 4, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 ihl 4", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	n = nfwfp_st_v4(p, IPPROTO_UDP, 15, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v4 ihl beyond the packet", p, 40, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	n = nfwfp_st_v4(p, IPPROTO_TCP, 5, 0, nfwfp_st_tcp, 20);
	ok &= nfwfp_st_check("v4 truncated tcp", p, n - 10, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	n = nfwfp_st_v4(p, IPPROTO_TCP, 5, 0, nfwfp_st_tcp_doff4, 20);
	ok &= nfwfp_st_check("v4 tcp doff 4", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	n = nfwfp_st_v4(p, IPPROTO_UDP, 5, 0, nfwfp_st_udp, 4);
	ok &= nfwfp_st_check("v4 truncated udp", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	p[0] = 0x65;
	ok &= nfwfp_st_check("v4 hook, version 6", p, n, NFPROTO_IPV4, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	return ok;
}

static bool nfwfp_st_v6_cases(void)
{
	static const u8 hbh[8] = { IPPROTO_TCP, 0, IPV6_TLV_PADN, 4 };
	static const u8 frag_first[8] = { IPPROTO_UDP, 0, 0x00, 0x01 };
	static const u8 frag_later[8] = { IPPROTO_UDP, 0, 0x00, 0xb8 };
	static const u8 hbh_long[8] = { IPPROTO_UDP, 4 };
	u8 p[PKT_MAX], icmp[8] = { 0 };
	unsigned int n;
	bool ok = true;

	n = nfwfp_st_v6(p, IPPROTO_UDP, NULL, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v6 udp", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_DATAGRAM,
					   IPPROTO_UDP, 0, 1234, 53, 40, 8 }, 0);
	n = nfwfp_st_v6(p, NEXTHDR_HOP, hbh, 8, nfwfp_st_tcp, 20);
	ok &= nfwfp_st_check("v6 hop-by-hop then tcp", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_TRANSPORT,
					   IPPROTO_TCP, 0, 12345, 80, 48, 20 }, 0);
	n = nfwfp_st_v6(p, NEXTHDR_FRAGMENT, frag_first, 8, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v6 first fragment", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_FRAGMENT }, 0);
	n = nfwfp_st_v6(p, NEXTHDR_FRAGMENT, frag_later, 8, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v6 later fragment", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_FRAGMENT }, 0);
	n = nfwfp_st_v6(p, NEXTHDR_HOP, hbh_long, 8, NULL, 0);
	ok &= nfwfp_st_check("v6 extension header beyond the packet", p, n,
		NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MALFORMED }, 0);
	n = nfwfp_st_v6(p, IPPROTO_ESP, NULL, 0, nfwfp_st_udp, 12);
	ok &= nfwfp_st_check("v6 xfrm outer packet", p, n, NFPROTO_IPV6,
		IP6SKB_XFRM_TRANSFORMED, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_XFRM }, 0);

	icmp[0] = NDISC_NEIGHBOUR_SOLICITATION;
	n = nfwfp_st_v6(p, IPPROTO_ICMPV6, NULL, 0, icmp, 8);
	ok &= nfwfp_st_check("v6 neighbour solicitation", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_ND }, 0);
	icmp[0] = ICMPV6_MLD2_REPORT;
	n = nfwfp_st_v6(p, IPPROTO_ICMPV6, NULL, 0, icmp, 8);
	ok &= nfwfp_st_check("v6 mldv2 report", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_MLD }, 0);
	icmp[0] = ICMPV6_ECHO_REQUEST;
	n = nfwfp_st_v6(p, IPPROTO_ICMPV6, NULL, 0, icmp, 8);
	ok &= nfwfp_st_check("v6 echo request", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_DATAGRAM,
					   IPPROTO_ICMPV6, ICMPV6_ECHO_REQUEST, 0, 0, 40, 8 }, 0);
	icmp[0] = ICMPV6_DEST_UNREACH;
	n = nfwfp_st_v6(p, IPPROTO_ICMPV6, NULL, 0, icmp, 8);
	ok &= nfwfp_st_check("v6 error from the stack", p, n, NFPROTO_IPV6, 0, NULL,
		&(struct nfwfp_st_expect){ NFWFP_SKIP_NONE, NFWFP_PATH_ICMP_ERROR,
					   IPPROTO_ICMPV6, ICMPV6_DEST_UNREACH, 0, 0, 40, 8 }, 0);
	return ok;
}

bool nfwfp_selftest_packet(void)
{
	bool ok = nfwfp_st_v4_cases();

	return nfwfp_st_v6_cases() && ok;
}
