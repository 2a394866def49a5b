/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary_txt.c: the summary as plain text that reads well in an email: wrapped by words,
 * headings underlined, lists with "- ". Widths count what a terminal or a monospaced mail
 * reader shows: a combining accent takes no column, a CJK character two.
 */
#include <string.h>

#include "core/strbuf.h"
#include "core/text.h"
#include "core/util.h"
#include "report/summary.h"

/* Display columns of s[0..len), as core/text.h counts them. */
static int
columns(const char *s, size_t len)
{
	return text_display_width(s, strnlen(s, len));
}

/* The bytes of the UTF-8 character that starts with lead (1 for a byte that starts none;
 * the text is sanitised, so the bytes after a lead are its own). */
static size_t
char_bytes(unsigned char lead)
{
	return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf8 ? 4 : 1;
}

/* Append one word longer than the line, cut into pieces of at most avail columns. */
static void
append_long_word(struct strbuf *out, const char *w, size_t len, int *col, int width,
    const char *indent)
{
	const char *p = w, *end = w + len, *next;
	int cw;

	while (p < end) {
		next = p + char_bytes((unsigned char)*p);
		cw = columns(p, next - p);
		if (*col + cw > width && *col > (int)strlen(indent)) {
			strbuf_add_char(out, '\n');
			strbuf_add(out, indent);
			*col = strlen(indent);
		}
		strbuf_add_len(out, p, next - p);
		*col += cw;
		p = next;
	}
}

/*
 * Wrap one line of text (no \n) at width: first starts the first line, indent the ones
 * after. Ends with a newline.
 */
static void
wrap_line(struct strbuf *out, const char *line, size_t len, int width, const char *first,
    const char *indent)
{
	const char *p = line, *end = line + len, *w;
	int col, ww, any = 0;

	strbuf_add(out, first);
	col = columns(first, strlen(first));
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		for (w = p; p < end && *p != ' '; p++)
			;
		ww = columns(w, p - w);
		if (any && col + 1 + ww > width) {
			strbuf_add_char(out, '\n');
			strbuf_add(out, indent);
			col = strlen(indent);
		} else if (any) {
			strbuf_add_char(out, ' ');
			col++;
		}
		if (col + ww > width)
			append_long_word(out, w, p - w, &col, width, indent);
		else {
			strbuf_add_len(out, w, p - w);
			col += ww;
		}
		any = 1;
	}
	strbuf_add_char(out, '\n');
}

/* A paragraph: its own line breaks are kept, blank lines too; a line that starts a list
 * ("- ", "* ") keeps its continuation under the text. */
static void
wrap_paragraph(struct strbuf *out, const char *text, int width)
{
	const char *p = text, *nl;
	size_t len;

	while (*p) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ')
			wrap_line(out, p, len, width, "", "  ");
		else
			wrap_line(out, p, len, width, "", "");
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* A note under a list item: indented, its own line breaks kept. */
static void
wrap_note(struct strbuf *out, const char *text, int width)
{
	const char *p = text, *nl;
	size_t len;

	while (*p) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		wrap_line(out, p, len, width, "  ", "  ");
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* The sheet as text: "  1  ____  [ ]  ____", one row each. */
static void
sheet_rows(struct strbuf *out, const struct summary *s, int width)
{
	int i, name_w = width - 4 - 2 - 5 - 2 - 20;

	if (name_w < 10)
		name_w = 10;
	strbuf_add_char(out, '\n');
	strbuf_addf(out, "%4s  %-*s  %-5s  %s\n", summary_str(SS_COL_NUMBER, s->lang),
	    name_w, summary_str(SS_COL_NAME, s->lang), summary_str(SS_COL_AGE, s->lang),
	    summary_str(SS_COL_SIGNATURE, s->lang));
	for (i = 1; i <= s->sheet_rows; i++) {
		strbuf_addf(out, "%4d  ", i);
		for (int k = 0; k < name_w; k++)
			strbuf_add_char(out, '_');
		strbuf_add(out, "  [ ]    ");
		for (int k = 0; k < 18; k++)
			strbuf_add_char(out, '_');
		strbuf_add_char(out, '\n');
	}
	if (s->notice != NULL) {
		strbuf_add_char(out, '\n');
		wrap_line(out, s->notice, strlen(s->notice), width, "", "");
	}
}

static void
underline(struct strbuf *out, const char *text, char c, int width)
{
	int n = columns(text, strlen(text));

	if (n > width)
		n = width;
	while (n-- > 0)
		strbuf_add_char(out, c);
	strbuf_add_char(out, '\n');
}

char *
summary_render_txt(const struct summary *s, int width)
{
	struct strbuf *out = strbuf_new(0);
	const struct summary_block *b;
	char *first, *text;
	size_t i;

	if (width < 20)
		width = 20;
	for (i = 0; i < s->nblocks; i++) {
		b = &s->blocks[i];
		switch (b->type) {
		case SB_PROGRAMME:
			wrap_line(out, b->text, strlen(b->text), width, "", "");
			break;
		case SB_TITLE:
			wrap_line(out, b->text, strlen(b->text), width, "", "");
			underline(out, b->text, '=', width);
			break;
		case SB_NAME:
			strbuf_add_char(out, '\n');
			wrap_line(out, b->text, strlen(b->text), width, "", "");
			break;
		case SB_FIELD:
			/* A field after a list or a text (the follow-up date) starts apart. */
			if (i > 0 && (b[-1].type == SB_PARAGRAPH || b[-1].type == SB_ITEM))
				strbuf_add_char(out, '\n');
			first = xasprintf("%s: ", b->label);
			wrap_line(out, b->text, strlen(b->text), width, first, "    ");
			free(first);
			break;
		case SB_HEADING:
			strbuf_add_char(out, '\n');
			wrap_line(out, b->text, strlen(b->text), width, "", "");
			underline(out, b->text, '-', width);
			break;
		case SB_PARAGRAPH:
			wrap_paragraph(out, b->text, width);
			break;
		case SB_ITEM:
			wrap_line(out, b->text, strlen(b->text), width, "- ", "  ");
			break;
		case SB_CONTACT:
			wrap_line(out, b->text, strlen(b->text), width, "", "");
			break;
		case SB_ITEM_NOTE:
			wrap_note(out, b->text, width);
			break;
		case SB_BOX:
			strbuf_add_char(out, '\n');
			wrap_line(out, b->label, strlen(b->label), width, "", "");
			underline(out, b->label, '-', width);
			wrap_paragraph(out, b->text, width);
			if (s->contact != NULL) {
				first = xasprintf("%s ", summary_str(SS_QUESTIONS, s->lang));
				wrap_line(out, s->contact, strlen(s->contact), width, first, "    ");
				free(first);
			}
			break;
		}
	}
	if (s->sheet_rows > 0)
		sheet_rows(out, s, width);
	text = xstrdup(out->str);
	strbuf_free(out);
	return text;
}
