// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming JSON writer; see json.h.
 *
 * Strings from the kernel (names, descriptions) are bytes, not necessarily
 * UTF-8, and RFC 8259 §8.1 requires UTF-8. Well-formed UTF-8 is copied
 * through unchanged so non-ASCII names stay readable; each byte that is not
 * part of a well-formed sequence becomes U+FFFD, so the output always parses.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void json_init(struct json_writer *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

/**
 * json_finish() - end the document
 * @w: the writer
 *
 * Writes a newline after a complete document and flushes the stream.
 *
 * Return: 0 if exactly one complete value was written without misuse and
 * without an I/O error on the stream, -1 otherwise.
 */
int json_finish(struct json_writer *w)
{
	if (w->misuse || w->depth || !w->done)
		return -1;
	fputc('\n', w->f);
	/* stdio reports write errors when it flushes: make that happen now. */
	if (fflush(w->f) || ferror(w->f))
		return -1;
	return 0;
}

static bool json_fail(struct json_writer *w)
{
	w->misuse = true;
	return false;
}

/*
 * Check that a value may be written here and write the separator it needs.
 * Inside an object the key has already written its comma and colon.
 */
static bool json_value_begin(struct json_writer *w)
{
	if (w->misuse)
		return false;
	if (!w->depth)
		return w->done ? json_fail(w) : true;

	if (w->stack[w->depth - 1].object) {
		if (!w->key_pending)
			return json_fail(w);
		w->key_pending = false;
		return true;
	}
	if (w->stack[w->depth - 1].nonempty)
		fputc(',', w->f);
	w->stack[w->depth - 1].nonempty = true;
	return true;
}

/* A value was completed; at the top level that completes the document. */
static void json_value_end(struct json_writer *w)
{
	if (!w->depth)
		w->done = true;
}

static void json_container_begin(struct json_writer *w, bool object)
{
	if (!json_value_begin(w))
		return;
	if (w->depth == JSON_MAX_DEPTH) {
		json_fail(w);
		return;
	}
	w->stack[w->depth].object = object;
	w->stack[w->depth].nonempty = false;
	w->depth++;
	fputc(object ? '{' : '[', w->f);
}

static void json_container_end(struct json_writer *w, bool object)
{
	if (w->misuse)
		return;
	if (!w->depth || w->stack[w->depth - 1].object != object ||
	    w->key_pending) {
		json_fail(w);
		return;
	}
	w->depth--;
	fputc(object ? '}' : ']', w->f);
	json_value_end(w);
}

void json_object_begin(struct json_writer *w)
{
	json_container_begin(w, true);
}

void json_object_end(struct json_writer *w)
{
	json_container_end(w, true);
}

void json_array_begin(struct json_writer *w)
{
	json_container_begin(w, false);
}

void json_array_end(struct json_writer *w)
{
	json_container_end(w, false);
}

void json_key(struct json_writer *w, const char *key)
{
	if (w->misuse)
		return;
	if (!key || !w->depth || !w->stack[w->depth - 1].object ||
	    w->key_pending) {
		json_fail(w);
		return;
	}
	if (w->stack[w->depth - 1].nonempty)
		fputc(',', w->f);
	w->stack[w->depth - 1].nonempty = true;
	json_escape(w->f, key);
	fputc(':', w->f);
	w->key_pending = true;
}

/*
 * The length of the well-formed UTF-8 sequence at @s (RFC 3629 §4: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0 if the bytes
 * there are not one. The NUL terminator is never a continuation byte, so
 * this cannot read past the end of the string.
 */
static size_t utf8_sequence_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;	/* range of the second byte */
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;

	if (s[0] == 0xe0)
		lo = 0xa0;	/* overlong below U+0800 */
	else if (s[0] == 0xed)
		hi = 0x9f;	/* UTF-16 surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;	/* overlong below U+10000 */
	else if (s[0] == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */

	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

/* The two-character escapes of RFC 8259 §7 for the control characters. */
static const char *json_short_escape(unsigned char c)
{
	switch (c) {
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '"':  return "\\\"";
	case '\\': return "\\\\";
	default:   return NULL;
	}
}

/**
 * json_escape() - write @s as a JSON string, quotes included
 * @f: the stream
 * @s: a NUL-terminated byte string
 *
 * Quote and backslash are escaped; control characters U+0000..U+001F use
 * \b \f \n \r \t where RFC 8259 has them and \u00XX otherwise. DEL and
 * non-ASCII UTF-8 pass through unchanged; invalid bytes become \ufffd.
 */
void json_escape(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		const char *esc = json_short_escape(*p);
		size_t len;

		if (esc) {
			fputs(esc, f);
			p++;
		} else if (*p < 0x20) {
			fprintf(f, "\\u%04x", *p);
			p++;
		} else if ((len = utf8_sequence_len(p))) {
			fwrite(p, 1, len, f);
			p += len;
		} else {
			fputs("\\ufffd", f);
			p++;
		}
	}
	fputc('"', f);
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_fail(w);
		return;
	}
	if (!json_value_begin(w))
		return;
	json_escape(w->f, s);
	json_value_end(w);
}

void json_u64(struct json_writer *w, uint64_t v)
{
	if (!json_value_begin(w))
		return;
	fprintf(w->f, "%" PRIu64, v);
	json_value_end(w);
}

void json_s64(struct json_writer *w, int64_t v)
{
	if (!json_value_begin(w))
		return;
	fprintf(w->f, "%" PRId64, v);
	json_value_end(w);
}

void json_bool(struct json_writer *w, bool v)
{
	if (!json_value_begin(w))
		return;
	fputs(v ? "true" : "false", w->f);
	json_value_end(w);
}

void json_null(struct json_writer *w)
{
	if (!json_value_begin(w))
		return;
	fputs("null", w->f);
	json_value_end(w);
}
