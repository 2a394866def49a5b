/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_sync.c: `volunteer sync [--dry-run] [--remote URL] [--json]`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "sync/sync.h"
#include "cli/cli.h"

enum { OPT_DRY_RUN = OPT_FIRST_FREE, OPT_REMOTE };

struct pending_out {
	struct store *st;
	long n;
};

static int
print_pending(const struct record *r, void *payload)
{
	struct pending_out *po = payload;
	char *label = text_sanitize(record_label(r), 60, 0), id[UUID_LEN + 1];

	store_record_short_id(po->st, r->id, id);
	printf("%s %s  %-8s %s%s\n", _("would send"), id, r->kind, label,
	    r->deleted ? _(" (deleted)") : "");
	free(label);
	po->n++;
	return 0;
}

/* A review is shown by its record's id: that is the id the commands take. */
static int
print_pending_review(const struct review *rv, void *payload)
{
	struct pending_out *po = payload;
	char id[UUID_LEN + 1];

	store_record_short_id(po->st, rv->record_id, id);
	printf("%s %s  %s\n", _("would send"), id, _("review"));
	return 0;
}

/* sync_options.ask on the terminal: the question on stderr, the answer from stdin (a
 * terminal, or the sync is not given this callback); a passphrase is read without echo. */
static int
ask_terminal(const struct sync_question *q, char *answer, size_t cap, void *payload)
{
	struct termios saved, quiet;
	char line[512];
	int hidden = 0, got;
	size_t n;

	/* Echo goes off before the prompt shows, so that nothing typed at once is seen. */
	if (q->kind == SYNC_ASK_PASSPHRASE && tcgetattr(STDIN_FILENO, &saved) == 0) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		hidden = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
	}
	fprintf(stderr, "%s%s", q->text, q->kind == SYNC_ASK_HOSTKEY ? _(" (yes/no) ") : "");
	fflush(stderr);
	got = fgets(line, sizeof line, stdin) != NULL;
	if (hidden)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	if (!got) {
		fputc('\n', stderr);
		return 0;
	}
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (q->kind == SYNC_ASK_PASSPHRASE) {
		got = n > 0 && n < cap;
		if (got)
			memcpy(answer, line, n + 1);
		explicit_bzero(line, sizeof line);
		return got;
	}
	/* As ssh: only a word typed out trusts a host. */
	return strcmp(line, "yes") == 0 || strcmp(line, _("yes")) == 0;
}

const struct cli_option cli_sync_options[] = {
	{ "dry-run", OPT_DRY_RUN, NULL, N_("list what would be sent; send nothing"), 0 },
	{ "remote", OPT_REMOTE, "URL", N_("another remote, e.g. a bare repository on a USB "
	  "stick (made on first use)"), 0 },
	{ "json", OPT_JSON, NULL, N_("the counts as JSON, for scripts"), 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

int
cmd_sync(struct app *app)
{
	const char *optval;
	struct sync_options so = { .cfg = app->cfg };
	const struct sync_module *git;
	struct sync_result res;
	struct error err = { 0 };
	struct pending_out po = { .st = app->st };
	int opt, json = 0;

	while ((opt = cli_next_option(app, &optval)) > 0) {
		switch (opt) {
		case OPT_DRY_RUN:
			so.dry_run = 1;
			break;
		case OPT_REMOTE:
			if (*optval == '\0')
				return cli_usage("sync", _("--remote: give a path or a URL"));
			so.remote = optval;
			/* A USB stick: the repository is made on first use. */
			so.create_remote = 1;
			break;
		case OPT_JSON:
			json = 1;
			break;
		}
	}
	if (opt < 0)
		return 2;
	if (optind < app->argc)
		return cli_usage("sync", _("unexpected argument '%s'"), app->argv[optind]);
	if (isatty(STDIN_FILENO))
		so.ask = ask_terminal;
	if ((git = sync_module(&err)) == NULL || git->run(app->st, &so, &res, &err) != 0)
		return cli_fail(&err);
	if (json) {
		json_t *o = json_pack("{s:I, s:I, s:I, s:I}", "sent", (json_int_t)res.sent,
		    "received", (json_int_t)res.received, "conflicts", (json_int_t)res.conflicts,
		    "quarantined", (json_int_t)res.quarantined);
		char *s;
		if (so.dry_run)
			json_object_set_new(o, "dry_run", json_true());
		json_object_set_new(o, "retries", json_integer(res.retries));
		json_object_set_new(o, "resent", json_integer(res.resent));
		json_object_set_new(o, "unplaceable", json_integer(res.unplaceable));
		json_object_set_new(o, "history", json_string(res.rewritten ==
		    SYNC_HISTORY_REWRITTEN ? "rewritten" : res.rewritten ==
		    SYNC_HISTORY_BRANCH_GONE ? "branch_gone" : "grew"));
		if (res.remote_tip[0])
			json_object_set_new(o, "remote_commit", json_string(res.remote_tip));
		s = json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS);
		json_decref(o);
		if (s == NULL)
			return 1;
		puts(s);
		free(s);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (so.dry_run) {
		if (store_list_unsynced(app->st, print_pending, &po, &err) != 0 ||
		    store_reviews_unsynced(app->st, print_pending_review, &po, &err) != 0)
			return cli_fail(&err);
		printf(_("dry run: would send %ld; nothing was sent\n"), res.sent);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	/* A contract for scripts: never translated. */
	printf("sent %ld, received %ld, conflicts %ld\n", res.sent, res.received,
	    res.conflicts);
	if (res.rewritten == SYNC_HISTORY_REWRITTEN)
		fprintf(stderr, _("volunteer sync: the shared repository no longer holds commit "
		    "%.12s that this laptop last saw (history rewritten, restored from a backup, "
		    "or another repository at that address): every record was compared with it, "
		    "and %ld it lacked or held older were sent again\n"), res.lost_tip,
		    res.resent);
	else if (res.rewritten == SYNC_HISTORY_BRANCH_GONE)
		fprintf(stderr, _("volunteer sync: the branch was gone from the shared repository; "
		    "it was made again from what this laptop holds (%ld records and reviews)\n"),
		    res.resent);
	else if (res.resent > 0)
		fprintf(stderr, _("volunteer sync: %ld record(s) or review(s) had been removed "
		    "from the shared repository; they were sent again\n"), res.resent);
	if (res.unplaceable > 0)
		fprintf(stderr, _("volunteer sync: %ld record(s) cannot be placed in the shared "
		    "repository (an id that gives no day) and stay unsynced; see `volunteer "
		    "status`\n"), res.unplaceable);
	if (res.carrier) {
		char *shown = sync_url_redact(so.remote);

		fprintf(stderr, _("volunteer sync: %s is not the shared repository of the config: "
		    "the records stay unsynced here until a sync with it\n"), shown);
		free(shown);
	}
	if (res.quarantined > 0)
		fprintf(stderr, _("volunteer sync: %ld file(s) from the remote were set aside; "
		    "see `volunteer status`\n"), res.quarantined);
	if (res.conflicts > 0)
		fprintf(stderr, _("volunteer sync: %ld record(s) were edited on two devices; see "
		    "`volunteer list --conflicts`\n"), res.conflicts);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
cmd_check_push(struct app *app)
{
	const struct sync_module *git;
	struct error err = { 0 };
	long refused = 0;

	if (app->argc > 1)
		return cli_usage("check-push", _("unexpected argument '%s'"), app->argv[1]);
	if ((git = sync_module(&err)) == NULL ||
	    git->check_push(stdin, stderr, &refused, &err) != 0)
		return cli_fail(&err);
	return refused > 0 ? 1 : 0;
}
