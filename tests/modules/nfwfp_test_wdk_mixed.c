// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfp_test_wdk_mixed: the other include order.
 *
 * Linux networking headers come first, then the WDK headers (still in
 * Windows mode, see the rule at the top of include/wdk/ws2def.h): the
 * Windows numbering must win and nothing may clash. fwpmk.h is included
 * under INITGUID, the way nfwfp.ko defines the FWPM_* GUIDs, so this module
 * holds its own definitions and checks their bytes at load.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/string.h>

static const int linux_af_inet6 = AF_INET6;	/* Linux's, before the WDK */

#define INITGUID
#include <ntddk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>

static_assert(AF_INET6 == 23, "Windows AF_INET6 after Linux headers");
static_assert(WS_AF_INET6 == 23, "WS_AF_INET6");
static_assert(IP_TOS == 3 && WS_IP_TOS == 3, "IP_TOS");
static_assert(IP_PKTINFO == 19, "IP_PKTINFO");
static_assert(IPV6_PKTINFO == 19, "IPV6_PKTINFO");
static_assert(IPV6_TCLASS == 39 && WS_IPV6_TCLASS == 39, "IPV6_TCLASS");
static_assert(IPPROTO_TCP == 6 && IPPROTO_UDP == 17, "IPPROTO");
static_assert(sizeof(IN_PKTINFO) == 8 && sizeof(IN6_PKTINFO) == 20, "pktinfo");
static_assert(sizeof(struct in6_addr) == sizeof(IN6_ADDR), "in6_addr");
static_assert(FWPS_LAYER_OUTBOUND_TRANSPORT_V4 == 16, "layer id");

struct guid_case {
	const char *name;
	const GUID *guid;
	u8 bytes[16];
};

/*
 * Expected bytes written from the text form in reference/wfp_fwpm.md
 * (Data1..3 byte-swapped, Data4 as written), independently of the
 * DEFINE_GUID arguments in fwpmk.h.
 */
static const struct guid_case guid_cases[] = {
	/* 09e61aea-d214-46e2-9b21-b26b0b2f28c8 (the §0.3 example) */
	{ "FWPM_LAYER_OUTBOUND_TRANSPORT_V4", &FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
	  { 0xea, 0x1a, 0xe6, 0x09, 0x14, 0xd2, 0xe2, 0x46,
	    0x9b, 0x21, 0xb2, 0x6b, 0x0b, 0x2f, 0x28, 0xc8 } },
	/* e1735bde-013f-4655-b351-a49e15762df0 */
	{ "FWPM_LAYER_OUTBOUND_TRANSPORT_V6", &FWPM_LAYER_OUTBOUND_TRANSPORT_V6,
	  { 0xde, 0x5b, 0x73, 0xe1, 0x3f, 0x01, 0x55, 0x46,
	    0xb3, 0x51, 0xa4, 0x9e, 0x15, 0x76, 0x2d, 0xf0 } },
	/* 3d08bf4e-45f6-4930-a922-417098e20027 */
	{ "FWPM_LAYER_DATAGRAM_DATA_V4", &FWPM_LAYER_DATAGRAM_DATA_V4,
	  { 0x4e, 0xbf, 0x08, 0x3d, 0xf6, 0x45, 0x30, 0x49,
	    0xa9, 0x22, 0x41, 0x70, 0x98, 0xe2, 0x00, 0x27 } },
	/* 7fb03b60-7b8d-4dfa-badd-980176fc4e12 */
	{ "FWPM_LAYER_OUTBOUND_ICMP_ERROR_V6", &FWPM_LAYER_OUTBOUND_ICMP_ERROR_V6,
	  { 0x60, 0x3b, 0xb0, 0x7f, 0x8d, 0x7b, 0xfa, 0x4d,
	    0xba, 0xdd, 0x98, 0x01, 0x76, 0xfc, 0x4e, 0x12 } },
	/* b235ae9a-1d64-49b8-a44c-5ff3d9095045 */
	{ "FWPM_CONDITION_IP_REMOTE_ADDRESS", &FWPM_CONDITION_IP_REMOTE_ADDRESS,
	  { 0x9a, 0xae, 0x35, 0xb2, 0x64, 0x1d, 0xb8, 0x49,
	    0xa4, 0x4c, 0x5f, 0xf3, 0xd9, 0x09, 0x50, 0x45 } },
	/* 0c1ba1af-5765-453f-af22-a8f791ac775b, also ICMP_TYPE */
	{ "FWPM_CONDITION_ICMP_TYPE", &FWPM_CONDITION_ICMP_TYPE,
	  { 0xaf, 0xa1, 0x1b, 0x0c, 0x65, 0x57, 0x3f, 0x45,
	    0xaf, 0x22, 0xa8, 0xf7, 0x91, 0xac, 0x77, 0x5b } },
	/* eebecc03-ced4-4380-819a-2734397b2b74 */
	{ "FWPM_SUBLAYER_UNIVERSAL", &FWPM_SUBLAYER_UNIVERSAL,
	  { 0x03, 0xcc, 0xbe, 0xee, 0xd4, 0xce, 0x80, 0x43,
	    0x81, 0x9a, 0x27, 0x34, 0x39, 0x7b, 0x2b, 0x74 } },
	/* effb7edb-0055-4f9a-a231-4ff8131ad191 (WDK comment typo, §0.3) */
	{ "FWPM_LAYER_INBOUND_MAC_FRAME_ETHERNET",
	  &FWPM_LAYER_INBOUND_MAC_FRAME_ETHERNET,
	  { 0xdb, 0x7e, 0xfb, 0xef, 0x55, 0x00, 0x9a, 0x4f,
	    0xa2, 0x31, 0x4f, 0xf8, 0x13, 0x1a, 0xd1, 0x91 } },
};

static int __init nfwfp_test_wdk_mixed_init(void)
{
	int i, bad = 0;

	if (linux_af_inet6 != 10) {
		pr_err("nfwfp_test_wdk_mixed: Linux AF_INET6 is %d\n",
		       linux_af_inet6);
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(guid_cases); i++) {
		const struct guid_case *c = &guid_cases[i];

		if (!memcmp(c->guid, c->bytes, sizeof(GUID)))
			continue;
		pr_err("nfwfp_test_wdk_mixed: %s has bytes %16phN, expected %16phN\n",
		       c->name, c->guid, c->bytes);
		bad++;
	}
	if (bad)
		return -EINVAL;
	pr_info("nfwfp_test_wdk_mixed: %d GUIDs checked\n", i);
	return 0;
}

static void __exit nfwfp_test_wdk_mixed_exit(void)
{
}

module_init(nfwfp_test_wdk_mixed_init);
module_exit(nfwfp_test_wdk_mixed_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfwfp test: WDK headers after Linux net headers, INITGUID");
