/* SPDX-License-Identifier: GPL-2.0 */
/* References on indicated NBLs; see ref.c. */
#ifndef _NFWFP_REF_H
#define _NFWFP_REF_H

#include <linux/skbuff.h>

#include "nbl.h"

struct nfwfp_cls;

struct sk_buff *nfwfp_ref_clone_skb(NET_BUFFER_LIST *nbl, gfp_t gfp);

#ifdef NFWFP_SELFTEST
bool nfwfp_ref_test_hold(NET_BUFFER_LIST *nbl, bool modify);
#endif

/* Absorbed packets that their callouts dropped (stats: held_dropped). */
u64 nfwfp_ref_dropped(void);
void nfwfp_ref_reset_stats(void);

unsigned int nfwfp_hold_verdict(struct nfwfp_cls *c, struct sk_buff *skb,
				unsigned int verdict);

#endif /* _NFWFP_REF_H */
