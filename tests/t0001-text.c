/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text that reaches a terminal or a file name: UTF-8 checks and sanitising. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tests/tap.h"

/* cp as UTF-8 into buf (at least 5 bytes); surrogates too, for the test of invalid input. */
static size_t
encode(unsigned cp, char *buf)
{
	size_t n;

	if (cp < 0x80)
		buf[0] = (char)cp, n = 1;
	else if (cp < 0x800)
		buf[0] = (char)(0xc0 | cp >> 6), buf[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	else if (cp < 0x10000)
		buf[0] = (char)(0xe0 | cp >> 12), buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f)),
		    buf[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	else
		buf[0] = (char)(0xf0 | cp >> 18), buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f)),
		    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), buf[3] = (char)(0x80 | (cp & 0x3f)),
		    n = 4;
	buf[n] = '\0';
	return n;
}

/* The predicate and text_sanitize agree on every code point of the planes in use: the
 * sanitised "a<cp>b" is "ab" exactly when cp is hostile, "a<cp>b" otherwise. */
static void
check_sanitize_matches_predicate(void)
{
	char in[16], ch[8], *out;
	unsigned cp, bad = 0, flagged = 0;

	for (cp = 1; cp < 0x30000 && bad < 5; cp++) {
		if ((cp >= 0xd800 && cp <= 0xdfff) || cp == '\t' || cp == '\n')
			continue;
		encode(cp, ch);
		snprintf(in, sizeof in, "a%sb", ch);
		out = text_sanitize(in, 0, TEXT_KEEP_NEWLINES);
		if (strcmp(out, text_char_is_hostile(cp) ? "ab" : in) != 0 ||
		    text_has_hostile(in, strlen(in)) != text_char_is_hostile(cp) ||
		    text_needs_sanitize(in, TEXT_KEEP_NEWLINES) != text_char_is_hostile(cp)) {
			diag("U+%04X: hostile %d, sanitised to '%s'", cp, text_char_is_hostile(cp),
			    out);
			bad++;
		}
		flagged += (unsigned)text_char_is_hostile(cp);
		free(out);
	}
	ok(bad == 0, "text_sanitize removes exactly what text_char_is_hostile flags");
	is_int((int)flagged, 29 + 1 + 32 + 1 + 5 + 2 + 5 + 5 + 4 + 1, "the hostile code points "
	    "are C0 but tab and newline, DEL, C1, U+061C, U+200B-F, U+2028-9, U+202A-E, "
	    "U+2060-4, U+2066-9, U+FEFF");
}

static void
check_hostile(void)
{
	json_t *v;

	ok(!text_char_is_hostile('\t') && !text_char_is_hostile('\n'),
	    "tab and newline are layout, not hostile");
	ok(text_char_is_hostile('\r'), "carriage return is hostile");
	ok(text_char_is_hostile(0x1b) && text_char_is_hostile(0x7f) &&
	    text_char_is_hostile(0x9b), "ESC, DEL and CSI are hostile");
	ok(text_char_is_hostile(0x202e) && text_char_is_hostile(0x2066) &&
	    text_char_is_hostile(0x2069), "bidi overrides and isolates are hostile");
	ok(text_char_is_hostile(0x200b) && text_char_is_hostile(0xfeff),
	    "zero-width characters are hostile");
	ok(text_char_is_hostile(0xd800) && text_char_is_hostile(0x110000),
	    "a surrogate or a value above U+10FFFF is hostile");
	ok(!text_char_is_hostile(0xf1) && !text_char_is_hostile(0x4e2d) &&
	    !text_char_is_hostile(0x301), "ñ, 中 and a combining accent are not");
	ok(text_has_hostile("a\xff" "b", 3), "invalid UTF-8 is hostile");
	ok(!text_has_hostile("l\xc3\xad" "nea\n\tm\xc3\xa1s", 12), "long text with ñ, tab and "
	    "newline is not hostile");
	ok(text_has_hostile("a\0b", 3), "a NUL inside the length is hostile");

	v = json_pack("{s:s, s:[s, {s:s}]}", "business", "Bar", "topics", "web", "x",
	    "ok\xe2\x80\xae");
	ok(text_json_has_hostile(v, 8), "a bidi override two levels down is found");
	json_decref(v);
	v = json_pack("{s:i, s:[s, {s:s}]}", "n", 3, "topics", "web", "x\x1b", "ok");
	ok(text_json_has_hostile(v, 8), "an object key is read too");
	json_decref(v);
	v = json_pack("{s:s, s:[i, b, n, {s:s}]}", "business", "Panader\xc3\xad" "a", "t", 1, 1,
	    "x", "l\xc3\xad" "nea\nm\xc3\xa1s");
	ok(!text_json_has_hostile(v, 8), "plain values are not hostile");
	ok(text_json_has_hostile(v, 1), "values nested deeper than the bound count as hostile");
	json_decref(v);
}

static void
check_sanitize(const char *in, int flags, size_t max, const char *want, const char *name)
{
	char *got = text_sanitize(in, max, flags);

	is_str(got, want, name);
	free(got);
}

int
main(void)
{
	char *s;

	ok(utf8_valid("Peña Çà ñ", strlen("Peña Çà ñ")), "accented text is valid UTF-8");
	ok(!utf8_valid("\xc3", 1), "a cut sequence is invalid");
	ok(!utf8_valid("\xc0\xaf", 2), "an overlong '/' is invalid");
	ok(!utf8_valid("\xed\xa0\x80", 3), "a surrogate is invalid");
	ok(!utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF is invalid");

	check_sanitize("ok\x1b[31mred", 0, 0, "ok[31mred", "ESC is removed");
	check_sanitize("a\rb\bc", 0, 0, "abc", "CR and BS are removed");
	check_sanitize("a\nb\tc", 0, 0, "a b c", "newline and tab become spaces");
	check_sanitize("a\nb", TEXT_KEEP_NEWLINES, 0, "a\nb", "long text keeps newlines");
	check_sanitize("x\xe2\x80\xae" "evil", 0, 0, "xevil", "RLO (U+202E) is removed");
	check_sanitize("x\xe2\x80\x8by", 0, 0, "xy", "zero-width space is removed");
	check_sanitize("x\xc2\x9by", 0, 0, "xy", "C1 CSI is removed");
	check_sanitize("x\x7fy", 0, 0, "xy", "DEL is removed");
	check_sanitize("a\xffz", 0, 0, "a\xef\xbf\xbdz", "invalid byte becomes U+FFFD");
	check_sanitize("ñññ", 0, 5, "ññ", "bound cuts at a character boundary");
	ok(text_needs_sanitize("\x1b]0;title\x07", 0), "OSC title sequence is hostile");
	ok(!text_needs_sanitize("Panadería Las Eras", 0), "plain text is left alone");
	ok(text_needs_sanitize("a\tb", TEXT_KEEP_NEWLINES), "a tab is folded, even in long text");
	ok(text_needs_sanitize("a\nb", 0) && !text_needs_sanitize("a\nb", TEXT_KEEP_NEWLINES),
	    "a newline is folded unless kept");
	check_hostile();
	check_sanitize_matches_predicate();

	{
		static const char *const yes[] = { "yes", "YES", "y", "true", "1", "on", "si",
			"s\xc3\xad", "S\xc3\xad", "S\xc3\x8d", "s" };
		static const char *const no[] = { "no", "No", "n", "false", "0", "off" };
		size_t i;
		int b, bad = 0;

		for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
			bad += text_yes_no(yes[i], &b) != 0 || b != 1;
		for (i = 0; i < sizeof no / sizeof no[0]; i++)
			bad += text_yes_no(no[i], &b) != 0 || b != 0;
		ok(bad == 0, "the yes and no words, in any case");
		b = 7;
		ok(text_yes_no("maybe", &b) == -1 && b == 7 && text_yes_no("", &b) == -1,
		    "other text is neither, and leaves the answer alone");
	}

	/* Display width: columns, not bytes nor code points, in any locale of the process. */
	is_int(text_display_width("Bar Plaza", 9), 9, "ASCII: a column each");
	is_int(text_display_width("Pe\xc3\xb1" "a", 5), 4, "ñ precomposed takes one column");
	is_int(text_display_width("Pen\xcc\x83" "a", 6), 4, "n + combining tilde takes one");
	is_int(text_display_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4, "two CJK characters take four");
	is_int(text_display_width("a\xe2\x80\xae" "b", 5), 2, "a bidi override takes none");
	is_int(text_display_width("a\xff" "b", 3), 3, "an invalid byte takes one, as U+FFFD");
	is_int(text_char_width(0xff21), 2, "a fullwidth letter is wide");
	is_int(text_char_width(0x301), 0, "a combining accent is not");

	s = text_safe_filename("../Peña/Ç", 60);
	is_str(s, "Pena_C", "../Peña/Ç gives a safe file name");
	ok(strchr(s, '/') == NULL && s[0] != '.', "no slash and no leading dot");
	free(s);
	s = text_safe_filename("../..", 60);
	is_str(s, "record", "a name made only of dots falls back to 'record'");
	free(s);
	s = text_safe_filename("Bar Plaza 2026-11-20", 60);
	is_str(s, "Bar_Plaza_2026-11-20", "spaces become underscores");
	free(s);

	/* Cut to a width: at the end, or in the middle, never a wide character split nor a
	 * mark left without its letter, the result sanitised. */
	s = text_cut("Villanueva de los Infantes", 10, 0);
	is_str(s, "Villanuev…", "text_cut: at the end, with …");
	free(s);
	s = text_cut("Sant Joan de les Abadesses", 15, 1);
	is_str(s, "Sant Jo…adesses", "text_cut: in the middle, the start and the end kept");
	free(s);
	s = text_cut("Almazán", 7, 1);
	is_str(s, "Almazán", "text_cut: what fits is whole");
	free(s);
	s = text_cut("東京都市町村", 8, 1);
	is_str(s, "東京…村", "text_cut: a wide character is never split");
	free(s);
	s = text_cut("Ane\xcc\x81lia de la Vall de Castello\xcc\x81", 9, 1);
	is_str(s, "Ane\xcc\x81l…ello\xcc\x81", "text_cut: a combining accent stays with its letter");
	free(s);
	s = text_cut("O\033[2J\033[2J\033[2J\033[2Jlvega", 9, 1);
	ok(strchr(s, '\033') == NULL, "text_cut: no escape in a cut text");
	free(s);
	s = text_cut("Soria", 0, 0);
	is_str(s, "", "text_cut: nothing in no room");
	free(s);

	s = text_fold("ALMAZÁN");
	is_str(s, "almazan", "text_fold: case and accents go");
	free(s);
	s = text_fold("Sant Adrià · Peñíscola Ç");
	is_str(s, "sant adria · peniscola c", "text_fold: other characters stay");
	free(s);
	return done_testing();
}
