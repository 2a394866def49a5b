/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync_run as the terminal UI calls it: in a forked child that opens the store with
 * store_open_in_child() and hands the result back through a pipe, with the progress
 * callback called in stage order. Also: the URL shown and stored never holds a password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/config.h"
#include "core/store.h"
#include "core/util.h"
#include "forms/form.h"
#include "sync/sync.h"
#include "tests/tap.h"
#include "tests/testlib.h"

struct seen {
	char stages[256];
};

static void
on_progress(const char *stage, int percent, void *payload)
{
	struct seen *s = payload;
	size_t n = strlen(s->stages);

	/* Record each stage once, in the order first seen. */
	if (strstr(s->stages, stage) == NULL && n + strlen(stage) + 2 < sizeof s->stages)
		snprintf(s->stages + n, sizeof s->stages - n, "%s%s", n ? " " : "", stage);
	if (percent > 100 || percent < -1)
		snprintf(s->stages, sizeof s->stages, "bad percent %d", percent);
}

struct child_report {
	int rc;
	struct sync_result res;
	struct error err;
	char stages[256];
};

/* What the UI does: fork, open the store in the child, sync, report through a pipe. */
static int
sync_in_child(const char *data_dir, const struct config *cfg, struct child_report *rep)
{
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	memset(rep, 0, sizeof *rep);
	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		struct child_report r = { 0 };
		struct store *st = NULL;
		struct seen seen = { "" };
		struct sync_options opt = { .cfg = cfg, .progress = on_progress,
		    .payload = &seen };

		close(fds[0]);
		if (store_open_in_child(&st, data_dir, &r.err) != 0)
			r.rc = -1;
		else
			r.rc = sync_run(st, &opt, &r.res, &r.err);
		snprintf(r.stages, sizeof r.stages, "%s", seen.stages);
		store_close(st);
		if (write(fds[1], &r, sizeof r) != (ssize_t)sizeof r)
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], rep, sizeof *rep);
	close(fds[0]);
	waitpid(pid, &status, 0);
	return n == (ssize_t)sizeof *rep && WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
	    0 : -1;
}

static struct record *
visit(const char *business)
{
	struct record *r = record_new("visit");

	json_object_set_new(r->fields, "business", json_string(business));
	json_object_set_new(r->fields, "municipality", json_string("Almazán"));
	json_object_set_new(r->fields, "contact_phone", json_string("600111222"));
	return r;
}

int
main(void)
{
	char tmpl[] = "/tmp/t0301-XXXXXX", *dir, *remote, *data, *cmd, *s;
	struct config *cfg = config_new();
	struct store *st = NULL;
	struct error err = { 0 };
	struct child_report rep;
	struct sync_result res;
	struct sync_options opt = { 0 };
	struct record *r;
	long unsynced = -1;
	FILE *p;
	char line[256] = "";

	plan(20);
	forms_init(NULL, &err);
	dir = mkdtemp(tmpl);
	remote = xasprintf("%s/remote.git", dir);
	data = xasprintf("%s/data", dir);
	cmd = xasprintf("git init -q --bare %s", remote);
	ok(system(cmd) == 0, "a bare remote");
	free(cmd);
	free(cfg->id);
	cfg->id = xstrdup("ana");
	free(cfg->name);
	cfg->name = xstrdup("Ana <Gil>\nRuiz");
	free(cfg->remote);
	cfg->remote = xstrdup(remote);

	ok(store_open(&st, data, &err) == 0, "the UI holds the store");
	r = visit("Panadería");
	ok(store_record_save(st, r, "ana", &err) == 0, "a record to send");
	record_free(r);

	/* The UI keeps its store open and its lock; the child uses its own connection. */
	ok(sync_in_child(data, cfg, &rep) == 0, "sync_run in a forked child reports back");
	is_int(rep.rc, 0, "the sync succeeded");
	if (rep.rc != 0)
		diag("%s", rep.err.msg);
	is_int(rep.res.sent, 1, "one record sent");
	is_str(rep.stages, "fetch import build push done", "progress: every stage, in order");
	is_int(strlen(rep.res.remote_tip), 40, "the remote commit is given");
	ok(store_unsynced_count(st, &unsynced, &err) == 0 && unsynced == 0,
	    "the parent sees the record clean");
	s = store_meta_get(st, "remote_tip");
	is_str(s, rep.res.remote_tip, "remote_tip is kept for `volunteer status`");
	free(s);

	cmd = xasprintf("git --git-dir=%s log -1 --format=%%an main", remote);
	p = popen(cmd, "r");
	if (p != NULL && fgets(line, sizeof line, p) == NULL)
		line[0] = '\0';
	if (p != NULL)
		pclose(p);
	free(cmd);
	line[strcspn(line, "\n")] = '\0';
	is_str(line, "Ana  Gil  Ruiz", "the author is the volunteer, made safe for git");

	/* In-process, a second time: nothing to send, the same result shape. */
	opt.cfg = cfg;
	ok(sync_run(st, &opt, &res, &err) == 0 && res.sent == 0 && res.received == 0,
	    "a sync in the same process: nothing to move");
	ok(sync_run(st, &opt, &res, &err) == 0, "and again (no state left between calls)");

	/* A dry run counts and touches nothing. */
	r = visit("Ferretería");
	store_record_save(st, r, "ana", &err);
	record_free(r);
	opt.dry_run = 1;
	ok(sync_run(st, &opt, &res, &err) == 0 && res.sent == 1, "dry run: one would be sent");
	ok(store_unsynced_count(st, &unsynced, &err) == 0 && unsynced == 1,
	    "dry run: still unsynced");
	opt.dry_run = 0;

	/* Credentials never show: not in the message, not in the store. */
	s = sync_url_redact("https://ana:s3cr3t@git.example.org/shared.git");
	is_str(s, "https://git.example.org/shared.git", "the shown URL has no user or password");
	free(s);
	opt.remote = "http://ana:s3cr3t@127.0.0.1:1/shared.git";
	ok(sync_run(st, &opt, &res, &err) != 0 && err.kind == ERR_FAILED,
	    "an unreachable remote fails");
	ok(strstr(err.msg, "s3cr3t") == NULL && strstr(err.msg, "127.0.0.1") != NULL,
	    "the message names the host, not the password");
	s = store_meta_get(st, "remote");
	ok(s == NULL || strstr(s, "s3cr3t") == NULL, "nor does the stored remote");
	free(s);
	opt.remote = NULL;

	/* A branch name that git refuses is a usage error. */
	free(cfg->branch);
	cfg->branch = xstrdup("ma..in");
	ok(sync_run(st, &opt, &res, &err) != 0 && err.kind == ERR_INVALID &&
	    strstr(err.msg, "branch") != NULL, "a bad branch name is refused, naming it");

	store_close(st);
	config_free(cfg);
	forms_shutdown();
	test_remove_dir(dir);
	free(remote);
	free(data);
	return done_testing();
}
