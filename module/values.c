// SPDX-License-Identifier: GPL-2.0
/*
 * FWPS_INCOMING_VALUES0 and FWPS_INCOMING_METADATA_VALUES0 for one layer,
 * built from what packet.c learned. Values WFP has but Linux cannot know
 * (network profile ids, IPsec realms, quarantine epochs) are FWP_EMPTY, so
 * a condition on them never matches, rather than a made-up number.
 *
 * Metadata sets exactly the bits nfwfp fills at these layers:
 * SYSTEM_FLAGS, TRANSPORT_HEADER_SIZE, COMPARTMENT_ID,
 * TRANSPORT_ENDPOINT_HANDLE (full user sockets), REMOTE_SCOPE_ID (IPv6
 * scoped destinations) and, for header-include raw sockets, IP_HEADER_SIZE
 * and TRANSPORT_HEADER_INCLUDE_HEADER. Never PROCESS_ID, FLOW_HANDLE or
 * TRANSPORT_CONTROL_DATA.
 */
#include <linux/netdevice.h>
#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>

#include "engine.h"
#include "packet.h"
#include "classify.h"

/* IANA ifType values (Windows ipifcons.h uses the same numbers). */
#define NFWFP_IF_TYPE_OTHER		1
#define NFWFP_IF_TYPE_ETHERNET_CSMACD	6
#define NFWFP_IF_TYPE_SOFTWARE_LOOPBACK	24
#define NFWFP_IF_TYPE_TUNNEL		131
/* TUNNEL_TYPE (Windows ifdef.h) */
#define NFWFP_TUNNEL_TYPE_NONE		0
#define NFWFP_TUNNEL_TYPE_OTHER		1

static bool nfwfp_dev_is_tunnel(const struct net_device *dev)
{
	switch (dev->type) {
	case ARPHRD_TUNNEL:
	case ARPHRD_TUNNEL6:
	case ARPHRD_SIT:
	case ARPHRD_IPGRE:
	case ARPHRD_IP6GRE:
	case ARPHRD_NONE:	/* wireguard, tun */
		return true;
	}
	return false;
}

static u32 nfwfp_if_type(const struct net_device *dev)
{
	if (!dev)
		return NFWFP_IF_TYPE_OTHER;
	if (dev->flags & IFF_LOOPBACK)
		return NFWFP_IF_TYPE_SOFTWARE_LOOPBACK;
	if (dev->type == ARPHRD_ETHER)
		return NFWFP_IF_TYPE_ETHERNET_CSMACD;
	if (nfwfp_dev_is_tunnel(dev))
		return NFWFP_IF_TYPE_TUNNEL;
	return NFWFP_IF_TYPE_OTHER;
}

static u8 nfwfp_addr_type4(__be32 a)
{
	if (!a)
		return NlatUnspecified;
	if (ipv4_is_multicast(a))
		return NlatMulticast;
	if (ipv4_is_lbcast(a))
		return NlatBroadcast;
	return NlatUnicast;
}

static u8 nfwfp_addr_type6(const struct in6_addr *a)
{
	if (ipv6_addr_any(a))
		return NlatUnspecified;
	if (ipv6_addr_is_multicast(a))
		return NlatMulticast;
	return NlatUnicast;
}

static void nfwfp_set_u8(FWPS_INCOMING_VALUE0 *v, u8 x)
{
	v->value.type = FWP_UINT8;
	v->value.uint8 = x;
}

static void nfwfp_set_u16(FWPS_INCOMING_VALUE0 *v, u16 x)
{
	v->value.type = FWP_UINT16;
	v->value.uint16 = x;
}

static void nfwfp_set_u32(FWPS_INCOMING_VALUE0 *v, u32 x)
{
	v->value.type = FWP_UINT32;
	v->value.uint32 = x;
}

static void nfwfp_set_addr(struct nfwfp_cls *c, FWPS_INCOMING_VALUE0 *v,
			   bool local)
{
	const struct nfwfp_pkt *pkt = c->pkt;

	if (pkt->family == AF_INET) {
		/* IPv4 addresses are presented in host order (§3.9). */
		nfwfp_set_u32(v, ntohl(local ? pkt->saddr.v4 : pkt->daddr.v4));
		return;
	}
	v->value.type = FWP_BYTE_ARRAY16_TYPE;
	v->value.byteArray16 = local ? &c->local6 : &c->remote6;
	memcpy(v->value.byteArray16->byteArray16,
	       local ? &pkt->saddr.v6 : &pkt->daddr.v6, 16);
}

static u8 nfwfp_addr_type(const struct nfwfp_pkt *pkt, bool local)
{
	if (pkt->family == AF_INET)
		return nfwfp_addr_type4(local ? pkt->saddr.v4 : pkt->daddr.v4);
	return nfwfp_addr_type6(local ? &pkt->saddr.v6 : &pkt->daddr.v6);
}

static bool nfwfp_pkt_is_icmp(const struct nfwfp_pkt *pkt)
{
	return pkt->proto == IPPROTO_ICMP || pkt->proto == IPPROTO_ICMPV6;
}

/* One field, by meaning. */
static void nfwfp_value(struct nfwfp_cls *c, u8 sem, FWPS_INCOMING_VALUE0 *v)
{
	const struct nfwfp_pkt *pkt = c->pkt;
	const struct net_device *dev = c->dev;
	u32 flags = 0;

	switch (sem) {
	case NFWFP_SEM_IP_PROTOCOL:
		return nfwfp_set_u8(v, pkt->proto);
	case NFWFP_SEM_IP_LOCAL_ADDRESS:
		return nfwfp_set_addr(c, v, true);
	case NFWFP_SEM_IP_REMOTE_ADDRESS:
		return nfwfp_set_addr(c, v, false);
	case NFWFP_SEM_IP_LOCAL_ADDRESS_TYPE:
		return nfwfp_set_u8(v, nfwfp_addr_type(pkt, true));
	case NFWFP_SEM_IP_DESTINATION_ADDRESS_TYPE:
		return nfwfp_set_u8(v, nfwfp_addr_type(pkt, false));
	/* For ICMP the port fields carry type and code (fwpsk.h aliases). */
	case NFWFP_SEM_IP_LOCAL_PORT:
	case NFWFP_SEM_ICMP_TYPE:
		return nfwfp_set_u16(v, nfwfp_pkt_is_icmp(pkt) ? pkt->icmp_type :
								  pkt->sport);
	case NFWFP_SEM_IP_REMOTE_PORT:
	case NFWFP_SEM_ICMP_CODE:
		return nfwfp_set_u16(v, nfwfp_pkt_is_icmp(pkt) ? pkt->icmp_code :
								  pkt->dport);
	case NFWFP_SEM_IP_LOCAL_INTERFACE:
		/* A NET_LUID: IfType in bits 48-63, NetLuidIndex in 24-47. */
		c->luid = (u64)nfwfp_if_type(dev) << 48 |
			  (u64)(dev ? dev->ifindex & 0xffffff : 0) << 24;
		v->value.type = FWP_UINT64;
		v->value.uint64 = &c->luid;
		return;
	case NFWFP_SEM_INTERFACE_INDEX:
	case NFWFP_SEM_SUB_INTERFACE_INDEX:
		/* Linux has no sub-interfaces: both name the output device. */
		return nfwfp_set_u32(v, dev ? dev->ifindex : 0);
	case NFWFP_SEM_FLAGS:
		if (pkt->flags & NFWFP_PKT_LOOPBACK)
			flags |= FWP_CONDITION_FLAG_IS_LOOPBACK;
		if (pkt->flags & NFWFP_PKT_RAW)
			flags |= FWP_CONDITION_FLAG_IS_RAW_ENDPOINT;
		return nfwfp_set_u32(v, flags);
	case NFWFP_SEM_INTERFACE_TYPE:
		return nfwfp_set_u32(v, nfwfp_if_type(dev));
	case NFWFP_SEM_TUNNEL_TYPE:
		return nfwfp_set_u32(v, dev && nfwfp_dev_is_tunnel(dev) ?
				     NFWFP_TUNNEL_TYPE_OTHER : NFWFP_TUNNEL_TYPE_NONE);
	case NFWFP_SEM_COMPARTMENT_ID:
		return nfwfp_set_u32(v, c->compartment);
	case NFWFP_SEM_DIRECTION:
		return nfwfp_set_u32(v, FWP_DIRECTION_OUTBOUND);
	default:
		v->value.type = FWP_EMPTY;
		return;
	}
}

/* IPv6 link- and interface-local destinations carry their zone. */
static bool nfwfp_scope(const struct nfwfp_cls *c, SCOPE_ID *scope)
{
	const struct in6_addr *d = &c->pkt->daddr.v6;
	int type, level;

	if (c->pkt->family != AF_INET6 || !c->dev)
		return false;
	type = ipv6_addr_type(d);
	if (type & IPV6_ADDR_LINKLOCAL)
		level = ScopeLevelLink;
	else if ((type & IPV6_ADDR_MULTICAST) &&
		 ipv6_addr_scope(d) == IPV6_ADDR_SCOPE_NODELOCAL)
		level = ScopeLevelInterface;
	else if ((type & IPV6_ADDR_MULTICAST) &&
		 ipv6_addr_scope(d) == IPV6_ADDR_SCOPE_LINKLOCAL)
		level = ScopeLevelLink;
	else
		return false;
	scope->Value = 0;
	scope->Zone = c->dev->ifindex;
	scope->Level = level;
	return true;
}

static void nfwfp_metadata(struct nfwfp_cls *c)
{
	FWPS_INCOMING_METADATA_VALUES0 *m = &c->meta;
	const struct nfwfp_pkt *pkt = c->pkt;

	memset(m, 0, sizeof(*m));
	m->currentMetadataValues = FWPS_METADATA_FIELD_SYSTEM_FLAGS |
				   FWPS_METADATA_FIELD_TRANSPORT_HEADER_SIZE |
				   FWPS_METADATA_FIELD_COMPARTMENT_ID;
	m->transportHeaderSize = pkt->l4_len;
	m->compartmentId = c->compartment;
	if (c->endpoint) {
		m->currentMetadataValues |= FWPS_METADATA_FIELD_TRANSPORT_ENDPOINT_HANDLE;
		m->transportEndpointHandle = c->endpoint;
	}
	if (nfwfp_scope(c, &m->remoteScopeId))
		m->currentMetadataValues |= FWPS_METADATA_FIELD_REMOTE_SCOPE_ID;
	if (pkt->flags & NFWFP_PKT_HDRINCL) {
		/* The callout gets its own copy of the sender's IP header. */
		m->currentMetadataValues |= FWPS_METADATA_FIELD_IP_HEADER_SIZE |
			FWPS_METADATA_FIELD_TRANSPORT_HEADER_INCLUDE_HEADER;
		m->ipHeaderSize = pkt->l3_len;
		m->headerIncludeHeader = c->hdr;
		m->headerIncludeHeaderLength = pkt->l3_len;
	}
}

/**
 * nfwfp_values_build - the incoming values and metadata for one layer
 * @c: per-packet scratch; pkt, dev, compartment (and hdr) already set
 * @layer: enum nfwfp_layer
 */
void nfwfp_values_build(struct nfwfp_cls *c, int layer)
{
	const struct nfwfp_layer_info *li = &nfwfp_layers[layer];
	u16 i;

	c->in.layerId = li->layer_id;
	c->in.valueCount = li->num_fields;
	c->in.incomingValue = c->vals;
	for (i = 0; i < li->num_fields; i++)
		nfwfp_value(c, li->fields[i].sem, &c->vals[i]);
	nfwfp_metadata(c);
}
