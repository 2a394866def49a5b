/* Text that reaches a terminal or a file name: UTF-8 checks and sanitising. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tests/tap.h"

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
	return done_testing();
}
