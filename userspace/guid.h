/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GUIDs as nfwfp keys: text "8-4-4-4-12" hex digits, in memory Data1..3
 * little endian, as Windows lays out a GUID and as the UAPI carries keys.
 */
#ifndef NFWFPCTL_GUID_H
#define NFWFPCTL_GUID_H

#include <stddef.h>
#include <stdint.h>

#define GUID_LEN	16
#define GUID_STRLEN	37	/* 36 characters and the NUL */

int guid_parse(const char *s, uint8_t out[GUID_LEN]);
void guid_format(const uint8_t k[GUID_LEN], char *buf, size_t size);

#endif /* NFWFPCTL_GUID_H */
