/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strbuf.h: a string that grows as text is appended to it, for the documents the reports
 * write (the HTML report, its charts, the summary as text).
 *
 * str is always NUL-terminated and len bytes long (it may hold NUL bytes before len when
 * they were appended); both may be read between calls, and str moves when the buffer
 * grows. Allocation never fails (core/util.h). The buffer and its text are owned by
 * whoever made it: strbuf_free releases both, strbuf_finish hands the text over.
 */
#ifndef VOLUNTEER_STRBUF_H
#define VOLUNTEER_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *str;
	size_t len;
	size_t cap;	/* bytes allocated for str, its NUL included */
};

/* An empty buffer with room for hint bytes (0: a small default). */
struct strbuf *strbuf_new(size_t hint);
/* Free sb and its text (NULL: nothing). */
void strbuf_free(struct strbuf *sb);
/* Free sb and return its text, the caller's to free. */
char *strbuf_finish(struct strbuf *sb);

void strbuf_add(struct strbuf *sb, const char *s);
/* The n bytes at s, whatever they are. */
void strbuf_add_len(struct strbuf *sb, const char *s, size_t n);
void strbuf_add_char(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Keep the first len bytes (no change when the text is shorter). */
void strbuf_truncate(struct strbuf *sb, size_t len);

#endif
