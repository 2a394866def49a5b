/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * internal.h: what the files of sync/ share. Nothing outside sync/ includes it.
 *
 *   sync.c       sync_run: the loop of fetch, import, build, push, mark (or push first)
 *   check.c      sync_check_remote: does the remote hold this laptop's records now?
 *   repo.c       the bare clone in data_dir/repo.git: open, stale locks, refs, errors
 *   transport.c  the network child with its deadline; git://, ssh://, https:// by libgit2
 *   local.c      local paths and file:// remotes (fetch, push with a compare-and-swap)
 *   files.c      the repository layout: file of a record, personal data, path checks
 *   import.c     the walk from the last imported tip to the new one, and the merge
 *   build.c      the new tree and commit on top of the fetched tip
 *   pack.c       the objects a commit adds, found at the cost of the change
 *   packfile.c   git's pack format, and the first import's reader of packs (packfile.h)
 *   walk.c       what changed between two trees, by the layout (walk.h)
 *   stream.c     the TCP stream of git:// remotes
 */
#ifndef VOLUNTEER_SYNC_INTERNAL_H
#define VOLUNTEER_SYNC_INTERNAL_H

#include <git2.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/record.h"
#include "core/store.h"
#include "sync/sync.h"

#define SYNC_MAX_ATTEMPTS 100		/* pushes refused because the remote moved; the
					 * retries also stop after [sync] timeout seconds */
#define SYNC_REF_FETCHED "refs/volunteer/fetched"	/* the remote branch, last fetched */
#define SYNC_REF_OUTGOING "refs/volunteer/outgoing"	/* the commit being pushed */
#define SYNC_MAX_QUARANTINE 200		/* entries added per sync; the rest only counted */
#define SYNC_MAX_OTHER_FILE (64 * 1024)	/* reviews (forms: FORM_MAX_FILE) */
#define SYNC_FIELDS_MAX_DEPTH 16	/* nesting of a record's fields read for hostile text */

struct sync_ctx {
	struct store *st;
	const struct config *cfg;
	const struct sync_options *opt;
	struct sync_result *res;

	char *url;		/* as configured or given (may hold credentials) */
	char *url_shown;	/* the same without credentials: for messages and status */
	char *local_path;	/* the folder of a local or file:// remote, else NULL */
	char *branch;		/* "main" */
	char *branch_ref;	/* "refs/heads/main" */
	char *repo_path;	/* data_dir/repo.git */
	int timeout;		/* seconds for each network step */
	/* A remote other than the configured one (a USB stick carried to the shared
	 * repository): what it brings stays unsynced, to be passed on, and what we put on
	 * it stays unsynced too until the shared repository has it. */
	int carrier;
	/* The store is read beside the program that holds it (status while the screens are
	 * open): repo.git is that program's too, so nothing here cleans or moves refs. */
	int reader;

	/* The passphrase of [sync] ssh_key once the person typed it, for the next network
	 * child of the same sync (a fetch, then a push); wiped by sync_teardown. */
	char *passphrase;

	git_repository *repo;	/* NULL while a network child runs */
	long quarantine_added;	/* towards SYNC_MAX_QUARANTINE */
};

/* libgit2's global state, for a command that uses it (with fsync of what it writes;
 * sync/gitlib.c). libgit2 allocates through the program's allocator, so that a full memory
 * (also in libgit2's own init) is the program's out-of-memory exit (core/util.h), never a
 * NULL that libgit2 1.5 may not survive. */
void sync_git_init(void);

/* The context of one sync (or check) with opt's remote; ERR_INVALID for a bad remote or
 * branch setting. sync_teardown frees it, also after a failed setup. */

int sync_setup(struct sync_ctx *c, struct store *st, const struct sync_options *opt,
    struct sync_result *res, struct error *err);
void sync_teardown(struct sync_ctx *c);

/* The meta key of the last commit imported or pushed: the shared repository's, or (for a
 * carrier) the stick's, which never stands for the shared history. */
const char *sync_tip_key(const struct sync_ctx *c);

/* ---- repo.c ---- */

/* Open data_dir/repo.git, creating it (bare, HEAD at the branch) on first use, after
 * removing stale lock files (we hold the data folder's flock, so no one else writes). */
int repo_open(struct sync_ctx *c, struct error *err);
void repo_close(struct sync_ctx *c);
/* Remove *.lock and temporary pack files a killed process left in a repository. */
void repo_remove_stale(const char *gitdir);
/* 0 and *out set when ref exists, 1 when it does not, -1 on error. */
int repo_ref_get(git_repository *repo, const char *ref, git_oid *out, struct error *err);
/* Move ref to id if it still points at expected (NULL: whatever it holds). */
int repo_ref_set(git_repository *repo, const char *ref, const git_oid *id,
    const git_oid *expected, struct error *err);
/* The tree of commit id, or NULL (libgit2's error left for the caller). Caller frees. */
git_tree *repo_commit_tree(git_repository *repo, const git_oid *id);
/* Fill err from libgit2's last error (sanitised, credentials removed); returns -1. */
int repo_git_error(struct sync_ctx *c, struct error *err, enum error_kind kind,
    const char *what);
/* A copy of msg fit for a message: no controls, bounded, the URL's secrets masked. */
void repo_clean_message(const struct sync_ctx *c, const char *msg, char *out, size_t size);

/* ---- transport.c ---- */

/* What the network child hands back through its pipe. */
struct net_reply {
	int done;		/* the child got to the end (else it died or was killed) */
	int status;		/* 0 ok, -1 failed */
	int kind;		/* enum error_kind when failed */
	int rejected;		/* push: refused because the remote moved, or locked: redo */
	int empty;		/* fetch: the branch does not exist on the remote */
	int moved;		/* push first: the branch was not at the expected commit and
				 * was fetched (tip, empty) */
	int denied;		/* push first: the host lets this user read, not write */
	char tip[GIT_OID_HEXSZ + 1];	/* fetch: the remote branch */
	char msg[600];
};

/* What the parent tells the child of net_push_first: what to push on its connection. */
struct net_command {
	int push;		/* 1: push commit on the waiting connection; 0: stop */
	char commit[GIT_OID_HEXSZ + 1];
	char expected[GIT_OID_HEXSZ + 1];	/* the remote branch now, "" to create it */
};
/* Called in the parent once the child of net_push_first is connecting: build the commit
 * on net_push_first's expected, set SYNC_REF_OUTGOING to it and fill cmd (cmd->push 0:
 * nothing to send after all); -1 (the callback keeps its error) leaves cmd->push 0. */
typedef int (*net_build_fn)(struct sync_ctx *c, struct net_command *cmd, void *payload);
/* Called in the parent when the remote branch was not where net_push_first expected it:
 * the child fetched it (fetched->tip, or fetched->empty). Take it in, build on it and fill
 * cmd; -1 (the callback keeps its error) leaves cmd->push 0. */
typedef int (*net_moved_fn)(struct sync_ctx *c, const struct net_reply *fetched,
    struct net_command *cmd, void *payload);

/* 1 when url names a local folder (a path or file://); *path is then the folder. */
int url_is_local(const char *url, char **path);
/* Fetch the remote branch into repo.git (in a child, with the deadline). *empty = 1 when
 * the remote has no such branch. */
int net_fetch(struct sync_ctx *c, git_oid *tip, int *empty, struct error *err);
/* Push commit to the remote branch, which must still be at expected (NULL: absent).
 * *rejected = 1 when the remote moved meanwhile (fetch and redo). */
int net_push(struct sync_ctx *c, const git_oid *commit, const git_oid *expected,
    int *rejected, struct error *err);

/* Push to the remote branch when its advertisement shows it still at expected (the tip
 * this laptop last saw), on that same connection: one connection in all. The child starts
 * connecting first; build() makes the commit meanwhile, so that the handshake and the
 * advertisement hide its time. When the branch is elsewhere (or gone), fetch it on a
 * second connection, let moved() take it in and build on it, and push what moved() says
 * on the first connection, which waited. Both callbacks get payload.
 * *rejected = 1 when the remote moved meanwhile (fetch and redo). Network remotes only.
 * 1 with err when the host refused to let this user push at all: fetch first then, so
 * that a volunteer who may only read still takes in what the others sent.
 * fetch_beside: open the fetch connection together with the push's, for a remote that
 * can never ask the person a question (git://, http(s)://), when the branch has likely
 * moved: its fetch then costs no handshake or advertisement of its own (five round trips
 * instead of seven), and an unmoved branch a connection opened for nothing. */
int net_push_first(struct sync_ctx *c, const git_oid *expected, int fetch_beside,
    net_build_fn build, net_moved_fn moved, void *payload, int *rejected, struct error *err);

/* ---- stream.c (in the network child) ---- */

/* Register a TCP stream that gathers writes until the next read and sends them with
 * TCP_NODELAY (for git:// remotes; see stream.c). */
int stream_use_buffered_tcp(void);

/* ---- local.c (run inside the network child) ---- */

int local_fetch(struct sync_ctx *c, git_repository *repo, struct net_reply *rep);
int local_push(struct sync_ctx *c, git_repository *repo, const git_oid *commit,
    const git_oid *expected, struct net_reply *rep);
/* A new bare repository at path for `sync --remote PATH` (its parent must exist). */
int local_create(struct sync_ctx *c, struct error *err);

/* ---- pack.c ---- */

/* Insert into pb what commit adds to its first parent: the commit, the trees on the
 * changed paths and the changed blobs. Its cost follows the change. */
int pack_commit_objects(git_packbuilder *pb, git_repository *repo, const git_oid *commit);
/* The same for every commit reachable from tip and not from the known ones, but for the
 * commits that held (may be NULL) has already: a commit's own pack carried what it
 * changed, while its ancestors may not be there (loose objects beside copied packs). */
int pack_commits_since(git_packbuilder *pb, git_repository *repo, const git_oid *tip,
    const git_oid *const *known, size_t nknown, git_odb *held);
/* Copy the pack files of src that dst lacks (a first fetch from a folder). */
int pack_copy_packs(const char *src_gitdir, const char *dst_gitdir);

/* ---- files.c ---- */

/* The repository file of r: record_to_json without the personal fields unless the
 * record says consent = yes. Caller frees. */
char *file_of_record(const struct record *r);
/* Personal fields that remote lacks because it has no consent are taken from local: the
 * repository never held them, so their absence is no edit. */
void fill_personal(struct record *remote, const struct record *local);
/* "conflicts/<id>/<rev>-<device>.json" for the losing side r. Caller frees. */
char *conflict_path(const struct record *r);
/* A short id (digits, letters, '-', '_', '.') as it may appear in a file name. */
int name_is_plain(const char *s, size_t max);

/* ---- import.c ---- */

/* Import into the store what changed from the tree of commit from (NULL: nothing) to the
 * tree of commit to, send again what from held and to removed, then record to as the
 * last imported tip. The cost follows the change. */
int import_changes(struct sync_ctx *c, const git_oid *from, const git_oid *to,
    struct error *err);
/* After a history rewrite (or with the last imported commit lost): compare every record
 * and review of the store with the whole tree of to (NULL: the branch is gone), import
 * what differs, and mark unsynced what to lacks or holds older (counted in res->resent),
 * so that the same sync sends it. Records to (or nothing) as the last imported tip. */
int import_compare_all(struct sync_ctx *c, const git_oid *to, struct error *err);

/* ---- build.c ---- */

/* What one commit carries, to mark clean once the server took it. */
struct outgoing {
	struct sent_record {
		char id[UUID_LEN + 1];
		int64_t rev;
		char oid[GIT_OID_HEXSZ + 1];	/* the blob of its file */
	} *records;
	size_t nrecords;
	char (*reviews)[UUID_LEN + 1];
	size_t nreviews;
	char **pending;		/* repository paths of pending files */
	size_t npending;
	size_t unplaceable;	/* unsynced records whose id gives no place in the layout */
};
void outgoing_free(struct outgoing *o);

/*
 * Write every unsynced record and review and the pending files on top of parent's tree
 * (parent NULL: an empty repository). *changed = 0 when the tree stays the same (all of it
 * is there already); otherwise *commit is a new commit authored by the volunteer.
 */
int build_commit(struct sync_ctx *c, const git_oid *parent, git_oid *commit, int *changed,
    struct outgoing *out, struct error *err);

#endif
