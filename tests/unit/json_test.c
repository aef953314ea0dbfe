// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of userspace/json.c: the documents it writes, RFC 8259 string
 * escaping, UTF-8 handling, and that misuse yields an error rather than
 * broken JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "unit.h"

/* A writer on a growing in-memory buffer. */
struct capture {
	struct json_writer w;
	FILE *f;
	char *buf;
	size_t len;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	if (!c->f) {
		perror("open_memstream");
		exit(EXIT_FAILURE);
	}
	json_init(&c->w, c->f);
}

/*
 * Finish the document; expect json_finish() to return @ret and, on success,
 * the output to be exactly @want plus the newline.
 */
static void capture_expect(struct unit *u, struct capture *c, int ret,
			   const char *want, const char *what)
{
	int got = json_finish(&c->w);

	fclose(c->f);
	if (ret) {
		EXPECT(u, got == ret, "%s: json_finish() = %d; got %d", what,
		       ret, got);
	} else {
		size_t n = strlen(want);

		EXPECT(u, got == 0 && c->len == n + 1 &&
		       !memcmp(c->buf, want, n) && c->buf[n] == '\n',
		       "%s: %s; got %d, %s", what, want, got, c->buf);
	}
	free(c->buf);
}

/* json_escape(@in) must write exactly @want. */
static void expect_escape(struct unit *u, const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		perror("open_memstream");
		exit(EXIT_FAILURE);
	}
	json_escape(f, in);
	fclose(f);
	EXPECT(u, !strcmp(buf, want), "escaped as %s; got %s", want, buf);
	free(buf);
}

static void json_empty_containers(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	json_object_end(&c.w);
	capture_expect(u, &c, 0, "{}", "empty object");

	capture_open(&c);
	json_array_begin(&c.w);
	json_array_end(&c.w);
	capture_expect(u, &c, 0, "[]", "empty array");
}

static void json_object_members(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	json_member_string(&c.w, "s", "text");
	json_member_u64(&c.w, "n", 42);
	json_key(&c.w, "neg");
	json_s64(&c.w, -5);
	json_key(&c.w, "t");
	json_bool(&c.w, true);
	json_key(&c.w, "f");
	json_bool(&c.w, false);
	json_key(&c.w, "z");
	json_null(&c.w);
	json_member_string(&c.w, "", "");
	json_object_end(&c.w);
	capture_expect(u, &c, 0,
		       "{\"s\":\"text\",\"n\":42,\"neg\":-5,\"t\":true,"
		       "\"f\":false,\"z\":null,\"\":\"\"}", "members");
}

static void json_nesting(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	json_key(&c.w, "a");
	json_array_begin(&c.w);
	json_u64(&c.w, 1);
	json_array_begin(&c.w);
	json_u64(&c.w, 2);
	json_object_begin(&c.w);
	json_object_end(&c.w);
	json_array_end(&c.w);
	json_object_begin(&c.w);
	json_key(&c.w, "b");
	json_array_begin(&c.w);
	json_array_end(&c.w);
	json_object_end(&c.w);
	json_array_end(&c.w);
	json_key(&c.w, "c");
	json_object_begin(&c.w);
	json_key(&c.w, "d");
	json_object_begin(&c.w);
	json_member_string(&c.w, "e", "f");
	json_object_end(&c.w);
	json_object_end(&c.w);
	json_object_end(&c.w);
	capture_expect(u, &c, 0,
		       "{\"a\":[1,[2,{}],{\"b\":[]}],\"c\":{\"d\":{\"e\":\"f\"}}}",
		       "nested");
}

static void json_top_level_scalars(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_string(&c.w, "alone");
	capture_expect(u, &c, 0, "\"alone\"", "a string");

	capture_open(&c);
	json_u64(&c.w, 0);
	capture_expect(u, &c, 0, "0", "a number");

	capture_open(&c);
	json_null(&c.w);
	capture_expect(u, &c, 0, "null", "null");

	capture_open(&c);
	json_array_begin(&c.w);
	json_string(&c.w, "a");
	json_string(&c.w, "b");
	json_bool(&c.w, false);
	json_array_end(&c.w);
	capture_expect(u, &c, 0, "[\"a\",\"b\",false]", "an array");
}

static void json_integer_extremes(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_array_begin(&c.w);
	json_u64(&c.w, UINT64_MAX);
	json_s64(&c.w, INT64_MIN);
	json_s64(&c.w, INT64_MAX);
	json_s64(&c.w, 0);
	json_array_end(&c.w);
	capture_expect(u, &c, 0,
		       "[18446744073709551615,-9223372036854775808,"
		       "9223372036854775807,0]", "extremes");
}

static void json_escape_quote_backslash(struct unit *u)
{
	expect_escape(u, "", "\"\"");
	expect_escape(u, "plain", "\"plain\"");
	expect_escape(u, "a\"b", "\"a\\\"b\"");
	expect_escape(u, "a\\b", "\"a\\\\b\"");
	expect_escape(u, "\\\"", "\"\\\\\\\"\"");
	expect_escape(u, "\"", "\"\\\"\"");
	/* Solidus may be escaped but need not be. */
	expect_escape(u, "a/b", "\"a/b\"");
	expect_escape(u, "'", "\"'\"");
}

static void json_escape_control_chars(struct unit *u)
{
	expect_escape(u, "\n", "\"\\n\"");
	expect_escape(u, "\t", "\"\\t\"");
	expect_escape(u, "\r", "\"\\r\"");
	expect_escape(u, "\b", "\"\\b\"");
	expect_escape(u, "\f", "\"\\f\"");
	expect_escape(u, "\x01", "\"\\u0001\"");
	expect_escape(u, "\x1b[31m", "\"\\u001b[31m\"");
	expect_escape(u, "\x1f", "\"\\u001f\"");
	expect_escape(u, "\x0b", "\"\\u000b\"");
	expect_escape(u, "a\x02z", "\"a\\u0002z\"");
	/* Space and DEL are not control characters to RFC 8259. */
	expect_escape(u, " ", "\" \"");
	expect_escape(u, "\x7f", "\"\x7f\"");
}

static void json_escape_utf8_passthrough(struct unit *u)
{
	expect_escape(u, "\xc3\xa9", "\"\xc3\xa9\"");		/* é */
	expect_escape(u, "Gr\xc3\xbc\xc3\x9f" "e", "\"Gr\xc3\xbc\xc3\x9f" "e\"");
	expect_escape(u, "\xc2\x80", "\"\xc2\x80\"");		/* U+0080 */
	expect_escape(u, "\xdf\xbf", "\"\xdf\xbf\"");		/* U+07FF */
	expect_escape(u, "\xe0\xa0\x80", "\"\xe0\xa0\x80\"");	/* U+0800 */
	expect_escape(u, "\xe2\x82\xac", "\"\xe2\x82\xac\"");	/* € */
	expect_escape(u, "\xed\x9f\xbf", "\"\xed\x9f\xbf\"");	/* U+D7FF */
	expect_escape(u, "\xee\x80\x80", "\"\xee\x80\x80\"");	/* U+E000 */
	expect_escape(u, "\xef\xbf\xbf", "\"\xef\xbf\xbf\"");	/* U+FFFF */
	expect_escape(u, "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");	/* 😀 */
	expect_escape(u, "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");	/* U+10FFFF */
	expect_escape(u, "\xe2\x80\xa8", "\"\xe2\x80\xa8\"");	/* U+2028 */
}

static void json_escape_invalid_utf8(struct unit *u)
{
	/* Every byte that starts no well-formed sequence becomes U+FFFD. */
	expect_escape(u, "\x80", "\"\\ufffd\"");
	expect_escape(u, "\xbf", "\"\\ufffd\"");
	expect_escape(u, "\xff", "\"\\ufffd\"");
	expect_escape(u, "\xfe", "\"\\ufffd\"");
	expect_escape(u, "\xc3", "\"\\ufffd\"");		/* truncated at NUL */
	expect_escape(u, "\xc3" "A", "\"\\ufffdA\"");
	expect_escape(u, "\xe2\x82" "A", "\"\\ufffd\\ufffdA\"");
	expect_escape(u, "\xc0\xaf", "\"\\ufffd\\ufffd\"");	/* overlong / */
	expect_escape(u, "\xc1\xbf", "\"\\ufffd\\ufffd\"");
	expect_escape(u, "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");
	expect_escape(u, "\xf0\x80\x80\xaf",
		      "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	expect_escape(u, "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	expect_escape(u, "\xf4\x90\x80\x80",
		      "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	expect_escape(u, "\xf5\x80\x80\x80",
		      "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* A bad byte does not swallow the valid text after it. */
	expect_escape(u, "a\x80\xc3\xa9", "\"a\\ufffd\xc3\xa9\"");
}

static void json_keys_escaped(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	json_member_string(&c.w, "k\"\n", "v\\");
	json_object_end(&c.w);
	capture_expect(u, &c, 0, "{\"k\\\"\\n\":\"v\\\\\"}", "escaped key");
}

static void json_misuse_value_without_key(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	json_string(&c.w, "orphan");
	json_object_end(&c.w);
	fflush(c.f);
	EXPECT(u, !strstr(c.buf ? c.buf : "", "orphan"),
	       "the orphan value is not written");
	capture_expect(u, &c, -1, NULL, "value without a key");

	capture_open(&c);
	json_object_begin(&c.w);
	json_object_begin(&c.w);
	capture_expect(u, &c, -1, NULL, "object without a key");
}

static void json_misuse_key_outside_object(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_array_begin(&c.w);
	json_key(&c.w, "k");
	json_u64(&c.w, 1);
	json_array_end(&c.w);
	capture_expect(u, &c, -1, NULL, "key in an array");

	capture_open(&c);
	json_key(&c.w, "k");
	capture_expect(u, &c, -1, NULL, "key at the top level");

	capture_open(&c);
	json_object_begin(&c.w);
	json_key(&c.w, "a");
	json_key(&c.w, "b");
	capture_expect(u, &c, -1, NULL, "two keys in a row");

	capture_open(&c);
	json_object_begin(&c.w);
	json_key(&c.w, NULL);
	capture_expect(u, &c, -1, NULL, "NULL key");
}

static void json_misuse_unbalanced(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	capture_expect(u, &c, -1, NULL, "unclosed object");

	capture_open(&c);
	json_array_begin(&c.w);
	json_object_end(&c.w);
	capture_expect(u, &c, -1, NULL, "array closed as an object");

	capture_open(&c);
	json_object_end(&c.w);
	capture_expect(u, &c, -1, NULL, "close without open");

	capture_open(&c);
	json_object_begin(&c.w);
	json_key(&c.w, "dangling");
	json_object_end(&c.w);
	capture_expect(u, &c, -1, NULL, "key without a value");

	capture_open(&c);
	capture_expect(u, &c, -1, NULL, "nothing written");
}

static void json_misuse_two_documents(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_object_begin(&c.w);
	json_object_end(&c.w);
	json_object_begin(&c.w);
	json_object_end(&c.w);
	capture_expect(u, &c, -1, NULL, "two top-level objects");

	capture_open(&c);
	json_u64(&c.w, 1);
	json_u64(&c.w, 2);
	capture_expect(u, &c, -1, NULL, "two top-level numbers");
}

static void json_misuse_null_string(struct unit *u)
{
	struct capture c;

	capture_open(&c);
	json_string(&c.w, NULL);
	capture_expect(u, &c, -1, NULL, "NULL string");
}

static void json_depth_limit(struct unit *u)
{
	struct capture c;
	char want[2 * JSON_MAX_DEPTH + 1];
	unsigned int i;

	capture_open(&c);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_begin(&c.w);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_end(&c.w);
	memset(want, '[', JSON_MAX_DEPTH);
	memset(want + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
	want[2 * JSON_MAX_DEPTH] = '\0';
	capture_expect(u, &c, 0, want, "JSON_MAX_DEPTH levels");

	capture_open(&c);
	for (i = 0; i <= JSON_MAX_DEPTH; i++)
		json_array_begin(&c.w);
	for (i = 0; i <= JSON_MAX_DEPTH; i++)
		json_array_end(&c.w);
	capture_expect(u, &c, -1, NULL, "one level too deep");
}

static void json_write_error_reported(struct unit *u)
{
	struct json_writer w;
	FILE *f = fopen("/dev/full", "w");

	if (!f) {
		unit_skip(u, "no /dev/full");
		return;
	}
	json_init(&w, f);
	json_object_begin(&w);
	json_member_string(&w, "k", "v");
	json_object_end(&w);
	EXPECT(u, json_finish(&w) == -1, "json_finish() fails on /dev/full");
	fclose(f);
}

static const struct unit_test json_tests[] = {
	UNIT_TEST(json_empty_containers),
	UNIT_TEST(json_object_members),
	UNIT_TEST(json_nesting),
	UNIT_TEST(json_top_level_scalars),
	UNIT_TEST(json_integer_extremes),
	UNIT_TEST(json_escape_quote_backslash),
	UNIT_TEST(json_escape_control_chars),
	UNIT_TEST(json_escape_utf8_passthrough),
	UNIT_TEST(json_escape_invalid_utf8),
	UNIT_TEST(json_keys_escaped),
	UNIT_TEST(json_misuse_value_without_key),
	UNIT_TEST(json_misuse_key_outside_object),
	UNIT_TEST(json_misuse_unbalanced),
	UNIT_TEST(json_misuse_two_documents),
	UNIT_TEST(json_misuse_null_string),
	UNIT_TEST(json_depth_limit),
	UNIT_TEST(json_write_error_reported),
};

const struct unit_suite json_suite = { json_tests, ARRAY_SIZE(json_tests) };
