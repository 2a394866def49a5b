/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync.h: synchronisation with the shared git repository (DESIGN.md, "The shared git
 * repository"), through libgit2 on a bare clone in data_dir/repo.git.
 *
 * One call does the whole exchange: fetch the remote branch, import what changed since the
 * last imported tip (merging concurrent edits field by field; when the remote's history
 * no longer holds that tip, comparing every local record with the remote tree and marking
 * what it lacks or holds older as unsynced), write every unsynced record
 * and review as a blob on top of the fetched tip, commit as the volunteer, push, and only
 * when the server accepted our ref mark the records clean. A push refused because the
 * remote moved is redone on the new tip with a random, growing wait, at most 100 times and
 * no longer than [sync] timeout seconds in all.
 *
 * With something to send to a network remote, the push goes first: the commit is built on
 * the last commit imported or pushed, and when the remote's advertisement shows its branch
 * still there (nothing to take in), the pack goes on that same connection and nothing is
 * fetched: one connection, three round trips. When the branch moved, it is fetched and
 * taken in, and the commit built anew on it goes on the connection that waited.
 *
 * A remote other than the configured one (opt->remote, a USB stick carried to the shared
 * repository) is a carrier: what goes to it and what comes from it stays unsynced here
 * until a sync with the configured remote, so that it is passed on and status never calls
 * a laptop safe because a stick holds its records.
 *
 * The network part runs in a child process with a deadline of [sync] timeout seconds, so a
 * remote that stops answering cannot hang the program; killing the program at any point
 * leaves a state from which the next sync finishes the job without duplicates.
 *
 * sync_run keeps no global state between calls and may run in a forked child: the terminal
 * UI forks, calls store_open_in_child() and then sync_run(), and reads the result back from
 * a pipe. It initialises libgit2 in the process that calls it.
 */
#ifndef VOLUNTEER_SYNC_H
#define VOLUNTEER_SYNC_H

#include <stdio.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/error.h"
#include "core/module.h"
#include "core/store.h"

/* Stages given to the progress callback, in order (some may repeat on a retry). A sync
 * that pushes first gives build and push, then (when the remote had moved) fetch, import,
 * build and push again, then done. */
#define SYNC_STAGE_FETCH "fetch"
#define SYNC_STAGE_IMPORT "import"
#define SYNC_STAGE_BUILD "build"
#define SYNC_STAGE_PUSH "push"
#define SYNC_STAGE_DONE "done"

/* A question the sync puts to the person at the keyboard, through sync_options.ask. */
#define SYNC_ASK_HOSTKEY 1	/* first contact with an ssh host: trust its key? */
#define SYNC_ASK_PASSPHRASE 2	/* the passphrase of [sync] ssh_key (never echoed) */
struct sync_question {
	int kind;		/* SYNC_ASK_* */
	const char *text;	/* the question, translated and safe to show */
};

struct sync_options {
	const char *remote;		/* NULL: cfg->remote */
	int dry_run;			/* count what would be sent; no network, no writes */
	int create_remote;		/* a local path that does not exist yet becomes a new bare
					 * repository (`sync --remote PATH` for a USB stick) */
	const struct config *cfg;	/* author, branch, timeout, credentials */
	/* Called from the calling process only, never from the network child. percent is
	 * 0..100 within the stage, or -1 when unknown. */
	void (*progress)(const char *stage, int percent, void *payload);
	/* NULL when nobody can answer (no terminal): an unknown host is then refused with
	 * the command that trusts it, and a key with a passphrase needs ssh-agent. Called
	 * from the calling process, while the deadline waits. SYNC_ASK_HOSTKEY: 1 trust, 0
	 * not; SYNC_ASK_PASSPHRASE: 1 with answer (cap bytes) filled, 0 cancelled. The
	 * answer is wiped by the sync after use; the callback keeps no copy. */
	int (*ask)(const struct sync_question *q, char *answer, size_t cap, void *payload);
	void *payload;
};

/* How the remote branch stood against the last commit this laptop pushed or imported. */
#define SYNC_HISTORY_GREW 0		/* it holds that commit: the ordinary case */
#define SYNC_HISTORY_REWRITTEN 1	/* it does not (a force-push, a restore, another
					 * repository at the same address) */
#define SYNC_HISTORY_BRANCH_GONE 2	/* the branch is not there any more */

struct sync_result {
	long sent;		/* records and reviews written into the pushed commit (dry run:
				 * that would be) */
	long received;		/* records, reviews and forms that arrived and changed here */
	long conflicts;		/* records flagged by this sync (a field changed on two sides) */
	long quarantined;	/* files from the remote refused or reported */
	long retries;		/* pushes refused because the remote moved, then redone */
	long forms;		/* form definitions that arrived and were installed (also in
				 * received): a process other than the one that synced (the UI
				 * after its sync child) reloads them with forms_init(data_dir/forms) */
	long resent;		/* records and reviews that the remote had lost or held older
				 * (a history rewrite, a removal), sent again (also in sent) */
	long unplaceable;	/* unsynced records whose id gives no place in the layout:
				 * they stay unsynced, and status lists them */
	int rewritten;		/* SYNC_HISTORY_*: how the remote's history had moved */
	char lost_tip[41];	/* with a rewrite: the commit of ours the remote no longer has */
	char remote_tip[41];	/* the commit that holds every record of ours, "" if unknown */
	int carrier;		/* the remote was not the configured one (a USB stick): what
				 * went there and what came from there stays unsynced until a
				 * sync with the shared repository */
};

/*
 * Synchronise st with opt->remote (or the config's remote). 0 on success with res filled;
 * -1 with err: ERR_INVALID for a bad remote or branch setting, ERR_FAILED when the remote
 * cannot be reached, refused the push, or kept moving; nothing local is lost either way,
 * and records stay unsynced unless the server accepted them.
 */
int sync_run(struct store *st, const struct sync_options *opt, struct sync_result *res,
    struct error *err);

/*
 * Does the remote hold this laptop's records now? What `status` asks before it calls a
 * laptop safe: the last sync verified a tip, but the shared history may have been rewritten
 * since. Fetches the remote branch (within [sync] timeout) and compares it with the tip
 * the last sync verified (meta remote_tip): the same commit holds everything; a descendant
 * is walked for what it removed or holds older of ours; anything else is compared whole.
 * Changes nothing in the store. 0 with out filled (out->reached = 0 and out->msg when the
 * remote could not be reached); -1 with err for a bad setting or a local failure.
 */
struct sync_check {
	int reached;		/* the remote answered */
	int history;		/* SYNC_HISTORY_*, against the verified tip */
	char tip[41];		/* the remote branch now, "" when it is gone */
	char (*lacking)[UUID_LEN + 1];	/* ids of synced records and reviews of ours that
					 * the remote lacks or holds older (owned) */
	size_t nlacking;
	char msg[512];		/* why the remote could not be reached */
};
int sync_check_remote(struct store *st, const struct sync_options *opt,
    struct sync_check *out, struct error *err);
void sync_check_free(struct sync_check *chk);

/*
 * The entry points of the git module (core/module.h): the program calls sync through
 * sync_module()->run and ->check_remote, loaded once from volunteer-git.so.
 */
/*
 * The server's guard (`volunteer check-push` as a pre-receive hook): reads the hook's
 * "old new ref" lines from in, run inside the shared repository (GIT_DIR and the push's
 * quarantine from the environment), and writes one line to msgs for each thing refused
 * (*refused counts them): a branch deleted or rewritten, a file removed or outside the
 * layout, a file that does not decode or whose ids do not match its path; with $GL_USER,
 * a new record of another volunteer, a review or a form, unless the user is listed in
 * the repository's `volunteer.coordinators`. -1 with err when it cannot run at all.
 */
int sync_check_push(FILE *in, FILE *msgs, long *refused, struct error *err);

#define SYNC_MODULE_ABI 3	/* 3: sync_options.ask */
struct sync_module {
	struct module_header h;
	int (*run)(struct store *st, const struct sync_options *opt, struct sync_result *res,
	    struct error *err);
	int (*check_remote)(struct store *st, const struct sync_options *opt,
	    struct sync_check *out, struct error *err);
	int (*check_push)(FILE *in, FILE *msgs, long *refused, struct error *err);
};
extern const struct sync_module volunteer_sync_module;	/* in the git module */
/* NULL with err when the module cannot be loaded. */
const struct sync_module *sync_module(struct error *err);

/* The remote URL as it may be shown or stored: without any user or password part (user,
 * user:password, a password holding '@' or '/', scp-like user@host:path, percent-encoded).
 * Caller frees. */
char *sync_url_redact(const char *url);
/* text (a message, e.g. libgit2's) with every URL in it redacted, and the user information
 * of url (NULL: none), raw or percent-decoded, masked wherever else it shows. Caller frees. */
char *sync_text_redact(const char *text, const char *url);

#endif
