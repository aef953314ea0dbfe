// SPDX-License-Identifier: GPL-2.0
/* Checked module parameters (param.h). */
#include <linux/kernel.h>

#include "param.h"

static int nfwfp_param_set_positive(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, UINT_MAX);
}

const struct kernel_param_ops nfwfp_param_ops_positive = {
	.set = nfwfp_param_set_positive,
	.get = param_get_uint,
};
