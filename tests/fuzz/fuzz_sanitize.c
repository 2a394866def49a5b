/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_sanitize.c: text_sanitize's output is valid UTF-8 without a hostile code point
 * (core/text.c's own predicate), without tab (nor newline unless kept), within its bound,
 * and sanitising it again changes nothing. The first byte picks the flags and the bound. */
#include <string.h>

#include "core/text.h"
#include "tests/fuzz/fuzz.h"

FUZZ_TARGET(sanitize)
{
	char *s, *out = NULL, *again = NULL;
	size_t max, len, i, n;
	unsigned cp;
	int flags;

	if (size < 1)
		return 0;
	flags = (data[0] & 1) ? TEXT_KEEP_NEWLINES : 0;
	max = (data[0] & 2) ? (size_t)(data[0] >> 2) : 0;
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	out = text_sanitize(s, max, flags);
	len = strlen(out);
	FUZZ_CHECK(max == 0 || len <= max);
	FUZZ_CHECK(utf8_valid(out, len));
	FUZZ_CHECK(!text_has_hostile(out, len));
	for (i = 0; i < len; i += n) {
		n = utf8_decode(out + i, len - i, &cp);
		if (n == 0)
			break;
		FUZZ_CHECK(!text_char_is_hostile(cp));
		FUZZ_CHECK(cp != '\t' && (cp != '\n' || (flags & TEXT_KEEP_NEWLINES)));
		/* C0 and C1 controls, bidi embeddings, overrides and isolates, zero-width. */
		FUZZ_CHECK(cp >= 0x20 || cp == '\n');
		FUZZ_CHECK(!(cp >= 0x7f && cp <= 0x9f));
		FUZZ_CHECK(!(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069));
		FUZZ_CHECK(!(cp >= 0x200b && cp <= 0x200f) && cp != 0xfeff);
	}
	FUZZ_CHECK(!text_needs_sanitize(out, flags));
	again = text_sanitize(out, 0, flags);
	FUZZ_CHECK(strcmp(again, out) == 0);
	free(again);
	free(out);
	free(s);
	return 0;
}
