/*
 * text.h: UTF-8 checks and the sanitising of text that came from elsewhere (the shared
 * repository, another volunteer) before it reaches a terminal or a file name.
 */
#ifndef VOLUNTEER_TEXT_H
#define VOLUNTEER_TEXT_H

#include <stddef.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). */
int utf8_valid(const char *s, size_t len);

enum {
	TEXT_KEEP_NEWLINES = 1,	/* keep \n (long text); otherwise \n and \t become spaces */
};

/*
 * A copy of s without C0 and C1 controls, DEL, bidi overrides and isolates, zero-width
 * characters, with invalid UTF-8 replaced by U+FFFD, cut at a character boundary so that it
 * holds at most max_bytes bytes (0: no bound). Caller frees.
 */
char *text_sanitize(const char *s, size_t max_bytes, int flags);
/* 1 when text_sanitize would change s (used to report hostile files). */
int text_needs_sanitize(const char *s, int flags);

/* Decode one UTF-8 character at s (len bytes left); returns its length, 0 if invalid. */
size_t utf8_decode(const char *s, size_t len, unsigned *cp);

/* A copy of s without the blanks (space, tab, CR, LF) at both ends. Caller frees. */
char *text_trim(const char *s);

/* A name safe on any file system: ASCII letters, digits, '-' and '_', accents folded
 * (á→a, ñ→n, ç→c), at most max bytes, never empty ("record" then). Caller frees. */
char *text_safe_filename(const char *s, size_t max);

#endif
