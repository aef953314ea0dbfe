// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl version: the versions of nfwfpctl, of the loaded module and of
 * the netlink protocol the module speaks (NFWFP_CMD_GET_INFO).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uapi/nfwfp.h>

#include "json.h"
#include "nfwfpctl.h"
#include "print.h"

struct module_info {
	char version[64];
	uint32_t genl_version;
	bool have_version;
	bool have_genl_version;
};

static int info_attr_cb(const struct nlattr *attr, void *data)
{
	struct module_info *info = data;

	switch (mnl_attr_get_type(attr)) {
	case NFWFP_INFO_A_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
		    mnl_attr_get_payload_len(attr) > sizeof(info->version))
			goto malformed;
		strcpy(info->version, mnl_attr_get_str(attr));
		info->have_version = true;
		break;
	case NFWFP_INFO_A_GENL_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			goto malformed;
		info->genl_version = mnl_attr_get_u32(attr);
		info->have_genl_version = true;
		break;
	}
	/* A newer module may send more; an older nfwfpctl ignores it. */
	return MNL_CB_OK;

malformed:
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, info_attr_cb, data);
}

/* Return: 0, or a negative errno after printing why. */
static int get_module_info(struct module_info *info)
{
	static const char what[] = "get module info";
	char buf[GENL_MSG_SIZE];
	struct genl_sock g;
	struct nlmsghdr *nlh;
	int ret;

	ret = nfwfp_connect(&g);
	if (ret)
		return ret;
	nlh = genl_msg_start(&g, buf, NFWFP_CMD_GET_INFO, NFWFP_GENL_VERSION, 0);
	ret = nfwfp_request(&g, nlh, info_cb, info, what);
	genl_close(&g);
	if (ret)
		return ret;

	if (!info->have_version || !info->have_genl_version) {
		fprintf(stderr, PROG_NAME ": %s: the reply lacks a version\n",
			what);
		return -EBADMSG;
	}
	return 0;
}

static int print_json(const struct module_info *info)
{
	struct json_writer w;

	json_init(&w, stdout);
	print_version_json(&w, NFWFP_VERSION, info->version, info->genl_version);
	return json_finish(&w);
}

/*
 * Text output names nfwfpctl's own version before asking the kernel, so it
 * is there even when the module is not: that is when one needs it. JSON
 * output is all or nothing, so a consumer never sees half an object.
 */
int cmd_version(struct nfwfpctl *ctl, int argc, char *argv[])
{
	struct module_info info = { 0 };

	(void)argv;
	if (argc > 0) {
		usage_error("version takes no arguments");
		return EXIT_USAGE;
	}

	if (!ctl->json) {
		printf(PROG_NAME " %s\n", NFWFP_VERSION);
		/* Keep stdout and stderr in order when both go to one file. */
		fflush(stdout);
	}
	if (get_module_info(&info))
		return EXIT_RUNTIME;

	if (ctl->json)
		return print_json(&info) ? EXIT_RUNTIME : EXIT_OK;
	printf("nfwfp module %s, netlink protocol %u\n", info.version,
	       info.genl_version);
	return EXIT_OK;
}
