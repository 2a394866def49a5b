/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync.c: sync_run, the loop of fetch, import, build, push, mark. See sync.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/store_sync.h"
#include "core/text.h"
#include "core/util.h"
#include "sync/internal.h"

/* Two spellings of one remote: the same URL, or the same folder. */
static int
same_remote(const char *a, const char *b)
{
	char *pa = NULL, *pb = NULL, *ra = NULL, *rb = NULL;
	int same;

	if (strcmp(a, b) == 0)
		return 1;
	if (!url_is_local(a, &pa) || !url_is_local(b, &pb)) {
		free(pa);
		free(pb);
		return 0;
	}
	ra = realpath(pa, NULL);
	rb = realpath(pb, NULL);
	same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
	free(pa);
	free(pb);
	free(ra);
	free(rb);
	return same;
}

static void
progress(struct sync_ctx *c, const char *stage, int percent)
{
	if (c->opt->progress)
		c->opt->progress(stage, percent, c->opt->payload);
}

/* Before redoing a refused push: a random wait that grows with the attempts, so that
 * volunteers who collided do not collide again. */
static void
jitter(int attempt)
{
	unsigned r = 0;
	long max_ms = 50L << (attempt < 4 ? attempt : 4);
	struct timespec ts;

	if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
		r = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL);
	max_ms = (long)(r % (unsigned long)(max_ms + 1));
	ts.tv_sec = max_ms / 1000;
	ts.tv_nsec = (max_ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
count_unsynced(const struct record *r, void *payload)
{
	(*(long *)payload)++;
	return 0;
}

static int
count_review(const struct review *rv, void *payload)
{
	(*(long *)payload)++;
	return 0;
}

int
sync_setup(struct sync_ctx *c, struct store *st, const struct sync_options *opt,
    struct sync_result *res, struct error *err)
{
	const struct config *cfg = opt->cfg;
	const char *url = opt->remote ? opt->remote : cfg ? cfg->remote : NULL;
	const char *branch = cfg && cfg->branch && *cfg->branch ? cfg->branch : "main";
	int valid = 0;

	memset(c, 0, sizeof *c);
	c->st = st;
	c->cfg = cfg;
	c->opt = opt;
	c->res = res;
	if (url == NULL || *url == '\0')
		return error_set(err, ERR_INVALID, "remote", _("remote: no shared repository is set;"
		    " give --remote URL or set [sync] remote in the config"));
	if (text_needs_sanitize(url, 0) || strlen(url) > 2048)
		return error_set(err, ERR_INVALID, "remote", _("remote: the URL holds control "
		    "characters or is too long"));
	c->url = xstrdup(url);
	c->url_shown = sync_url_redact(url);
	url_is_local(url, &c->local_path);
	c->branch = xstrdup(branch);
	c->branch_ref = xasprintf("refs/heads/%s", branch);
	if (git_reference_name_is_valid(&valid, c->branch_ref) < 0 || !valid ||
	    strchr(branch, '/') != NULL)
		return error_set(err, ERR_INVALID, "branch", _("branch: '%.60s' is not a valid "
		    "branch name"), branch);
	c->repo_path = xasprintf("%s/repo.git", store_data_dir(st));
	c->reader = store_is_reader(st);
	c->carrier = opt->remote != NULL && cfg != NULL && cfg->remote != NULL &&
	    *cfg->remote != '\0' && !same_remote(opt->remote, cfg->remote);
	res->carrier = c->carrier;
	c->timeout = cfg && cfg->timeout > 0 ? cfg->timeout : 60;
	return 0;
}

void
sync_teardown(struct sync_ctx *c)
{
	repo_close(c);
	free(c->url);
	free(c->url_shown);
	free(c->local_path);
	free(c->branch);
	free(c->branch_ref);
	free(c->repo_path);
	if (c->passphrase != NULL) {
		explicit_bzero(c->passphrase, strlen(c->passphrase));
		free(c->passphrase);
	}
}

const char *
sync_tip_key(const struct sync_ctx *c)
{
	return c->carrier ? "carrier_tip" : "last_tip";
}

/*
 * The server holds tip with everything of ours that out lists: mark it clean, in one
 * transaction, with the state `volunteer status` shows: the commit that holds every
 * record (remote_tip) and when it was seen (last_sync). A stick holds nothing for good:
 * only its tip is noted.
 */
static int
mark_synced(struct sync_ctx *c, const git_oid *tip, int pushed, const struct outgoing *out,
    struct error *err)
{
	char hex[GIT_OID_HEXSZ + 1], now[ISO_TIME_LEN + 1];
	size_t i;

	git_oid_tostr(hex, sizeof hex, tip);
	clock_now_iso(now);
	c->res->sent = pushed ? (long)(out->nrecords + out->nreviews) : 0;
	c->res->unplaceable = (long)out->unplaceable;
	snprintf(c->res->remote_tip, sizeof c->res->remote_tip, "%s", hex);
	if (c->carrier)
		return pushed ? store_meta_set(c->st, sync_tip_key(c), hex, err) : 0;
	if (store_begin(c->st, err) != 0)
		return -1;
	for (i = 0; i < out->nrecords; i++)
		if (store_record_mark_synced(c->st, out->records[i].id, out->records[i].rev,
		    out->records[i].oid, err) != 0)
			goto fail;
	for (i = 0; i < out->nreviews; i++)
		if (store_review_mark_synced(c->st, out->reviews[i], err) != 0)
			goto fail;
	for (i = 0; i < out->npending; i++)
		if (store_sync_pending_remove(c->st, out->pending[i], err) != 0)
			goto fail;
	/* Our commit holds the imported tip plus our own files, all in the store already. */
	if ((pushed && store_meta_set(c->st, sync_tip_key(c), hex, err) != 0) ||
	    store_meta_set(c->st, "remote_tip", hex, err) != 0 ||
	    store_meta_set(c->st, "last_sync", now, err) != 0 ||
	    store_meta_set(c->st, "remote", c->url_shown, err) != 0)
		goto fail;
	return store_commit(c->st, err);
fail:
	store_rollback(c->st);
	return -1;
}

/* An empty remote and nothing to send: nothing is at risk either (but for records that
 * cannot be placed, which stay unsynced). */
static int
mark_empty(struct sync_ctx *c, const struct outgoing *out, struct error *err)
{
	char now[ISO_TIME_LEN + 1];

	clock_now_iso(now);
	c->res->unplaceable = (long)out->unplaceable;
	if (c->carrier)
		return 0;
	if (store_begin(c->st, err) != 0)
		return -1;
	if (store_meta_set(c->st, "remote_tip", NULL, err) != 0 ||
	    store_meta_set(c->st, "last_sync", now, err) != 0 ||
	    store_meta_set(c->st, "remote", c->url_shown, err) != 0) {
		store_rollback(c->st);
		return -1;
	}
	return store_commit(c->st, err);
}

/*
 * Does the fetched tip still hold the last commit this laptop pushed or imported? The
 * shared history is not trusted to only grow: a restore from a backup, a force-push or
 * another repository at the same address takes commits away. Returns SYNC_HISTORY_*, or
 * -1 when the last commit is not even here any more (this laptop's repo.git was made
 * anew): a whole comparison then too, but nobody rewrote anything.
 */
static int
history_state(struct sync_ctx *c, const git_oid *tip, int empty, const git_oid *last)
{
	git_odb *odb = NULL;
	int here, d;

	if (empty)
		return SYNC_HISTORY_BRANCH_GONE;
	if (git_oid_equal(tip, last))
		return SYNC_HISTORY_GREW;
	here = git_repository_odb(&odb, c->repo) == 0 && git_odb_exists(odb, last);
	git_odb_free(odb);
	if (!here) {
		git_error_clear();
		return -1;
	}
	/* Cheap in the ordinary case: the last commit is a few commits below the tip. */
	d = git_graph_descendant_of(c->repo, tip, last);
	if (d < 0)
		git_error_clear();
	return d == 1 ? SYNC_HISTORY_GREW : SYNC_HISTORY_REWRITTEN;
}

static int
found_one(const char *path, const char *reason, const char *commit, const char *at,
    void *payload)
{
	*(int *)payload = 1;
	return 1;
}

/* 1 when the store lists files set aside by an earlier sync. */
static int
has_set_aside(struct sync_ctx *c)
{
	int found = 0;

	store_quarantine_list(c->st, found_one, &found, NULL);
	return found;
}

/* Bring in what the fetched tip (empty: no branch) holds that the store does not. */
static int
take_in(struct sync_ctx *c, const git_oid *tip, int empty, struct error *err)
{
	char *last_hex = store_meta_get(c->st, sync_tip_key(c));
	git_oid last;
	int has_last, state, rc = 0;

	has_last = last_hex != NULL && git_oid_fromstr(&last, last_hex) == 0;
	if (!has_last) {
		if (!empty)
			rc = import_changes(c, NULL, tip, err);
		goto out;
	}
	if (c->carrier) {
		/* A stick is a carrier, not the shared history: its commits come and go, and
		 * what it lacks is no record of ours to send again. Walk from what it held last
		 * when that is still below its tip, else read it whole. */
		if (!empty)
			rc = import_changes(c, history_state(c, tip, 0, &last) == SYNC_HISTORY_GREW ?
			    &last : NULL, tip, err);
		goto out;
	}
	state = history_state(c, tip, empty, &last);
	if (state == SYNC_HISTORY_GREW) {
		/* The same tip: only files set aside before are read again (import.c). */
		if (!empty && (!git_oid_equal(&last, tip) || has_set_aside(c)))
			rc = import_changes(c, &last, tip, err);
		goto out;
	}
	if (state > 0 && c->res->rewritten == 0) {
		c->res->rewritten = state;
		snprintf(c->res->lost_tip, sizeof c->res->lost_tip, "%s", last_hex);
	}
	rc = import_compare_all(c, empty ? NULL : tip, err);
out:
	free(last_hex);
	return rc;
}

/*
 * After the server took our commit, the store could not note it (a full disk, a database
 * held too long): the records are on the remote, and the next sync recognises them there.
 * Saying "nothing was changed" then would be false.
 */
static int
pushed_but_not_noted(struct sync_ctx *c, const git_oid *commit, struct error *err)
{
	char hex[GIT_OID_HEXSZ + 1], cause[sizeof err->msg];

	git_oid_tostr(hex, sizeof hex, commit);
	snprintf(cause, sizeof cause, "%s", err->msg);
	return error_set(err, ERR_FAILED, "", _("the records reached the remote %s (commit "
	    "%.12s), but this laptop could not note it (%.200s); they still count as unsynced "
	    "here, and the next sync recognises them on the remote"), c->url_shown, hex, cause);
}

/* The fetched tip as refs/volunteer/fetched (moved only when it changed). */
static int
note_fetched(struct sync_ctx *c, const git_oid *tip, int empty, struct error *err)
{
	git_oid old;

	if (empty || (repo_ref_get(c->repo, SYNC_REF_FETCHED, &old, NULL) == 0 &&
	    git_oid_equal(&old, tip)))
		return 0;
	return repo_ref_set(c->repo, SYNC_REF_FETCHED, tip, NULL, err);
}

/* The server took commit with everything out lists: note it, and let the local branch
 * follow the remote one (a compare-and-swap, as every ref move). */
static int
note_pushed(struct sync_ctx *c, const git_oid *commit, const struct outgoing *out,
    struct error *err)
{
	git_oid old_head;
	int has_head;

	if (mark_synced(c, commit, 1, out, err) != 0) {
		pushed_but_not_noted(c, commit, err);
		return -1;
	}
	has_head = repo_ref_get(c->repo, c->branch_ref, &old_head, NULL) == 0;
	if (repo_ref_set(c->repo, c->branch_ref, commit, has_head ? &old_head : NULL,
	    NULL) != 0)
		git_error_clear();	/* only a convenience for people who browse repo.git */
	return 0;
}

/*
 * The commit to build on before asking the remote anything: the last one this laptop
 * imported or pushed, when a remote still there would give the sync nothing to take in.
 * 1 and *base set then; 0 when the round must fetch first: a folder (no round trips to
 * save), a carrier, a first sync, files set aside to read again, or that commit lost.
 */
static int
push_first_base(struct sync_ctx *c, git_oid *base)
{
	char *hex = NULL;
	git_odb *odb = NULL;
	int ok = 0;

	if (c->local_path != NULL || c->carrier || has_set_aside(c))
		return 0;
	hex = store_meta_get(c->st, sync_tip_key(c));
	ok = hex != NULL && git_oid_fromstr(base, hex) == 0 &&
	    git_repository_odb(&odb, c->repo) == 0 && git_odb_exists(odb, base);
	git_odb_free(odb);
	git_error_clear();
	free(hex);
	return ok;
}

/* A round that pushes first: the commit built on base while the child connects
 * (build_first), and what the moved branch brought if it had moved (take_in_moved). */
struct moved_round {
	struct outgoing *out;	/* built on base, then rebuilt on the fetched tip */
	const git_oid *base;
	git_oid built;		/* build_first's commit, when built_changed */
	int built_changed;
	git_oid tip, commit;
	int called, empty, changed, failed;
	struct error *err;
};

/* net_moved_fn: the branch moved since this laptop last saw it; the child fetched it.
 * Take it in and build on it, as a round that fetched first would. */
static int
take_in_moved(struct sync_ctx *c, const struct net_reply *fetched, struct net_command *cmd,
    void *payload)
{
	struct moved_round *mr = payload;

	mr->called = 1;
	mr->empty = fetched->empty;
	if (!mr->empty && git_oid_fromstr(&mr->tip, fetched->tip) < 0) {
		error_set(mr->err, ERR_FAILED, "", _("the fetch from %s gave no commit"),
		    c->url_shown);
		goto fail;
	}
	if (repo_open(c, mr->err) != 0 || note_fetched(c, &mr->tip, mr->empty, mr->err) != 0)
		goto fail;
	progress(c, SYNC_STAGE_IMPORT, 0);
	if (take_in(c, &mr->tip, mr->empty, mr->err) != 0)
		goto fail;
	progress(c, SYNC_STAGE_BUILD, 0);
	outgoing_free(mr->out);
	if (build_commit(c, mr->empty ? NULL : &mr->tip, &mr->commit, &mr->changed, mr->out,
	    mr->err) != 0)
		goto fail;
	if (!mr->changed)
		return 0;	/* cmd->push stays 0: all of it is on the remote already */
	if (repo_ref_set(c->repo, SYNC_REF_OUTGOING, &mr->commit, NULL, mr->err) != 0)
		goto fail;
	progress(c, SYNC_STAGE_PUSH, 0);
	cmd->push = 1;
	git_oid_tostr(cmd->commit, sizeof cmd->commit, &mr->commit);
	if (!mr->empty)
		git_oid_tostr(cmd->expected, sizeof cmd->expected, &mr->tip);
	return 0;
fail:
	mr->failed = 1;
	return -1;
}

/*
 * Whether the remote branch had moved at the last push first (meta "remote_moved"): a hint
 * for net_push_first's fetch_beside. In a programme of many volunteers the branch mostly
 * has moved between two syncs of one laptop, and the fetch connection is then best opened
 * with the push's; a laptop alone on its remote keeps one connection. A wrong hint costs
 * a connection or two round trips, never a record, so a failed write of it is let be.
 */
static int
remote_moved_last(struct sync_ctx *c)
{
	char *v = store_meta_get(c->st, "remote_moved");
	int moved = v != NULL && strcmp(v, "1") == 0;

	free(v);
	return moved;
}

static void
note_remote_moved(struct sync_ctx *c, int was, int moved)
{
	struct error ignored = { 0 };

	if (was != moved)
		(void)store_meta_set(c->st, "remote_moved", moved ? "1" : NULL, &ignored);
}

/* net_build_fn: the commit of a round that pushes first, built on the last commit seen
 * while the child connects. */
static int
build_first(struct sync_ctx *c, struct net_command *cmd, void *payload)
{
	struct moved_round *mr = payload;

	progress(c, SYNC_STAGE_BUILD, 0);
	if (repo_open(c, mr->err) != 0 ||
	    build_commit(c, mr->base, &mr->built, &mr->built_changed, mr->out, mr->err) != 0 ||
	    (mr->built_changed && repo_ref_set(c->repo, SYNC_REF_OUTGOING, &mr->built, NULL,
	    mr->err) != 0))
		return -1;
	progress(c, SYNC_STAGE_PUSH, 0);
	cmd->push = mr->built_changed;
	git_oid_tostr(cmd->commit, sizeof cmd->commit, &mr->built);
	git_oid_tostr(cmd->expected, sizeof cmd->expected, mr->base);
	return 0;
}

/*
 * A round that pushes first (net_push_first): the child connects while the commit is
 * built on the last commit seen, and offers it; when the remote branch is still there,
 * that is the whole sync, on one connection. When it moved, take_in_moved takes in what
 * came and builds anew, as a round that fetched first. 1 when this round should fetch
 * first after all: nothing to send (the fetch is then the one connection), or a host that
 * lets us read only.
 */
static int
round_push_first(struct sync_ctx *c, const git_oid *base, int *again, struct error *err)
{
	struct outgoing out = { 0 };
	struct moved_round mr = { .out = &out, .base = base, .err = err };
	long pending = 0;
	int rejected = 0, moved_last, rc = -1;

	/* Nothing to send is known without building: a fetch is then the one connection. */
	if (store_unsynced_count(c->st, &pending, err) != 0)
		return -1;
	if (pending == 0)
		return 1;
	moved_last = remote_moved_last(c);
	rc = net_push_first(c, base, moved_last, build_first, take_in_moved, &mr, &rejected,
	    err);
	if (rc != 0)
		goto out;	/* err is net_push_first's or build_first's */
	rc = -1;
	if (mr.failed || repo_open(c, err) != 0)
		goto out;	/* err is take_in_moved's or repo_open's */
	if (rejected) {
		*again = 1;
		rc = 0;
	} else if (!mr.called && !mr.built_changed)
		rc = 1;		/* what was unsynced is on the remote already: fetch */
	else if (mr.called && !mr.changed)
		rc = mr.empty ? mark_empty(c, &out, err) : mark_synced(c, &mr.tip, 0, &out, err);
	else
		rc = note_pushed(c, mr.called ? &mr.commit : &mr.built, &out, err);
	if (rc == 0)
		note_remote_moved(c, moved_last, mr.called);
out:
	outgoing_free(&out);
	return rc;
}

/* One round: fetch, import, build, push (or push first, see round_push_first). *again = 1
 * when the push was refused because the remote moved meanwhile. */
static int
sync_round(struct sync_ctx *c, int *again, struct error *err)
{
	struct outgoing out = { 0 };
	git_oid tip, commit, base;
	int empty = 0, changed = 0, rejected = 0, rc = -1;

	*again = 0;
	if (repo_open(c, err) != 0)
		return -1;
	if (push_first_base(c, &base)) {
		rc = round_push_first(c, &base, again, err);
		if (rc <= 0)
			return rc;
		error_clear(err);
		rc = -1;
	}
	progress(c, SYNC_STAGE_FETCH, 0);
	if (net_fetch(c, &tip, &empty, err) != 0 || repo_open(c, err) != 0 ||
	    note_fetched(c, &tip, empty, err) != 0)
		goto out;
	progress(c, SYNC_STAGE_IMPORT, 0);
	if (take_in(c, &tip, empty, err) != 0)
		goto out;
	progress(c, SYNC_STAGE_BUILD, 0);
	if (build_commit(c, empty ? NULL : &tip, &commit, &changed, &out, err) != 0)
		goto out;
	if (!changed) {
		/* Nothing new for the remote: what we hold is there already (an empty remote
		 * with nothing to send has no tip to show). */
		rc = empty ? mark_empty(c, &out, err) : mark_synced(c, &tip, 0, &out, err);
		goto out;
	}
	/* A network push names what it sends by a ref; a folder is written directly. */
	if (c->local_path == NULL &&
	    repo_ref_set(c->repo, SYNC_REF_OUTGOING, &commit, NULL, err) != 0)
		goto out;
	progress(c, SYNC_STAGE_PUSH, 0);
	if (net_push(c, &commit, empty ? NULL : &tip, &rejected, err) != 0 ||
	    repo_open(c, err) != 0)
		goto out;
	if (rejected) {
		*again = 1;
		rc = 0;
		goto out;
	}
	rc = note_pushed(c, &commit, &out, err);
out:
	outgoing_free(&out);
	return rc;
}

int
sync_run(struct store *st, const struct sync_options *opt, struct sync_result *res,
    struct error *err)
{
	struct sync_ctx c;
	struct stat sb;
	struct timespec start, now;
	long n = 0;
	int attempt, again = 0, rc = -1;

	memset(res, 0, sizeof *res);
	sync_git_init();
	if (sync_setup(&c, st, opt, res, err) != 0)
		goto out;
	if (opt->dry_run) {
		if (store_list_unsynced(st, count_unsynced, &n, err) != 0 ||
		    store_reviews_unsynced(st, count_review, &n, err) != 0)
			goto out;
		res->sent = n;
		rc = 0;
		goto out;
	}
	if (c.local_path != NULL && stat(c.local_path, &sb) != 0) {
		if (!opt->create_remote) {
			error_set(err, ERR_FAILED, "remote", _("cannot reach the remote %s: %s"),
			    c.url_shown, strerror(errno));
			goto out;
		}
		if (local_create(&c, err) != 0)
			goto out;
	}
	if (repo_open(&c, err) != 0)
		goto out;
	/* Redo while the remote keeps moving, within the attempts and the time a sync may
	 * take: ten laptops that all sync at once get through in a few rounds. */
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (attempt = 0; attempt < SYNC_MAX_ATTEMPTS; attempt++) {
		if (attempt > 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - start.tv_sec >= c.timeout)
				break;
			res->retries++;
			jitter(attempt);
		}
		if (sync_round(&c, &again, err) != 0)
			goto out;
		if (!again)
			break;
	}
	if (again) {
		error_set(err, ERR_FAILED, "", _("the remote %s kept changing while we sent (%d "
		    "tries); nothing is lost, sync again"), c.url_shown, attempt);
		goto out;
	}
	progress(&c, SYNC_STAGE_DONE, 100);
	rc = 0;
out:
	sync_teardown(&c);
	git_libgit2_shutdown();
	return rc;
}

const struct sync_module volunteer_sync_module = {
	.h = { .abi = SYNC_MODULE_ABI, .version = VOLUNTEER_VERSION },
	.run = sync_run,
	.check_remote = sync_check_remote,
	.check_push = sync_check_push,
};
