/* SPDX-License-Identifier: GPL-2.0 */
/* References on indicated NBLs; see ref.c. */
#ifndef _NFWFP_REF_H
#define _NFWFP_REF_H

#include <linux/skbuff.h>

struct nfwfp_cls;

unsigned int nfwfp_hold_verdict(struct nfwfp_cls *c, struct sk_buff *skb,
				unsigned int verdict);

#endif /* _NFWFP_REF_H */
