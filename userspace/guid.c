// SPDX-License-Identifier: GPL-2.0
/*
 * GUID text <-> in-memory bytes. Data1 (4 bytes), Data2 and Data3 (2 bytes
 * each) are little endian in memory; Data4's 8 bytes are in text order.
 * Braces ("{...}", as Windows prints GUIDs) are accepted on input.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "guid.h"

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Where each of the 16 text bytes goes in memory: the first 8 reverse
 * within their group, the last 8 stay.
 */
static const uint8_t guid_mem_pos[GUID_LEN] = {
	3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15,
};

/**
 * guid_parse() - parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
 * @s: the text, optionally in braces; hex digits of either case
 * @out: the key in memory order, written only on success
 *
 * Return: 0 or -EINVAL.
 */
int guid_parse(const char *s, uint8_t out[GUID_LEN])
{
	uint8_t k[GUID_LEN];
	size_t len, i, n = 0;

	if (!s)
		return -EINVAL;
	len = strlen(s);
	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len = 36;
	}
	if (len != 36)
		return -EINVAL;
	for (i = 0; i < 36; ) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -EINVAL;
			continue;
		}
		hi = hex_value(s[i]);
		lo = hex_value(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		k[guid_mem_pos[n++]] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	memcpy(out, k, GUID_LEN);
	return 0;
}

/**
 * guid_format() - the lower-case text form of a key
 * @k: the key in memory order
 * @buf: GUID_STRLEN bytes suffice
 * @size: size of @buf
 */
void guid_format(const uint8_t k[GUID_LEN], char *buf, size_t size)
{
	snprintf(buf, size,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 k[3], k[2], k[1], k[0], k[5], k[4], k[7], k[6], k[8], k[9],
		 k[10], k[11], k[12], k[13], k[14], k[15]);
}
