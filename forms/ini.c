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
static const char *
trim(const char *p, const char **end)
{
	while (p < *end && is_blank(*p))
		p++;
	while (*end > p && is_blank((*end)[-1]))
		(*end)--;
	return p;
}

/*
 * The value in [p, end), already trimmed: as written, or the inside of double quotes.
 * Returns NULL with *why set for a bad quoted value.
 */
static char *
parse_value(const char *p, const char *end, const char **why)
{
	char *out, *o;

	if (p == end || *p != '"')
		return xstrndup(p, (size_t)(end - p));
	out = o = xmalloc((size_t)(end - p) + 1);
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
			p++;
		*o++ = *p;
	}
	*o = '\0';
	if (p == end)
		*why = _("no closing quote");
	else if (p + 1 != end)
		*why = _("text after the closing quote");
	else
		return out;
	free(out);
	return NULL;
}

static struct ini_section *
add_section(struct ini *ini, const char *name, size_t len, int line)
{
	struct ini_section *s;

	ini->sections = xgrow(ini->sections, ini->nsections, sizeof *ini->sections);
	s = &ini->sections[ini->nsections++];
	s->name = xstrndup(name, len);
	s->line = line;
	s->entries = NULL;
	s->nentries = 0;
	return s;
}

/* Reads one line [p, end) into ini; returns 0 or -1 with err set. */
static int
parse_line(struct ini *ini, const char *name, int line, const char *p, const char *end,
    const char *const *repeatable, struct error *err)
{
	struct ini_section *s;
	const struct ini_section *dup_s;
	const struct ini_entry *dup_e;
	struct ini_entry *e;
	const char *eq, *kend, *vstart, *why = NULL;
	char *key = NULL, *value = NULL;
	int rc = -1;

	if (!utf8_valid(p, (size_t)(end - p)))
		return error_set(err, ERR_INVALID, "", _("%s:%d: not valid UTF-8"), name, line);
	p = trim(p, &end);
	if (p == end || *p == ';' || *p == '#')
		return 0;

	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p)), *nstart, *nend;

		if (close == NULL || close + 1 != end)
			return error_set(err, ERR_INVALID, "", _("%s:%d: a section must be "
			    "written '[name]'"), name, line);
		nend = close;
		nstart = trim(p + 1, &nend);
		if (nstart == nend)
			return error_set(err, ERR_INVALID, "", _("%s:%d: empty section name"),
			    name, line);
		key = xstrndup(nstart, (size_t)(nend - nstart));
		if (text_needs_sanitize(key, 0)) {
			error_set(err, ERR_INVALID, "", _("%s:%d: control or invisible "
			    "characters in the section name"), name, line);
			goto out;
		}
		/* The duplicate checks look at what came before: bounded here, before they
		 * could grow with the square of a 1 MB file. */
		if (ini->nsections >= INI_MAX_SECTIONS) {
			error_set(err, ERR_INVALID, "", _("%s:%d: more than %d sections"), name,
			    line, INI_MAX_SECTIONS);
			goto out;
		}
		if ((dup_s = ini_section(ini, key)) != NULL) {
			error_set(err, ERR_INVALID, "", _("%s:%d: duplicate section [%.64s] "
			    "(first at line %d)"), name, line, key, dup_s->line);
			goto out;
		}
		add_section(ini, nstart, (size_t)(nend - nstart), line);
		rc = 0;
		goto out;
	}

	if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
		return error_set(err, ERR_INVALID, "", _("%s:%d: expected 'key = value' or "
		    "'[section]'"), name, line);
	kend = eq;
	p = trim(p, &kend);
	if (p == kend)
		return error_set(err, ERR_INVALID, "", _("%s:%d: a key is missing before '='"),
		    name, line);
	key = xstrndup(p, (size_t)(kend - p));
	for (p = key; *p != '\0'; p++) {
		if (!is_key_char(*p)) {
			error_set(err, ERR_INVALID, "", _("%s:%d: a key may hold only letters, "
			    "digits, '_', '.' and '-'"), name, line);
			goto out;
		}
	}
	if (ini->nsections == 0) {
		error_set(err, ERR_INVALID, "", _("%s:%d: key '%.64s' before any [section]"),
		    name, line, key);
		goto out;
	}
	vstart = eq + 1;
	vstart = trim(vstart, &end);
	if ((value = parse_value(vstart, end, &why)) == NULL) {
		error_set(err, ERR_INVALID, "", "%s:%d: %s", name, line, why);
		goto out;
	}
	if (text_needs_sanitize(value, 0)) {
		error_set(err, ERR_INVALID, "", _("%s:%d: control or invisible characters in "
		    "the value of '%.64s'"), name, line, key);
		goto out;
	}
	s = &ini->sections[ini->nsections - 1];
	if (ini->nentries >= INI_MAX_ALL_ENTRIES) {
		error_set(err, ERR_INVALID, "", _("%s:%d: more than %d keys"), name, line,
		    INI_MAX_ALL_ENTRIES);
		goto out;
	}
	if (s->nentries >= INI_MAX_ENTRIES) {
		error_set(err, ERR_INVALID, "", _("%s:%d: more than %d keys in [%.64s]"), name,
		    line, INI_MAX_ENTRIES, s->name);
		goto out;
	}
	if (!is_repeatable(repeatable, key) && (dup_e = ini_find(s, key)) != NULL) {
		error_set(err, ERR_INVALID, "", _("%s:%d: duplicate key '%.64s' in [%.64s] "
		    "(first at line %d)"), name, line, key, s->name, dup_e->line);
		goto out;
	}
	s->entries = xgrow(s->entries, s->nentries, sizeof *s->entries);
	e = &s->entries[s->nentries++];
	ini->nentries++;
	e->key = key;
	e->value = value;
	e->line = line;
	e->key_hash = key_hash(key);
	key = value = NULL;
	rc = 0;
out:
	free(key);
	free(value);
	return rc;
}

int
ini_parse(struct ini **out, const char *name, const char *text,
    const char *const *repeatable, struct error *err)
{
	struct ini *ini = xcalloc(1, sizeof *ini);
	const char *p = text, *nl, *end;
	int line = 0;

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
	size_t i, j;

	if (ini == NULL)
		return;
	for (i = 0; i < ini->nsections; i++) {
		for (j = 0; j < ini->sections[i].nentries; j++) {
			free(ini->sections[i].entries[j].key);
			free(ini->sections[i].entries[j].value);
		}
		free(ini->sections[i].entries);
		free(ini->sections[i].name);
	}
	free(ini->sections);
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
