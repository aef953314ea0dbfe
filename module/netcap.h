/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-namespace cap on packets kept by callouts (absorbed or
 * referenced), DESIGN.md "Everything is bounded".
 */
#ifndef _NFWFP_NETCAP_H
#define _NFWFP_NETCAP_H

#include <net/net_namespace.h>

struct nfwfp_netcap;

/*
 * Charge one kept packet to @net: the counted charge, or NULL when the
 * namespace is at its cap (counted as over the cap).
 */
struct nfwfp_netcap *nfwfp_netcap_charge(const struct net *net);
/* Any context; the charge may outlive its namespace. */
void nfwfp_netcap_uncharge(struct nfwfp_netcap *cap);

struct nfwfp_netcap_stats {
	u64 held;	/* kept packets now, all namespaces */
	u64 over;	/* packets dropped at a cap */
	u32 max;	/* the cap */
};

void nfwfp_netcap_get_stats(struct nfwfp_netcap_stats *st);
void nfwfp_netcap_reset_stats(void);
u32 nfwfp_netcap_max(void);
void nfwfp_netcap_set_max(u32 max);

#endif /* _NFWFP_NETCAP_H */
