/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status.c: `volunteer status`: is everything safe on the remote? */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "sync/sync.h"

static int
collect_quarantine(const char *path, const char *reason, const char *commit, const char *at,
    void *payload)
{
	char *p = text_sanitize(path, 300, 0), *r = text_sanitize(reason, 300, 0);

	json_array_append_new(payload, json_sprintf(_("quarantined %s: %s"), p, r));
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
	char *stored = NULL;
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
		status = cli_usage("status", _("unexpected argument '%s'"), app->argv[optind]);
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
	/* Stored redacted, but by older versions too, whose rule let part of a password by. */
	if ((stored = store_meta_get(app->st, "remote")) != NULL)
		remote = sync_url_redact(stored);
	free(stored);
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
		status = cli_print_json(o);
		json_decref(o);
		goto out;
	}
	printf("%s: ", _("volunteer"));
	cli_put_safe(stdout, app->cfg->id, 0);
	printf("\n%s: %ld\n", _("unsynced"), unsynced);
	printf("%s: %s\n", _("last sync"), last_sync ? last_sync : _("never"));
	printf("%s: ", _("remote"));
	cli_put_safe(stdout, *remote ? remote : _("(none)"), 0);
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
