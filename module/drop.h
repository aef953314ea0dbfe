/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why nfwfp itself dropped a packet: the reason of the nfwfp:drop
 * tracepoint (trace.h). One list, so that the enum and the names the
 * tracepoint prints can never disagree.
 */
#ifndef _NFWFP_DROP_H
#define _NFWFP_DROP_H

/*
 *   block   a filter or a callout blocked it (not absorbed)
 *   nest    classify nested too deep, and one of its layers has filters
 *   nomem   no memory to show it to the filters (view, header copy, USO
 *           segmentation): dropped rather than let past a block filter
 *   netcap  absorbed, but its namespace is at held_max_per_netns
 *   loop    a re-injected lineage past inject_budget
 *   xmit    an accepted injection that could not be sent (no route, bad
 *           header, refused by a hook or the qdisc)
 */
#define NFWFP_DROP_REASONS			\
	EM(NFWFP_DROP_BLOCK, block)		\
	EM(NFWFP_DROP_NEST, nest)		\
	EM(NFWFP_DROP_NOMEM, nomem)		\
	EM(NFWFP_DROP_NETCAP, netcap)		\
	EM(NFWFP_DROP_LOOP, loop)		\
	EMe(NFWFP_DROP_XMIT, xmit)

#undef EM
#undef EMe
#define EM(a, b) a,
#define EMe(a, b) a
enum nfwfp_drop_reason {
	NFWFP_DROP_REASONS
};
#undef EM
#undef EMe

#endif /* _NFWFP_DROP_H */
