// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl monitor: print nfwfp's events (the "events" multicast group) as
 * they come, one line each, "new" or "del" followed by the object in the
 * form its listing uses; with -j, one JSON object per line. Each line is
 * flushed, so a reader at the other end of a pipe sees it at once.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nfwfpctl.h"
#include "print.h"

struct monitor {
	struct nfwfpctl *ctl;
	const struct nf_layers *ls;
	uint16_t family_id;
};

static int event_callout(struct monitor *m, const struct nlmsghdr *nlh,
			 const char *event)
{
	struct nf_callout c;
	struct json_writer w;

	if (nf_parse_callout(nlh, &c))
		return -1;
	if (!m->ctl->json) {
		print_callout_text(stdout, m->ls, &c, event);
		return 0;
	}
	print_event_json_begin(&w, stdout, event, "callout");
	print_callout_json(&w, m->ls, &c);
	json_object_end(&w);
	return json_finish(&w);
}

static int event_sublayer(struct monitor *m, const struct nlmsghdr *nlh,
			  const char *event)
{
	struct nf_sublayer s;
	struct json_writer w;

	if (nf_parse_sublayer(nlh, &s))
		return -1;
	if (!m->ctl->json) {
		print_sublayer_text(stdout, &s, event);
		return 0;
	}
	print_event_json_begin(&w, stdout, event, "sublayer");
	print_sublayer_json(&w, &s);
	json_object_end(&w);
	return json_finish(&w);
}

static int event_filter(struct monitor *m, const struct nlmsghdr *nlh,
			const char *event)
{
	static struct nf_filter f;
	struct json_writer w;

	if (nf_parse_filter(nlh, &f))
		return -1;
	if (!m->ctl->json) {
		print_filter_text(stdout, m->ls, &f, event);
		return 0;
	}
	print_event_json_begin(&w, stdout, event, "filter");
	print_filter_json(&w, m->ls, &f);
	json_object_end(&w);
	return json_finish(&w);
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct monitor *m = data;
	const struct genlmsghdr *gh;
	int ret = 0;

	if (nlh->nlmsg_type != m->family_id ||
	    mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return MNL_CB_OK;
	gh = mnl_nlmsg_get_payload(nlh);
	switch (gh->cmd) {
	case NFWFP_CMD_NEW_CALLOUT:
	case NFWFP_CMD_DEL_CALLOUT:
		ret = event_callout(m, nlh, gh->cmd == NFWFP_CMD_NEW_CALLOUT ?
				    "new" : "del");
		break;
	case NFWFP_CMD_NEW_SUBLAYER:
	case NFWFP_CMD_DEL_SUBLAYER:
		ret = event_sublayer(m, nlh, gh->cmd == NFWFP_CMD_NEW_SUBLAYER ?
				     "new" : "del");
		break;
	case NFWFP_CMD_NEW_FILTER:
	case NFWFP_CMD_DEL_FILTER:
		ret = event_filter(m, nlh, gh->cmd == NFWFP_CMD_NEW_FILTER ?
				   "new" : "del");
		break;
	default:
		return MNL_CB_OK;	/* a newer module's event */
	}
	if (ret)
		ctl_warn("malformed event (command %u) skipped", gh->cmd);
	if (fflush(stdout) || ferror(stdout)) {
		errno = EPIPE;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int cmd_monitor(struct nfwfpctl *ctl, int argc, char *argv[])
{
	struct monitor m = { .ctl = ctl };
	struct genl_sock g;
	ssize_t n;
	int ret;

	(void)argv;
	if (argc > 0) {
		usage_error("monitor takes no arguments");
		return EXIT_USAGE;
	}
	if (ctl->g) {
		usage_error("monitor cannot run from an -f file");
		return EXIT_USAGE;
	}
	if (ctl_layers(ctl, &m.ls) || nfwfp_connect(&g))
		return EXIT_RUNTIME;
	m.family_id = g.family_id;
	ret = genl_join(&g, NFWFP_MCGRP_EVENTS);
	if (ret) {
		ctl_error("cannot join the \"%s\" group: %s%s", NFWFP_MCGRP_EVENTS,
			  strerror(-ret), ret == -EPERM ?
			  " (CAP_NET_ADMIN in the initial user namespace is required)" :
			  "");
		genl_close(&g);
		return EXIT_RUNTIME;
	}
	for (;;) {
		n = genl_recv(&g);
		if (n == -ENOBUFS) {
			ctl_warn("events were lost (receive buffer overrun)");
			continue;
		}
		if (n < 0) {
			ctl_error("receiving events: %s", strerror((int)-n));
			break;
		}
		if (mnl_cb_run(g.buf, (size_t)n, 0, 0, event_cb, &m) < 0)
			break;
	}
	genl_close(&g);
	return EXIT_RUNTIME;
}
