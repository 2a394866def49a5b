/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h: UTF-8 checks and the sanitising of text that came from elsewhere (the shared
 * repository, another volunteer) before it reaches a terminal or a file name.
 */
#ifndef VOLUNTEER_TEXT_H
#define VOLUNTEER_TEXT_H

#include <jansson.h>
#include <stddef.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). */
int utf8_valid(const char *s, size_t len);

/*
 * Hostile text: the one rule of what must never reach a terminal, a file or the shared
 * repository as it is. Every front (the screens, the command line, sync's check of the
 * files that arrive, the forms' validation) asks these functions.
 *
 * A code point is hostile when it is
 * - a C0 control (U+0000-U+001F) other than tab and newline, DEL (U+007F), or a C1
 *   control (U+0080-U+009F): terminals act on them (ESC starts sequences, BS moves back);
 * - carriage return too: on a terminal it takes the cursor to column 0 and lets the rest
 *   of a line overwrite what was drawn (a forged name), and our files end lines with \n,
 *   so a CRLF from another editor loses only the \r;
 * - a bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) or the Arabic
 *   letter mark (U+061C): they reorder what is shown after them;
 * - zero-width or invisible (U+200B-U+200F, U+2060-U+2064, U+FEFF) or a line or
 *   paragraph separator (U+2028, U+2029): text that looks the same but is not;
 * - not a character at all (a surrogate, above U+10FFFF), as a wide character may be.
 * Invalid UTF-8 in a string is hostile as well.
 * Tab and newline are layout, not hostile: where a value has one line (a text field, a
 * list row) the caller refuses or folds them (TEXT_KEEP_NEWLINES below).
 */
int text_char_is_hostile(unsigned cp);
/* 1 when s[0..len) holds a hostile code point or is not valid UTF-8. */
int text_has_hostile(const char *s, size_t len);
/* 1 when a string in the jansson value v (object keys included) is hostile. Values nested
 * more than max_depth levels below v are not read and count as hostile. */
int text_json_has_hostile(const json_t *v, int max_depth);

enum {
	TEXT_KEEP_NEWLINES = 1,	/* keep \n (long text); otherwise \n and \t become spaces */
};

/*
 * A copy of s without the hostile code points above, with each invalid byte replaced by
 * U+FFFD, and tab (and newline, unless TEXT_KEEP_NEWLINES) turned into a space; cut at a
 * character boundary so that it holds at most max_bytes bytes (0: no bound). It removes
 * exactly what text_char_is_hostile flags. Caller frees.
 */
char *text_sanitize(const char *s, size_t max_bytes, int flags);
/* 1 when text_sanitize would change s (without a bound): hostile text, a tab, or a
 * newline without TEXT_KEEP_NEWLINES. */
int text_needs_sanitize(const char *s, int flags);

/*
 * Display width, the one way every front counts columns (a terminal, a monospaced mail
 * reader): wcwidth(3) semantics, read in the C.UTF-8 locale whatever the process's
 * locale. A combining mark takes 0 columns, a wide (CJK) character 2, a code point
 * wcwidth does not know (a control, tab) 1, a hostile one 0 (text_sanitize removes it).
 */
int text_char_width(unsigned cp);
/* Columns of s[0..len); an invalid byte takes 1, as the U+FFFD it is shown as. */
int text_display_width(const char *s, size_t len);

/*
 * s sanitised (text_sanitize) and cut to at most width display columns, the cut marked
 * with "…": at the end, or in the middle (middle != 0: "Sant J…adesses", the start and
 * the end kept, so that names that begin alike stay told apart). A combining mark stays
 * with its letter; a wide character is never split. "" for width < 1. Caller frees.
 */
char *text_cut(const char *s, int width, int middle);

/* Decode one UTF-8 character at s (len bytes left); returns its length, 0 if invalid. */
size_t utf8_decode(const char *s, size_t len, unsigned *cp);

/*
 * The yes/no words of every place a person or a file writes a boolean (a bool field, a
 * form's required/personal flags, the config, a hand-written consent): yes, y, true, 1,
 * on, si, sí, s against no, n, false, 0, off, in any case. 0 with *out set, or -1 for
 * any other text.
 */
int text_yes_no(const char *s, int *out);

/* A copy of s without the blanks (space, tab, CR, LF) at both ends. Caller frees. */
char *text_trim(const char *s);

/* A name safe on any file system: ASCII letters, digits, '-' and '_', accents folded
 * (á→a, ñ→n, ç→c), at most max bytes, never empty ("record" then). Caller frees. */
char *text_safe_filename(const char *s, size_t max);
/*
 * The key two names are compared by, as a person reads them: ASCII letters in lower case
 * and Latin letters with accents folded ("Almazán", "ALMAZAN" and "almazan" all give
 * "almazan"), as the search's index folds them; anything else kept. Caller frees.
 */
char *text_fold(const char *s);

#endif
