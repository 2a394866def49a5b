/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text.c: see text.h. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "core/text.h"
#include "core/util.h"

size_t
utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {	/* ASCII: most of every text */
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

int
text_char_is_hostile(unsigned cp)
{
	if (cp == '\t' || cp == '\n')
		return 0;
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x061c ||			/* Arabic letter mark */
	    (cp >= 0x200b && cp <= 0x200f) ||	/* zero-width, LRM, RLM */
	    cp == 0x2028 || cp == 0x2029 ||	/* line and paragraph separators */
	    (cp >= 0x202a && cp <= 0x202e) ||	/* bidi embeddings and overrides */
	    (cp >= 0x2060 && cp <= 0x2064) ||	/* word joiner, invisible operators */
	    (cp >= 0x2066 && cp <= 0x2069) ||	/* bidi isolates */
	    cp == 0xfeff ||			/* zero-width no-break space (BOM) */
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff;
}

int
text_has_hostile(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		/* Printable ASCII, tab and newline without decoding: every form and record
		 * is read through here, and most of their bytes are these. */
		if (c < 0x80 && c != 0x7f && (c >= 0x20 || c == '\t' || c == '\n')) {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0 || text_char_is_hostile(cp))
			return 1;
		i += n;
	}
	return 0;
}

int
text_json_has_hostile(const json_t *v, int max_depth)
{
	const char *key;
	json_t *e;
	size_t i;

	if (json_is_string(v))
		return text_has_hostile(json_string_value(v), json_string_length(v));
	if (!json_is_array(v) && !json_is_object(v))
		return 0;
	if (max_depth <= 0)
		return 1;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if (text_json_has_hostile(e, max_depth - 1))
				return 1;
	} else {
		json_object_foreach((json_t *)v, key, e)
			if (text_has_hostile(key, strlen(key)) ||
			    text_json_has_hostile(e, max_depth - 1))
				return 1;
	}
	return 0;
}

int
text_needs_sanitize(const char *s, int flags)
{
	size_t len = strlen(s);

	return text_has_hostile(s, len) || strchr(s, '\t') != NULL ||
	    (!(flags & TEXT_KEEP_NEWLINES) && strchr(s, '\n') != NULL);
}

char *
text_sanitize(const char *s, size_t max_bytes, int flags)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = xmalloc(len * 3 + 1);	/* each bad byte may become U+FFFD */
	unsigned cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if (max_bytes && o + 3 > max_bytes)
				break;
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		if (cp == '\n' || cp == '\t') {
			if (max_bytes && o + 1 > max_bytes)
				break;
			out[o++] = (cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) ? '\n' : ' ';
		} else if (!text_char_is_hostile(cp)) {
			if (max_bytes && o + n > max_bytes)
				break;
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

/* Latin letters with accents, folded to ASCII for file names. */
static char
fold_accent(unsigned cp)
{
	static const struct { unsigned lo, hi; char c; } map[] = {
		{ 0xc0, 0xc5, 'A' }, { 0xc7, 0xc7, 'C' }, { 0xc8, 0xcb, 'E' },
		{ 0xcc, 0xcf, 'I' }, { 0xd1, 0xd1, 'N' }, { 0xd2, 0xd6, 'O' },
		{ 0xd9, 0xdc, 'U' }, { 0xdd, 0xdd, 'Y' }, { 0xe0, 0xe5, 'a' },
		{ 0xe7, 0xe7, 'c' }, { 0xe8, 0xeb, 'e' }, { 0xec, 0xef, 'i' },
		{ 0xf1, 0xf1, 'n' }, { 0xf2, 0xf6, 'o' }, { 0xf9, 0xfc, 'u' },
		{ 0xfd, 0xfd, 'y' }, { 0xff, 0xff, 'y' },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (cp >= map[i].lo && cp <= map[i].hi)
			return map[i].c;
	return 0;
}

char *
text_fold(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = xmalloc(len + 1), c;
	unsigned cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			out[o++] = s[i++];	/* not UTF-8: the byte as it is */
			continue;
		}
		if (cp >= 'A' && cp <= 'Z')
			out[o++] = (char)(cp - 'A' + 'a');
		else if ((c = fold_accent(cp)) != 0)
			out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

char *
text_safe_filename(const char *s, size_t max)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = xmalloc(max + 8);
	unsigned cp;
	char c;

	while (i < len && o < max) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1, cp = '_';
		i += n;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '-')
			c = (char)cp;
		else if ((c = fold_accent(cp)) == 0)
			c = '_';
		/* No runs of '_' and never a leading one: "../x" gives "x". */
		if (c == '_' && (o == 0 || out[o - 1] == '_'))
			continue;
		out[o++] = c;
	}
	while (o > 0 && out[o - 1] == '_')
		o--;
	if (o == 0) {
		strcpy(out, "record");
		return out;
	}
	out[o] = '\0';
	return out;
}

/*
 * wcwidth answers in the locale of LC_CTYPE: in "C" every non-ASCII character would be
 * unknown. The fronts set a UTF-8 locale, but a test or a library caller may not, so the
 * width is read in C.UTF-8 (glibc has it built in), else in whatever locale is set.
 */
static int
width_in_utf8(unsigned cp)
{
	static locale_t utf8;
	static int tried;
	locale_t old = (locale_t)0;
	int w;

	if (!tried) {
		tried = 1;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	if (utf8 != (locale_t)0)
		old = uselocale(utf8);
	w = wcwidth((wchar_t)cp);
	if (old != (locale_t)0)
		uselocale(old);
	return w;
}

int
text_char_width(unsigned cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (text_char_is_hostile(cp))
		return 0;
	w = width_in_utf8(cp);
	return w < 0 ? 1 : w;
}

int
text_display_width(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned cp;
	int cols = 0;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			cols++;
			i++;
			continue;
		}
		cols += text_char_width(cp);
		i += n;
	}
	return cols;
}

char *
text_cut(const char *s, int width, int middle)
{
	char *clean = text_sanitize(s != NULL ? s : "", 0, 0), *out;
	size_t len = strlen(clean), i, k, n = 0, j, head, tail, *starts;
	int cols = 0, room, head_room, *widths;
	unsigned cp;

	if (text_display_width(clean, len) <= width)
		return clean;
	if (width < 1) {
		free(clean);
		return xstrdup("");
	}
	/* Each character's start and width (an invalid byte is one column, as shown). */
	starts = xmalloc((len + 1) * sizeof *starts);
	widths = xmalloc((len + 1) * sizeof *widths);
	for (i = 0; i < len; i += k, n++) {
		k = utf8_decode(clean + i, len - i, &cp);
		widths[n] = k == 0 ? 1 : text_char_width(cp);
		starts[n] = i;
		k = k == 0 ? 1 : k;
	}
	starts[n] = len;
	room = width - 1;	/* the "…" */
	head_room = middle ? (room + 1) / 2 : room;
	for (j = 0; j < n && (widths[j] == 0 || cols + widths[j] <= head_room); j++)
		cols += widths[j];
	head = starts[j];
	/* The tail: the last characters that fit in what is left, from a character of some
	 * width, so that no mark is left without its letter. */
	tail = len;
	room -= cols;
	for (cols = 0; middle && n > j && cols + widths[n - 1] <= room; n--) {
		cols += widths[n - 1];
		if (widths[n - 1] > 0)
			tail = starts[n - 1];
	}
	out = xasprintf("%.*s…%s", (int)head, clean, clean + tail);
	free(starts);
	free(widths);
	free(clean);
	return out;
}

int
text_yes_no(const char *s, int *out)
{
	/* strcasecmp folds ASCII only: "SÍ" is listed as well as "sí". */
	static const char *const yes[] = { "yes", "y", "true", "1", "on", "si", "s\xc3\xad",
		"S\xc3\x8d", "s" };
	static const char *const no[] = { "no", "n", "false", "0", "off" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *
text_trim(const char *s)
{
	size_t n;

	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	return xstrndup(s, n);
}
