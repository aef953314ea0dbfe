/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A streaming JSON (RFC 8259) writer for nfwfpctl -j.
 *
 * Output is compact: no blanks, one document, then a newline from
 * json_finish(). Misuse (a value without a key inside an object, a key in an
 * array, an unbalanced end, a second top-level value, nesting deeper than
 * JSON_MAX_DEPTH) does not write broken JSON: the writer stops writing and
 * json_finish() reports the error. All state lives in struct json_writer.
 */
#ifndef NFWFPCTL_JSON_H
#define NFWFPCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json_writer {
	FILE *f;
	unsigned int depth;	/* open objects and arrays */
	bool key_pending;	/* a key was written, its value was not */
	bool done;		/* the top-level value is complete */
	bool misuse;		/* the API was misused; nothing more is written */
	struct {
		bool object;	/* object, else array */
		bool nonempty;	/* a member was written: next needs a comma */
	} stack[JSON_MAX_DEPTH];
};

void json_init(struct json_writer *w, FILE *f);
int json_finish(struct json_writer *w);

void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);

void json_string(struct json_writer *w, const char *s);
void json_u64(struct json_writer *w, uint64_t v);
void json_s64(struct json_writer *w, int64_t v);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);

void json_escape(FILE *f, const char *s);

static inline void json_member_string(struct json_writer *w, const char *key,
				      const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

static inline void json_member_u64(struct json_writer *w, const char *key,
				   uint64_t v)
{
	json_key(w, key);
	json_u64(w, v);
}

#endif /* NFWFPCTL_JSON_H */
