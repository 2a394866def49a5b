/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary.c: from a record to the summary's document (see summary.h).
 *
 * The form gives the order, the labels and the types, so a coordinator's form with a new
 * field gets it printed too; only a few fields have a place of their own: the name at the
 * top, municipality with its province, contact details behind consent, a workshop's counts
 * under "Attendance", and the follow-up date after the visit's next steps.
 */
#include <string.h>

#include "core/business.h"
#include "core/i18n.h"
#include "core/store_business.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "forms/personal.h"
#include "report/dates.h"
#include "report/summary.h"

/* Text from the record is untrusted and bounded: a repository file may hold 1 MB. */
#define LINE_MAX_BYTES 2048

int
summary_format_parse(const char *s, enum summary_format *out, struct error *err)
{
	if (s != NULL && strcmp(s, "pdf") == 0)
		*out = SUMMARY_PDF;
	else if (s != NULL && strcmp(s, "txt") == 0)
		*out = SUMMARY_TXT;
	else
		return error_set(err, ERR_INVALID, "--format", _("--format: '%s' is not a format "
		    "(pdf or txt)"), s ? s : "");
	return 0;
}

const char *
summary_format_ext(enum summary_format fmt)
{
	return fmt == SUMMARY_TXT ? "txt" : "pdf";
}

int
summary_lang_check(const char *lang, struct error *err)
{
	if (!i18n_lang_known(lang))
		return error_set(err, ERR_INVALID, "--lang", _("--lang: '%s' is not a language "
		    "of summaries (es, en, ca, eu or gl)"), lang ? lang : "");
	return 0;
}

/* One of the five codes from r's `language` field, or NULL. */
static const char *
record_lang(const struct record *r)
{
	json_t *v = r != NULL ? json_object_get(r->fields, "language") : NULL;
	int i;

	if (json_is_string(v) && (i = i18n_lang_index(json_string_value(v))) >= 0)
		return i18n_langs[i];
	return NULL;
}

const char *
summary_lang_for(const char *asked, const struct record *r, struct store *st,
    const struct config *cfg)
{
	char business_id[UUID_LEN + 1];
	struct record *b = NULL;
	struct error ignored = { 0 };
	const char *lang;
	int i;

	if ((i = i18n_lang_index(asked)) >= 0)
		return i18n_langs[i];
	if ((lang = record_lang(r)) != NULL)
		return lang;
	/* A visit or a task of a registered business: the language that business reads. */
	if (st != NULL && r != NULL && business_kind_links(r->kind)) {
		store_business_of(st, r->id, business_id);
		if (*business_id != '\0' && store_record_get(st, business_id, &b,
		    &ignored) == 0)
			lang = record_lang(b);
		record_free(b);
		if (lang != NULL)
			return lang;
	}
	if (cfg != NULL && (i = i18n_lang_index(cfg->print_language)) >= 0)
		return i18n_langs[i];
	return i18n_lang();
}

/* ---- the document ---- */

/* Takes ownership of label and text. */
static void
add_block(struct summary *s, enum summary_block_type type, char *label, char *text)
{
	if (s->nblocks == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->blocks = xrealloc(s->blocks, s->cap * sizeof *s->blocks);
	}
	s->blocks[s->nblocks++] = (struct summary_block){ type, label, text };
}

static char *
clean_line(const char *s)
{
	return text_sanitize(s ? s : "", LINE_MAX_BYTES, 0);
}

static char *
clean_long(const char *s)
{
	return text_sanitize(s ? s : "", RECORD_MAX_VALUE, TEXT_KEEP_NEWLINES);
}

static void
add_field(struct summary *s, const char *label, const char *value)
{
	add_block(s, SB_FIELD, clean_line(label), clean_line(value));
}

void
summary_free(struct summary *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nblocks; i++) {
		free(s->blocks[i].label);
		free(s->blocks[i].text);
	}
	free(s->blocks);
	free(s->name);
	free(s->footer);
	free(s->contact);
	free(s->logo);
	free(s->notice);
	free(s);
}

static int
is_set(json_t *v)
{
	return v != NULL && !json_is_null(v) &&
	    !(json_is_string(v) && json_string_length(v) == 0) &&
	    !(json_is_array(v) && json_array_size(v) == 0);
}

/* One value as a person reads it in lang (not sanitised yet). Caller frees. */
static char *
value_text(const struct form_field *fd, json_t *v, const char *lang)
{
	char buf[64], *text;
	json_t *e;
	size_t i;
	struct strbuf *joined;

	if (strcmp(fd->name, "duration_min") == 0 && json_is_integer(v) &&
	    dates_duration((long)json_integer_value(v), buf, sizeof buf) == 0)
		return xstrdup(buf);
	switch (fd->type) {
	case FT_DATE:
		if (json_is_string(v) && dates_long(json_string_value(v), lang, buf,
		    sizeof buf) == 0)
			return xstrdup(buf);
		break;
	case FT_CHOICE:
		if (json_is_string(v))
			return xstrdup(form_choice_label(fd, json_string_value(v), lang));
		break;
	case FT_MULTI:
		if (!json_is_array(v))
			break;
		joined = strbuf_new(0);
		json_array_foreach(v, i, e) {
			if (!json_is_string(e))
				continue;
			if (joined->len > 0)
				strbuf_add(joined, ", ");
			strbuf_add(joined, form_choice_label(fd, json_string_value(e), lang));
		}
		text = xstrdup(joined->str);
		strbuf_free(joined);
		return text;
	case FT_BOOL:
		if (json_is_boolean(v))
			return xstrdup(summary_str(json_is_true(v) ? SS_YES : SS_NO, lang));
		break;
	case FT_DECIMAL:
		text = form_value_text(fd, v);
		/* A Spanish, Catalan, Basque or Galician reader writes 4,5. */
		i18n_number_local(text, lang);
		return text;
	default:
		break;
	}
	return form_value_text(fd, v);
}

/* The fields that have a place of their own, not among the details. */
static int
placed_apart(const struct record *r, const struct form_field *fd)
{
	static const char *const visit[] = { "business", "province", "consent", "follow_up",
		"language" };
	static const char *const workshop[] = { "title", "attendees", "attendees_65plus",
		"women", "men", "satisfaction", "language" };
	static const char *const business[] = { "name", "consent", "language",
		"merged_into" };
	const char *const *names = workshop;
	size_t n = sizeof workshop / sizeof workshop[0], i;

	if (strcmp(r->kind, "visit") == 0) {
		names = visit;
		n = sizeof visit / sizeof visit[0];
	} else if (strcmp(r->kind, "business") == 0) {
		names = business;
		n = sizeof business / sizeof business[0];
	}

	if (form_field_is_personal(r->kind, fd->name))
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(fd->name, names[i]) == 0)
			return 1;
	return 0;
}

static void
add_value_field(struct summary *s, const struct form_field *fd, json_t *v)
{
	char *text = value_text(fd, v, s->lang), *label = xstrdup(form_field_label(fd, s->lang));
	size_t n = strlen(label);

	/* "1 h 15 min" says its unit: a label's "(min)" would contradict it. */
	if (strcmp(fd->name, "duration_min") == 0 && n > 6 &&
	    strcmp(label + n - 6, " (min)") == 0)
		label[n - 6] = '\0';
	add_field(s, label, text);
	free(label);
	free(text);
}

/* Label and value of a named field of the form, when the record has it. */
static void
add_named_field(struct summary *s, const struct form *form, const struct record *r,
    const char *name)
{
	const struct form_field *fd = form_field(form, name);
	json_t *v = json_object_get(r->fields, name);

	if (fd != NULL && is_set(v))
		add_value_field(s, fd, v);
}

/* Short fields, in the form's order: the details under the name. */
static void
add_details(struct summary *s, const struct form *form, const struct record *r)
{
	const struct form_field *fd;
	json_t *v;
	size_t i;

	for (i = 0; i < form->nfields; i++) {
		fd = &form->fields[i];
		v = json_object_get(r->fields, fd->name);
		if (!is_set(v) || fd->type == FT_LONGTEXT || fd->type == FT_MULTI ||
		    placed_apart(r, fd))
			continue;
		if (strcmp(fd->name, "municipality") == 0 && json_is_string(v) &&
		    is_set(json_object_get(r->fields, "province"))) {
			char *both = xasprintf("%s (%s)", json_string_value(v),
			    record_field_str(r, "province") ? record_field_str(r, "province") : "");
			add_field(s, form_field_label(fd, s->lang), both);
			free(both);
			continue;
		}
		add_value_field(s, fd, v);
	}
}

static void
add_volunteer(struct summary *s, const struct config *cfg)
{
	char *who;

	if (cfg->name == NULL || *cfg->name == '\0')
		return;
	if (cfg->email != NULL && *cfg->email)
		who = xasprintf("%s · %s", cfg->name, cfg->email);
	else
		who = xstrdup(cfg->name);
	add_field(s, summary_str(SS_VOLUNTEER, s->lang), who);
	free(who);
}

static void
add_contact(struct summary *s, const struct form *form, const struct record *r)
{
	size_t i;
	int any = 0;

	if (!record_has_consent(r))
		return;
	for (i = 0; i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		json_t *v = json_object_get(r->fields, fd->name);
		if (!form_field_is_personal(r->kind, fd->name) || !is_set(v))
			continue;
		if (!any++)
			add_block(s, SB_HEADING, NULL, xstrdup(summary_str(SS_CONTACT, s->lang)));
		add_value_field(s, fd, v);
	}
}

/* Lists and long text, in the form's order: a heading each. */
static void
add_sections(struct summary *s, const struct form *form, const struct record *r)
{
	const struct form_field *fd;
	json_t *v, *e;
	size_t i, k;

	for (i = 0; i < form->nfields; i++) {
		fd = &form->fields[i];
		v = json_object_get(r->fields, fd->name);
		if (!is_set(v) || form_field_is_personal(r->kind, fd->name) ||
		    (fd->type != FT_LONGTEXT && fd->type != FT_MULTI))
			continue;
		/* A visit's next steps open the box at its end. */
		if (strcmp(r->kind, "visit") == 0 && strcmp(fd->name, "next_steps") == 0)
			continue;
		add_block(s, SB_HEADING, NULL, clean_line(form_field_label(fd, s->lang)));
		if (fd->type == FT_MULTI && json_is_array(v)) {
			json_array_foreach(v, k, e)
				if (json_is_string(e))
					add_block(s, SB_ITEM, NULL, clean_line(form_choice_label(fd,
					    json_string_value(e), s->lang)));
		} else if (json_is_string(v))
			add_block(s, SB_PARAGRAPH, NULL, clean_long(json_string_value(v)));
		else {
			char *text = value_text(fd, v, s->lang);
			add_block(s, SB_PARAGRAPH, NULL, clean_long(text));
			free(text);
		}
	}
}

/* ---- the business's tasks ---- */

/* A name compared as the business registry compares them (business_name_key: case,
 * accents, blanks and punctuation do not count). Caller frees. */
static char *
fold_name(const char *s)
{
	char *key, *clean = text_sanitize(s ? s : "", LINE_MAX_BYTES, 0);

	key = business_name_key(clean);
	free(clean);
	return key;
}

struct task_scan {
	const char *business_folded;
	const struct form *form;	/* the task form, may be NULL */
	json_t *found;			/* the fields of each task that matches */
};

/* A task of the visit's business (by its id, the store asked for tasks only): every one,
 * whatever its spelling. */
static int
task_of_business(const struct record *r, void *payload)
{
	struct task_scan *ts = payload;

	json_array_append(ts->found, r->fields);
	return 0;
}

static int
task_matches(const struct record *r, void *payload)
{
	struct task_scan *ts = payload;
	char *name = fold_name(record_field_str(r, "business"));

	if (strcmp(name, ts->business_folded) == 0 && !r->deleted)
		json_array_append(ts->found, r->fields);
	free(name);
	return 0;
}

/* The line of one task: "Title (Type): Status · https://..." in lang. Caller frees. */
static char *
task_line(const struct form *tf, json_t *fields, const char *lang)
{
	const struct form_field *fd;
	const char *title = json_string_value(json_object_get(fields, "title"));
	const char *type = json_string_value(json_object_get(fields, "type"));
	const char *status = json_string_value(json_object_get(fields, "status"));
	const char *url = json_string_value(json_object_get(fields, "url"));
	const char *due = json_string_value(json_object_get(fields, "due"));
	char when[64];
	struct strbuf *g = strbuf_new(0);
	char *line;

	strbuf_add(g, title ? title : "");
	if (type != NULL && *type) {
		fd = tf ? form_field(tf, "type") : NULL;
		strbuf_addf(g, " (%s)", fd ? form_choice_label(fd, type, lang) : type);
	}
	if (status != NULL && *status) {
		fd = tf ? form_field(tf, "status") : NULL;
		strbuf_addf(g, ": %s", fd ? form_choice_label(fd, status, lang) :
		    status);
	}
	if (due != NULL && dates_long(due, lang, when, sizeof when) == 0)
		strbuf_addf(g, " · %s %s", summary_str(SS_DUE, lang), when);
	if (url != NULL && *url)
		strbuf_addf(g, " · %s", url);
	line = clean_line(g->str);
	strbuf_free(g);
	return line;
}

/* FTS narrows the search to records that mention the business; a name with no letter or
 * digit gives FTS no word to look for, and then every task is read. */
static int
has_word(const char *s)
{
	for (; *s; s++)
		if ((*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') ||
		    (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* A visit summary lists at most this many done tasks, the latest. */
#define SUMMARY_DONE_TASKS_MOST 10

static int
task_done(json_t *fields)
{
	const char *status = json_string_value(json_object_get(fields, "status"));

	return status != NULL && strcmp(status, "done") == 0;
}

static int
add_tasks(struct summary *s, struct store *st, const struct record *visit,
    struct error *err)
{
	struct task_scan ts = { 0 };
	/* Oldest first, as a linked business's records come: the done tasks left out are
	 * the earliest. */
	struct record_filter f = { .kind = "task", .oldest_first = 1 };
	size_t done = 0, skipped, seen_done = 0;
	struct error ignored = { 0 };
	const char *business = record_field_str(visit, "business");
	char business_id[UUID_LEN + 1];
	json_t *t;
	size_t i;
	int rc = -1;

	ts.business_folded = fold_name(business);
	ts.form = forms_get("task");
	ts.found = json_array();
	store_business_of(st, visit->id, business_id);
	if (*business_id == '\0' && *ts.business_folded == '\0') {
		rc = 0;
		goto out;
	}
	if (*business_id != '\0') {
		/* Linked: the business's tasks, whatever each one's spelling. */
		if (store_business_records(st, business_id, "task", task_of_business, &ts, err) != 0)
			goto out;
	} else {
		f.search = has_word(business) ? business : NULL;
		if (store_list(st, &f, task_matches, &ts, &ignored) != 0) {
			/* A name FTS cannot parse: read every task instead. */
			f.search = NULL;
			json_array_clear(ts.found);
			if (store_list(st, &f, task_matches, &ts, err) != 0)
				goto out;
		}
	}
	add_block(s, SB_HEADING, NULL, xstrdup(summary_str(SS_TASKS, s->lang)));
	if (json_array_size(ts.found) == 0)
		add_block(s, SB_PARAGRAPH, NULL, xstrdup(summary_str(SS_NO_TASKS, s->lang)));
	/* Every open task, but only the latest done ones: a business helped for years would
	 * get pages of old work on the sheet of one visit (its history has them all). */
	json_array_foreach(ts.found, i, t)
		done += task_done(t);
	skipped = done > SUMMARY_DONE_TASKS_MOST ? done - SUMMARY_DONE_TASKS_MOST : 0;
	json_array_foreach(ts.found, i, t) {
		const char *about = json_string_value(json_object_get(t, "description"));

		if (task_done(t) && seen_done++ < skipped)
			continue;
		add_block(s, SB_ITEM, NULL, task_line(ts.form, t, s->lang));
		if (about != NULL && *about)
			add_block(s, SB_ITEM_NOTE, NULL, clean_long(about));
	}
	if (skipped > 0)
		add_block(s, SB_PARAGRAPH, NULL, xasprintf(summary_str(SS_EARLIER_DONE, s->lang),
		    (int)skipped));
	rc = 0;
out:
	free((char *)ts.business_folded);
	json_decref(ts.found);
	return rc;
}

/* ---- the two documents ---- */

static int
build_visit(struct summary *s, struct store *st, const struct config *cfg,
    const struct form *form, const struct record *r, struct error *err)
{
	const struct form_field *fd;
	json_t *v;
	const char *steps = record_field_str(r, "next_steps");
	char *text = NULL, *line;
	struct strbuf *box = NULL;

	add_block(s, SB_TITLE, NULL, xstrdup(summary_str(SS_VISIT_TITLE, s->lang)));
	add_block(s, SB_NAME, NULL, xstrdup(s->name));
	add_details(s, form, r);
	add_volunteer(s, cfg);
	add_contact(s, form, r);
	add_sections(s, form, r);
	if (add_tasks(s, st, r, err) != 0)
		return -1;
	box = strbuf_new(0);
	strbuf_add(box, steps ? steps : "");
	/* The box closes the letter: the next date and whom to call, down to the foot of
	 * the page, so that a short summary does not end in a blank third. */
	fd = form_field(form, "follow_up");
	v = json_object_get(r->fields, "follow_up");
	if (fd != NULL && is_set(v))
		text = value_text(fd, v, s->lang);
	if (text != NULL) {
		line = clean_line(text);
		strbuf_addf(box, "%s%s: %s", box->len ? "\n\n" : "",
		    summary_str(SS_FOLLOW_UP_ON, s->lang), line);
		free(line);
	}
	add_block(s, SB_BOX, xstrdup(summary_str(SS_NEXT_STEPS, s->lang)),
	    clean_long(box->str));
	strbuf_free(box);
	free(text);
	return 0;
}

static int
build_workshop(struct summary *s, const struct config *cfg, const struct form *form,
    const struct record *r)
{
	static const char *const counts[] = { "attendees", "attendees_65plus", "women", "men",
		"satisfaction" };
	size_t i;

	add_block(s, SB_TITLE, NULL, xstrdup(summary_str(SS_WORKSHOP_TITLE, s->lang)));
	add_block(s, SB_NAME, NULL, xstrdup(s->name));
	add_details(s, form, r);
	add_volunteer(s, cfg);
	add_block(s, SB_HEADING, NULL, xstrdup(summary_str(SS_ATTENDANCE, s->lang)));
	for (i = 0; i < sizeof counts / sizeof counts[0]; i++)
		add_named_field(s, form, r, counts[i]);
	add_sections(s, form, r);
	return 0;
}

/* ---- a business's history ---- */

enum history_part { HISTORY_VISITS, HISTORY_TASKS, HISTORY_FOLLOW_UPS };

struct history {
	struct summary *s;
	enum history_part part;
	char last_visit[DATE_LEN + 1];	/* the latest visit's date ("" before any) */
	long count;			/* items added in this part */
};

/* "Topics: website, social media" and the like: one field of a visit as a note. */
static void
add_visit_note(struct summary *s, const struct form *vf, const struct record *r,
    const char *name)
{
	const struct form_field *fd = vf ? form_field(vf, name) : NULL;
	json_t *v = json_object_get(r->fields, name);
	char *text, *line;

	if (fd == NULL || !is_set(v))
		return;
	text = value_text(fd, v, s->lang);
	line = xasprintf("%s: %s", form_field_label(fd, s->lang), text);
	add_block(s, SB_ITEM_NOTE, NULL, clean_long(line));
	free(line);
	free(text);
}

static int
history_item(const struct record *r, void *payload)
{
	struct history *h = payload;
	struct summary *s = h->s;
	const struct form *form = forms_get(r->kind);
	const char *about, *follow = record_field_str(r, "follow_up");
	char date[DATE_LEN + 1], when[64], *line;

	record_sort_date(r, date);
	if (dates_long(date, s->lang, when, sizeof when) != 0)
		snprintf(when, sizeof when, "%s", date);
	if (strcmp(r->kind, "visit") == 0 && h->part == HISTORY_VISITS) {
		line = xasprintf("%s · %s: %s", when, summary_str(SS_VOLUNTEER, s->lang),
		    r->volunteer ? r->volunteer : "");
		add_block(s, SB_ITEM, NULL, clean_line(line));
		free(line);
		add_visit_note(s, form, r, "topics");
		add_visit_note(s, form, r, "recommendations");
		if (strcmp(date, h->last_visit) > 0)
			memcpy(h->last_visit, date, sizeof date);
		h->count++;
	} else if (strcmp(r->kind, "task") == 0 && h->part == HISTORY_TASKS) {
		add_block(s, SB_ITEM, NULL, task_line(form, r->fields, s->lang));
		about = record_field_str(r, "description");
		if (about != NULL && *about)
			add_block(s, SB_ITEM_NOTE, NULL, clean_long(about));
		h->count++;
	} else if (strcmp(r->kind, "visit") == 0 && h->part == HISTORY_FOLLOW_UPS &&
	    follow != NULL && strcmp(follow, h->last_visit) > 0 &&
	    dates_long(follow, s->lang, when, sizeof when) == 0) {
		/* A follow-up no later visit has met: still to come, or overdue. */
		line = xasprintf("%s: %s", summary_str(SS_FOLLOW_UP_ON, s->lang), when);
		add_block(s, SB_ITEM, NULL, clean_line(line));
		free(line);
		h->count++;
	}
	return 0;
}

static int
build_business(struct summary *s, struct store *st, const struct form *form,
    const struct record *b, struct error *err)
{
	struct history h = { .s = s };

	add_block(s, SB_TITLE, NULL, xstrdup(summary_str(SS_BUSINESS_TITLE, s->lang)));
	add_block(s, SB_NAME, NULL, xstrdup(s->name));
	add_details(s, form, b);
	add_contact(s, form, b);
	add_sections(s, form, b);
	add_block(s, SB_HEADING, NULL, xstrdup(summary_str(SS_VISITS, s->lang)));
	h.part = HISTORY_VISITS;
	if (store_business_records(st, b->id, "visit", history_item, &h, err) != 0)
		return -1;
	if (h.count == 0)
		add_block(s, SB_PARAGRAPH, NULL, xstrdup(summary_str(SS_NO_VISITS, s->lang)));
	add_block(s, SB_HEADING, NULL, xstrdup(summary_str(SS_TASKS, s->lang)));
	h.part = HISTORY_TASKS;
	h.count = 0;
	if (store_business_records(st, b->id, "task", history_item, &h, err) != 0)
		return -1;
	if (h.count == 0)
		add_block(s, SB_PARAGRAPH, NULL, xstrdup(summary_str(SS_NO_TASKS, s->lang)));
	h.part = HISTORY_FOLLOW_UPS;
	h.count = 0;
	add_block(s, SB_HEADING, NULL, xstrdup(summary_str(SS_OPEN_FOLLOW_UPS, s->lang)));
	if (store_business_records(st, b->id, "visit", history_item, &h, err) != 0)
		return -1;
	if (h.count == 0) {
		/* Nothing open: no heading over nothing. */
		s->nblocks--;
		free(s->blocks[s->nblocks].text);
	}
	return 0;
}

/* "phone · e-mail · web · address" from [print], or NULL when none is set. */
static char *
programme_contact(const struct config *cfg)
{
	const char *parts[4] = { cfg->print_phone, cfg->print_email, cfg->print_web,
		cfg->print_address };
	struct strbuf *g = strbuf_new(0);
	char *line = NULL;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL || *parts[i] == '\0')
			continue;
		if (g->len > 0)
			strbuf_add(g, " · ");
		strbuf_add(g, parts[i]);
	}
	if (g->len > 0)
		line = clean_line(g->str);
	strbuf_free(g);
	return line;
}

/* What every document shares: the names, the footer, the programme's header. */
static struct summary *
start_document(const struct config *cfg, const struct record *r, const char *lang)
{
	struct summary *s = xcalloc(1, sizeof *s);
	char when[64];

	snprintf(s->lang, sizeof s->lang, "%s", lang);
	snprintf(s->kind, sizeof s->kind, "%s", r->kind);
	s->name = clean_line(record_label(r));
	record_sort_date(r, s->date);
	if (dates_long(s->date, lang, when, sizeof when) != 0)
		snprintf(when, sizeof when, "%s", s->date);
	s->footer = xasprintf("%s · %s", s->name, when);
	s->contact = programme_contact(cfg);
	if (cfg->print_logo != NULL && *cfg->print_logo)
		s->logo = xstrdup(cfg->print_logo);
	if (cfg->programme != NULL && *cfg->programme)
		add_block(s, SB_PROGRAMME, NULL, clean_line(cfg->programme));
	if (s->contact != NULL)
		add_block(s, SB_CONTACT, NULL, xstrdup(s->contact));
	return s;
}

/* A workshop, not deleted, with its form: else ERR_INVALID or ERR_FAILED. */
static const struct form *
check_record(const struct record *r, int workshop_only, struct error *err)
{
	const struct form *form;

	if (strcmp(r->kind, "workshop") != 0 && (workshop_only ||
	    (strcmp(r->kind, "visit") != 0 && strcmp(r->kind, "business") != 0))) {
		if (workshop_only)
			error_set(err, ERR_INVALID, "id", _("record %.8s is a %s: attendance "
			    "sheets are made for workshops only"), r->id, r->kind);
		else
			error_set(err, ERR_INVALID, "id", _("record %.8s is a %s: summaries are "
			    "written for visits, workshops and businesses only"), r->id, r->kind);
		return NULL;
	}
	if (r->deleted) {
		error_set(err, ERR_INVALID, "id", _("record %.8s is deleted"), r->id);
		return NULL;
	}
	if ((form = forms_get(r->kind)) == NULL)
		error_set(err, ERR_FAILED, "kind", _("no form for kind %s"), r->kind);
	return form;
}

int
summary_build_sheet(struct summary **out, const struct config *cfg,
    const struct record *r, const char *lang, int rows, struct error *err)
{
	static const char *const details[] = { "date", "start", "duration_min", "venue",
		"municipality", "topic" };
	const struct form *form;
	struct summary *s;
	json_t *n;
	size_t i;

	*out = NULL;
	if (summary_lang_check(lang, err) != 0 || (form = check_record(r, 1, err)) == NULL)
		return -1;
	if (rows < 0 || rows > SUMMARY_ROWS_MAX)
		return error_set(err, ERR_INVALID, "--rows", _("--rows: %d is not between 1 and "
		    "%d"), rows, SUMMARY_ROWS_MAX);
	if (rows == 0) {
		n = json_object_get(r->fields, "attendees");
		rows = json_is_integer(n) && json_integer_value(n) > 0 &&
		    json_integer_value(n) <= SUMMARY_ROWS_MAX ? (int)json_integer_value(n) : 20;
	}
	s = start_document(cfg, r, lang);
	s->sheet_rows = rows;
	if (cfg->privacy_notice != NULL && *cfg->privacy_notice)
		s->notice = clean_line(cfg->privacy_notice);
	add_block(s, SB_TITLE, NULL, xstrdup(summary_str(SS_SHEET_TITLE, s->lang)));
	add_block(s, SB_NAME, NULL, xstrdup(s->name));
	for (i = 0; i < sizeof details / sizeof details[0]; i++)
		add_named_field(s, form, r, details[i]);
	if (cfg->programme != NULL && *cfg->programme)
		add_field(s, summary_str(SS_PROGRAMME, s->lang), cfg->programme);
	add_volunteer(s, cfg);
	*out = s;
	return 0;
}

int
summary_build(struct summary **out, struct store *st, const struct config *cfg,
    const struct record *r, const char *lang, struct error *err)
{
	const struct form *form;
	struct summary *s = NULL;
	int rc;

	*out = NULL;
	if (summary_lang_check(lang, err) != 0 || (form = check_record(r, 0, err)) == NULL)
		return -1;
	s = start_document(cfg, r, lang);
	if (strcmp(r->kind, "visit") == 0)
		rc = build_visit(s, st, cfg, form, r, err);
	else if (strcmp(r->kind, "business") == 0)
		rc = build_business(s, st, form, r, err);
	else
		rc = build_workshop(s, cfg, form, r);
	if (rc != 0) {
		summary_free(s);
		return -1;
	}
	*out = s;
	return 0;
}
