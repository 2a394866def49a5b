/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli_review.c: `volunteer review ID --ok | --flag COMMENT | --resolve [--take FILE]`,
 * a coordinator's review of a record.
 *
 * Each review is a record of its own (store_review_add), sent by sync as
 * reviews/<record-id>/<review-id>.json, so it never conflicts with the author's edits.
 * --resolve ends a conflict once the coordinator has merged the two versions by hand
 * (`volunteer edit`), or takes the losing version whole from its conflicts/ file with
 * --take: store_conflict_resolve, which the review screen calls too, saves it, clears the
 * mark and adds a review "ok" whose comment says so (and clears the mark where it arrives).
 * Prints the new review's id.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "cli/cli.h"


enum { OPT_OK = OPT_FIRST_FREE, OPT_FLAG, OPT_RESOLVE, OPT_TAKE, OPT_COMMENT };

/* The one rule of review comments, its message naming the option it came with. */
static int
check_comment(const char *option, const char *text, int required, char **out,
    struct error *err)
{
	if (review_comment_clean(text, required, out, err) == 0)
		return 0;
	snprintf(err->field, sizeof err->field, "%s", option);
	error_prefix(err, "%s", option);
	return -1;
}

static char *
read_small_file(const char *path, size_t max, size_t *len, struct error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;

	if (f == NULL) {
		error_set(err, ERR_INVALID, "--take", _("--take: cannot read %s: %s"), path,
		    strerror(errno));
		return NULL;
	}
	buf = xmalloc(max + 1);
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		error_set(err, ERR_FAILED, "--take", _("--take: cannot read %s: %s"), path,
		    strerror(errno));
		free(buf);
		buf = NULL;
	} else if (n > max) {
		error_set(err, ERR_INVALID, "--take", _("--take: %s is over %zu bytes; it is not "
		    "a record file"), path, max);
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
		*len = n;
	}
	fclose(f);
	return buf;
}

/*
 * The fields of the losing version in file replace r's: the file must be a record file
 * of the same record (conflicts/<id>/<rev>-<device>.json), and its fields must pass the
 * form. *what is set to a short description for the review's comment.
 */
static int
take_version(struct record *r, const char *path, char **what, struct error *err)
{
	struct record *lost = NULL;
	const struct form *form;
	char *text = NULL, *shown = NULL;
	size_t len = 0;
	int rc = -1;

	if ((text = read_small_file(path, RECORD_MAX_FILE, &len, err)) == NULL)
		goto out;
	shown = text_sanitize(path, 200, 0);
	if (record_from_json(&lost, text, len, err) != 0) {
		error_prefix(err, _("--take: %s"), shown);
		err->kind = ERR_INVALID;
		goto out;
	}
	form = forms_get(r->kind);
	if (strcmp(lost->kind, r->kind) == 0 && form != NULL &&
	    form_validate(form, lost->fields, err) != 0) {
		error_prefix(err, _("--take: %s"), shown);
		goto out;
	}
	rc = record_take_version(r, lost, what, err);
out:
	record_free(lost);
	free(text);
	free(shown);
	return rc;
}

const struct cli_option cli_review_options[] = {
	{ "ok", OPT_OK, NULL, N_("the record is right"), 0 },
	{ "comment", OPT_COMMENT, "TEXT", N_("a comment with --ok"), 0 },
	{ "flag", OPT_FLAG, "COMMENT", N_("flag the record, saying what to fix"), 0 },
	{ "resolve", OPT_RESOLVE, NULL, N_("settle a conflict: keep the current version"), 0 },
	{ "take", OPT_TAKE, "FILE", N_("with --resolve: take the version under conflicts/ "
	  "instead"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_review(struct app *app)
{
	const char *optval;
	struct review rv = { 0 };
	struct record *r = NULL;
	struct error err = { 0 };
	const char *flag = NULL, *take = NULL, *comment_arg = NULL;
	char id[UUID_LEN + 1], *comment = NULL, *took = NULL;
	int opt, ok = 0, resolve = 0, status = 1;

	while ((opt = cli_next_option(app, &optval)) > 0) {
		switch (opt) {
		case OPT_OK:
			ok = 1;
			break;
		case OPT_FLAG:
			flag = optval;
			break;
		case OPT_RESOLVE:
			resolve = 1;
			break;
		case OPT_TAKE:
			take = optval;
			break;
		case OPT_COMMENT:
			comment_arg = optval;
			break;
		}
	}
	if (opt < 0)
		return 2;
	if (app->cfg->role != ROLE_COORDINATOR) {
		error_set(&err, ERR_INVALID, "role", _("review: only coordinators review records "
		    "(set role = coordinator)"));
		return cli_fail(&err);
	}
	if (optind + 1 != app->argc)
		return cli_usage("review", _("give one record id"));
	if (ok + (flag != NULL) + resolve != 1)
		return cli_usage("review", _("give one of --ok, --flag COMMENT or --resolve"));
	if (take != NULL && !resolve)
		return cli_usage("review", _("--take: only with --resolve"));
	if (comment_arg != NULL && flag != NULL)
		return cli_usage("review", _("--comment: --flag carries its own comment"));
	if (flag != NULL && check_comment("--flag", flag, 1, &comment, &err) != 0)
		return cli_fail(&err);
	if (comment_arg != NULL &&
	    check_comment("--comment", comment_arg, 0, &comment, &err) != 0)
		return cli_fail(&err);

	if (store_record_resolve(app->st, app->argv[optind], id, &err) != 0 ||
	    store_record_get(app->st, id, &r, &err) != 0)
		goto fail;
	if (r->deleted) {
		/* The author would never see it: deleted records are in no list. */
		error_set(&err, ERR_INVALID, "id", _("record %s is deleted; there is nothing to "
		    "review"), r->id);
		goto fail;
	}
	if (resolve && !r->conflict) {
		error_set(&err, ERR_INVALID, "--resolve", _("--resolve: record %s has no conflict "
		    "to resolve"), r->id);
		goto fail;
	}

	if (resolve) {
		if (take != NULL && take_version(r, take, &took, &err) != 0)
			goto fail;
		if (store_conflict_resolve(app->st, r, took, app->cfg->id, comment, rv.id,
		    &err) != 0)
			goto fail;
	} else {
		snprintf(rv.record_id, sizeof rv.record_id, "%s", r->id);
		snprintf(rv.status, sizeof rv.status, "%s", flag != NULL ? "flagged" : "ok");
		rv.by = app->cfg->id;
		rv.comment = xstrdup(comment ? comment : "");
		if (store_review_add(app->st, &rv, &err) != 0)
			goto fail;
	}
	printf("%s\n", rv.id);
	status = fflush(stdout) == 0 ? 0 : 1;
	goto out;
fail:
	status = cli_fail(&err);
out:
	free(rv.comment);
	free(comment);
	free(took);
	record_free(r);
	return status;
}
