// SPDX-License-Identifier: GPL-2.0
/*
 * The one place nfwfp's tracepoints (trace.h) are instantiated.
 */
#include <linux/build_bug.h>

#include "wfp.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

/* trace.h prints these by value: they must be the WDK's. */
static_assert(FWP_ACTION_BLOCK == 0x1001);
static_assert(FWP_ACTION_PERMIT == 0x1002);
static_assert(FWP_ACTION_CONTINUE == 0x2006);
