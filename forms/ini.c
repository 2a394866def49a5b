/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ini.c: see ini.h. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "core/i18n.h"
#include "forms/ini.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '.' || c == '-';
}

/* FNV-1a: ini_find compares keys by it first; a section holds up to INI_MAX_ENTRIES keys,
 * and each new key is checked against those before it. */
static unsigned
key_hash(const char *key)
{
	unsigned h = 2166136261u;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

static int
is_repeatable(const char *const *repeatable, const char *key)
{
	for (; repeatable != NULL && *repeatable != NULL; repeatable++)
		if (strcmp(*repeatable, key) == 0)
			return 1;
	return 0;
}

/* [p, *end) without blanks at either side. */
static char *
trim(char *p, char **end)
{
	while (p < *end && is_blank(*p))
		p++;
	while (*end > p && is_blank((*end)[-1]))
		(*end)--;
	return p;
}

/*
 * The value in [p, end), already trimmed, made a string where it is: as written, or the
 * inside of double quotes (unescaped in place: the text only shrinks). Returns NULL with
 * *why set for a bad quoted value.
 */
static char *
parse_value(char *p, char *end, const char **why)
{
	char *out, *o;

	if (p == end || *p != '"') {
		*end = '\0';
		return p;
	}
	out = o = p;
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
			p++;
		*o++ = *p;
	}
	if (p == end)
		*why = _("no closing quote");
	else if (p + 1 != end)
		*why = _("text after the closing quote");
	else {
		*o = '\0';
		return out;
	}
	return NULL;
}

static struct ini_section *
add_section(struct ini *ini, char *name, int line)
{
	struct ini_section *s;

	ini->sections = xgrow(ini->sections, ini->nsections, sizeof *ini->sections);
	s = &ini->sections[ini->nsections++];
	s->name = name;
	s->line = line;
	s->entries = NULL;
	s->nentries = 0;
	return s;
}

/* 1 when [p, end) is printable ASCII alone: valid UTF-8 with nothing that
 * text_needs_sanitize refuses (no control, tab, newline or DEL), so neither check need
 * read it again. Most lines of a form are (278 of the 339 of visit.ini). */
static int
is_printable_ascii(const char *p, const char *end)
{
	for (; p < end; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return 0;
	return 1;
}

/* Reads one line [p, end) of ini's own copy of the text into ini, its key, value and
 * section name made strings in place; returns 0 or -1 with err set. */
static int
parse_line(struct ini *ini, const char *name, int line, char *p, char *end,
    const char *const *repeatable, struct error *err)
{
	struct ini_section *s;
	const struct ini_section *dup_s;
	const struct ini_entry *dup_e;
	struct ini_entry *e;
	char *eq, *kend, *vstart, *key, *value;
	const char *k, *why = NULL;
	int plain = is_printable_ascii(p, end);

	if (!plain && !utf8_valid(p, (size_t)(end - p)))
		return error_set(err, ERR_INVALID, "", _("%s:%d: not valid UTF-8"), name, line);
	p = trim(p, &end);
	if (p == end || *p == ';' || *p == '#')
		return 0;

	if (*p == '[') {
		char *close = memchr(p, ']', (size_t)(end - p)), *nstart, *nend;

		if (close == NULL || close + 1 != end)
			return error_set(err, ERR_INVALID, "", _("%s:%d: a section must be "
			    "written '[name]'"), name, line);
		nend = close;
		nstart = trim(p + 1, &nend);
		if (nstart == nend)
			return error_set(err, ERR_INVALID, "", _("%s:%d: empty section name"),
			    name, line);
		*nend = '\0';
		if (!plain && text_needs_sanitize(nstart, 0))
			return error_set(err, ERR_INVALID, "", _("%s:%d: control or invisible "
			    "characters in the section name"), name, line);
		/* The duplicate checks look at what came before: bounded here, before they
		 * could grow with the square of a 1 MB file. */
		if (ini->nsections >= INI_MAX_SECTIONS)
			return error_set(err, ERR_INVALID, "", _("%s:%d: more than %d sections"),
			    name, line, INI_MAX_SECTIONS);
		if ((dup_s = ini_section(ini, nstart)) != NULL)
			return error_set(err, ERR_INVALID, "", _("%s:%d: duplicate section "
			    "[%.64s] (first at line %d)"), name, line, nstart, dup_s->line);
		add_section(ini, nstart, line);
		return 0;
	}

	if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
		return error_set(err, ERR_INVALID, "", _("%s:%d: expected 'key = value' or "
		    "'[section]'"), name, line);
	kend = eq;
	p = trim(p, &kend);
	if (p == kend)
		return error_set(err, ERR_INVALID, "", _("%s:%d: a key is missing before '='"),
		    name, line);
	key = p;
	*kend = '\0';		/* at '=' or a blank before it */
	for (k = key; *k != '\0'; k++)
		if (!is_key_char(*k))
			return error_set(err, ERR_INVALID, "", _("%s:%d: a key may hold only "
			    "letters, digits, '_', '.' and '-'"), name, line);
	if (ini->nsections == 0)
		return error_set(err, ERR_INVALID, "", _("%s:%d: key '%.64s' before any "
		    "[section]"), name, line, key);
	vstart = eq + 1;
	vstart = trim(vstart, &end);
	if ((value = parse_value(vstart, end, &why)) == NULL)
		return error_set(err, ERR_INVALID, "", "%s:%d: %s", name, line, why);
	if (!plain && text_needs_sanitize(value, 0))
		return error_set(err, ERR_INVALID, "", _("%s:%d: control or invisible "
		    "characters in the value of '%.64s'"), name, line, key);
	s = &ini->sections[ini->nsections - 1];
	if (ini->nentries >= INI_MAX_ALL_ENTRIES)
		return error_set(err, ERR_INVALID, "", _("%s:%d: more than %d keys"), name, line,
		    INI_MAX_ALL_ENTRIES);
	if (s->nentries >= INI_MAX_ENTRIES)
		return error_set(err, ERR_INVALID, "", _("%s:%d: more than %d keys in [%.64s]"),
		    name, line, INI_MAX_ENTRIES, s->name);
	if (!is_repeatable(repeatable, key) && (dup_e = ini_find(s, key)) != NULL)
		return error_set(err, ERR_INVALID, "", _("%s:%d: duplicate key '%.64s' in "
		    "[%.64s] (first at line %d)"), name, line, key, s->name, dup_e->line);
	s->entries = xgrow(s->entries, s->nentries, sizeof *s->entries);
	e = &s->entries[s->nentries++];
	ini->nentries++;
	e->key = key;
	e->value = value;
	e->line = line;
	e->key_hash = key_hash(key);
	return 0;
}

/*
 * The text is copied once and every name, key and value is a string inside that copy:
 * an allocation of each key and each value, and a free of each, were a third of the
 * reading of visit.ini at every `add` (callgrind: 574 copies).
 */
int
ini_parse(struct ini **out, const char *name, const char *text,
    const char *const *repeatable, struct error *err)
{
	struct ini *ini = xcalloc(1, sizeof *ini);
	char *p, *nl, *end;
	int line = 0;

	p = ini->text = xstrdup(text);
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (*p != '\0') {
		line++;
		nl = strchr(p, '\n');
		end = nl != NULL ? nl : p + strlen(p);
		if (end > p && end[-1] == '\r')
			end--;
		if (parse_line(ini, name, line, p, end, repeatable, err) != 0) {
			ini_free(ini);
			return -1;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	*out = ini;
	return 0;
}

void
ini_free(struct ini *ini)
{
	size_t i;

	if (ini == NULL)
		return;
	for (i = 0; i < ini->nsections; i++)
		free(ini->sections[i].entries);
	free(ini->sections);
	free(ini->text);
	free(ini);
}

const struct ini_entry *
ini_find(const struct ini_section *s, const char *key)
{
	unsigned h = key_hash(key);
	size_t i;

	for (i = 0; i < s->nentries; i++)
		if (s->entries[i].key_hash == h && strcmp(s->entries[i].key, key) == 0)
			return &s->entries[i];
	return NULL;
}

const struct ini_section *
ini_section(const struct ini *ini, const char *name)
{
	size_t i;

	for (i = 0; i < ini->nsections; i++)
		if (strcmp(ini->sections[i].name, name) == 0)
			return &ini->sections[i];
	return NULL;
}
