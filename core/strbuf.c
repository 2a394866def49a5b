/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strbuf.c: see strbuf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"

/* Room for n more bytes and the NUL: the capacity doubles, so appends cost log n copies. */
static void
reserve(struct strbuf *sb, size_t n)
{
	size_t cap = sb->cap;

	if (n < cap - sb->len)
		return;
	if (n > (size_t)-1 / 2 - sb->len)
		util_out_of_memory();
	while (cap - sb->len <= n)
		cap *= 2;
	sb->str = xrealloc(sb->str, cap);
	sb->cap = cap;
}

struct strbuf *
strbuf_new(size_t hint)
{
	struct strbuf *sb = xmalloc(sizeof *sb);

	sb->cap = hint < 64 ? 64 : hint + 1;
	sb->str = xmalloc(sb->cap);
	sb->str[0] = '\0';
	sb->len = 0;
	return sb;
}

void
strbuf_free(struct strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->str);
	free(sb);
}

char *
strbuf_finish(struct strbuf *sb)
{
	char *s = sb->str;

	free(sb);
	return s;
}

void
strbuf_add_len(struct strbuf *sb, const char *s, size_t n)
{
	reserve(sb, n);
	memcpy(sb->str + sb->len, s, n);
	sb->len += n;
	sb->str[sb->len] = '\0';
}

void
strbuf_add(struct strbuf *sb, const char *s)
{
	strbuf_add_len(sb, s, strlen(s));
}

void
strbuf_add_char(struct strbuf *sb, char c)
{
	reserve(sb, 1);
	sb->str[sb->len++] = c;
	sb->str[sb->len] = '\0';
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sb->str + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		util_out_of_memory();	/* no memory, or more than INT_MAX bytes */
	if ((size_t)n >= sb->cap - sb->len) {
		reserve(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->str + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

void
strbuf_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->str[len] = '\0';
	}
}
