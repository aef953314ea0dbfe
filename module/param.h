/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checked module parameters: writing /sys/module/nfwfp/parameters/NAME must
 * refuse what NFWFP_CMD_SET_CONFIG refuses, or the two doors to the same
 * limits would disagree.
 */
#ifndef _NFWFP_PARAM_H
#define _NFWFP_PARAM_H

#include <linux/moduleparam.h>

/* An unsigned int of at least 1. */
extern const struct kernel_param_ops nfwfp_param_ops_positive;

#endif /* _NFWFP_PARAM_H */
