/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compartments are network namespaces. DEFAULT_COMPARTMENT_ID (1) is
 * init_net; every other netns gets the next id when nfwfp first sees it, and
 * an id is never reused while nfwfp is loaded, so a stale id held by a
 * callout can only ever name "no such compartment", never another tenant.
 */
#ifndef _NFWFP_COMPARTMENT_H
#define _NFWFP_COMPARTMENT_H

#include <linux/types.h>
#include <net/net_namespace.h>

#define NFWFP_COMPARTMENT_UNSPECIFIED	0
#define NFWFP_COMPARTMENT_DEFAULT	1

u32 nfwfp_compartment_of(const struct net *net);
struct net *nfwfp_compartment_get_net(u32 id);
bool nfwfp_compartment_existed(u32 id);


#endif /* _NFWFP_COMPARTMENT_H */
