/* cli.c: the record commands of the command line (init, add, edit, delete, show, list,
 * status, forms) and the filter options they share with export and report. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/record_json.h"
#include "sync/sync.h"
#include "tui/cli.h"

#define MAX_FILE_VALUE (16 * 1024 * 1024)	/* FIELD@=FILE reads at most this much */

/* Print text from the store or the repository to a terminal: no controls get through. */
static void
put_safe(FILE *f, const char *s, int keep_newlines)
{
	char *clean = text_sanitize(s ? s : "", 0, keep_newlines ? TEXT_KEEP_NEWLINES : 0);

	fputs(clean, f);
	free(clean);
}

static int
print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));

	if (s == NULL)
		return 1;
	puts(s);
	free(s);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* ---- init ---- */

#define V(key) v[(key) - OPT_FIRST_FREE]
enum { INIT_ID = OPT_FIRST_FREE, INIT_NAME, INIT_EMAIL, INIT_REMOTE, INIT_MUNICIPALITY,
    INIT_ROLE, INIT_DATA_DIR, INIT_FORCE, INIT_END };

const struct cli_option cli_init_options[] = {
	{ "id", INIT_ID, "ID", N_("your volunteer id: letters, digits, - and _"), 1 },
	{ "name", INIT_NAME, "NAME", N_("your name as summaries show it"), 1 },
	{ "email", INIT_EMAIL, "E", N_("your e-mail, the author of your commits"), 0 },
	{ "remote", INIT_REMOTE, "URL", N_("the shared repository: a folder, git://, ssh://, "
	  "https://"), 0 },
	{ "municipality", INIT_MUNICIPALITY, "M", N_("where you work: the default of new "
	  "records"), 0 },
	{ "role", INIT_ROLE, "volunteer|coordinator", N_("a coordinator reviews everyone's "
	  "records"), 0 },
	{ "data-dir", INIT_DATA_DIR, "DIR", N_("where the database lives"), 0 },
	{ "force", INIT_FORCE, NULL, N_("replace an existing config"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_init(struct app *app)
{
	static const struct { int opt; const char *section, *key; } map[] = {
		{ INIT_ID, "volunteer", "id" }, { INIT_NAME, "volunteer", "name" },
		{ INIT_EMAIL, "volunteer", "email" },
		{ INIT_MUNICIPALITY, "volunteer", "municipality" },
		{ INIT_ROLE, "volunteer", "role" }, { INIT_REMOTE, "sync", "remote" },
		{ INIT_DATA_DIR, "storage", "data_dir" },
	};
	struct config *cfg = config_new();
	struct store *st = NULL;
	struct error err = { 0 };
	const char *v[INIT_END - OPT_FIRST_FREE] = { 0 }, *arg;
	int opt, force = 0, status = 2;
	size_t i;

	while ((opt = cli_next_option(app, &arg)) > 0) {
		if (opt == INIT_FORCE)
			force = 1;
		else
			v[opt - OPT_FIRST_FREE] = arg;
	}
	if (opt < 0)
		goto out;
	if (optind < app->argc) {
		status = cli_usage("init", "unexpected argument '%s'", app->argv[optind]);
		goto out;
	}
	if (V(INIT_ID) == NULL || V(INIT_NAME) == NULL) {
		status = cli_usage("init", "--id and --name are required");
		goto out;
	}
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		const char *value = V(map[i].opt);
		if (value != NULL && config_set(cfg, map[i].section, map[i].key, value,
		    &err) != 0) {
			status = cli_fail(&err);
			goto out;
		}
	}
	if (V(INIT_DATA_DIR) == NULL) {
		free(cfg->data_dir);
		cfg->data_dir = config_default_data_dir();
	} else if (cfg->data_dir[0] != '/') {
		/* The config is read from anywhere: a folder relative to here is made whole. */
		char cwd[4096];
		if (getcwd(cwd, sizeof cwd) != NULL) {
			char *whole = xasprintf("%s/%s", cwd, cfg->data_dir);
			free(cfg->data_dir);
			cfg->data_dir = whole;
		}
	}
	if (!force && access(app->config_path, F_OK) == 0) {
		fprintf(stderr, "volunteer init: %s exists already; use --force to replace it\n",
		    app->config_path);
		status = 1;
		goto out;
	}
	if (store_open(&st, cfg->data_dir, &err) != 0 ||
	    config_write(cfg, app->config_path, &err) != 0) {
		status = cli_fail(&err);
		goto out;
	}
	printf("config: %s\ndata: %s\n", app->config_path, cfg->data_dir);
	status = 0;
out:
	store_close(st);
	config_free(cfg);
	return status;
}
#undef V

/* ---- add and edit ---- */

static char *
read_value_file(const char *path, const char *field, struct error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 4096, len = 0, n;
	char *buf;

	if (f == NULL) {
		error_set(err, ERR_INVALID, field, "%s: cannot read %s: %s", field, path,
		    strerror(errno));
		return NULL;
	}
	buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len > MAX_FILE_VALUE) {
			error_set(err, ERR_INVALID, field, "%s: %s is over %d bytes", field, path,
			    MAX_FILE_VALUE);
			free(buf);
			buf = NULL;
			break;
		}
		if (cap - len - 1 == 0)
			buf = xrealloc(buf, cap *= 2);
	}
	if (buf != NULL) {
		buf[len] = '\0';
		if (strlen(buf) != len) {
			error_set(err, ERR_INVALID, field, "%s: %s holds a NUL byte", field, path);
			free(buf);
			buf = NULL;
		}
	}
	if (f != stdin)
		fclose(f);
	return buf;
}

/*
 * Apply FIELD=VALUE (or FIELD@=FILE) arguments to fields. An empty VALUE unsets the field
 * (edit). Each name must be a field of the form: a typo must not become an unknown key.
 */
static int
apply_assignments(const struct form *form, json_t *fields, int argc, char **argv,
    struct error *err)
{
	const struct form_field *fd;
	char name[128], *file_text;
	const char *eq, *value;
	json_t *v;
	int i, from_file;

	for (i = 0; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (eq == NULL || eq == argv[i])
			return error_set(err, ERR_INVALID, argv[i], "'%.60s' is not FIELD=VALUE",
			    argv[i]);
		from_file = eq[-1] == '@';
		snprintf(name, sizeof name, "%.*s", (int)(eq - argv[i] - from_file), argv[i]);
		fd = form_field(form, name);
		if (fd == NULL)
			return error_set(err, ERR_INVALID, name, "%s: no such field in a %s (see "
			    "`volunteer forms %s`)", name, form->kind, form->kind);
		value = eq + 1;
		file_text = NULL;
		if (from_file && (value = file_text = read_value_file(eq + 1, name, err)) == NULL)
			return -1;
		if (!utf8_valid(value, strlen(value))) {
			free(file_text);
			return error_set(err, ERR_INVALID, name, "%s: the value is not valid UTF-8",
			    name);
		}
		if (strlen(value) > RECORD_MAX_VALUE) {
			error_set(err, ERR_INVALID, name, "%s: the value is %zu bytes; the limit is "
			    "%d", name, strlen(value), RECORD_MAX_VALUE);
			free(file_text);
			return -1;
		}
		v = NULL;
		if (form_parse_value(fd, value, &v, err) != 0) {
			free(file_text);
			return -1;
		}
		free(file_text);
		if (v == NULL || json_is_null(v))
			json_object_del(fields, name);
		else
			json_object_set(fields, name, v);
		json_decref(v);
	}
	return 0;
}

int
cmd_add(struct app *app)
{
	const struct form *form;
	struct record *r = NULL;
	struct error err = { 0 };
	int status;

	if (app->argc < 2)
		return cli_usage("add", "which kind: visit, task or workshop?");
	form = forms_get(app->argv[1]);
	if (form == NULL)
		return cli_usage("add", "kind: unknown kind '%s' (visit, task or workshop)",
		    app->argv[1]);
	r = record_new(form->kind);
	if (apply_assignments(form, r->fields, app->argc - 2, app->argv + 2, &err) != 0)
		goto fail;
	form_apply_defaults(form, r->fields, app->cfg->municipality);
	if (form_validate(form, r->fields, &err) != 0 ||
	    store_record_save(app->st, r, app->cfg->id, &err) != 0)
		goto fail;
	printf("%s\n", r->id);
	record_free(r);
	return fflush(stdout) == 0 ? 0 : 1;
fail:
	status = cli_fail(&err);
	record_free(r);
	return status;
}

/* Load a record by id or unique prefix. */
static int
load_record(struct app *app, const char *arg, struct record **out, struct error *err)
{
	char id[UUID_LEN + 1];

	if (store_record_resolve(app->st, arg, id, err) != 0)
		return -1;
	return store_record_get(app->st, id, out, err);
}

int
cmd_edit(struct app *app)
{
	const struct form *form;
	struct record *r = NULL;
	struct error err = { 0 };
	int status;

	if (app->argc < 3)
		return cli_usage("edit", "give a record id and at least one FIELD=VALUE");
	if (load_record(app, app->argv[1], &r, &err) != 0)
		return cli_fail(&err);
	if (r->deleted) {
		error_set(&err, ERR_INVALID, "id", "record %s is deleted", r->id);
		goto fail;
	}
	form = forms_get(r->kind);
	if (form == NULL) {
		error_set(&err, ERR_FAILED, "kind", "no form for kind %s", r->kind);
		goto fail;
	}
	if (apply_assignments(form, r->fields, app->argc - 2, app->argv + 2, &err) != 0 ||
	    form_validate(form, r->fields, &err) != 0 ||
	    store_record_save(app->st, r, app->cfg->id, &err) != 0)
		goto fail;
	printf("%s\n", r->id);
	record_free(r);
	return 0;
fail:
	status = cli_fail(&err);
	record_free(r);
	return status;
}

int
cmd_delete(struct app *app)
{
	struct record *r = NULL;
	struct error err = { 0 };
	int status = 0;

	if (app->argc != 2)
		return cli_usage("delete", "give one record id");
	if (load_record(app, app->argv[1], &r, &err) != 0)
		return cli_fail(&err);
	if (!r->deleted) {
		r->deleted = 1;
		if (store_record_save(app->st, r, app->cfg->id, &err) != 0)
			status = cli_fail(&err);
	}
	record_free(r);
	return status;
}

/* ---- show ---- */

static int
print_review(const struct review *rv, void *payload)
{
	printf("  %s  %-8s %s", rv->at, strcmp(rv->status, "ok") == 0 ? _("ok") :
	    _("flagged"), "");
	put_safe(stdout, rv->by, 0);
	if (rv->comment && *rv->comment) {
		fputs(": ", stdout);
		put_safe(stdout, rv->comment, 0);
	}
	putchar('\n');
	return 0;
}

static void
show_text(struct app *app, const struct record *r)
{
	const struct form *form = forms_get(r->kind);
	const char *lang = i18n_lang(), *key;
	json_t *v;
	size_t i;

	printf("%s %s\n", form ? form_title(form, lang) : r->kind, r->id);
	printf("%-18s ", _("author")); put_safe(stdout, r->volunteer, 0); putchar('\n');
	printf("%-18s %s (rev %lld, ", _("updated"), r->updated, (long long)r->rev);
	put_safe(stdout, r->device, 0);
	printf(")\n%-18s %s\n", _("created"), r->created);
	printf("%-18s %s%s%s%s\n", _("state"), r->synced ? _("synced") : _("not synced"),
	    r->deleted ? _(", deleted") : "", r->conflict ? _(", conflict") : "",
	    r->flagged ? _(", flagged") : "");
	for (i = 0; form != NULL && i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		char *text;
		if ((v = json_object_get(r->fields, fd->name)) == NULL || json_is_null(v))
			continue;
		text = form_value_text(fd, v);
		printf("%-18s ", form_field_label(fd, lang));
		put_safe(stdout, text, fd->type == FT_LONGTEXT);
		putchar('\n');
		free(text);
	}
	/* Fields the form does not know (from a newer form) are shown as they are. */
	json_object_foreach(r->fields, key, v) {
		char *text;
		if (form != NULL && form_field(form, key) != NULL)
			continue;
		text = record_field_text(r, key);
		putchar(' ');
		put_safe(stdout, key, 0);
		printf("%*s", 17 - (int)(strlen(key) < 17 ? strlen(key) : 17), " ");
		put_safe(stdout, text, 1);
		putchar('\n');
		free(text);
	}
	printf("%s:\n", _("reviews"));
	store_reviews_of(app->st, r->id, print_review, NULL, NULL);
}

const struct cli_option cli_show_options[] = {
	{ "json", OPT_JSON, NULL, N_("the record as JSON, with its local state and reviews"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_show(struct app *app)
{
	struct record *r = NULL;
	struct error err = { 0 };
	const char *id = NULL, *arg;
	int opt, json = 0, status = 0;

	while ((opt = cli_next_option(app, &arg)) > 0)
		json = 1;
	if (opt < 0)
		return 2;
	if (optind + 1 != app->argc)
		return cli_usage("show", "give one record id");
	id = app->argv[optind];
	if (load_record(app, id, &r, &err) != 0)
		return cli_fail(&err);
	if (json) {
		json_t *o = record_json(app->st, r);
		status = print_json(o);
		json_decref(o);
	} else
		show_text(app, r);
	record_free(r);
	return status;
}

/* ---- filters ---- */

void
cli_filter_init(struct app *app, struct cli_filter *cf)
{
	memset(cf, 0, sizeof *cf);
	if (app->cfg->role != ROLE_COORDINATOR)
		cf->f.volunteer = app->cfg->id;
}

int
cli_filter_option(struct cli_filter *cf, int opt, const char *arg, struct error *err)
{
	switch (opt) {
	case OPT_KIND:
		if (!record_kind_valid(arg))
			return error_set(err, ERR_INVALID, "--kind", "--kind: unknown kind '%s' "
			    "(visit, task or workshop)", arg);
		cf->f.kind = arg;
		return 1;
	case OPT_VOLUNTEER:
		cf->f.volunteer = arg;
		cf->all = 1;
		return 1;
	case OPT_ALL:
		cf->f.volunteer = NULL;
		cf->all = 1;
		return 1;
	case OPT_MUNICIPALITY:
		cf->f.municipality = arg;
		return 1;
	case OPT_FROM:
	case OPT_TO:
		if (date_parse(arg, opt == OPT_FROM ? cf->from : cf->to) != 0)
			return error_set(err, ERR_INVALID, opt == OPT_FROM ? "--from" : "--to",
			    "%s: '%s' is not a valid date (use 2026-11-20 or 20/11/2026)",
			    opt == OPT_FROM ? "--from" : "--to", arg);
		if (opt == OPT_FROM)
			cf->f.from = cf->from;
		else
			cf->f.to = cf->to;
		return 1;
	case OPT_SEARCH:
		cf->f.search = arg;
		return 1;
	case OPT_UNSYNCED:
		cf->f.only_unsynced = 1;
		return 1;
	case OPT_FLAGGED:
		cf->f.only_flagged = 1;
		return 1;
	case OPT_CONFLICTS:
		cf->f.only_conflict = 1;
		return 1;
	case OPT_UNREVIEWED:
		cf->f.only_unreviewed = 1;
		return 1;
	case OPT_DELETED:
		cf->f.include_deleted = 1;
		return 1;
	case OPT_FLAGGED_FOR_ME:
		cf->flagged_for_me = 1;
		return 1;
	}
	return 0;
}

int
cli_next_filtered(struct app *app, struct cli_filter *cf, const char **arg)
{
	struct error err = { 0 };
	int key, taken;

	while ((key = cli_next_option(app, arg)) > 0) {
		if ((taken = cli_filter_option(cf, key, *arg, &err)) < 0) {
			cli_fail(&err);
			return -1;
		}
		if (!taken)
			return key;
	}
	return key;
}

int
cli_filter_finish(struct app *app, struct cli_filter *cf, struct error *err)
{
	if (cf->f.from && cf->f.to && strcmp(cf->f.from, cf->f.to) > 0)
		return error_set(err, ERR_INVALID, "--to", "--to: %s is before --from %s",
		    cf->f.to, cf->f.from);
	if (cf->f.search && !utf8_valid(cf->f.search, strlen(cf->f.search)))
		return error_set(err, ERR_INVALID, "--search", "--search: not valid UTF-8");
	if (cf->flagged_for_me)
		cf->f.flagged_for = app->cfg->id;
	return 0;
}

/* ---- list ---- */

struct list_out {
	struct app *app;
	json_t *array;		/* --json */
	long n;
};

/* Pad s (sanitised) to width display columns, cutting if longer. */
static void
put_column(const char *s, int width)
{
	char *clean = text_sanitize(s ? s : "", 0, 0);
	const char *p = clean;
	int cols = 0, cw;
	unsigned cp;
	size_t n;

	/* Columns, not characters: a wide character takes two, a combining accent none. */
	while (*p) {
		n = utf8_decode(p, strlen(p), &cp);
		if (n == 0 || cols + (cw = text_char_width(cp)) > width)
			break;
		fwrite(p, 1, n, stdout);
		p += n;
		cols += cw;
	}
	for (; cols < width; cols++)
		putchar(' ');
	free(clean);
}

static int
list_one(const struct record *r, void *payload)
{
	struct list_out *lo = payload;
	char date[DATE_LEN + 1], extra[64] = "";
	const char *muni = record_field_str(r, "municipality");
	json_t *v;

	lo->n++;
	if (lo->array != NULL) {
		json_array_append_new(lo->array, record_json(lo->app->st, r));
		return 0;
	}
	record_sort_date(r, date);
	if (strcmp(r->kind, "workshop") == 0 &&
	    json_is_integer(v = json_object_get(r->fields, "attendees")))
		snprintf(extra, sizeof extra, "%lld %s", (long long)json_integer_value(v),
		    _("people"));
	else if (strcmp(r->kind, "task") == 0 && record_field_str(r, "status"))
		snprintf(extra, sizeof extra, "%s", record_field_str(r, "status"));
	printf("%.8s  %s  ", r->id, date);
	put_column(r->kind, 8);
	putchar(' ');
	put_column(record_label(r), 30);
	putchar(' ');
	put_column(muni, 16);
	putchar(' ');
	put_column(extra, 12);
	printf("%s%s%s\n", r->synced ? "" : " ●", r->conflict || r->flagged ? " ⚠" : "",
	    r->deleted ? " ✗" : "");
	return 0;
}

enum { LIST_LIMIT = OPT_FIRST_FREE, LIST_COUNT };

const struct cli_option cli_list_options[] = {
	{ "limit", LIST_LIMIT, "N", N_("at most N records"), 0 },
	{ "count", LIST_COUNT, NULL, N_("only how many records match"), 0 },
	{ "json", OPT_JSON, NULL, N_("a JSON array of records, for scripts"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_list(struct app *app)
{
	struct list_out lo = { .app = app };
	long n = 0;
	int only_count = 0;
	struct cli_filter cf;
	struct error err = { 0 };
	const char *arg;
	int opt, json = 0, status = 0;
	char *end;

	cli_filter_init(app, &cf);
	while ((opt = cli_next_filtered(app, &cf, &arg)) > 0) {
		if (opt == OPT_JSON)
			json = 1;
		else if (opt == LIST_COUNT)
			only_count = 1;
		else if (opt == LIST_LIMIT) {
			errno = 0;
			cf.f.limit = strtol(arg, &end, 10);
			if (errno || *end || cf.f.limit < 1)
				return cli_usage("list", "--limit: '%s' is not a positive number",
				    arg);
		}
	}
	if (opt < 0)
		return 2;
	if (optind < app->argc)
		return cli_usage("list", "unexpected argument '%s'", app->argv[optind]);
	if (cli_filter_finish(app, &cf, &err) != 0)
		return cli_fail(&err);
	if (only_count) {
		if (store_count(app->st, &cf.f, &n, &err) != 0)
			return cli_fail(&err);
		printf("%ld\n", n);
		return 0;
	}
	if (json)
		lo.array = json_array();
	if (store_list(app->st, &cf.f, list_one, &lo, &err) != 0)
		status = cli_fail(&err);
	else if (json)
		status = print_json(lo.array);
	json_decref(lo.array);
	return status;
}

/* ---- status ---- */

static int
collect_quarantine(const char *path, const char *reason, const char *commit, const char *at,
    void *payload)
{
	char *p = text_sanitize(path, 300, 0), *r = text_sanitize(reason, 300, 0);

	json_array_append_new(payload, json_sprintf("quarantined %s: %s", p, r));
	free(p);
	free(r);
	return 0;
}

/* How long `status` waits for the remote: a volunteer asks it offline too. */
#define STATUS_CHECK_SECONDS 15

/* What the shared repository still lacks, gathered for `status`. */
struct missing {
	json_t *records, *reviews, *conflicts;
	json_t *warnings;
};

static int
collect_missing(enum unsynced_what what, const char *id, void *payload)
{
	struct missing *m = payload;
	char day[11];

	switch (what) {
	case UNSYNCED_RECORD:
		json_array_append_new(m->records, json_string(id));
		if (uuid_v7_day_path(id, day) != 0)
			json_array_append_new(m->warnings, json_sprintf(_("record %s cannot be "
			    "placed in the shared repository (its id gives no day); it cannot be "
			    "sent"), id));
		break;
	case UNSYNCED_REVIEW:
		json_array_append_new(m->reviews, json_string(id));
		break;
	case UNSYNCED_CONFLICT:
		json_array_append_new(m->conflicts, json_string(id));
		break;
	}
	return 0;
}

const struct cli_option cli_status_options[] = {
	{ "json", OPT_JSON, NULL, N_("the answer as JSON, with what is missing by id"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

/*
 * "safe" is what the last sync verified, and nothing since: the remote tip it fetched or
 * pushed (remote_tip, at last_sync) holds every record at its current revision, every
 * review and every losing version due under conflicts/ (each unsynced otherwise, the sync
 * checking the remote's history rather than trusting it), and the config still names the
 * remote that sync was with.
 */
int
cmd_status(struct app *app)
{
	struct error err = { 0 };
	struct missing m = { json_array(), json_array(), json_array(), json_array() };
	json_t *w;
	char *last_sync = NULL, *remote_tip = NULL, *remote = NULL, *configured = NULL;
	const char *arg;
	struct sync_check chk = { 0 };
	long unsynced = 0;
	int opt, json = 0, safe, i, status = 0, moved = 0, checked = 0;
	size_t k, nrec, nrev, ncon;

	while ((opt = cli_next_option(app, &arg)) > 0)
		json = 1;
	if (opt < 0) {
		status = 2;
		goto out;
	}
	if (optind < app->argc) {
		status = cli_usage("status", "unexpected argument '%s'", app->argv[optind]);
		goto out;
	}
	if (store_unsynced_count(app->st, &unsynced, &err) != 0 ||
	    store_unsynced_each(app->st, collect_missing, &m, &err) != 0) {
		status = cli_fail(&err);
		goto out;
	}
	for (i = 0; i < app->cfg->nwarnings; i++)
		json_array_append_new(m.warnings, json_string(app->cfg->warnings[i]));
	store_quarantine_list(app->st, collect_quarantine, m.warnings, NULL);
	last_sync = store_meta_get(app->st, "last_sync");
	remote_tip = store_meta_get(app->st, "remote_tip");
	remote = store_meta_get(app->st, "remote");
	configured = app->cfg->remote && *app->cfg->remote ? sync_url_redact(app->cfg->remote) :
	    NULL;
	if (remote != NULL && configured != NULL && strcmp(remote, configured) != 0) {
		moved = 1;
		json_array_append_new(m.warnings, json_sprintf(_("the last sync was with %s, but "
		    "the config now names %s: sync with it"), remote, configured));
	}
	if (remote == NULL)
		remote = xstrdup(configured ? configured : "");
	/* What the last sync verified, asked again of the remote as it is now. */
	if (last_sync != NULL && !moved && configured != NULL) {
		struct config quick = *app->cfg;
		struct sync_options so = { .cfg = &quick };
		const struct sync_module *git;
		size_t n;

		if (quick.timeout <= 0 || quick.timeout > STATUS_CHECK_SECONDS)
			quick.timeout = STATUS_CHECK_SECONDS;
		if ((git = sync_module(&err)) == NULL ||
		    git->check_remote(app->st, &so, &chk, &err) != 0) {
			status = cli_fail(&err);
			goto out;
		}
		checked = 1;
		for (n = 0; n < chk.nlacking; n++)
			json_array_append_new(m.records, json_string(chk.lacking[n]));
	}
	nrec = json_array_size(m.records);
	nrev = json_array_size(m.reviews);
	ncon = json_array_size(m.conflicts);
	safe = unsynced == 0 && nrec + nrev + ncon == 0 && last_sync != NULL && !moved &&
	    (!checked || (chk.reached && chk.history != SYNC_HISTORY_BRANCH_GONE));
	if (json) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:b, s:O, s:{s:O, s:O, s:O}}",
		    "unsynced", (json_int_t)unsynced, "last_sync", last_sync ? last_sync : "",
		    "remote", remote, "safe", safe, "warnings", m.warnings, "missing",
		    "records", m.records, "reviews", m.reviews, "conflicts", m.conflicts);
		json_object_set_new(o, "remote_commit", remote_tip ? json_string(remote_tip) :
		    json_null());
		json_object_set_new(o, "checked_now", json_boolean(checked && chk.reached));
		if (checked && chk.reached)
			json_object_set_new(o, "remote_now", chk.tip[0] ? json_string(chk.tip) :
			    json_null());
		if (checked && !chk.reached)
			json_object_set_new(o, "remote_error", json_string(chk.msg));
		status = print_json(o);
		json_decref(o);
		goto out;
	}
	printf("%s: ", _("volunteer"));
	put_safe(stdout, app->cfg->id, 0);
	printf("\n%s: %ld\n", _("unsynced"), unsynced);
	printf("%s: %s\n", _("last sync"), last_sync ? last_sync : _("never"));
	printf("%s: ", _("remote"));
	put_safe(stdout, *remote ? remote : _("(none)"), 0);
	putchar('\n');
	if (safe && remote_tip != NULL)
		printf(_("every record is safe on the remote at commit %s (synced %s%s)\n"),
		    checked && chk.tip[0] ? chk.tip : remote_tip, last_sync, checked ?
		    _(", checked just now") : "");
	else if (safe)
		printf(_("nothing to keep: the remote is empty and this laptop holds no record "
		    "(checked %s)\n"), last_sync);
	else if (last_sync == NULL)
		printf("%s\n", _("NOT safe: this laptop has never synced; sync before handing it "
		    "back"));
	else if (checked && !chk.reached)
		printf(_("NOT safe to say now: the remote cannot be reached to check it (%s); the "
		    "last sync found every record there at commit %s (%s)\n"), chk.msg,
		    remote_tip ? remote_tip : "-", last_sync);
	else if (checked && chk.history == SYNC_HISTORY_BRANCH_GONE)
		printf("%s\n", _("NOT safe: the branch is gone from the remote; sync to make it "
		    "again from what this laptop holds"));
	else if (nrec + nrev + ncon == 0)
		printf("%s\n", _("NOT safe: the last sync was with another remote than the "
		    "config's; sync before handing this laptop back"));
	else if (chk.nlacking > 0)
		printf(_("NOT safe: since the last sync the remote lost %zu record(s) of this "
		    "laptop (its history was rewritten, or files were removed), and %zu more are "
		    "waiting; sync to send them again\n"), chk.nlacking, nrec - chk.nlacking +
		    nrev + ncon);
	else
		printf(_("NOT safe: the remote lacks %zu record(s), %zu review(s) and %zu "
		    "conflict version(s) of this laptop; sync before handing it back\n"), nrec,
		    nrev, ncon);
	json_array_foreach(m.warnings, k, w)
		printf("%s: %s\n", _("warning"), json_string_value(w));
out:
	free(last_sync);
	free(remote_tip);
	free(remote);
	free(configured);
	sync_check_free(&chk);
	json_decref(m.records);
	json_decref(m.reviews);
	json_decref(m.conflicts);
	json_decref(m.warnings);
	return status;
}

/* ---- forms ---- */

static void
print_form(const struct form *form)
{
	const char *lang = i18n_lang();
	size_t i, c;

	printf("%s (%s)\n", form->kind, form_title(form, lang));
	for (i = 0; i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		printf("  %-18s %-8s %s%s", fd->name, field_type_name(fd->type),
		    form_field_label(fd, lang), fd->required ? " *" : "");
		if (fd->type == FT_TEXT || fd->type == FT_LONGTEXT || fd->type == FT_EMAIL ||
		    fd->type == FT_PHONE || fd->type == FT_URL) {
			if (fd->has_max)
				printf(" (≤%g %s)", fd->max, _("characters"));
		} else if (fd->has_min || fd->has_max) {
			printf(" [");
			if (fd->has_min)
				printf("%g", fd->min);
			printf("–");
			if (fd->has_max)
				printf("%g", fd->max);
			printf("]");
		}
		if (fd->nchoices > 0) {
			printf(":");
			for (c = 0; c < fd->nchoices; c++)
				printf("%s%s", c ? "," : " ", fd->choices[c].value);
		}
		putchar('\n');
	}
}

int
cmd_forms(struct app *app)
{
	const struct form *form;
	size_t i;

	if (app->argc > 2)
		return cli_usage("forms", "give at most one kind");
	if (app->argc == 2) {
		if ((form = forms_get(app->argv[1])) == NULL)
			return cli_usage("forms", "kind: unknown kind '%s' (visit, task or "
			    "workshop)", app->argv[1]);
		print_form(form);
		return 0;
	}
	for (i = 0; i < forms_count(); i++) {
		if (i > 0)
			putchar('\n');
		print_form(forms_at(i));
	}
	return 0;
}
