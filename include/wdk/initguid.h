/* SPDX-License-Identifier: GPL-2.0 */
/*
 * initguid.h - as in the SDK: from here on DEFINE_GUID defines its GUID
 * instead of only declaring it (see guiddef.h).
 */
#ifndef INITGUID
#define INITGUID
#endif
#include "guiddef.h"
