/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What nfwfp learns about an outbound packet at LOCAL_OUT before presenting
 * it: which WFP layers it visits, its 5-tuple and header sizes, or why it is
 * not presented at all. Linux values only; layers.c turns this into WFP's
 * incoming values and metadata.
 */
#ifndef _NFWFP_PACKET_H
#define _NFWFP_PACKET_H

#include <linux/skbuff.h>
#include <linux/in6.h>

/* Packets WFP never shows at its transport layers; counted and passed. */
enum nfwfp_skip {
	NFWFP_SKIP_NONE,
	NFWFP_SKIP_FRAGMENT,	/* outbound IP fragments are not indicated */
	NFWFP_SKIP_XFRM,	/* the ESP/AH outer packet of an xfrm transform */
	NFWFP_SKIP_ND,		/* ICMPv6 133-137 */
	NFWFP_SKIP_MLD,		/* ICMPv6 130-132, 143 */
	NFWFP_SKIP_IGMP,
	NFWFP_SKIP_MALFORMED,	/* lying or truncated headers (raw sockets) */
	__NFWFP_SKIP_MAX
};

/* The WFP layer sequence a presented packet follows (wfp_layer_order.md). */
enum nfwfp_path {
	NFWFP_PATH_TRANSPORT,	/* TCP: OUTBOUND_TRANSPORT only */
	NFWFP_PATH_DATAGRAM,	/* DATAGRAM_DATA (outbound), OUTBOUND_TRANSPORT */
	NFWFP_PATH_ICMP_ERROR,	/* OUTBOUND_ICMP_ERROR, OUTBOUND_TRANSPORT */
};

#define NFWFP_PKT_LOOPBACK	BIT(0)	/* leaves through a loopback device */
#define NFWFP_PKT_RAW		BIT(1)	/* sent by a raw socket */
#define NFWFP_PKT_HDRINCL	BIT(2)	/* ... that wrote its own IP header */
#define NFWFP_PKT_FULLSK	BIT(3)	/* skb->sk is a full user socket */

struct nfwfp_pkt {
	u8 family;		/* AF_INET or AF_INET6 (Linux numbering) */
	u8 proto;		/* transport protocol (after v6 extension headers) */
	u8 path;		/* enum nfwfp_path */
	u8 icmp_type;		/* ICMP/ICMPv6 only */
	u8 icmp_code;
	u16 sport;		/* host order; 0 when the protocol has none */
	u16 dport;
	u16 l3_len;		/* IP header incl. options/extension headers */
	u16 l4_len;		/* parsed transport header size, 0 if unknown */
	u32 flags;		/* NFWFP_PKT_* */
	union {
		__be32 v4;
		struct in6_addr v6;
	} saddr, daddr;
};

enum nfwfp_skip nfwfp_pkt_parse(struct sk_buff *skb, u8 family,
				const struct net_device *out,
				struct nfwfp_pkt *pkt);

#endif /* _NFWFP_PACKET_H */
