/* SPDX-License-Identifier: GPL-2.0 */
/*
 * limits.h - the C library's integer limits for Windows sources that
 * include <limits.h> (the kernel has no C library): INT_MAX, UINT_MAX,
 * LONG_MAX ... from the kernel's own definitions. Only drivers built with
 * wdk.mk see this file.
 */
#ifndef _NFWFP_WDK_LIMITS_H
#define _NFWFP_WDK_LIMITS_H

#include <linux/limits.h>

#ifndef CHAR_BIT
#define CHAR_BIT	8
#endif

#endif /* _NFWFP_WDK_LIMITS_H */
