/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfwfp's own fault points, on every kernel (the debug kernel's failslab
 * and fail_page_alloc cannot aim at one allocation in softirq): each
 * allocation or failure point of the classify, keep, clone, inject and
 * transmit paths asks nfwfp_fault(site) first and fails as if the
 * allocation had. Armed through /sys/kernel/debug/nfwfp/fail_at:
 *
 *	echo SITE:NTH[:TIMES] > fail_at	the NTH next hit of SITE fails, and
 *					the TIMES - 1 hits after it (1)
 *	echo off > fail_at		disarm all
 *	cat fail_at			"SITE hits=H failed=F armed=N/T"
 *
 * Unarmed, a site costs a static branch.
 */
#ifndef _NFWFP_FAULT_H
#define _NFWFP_FAULT_H

#include <linux/jump_label.h>

enum nfwfp_fault_site {
	NFWFP_FAULT_NBL,		/* an NBL of nfwfp's: kept, cloned or allocated */
	NFWFP_FAULT_NBL_RETREAT,	/* a retreat buffer (NdisRetreat...) */
	NFWFP_FAULT_HOLD,		/* a reference's hold (FwpsReference...) */
	NFWFP_FAULT_HOLD_CLONE,		/* the skb a permitted, referenced packet keeps */
	NFWFP_FAULT_CLONE_SKB,		/* FwpsAllocateCloneNetBufferList0's skb */
	NFWFP_FAULT_ALLOC_NBL,		/* FwpsAllocateNetBufferAndNetBufferList0, MDLs */
	NFWFP_FAULT_ORIGIN,		/* what a kept packet was */
	NFWFP_FAULT_HDRINCL,		/* a header-include header copy (classify) */
	NFWFP_FAULT_USO_SEGMENT,	/* segmenting a UDP GSO packet (classify) */
	NFWFP_FAULT_INJECT_REQ,		/* an injection request (synchronous) */
	NFWFP_FAULT_XMIT_SKB,		/* the skb the worker sends */
	NFWFP_FAULT_XMIT_HEADROOM,	/* headroom for the IP header (worker) */
	__NFWFP_FAULT_MAX
};

DECLARE_STATIC_KEY_FALSE(nfwfp_fault_armed);
bool nfwfp_fault_hit(enum nfwfp_fault_site site);

static inline bool nfwfp_fault(enum nfwfp_fault_site site)
{
	if (static_branch_unlikely(&nfwfp_fault_armed))
		return nfwfp_fault_hit(site);
	return false;
}

u64 nfwfp_faults_injected(void);
void nfwfp_fault_debugfs(struct dentry *dir);

#endif /* _NFWFP_FAULT_H */
