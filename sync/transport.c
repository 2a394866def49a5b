/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * transport.c: the network part of a sync, in a child process with a deadline.
 *
 * libgit2 1.5 has no connect or read timeout, so each fetch or push runs in a forked
 * child that reports through a pipe; the parent kills it with SIGKILL at the deadline.
 * Killing is harmless: objects land under temporary names and refs move only by
 * compare-and-swap, and the next sync removes what a killed child left (repo_remove_stale).
 * The child also arms alarm() so that it ends even when its parent was killed first.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/text.h"
#include "core/util.h"
#include "sync/internal.h"

#define MAX_CREDENTIAL_TRIES 2

/* One message of the child: progress (final = 0) or the reply (final = 1). */
struct net_msg {
	int final;
	int percent;
	struct net_reply reply;
};

/* The state of the callbacks of one network operation, in the child. */
struct net_payload {
	struct sync_ctx *c;
	int fd;			/* the pipe to the parent, for progress */
	int last_percent;
	int cred_tries;
	char msg[300];		/* our own message when a callback gave up */
	/* push */
	const git_oid *expected;
	int moved;		/* push_negotiation: the remote is not at the expected commit */
	int ref_seen;		/* push_update_reference was called for our ref */
	int refused;		/* ... with a status */
	char status[300];
	char said[300];		/* the last line the server's hooks printed */
	char partial[300];	/* ... and the start of the next, until its newline comes */
};

int
url_is_local(const char *url, char **path)
{
	const char *colon, *slash;
	char cwd[4096];

	*path = NULL;
	if (strncmp(url, "file://", 7) == 0) {
		url += 7;
		if (strncmp(url, "localhost/", 10) == 0)
			url += 9;
		*path = xstrdup(url);
		return 1;
	}
	if (strstr(url, "://") != NULL)
		return 0;
	/* git's scp-like syntax, [user@]host:path, is ssh; a path may hold ':' only after a
	 * '/' ("./a:b"), as git reads it. */
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	if (colon != NULL && (slash == NULL || colon < slash))
		return 0;
	if (url[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		*path = xstrdup(url);
	else
		*path = xasprintf("%s/%s", cwd, url);
	return 1;
}

/* ---- callbacks (in the child) ---- */

static int
same_host(const char *a, const char *b)
{
	const char *pa = strstr(a, "://"), *pb = strstr(b, "://");
	size_t na, nb;

	pa = pa ? pa + 3 : a;
	pb = pb ? pb + 3 : b;
	/* user@ is not part of the host */
	if (strchr(pa, '@') && strchr(pa, '@') < pa + strcspn(pa, "/"))
		pa = strchr(pa, '@') + 1;
	if (strchr(pb, '@') && strchr(pb, '@') < pb + strcspn(pb, "/"))
		pb = strchr(pb, '@') + 1;
	na = strcspn(pa, "/:");
	nb = strcspn(pb, "/:");
	return na == nb && strncasecmp(pa, pb, na) == 0;
}

static int
credentials_cb(git_credential **out, const char *url, const char *username_from_url,
    unsigned int allowed, void *payload)
{
	struct net_payload *p = payload;
	const struct config *cfg = p->c->cfg;
	const char *user, *token = NULL;
	char *pub = NULL;
	struct stat sb;
	int rc;

	/* libgit2 asks again and again while the server says no (without end over SSH). */
	if (++p->cred_tries > MAX_CREDENTIAL_TRIES) {
		snprintf(p->msg, sizeof p->msg, "the remote refused the credentials twice; check "
		    "%s", (allowed & GIT_CREDENTIAL_SSH_KEY) ? "the ssh key (ssh_key or the "
		    "ssh-agent) and your access to the repository" : "[sync] username and the "
		    "token in the environment variable named by token_env");
		return GIT_EUSER;
	}
	if (!same_host(url, p->c->url)) {
		snprintf(p->msg, sizeof p->msg, "the remote asked for credentials for another "
		    "host; none were sent");
		return GIT_EUSER;
	}
	user = cfg && cfg->username && *cfg->username ? cfg->username : username_from_url;
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		if (user == NULL || *user == '\0')
			user = "git";
		if (cfg && cfg->ssh_key && *cfg->ssh_key) {
			pub = xasprintf("%s.pub", cfg->ssh_key);
			rc = git_credential_ssh_key_new(out, user, stat(pub, &sb) == 0 ? pub : NULL,
			    cfg->ssh_key, NULL);
			free(pub);
			return rc;
		}
		return git_credential_ssh_key_from_agent(out, user);
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		if (strncmp(p->c->url, "https://", 8) != 0) {
			snprintf(p->msg, sizeof p->msg, "the remote asks for a password over a "
			    "connection that is not encrypted; use an https:// URL");
			return GIT_EUSER;
		}
		if (cfg && cfg->token_env && *cfg->token_env)
			token = cfg->token;	/* taken out of the environment at load */
		if (token == NULL || *token == '\0') {
			snprintf(p->msg, sizeof p->msg, "the remote asks for a token: set [sync] "
			    "token_env to the name of an environment variable that holds it%s%s",
			    cfg && cfg->token_env && *cfg->token_env ? ", and set " : "",
			    cfg && cfg->token_env && *cfg->token_env ? cfg->token_env : "");
			return GIT_EUSER;
		}
		return git_credential_userpass_plaintext_new(out, user && *user ? user : "git",
		    token);
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user && *user ? user : "git");
	snprintf(p->msg, sizeof p->msg, "the remote asks for a kind of authentication that "
	    "volunteer does not offer");
	return GIT_EUSER;
}

/* Base64 as in known_hosts; -1 on a bad character. */
static long
base64_decode(const char *in, unsigned char *out, size_t cap)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned v = 0;
	size_t n = 0;
	int bits = 0;
	const char *p;

	for (; *in && *in != '='; in++) {
		if ((p = strchr(alphabet, *in)) == NULL || *in == '\0')
			return -1;
		v = (v << 6) | (unsigned)(p - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n >= cap)
				return -1;
			out[n++] = (unsigned char)(v >> bits);
		}
	}
	return (long)n;
}

/* The host key against a known_hosts file of our own ([sync] known_hosts): plain host
 * names only ("host", "[host]:port"); hashed entries are not read. */
static int
known_host(const char *file, const char *host, const git_cert_hostkey *hk)
{
	FILE *f = fopen(file, "r");
	char line[16384], *hosts, *type, *key, *save, *h, *hs;
	unsigned char *raw = xmalloc(sizeof line);
	long n;
	int found = 0;

	if (f == NULL) {
		free(raw);
		return 0;
	}
	while (!found && fgets(line, sizeof line, f) != NULL) {
		if ((hosts = strtok_r(line, " \t\r\n", &save)) == NULL || hosts[0] == '#' ||
		    hosts[0] == '|' || hosts[0] == '@' ||
		    (type = strtok_r(NULL, " \t\r\n", &save)) == NULL ||
		    (key = strtok_r(NULL, " \t\r\n", &save)) == NULL)
			continue;
		for (h = strtok_r(hosts, ",", &hs); h != NULL; h = strtok_r(NULL, ",", &hs)) {
			if (h[0] == '[' && strchr(h, ']'))
				*strchr(h++, ']') = '\0';
			if (strcasecmp(h, host) != 0)
				continue;
			n = base64_decode(key, raw, sizeof line);
			if (n > 0 && (size_t)n == hk->hostkey_len &&
			    memcmp(raw, hk->hostkey, (size_t)n) == 0)
				found = 1;
		}
	}
	fclose(f);
	free(raw);
	return found;
}

static int
certificate_cb(git_cert *cert, int valid, const char *host, void *payload)
{
	struct net_payload *p = payload;
	const struct config *cfg = p->c->cfg;
	char *clean;

	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2 && cfg && cfg->known_hosts &&
	    *cfg->known_hosts) {
		const git_cert_hostkey *hk = (const git_cert_hostkey *)cert;
		if ((hk->type & GIT_CERT_SSH_RAW) && known_host(cfg->known_hosts, host, hk))
			return 0;
		valid = 0;
	}
	if (valid)
		return cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2 ? GIT_PASSTHROUGH : 0;
	clean = text_sanitize(host ? host : "?", 100, 0);
	snprintf(p->msg, sizeof p->msg, "the identity of %s could not be verified (%s); "
	    "nothing was sent", clean, cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2 ?
	    "unknown ssh host key: add it to known_hosts" : "invalid certificate: check "
	    "[sync] ca_file");
	free(clean);
	return GIT_ECERTIFICATE;
}

static void
send_progress(struct net_payload *p, int percent)
{
	struct net_msg m = { .final = 0, .percent = percent };

	if (percent == p->last_percent || p->fd < 0)
		return;
	p->last_percent = percent;
	if (write(p->fd, &m, sizeof m) < 0) {
		/* The parent is gone or not listening: the reply matters, not this. */
	}
}

static int
transfer_cb(const git_indexer_progress *stats, void *payload)
{
	if (stats->total_objects > 0)
		send_progress(payload, (int)(100.0 * (stats->received_objects +
		    stats->indexed_objects) / (2.0 * stats->total_objects)));
	return 0;
}

static int
push_transfer_cb(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	if (total > 0)
		send_progress(payload, (int)(100.0 * current / total));
	return 0;
}

/* What the server prints (a hook explaining a refusal) comes on the sideband: keep the last
 * line, made safe, to add to our message. */
static int
sideband_cb(const char *str, int len, void *payload)
{
	struct net_payload *p = payload;
	size_t have = strlen(p->partial), i;
	char *clean;

	/* A line of the server may come in pieces: gather it up to its newline. */
	for (i = 0; len > 0 && i < (size_t)len; i++) {
		if (str[i] == '\n' || str[i] == '\r') {
			clean = text_sanitize(p->partial, sizeof p->said - 1, 0);
			if (*clean != '\0')
				snprintf(p->said, sizeof p->said, "%s", clean);
			free(clean);
			p->partial[0] = '\0';
			have = 0;
		} else if (have + 1 < sizeof p->partial) {
			p->partial[have++] = str[i];
			p->partial[have] = '\0';
		}
	}
	return 0;
}

static int
push_negotiation_cb(const git_push_update **updates, size_t len, void *payload)
{
	struct net_payload *p = payload;
	git_oid zero;
	size_t i;

	memset(&zero, 0, sizeof zero);
	for (i = 0; i < len; i++) {
		if (strcmp(updates[i]->dst_refname, p->c->branch_ref) != 0)
			continue;
		if (!git_oid_equal(&updates[i]->src, p->expected ? p->expected : &zero)) {
			p->moved = 1;
			return GIT_EUSER;
		}
	}
	return 0;
}

static int
update_reference_cb(const char *refname, const char *status, void *payload)
{
	struct net_payload *p = payload;

	if (strcmp(refname, p->c->branch_ref) != 0)
		return 0;
	p->ref_seen = 1;
	if (status != NULL) {
		p->refused = 1;
		repo_clean_message(p->c, status, p->status, sizeof p->status);
	}
	return 0;
}

static void
set_callbacks(git_remote_callbacks *cb, struct net_payload *p)
{
	cb->credentials = credentials_cb;
	cb->certificate_check = certificate_cb;
	cb->transfer_progress = transfer_cb;
	cb->push_transfer_progress = push_transfer_cb;
	cb->push_negotiation = push_negotiation_cb;
	cb->push_update_reference = update_reference_cb;
	cb->sideband_progress = sideband_cb;
	cb->payload = p;
}

/* The reply for a failed libgit2 call: our own message if a callback gave one. */
static void
reply_error(struct net_payload *p, struct net_reply *rep, const char *what)
{
	const git_error *e = git_error_last();
	char msg[300];

	if (p->msg[0] != '\0')
		snprintf(msg, sizeof msg, "%s", p->msg);
	else
		repo_clean_message(p->c, e && e->message ? e->message : "unknown error", msg,
		    sizeof msg);
	rep->status = -1;
	rep->kind = ERR_FAILED;
	snprintf(rep->msg, sizeof rep->msg, "%s %s: %s", what, p->c->url_shown, msg);
}

/* ---- the operations (in the child) ---- */

static void
remote_fetch(struct sync_ctx *c, git_repository *repo, struct net_payload *p,
    struct net_reply *rep)
{
	git_remote_connect_options copts;
	git_fetch_options fopts;
	git_remote *remote = NULL;
	const git_remote_head **heads;
	const git_oid *tip = NULL;
	git_odb *odb = NULL;
	char *spec = xasprintf("+%s:%s", c->branch_ref, SYNC_REF_FETCHED);
	git_strarray specs = { &spec, 1 };
	size_t n, i;

	git_remote_connect_options_init(&copts, GIT_REMOTE_CONNECT_OPTIONS_VERSION);
	git_fetch_options_init(&fopts, GIT_FETCH_OPTIONS_VERSION);
	if (git_remote_create_anonymous(&remote, repo, c->url) < 0) {
		reply_error(p, rep, "cannot use the remote");
		rep->kind = ERR_INVALID;
		goto out;
	}
	set_callbacks(&copts.callbacks, p);
	copts.follow_redirects = GIT_REMOTE_REDIRECT_NONE;
	if (git_remote_connect_ext(remote, GIT_DIRECTION_FETCH, &copts) < 0 ||
	    git_remote_ls(&heads, &n, remote) < 0) {
		reply_error(p, rep, "cannot reach the remote");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (strcmp(heads[i]->name, c->branch_ref) == 0)
			tip = &heads[i]->oid;
	if (tip == NULL) {
		rep->empty = 1;
		rep->status = 0;
		goto out;
	}
	git_oid_tostr(rep->tip, sizeof rep->tip, tip);
	if (git_repository_odb(&odb, repo) == 0 && git_odb_exists(odb, tip)) {
		rep->status = 0;
		goto out;
	}
	set_callbacks(&fopts.callbacks, p);
	fopts.follow_redirects = GIT_REMOTE_REDIRECT_NONE;
	fopts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	fopts.update_fetchhead = 0;
	if (git_remote_download(remote, &specs, &fopts) < 0) {
		reply_error(p, rep, "cannot fetch from the remote");
		goto out;
	}
	rep->status = 0;
out:
	if (remote != NULL)
		git_remote_disconnect(remote);
	git_remote_free(remote);
	git_odb_free(odb);
	free(spec);
}

/* Status texts of git's receive-pack that mean "someone else was faster": redo. */
static int
status_is_race(const char *s)
{
	return strstr(s, "fetch first") || strstr(s, "non-fast-forward") ||
	    strstr(s, "lock") || strstr(s, "failed to update ref") || strstr(s, "stale info");
}

static void
remote_push(struct sync_ctx *c, git_repository *repo, const git_oid *expected,
    struct net_payload *p, struct net_reply *rep)
{
	git_push_options popts;
	git_remote *remote = NULL;
	char *spec = xasprintf("%s:%s", SYNC_REF_OUTGOING, c->branch_ref);
	git_strarray specs = { &spec, 1 };
	int rc;

	git_push_options_init(&popts, GIT_PUSH_OPTIONS_VERSION);
	if (git_remote_create_anonymous(&remote, repo, c->url) < 0) {
		reply_error(p, rep, "cannot use the remote");
		rep->kind = ERR_INVALID;
		goto out;
	}
	p->expected = expected;
	set_callbacks(&popts.callbacks, p);
	popts.follow_redirects = GIT_REMOTE_REDIRECT_NONE;
	popts.pb_parallelism = 1;
	rc = git_remote_push(remote, &specs, &popts);
	if (p->moved || rc == GIT_ENONFASTFORWARD) {
		rep->rejected = 1;
		rep->status = 0;
	} else if (rc < 0) {
		reply_error(p, rep, "cannot send to the remote");
	} else if (p->refused) {
		/* git_remote_push says 0 when the server declined the update: only the
		 * status of our ref tells. */
		if (status_is_race(p->status)) {
			rep->rejected = 1;
			rep->status = 0;
		} else {
			rep->status = -1;
			rep->kind = ERR_FAILED;
			if (p->said[0] == '\0' && p->partial[0] != '\0')
				repo_clean_message(c, p->partial, p->said, sizeof p->said);
			snprintf(rep->msg, sizeof rep->msg, "the remote %.150s refused the records: "
			    "%.80s%s%.250s%s", c->url_shown, p->status, p->said[0] ? " (it says: " :
			    "", p->said, p->said[0] ? ")" : "");
		}
	} else if (!p->ref_seen) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, "the remote %.150s did not confirm the update "
		    "of %.100s; the records stay unsynced", c->url_shown, c->branch_ref);
	} else
		rep->status = 0;
out:
	git_remote_free(remote);
	free(spec);
}

/* ---- the child and its deadline ---- */

struct child_job {
	int push;
	const git_oid *commit, *expected;
};

static void
child_main(struct sync_ctx *c, const struct child_job *job, int fd)
{
	struct net_msg m = { .final = 1 };
	struct net_payload p = { .c = c, .fd = fd, .last_percent = -1 };
	git_repository *repo = NULL;

	signal(SIGPIPE, SIG_IGN);
	signal(SIGALRM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	alarm((unsigned)c->timeout + 5);
	m.reply.status = -1;
	m.reply.kind = ERR_FAILED;
	if (c->cfg && c->cfg->ca_file && *c->cfg->ca_file)
		git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, c->cfg->ca_file, NULL);
	if (git_repository_open_ext(&repo, c->repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL) < 0)
		reply_error(&p, &m.reply, "cannot open the local copy of");
	else if (c->local_path != NULL && !job->push)
		local_fetch(c, repo, &m.reply);
	else if (c->local_path != NULL)
		local_push(c, repo, job->commit, job->expected, &m.reply);
	else {
		if (strncmp(c->url, "git://", 6) == 0)
			stream_use_buffered_tcp();
		if (!job->push)
			remote_fetch(c, repo, &p, &m.reply);
		else
			remote_push(c, repo, job->expected, &p, &m.reply);
	}
	git_repository_free(repo);
	m.reply.done = 1;
	if (write(fd, &m, sizeof m) < 0) {
		/* Nobody to tell: the parent is gone. */
	}
	/* No exit handlers: they belong to the parent (and its sanitizer's leak check). */
	_exit(0);
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
run_child(struct sync_ctx *c, const struct child_job *job, struct net_reply *rep,
    struct error *err)
{
	const char *stage = job->push ? SYNC_STAGE_PUSH : SYNC_STAGE_FETCH;
	struct net_msg m;
	size_t got = 0;
	int64_t deadline;
	int fds[2], status = 0, n, timed_out = 0;
	pid_t pid;

	memset(rep, 0, sizeof *rep);
	if (pipe2(fds, O_CLOEXEC) != 0)
		return error_set(err, ERR_FAILED, "", "cannot start the sync: %s",
		    strerror(errno));
	/* The child must not share open repository handles (file offsets, caches). */
	repo_close(c);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return error_set(err, ERR_FAILED, "", "cannot start the sync: %s",
		    strerror(errno));
	}
	if (pid == 0) {
		close(fds[0]);
		child_main(c, job, fds[1]);
	}
	close(fds[1]);
	deadline = now_ms() + (int64_t)c->timeout * 1000;
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		int64_t left = deadline - now_ms();

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		n = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			continue;
		n = (int)read(fds[0], (char *)&m + got, sizeof m - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* end of file: the child is gone */
		got += (size_t)n;
		if (got < sizeof m)
			continue;
		got = 0;
		if (!m.final) {
			if (c->opt->progress)
				c->opt->progress(stage, m.percent, c->opt->payload);
			continue;
		}
		*rep = m.reply;
		break;
	}
	close(fds[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out) {
		repo_remove_stale(c->repo_path);
		return error_set(err, ERR_FAILED, "", "the remote %s did not answer within %d "
		    "seconds ([sync] timeout); nothing is lost, try again later", c->url_shown,
		    c->timeout);
	}
	if (!rep->done) {
		repo_remove_stale(c->repo_path);
		return error_set(err, ERR_FAILED, "", "the %s with %s stopped (%s %d); nothing "
		    "is lost, try again", stage, c->url_shown, WIFSIGNALED(status) ?
		    "signal" : "status", WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status));
	}
	if (rep->status != 0)
		return error_set(err, rep->kind ? (enum error_kind)rep->kind : ERR_FAILED, "",
		    "%s", rep->msg);
	return 0;
}

int
net_fetch(struct sync_ctx *c, git_oid *tip, int *empty, struct error *err)
{
	struct child_job job = { .push = 0 };
	struct net_reply rep;

	if (run_child(c, &job, &rep, err) != 0)
		return -1;
	*empty = rep.empty;
	if (!rep.empty && git_oid_fromstr(tip, rep.tip) < 0)
		return error_set(err, ERR_FAILED, "", "the fetch from %s gave no commit",
		    c->url_shown);
	return 0;
}

int
net_push(struct sync_ctx *c, const git_oid *commit, const git_oid *expected, int *rejected,
    struct error *err)
{
	struct child_job job = { .push = 1, .commit = commit, .expected = expected };
	struct net_reply rep;

	if (run_child(c, &job, &rep, err) != 0)
		return -1;
	*rejected = rep.rejected;
	return 0;
}
