// SPDX-License-Identifier: GPL-2.0
/*
 * Parse an outbound packet at LOCAL_OUT into struct nfwfp_pkt.
 *
 * Everything here can come from a raw socket, so nothing in the headers is
 * trusted: every read goes through skb_header_pointer() and every length is
 * checked against the packet. A packet we cannot parse is not misparsed, it
 * is reported as NFWFP_SKIP_MALFORMED and passed untouched.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/inet_sock.h>
#include <net/sock.h>

#include "packet.h"

static void nfwfp_pkt_sock(struct sk_buff *skb, struct nfwfp_pkt *pkt)
{
	struct sock *sk = skb->sk;

	if (!sk || !sk_fullsock(sk) || sk->sk_kern_sock)
		return;
	pkt->flags |= NFWFP_PKT_FULLSK;
	if (sk->sk_type == SOCK_RAW) {
		pkt->flags |= NFWFP_PKT_RAW;
		if (inet_sk(sk)->hdrincl)
			pkt->flags |= NFWFP_PKT_HDRINCL;
	}
}

/* ICMP errors the stack generates come from its per-netns kernel sockets. */
static bool nfwfp_icmp_from_stack(const struct sk_buff *skb)
{
	return !skb->sk || !sk_fullsock(skb->sk) || skb->sk->sk_kern_sock;
}

static bool nfwfp_icmp4_is_error(u8 type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

/* Transport header: ports or ICMP type/code, and the header's size. */
static int nfwfp_pkt_l4(const struct sk_buff *skb, unsigned int off,
			struct nfwfp_pkt *pkt)
{
	switch (pkt->proto) {
	case IPPROTO_TCP: {
		struct tcphdr _th;
		const struct tcphdr *th;

		th = skb_header_pointer(skb, off, sizeof(_th), &_th);
		if (!th || th->doff < 5 || off + th->doff * 4 > skb->len)
			return -EINVAL;
		pkt->sport = ntohs(th->source);
		pkt->dport = ntohs(th->dest);
		pkt->l4_len = th->doff * 4;
		return 0;
	}
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE: {
		struct udphdr _uh;
		const struct udphdr *uh;

		uh = skb_header_pointer(skb, off, sizeof(_uh), &_uh);
		if (!uh)
			return -EINVAL;
		pkt->sport = ntohs(uh->source);
		pkt->dport = ntohs(uh->dest);
		pkt->l4_len = sizeof(*uh);
		return 0;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: {
		u8 _tc[2];
		const u8 *tc;

		/* icmphdr and icmp6hdr both start with type, code. */
		tc = skb_header_pointer(skb, off, sizeof(_tc), _tc);
		if (!tc)
			return -EINVAL;
		pkt->icmp_type = tc[0];
		pkt->icmp_code = tc[1];
		pkt->l4_len = off + 8 <= skb->len ? 8 : 0;
		return 0;
	}
	}
	/* Other protocols: no ports, header size unknown to us. */
	return 0;
}

static enum nfwfp_skip nfwfp_pkt_v4(struct sk_buff *skb, struct nfwfp_pkt *pkt)
{
	unsigned int off = skb_network_offset(skb);
	const struct iphdr *iph;
	struct iphdr _iph;

	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5 ||
	    iph->ihl * 4 > skb->len - off)
		return NFWFP_SKIP_MALFORMED;
	if (IPCB(skb)->flags & IPSKB_XFRM_TRANSFORMED)
		return NFWFP_SKIP_XFRM;
	if (ip_is_fragment(iph))
		return NFWFP_SKIP_FRAGMENT;
	if (iph->protocol == IPPROTO_IGMP)
		return NFWFP_SKIP_IGMP;

	pkt->proto = iph->protocol;
	pkt->l3_len = iph->ihl * 4;
	pkt->saddr.v4 = iph->saddr;
	pkt->daddr.v4 = iph->daddr;
	if (nfwfp_pkt_l4(skb, off + pkt->l3_len, pkt))
		return NFWFP_SKIP_MALFORMED;

	if (pkt->proto == IPPROTO_TCP)
		pkt->path = NFWFP_PATH_TRANSPORT;
	else if (pkt->proto == IPPROTO_ICMP &&
		 nfwfp_icmp4_is_error(pkt->icmp_type) &&
		 nfwfp_icmp_from_stack(skb))
		pkt->path = NFWFP_PATH_ICMP_ERROR;
	else
		pkt->path = NFWFP_PATH_DATAGRAM;
	return NFWFP_SKIP_NONE;
}

static enum nfwfp_skip nfwfp_icmp6_skip(u8 type)
{
	switch (type) {
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
		return NFWFP_SKIP_ND;
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		return NFWFP_SKIP_MLD;
	}
	return NFWFP_SKIP_NONE;
}

static enum nfwfp_skip nfwfp_pkt_v6(struct sk_buff *skb, struct nfwfp_pkt *pkt)
{
	unsigned int off = skb_network_offset(skb);
	const struct ipv6hdr *ip6h;
	struct ipv6hdr _ip6h;
	__be16 frag_off;
	u8 nexthdr;
	int l4off;

	ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
	if (!ip6h || ip6h->version != 6)
		return NFWFP_SKIP_MALFORMED;
	if (IP6CB(skb)->flags & IP6SKB_XFRM_TRANSFORMED)
		return NFWFP_SKIP_XFRM;

	nexthdr = ip6h->nexthdr;
	l4off = ipv6_skip_exthdr(skb, off + sizeof(*ip6h), &nexthdr, &frag_off);
	/* An extension header may claim to run past the end of the packet. */
	if (l4off < 0 || l4off > skb->len)
		return NFWFP_SKIP_MALFORMED;
	/* A fragment header, first fragment included, is never indicated. */
	/*
	 * ipv6_skip_exthdr() reports the fragment header's offset field (with
	 * the M bit) of a first fragment and stops at a later one. An atomic
	 * fragment (offset 0, no M bit) is a whole datagram and is presented,
	 * as the receiver will treat it.
	 */
	if (nexthdr == NEXTHDR_FRAGMENT || frag_off)
		return NFWFP_SKIP_FRAGMENT;

	pkt->proto = nexthdr;
	pkt->l3_len = l4off - off;
	pkt->saddr.v6 = ip6h->saddr;
	pkt->daddr.v6 = ip6h->daddr;
	if (nfwfp_pkt_l4(skb, l4off, pkt))
		return NFWFP_SKIP_MALFORMED;

	if (pkt->proto == IPPROTO_TCP) {
		pkt->path = NFWFP_PATH_TRANSPORT;
	} else if (pkt->proto == IPPROTO_ICMPV6) {
		enum nfwfp_skip skip = nfwfp_icmp6_skip(pkt->icmp_type);

		if (skip != NFWFP_SKIP_NONE)
			return skip;
		/* Types below 128 are errors (RFC 4443). */
		if (pkt->icmp_type < 128 && nfwfp_icmp_from_stack(skb))
			pkt->path = NFWFP_PATH_ICMP_ERROR;
		else
			pkt->path = NFWFP_PATH_DATAGRAM;
	} else {
		pkt->path = NFWFP_PATH_DATAGRAM;
	}
	return NFWFP_SKIP_NONE;
}

/**
 * nfwfp_pkt_parse - learn which layers an outbound packet visits, and how
 * @skb: the packet at LOCAL_OUT; its data starts at the IP header
 * @family: NFPROTO_IPV4 or NFPROTO_IPV6 hook
 * @out: the output device
 * @pkt: filled in
 *
 * Return: NFWFP_SKIP_NONE when the packet is to be presented, else the
 * reason it is not.
 */
enum nfwfp_skip nfwfp_pkt_parse(struct sk_buff *skb, u8 family,
				const struct net_device *out,
				struct nfwfp_pkt *pkt)
{
	enum nfwfp_skip skip;

	memset(pkt, 0, sizeof(*pkt));
	pkt->family = family == NFPROTO_IPV4 ? AF_INET : AF_INET6;
	if (out && (out->flags & IFF_LOOPBACK))
		pkt->flags |= NFWFP_PKT_LOOPBACK;
	nfwfp_pkt_sock(skb, pkt);

	skip = family == NFPROTO_IPV4 ? nfwfp_pkt_v4(skb, pkt) :
					nfwfp_pkt_v6(skb, pkt);
	/*
	 * A tunnel's outer packet still carries the inner packet's socket:
	 * that socket is not its endpoint. Only an IPPROTO_RAW socket sends
	 * any protocol.
	 */
	if (skip == NFWFP_SKIP_NONE && (pkt->flags & NFWFP_PKT_FULLSK) &&
	    skb->sk->sk_protocol != pkt->proto &&
	    !(pkt->flags & NFWFP_PKT_HDRINCL))
		pkt->flags &= ~(NFWFP_PKT_FULLSK | NFWFP_PKT_RAW);
	return skip;
}
