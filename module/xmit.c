// SPDX-License-Identifier: GPL-2.0
/*
 * Building and sending an injected packet (DESIGN.md "Keep the original IP
 * header", "Lifetimes"), in the injection worker.
 *
 * Payload: the NB's bytes. When they still lie in the clone's own skb, the
 * new skb is an skb_clone() of it cut to the NB (pages shared by refcount,
 * nothing the callout can free); otherwise they are copied out of the MDLs
 * (an allocated NBL over caller memory, or a clone whose NB a retreat
 * moved). Either way the callout may free its NBL as soon as the send
 * returns.
 *
 * IP header: the packet's own (an NBL descending from an indicated
 * packet: options, extension headers, TOS/ECN, TTL, flow label, ID, DF
 * kept), the sender's (raw header-include: in the NB for v0, in sendArgs
 * for v1), or built from the endpoint's socket for an NBL made from
 * scratch. Then the destination is replaced (sendArgs->remoteAddress),
 * controlData applied, the route taken (or the held one re-validated) and
 * the L4 length and checksum fixed: TCP and UDP leave as CHECKSUM_PARTIAL
 * over the final addresses, so the device or skb_checksum_help() writes a
 * correct checksum whatever the callout did to payload, lengths or the
 * checksum field; ICMP is summed here. A zero UDP-over-IPv4 checksum
 * stays zero ("no checksum"); over IPv6 it is computed.
 *
 * The send runs with BH disabled and the injection published for nfwfp's
 * own hook (injstate.c); ip_local_out() then takes the packet through
 * every LOCAL_OUT hook again, as WFP re-classifies injected packets.
 */
#include <linux/skbuff.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/netfilter/nf_conntrack.h>

#include "compartment.h"
#include "fault.h"
#include "inject.h"
#include "nbl.h"

#define NFWFP_XMIT_GFP	(GFP_KERNEL | __GFP_NOWARN)

/* The NB's bytes as an skb_clone() of the clone's skb, cut to the NB. */
static struct sk_buff *nfwfp_xmit_share(struct sk_buff *src, unsigned int head_off,
					unsigned int len)
{
	struct sk_buff *skb = nfwfp_fault(NFWFP_FAULT_XMIT_SKB) ? NULL :
			      skb_clone(src, NFWFP_XMIT_GFP);
	int delta;

	if (!skb)
		return ERR_PTR(-ENOMEM);
	delta = (int)head_off - (int)skb_headroom(skb);
	if (delta < 0)
		__skb_push(skb, -delta);
	else if (delta && !pskb_pull(skb, delta))
		goto fail;
	if (pskb_trim(skb, len))
		goto fail;
	return skb;
fail:
	kfree_skb(skb);
	return ERR_PTR(-ENOMEM);
}

static unsigned int nfwfp_xmit_l3_room(const struct nfwfp_inj_req *r)
{
	unsigned int l3 = r->hdr ? r->hdr_len :
			  r->origin ? r->origin->l3_len : sizeof(struct ipv6hdr);

	return LL_MAX_HEADER + (r->nb_has_ip ? 0 : l3);
}

static struct sk_buff *nfwfp_xmit_payload(struct nfwfp_inj_req *r)
{
	const struct nfwfp_origin *o = r->origin;
	unsigned int head_off, len;
	struct sk_buff *skb, *src = nfwfp_nbl_skb(r->nbl);

	if (src && nfwfp_nbl_skb_range(r->nbl, &head_off, &len))
		return nfwfp_xmit_share(src, head_off, len);

	skb = nfwfp_nb_copy_skb(r->nbl->FirstNetBuffer, nfwfp_xmit_l3_room(r),
				NFWFP_XMIT_GFP);
	if (IS_ERR(skb) || !o)
		return skb;
	/* What the clone path inherits from the packet. */
	skb->mark = o->mark;
	skb->priority = o->priority;
	skb->queue_mapping = o->queue_mapping;
	skb->tstamp = o->tstamp;
	if (o->hash)
		__skb_set_hash(skb, o->hash, o->sw_hash, o->l4_hash);
	if (o->gso_size && !r->nb_has_ip &&
	    skb->len > o->gso_size + (o->proto == IPPROTO_TCP ? sizeof(struct tcphdr) :
					   sizeof(struct udphdr))) {
		skb_shinfo(skb)->gso_size = o->gso_size;
		skb_shinfo(skb)->gso_type = o->gso_type;
	}
	return skb;
}

/* A fixed header for an NBL made from scratch, from the endpoint's socket. */
static int nfwfp_xmit_build_l3(struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	struct sock *sk = r->sk;

	if (r->family == AF_INET) {
		struct iphdr *iph = skb_push(skb, sizeof(*iph));

		memset(iph, 0, sizeof(*iph));
		iph->version = 4;
		iph->ihl = 5;
		iph->tos = READ_ONCE(inet_sk(sk)->tos);
		iph->ttl = 0;		/* from the route, in nfwfp_xmit_finish_l3 */
		iph->protocol = sk->sk_protocol;
		iph->saddr = READ_ONCE(inet_sk(sk)->inet_saddr);
	} else {
		struct ipv6hdr *ip6h = skb_push(skb, sizeof(*ip6h));

		ip6_flow_hdr(ip6h, READ_ONCE(inet6_sk(sk)->tclass), 0);
		ip6h->nexthdr = sk->sk_protocol;
		ip6h->hop_limit = 0;
		ip6h->saddr = sk->sk_v6_rcv_saddr;
	}
	return 0;
}

/* Put the IP header in front of the payload; network and transport set. */
static int nfwfp_xmit_l3(struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	const u8 *hdr = r->hdr ?: (r->origin ? r->origin->l3 : NULL);
	unsigned int hlen = r->hdr ? r->hdr_len : (r->origin ? r->origin->l3_len : 0);
	int err;

	if (r->nb_has_ip) {
		skb_reset_network_header(skb);
		return 0;
	}
	skb_reset_transport_header(skb);
	err = nfwfp_fault(NFWFP_FAULT_XMIT_HEADROOM) ? -ENOMEM :
	      skb_cow_head(skb, hdr ? hlen : sizeof(struct ipv6hdr));
	if (err)
		return err;
	if (!hdr)
		err = nfwfp_xmit_build_l3(r, skb);
	else
		memcpy(skb_push(skb, hlen), hdr, hlen);
	skb_reset_network_header(skb);
	return err;
}

/*
 * Where the transport header is and which protocol it is, from the header
 * the packet now has; -EINVAL for a header that does not parse.
 */
static int nfwfp_xmit_parse(struct nfwfp_inj_req *r, struct sk_buff *skb, u8 *proto)
{
	unsigned int noff = skb_network_offset(skb), thoff;

	if (r->family == AF_INET) {
		struct iphdr *iph;

		if (!pskb_may_pull(skb, noff + sizeof(*iph)))
			return -EINVAL;
		iph = ip_hdr(skb);
		if (iph->version != 4 || iph->ihl < 5 ||
		    !pskb_may_pull(skb, noff + iph->ihl * 4))
			return -EINVAL;
		thoff = noff + ip_hdr(skb)->ihl * 4;
		*proto = ip_hdr(skb)->protocol;
	} else {
		__be16 frag_off;
		int off;
		u8 nexthdr;

		if (!pskb_may_pull(skb, noff + sizeof(struct ipv6hdr)) ||
		    ipv6_hdr(skb)->version != 6)
			return -EINVAL;
		nexthdr = ipv6_hdr(skb)->nexthdr;
		off = ipv6_skip_exthdr(skb, noff + sizeof(struct ipv6hdr), &nexthdr,
				       &frag_off);
		if (off < 0)
			return -EINVAL;
		thoff = off;
		*proto = nexthdr;
	}
	if (thoff > skb->len)
		return -EINVAL;
	skb_set_transport_header(skb, thoff);
	return 0;
}

/* Destination, then controlData: what the caller asked to change. */
static void nfwfp_xmit_rewrite(struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	const struct nfwfp_inj_ctl *ctl = &r->ctl;

	if (r->family == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);

		if (r->has_daddr)
			iph->daddr = r->daddr.v4;
		if (ctl->tos >= 0)
			iph->tos = ctl->tos;
		if (ctl->ttl > 0)
			iph->ttl = ctl->ttl;
		if (ctl->has_src)
			iph->saddr = ctl->src.v4;
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);

		if (r->has_daddr)
			ip6h->daddr = r->daddr.v6;
		if (ctl->tos >= 0)
			ip6_flow_hdr(ip6h, ctl->tos, ip6_flowlabel(ip6h));
		if (ctl->ttl > 0)
			ip6h->hop_limit = ctl->ttl;
		if (ctl->has_src)
			ip6h->saddr = ctl->src.v6;
	}
}

static void nfwfp_xmit_ports(struct sk_buff *skb, u8 proto, __be16 *sport,
			     __be16 *dport)
{
	__be16 ports[2];

	*sport = 0;
	*dport = 0;
	if ((proto == IPPROTO_TCP || proto == IPPROTO_UDP) &&
	    !skb_copy_bits(skb, skb_transport_offset(skb), ports, sizeof(ports))) {
		*sport = ports[0];
		*dport = ports[1];
	}
}

/*
 * Does the packet still go where the original went? TLInspect-style
 * drivers pass the original's address in sendArgs->remoteAddress on every
 * injection: that is no redirect.
 */
static bool nfwfp_xmit_same_daddr(const struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	const struct nfwfp_origin *o = r->origin;

	if (!o)
		return false;
	if (!r->has_daddr)
		return true;
	if (r->family == AF_INET)
		return o->l3_len >= sizeof(struct iphdr) &&
		       ((const struct iphdr *)o->l3)->daddr == ip_hdr(skb)->daddr;
	return o->l3_len >= sizeof(struct ipv6hdr) &&
	       ipv6_addr_equal(&((const struct ipv6hdr *)o->l3)->daddr,
			       &ipv6_hdr(skb)->daddr);
}

/*
 * The device the original was routed to, when the packet goes where it
 * was going and that device is still up in this namespace: a route that
 * changed while the packet was held does not move it to another device.
 * 0 when that does not apply (then the route decides).
 */
static int nfwfp_xmit_orig_oif(const struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	const struct nfwfp_origin *o = r->origin;
	struct net_device *dev;
	int oif = 0;

	/* Another namespace's index would name another device. */
	if (!o || !o->oif || !nfwfp_xmit_same_daddr(r, skb) ||
	    nfwfp_compartment_of(r->net) != o->compartment)
		return 0;
	rcu_read_lock();
	dev = dev_get_by_index_rcu(r->net, o->oif);
	/* Loopback means "local": the route finds it, pinning would not. */
	if (dev && netif_running(dev) && netif_carrier_ok(dev) &&
	    !(dev->flags & IFF_LOOPBACK))
		oif = o->oif;
	rcu_read_unlock();
	return oif;
}

/*
 * The device to route with: controlData's, a link-local scope, the
 * original socket's binding, the original's device, the socket's binding.
 */
static int nfwfp_xmit_oif(const struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	int oif;

	if (r->ctl.ifindex)
		return r->ctl.ifindex;
	if (r->family == AF_INET6 && r->scope_id &&
	    (ipv6_addr_type(&ipv6_hdr(skb)->daddr) & IPV6_ADDR_LINKLOCAL))
		return r->scope_id;
	if (r->origin && r->origin->bound_if)
		return r->origin->bound_if;
	oif = nfwfp_xmit_orig_oif(r, skb);
	if (oif)
		return oif;
	return r->sk ? READ_ONCE(r->sk->sk_bound_dev_if) : 0;
}

/*
 * The dst the packet was held with may serve: same namespace, same
 * addresses and device choice, its device still up and the route not
 * obsoleted since. Anything else is routed again.
 */
static bool nfwfp_xmit_dst_ok(const struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);
	struct net_device *dev;

	if (!dst || !nfwfp_xmit_same_daddr(r, skb) || r->ctl.ifindex || r->ctl.has_src)
		return false;
	dev = dst->dev;
	if (!dev || dev == blackhole_netdev || !net_eq(dev_net(dev), r->net) ||
	    !netif_running(dev) || dst->obsolete == DST_OBSOLETE_DEAD)
		return false;
	/*
	 * Routes changed since fail this: IPv4's by the namespace's genid,
	 * IPv6's by the serial taken with the packet (origin.c). Both kinds
	 * are DST_OBSOLETE_FORCE_CHK (negative): any non-zero value asks for
	 * the check. An IPv6 dst of no origin has no serial to check against.
	 */
	if (r->family == AF_INET6 && !r->origin)
		return false;
	if (dst->obsolete &&
	    !dst->ops->check(dst, r->family == AF_INET ? 0 : r->origin->dst_cookie))
		return false;
	return true;
}

static int nfwfp_xmit_route4(struct nfwfp_inj_req *r, struct sk_buff *skb, u8 proto)
{
	struct iphdr *iph = ip_hdr(skb);
	bool keep_src = r->nb_has_ip || r->hdr || r->ctl.has_src ||
			(r->origin && (r->origin->flags & NFWFP_ORIGIN_HDRINCL));
	struct flowi4 fl4;
	struct rtable *rt;
	__be16 sport, dport;
	__be32 saddr = iph->saddr;

	nfwfp_xmit_ports(skb, proto, &sport, &dport);
	/* A source this namespace does not own is chosen again, unless given. */
	if (saddr && !keep_src && inet_addr_type(r->net, saddr) != RTN_LOCAL)
		saddr = 0;
	flowi4_init_output(&fl4, nfwfp_xmit_oif(r, skb), skb->mark,
			   RT_TOS(iph->tos), RT_SCOPE_UNIVERSE, proto,
			   r->sk ? inet_sk_flowi_flags(r->sk) : 0, iph->daddr, saddr,
			   dport, sport, sock_net_uid(r->net, r->sk));
	rt = ip_route_output_flow(r->net, &fl4, r->sk);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	iph->saddr = fl4.saddr;
	skb_dst_drop(skb);
	skb_dst_set(skb, &rt->dst);
	return 0;
}

static int nfwfp_xmit_route6(struct nfwfp_inj_req *r, struct sk_buff *skb, u8 proto)
{
	struct ipv6hdr *ip6h = ipv6_hdr(skb);
	bool keep_src = r->nb_has_ip || r->hdr || r->ctl.has_src ||
			(r->origin && (r->origin->flags & NFWFP_ORIGIN_HDRINCL));
	struct dst_entry *dst;
	struct flowi6 fl6 = {
		.flowi6_oif = nfwfp_xmit_oif(r, skb),
		.flowi6_mark = skb->mark,
		.flowi6_proto = proto,
		.flowi6_uid = sock_net_uid(r->net, r->sk),
		.flowlabel = ip6_flowinfo(ip6h),
		.daddr = ip6h->daddr,
		.saddr = ip6h->saddr,
	};

	nfwfp_xmit_ports(skb, proto, &fl6.fl6_sport, &fl6.fl6_dport);
	if (!keep_src && !ipv6_addr_any(&fl6.saddr) &&
	    !ipv6_chk_addr(r->net, &fl6.saddr, NULL, 0))
		fl6.saddr = in6addr_any;
	dst = ip6_dst_lookup_flow(r->net, r->sk, &fl6, NULL);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	ip6h->saddr = fl6.saddr;
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return 0;
}

/* A header built from scratch takes TTL, ID and DF once the route is known. */
static void nfwfp_xmit_finish_l3(struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	if (r->family == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);

		if (!iph->ttl)
			iph->ttl = ip4_dst_hoplimit(dst);
		if (r->origin || r->hdr || r->nb_has_ip)
			return;
		if (r->sk && ip_dont_fragment(r->sk, dst))
			iph->frag_off = htons(IP_DF);
		ip_select_ident(r->net, skb, r->sk);
	} else if (!ipv6_hdr(skb)->hop_limit) {
		ipv6_hdr(skb)->hop_limit = ip6_dst_hoplimit(dst);
	}
}

/* The pseudo-header part of a TCP/UDP checksum; the rest is summed later. */
static void nfwfp_xmit_csum_partial(struct nfwfp_inj_req *r, struct sk_buff *skb,
				    u8 proto, unsigned int off)
{
	unsigned int len = skb->len - skb_transport_offset(skb);
	__sum16 *check = (__sum16 *)(skb_transport_header(skb) + off);

	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = off;
	if (r->family == AF_INET)
		*check = ~csum_tcpudp_magic(ip_hdr(skb)->saddr, ip_hdr(skb)->daddr,
					    len, proto, 0);
	else
		*check = ~csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr,
					  len, proto, 0);
}

/* ICMP is summed here: no device offloads it. */
static void nfwfp_xmit_csum_full(struct nfwfp_inj_req *r, struct sk_buff *skb,
				 u8 proto, unsigned int off)
{
	unsigned int thoff = skb_transport_offset(skb), len = skb->len - thoff;
	__sum16 *check = (__sum16 *)(skb_transport_header(skb) + off);
	__wsum csum;

	*check = 0;
	csum = skb_checksum(skb, thoff, len, 0);
	if (r->family == AF_INET)
		*check = csum_fold(csum);
	else
		*check = csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr,
					 len, proto, csum);
	skb->ip_summed = CHECKSUM_NONE;
}

/* Transport length and checksum over the final addresses. */
static int nfwfp_xmit_l4(struct nfwfp_inj_req *r, struct sk_buff *skb, u8 proto)
{
	unsigned int thoff = skb_transport_offset(skb), len = skb->len - thoff;
	unsigned int need;

	switch (proto) {
	case IPPROTO_TCP:
		need = sizeof(struct tcphdr);
		break;
	case IPPROTO_UDP:
		need = sizeof(struct udphdr);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		need = 4;
		break;
	default:
		return 0;	/* raw protocols: the sender's business */
	}
	/* Truncated transport headers leave as they are (raw senders). */
	if (len < need)
		return 0;
	if (skb_ensure_writable(skb, thoff + need))
		return -ENOMEM;
	switch (proto) {
	case IPPROTO_TCP:
		nfwfp_xmit_csum_partial(r, skb, proto, offsetof(struct tcphdr, check));
		break;
	case IPPROTO_UDP:
		udp_hdr(skb)->len = len > 0xffff ? 0 : htons(len);
		if (r->family == AF_INET && !udp_hdr(skb)->check) {
			skb->ip_summed = CHECKSUM_NONE;	/* "no checksum" stays */
			break;
		}
		nfwfp_xmit_csum_partial(r, skb, proto, offsetof(struct udphdr, check));
		break;
	case IPPROTO_ICMP:
		if (r->family == AF_INET)
			nfwfp_xmit_csum_full(r, skb, proto, offsetof(struct icmphdr, checksum));
		break;
	case IPPROTO_ICMPV6:
		if (r->family == AF_INET6)
			nfwfp_xmit_csum_full(r, skb, proto, offsetof(struct icmp6hdr, icmp6_cksum));
		break;
	}
	return 0;
}

static int nfwfp_xmit_send(struct nfwfp_inj_req *r, struct sk_buff *skb)
{
	int err;

	skb->protocol = htons(r->family == AF_INET ? ETH_P_IP : ETH_P_IPV6);
	nf_reset_ct(skb);
	if (r->sk)
		skb_set_owner_w(skb, r->sk);
	/* WFP's DISPATCH_LEVEL, and the hook must run on this CPU. */
	local_bh_disable();
	nfwfp_inject_publish(skb, &r->info);
	if (r->family == AF_INET)
		err = ip_local_out(r->net, r->sk, skb);
	else
		err = ip6_local_out(r->net, r->sk, skb);
	nfwfp_inject_unpublish();
	local_bh_enable();
	/*
	 * A qdisc drop is a failure; congestion is not, but is counted
	 * (inject.c): NET_XMIT_CN goes back as it is.
	 */
	return err > 0 && err != NET_XMIT_CN ? net_xmit_errno(err) : err;
}

int nfwfp_xmit(struct nfwfp_inj_req *r)
{
	struct sk_buff *skb;
	u8 proto;
	int err;

	skb = nfwfp_xmit_payload(r);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	err = nfwfp_xmit_l3(r, skb);
	if (!err)
		err = nfwfp_xmit_parse(r, skb, &proto);
	if (err)
		goto drop;
	err = skb_ensure_writable(skb, skb_transport_offset(skb));
	if (err)
		goto drop;
	nfwfp_xmit_rewrite(r, skb);
	if (!nfwfp_xmit_dst_ok(r, skb)) {
		err = r->family == AF_INET ? nfwfp_xmit_route4(r, skb, proto) :
					     nfwfp_xmit_route6(r, skb, proto);
		if (err)
			goto drop;
	}
	nfwfp_xmit_finish_l3(r, skb);
	err = nfwfp_xmit_l4(r, skb, proto);
	if (err)
		goto drop;
	return nfwfp_xmit_send(r, skb);
drop:
	kfree_skb(skb);
	return err;
}
