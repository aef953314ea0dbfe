/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fwpmk.h - the kernel-mode subset of the WFP management API: the FWPM_*
 * layer, condition, sublayer and provider GUIDs, and the Fwpm* functions a
 * callout driver calls from its init (engine session, transaction,
 * sublayer, callout and filter objects).
 *
 * As in the WDK, the GUIDs come first and the rest is skipped when
 * GUID_DEFS_ONLY is defined. Without INITGUID the GUIDs are extern
 * declarations: nfwfp.ko defines every one of them (it includes this header
 * under INITGUID) and exports them as data symbols. All are declared
 * regardless of the WDK's NTDDI_VERSION gates, which nfwfp's Windows 10
 * level satisfies.
 *
 * GUID values: reference/wfp_fwpm.md §3.1-§3.4 and Appendix A (extracted
 * from WDK 10.0.22621 km/fwpmk.h; the text form of each is in the comment
 * above it), including the two whose comments are wrong in the WDK (§0.3).
 * Prototypes: wfp_fwpm.md §1.1, exactly, with NTSTATUS returns.
 */
#ifndef _NFWFP_WDK_FWPMK_H
#define _NFWFP_WDK_FWPMK_H

#include "guiddef.h"

/* ---- layers ---- */
/* c86fd1bf-21cd-497e-a0bb-17425c885c58 */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V4,
	0xc86fd1bf, 0x21cd, 0x497e,
	0xa0, 0xbb, 0x17, 0x42, 0x5c, 0x88, 0x5c, 0x58);
/* b5a230d0-a8c0-44f2-916e-991b53ded1f7 */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V4_DISCARD,
	0xb5a230d0, 0xa8c0, 0x44f2,
	0x91, 0x6e, 0x99, 0x1b, 0x53, 0xde, 0xd1, 0xf7);
/* f52032cb-991c-46e7-971d-2601459a91ca */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V6,
	0xf52032cb, 0x991c, 0x46e7,
	0x97, 0x1d, 0x26, 0x01, 0x45, 0x9a, 0x91, 0xca);
/* bb24c279-93b4-47a2-83ad-ae1698b50885 */
DEFINE_GUID(FWPM_LAYER_INBOUND_IPPACKET_V6_DISCARD,
	0xbb24c279, 0x93b4, 0x47a2,
	0x83, 0xad, 0xae, 0x16, 0x98, 0xb5, 0x08, 0x85);
/* 1e5c9fae-8a84-4135-a331-950b54229ecd */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_IPPACKET_V4,
	0x1e5c9fae, 0x8a84, 0x4135,
	0xa3, 0x31, 0x95, 0x0b, 0x54, 0x22, 0x9e, 0xcd);
/* 08e4bcb5-b647-48f3-953c-e5ddbd03937e */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_IPPACKET_V4_DISCARD,
	0x08e4bcb5, 0xb647, 0x48f3,
	0x95, 0x3c, 0xe5, 0xdd, 0xbd, 0x03, 0x93, 0x7e);
/* a3b3ab6b-3564-488c-9117-f34e82142763 */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_IPPACKET_V6,
	0xa3b3ab6b, 0x3564, 0x488c,
	0x91, 0x17, 0xf3, 0x4e, 0x82, 0x14, 0x27, 0x63);
/* 9513d7c4-a934-49dc-91a7-6ccb80cc02e3 */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_IPPACKET_V6_DISCARD,
	0x9513d7c4, 0xa934, 0x49dc,
	0x91, 0xa7, 0x6c, 0xcb, 0x80, 0xcc, 0x02, 0xe3);
/* 5926dfc8-e3cf-4426-a283-dc393f5d0f9d */
DEFINE_GUID(FWPM_LAYER_INBOUND_TRANSPORT_V4,
	0x5926dfc8, 0xe3cf, 0x4426,
	0xa2, 0x83, 0xdc, 0x39, 0x3f, 0x5d, 0x0f, 0x9d);
/* ac4a9833-f69d-4648-b261-6dc84835ef39 */
DEFINE_GUID(FWPM_LAYER_INBOUND_TRANSPORT_V4_DISCARD,
	0xac4a9833, 0xf69d, 0x4648,
	0xb2, 0x61, 0x6d, 0xc8, 0x48, 0x35, 0xef, 0x39);
/* 634a869f-fc23-4b90-b0c1-bf620a36ae6f */
DEFINE_GUID(FWPM_LAYER_INBOUND_TRANSPORT_V6,
	0x634a869f, 0xfc23, 0x4b90,
	0xb0, 0xc1, 0xbf, 0x62, 0x0a, 0x36, 0xae, 0x6f);
/* 2a6ff955-3b2b-49d2-9848-ad9d72dcaab7 */
DEFINE_GUID(FWPM_LAYER_INBOUND_TRANSPORT_V6_DISCARD,
	0x2a6ff955, 0x3b2b, 0x49d2,
	0x98, 0x48, 0xad, 0x9d, 0x72, 0xdc, 0xaa, 0xb7);
/* 09e61aea-d214-46e2-9b21-b26b0b2f28c8 */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_TRANSPORT_V4,
	0x09e61aea, 0xd214, 0x46e2,
	0x9b, 0x21, 0xb2, 0x6b, 0x0b, 0x2f, 0x28, 0xc8);
/* c5f10551-bdb0-43d7-a313-50e211f4d68a */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_TRANSPORT_V4_DISCARD,
	0xc5f10551, 0xbdb0, 0x43d7,
	0xa3, 0x13, 0x50, 0xe2, 0x11, 0xf4, 0xd6, 0x8a);
/* e1735bde-013f-4655-b351-a49e15762df0 */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_TRANSPORT_V6,
	0xe1735bde, 0x013f, 0x4655,
	0xb3, 0x51, 0xa4, 0x9e, 0x15, 0x76, 0x2d, 0xf0);
/* f433df69-ccbd-482e-b9b2-57165658c3b3 */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_TRANSPORT_V6_DISCARD,
	0xf433df69, 0xccbd, 0x482e,
	0xb9, 0xb2, 0x57, 0x16, 0x56, 0x58, 0xc3, 0xb3);
/* 3b89653c-c170-49e4-b1cd-e0eeeee19a3e */
DEFINE_GUID(FWPM_LAYER_STREAM_V4,
	0x3b89653c, 0xc170, 0x49e4,
	0xb1, 0xcd, 0xe0, 0xee, 0xee, 0xe1, 0x9a, 0x3e);
/* 25c4c2c2-25ff-4352-82f9-c54a4a4726dc */
DEFINE_GUID(FWPM_LAYER_STREAM_V4_DISCARD,
	0x25c4c2c2, 0x25ff, 0x4352,
	0x82, 0xf9, 0xc5, 0x4a, 0x4a, 0x47, 0x26, 0xdc);
/* 47c9137a-7ec4-46b3-b6e4-48e926b1eda4 */
DEFINE_GUID(FWPM_LAYER_STREAM_V6,
	0x47c9137a, 0x7ec4, 0x46b3,
	0xb6, 0xe4, 0x48, 0xe9, 0x26, 0xb1, 0xed, 0xa4);
/* 10a59fc7-b628-4c41-9eb8-cf37d55103cf */
DEFINE_GUID(FWPM_LAYER_STREAM_V6_DISCARD,
	0x10a59fc7, 0xb628, 0x4c41,
	0x9e, 0xb8, 0xcf, 0x37, 0xd5, 0x51, 0x03, 0xcf);
/* 3d08bf4e-45f6-4930-a922-417098e20027 */
DEFINE_GUID(FWPM_LAYER_DATAGRAM_DATA_V4,
	0x3d08bf4e, 0x45f6, 0x4930,
	0xa9, 0x22, 0x41, 0x70, 0x98, 0xe2, 0x00, 0x27);
/* 18e330c6-7248-4e52-aaab-472ed67704fd */
DEFINE_GUID(FWPM_LAYER_DATAGRAM_DATA_V4_DISCARD,
	0x18e330c6, 0x7248, 0x4e52,
	0xaa, 0xab, 0x47, 0x2e, 0xd6, 0x77, 0x04, 0xfd);
/* fa45fe2f-3cba-4427-87fc-57b9a4b10d00 */
DEFINE_GUID(FWPM_LAYER_DATAGRAM_DATA_V6,
	0xfa45fe2f, 0x3cba, 0x4427,
	0x87, 0xfc, 0x57, 0xb9, 0xa4, 0xb1, 0x0d, 0x00);
/* 09d1dfe1-9b86-4a42-be9d-8c315b92a5d0 */
DEFINE_GUID(FWPM_LAYER_DATAGRAM_DATA_V6_DISCARD,
	0x09d1dfe1, 0x9b86, 0x4a42,
	0xbe, 0x9d, 0x8c, 0x31, 0x5b, 0x92, 0xa5, 0xd0);
/* 61499990-3cb6-4e84-b950-53b94b6964f3 */
DEFINE_GUID(FWPM_LAYER_INBOUND_ICMP_ERROR_V4,
	0x61499990, 0x3cb6, 0x4e84,
	0xb9, 0x50, 0x53, 0xb9, 0x4b, 0x69, 0x64, 0xf3);
/* a6b17075-ebaf-4053-a4e7-213c8121ede5 */
DEFINE_GUID(FWPM_LAYER_INBOUND_ICMP_ERROR_V4_DISCARD,
	0xa6b17075, 0xebaf, 0x4053,
	0xa4, 0xe7, 0x21, 0x3c, 0x81, 0x21, 0xed, 0xe5);
/* 65f9bdff-3b2d-4e5d-b8c6-c720651fe898 */
DEFINE_GUID(FWPM_LAYER_INBOUND_ICMP_ERROR_V6,
	0x65f9bdff, 0x3b2d, 0x4e5d,
	0xb8, 0xc6, 0xc7, 0x20, 0x65, 0x1f, 0xe8, 0x98);
/* a6e7ccc0-08fb-468d-a472-9771d5595e09 */
DEFINE_GUID(FWPM_LAYER_INBOUND_ICMP_ERROR_V6_DISCARD,
	0xa6e7ccc0, 0x08fb, 0x468d,
	0xa4, 0x72, 0x97, 0x71, 0xd5, 0x59, 0x5e, 0x09);
/* 41390100-564c-4b32-bc1d-718048354d7c */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_ICMP_ERROR_V4,
	0x41390100, 0x564c, 0x4b32,
	0xbc, 0x1d, 0x71, 0x80, 0x48, 0x35, 0x4d, 0x7c);
/* b3598d36-0561-4588-a6bf-e955e3f6264b */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_ICMP_ERROR_V4_DISCARD,
	0xb3598d36, 0x0561, 0x4588,
	0xa6, 0xbf, 0xe9, 0x55, 0xe3, 0xf6, 0x26, 0x4b);
/* 7fb03b60-7b8d-4dfa-badd-980176fc4e12 */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_ICMP_ERROR_V6,
	0x7fb03b60, 0x7b8d, 0x4dfa,
	0xba, 0xdd, 0x98, 0x01, 0x76, 0xfc, 0x4e, 0x12);
/* 65f2e647-8d0c-4f47-b19b-33a4d3f1357c */
DEFINE_GUID(FWPM_LAYER_OUTBOUND_ICMP_ERROR_V6_DISCARD,
	0x65f2e647, 0x8d0c, 0x4f47,
	0xb1, 0x9b, 0x33, 0xa4, 0xd3, 0xf1, 0x35, 0x7c);
/* e1cd9fe7-f4b5-4273-96c0-592e487b8650 */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4,
	0xe1cd9fe7, 0xf4b5, 0x4273,
	0x96, 0xc0, 0x59, 0x2e, 0x48, 0x7b, 0x86, 0x50);
/* 9eeaa99b-bd22-4227-919f-0073c63357b1 */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4_DISCARD,
	0x9eeaa99b, 0xbd22, 0x4227,
	0x91, 0x9f, 0x00, 0x73, 0xc6, 0x33, 0x57, 0xb1);
/* a3b42c97-9f04-4672-b87e-cee9c483257f */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6,
	0xa3b42c97, 0x9f04, 0x4672,
	0xb8, 0x7e, 0xce, 0xe9, 0xc4, 0x83, 0x25, 0x7f);
/* 89455b97-dbe1-453f-a224-13da895af396 */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6_DISCARD,
	0x89455b97, 0xdbe1, 0x453f,
	0xa2, 0x24, 0x13, 0xda, 0x89, 0x5a, 0xf3, 0x96);
/* c38d57d1-05a7-4c33-904f-7fbceee60e82 */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_CONNECT_V4,
	0xc38d57d1, 0x05a7, 0x4c33,
	0x90, 0x4f, 0x7f, 0xbc, 0xee, 0xe6, 0x0e, 0x82);
/* d632a801-f5ba-4ad6-96e3-607017d9836a */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_CONNECT_V4_DISCARD,
	0xd632a801, 0xf5ba, 0x4ad6,
	0x96, 0xe3, 0x60, 0x70, 0x17, 0xd9, 0x83, 0x6a);
/* 4a72393b-319f-44bc-84c3-ba54dcb3b6b4 */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_CONNECT_V6,
	0x4a72393b, 0x319f, 0x44bc,
	0x84, 0xc3, 0xba, 0x54, 0xdc, 0xb3, 0xb6, 0xb4);
/* c97bc3b8-c9a3-4e33-8695-8e17aad4de09 */
DEFINE_GUID(FWPM_LAYER_ALE_AUTH_CONNECT_V6_DISCARD,
	0xc97bc3b8, 0xc9a3, 0x4e33,
	0x86, 0x95, 0x8e, 0x17, 0xaa, 0xd4, 0xde, 0x09);
/* af80470a-5596-4c13-9992-539e6fe57967 */
DEFINE_GUID(FWPM_LAYER_ALE_FLOW_ESTABLISHED_V4,
	0xaf80470a, 0x5596, 0x4c13,
	0x99, 0x92, 0x53, 0x9e, 0x6f, 0xe5, 0x79, 0x67);
/* 146ae4a9-a1d2-4d43-a31a-4c42682b8e4f */
DEFINE_GUID(FWPM_LAYER_ALE_FLOW_ESTABLISHED_V4_DISCARD,
	0x146ae4a9, 0xa1d2, 0x4d43,
	0xa3, 0x1a, 0x4c, 0x42, 0x68, 0x2b, 0x8e, 0x4f);
/* 7021d2b3-dfa4-406e-afeb-6afaf7e70efd */
DEFINE_GUID(FWPM_LAYER_ALE_FLOW_ESTABLISHED_V6,
	0x7021d2b3, 0xdfa4, 0x406e,
	0xaf, 0xeb, 0x6a, 0xfa, 0xf7, 0xe7, 0x0e, 0xfd);
/* 46928636-bbca-4b76-941d-0fa7f5d7d372 */
DEFINE_GUID(FWPM_LAYER_ALE_FLOW_ESTABLISHED_V6_DISCARD,
	0x46928636, 0xbbca, 0x4b76,
	0x94, 0x1d, 0x0f, 0xa7, 0xf5, 0xd7, 0xd3, 0x72);
/* effb7edb-0055-4f9a-a231-4ff8131ad191 */
DEFINE_GUID(FWPM_LAYER_INBOUND_MAC_FRAME_ETHERNET,
	0xeffb7edb, 0x0055, 0x4f9a,
	0xa2, 0x31, 0x4f, 0xf8, 0x13, 0x1a, 0xd1, 0x91);

/* ---- conditions ---- */
/* d999e981-7948-4c83-b742-c84e3b678f8f */
DEFINE_GUID(FWPM_CONDITION_MAC_LOCAL_ADDRESS,
	0xd999e981, 0x7948, 0x4c83,
	0xb7, 0x42, 0xc8, 0x4e, 0x3b, 0x67, 0x8f, 0x8f);
/* 0c1ba1af-5765-453f-af22-a8f791ac775b */
DEFINE_GUID(FWPM_CONDITION_IP_LOCAL_PORT,
	0x0c1ba1af, 0x5765, 0x453f,
	0xaf, 0x22, 0xa8, 0xf7, 0x91, 0xac, 0x77, 0x5b);
/* c35a604d-d22b-4e1a-91b4-68f674ee674b */
DEFINE_GUID(FWPM_CONDITION_IP_REMOTE_PORT,
	0xc35a604d, 0xd22b, 0x4e1a,
	0x91, 0xb4, 0x68, 0xf6, 0x74, 0xee, 0x67, 0x4b);
/* 4cd62a49-59c3-4969-b7f3-bda5d32890a4 */
DEFINE_GUID(FWPM_CONDITION_IP_LOCAL_INTERFACE,
	0x4cd62a49, 0x59c3, 0x4969,
	0xb7, 0xf3, 0xbd, 0xa5, 0xd3, 0x28, 0x90, 0xa4);
/* 667fd755-d695-434a-8af5-d3835a1259bc */
DEFINE_GUID(FWPM_CONDITION_INTERFACE_INDEX,
	0x667fd755, 0xd695, 0x434a,
	0x8a, 0xf5, 0xd3, 0x83, 0x5a, 0x12, 0x59, 0xbc);
/* 0cd42473-d621-4be3-ae8c-72a348d283e1 */
DEFINE_GUID(FWPM_CONDITION_SUB_INTERFACE_INDEX,
	0x0cd42473, 0xd621, 0x4be3,
	0xae, 0x8c, 0x72, 0xa3, 0x48, 0xd2, 0x83, 0xe1);
/* daf8cd14-e09e-4c93-a5ae-c5c13b73ffca */
DEFINE_GUID(FWPM_CONDITION_INTERFACE_TYPE,
	0xdaf8cd14, 0xe09e, 0x4c93,
	0xa5, 0xae, 0xc5, 0xc1, 0x3b, 0x73, 0xff, 0xca);
/* 77a40437-8779-4868-a261-f5a902f1c0cd */
DEFINE_GUID(FWPM_CONDITION_TUNNEL_TYPE,
	0x77a40437, 0x8779, 0x4868,
	0xa2, 0x61, 0xf5, 0xa9, 0x02, 0xf1, 0xc0, 0xcd);
/* 03a629cb-6e52-49f8-9c41-5709633c09cf */
DEFINE_GUID(FWPM_CONDITION_IP_LOCAL_ADDRESS_V4,
	0x03a629cb, 0x6e52, 0x49f8,
	0x9c, 0x41, 0x57, 0x09, 0x63, 0x3c, 0x09, 0xcf);
/* 1febb610-3bcc-45e1-bc36-2e067e2cb186 */
DEFINE_GUID(FWPM_CONDITION_IP_REMOTE_ADDRESS_V4,
	0x1febb610, 0x3bcc, 0x45e1,
	0xbc, 0x36, 0x2e, 0x06, 0x7e, 0x2c, 0xb1, 0x86);
/* ab3033c9-c0e3-4759-937d-5758c65d4ae3 */
DEFINE_GUID(FWPM_CONDITION_CURRENT_PROFILE_ID,
	0xab3033c9, 0xc0e3, 0x4759,
	0x93, 0x7d, 0x57, 0x58, 0xc6, 0x5d, 0x4a, 0xe3);
/* 3971ef2b-623e-4f9a-8cb1-6e79b806b9a7 */
DEFINE_GUID(FWPM_CONDITION_IP_PROTOCOL,
	0x3971ef2b, 0x623e, 0x4f9a,
	0x8c, 0xb1, 0x6e, 0x79, 0xb8, 0x06, 0xb9, 0xa7);
/* d9ee00de-c1ef-4617-bfe3-ffd8f5a08957 */
DEFINE_GUID(FWPM_CONDITION_IP_LOCAL_ADDRESS,
	0xd9ee00de, 0xc1ef, 0x4617,
	0xbf, 0xe3, 0xff, 0xd8, 0xf5, 0xa0, 0x89, 0x57);
/* b235ae9a-1d64-49b8-a44c-5ff3d9095045 */
DEFINE_GUID(FWPM_CONDITION_IP_REMOTE_ADDRESS,
	0xb235ae9a, 0x1d64, 0x49b8,
	0xa4, 0x4c, 0x5f, 0xf3, 0xd9, 0x09, 0x50, 0x45);
/* 6ec7f6c4-376b-45d7-9e9c-d337cedcd237 */
DEFINE_GUID(FWPM_CONDITION_IP_LOCAL_ADDRESS_TYPE,
	0x6ec7f6c4, 0x376b, 0x45d7,
	0x9e, 0x9c, 0xd3, 0x37, 0xce, 0xdc, 0xd2, 0x37);
/* 1ec1b7c9-4eea-4f5e-b9ef-76beaaaf17ee */
DEFINE_GUID(FWPM_CONDITION_IP_DESTINATION_ADDRESS_TYPE,
	0x1ec1b7c9, 0x4eea, 0x4f5e,
	0xb9, 0xef, 0x76, 0xbe, 0xaa, 0xaf, 0x17, 0xee);
/* 35a791ab-04ac-4ff2-a6bb-da6cfac71806 */
DEFINE_GUID(FWPM_CONDITION_COMPARTMENT_ID,
	0x35a791ab, 0x04ac, 0x4ff2,
	0xa6, 0xbb, 0xda, 0x6c, 0xfa, 0xc7, 0x18, 0x06);
/* 632ce23b-5167-435c-86d7-e903684aa80c */
DEFINE_GUID(FWPM_CONDITION_FLAGS,
	0x632ce23b, 0x5167, 0x435c,
	0x86, 0xd7, 0xe9, 0x03, 0x68, 0x4a, 0xa8, 0x0c);
/* 8784c146-ca97-44d6-9fd1-19fb1840cbf7 */
DEFINE_GUID(FWPM_CONDITION_DIRECTION,
	0x8784c146, 0xca97, 0x44d6,
	0x9f, 0xd1, 0x19, 0xfb, 0x18, 0x40, 0xcb, 0xf7);
/* 2381be84-7524-45b3-a05b-1e637d9c7a6a */
DEFINE_GUID(FWPM_CONDITION_IP_LOCAL_ADDRESS_V6,
	0x2381be84, 0x7524, 0x45b3,
	0xa0, 0x5b, 0x1e, 0x63, 0x7d, 0x9c, 0x7a, 0x6a);
/* 246e1d8c-8bee-4018-9b98-31d4582f3361 */
DEFINE_GUID(FWPM_CONDITION_IP_REMOTE_ADDRESS_V6,
	0x246e1d8c, 0x8bee, 0x4018,
	0x9b, 0x98, 0x31, 0xd4, 0x58, 0x2f, 0x33, 0x61);
/* d78e1e87-8644-4ea5-9437-d809ecefc971 */
DEFINE_GUID(FWPM_CONDITION_ALE_APP_ID,
	0xd78e1e87, 0x8644, 0x4ea5,
	0x94, 0x37, 0xd8, 0x09, 0xec, 0xef, 0xc9, 0x71);
/* af043a0a-b34d-4f86-979c-c90371af6e66 */
DEFINE_GUID(FWPM_CONDITION_ALE_USER_ID,
	0xaf043a0a, 0xb34d, 0x4f86,
	0x97, 0x9c, 0xc9, 0x03, 0x71, 0xaf, 0x6e, 0x66);
/* 37a57700-5884-4964-92b8-3e704688b0ad */
DEFINE_GUID(FWPM_CONDITION_IPSEC_SECURITY_REALM_ID,
	0x37a57700, 0x5884, 0x4964,
	0x92, 0xb8, 0x3e, 0x70, 0x46, 0x88, 0xb0, 0xad);
/* d7ff9a56-cdaa-472b-84db-d23963c1d1bf */
DEFINE_GUID(FWPM_CONDITION_NEXTHOP_INTERFACE_PROFILE_ID,
	0xd7ff9a56, 0xcdaa, 0x472b,
	0x84, 0xdb, 0xd2, 0x39, 0x63, 0xc1, 0xd1, 0xbf);
/* cce68d5e-053b-43a8-9a6f-33384c28e4f6 */
DEFINE_GUID(FWPM_CONDITION_INTERFACE_QUARANTINE_EPOCH,
	0xcce68d5e, 0x053b, 0x43a8,
	0x9a, 0x6f, 0x33, 0x38, 0x4c, 0x28, 0xe4, 0xf6);
/* f63073b7-0189-4ab0-95a4-6123cbfab862 */
DEFINE_GUID(FWPM_CONDITION_ALE_REMOTE_USER_ID,
	0xf63073b7, 0x0189, 0x4ab0,
	0x95, 0xa4, 0x61, 0x23, 0xcb, 0xfa, 0xb8, 0x62);
/* 1aa47f51-7f93-4508-a271-81abb00c9cab */
DEFINE_GUID(FWPM_CONDITION_ALE_REMOTE_MACHINE_ID,
	0x1aa47f51, 0x7f93, 0x4508,
	0xa2, 0x71, 0x81, 0xab, 0xb0, 0x0c, 0x9c, 0xab);
/* ae96897e-2e94-4bc9-b313-b27ee80e574d */
DEFINE_GUID(FWPM_CONDITION_IP_SOURCE_ADDRESS,
	0xae96897e, 0x2e94, 0x4bc9,
	0xb3, 0x13, 0xb2, 0x7e, 0xe8, 0x0e, 0x57, 0x4d);
/* 2d79133b-b390-45c6-8699-acaceaafed33 */
DEFINE_GUID(FWPM_CONDITION_IP_DESTINATION_ADDRESS,
	0x2d79133b, 0xb390, 0x45c6,
	0x86, 0x99, 0xac, 0xac, 0xea, 0xaf, 0xed, 0x33);
/* 07784107-a29e-4c7b-9ec7-29c44afafdbc */
DEFINE_GUID(FWPM_CONDITION_EMBEDDED_PROTOCOL,
	0x07784107, 0xa29e, 0x4c7b,
	0x9e, 0xc7, 0x29, 0xc4, 0x4a, 0xfa, 0xfd, 0xbc);
/* 77ee4b39-3273-4671-b63b-ab6feb66eeb6 */
DEFINE_GUID(FWPM_CONDITION_EMBEDDED_REMOTE_ADDRESS,
	0x77ee4b39, 0x3273, 0x4671,
	0xb6, 0x3b, 0xab, 0x6f, 0xeb, 0x66, 0xee, 0xb6);
/* 4672a468-8a0a-4202-abb4-849e92e66809 */
DEFINE_GUID(FWPM_CONDITION_EMBEDDED_LOCAL_ADDRESS_TYPE,
	0x4672a468, 0x8a0a, 0x4202,
	0xab, 0xb4, 0x84, 0x9e, 0x92, 0xe6, 0x68, 0x09);
/* bfca394d-acdb-484e-b8e6-2aff79757345 */
DEFINE_GUID(FWPM_CONDITION_EMBEDDED_LOCAL_PORT,
	0xbfca394d, 0xacdb, 0x484e,
	0xb8, 0xe6, 0x2a, 0xff, 0x79, 0x75, 0x73, 0x45);
/* cae4d6a1-2968-40ed-a4ce-547160dda88d */
DEFINE_GUID(FWPM_CONDITION_EMBEDDED_REMOTE_PORT,
	0xcae4d6a1, 0x2968, 0x40ed,
	0xa4, 0xce, 0x54, 0x71, 0x60, 0xdd, 0xa8, 0x8d);
/* 618a9b6d-386b-4136-ad6e-b51587cfb1cd */
DEFINE_GUID(FWPM_CONDITION_IP_ARRIVAL_INTERFACE,
	0x618a9b6d, 0x386b, 0x4136,
	0xad, 0x6e, 0xb5, 0x15, 0x87, 0xcf, 0xb1, 0xcd);
/* 93ae8f5b-7f6f-4719-98c8-14e97429ef04 */
DEFINE_GUID(FWPM_CONDITION_IP_NEXTHOP_INTERFACE,
	0x93ae8f5b, 0x7f6f, 0x4719,
	0x98, 0xc8, 0x14, 0xe9, 0x74, 0x29, 0xef, 0x04);
/* 0e6cd086-e1fb-4212-842f-8a9f993fb3f6 */
DEFINE_GUID(FWPM_CONDITION_ALE_ORIGINAL_APP_ID,
	0x0e6cd086, 0xe1fb, 0x4212,
	0x84, 0x2f, 0x8a, 0x9f, 0x99, 0x3f, 0xb3, 0xf6);
/* 71bc78fa-f17c-4997-a602-6abb261f351c */
DEFINE_GUID(FWPM_CONDITION_ALE_PACKAGE_ID,
	0x71bc78fa, 0xf17c, 0x4997,
	0xa6, 0x02, 0x6a, 0xbb, 0x26, 0x1f, 0x35, 0x1c);
/* cc088db3-1792-4a71-b0f9-037d21cd828b */
DEFINE_GUID(FWPM_CONDITION_ARRIVAL_INTERFACE_INDEX,
	0xcc088db3, 0x1792, 0x4a71,
	0xb0, 0xf9, 0x03, 0x7d, 0x21, 0xcd, 0x82, 0x8b);
/* 89f990de-e798-4e6d-ab76-7c9558292e6f */
DEFINE_GUID(FWPM_CONDITION_ARRIVAL_INTERFACE_TYPE,
	0x89f990de, 0xe798, 0x4e6d,
	0xab, 0x76, 0x7c, 0x95, 0x58, 0x29, 0x2e, 0x6f);
/* 511166dc-7a8c-4aa7-b533-95ab59fb0340 */
DEFINE_GUID(FWPM_CONDITION_ARRIVAL_TUNNEL_TYPE,
	0x511166dc, 0x7a8c, 0x4aa7,
	0xb5, 0x33, 0x95, 0xab, 0x59, 0xfb, 0x03, 0x40);
/* cdfe6aab-c083-4142-8679-c08f95329c61 */
DEFINE_GUID(FWPM_CONDITION_ARRIVAL_INTERFACE_PROFILE_ID,
	0xcdfe6aab, 0xc083, 0x4142,
	0x86, 0x79, 0xc0, 0x8f, 0x95, 0x32, 0x9c, 0x61);
/* ef8a6122-0577-45a7-9aaf-825fbeb4fb95 */
DEFINE_GUID(FWPM_CONDITION_NEXTHOP_SUB_INTERFACE_INDEX,
	0xef8a6122, 0x0577, 0x45a7,
	0x9a, 0xaf, 0x82, 0x5f, 0xbe, 0xb4, 0xfb, 0x95);
/* 97537c6c-d9a3-4767-a381-e942675cd920 */
DEFINE_GUID(FWPM_CONDITION_NEXTHOP_INTERFACE_TYPE,
	0x97537c6c, 0xd9a3, 0x4767,
	0xa3, 0x81, 0xe9, 0x42, 0x67, 0x5c, 0xd9, 0x20);
/* 72b1a111-987b-4720-99dd-c7c576fa2d4c */
DEFINE_GUID(FWPM_CONDITION_NEXTHOP_TUNNEL_TYPE,
	0x72b1a111, 0x987b, 0x4720,
	0x99, 0xdd, 0xc7, 0xc5, 0x76, 0xfa, 0x2d, 0x4c);
/* 138e6888-7ab8-4d65-9ee8-0591bcf6a494 */
DEFINE_GUID(FWPM_CONDITION_NEXTHOP_INTERFACE_INDEX,
	0x138e6888, 0x7ab8, 0x4d65,
	0x9e, 0xe8, 0x05, 0x91, 0xbc, 0xf6, 0xa4, 0x94);
/* 46ea1551-2255-492b-8019-aabeee349f40 */
DEFINE_GUID(FWPM_CONDITION_ORIGINAL_PROFILE_ID,
	0x46ea1551, 0x2255, 0x492b,
	0x80, 0x19, 0xaa, 0xbe, 0xee, 0x34, 0x9f, 0x40);
/* 11205e8c-11ae-457a-8a44-477026dd764a */
DEFINE_GUID(FWPM_CONDITION_REAUTHORIZE_REASON,
	0x11205e8c, 0x11ae, 0x457a,
	0x8a, 0x44, 0x47, 0x70, 0x26, 0xdd, 0x76, 0x4a);
/* 9b539082-eb90-4186-a6cc-de5b63235016 */
DEFINE_GUID(FWPM_CONDITION_PEER_NAME,
	0x9b539082, 0xeb90, 0x4186,
	0xa6, 0xcc, 0xde, 0x5b, 0x63, 0x23, 0x50, 0x16);
/* 076dfdbe-c56c-4f72-ae8a-2cfe7e5c8286 */
DEFINE_GUID(FWPM_CONDITION_ORIGINAL_ICMP_TYPE,
	0x076dfdbe, 0xc56c, 0x4f72,
	0xae, 0x8a, 0x2c, 0xfe, 0x7e, 0x5c, 0x82, 0x86);
/* 37a57699-5883-4963-92b8-3e704688b0ad */
DEFINE_GUID(FWPM_CONDITION_ALE_SECURITY_ATTRIBUTE_FQBN_VALUE,
	0x37a57699, 0x5883, 0x4963,
	0x92, 0xb8, 0x3e, 0x70, 0x46, 0x88, 0xb0, 0xad);
/* b1277b9a-b781-40fc-9671-e5f1b989f34e */
DEFINE_GUID(FWPM_CONDITION_ALE_EFFECTIVE_NAME,
	0xb1277b9a, 0xb781, 0x40fc,
	0x96, 0x71, 0xe5, 0xf1, 0xb9, 0x89, 0xf3, 0x4e);
/* b9f4e088-cb98-4efb-a2c7-ad07332643db */
DEFINE_GUID(FWPM_CONDITION_ALE_SIO_FIREWALL_SYSTEM_PORT,
	0xb9f4e088, 0xcb98, 0x4efb,
	0xa2, 0xc7, 0xad, 0x07, 0x33, 0x26, 0x43, 0xdb);
/* 46275a9d-c03f-4d77-b784-1c57f4d02753 */
DEFINE_GUID(FWPM_CONDITION_ALE_NAP_CONTEXT,
	0x46275a9d, 0xc03f, 0x4d77,
	0xb7, 0x84, 0x1c, 0x57, 0xf4, 0xd0, 0x27, 0x53);

/* ---- sublayers ---- */
/* eebecc03-ced4-4380-819a-2734397b2b74 */
DEFINE_GUID(FWPM_SUBLAYER_UNIVERSAL,
	0xeebecc03, 0xced4, 0x4380,
	0x81, 0x9a, 0x27, 0x34, 0x39, 0x7b, 0x2b, 0x74);
/* 758c84f4-fb48-4de9-9aeb-3ed9551ab1fd */
DEFINE_GUID(FWPM_SUBLAYER_RPC_AUDIT,
	0x758c84f4, 0xfb48, 0x4de9,
	0x9a, 0xeb, 0x3e, 0xd9, 0x55, 0x1a, 0xb1, 0xfd);
/* 83f299ed-9ff4-4967-aff4-c309f4dab827 */
DEFINE_GUID(FWPM_SUBLAYER_IPSEC_TUNNEL,
	0x83f299ed, 0x9ff4, 0x4967,
	0xaf, 0xf4, 0xc3, 0x09, 0xf4, 0xda, 0xb8, 0x27);
/* 1b75c0ce-ff60-4711-a70f-b4958cc3b2d0 */
DEFINE_GUID(FWPM_SUBLAYER_LIPS,
	0x1b75c0ce, 0xff60, 0x4711,
	0xa7, 0x0f, 0xb4, 0x95, 0x8c, 0xc3, 0xb2, 0xd0);
/* 15a66e17-3f3c-4f7b-aa6c-812aa613dd82 */
DEFINE_GUID(FWPM_SUBLAYER_SECURE_SOCKET,
	0x15a66e17, 0x3f3c, 0x4f7b,
	0xaa, 0x6c, 0x81, 0x2a, 0xa6, 0x13, 0xdd, 0x82);
/* 337608b9-b7d5-4d5f-82f9-3618618bc058 */
DEFINE_GUID(FWPM_SUBLAYER_TCP_CHIMNEY_OFFLOAD,
	0x337608b9, 0xb7d5, 0x4d5f,
	0x82, 0xf9, 0x36, 0x18, 0x61, 0x8b, 0xc0, 0x58);
/* 877519e1-e6a9-41a5-81b4-8c4f118e4a60 */
DEFINE_GUID(FWPM_SUBLAYER_INSPECTION,
	0x877519e1, 0xe6a9, 0x41a5,
	0x81, 0xb4, 0x8c, 0x4f, 0x11, 0x8e, 0x4a, 0x60);
/* ba69dc66-5176-4979-9c89-26a7b46a8327 */
DEFINE_GUID(FWPM_SUBLAYER_TEREDO,
	0xba69dc66, 0x5176, 0x4979,
	0x9c, 0x89, 0x26, 0xa7, 0xb4, 0x6a, 0x83, 0x27);
/* a5082e73-8f71-4559-8a9a-101cea04ef87 */
DEFINE_GUID(FWPM_SUBLAYER_IPSEC_FORWARD_OUTBOUND_TUNNEL,
	0xa5082e73, 0x8f71, 0x4559,
	0x8a, 0x9a, 0x10, 0x1c, 0xea, 0x04, 0xef, 0x87);
/* e076d572-5d3d-48ef-802b-909eddb098bd */
DEFINE_GUID(FWPM_SUBLAYER_IPSEC_DOSP,
	0xe076d572, 0x5d3d, 0x48ef,
	0x80, 0x2b, 0x90, 0x9e, 0xdd, 0xb0, 0x98, 0xbd);
/* 24421dcf-0ac5-4caa-9e14-50f6e3636af0 */
DEFINE_GUID(FWPM_SUBLAYER_TCP_TEMPLATES,
	0x24421dcf, 0x0ac5, 0x4caa,
	0x9e, 0x14, 0x50, 0xf6, 0xe3, 0x63, 0x6a, 0xf0);
/* 37a57701-5884-4964-92b8-3e704688b0ad */
DEFINE_GUID(FWPM_SUBLAYER_IPSEC_SECURITY_REALM,
	0x37a57701, 0x5884, 0x4964,
	0x92, 0xb8, 0x3e, 0x70, 0x46, 0x88, 0xb0, 0xad);
/* b3cdd441-af90-41ba-a745-7c6008ff2300 */
DEFINE_GUID(FWPM_SUBLAYER_MPSSVC_WSH,
	0xb3cdd441, 0xaf90, 0x41ba,
	0xa7, 0x45, 0x7c, 0x60, 0x08, 0xff, 0x23, 0x00);
/* b3cdd441-af90-41ba-a745-7c6008ff2301 */
DEFINE_GUID(FWPM_SUBLAYER_MPSSVC_WF,
	0xb3cdd441, 0xaf90, 0x41ba,
	0xa7, 0x45, 0x7c, 0x60, 0x08, 0xff, 0x23, 0x01);
/* b3cdd441-af90-41ba-a745-7c6008ff2302 */
DEFINE_GUID(FWPM_SUBLAYER_MPSSVC_QUARANTINE,
	0xb3cdd441, 0xaf90, 0x41ba,
	0xa7, 0x45, 0x7c, 0x60, 0x08, 0xff, 0x23, 0x02);
/* 09a47e38-fa97-471b-b123-18bcd7e65071 */
DEFINE_GUID(FWPM_SUBLAYER_MPSSVC_EDP,
	0x09a47e38, 0xfa97, 0x471b,
	0xb1, 0x23, 0x18, 0xbc, 0xd7, 0xe6, 0x50, 0x71);
/* 1ec6c7e1-fdd9-478a-b55f-ff8ba1d2c17d */
DEFINE_GUID(FWPM_SUBLAYER_MPSSVC_TENANT_RESTRICTIONS,
	0x1ec6c7e1, 0xfdd9, 0x478a,
	0xb5, 0x5f, 0xff, 0x8b, 0xa1, 0xd2, 0xc1, 0x7d);
/* ffe221c3-92a8-4564-a59f-dafb70756020 */
DEFINE_GUID(FWPM_SUBLAYER_MPSSVC_APP_ISOLATION,
	0xffe221c3, 0x92a8, 0x4564,
	0xa5, 0x9f, 0xda, 0xfb, 0x70, 0x75, 0x60, 0x20);

/* ---- providers ---- */
/* 10ad9216-ccde-456c-8b16-e9f04e60a90b */
DEFINE_GUID(FWPM_PROVIDER_IKEEXT,
	0x10ad9216, 0xccde, 0x456c,
	0x8b, 0x16, 0xe9, 0xf0, 0x4e, 0x60, 0xa9, 0x0b);
/* 896aa19e-9a34-4bcb-ae79-beb9127c84b9 */
DEFINE_GUID(FWPM_PROVIDER_TCP_CHIMNEY_OFFLOAD,
	0x896aa19e, 0x9a34, 0x4bcb,
	0xae, 0x79, 0xbe, 0xb9, 0x12, 0x7c, 0x84, 0xb9);
/* 3c6c05a9-c05c-4bb9-8338-2327814ce8bf */
DEFINE_GUID(FWPM_PROVIDER_IPSEC_DOSP_CONFIG,
	0x3c6c05a9, 0xc05c, 0x4bb9,
	0x83, 0x38, 0x23, 0x27, 0x81, 0x4c, 0xe8, 0xbf);
/* 76cfcd30-3394-432d-bed3-441ae50e63c3 */
DEFINE_GUID(FWPM_PROVIDER_TCP_TEMPLATES,
	0x76cfcd30, 0x3394, 0x432d,
	0xbe, 0xd3, 0x44, 0x1a, 0xe5, 0x0e, 0x63, 0xc3);
/* 4b153735-1049-4480-aab4-d1b9bdc03710 */
DEFINE_GUID(FWPM_PROVIDER_MPSSVC_WSH,
	0x4b153735, 0x1049, 0x4480,
	0xaa, 0xb4, 0xd1, 0xb9, 0xbd, 0xc0, 0x37, 0x10);
/* decc16ca-3f33-4346-be1e-8fb4ae0f3d62 */
DEFINE_GUID(FWPM_PROVIDER_MPSSVC_WF,
	0xdecc16ca, 0x3f33, 0x4346,
	0xbe, 0x1e, 0x8f, 0xb4, 0xae, 0x0f, 0x3d, 0x62);
/* Aliases (wfp_fwpm.md §3.2, §3.3) */
#define FWPM_CONDITION_ICMP_TYPE		FWPM_CONDITION_IP_LOCAL_PORT
#define FWPM_CONDITION_ICMP_CODE		FWPM_CONDITION_IP_REMOTE_PORT
#define FWPM_CONDITION_INTERFACE		FWPM_CONDITION_IP_LOCAL_INTERFACE
#define FWPM_CONDITION_LOCAL_INTERFACE_INDEX	FWPM_CONDITION_INTERFACE_INDEX
#define FWPM_CONDITION_ARRIVAL_SUB_INTERFACE_INDEX \
	FWPM_CONDITION_SUB_INTERFACE_INDEX
#define FWPM_CONDITION_LOCAL_INTERFACE_TYPE	FWPM_CONDITION_INTERFACE_TYPE
#define FWPM_CONDITION_LOCAL_TUNNEL_TYPE	FWPM_CONDITION_TUNNEL_TYPE
#define FWPM_SUBLAYER_EDGE_TRAVERSAL		FWPM_SUBLAYER_TEREDO

#ifndef GUID_DEFS_ONLY

#include "ntddk.h"
#include "fwpmtypes.h"

/* SDK rpcdce.h (wfp_fwpm.md §0.4): FwpmEngineOpen0 authnService */
#ifndef RPC_C_AUTHN_NONE
#define RPC_C_AUTHN_NONE	0
#endif
#ifndef RPC_C_AUTHN_WINNT
#define RPC_C_AUTHN_WINNT	10
#endif
#ifndef RPC_C_AUTHN_DEFAULT
#define RPC_C_AUTHN_DEFAULT	0xFFFFFFFFL
#endif

/* Only ever passed as NULL by kernel callers. */
typedef struct _SEC_WINNT_AUTH_IDENTITY_W SEC_WINNT_AUTH_IDENTITY_W;

/* wfp_fwpm.md §0.4 */
#define FWPM_TXN_READ_ONLY	(0x00000001)
#define FWPM_AUTO_WEIGHT_BITS	(60)
#define FWPM_AUTO_WEIGHT_MAX	(MAXUINT64 >> (64 - FWPM_AUTO_WEIGHT_BITS))
#define FWPM_WEIGHT_RANGE_MAX	(MAXUINT64 >> FWPM_AUTO_WEIGHT_BITS)
#define FWPM_WEIGHT_RANGE_IPSEC			(0x0)
#define FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS	(0xc)

#define FWPM_ACTRL_ADD			(0x00000001)
#define FWPM_ACTRL_ADD_LINK		(0x00000002)
#define FWPM_ACTRL_BEGIN_READ_TXN	(0x00000004)
#define FWPM_ACTRL_BEGIN_WRITE_TXN	(0x00000008)
#define FWPM_ACTRL_CLASSIFY		(0x00000010)
#define FWPM_ACTRL_ENUM			(0x00000020)
#define FWPM_ACTRL_OPEN			(0x00000040)
#define FWPM_ACTRL_READ			(0x00000080)
#define FWPM_ACTRL_READ_STATS		(0x00000100)
#define FWPM_ACTRL_SUBSCRIBE		(0x00000200)
#define FWPM_ACTRL_WRITE		(0x00000400)

typedef void (CALLBACK *FWPM_SERVICE_STATE_CHANGE_CALLBACK0)(
	_Inout_ void *context,
	_In_ FWPM_SERVICE_STATE newState);

void NTAPI FwpmFreeMemory0(_Inout_ void **p);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmEngineOpen0(_In_opt_ const wchar_t *serverName,
			       _In_ UINT32 authnService,
			       _In_opt_ SEC_WINNT_AUTH_IDENTITY_W *authIdentity,
			       _In_opt_ const FWPM_SESSION0 *session,
			       _Out_ HANDLE *engineHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmEngineClose0(_Inout_ HANDLE engineHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmTransactionBegin0(_In_ _Acquires_lock_(_Curr_) HANDLE engineHandle,
				     _In_ UINT32 flags);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmTransactionCommit0(_In_ _Releases_lock_(_Curr_) HANDLE engineHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmTransactionAbort0(_In_ _Releases_lock_(_Curr_) HANDLE engineHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmProviderAdd0(_In_ HANDLE engineHandle,
				_In_ const FWPM_PROVIDER0 *provider,
				_In_opt_ PSECURITY_DESCRIPTOR sd);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmSubLayerAdd0(_In_ HANDLE engineHandle,
				_In_ const FWPM_SUBLAYER0 *subLayer,
				_In_opt_ PSECURITY_DESCRIPTOR sd);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmSubLayerDeleteByKey0(_In_ HANDLE engineHandle,
					_In_ const GUID *key);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmSubLayerGetByKey0(_In_ HANDLE engineHandle,
				     _In_ const GUID *key,
				     _Outptr_ FWPM_SUBLAYER0 **subLayer);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmCalloutAdd0(_In_ HANDLE engineHandle,
			       _In_ const FWPM_CALLOUT0 *callout,
			       _In_opt_ PSECURITY_DESCRIPTOR sd,
			       _Out_opt_ UINT32 *id);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmCalloutDeleteById0(_In_ HANDLE engineHandle,
				      _In_ UINT32 id);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmCalloutDeleteByKey0(_In_ HANDLE engineHandle,
				       _In_ const GUID *key);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmCalloutGetById0(_In_ HANDLE engineHandle,
				   _In_ UINT32 id,
				   _Outptr_ FWPM_CALLOUT0 **callout);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmCalloutGetByKey0(_In_ HANDLE engineHandle,
				    _In_ const GUID *key,
				    _Outptr_ FWPM_CALLOUT0 **callout);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmFilterAdd0(_In_ HANDLE engineHandle,
			      _In_ const FWPM_FILTER0 *filter,
			      _In_opt_ PSECURITY_DESCRIPTOR sd,
			      _Out_opt_ UINT64 *id);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmFilterDeleteById0(_In_ HANDLE engineHandle,
				     _In_ UINT64 id);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmFilterDeleteByKey0(_In_ HANDLE engineHandle,
				      _In_ const GUID *key);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmFilterGetById0(_In_ HANDLE engineHandle,
				  _In_ UINT64 id,
				  _Outptr_ FWPM_FILTER0 **filter);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmFilterGetByKey0(_In_ HANDLE engineHandle,
				   _In_ const GUID *key,
				   _Outptr_ FWPM_FILTER0 **filter);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI
FwpmFilterCreateEnumHandle0(_In_ HANDLE engineHandle,
			    _In_opt_ const FWPM_FILTER_ENUM_TEMPLATE0 *enumTemplate,
			    _Out_ HANDLE *enumHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI
FwpmFilterEnum0(_In_ HANDLE engineHandle,
		_In_ HANDLE enumHandle,
		_In_ UINT32 numEntriesRequested,
		_Outptr_result_buffer_(*numEntriesReturned) FWPM_FILTER0 ***entries,
		_Out_ UINT32 *numEntriesReturned);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmFilterDestroyEnumHandle0(_In_ HANDLE engineHandle,
					    _Inout_ HANDLE enumHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI
FwpmBfeStateSubscribeChanges0(_Inout_ void *deviceObject,
			      _In_ FWPM_SERVICE_STATE_CHANGE_CALLBACK0 callback,
			      _In_opt_ void *context,
			      _Out_ HANDLE *changeHandle);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FwpmBfeStateUnsubscribeChanges0(_Inout_ HANDLE changeHandle);

FWPM_SERVICE_STATE NTAPI FwpmBfeStateGet0(void);

#include "fwpvi.h"

#endif /* !GUID_DEFS_ONLY */

#endif /* _NFWFP_WDK_FWPMK_H */
