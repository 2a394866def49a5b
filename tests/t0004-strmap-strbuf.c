/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * t0004: core/strmap.h and core/strbuf.h, the reports' table and growing string: every
 * key found again after the table grew, values freed once, the walk gives each key once;
 * text appended past every growth, formatted, cut and handed over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/strmap.h"
#include "core/util.h"
#include "tests/tap.h"

static int freed;

static void
count_free(void *v)
{
	freed++;
	free(v);
}

static void
test_map(void)
{
	struct strmap *m = strmap_new(count_free);
	char key[32], *seen;
	const char *k;
	void **slot, *v;
	size_t pos = 0, i, walked = 0, found = 0;
	int added, all_added = 1, dup = 0;

	ok(strmap_get(m, "nada") == NULL && strmap_size(m) == 0, "an empty map has no key");
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "municipio %zu", i);
		slot = strmap_slot(m, key, &added);
		all_added &= added && *slot == NULL;
		*slot = xasprintf("%zu", i);
	}
	ok(all_added, "each new key is added with no value");
	is_int((int)strmap_size(m), 5000, "5,000 keys");
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "municipio %zu", i);
		v = strmap_get(m, key);
		snprintf(key, sizeof key, "%zu", i);
		found += v != NULL && strcmp(v, key) == 0;
	}
	is_int((int)found, 5000, "every key finds its value after the table grew");
	slot = strmap_slot(m, "municipio 7", &added);
	ok(!added && strcmp(*slot, "7") == 0, "a key seen already gives its slot back");
	ok(strmap_get(m, "municipio") == NULL && strmap_get(m, "") == NULL,
	    "a prefix or the empty key is not a key");
	*strmap_slot(m, "", NULL) = xstrdup("empty");
	ok(strcmp(strmap_get(m, ""), "empty") == 0, "the empty string is a key like another");

	seen = xcalloc(5001, 1);
	while (strmap_next(m, &pos, &k, &v)) {
		walked++;
		if (*k == '\0')
			continue;
		i = (size_t)strtoul(k + strlen("municipio "), NULL, 10);
		dup |= seen[i]++;
	}
	free(seen);
	ok(walked == 5001 && !dup, "the walk gives each key once (%zu)", walked);
	freed = 0;
	strmap_free(m);
	is_int(freed, 5001, "free frees each value once");

	m = strmap_new(NULL);
	strmap_slot(m, "website\x1f" "panaderia", &added);
	ok(added, "a set: a key without a value");
	strmap_slot(m, "website\x1f" "panaderia", &added);
	ok(!added, "the same key again is not added");
	strmap_free(m);
	strmap_free(NULL);
}

static void
test_buf(void)
{
	struct strbuf *sb = strbuf_new(0);
	char *s, *want;
	size_t i;

	ok(sb->len == 0 && strcmp(sb->str, "") == 0, "a new buffer is empty");
	for (i = 0; i < 1000; i++)
		strbuf_add(sb, "señal ");
	is_int((int)sb->len, 7000, "appended past every growth");
	ok(sb->str[sb->len] == '\0' && strncmp(sb->str + 6993, "señal ", 7) == 0,
	    "the text ends where len says, with its NUL");
	strbuf_truncate(sb, 0);
	strbuf_addf(sb, "<%s x=\"%.1f\">%d", "rect", 2.25, -3);
	is_str(sb->str, "<rect x=\"2.2\">-3", "formatted");
	want = xmalloc(5001);
	memset(want, 'a', 5000);
	want[5000] = '\0';
	strbuf_addf(sb, "%s", want);
	ok(sb->len == 16 + 5000 && strcmp(sb->str + 16, want) == 0,
	    "a formatted text longer than the room left");
	free(want);
	strbuf_truncate(sb, 4);
	strbuf_truncate(sb, 40);
	strbuf_add_char(sb, '>');
	strbuf_add_len(sb, "a\0b", 3);
	ok(sb->len == 8 && memcmp(sb->str, "<rec>a\0b", 9) == 0,
	    "cut, then a byte and bytes with a NUL inside");
	s = strbuf_finish(sb);
	is_str(s, "<rec>a", "finish hands the text over");
	free(s);
	strbuf_free(strbuf_new(1 << 16));
	strbuf_free(NULL);
}

int
main(void)
{
	plan_no_plan();
	test_map();
	test_buf();
	return done_testing();
}
