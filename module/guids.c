// SPDX-License-Identifier: GPL-2.0
/*
 * Defines every FWPM_* GUID of fwpmk.h and exports each as a GPL data
 * symbol, so that callout drivers can use FWPM_LAYER_*, FWPM_CONDITION_* and
 * FWPM_SUBLAYER_* without defining them (as Windows drivers link them from
 * fwpkclnt.lib). The export list is generated from fwpmk.h at build time
 * (guids-export.h, see Kbuild), so the two can never disagree.
 */
#include <linux/export.h>

#define NFWFP_WDK_LINUX_SOCKET_NAMES
#define INITGUID
#include <fwpmk.h>

#include "guids-export.h"
