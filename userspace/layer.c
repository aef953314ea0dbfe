// SPDX-License-Identifier: GPL-2.0
/*
 * nfwfpctl layer list | show NAME: the WFP layers nfwfp presents packets
 * at, with their run-time ids, management keys, fields (the names filter
 * conditions use) and counters (NFWFP_CMD_GET_LAYER dump).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nfwfpctl.h"
#include "print.h"

/* list: every layer; show NAME: one, by name or run-time id. */
static int layer_print(struct nfwfpctl *ctl, const char *which)
{
	const struct nf_layers *ls;
	struct json_writer w;
	unsigned int i, shown = 0;
	int ret = EXIT_OK;

	if (ctl_layers(ctl, &ls))
		return EXIT_RUNTIME;
	if (ctl->json) {
		json_init(&w, stdout);
		if (!which)
			json_array_begin(&w);
	}
	for (i = 0; i < ls->n; i++) {
		char id[16];

		snprintf(id, sizeof(id), "%u", ls->l[i].id);
		if (which && strcmp(which, ls->l[i].name) && strcmp(which, id))
			continue;
		if (ctl->json)
			print_layer_json(&w, &ls->l[i]);
		else
			print_layer_text(stdout, &ls->l[i]);
		shown++;
	}
	if (ctl->json) {
		if (!which)
			json_array_end(&w);
		if (shown || !which)
			ret = json_finish(&w) ? EXIT_RUNTIME : EXIT_OK;
	}
	if (which && !shown) {
		ctl_error("no layer \"%s\" (see '" PROG_NAME " layer list')",
			  which);
		ret = EXIT_NOTFOUND;
	}
	return ret;
}

int cmd_layer(struct nfwfpctl *ctl, int argc, char *argv[])
{
	if (argc == 0 || (!strcmp(argv[0], "list") && argc == 1))
		return layer_print(ctl, NULL);
	if (!strcmp(argv[0], "show") && argc == 2)
		return layer_print(ctl, argv[1]);
	usage_error("usage: layer list | layer show NAME|ID");
	return EXIT_USAGE;
}
