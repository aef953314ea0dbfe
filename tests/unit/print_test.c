// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of userspace/print.c: JSON listings are checked by Python's
 * JSON parser (structure and values, not text), and a filter's text form
 * is checked by parsing it back as an -f line would.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "layers_fake.h"
#include "nfwfpctl.h"
#include "print.h"
#include "unit.h"

static struct nf_layers ls;

/*
 * Feed @json to python3's json module and run @check (Python statements on
 * the parsed value d). 0 when it parsed and every assert held.
 */
static int py_check(struct unit *u, const char *json, const char *check)
{
	char path[] = "/tmp/nfwfp-unit-XXXXXX", cmd[4096];
	int fd = mkstemp(path), ret;
	FILE *f;

	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fputs(json, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import json, sys\n"
		 "d = json.load(open(sys.argv[1]), parse_constant=lambda c: 1 / 0)\n"
		 "%s' %s", check, path);
	ret = system(cmd);
	unlink(path);
	if (ret)
		printf("# JSON was: %s", json);
	(void)u;
	return ret;
}

static bool have_python(void)
{
	return system("python3 -c 1 2>/dev/null") == 0;
}

/* Write with @fn into a string; free() it. */
#define CAPTURE(buf, len, stmt) do {					\
	FILE *out = open_memstream(&(buf), &(len));			\
	struct json_writer w;						\
	json_init(&w, out);						\
	stmt;								\
	json_finish(&w);						\
	fclose(out);							\
} while (0)

static void sample_filter(struct nf_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->id = 42;
	guid_parse("01234567-89ab-cdef-0123-456789abcdef", f->key);
	strcpy(f->name, "web \"out\"");
	f->layer = 16;
	f->effective_weight = 0x1000000000000003ULL;
	f->action = NFWFP_ACTION_CALLOUT_TERMINATING;
	f->has_callout = true;
	guid_parse("11111111-2222-3333-4444-555555555555", f->callout);
	f->has_sublayer = true;
	guid_parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", f->sublayer);
	f->flags = NFWFP_OBJ_F_DYNAMIC | NFWFP_FILTER_F_CLEAR_ACTION_RIGHT;
	f->has_context = true;
	f->context = 7;
	f->nconds = 4;
	f->conds[0] = (struct nf_cond){ .field = 0, .value = 6 };
	f->conds[1] = (struct nf_cond){ .field = 3, .addr_len = 4,
					.has_prefix = true, .prefix = 8,
					.addr = { 10 } };
	f->conds[2] = (struct nf_cond){ .field = 5, .match = NFWFP_MATCH_RANGE,
					.value = 80, .value_hi = 90,
					.has_hi = true };
	f->conds[3] = (struct nf_cond){ .field = 10,
					.match = NFWFP_MATCH_FLAGS_ALL_SET,
					.value = 0x30 };
	f->matched = 5;
}

static void json_filter_list(struct unit *u)
{
	static struct nf_filter f[2];
	char *buf = NULL;
	size_t len;

	if (!have_python()) {
		unit_skip(u, "no python3");
		return;
	}
	fake_layers(&ls);
	sample_filter(&f[0]);
	sample_filter(&f[1]);
	f[1].nconds = 0;
	f[1].action = NFWFP_ACTION_BLOCK;
	f[1].has_callout = false;
	strcpy(f[1].name, "caf\xc3\xa9 \x01\xff");
	CAPTURE(buf, len, (json_array_begin(&w), print_filter_json(&w, &ls, &f[0]),
			   print_filter_json(&w, &ls, &f[1]), json_array_end(&w)));
	EXPECT(u, py_check(u, buf,
		"assert isinstance(d, list) and len(d) == 2\n"
		"f = d[0]\n"
		"assert f[\"id\"] == 42 and f[\"name\"] == \"web \\\"out\\\"\"\n"
		"assert f[\"key\"] == \"01234567-89ab-cdef-0123-456789abcdef\"\n"
		"assert f[\"layer\"] == \"outbound-transport-v4\" and f[\"layer_id\"] == 16\n"
		"assert f[\"weight\"] == 0x1000000000000003 and f[\"context\"] == 7\n"
		"assert f[\"action\"] == \"terminating\"\n"
		"assert f[\"callout\"] == \"11111111-2222-3333-4444-555555555555\"\n"
		"assert f[\"flags\"] == [\"dynamic\", \"clear-action-right\"]\n"
		"c = f[\"conditions\"]\n"
		"assert [x[\"field\"] for x in c] == [\"protocol\", \"remote-addr\", \"remote-port\", \"flags\"]\n"
		"assert c[0][\"value\"] == 6 and c[0][\"match\"] == \"eq\"\n"
		"assert c[1][\"addr\"] == \"10.0.0.0\" and c[1][\"prefix\"] == 8\n"
		"assert c[2][\"match\"] == \"range\" and (c[2][\"value\"], c[2][\"value_hi\"]) == (80, 90)\n"
		"assert c[3][\"match\"] == \"all-set\" and c[3][\"value\"] == 48\n"
		"assert f[\"matched\"] == 5\n"
		"assert d[1][\"conditions\"] == [] and \"callout\" not in d[1]\n"
		"assert d[1][\"name\"] == \"caf\\u00e9 \\u0001\\ufffd\"\n") == 0,
	       "filter list JSON parses and says what the filters are");
	free(buf);
}

static void json_other_objects(struct unit *u)
{
	struct nf_callout c = { .id = 3, .layer = 18, .flags = NFWFP_OBJ_F_ADDED |
				NFWFP_OBJ_F_REGISTERED, .classified = 9 };
	struct nf_sublayer s = { .weight = 65535, .filters = 2 };
	struct nf_handle h = { .id = 1, .family = AF_INET6, .requested = 4,
			       .outstanding = 1, .flags = NFWFP_HANDLE_F_CLOSING };
	struct nf_config cfg = { 0 };
	char *buf = NULL;
	size_t len;

	if (!have_python()) {
		unit_skip(u, "no python3");
		return;
	}
	fake_layers(&ls);
	strcpy(c.name, "inspect");
	strcpy(c.owner, "nfwfp_test_callout");
	strcpy(s.name, "s");
	cfg.have = 1u << NFWFP_CONFIG_A_INJECT_BUDGET |
		   1u << NFWFP_CONFIG_A_INJECT_MARK_MASK;
	cfg.v[NFWFP_CONFIG_A_INJECT_BUDGET] = 8;
	cfg.v[NFWFP_CONFIG_A_INJECT_MARK_MASK] = 0x7f000000;
	CAPTURE(buf, len, (json_array_begin(&w), print_callout_json(&w, &ls, &c),
			   print_sublayer_json(&w, &s), print_handle_json(&w, &h),
			   print_config_json(&w, &cfg), json_array_end(&w)));
	EXPECT(u, py_check(u, buf,
		"c, s, h, cfg = d\n"
		"assert c[\"name\"] == \"inspect\" and c[\"layer\"] == \"outbound-transport-v6\"\n"
		"assert c[\"flags\"] == [\"added\", \"registered\"] and c[\"classified\"] == 9\n"
		"assert c[\"owner\"] == \"nfwfp_test_callout\"\n"
		"assert s[\"weight\"] == 65535 and s[\"filters\"] == 2 and s[\"flags\"] == []\n"
		"assert h[\"family\"] == \"inet6\" and h[\"closing\"] is True and h[\"outstanding\"] == 1\n"
		"assert cfg == {\"inject_budget\": 8, \"inject_mark_mask\": 0x7f000000}\n") == 0,
	       "callout, sublayer, handle and config JSON");
	free(buf);
}

/* layer show -j, stats -j and version -j, through a real JSON parser. */
static void json_layer_stats_version(struct unit *u)
{
	const struct nf_counter c[] = { { "presented", 12 },
					{ "layer_24_blocked", UINT64_MAX } };
	char *buf = NULL;
	size_t len;

	if (!have_python()) {
		unit_skip(u, "no python3");
		return;
	}
	fake_layers(&ls);
	ls.l[1].classified = 7;
	ls.l[1].blocked = 2;
	ls.l[1].filters = 1;
	CAPTURE(buf, len, (json_array_begin(&w), print_layer_json(&w, &ls.l[1]),
			   print_stats_json(&w, c, 2), print_stats_json(&w, c, 0),
			   print_version_json(&w, "0.1.0", "0.1.0 \"dev\"\\", 1),
			   json_array_end(&w)));
	EXPECT(u, py_check(u, buf,
		"l, st, empty, v = d\n"
		"assert l[\"name\"] == \"outbound-transport-v6\" and l[\"id\"] == 18\n"
		"assert l[\"family\"] == \"inet6\" and l[\"filters\"] == 1\n"
		"assert l[\"classified\"] == 7 and l[\"blocked\"] == 2\n"
		"assert [f[\"index\"] for f in l[\"fields\"]] == [0, 1, 2, 3, 4, 5, 6, 10]\n"
		"assert l[\"fields\"][3][\"name\"] == \"remote-addr\"\n"
		"assert st == {\"presented\": 12, \"layer_24_blocked\": 2**64 - 1}\n"
		"assert empty == {}\n"
		"assert v == {\"nfwfpctl\": \"0.1.0\", \"module\": \"0.1.0 \\\"dev\\\"\\\\\", \"genl_version\": 1}\n") == 0,
	       "layer, stats and version JSON");
	free(buf);
}

/* monitor -j: each event one JSON document naming the event and object. */
static void json_monitor_events(struct unit *u)
{
	static struct nf_filter f;
	struct nf_sublayer s = { .weight = 7 };
	char *buf = NULL, *buf2 = NULL;
	size_t len;

	if (!have_python()) {
		unit_skip(u, "no python3");
		return;
	}
	fake_layers(&ls);
	sample_filter(&f);
	strcpy(s.name, "watched");
	CAPTURE(buf, len, (print_event_json_begin(&w, out, "new", "filter"),
			   print_filter_json(&w, &ls, &f), json_object_end(&w)));
	CAPTURE(buf2, len, (print_event_json_begin(&w, out, "del", "sublayer"),
			    print_sublayer_json(&w, &s), json_object_end(&w)));
	EXPECT(u, py_check(u, buf,
		"assert sorted(d) == [\"event\", \"filter\", \"object\"]\n"
		"assert d[\"event\"] == \"new\" and d[\"object\"] == \"filter\"\n"
		"assert d[\"filter\"][\"id\"] == 42 and d[\"filter\"][\"layer\"] == \"outbound-transport-v4\"\n") == 0 &&
	       py_check(u, buf2,
		"assert d == {\"event\": \"del\", \"object\": \"sublayer\", \"sublayer\": d[\"sublayer\"]}\n"
		"assert d[\"sublayer\"][\"name\"] == \"watched\" and d[\"sublayer\"][\"weight\"] == 7\n") == 0,
	       "monitor event JSON parses: event, object and the object itself");
	free(buf);
	free(buf2);
}

/* The text form of a filter, read back by the -f syntax, is the filter. */
static void text_filter_loads_back(struct unit *u)
{
	static struct nf_filter f;
	static struct filter_args fa;
	char *buf = NULL, *argv[BATCH_MAX_WORDS], err[ARGS_ERR_LEN] = "";
	const char *e;
	size_t len;
	FILE *out;
	int argc;

	fake_layers(&ls);
	sample_filter(&f);
	out = open_memstream(&buf, &len);
	print_filter_text(out, &ls, &f, NULL);
	fclose(out);
	printf("# %s", buf);
	EXPECT(u, !strncmp(buf, "filter add layer outbound-transport-v4 ", 39),
	       "starts with the command that adds it");
	argc = batch_split(buf, argv, BATCH_MAX_WORDS, &e);
	EXPECT(u, argc > 2 && !filter_args_parse(&ls, argc - 2, argv + 2, &fa,
						 err, sizeof(err)),
	       "parses back: %s", err);
	EXPECT(u, !strcmp(fa.f.name, f.name) && fa.f.layer == 16 &&
	       fa.f.has_key && !memcmp(fa.f.key, f.key, GUID_LEN) &&
	       fa.f.has_weight && fa.f.weight == f.effective_weight &&
	       fa.f.action == f.action && fa.f.flags == f.flags &&
	       fa.f.context == 7, "name, key, weight, action, flags, context");
	EXPECT(u, fa.sublayer_ref &&
	       !strcmp(fa.sublayer_ref, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee") &&
	       fa.callout_ref &&
	       !strcmp(fa.callout_ref, "11111111-2222-3333-4444-555555555555"),
	       "sublayer and callout by key");
	EXPECT(u, fa.f.nconds == 4 &&
	       !memcmp(fa.f.conds, f.conds, sizeof(f.conds[0]) * 4),
	       "the same four conditions");
	free(buf);
}

static void text_comments_what_cannot_be_added(struct unit *u)
{
	struct nf_sublayer s = { .flags = NFWFP_OBJ_F_BUILTIN };
	struct nf_callout c = { .flags = NFWFP_OBJ_F_REGISTERED, .layer = 16 };
	char *buf = NULL, *argv[BATCH_MAX_WORDS], *line, *save = NULL;
	unsigned int lines = 0;
	const char *e;
	size_t len;
	FILE *out;

	fake_layers(&ls);
	strcpy(s.name, "universal");
	strcpy(c.name, "driver only");
	out = open_memstream(&buf, &len);
	print_sublayer_text(out, &s, NULL);
	print_callout_text(out, &ls, &c, NULL);
	fclose(out);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		printf("# %s\n", line);
		lines++;
		EXPECT(u, batch_split(line, argv, BATCH_MAX_WORDS, &e) == 0,
		       "line %u is a comment", lines);
	}
	EXPECT(u, lines == 2, "a built-in sublayer and a registered-only "
	       "callout are two comment lines; got %u", lines);
	free(buf);
}

static const struct unit_test tests[] = {
	UNIT_TEST(json_filter_list),
	UNIT_TEST(json_other_objects),
	UNIT_TEST(json_layer_stats_version),
	UNIT_TEST(json_monitor_events),
	UNIT_TEST(text_filter_loads_back),
	UNIT_TEST(text_comments_what_cannot_be_added),
};

const struct unit_suite print_suite = { tests, ARRAY_SIZE(tests) };
