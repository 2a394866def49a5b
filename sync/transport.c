/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * transport.c: the network part of a sync, in a child process with a deadline.
 *
 * libgit2 1.5 has no connect or read timeout, so each fetch or push runs in a forked
 * child that reports through a pipe; the parent kills it with SIGKILL at the deadline.
 * Killing is harmless: objects land under temporary names and refs move only by
 * compare-and-swap, and the next sync removes what a killed child left (repo_remove_stale).
 * The child also arms alarm() so that it ends even when its parent was killed first.
 *
 * A push that goes first (net_push_first) forks the child before the commit is built, so
 * that the parent builds it while the child connects (a command pipe of its own says
 * what to push, or to stop: a failed build ends the child before it sent anything). The
 * child reads the remote's advertisement on the push connection and sends the pack on it
 * at once when the branch is where this laptop last saw it: one connection, three round
 * trips (connect, advertisement, pack and report), where a fetch and then a push took
 * two connections and five (BENCHMARKS.md, the village link). When the branch moved,
 * the child fetches it on a second connection while the first one waits, hands it to
 * the parent (which takes it in and builds on it) and pushes what the parent says on the
 * waiting connection: six round trips, as a fetch and a push (on a new connection if the
 * server closed the waiting one meanwhile). When the branch had moved at the last push
 * first too (the parent's hint, fetch_beside), the fetch connection is opened in a thread
 * beside the push connection, for remotes that never ask a question: the two handshakes
 * and advertisements overlap, and five round trips are waited for.
 *
 * libgit2 connects, authenticates and reads each advertisement; the push and the fetch
 * themselves are the program's, on libgit2's connection (sync/thin.h): a push sends what
 * its commits change, its trees as deltas against the server's, and a fetch says what it
 * wants and what it has in one turn. libgit2's own push and fetch remain for a server
 * without report-status or side-band-64k, and for a first fetch.
 *
 * A question for the person at the keyboard (trust a new ssh host, the passphrase of the
 * key) goes up the same pipe; the parent asks through sync_options.ask and writes the
 * answer down a second pipe, and neither deadline runs while the person thinks. A
 * passphrase lives only in these pipes and in memory that is wiped after use.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "sync/hostkey.h"
#include "sync/internal.h"
#include "sync/thin.h"

#define MAX_CREDENTIAL_TRIES 2

#define NET_MSG_PROGRESS 0
#define NET_MSG_REPLY 1
#define NET_MSG_QUESTION 2
#define NET_MSG_MOVED 3		/* push first: the branch moved and was fetched; the child
				 * waits for a net_command */

/* One message of the child: progress, the reply, or a question (kind, text). */
struct net_msg {
	int final;		/* NET_MSG_* */
	int percent;
	int ask_kind;		/* SYNC_ASK_* */
	int fetching;		/* progress: of a fetch (in a push that went first) */
	char ask_text[900];
	struct net_reply reply;
};

/* The parent's answer to a question: rc as sync_options.ask returns it. */
struct net_answer {
	int rc;
	char text[512];
};

/* The state of the callbacks of one network operation, in the child. */
struct net_payload {
	struct sync_ctx *c;
	int fd;			/* the pipe to the parent, for progress */
	int answer_fd;		/* the parent's answers; -1: nobody can be asked */
	int last_percent;
	int fetching;		/* progress is the fetch's */
	int cred_tries;
	int agent_tried;	/* ssh-agent (SSH_AUTH_SOCK) was offered once */
	int passphrase_sent;	/* the key was unlocked with a passphrase the user typed */
	char msg[460];		/* our own message when a callback gave up */
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

/* Ask the person at the keyboard through the parent (see the top). 1 yes / answered, 0 no,
 * -1 nobody can be asked. The deadline of the child waits meanwhile. */
static int
ask_parent(struct net_payload *p, int kind, const char *text, char *answer, size_t cap)
{
	struct net_msg m;
	struct net_answer a;
	ssize_t got;
	unsigned left;
	int rc;

	if (p->answer_fd < 0 || p->fd < 0)
		return -1;
	memset(&m, 0, sizeof m);
	m.final = NET_MSG_QUESTION;
	m.ask_kind = kind;
	snprintf(m.ask_text, sizeof m.ask_text, "%s", text);
	if (util_write_all(p->fd, &m, sizeof m) != 0)
		return -1;
	left = alarm(0);
	got = util_read_all(p->answer_fd, &a, sizeof a);
	alarm(left > 0 ? left : 1);
	if (got != (ssize_t)sizeof a) {
		explicit_bzero(&a, sizeof a);
		return -1;
	}
	if (answer != NULL && cap > 0)
		snprintf(answer, cap, "%s", a.text);
	rc = a.rc;
	explicit_bzero(&a, sizeof a);
	return rc;
}

static int
ssh_credentials(struct net_payload *p, git_credential **out, const char *user)
{
	const struct config *cfg = p->c->cfg;
	const char *agent = getenv("SSH_AUTH_SOCK");
	char pass[512], *pub = NULL, *key = NULL, *question = NULL;
	struct stat sb;
	int rc, asked;

	/* A running agent first, as ssh does: it holds the unlocked key and asks nothing. */
	if (!p->agent_tried && agent != NULL && *agent != '\0') {
		p->agent_tried = 1;
		p->cred_tries--;	/* the agent's refusal is not one of the key's tries */
		return git_credential_ssh_key_from_agent(out, user);
	}
	if (cfg == NULL || cfg->ssh_key == NULL || *cfg->ssh_key == '\0') {
		if (p->agent_tried) {
			snprintf(p->msg, sizeof p->msg, "%s", _("the server refused the keys of "
			    "the ssh-agent, and no [sync] ssh_key is set"));
			return GIT_EUSER;
		}
		return git_credential_ssh_key_from_agent(out, user);
	}
	pass[0] = '\0';
	if (p->passphrase_sent) {
		/* libssh2 tells a wrong passphrase from a refused key by no code libgit2
		 * passes on; the server had accepted the key's public half by then. */
		key = text_sanitize(cfg->ssh_key, 200, 0);
		snprintf(p->msg, sizeof p->msg, _("wrong passphrase for the ssh key %s (or the "
		    "server does not accept that key); nothing was sent"), key);
		free(key);
		return GIT_EUSER;
	}
	if (ssh_key_has_passphrase(cfg->ssh_key)) {
		key = text_sanitize(cfg->ssh_key, 200, 0);
		question = xasprintf(_("Passphrase for the ssh key %s: "), key);
		asked = ask_parent(p, SYNC_ASK_PASSPHRASE, question, pass, sizeof pass);
		if (asked != 1) {
			snprintf(p->msg, sizeof p->msg, asked < 0 ? _("the ssh key %s has a "
			    "passphrase and nobody can be asked for it here: sync from a terminal, "
			    "or load the key into the ssh-agent (ssh-add %s)") : _("the ssh key %s "
			    "was not unlocked (no passphrase given); nothing was sent"), key, key);
			free(question);
			free(key);
			explicit_bzero(pass, sizeof pass);
			return GIT_EUSER;
		}
		p->passphrase_sent = 1;
		free(question);
		free(key);
	}
	pub = xasprintf("%s.pub", cfg->ssh_key);
	rc = git_credential_ssh_key_new(out, user, stat(pub, &sb) == 0 ? pub : NULL,
	    cfg->ssh_key, pass[0] ? pass : NULL);
	explicit_bzero(pass, sizeof pass);
	free(pub);
	return rc;
}

static int
credentials_cb(git_credential **out, const char *url, const char *username_from_url,
    unsigned int allowed, void *payload)
{
	struct net_payload *p = payload;
	const struct config *cfg = p->c->cfg;
	const char *user, *token = NULL;

	/* libgit2 asks again and again while the server says no (without end over SSH). */
	if (++p->cred_tries > MAX_CREDENTIAL_TRIES) {
		snprintf(p->msg, sizeof p->msg, "%s", (allowed & GIT_CREDENTIAL_SSH_KEY) ?
		    _("the remote refused the credentials twice; check the ssh key (ssh_key or "
		    "the ssh-agent) and your access to the repository") : _("the remote refused "
		    "the credentials twice; check [sync] username and the token in the "
		    "environment variable named by token_env"));
		return GIT_EUSER;
	}
	if (!same_host(url, p->c->url)) {
		snprintf(p->msg, sizeof p->msg, _("the remote asked for credentials for another "
		    "host; none were sent"));
		return GIT_EUSER;
	}
	user = cfg && cfg->username && *cfg->username ? cfg->username : username_from_url;
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return ssh_credentials(p, out, user && *user ? user : "git");
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		if (strncmp(p->c->url, "https://", 8) != 0) {
			snprintf(p->msg, sizeof p->msg, _("the remote asks for a password over a "
			    "connection that is not encrypted; use an https:// URL"));
			return GIT_EUSER;
		}
		if (cfg && cfg->token_env && *cfg->token_env)
			token = cfg->token;	/* taken out of the environment at load */
		if (token == NULL || *token == '\0') {
			if (cfg && cfg->token_env && *cfg->token_env)
				snprintf(p->msg, sizeof p->msg, _("the remote asks for a token: set "
				    "[sync] token_env to the name of an environment variable that "
				    "holds it, and set %s"), cfg->token_env);
			else
				snprintf(p->msg, sizeof p->msg, _("the remote asks for a token: set "
				    "[sync] token_env to the name of an environment variable that "
				    "holds it"));
			return GIT_EUSER;
		}
		return git_credential_userpass_plaintext_new(out, user && *user ? user : "git",
		    token);
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user && *user ? user : "git");
	snprintf(p->msg, sizeof p->msg, _("the remote asks for a kind of authentication that "
	    "volunteer does not offer"));
	return GIT_EUSER;
}

/* The ssh host against known_hosts (sync/hostkey.h); a new host is asked about once. */
static int
check_ssh_host(struct net_payload *p, const char *host, const git_cert_hostkey *hk)
{
	const struct config *cfg = p->c->cfg;
	struct hostkey_check chk;
	struct error err = { 0 };
	char *shown = text_sanitize(host ? host : "?", 100, 0), *question = NULL;
	int port = hostkey_url_port(p->c->url), asked, rc = GIT_ECERTIFICATE;

	hostkey_lookup(cfg ? cfg->known_hosts : NULL, host ? host : "", port, hk, &chk);
	switch (chk.verdict) {
	case HOSTKEY_KNOWN:
		rc = 0;
		break;
	case HOSTKEY_CHANGED:
		snprintf(p->msg, sizeof p->msg, _("WARNING: the host key of %s has CHANGED "
		    "(now %s %s): someone may be intercepting the connection, or the server was "
		    "reinstalled; nothing was sent. Ask the programme's administrator before "
		    "removing the old line from %.150s"), shown, chk.key_type, chk.fingerprint,
		    chk.file);
		break;
	case HOSTKEY_REVOKED:
		snprintf(p->msg, sizeof p->msg, _("the host key of %s (%s) is marked @revoked "
		    "in known_hosts: nothing was sent"), shown, chk.fingerprint);
		break;
	case HOSTKEY_UNREADABLE:
		snprintf(p->msg, sizeof p->msg, _("the identity of %s could not be verified: "
		    "%s; nothing was sent"), shown, chk.why);
		break;
	case HOSTKEY_UNKNOWN:
		question = xasprintf(_("The host %s is not known yet.\nIts %s key fingerprint "
		    "is %s.\nCompare it with the one the programme's administrator gave you.\n"
		    "Trust this host and write its key to %.300s?"), shown, chk.key_type,
		    chk.fingerprint, chk.file);
		asked = ask_parent(p, SYNC_ASK_HOSTKEY, question, NULL, 0);
		if (asked == 1 && hostkey_trust(&chk, hk, &err) == 0)
			rc = 0;
		else if (asked == 1)
			snprintf(p->msg, sizeof p->msg, "%.290s", err.msg);
		else if (asked == 0)
			snprintf(p->msg, sizeof p->msg, _("the host %s was not trusted; nothing "
			    "was sent"), shown);
		else
			snprintf(p->msg, sizeof p->msg, _("the host %s is not known; nothing was "
			    "sent. If its %s key fingerprint %s is the one the programme's "
			    "administrator gave you, trust it with: ssh-keyscan -H -p %d %s >> "
			    "%.150s"), shown, chk.key_type, chk.fingerprint, port, shown, chk.file);
		break;
	}
	free(question);
	free(shown);
	return rc;
}

static int
certificate_cb(git_cert *cert, int valid, const char *host, void *payload)
{
	struct net_payload *p = payload;
	const struct config *cfg = p->c->cfg;
	const git_cert_x509 *x;
	char why[300], *clean;

	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2)
		return check_ssh_host(p, host, (const git_cert_hostkey *)cert);
	if (valid)
		return 0;
	if (cert->cert_type != GIT_CERT_X509) {
		clean = text_sanitize(host ? host : "?", 100, 0);
		snprintf(p->msg, sizeof p->msg, _("the identity of %s could not be verified; "
		    "nothing was sent"), clean);
		free(clean);
		return GIT_ECERTIFICATE;
	}
	/* The TLS library said no; OpenSSL says why, and says yes to an address that the
	 * certificate holds, which mbedTLS cannot check (sync/hostkey.h). */
	x = (const git_cert_x509 *)cert;
	if (tls_verify_cert(x->data, x->len, host ? host : "", cfg ? cfg->ca_file : NULL, why,
	    sizeof why) == 0)
		return 0;
	clean = text_sanitize(host ? host : "?", 100, 0);
	snprintf(p->msg, sizeof p->msg, _("the identity of %s could not be verified (%s); "
	    "nothing was sent"), clean, why);
	free(clean);
	return GIT_ECERTIFICATE;
}

static void
send_progress(struct net_payload *p, int percent)
{
	struct net_msg m = { .final = NET_MSG_PROGRESS, .percent = percent,
	    .fetching = p->fetching };

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
	char msg[460];

	if (p->msg[0] != '\0')
		snprintf(msg, sizeof msg, "%s", p->msg);
	else if (p->passphrase_sent && e && e->message && (strstr(e->message, "passphrase") ||
	    strstr(e->message, "private key")))
		/* libssh2 says "Wrong passphrase or invalid/unrecognized private key file
		 * format" for a typing error: say the likely one. */
		snprintf(msg, sizeof msg, "%s", _("wrong passphrase for the ssh key ([sync] "
		    "ssh_key); nothing was sent"));
	else
		repo_clean_message(p->c, e && e->message ? e->message : _("unknown error"), msg,
		    sizeof msg);
	rep->status = -1;
	rep->kind = ERR_FAILED;
	/* what is a whole sentence with two %s: the remote, then the reason */
	snprintf(rep->msg, sizeof rep->msg, what, p->c->url_shown, msg);
}

/* ---- the operations (in the child) ---- */

/*
 * An anonymous remote for c->url, connected in direction dir with the callbacks of p and
 * no redirect followed, and the tip its advertisement gives for c->branch_ref (NULL when
 * the branch is not there; borrowed from the remote). -1 with rep filled when it cannot
 * be made or reached; *out is the caller's to free either way.
 */
static int
remote_open(struct sync_ctx *c, git_repository *repo, git_direction dir,
    struct net_payload *p, struct net_reply *rep, git_remote **out, const git_oid **tip)
{
	git_remote_connect_options copts;
	const git_remote_head **heads;
	size_t n, i;

	*out = NULL;
	*tip = NULL;
	git_remote_connect_options_init(&copts, GIT_REMOTE_CONNECT_OPTIONS_VERSION);
	if (git_remote_create_anonymous(out, repo, c->url) < 0) {
		reply_error(p, rep, _("cannot use the remote %s: %s"));
		rep->kind = ERR_INVALID;
		return -1;
	}
	set_callbacks(&copts.callbacks, p);
	copts.follow_redirects = GIT_REMOTE_REDIRECT_NONE;
	if (git_remote_connect_ext(*out, dir, &copts) < 0 ||
	    git_remote_ls(&heads, &n, *out) < 0) {
		reply_error(p, rep, _("cannot reach the remote %s: %s"));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(heads[i]->name, c->branch_ref) == 0)
			*tip = &heads[i]->oid;
	return 0;
}

/* Fetch the branch on remote, connected for fetch, whose advertisement gave tip (NULL: the
 * branch is absent); the connection stays open, for the caller to free. */
static void
remote_close(git_remote *remote)
{
	if (remote != NULL)
		git_remote_disconnect(remote);
	git_remote_free(remote);
}

/* The fetch of tip in one turn (sync/thin.h), with the remote's commits this repository
 * holds for haves: the branch as last fetched, the commit last pushed, the branch here.
 * 1 when libgit2 is to fetch instead. */
static int
fetch_own(struct sync_ctx *c, git_repository *repo, const git_oid *tip, struct net_payload *p)
{
	const char *refs[3] = { SYNC_REF_FETCHED, SYNC_REF_OUTGOING, c->branch_ref };
	git_oid ids[3];
	const git_oid *haves[3];
	size_t i;

	for (i = 0; i < 3; i++)
		haves[i] = git_reference_name_to_id(&ids[i], repo, refs[i]) == 0 ? &ids[i] : NULL;
	git_error_clear();
	return thin_fetch(repo, tip, haves, 3, transfer_cb, p);
}

static void
download_connected(struct sync_ctx *c, git_repository *repo, git_remote *remote,
    const git_oid *tip, struct net_payload *p, struct net_reply *rep)
{
	git_fetch_options fopts;
	git_odb *odb = NULL;
	char *spec = xasprintf("+%s:%s", c->branch_ref, SYNC_REF_FETCHED);
	git_strarray specs = { &spec, 1 };
	int rc;

	git_fetch_options_init(&fopts, GIT_FETCH_OPTIONS_VERSION);
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
	if ((rc = fetch_own(c, repo, tip, p)) == 1)
		rc = git_remote_download(remote, &specs, &fopts);
	if (rc < 0) {
		reply_error(p, rep, _("cannot fetch from the remote %s: %s"));
		goto out;
	}
	rep->status = 0;
out:
	git_odb_free(odb);
	free(spec);
}

static void
remote_fetch(struct sync_ctx *c, git_repository *repo, struct net_payload *p,
    struct net_reply *rep)
{
	git_remote *remote = NULL;
	const git_oid *tip = NULL;

	if (remote_open(c, repo, GIT_DIRECTION_FETCH, p, rep, &remote, &tip) == 0)
		download_connected(c, repo, remote, tip, p, rep);
	remote_close(remote);
}

/* Status texts of git's receive-pack that mean "someone else was faster": redo. */
static int
status_is_race(const char *s)
{
	return strstr(s, "fetch first") || strstr(s, "non-fast-forward") ||
	    strstr(s, "lock") || strstr(s, "failed to update ref") || strstr(s, "stale info");
}

/* The host's own refusal to let this user write (gitolite "DENIED", a web server's 403,
 * GitLab's and Gitea's wordings): not a failure that a retry mends. */
static int
push_denied(const char *msg)
{
	return strstr(msg, "DENIED") || strstr(msg, "denied") || strstr(msg, "403") ||
	    strstr(msg, "not allowed to push") || strstr(msg, "not authorized");
}

static void
push_denied_message(struct sync_ctx *c, struct net_reply *rep)
{
	char said[300];
	const char *colon = strstr(rep->msg, c->url_shown);

	/* keep what the server said, after "cannot send to the remote URL: " */
	colon = colon ? strstr(colon + strlen(c->url_shown), ": ") : NULL;
	snprintf(said, sizeof said, "%s", colon ? colon + 2 : "");
	snprintf(rep->msg, sizeof rep->msg, _("you are not allowed to push to %.200s (it "
	    "says: %.250s); nothing was lost: the records stay unsynced, ask the programme's "
	    "coordinator for write access or sync with the shared repository"),
	    c->url_shown, said);
}

static void push_outcome(struct sync_ctx *c, int rc, struct net_payload *p,
    struct net_reply *rep);

/* The trees of the outgoing commits to send as deltas against the remote's (sync/thin.h). */
static void
push_thin(git_repository *repo, const git_oid *expected)
{
	git_oid tip;

	if (git_reference_name_to_id(&tip, repo, SYNC_REF_OUTGOING) == 0)
		thin_prepare(repo, &tip, expected);
	git_error_clear();
}

static void upload_connected(struct sync_ctx *c, git_remote *remote, const git_oid *expected,
    struct net_payload *p, struct net_reply *rep);

/* A push on a connection of its own: connected for push, then as on a waiting one. */
static void
remote_push(struct sync_ctx *c, git_repository *repo, const git_oid *expected,
    struct net_payload *p, struct net_reply *rep)
{
	git_remote *remote = NULL;
	const git_oid *tip = NULL;

	if (remote_open(c, repo, GIT_DIRECTION_PUSH, p, rep, &remote, &tip) == 0)
		upload_connected(c, remote, expected, p, rep);
	else if (rep->kind != ERR_INVALID && push_denied(rep->msg))
		push_denied_message(c, rep);
	remote_close(remote);
}

/* Where a push left us: rc from libgit2, and what the callbacks saw. */
static void
push_outcome(struct sync_ctx *c, int rc, struct net_payload *p, struct net_reply *rep)
{
	if (p->moved || rc == GIT_ENONFASTFORWARD) {
		rep->rejected = 1;
		rep->status = 0;
	} else if (rc < 0) {
		reply_error(p, rep, _("cannot send to the remote %s: %s"));
		if (push_denied(rep->msg))
			push_denied_message(c, rep);
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
			if (p->said[0] != '\0')
				snprintf(rep->msg, sizeof rep->msg, _("the remote %.150s refused the "
				    "records: %.80s (it says: %.250s)"), c->url_shown, p->status,
				    p->said);
			else
				snprintf(rep->msg, sizeof rep->msg, _("the remote %.150s refused the "
				    "records: %.80s"), c->url_shown, p->status);
		}
	} else if (!p->ref_seen) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, _("the remote %.150s did not confirm the update "
		    "of %.100s; the records stay unsynced"), c->url_shown, c->branch_ref);
	} else
		rep->status = 0;
}

/*
 * The push on remote's connection by sync/thin.h's thin_push, which sends what the new
 * commits change and not what libgit2's walk of the whole remote tree finds; its answer
 * put in p as libgit2's callbacks put it. 1 when libgit2 is to push instead.
 */
static int
push_own(struct sync_ctx *c, git_remote *remote, const git_oid *expected,
    struct net_payload *p)
{
	git_repository *repo = git_remote_owner(remote);
	const git_remote_head **heads;
	const git_oid *advertised = NULL;
	struct thin_report r;
	size_t n, i;
	git_oid tip;
	int rc;

	if (git_reference_name_to_id(&tip, repo, SYNC_REF_OUTGOING) < 0 ||
	    git_remote_ls(&heads, &n, remote) < 0) {
		git_error_clear();
		return 1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(heads[i]->name, c->branch_ref) == 0)
			advertised = &heads[i]->oid;
	/* what push_negotiation_cb tells libgit2's push */
	if ((advertised == NULL) != (expected == NULL) ||
	    (advertised != NULL && !git_oid_equal(advertised, expected))) {
		p->moved = 1;
		return 0;
	}
	if ((rc = thin_push(repo, &tip, advertised, c->branch_ref, sideband_cb, push_transfer_cb, p,
	    &r)) != 0)
		return rc;
	if (!r.unpack_ok) {
		git_error_set(GIT_ERROR_NET, _("the remote could not store what was sent: %s"),
		    r.status[0] != '\0' ? r.status : _("no answer"));
		return -1;
	}
	if (r.ref_seen) {
		p->ref_seen = 1;
		if (r.refused) {
			p->refused = 1;
			repo_clean_message(p->c, r.status, p->status, sizeof p->status);
		}
	}
	return 0;
}

/* Push the outgoing ref on remote, connected for push, whose branch is at expected (NULL:
 * absent) as far as its advertisement said. */
static void
upload_connected(struct sync_ctx *c, git_remote *remote, const git_oid *expected,
    struct net_payload *p, struct net_reply *rep)
{
	git_push_options popts;
	char *spec = xasprintf("%s:%s", SYNC_REF_OUTGOING, c->branch_ref);
	git_strarray specs = { &spec, 1 };
	int rc;

	git_push_options_init(&popts, GIT_PUSH_OPTIONS_VERSION);
	p->expected = expected;
	set_callbacks(&popts.callbacks, p);
	popts.follow_redirects = GIT_REMOTE_REDIRECT_NONE;
	popts.pb_parallelism = 1;
	push_thin(git_remote_owner(remote), expected);
	/* On a connected remote, git_remote_upload keeps the connection (libgit2 1.5,
	 * remote.c: connect_or_reset_options) and pushes against what it advertised. */
	if ((rc = push_own(c, remote, expected, p)) == 1)
		rc = git_remote_upload(remote, &specs, &popts);
	thin_release();
	push_outcome(c, rc, p, rep);
	free(spec);
}

/* Read the parent's command after NET_MSG_MOVED; 0 when it came whole. The child's own
 * deadline waits meanwhile, as for a question: the parent's import is not the network's. */
static int
read_command(int fd, struct net_command *cmd)
{
	unsigned left = alarm(0);
	ssize_t got = util_read_all(fd, cmd, sizeof *cmd);

	alarm(left > 0 ? left : 1);
	return got == (ssize_t)sizeof *cmd ? 0 : -1;
}

/*
 * The fetch connection opened beside the push connection (net_push_first's fetch_beside),
 * in a thread of the network child: its own repository handle, its own payload, and no
 * question to the person (the caller opens it only for remotes that never ask one).
 */
struct beside {
	struct sync_ctx *c;
	struct net_payload p;
	struct net_reply rep;
	git_repository *repo;
	git_remote *remote;
	const git_oid *tip;
	int opened;
};

static void *
beside_open(void *arg)
{
	struct beside *b = arg;

	if (git_repository_open_ext(&b->repo, b->c->repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL) < 0)
		return NULL;
	b->opened = remote_open(b->c, b->repo, GIT_DIRECTION_FETCH, &b->p, &b->rep, &b->remote,
	    &b->tip) == 0;
	return NULL;
}

/* 1 when a connection to the remote can never put a question to the person (git://, and
 * http(s):// whose token comes from the environment): ssh may ask for a passphrase or a
 * new host, and two connections must not ask at once. */
static int
remote_never_asks(const char *url)
{
	return strncmp(url, "git://", 6) == 0 || strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0;
}

/* See net_push_first (internal.h) and the top of this file. */
static void
remote_push_first(struct sync_ctx *c, git_repository *repo, const git_oid *expected,
    int fetch_beside, struct net_payload *p, int cmd_fd, struct net_reply *rep)
{
	git_remote *remote = NULL;
	const git_oid *tip = NULL;
	struct beside b = { .c = c, .p = { .c = c, .fd = p->fd, .answer_fd = -1,
	    .last_percent = -1, .fetching = 1 } };
	struct net_payload fp = { .c = c, .fd = p->fd, .answer_fd = p->answer_fd,
	    .last_percent = -1, .fetching = 1 };
	struct net_msg *m = NULL;
	struct net_command cmd;
	pthread_t thread;
	int beside_started = 0;
	git_oid want, at;
	git_odb *odb = NULL;

	/* Both connections at once: when the branch moved, the fetch's handshake and
	 * advertisement were had during the push's, two round trips saved. */
	if (fetch_beside && remote_never_asks(c->url))
		beside_started = pthread_create(&thread, NULL, beside_open, &b) == 0;
	if (remote_open(c, repo, GIT_DIRECTION_PUSH, p, rep, &remote, &tip) != 0) {
		/* A host that lets this user read only says so here: the caller then fetches
		 * first, as a reader still takes in what the others sent. */
		if (rep->kind != ERR_INVALID)
			rep->denied = push_denied(rep->msg) ||
			    strstr(rep->msg, "not enabled") != NULL;
		goto out;
	}
	if (beside_started) {
		pthread_join(thread, NULL);
		beside_started = 0;
	}
	/* What the parent built while this connection was made (net_build_fn): mostly here
	 * already, as the handshake and the advertisement took longer. */
	memset(&cmd, 0, sizeof cmd);
	if (read_command(cmd_fd, &cmd) != 0) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, "%s", _("the sync stopped before it sent "
		    "anything"));
		goto out;
	}
	if (tip != NULL && git_oid_equal(tip, expected)) {
		remote_close(b.remote);
		b.remote = NULL;
		if (!cmd.push) {
			rep->status = 0;	/* nothing to send after all */
			goto out;
		}
		if (git_repository_odb(&odb, repo) == 0)
			git_odb_refresh(odb);	/* the parent's new objects */
		upload_connected(c, remote, expected, p, rep);
		goto out;
	}
	/* The branch moved: fetch it on the second connection, opened beside this one or
	 * now (with credentials asked anew, as a connection of its own), while this one
	 * waits for what to push. */
	if (b.opened)
		download_connected(c, b.repo, b.remote, b.tip, &b.p, rep);
	else
		remote_fetch(c, repo, &fp, rep);
	remote_close(b.remote);
	b.remote = NULL;
	git_repository_free(b.repo);
	b.repo = NULL;
	if (rep->status != 0)
		goto out;
	rep->moved = 1;
	m = xcalloc(1, sizeof *m);
	m->final = NET_MSG_MOVED;
	m->reply = *rep;
	m->reply.done = 1;
	memset(&cmd, 0, sizeof cmd);
	if (write(p->fd, m, sizeof *m) != (ssize_t)sizeof *m || read_command(cmd_fd, &cmd) != 0) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, "%s", _("the sync stopped while it took in "
		    "what the remote had"));
		goto out;
	}
	cmd.commit[sizeof cmd.commit - 1] = '\0';
	cmd.expected[sizeof cmd.expected - 1] = '\0';
	if (!cmd.push) {
		rep->status = 0;	/* nothing to send after all, or the parent failed */
		goto out;
	}
	if (git_oid_fromstr(&want, cmd.commit) < 0 ||
	    (cmd.expected[0] != '\0' && git_oid_fromstr(&at, cmd.expected) < 0)) {
		rep->status = -1;
		rep->kind = ERR_FAILED;
		snprintf(rep->msg, sizeof rep->msg, "%s", _("the sync stopped while it took in "
		    "what the remote had"));
		goto out;
	}
	/* The parent wrote the new commit meanwhile: see its objects. */
	if (git_repository_odb(&odb, repo) == 0)
		git_odb_refresh(odb);
	upload_connected(c, remote, cmd.expected[0] != '\0' ? &at : NULL, p, rep);
	if (rep->status != 0 && !p->ref_seen && !p->moved && !p->refused && p->msg[0] == '\0') {
		/* The connection waited while the parent took in, and the server closed it
		 * meanwhile (an idle timeout, a dropped link) before saying anything of our
		 * ref: push on a new one, whose advertisement checks the branch again (a push
		 * that did land shows there as a moved branch, and is recognised next round). */
		struct net_payload rp = { .c = c, .fd = p->fd, .answer_fd = p->answer_fd,
		    .last_percent = -1 };

		git_remote_disconnect(remote);
		rep->status = -1;
		rep->kind = ERR_FAILED;
		rep->msg[0] = '\0';
		remote_push(c, repo, cmd.expected[0] != '\0' ? &at : NULL, &rp, rep);
	}
out:
	if (beside_started)
		pthread_join(thread, NULL);
	remote_close(b.remote);
	git_repository_free(b.repo);
	remote_close(remote);
	git_odb_free(odb);
	free(m);
}

/* ---- the child and its deadline ---- */

struct child_job {
	int push;
	int push_first;		/* net_push_first */
	int fetch_beside;	/* ... with the fetch connection opened beside the push's */
	const git_oid *commit, *expected;
	net_build_fn build;	/* push first: called in the parent once the child runs */
	net_moved_fn moved;
	void *payload;
};

/* fd: the child's messages to the parent; answer_fd: the answers to its questions;
 * cmd_fd: net_push_first's commands (-1 otherwise). */
static void
child_main(struct sync_ctx *c, const struct child_job *job, int fd, int answer_fd,
    int cmd_fd)
{
	struct net_msg m = { .final = NET_MSG_REPLY };
	/* The parent's pipe carries answers to questions only when someone can answer. */
	struct net_payload p = { .c = c, .fd = fd, .answer_fd = c->opt->ask != NULL ?
	    answer_fd : -1, .last_percent = -1 };
	git_repository *repo = NULL;

	signal(SIGPIPE, SIG_IGN);
	signal(SIGALRM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	alarm((unsigned)c->timeout + 5);
	thin_register();
	m.reply.status = -1;
	m.reply.kind = ERR_FAILED;
	if (c->cfg && c->cfg->ca_file && *c->cfg->ca_file)
		git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, c->cfg->ca_file, NULL);
	if (git_repository_open_ext(&repo, c->repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL) < 0)
		reply_error(&p, &m.reply, _("cannot open the local copy of %s: %s"));
	else if (c->local_path != NULL && !job->push)
		local_fetch(c, repo, &m.reply);
	else if (c->local_path != NULL)
		local_push(c, repo, job->commit, job->expected, &m.reply);
	else {
		if (strncmp(c->url, "git://", 6) == 0)
			stream_use_buffered_tcp();
		if (job->push_first)
			remote_push_first(c, repo, job->expected, job->fetch_beside, &p,
			    cmd_fd, &m.reply);
		else if (!job->push)
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

/* Write to a child that may be gone already (a refused connection ends it while the
 * parent builds): EPIPE, not a SIGPIPE that would end the parent. The signal is blocked in
 * this thread and a pending one taken, so that a sync in a thread of the screens leaves
 * the others' disposition alone. */
static void
write_to_child(int fd, const void *buf, size_t len)
{
	sigset_t pipe_set, old;
	struct timespec none = { 0, 0 };

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	if (util_write_all(fd, buf, len) < 0 && errno == EPIPE)
		while (sigtimedwait(&pipe_set, NULL, &none) < 0 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The child's question, put to the person by opt->ask; the answer goes down fd. */
static void
answer_question(struct sync_ctx *c, const struct net_msg *m, int fd)
{
	struct net_answer a;
	struct sync_question q = { .kind = m->ask_kind, .text = m->ask_text };

	memset(&a, 0, sizeof a);
	if (q.kind == SYNC_ASK_PASSPHRASE && c->passphrase != NULL) {
		/* asked once per sync: the push after the fetch uses the same key */
		a.rc = 1;
		snprintf(a.text, sizeof a.text, "%s", c->passphrase);
	} else
		a.rc = c->opt->ask != NULL ? c->opt->ask(&q, a.text, sizeof a.text,
		    c->opt->payload) : -1;
	if (q.kind == SYNC_ASK_PASSPHRASE && a.rc == 1 && c->passphrase == NULL)
		c->passphrase = xstrdup(a.text);
	write_to_child(fd, &a, sizeof a);
	explicit_bzero(&a, sizeof a);
}

/* The child fetched the branch that moved: the parent takes it in and says what to push. */
static void
send_command(struct sync_ctx *c, const struct child_job *job, const struct net_reply *fetched,
    int fd)
{
	struct net_command cmd;

	memset(&cmd, 0, sizeof cmd);
	if (job->moved == NULL || fd < 0 || job->moved(c, fetched, &cmd, job->payload) != 0)
		cmd.push = 0;
	write_to_child(fd, &cmd, sizeof cmd);
}

/* The child of a push first is connecting: build what it is to push. -1 when build()
 * failed (its error kept by the callback); the child is then stopped. */
static int
send_build(struct sync_ctx *c, const struct child_job *job, int fd)
{
	struct net_command cmd;

	memset(&cmd, 0, sizeof cmd);
	if (job->build(c, &cmd, job->payload) != 0)
		return -1;
	write_to_child(fd, &cmd, sizeof cmd);
	return 0;
}

static void
close_pipe(int fds[2])
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	fds[0] = fds[1] = -1;
}

static int
run_child(struct sync_ctx *c, const struct child_job *job, struct net_reply *rep,
    struct error *err)
{
	const char *stage = job->push ? SYNC_STAGE_PUSH : SYNC_STAGE_FETCH;
	struct net_msg *m = xmalloc(sizeof *m);
	size_t got = 0;
	int64_t deadline, asked_at;
	int fds[2] = { -1, -1 }, ans[2] = { -1, -1 }, cmd[2] = { -1, -1 };
	int status = 0, n, timed_out = 0, build_failed = 0, rc = -1;
	pid_t pid;

	memset(rep, 0, sizeof *rep);
	if (pipe2(fds, O_CLOEXEC) != 0 ||
	    (c->opt->ask != NULL && pipe2(ans, O_CLOEXEC) != 0) ||
	    (job->push_first && pipe2(cmd, O_CLOEXEC) != 0)) {
		error_set(err, ERR_FAILED, "", _("cannot start the sync: %s"), strerror(errno));
		close_pipe(fds);
		close_pipe(ans);
		close_pipe(cmd);
		goto out;
	}
	/* The child must not share open repository handles (file offsets, caches). */
	repo_close(c);
	pid = fork();
	if (pid < 0) {
		error_set(err, ERR_FAILED, "", _("cannot start the sync: %s"), strerror(errno));
		close_pipe(fds);
		close_pipe(ans);
		close_pipe(cmd);
		goto out;
	}
	if (pid == 0) {
		close(fds[0]);
		if (ans[1] >= 0)
			close(ans[1]);
		if (cmd[1] >= 0)
			close(cmd[1]);
		child_main(c, job, fds[1], ans[0], cmd[0]);
	}
	close(fds[1]);
	if (ans[0] >= 0)
		close(ans[0]);
	if (cmd[0] >= 0)
		close(cmd[0]);
	/* A push first builds its commit while the child connects; a failed build stops
	 * the child, which sent nothing yet. */
	if (job->build != NULL && send_build(c, job, cmd[1]) != 0) {
		build_failed = 1;
		kill(pid, SIGKILL);
	}
	deadline = now_ms() + (int64_t)c->timeout * 1000;
	while (!build_failed) {
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
		n = (int)read(fds[0], (char *)m + got, sizeof *m - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* end of file: the child is gone */
		got += (size_t)n;
		if (got < sizeof *m)
			continue;
		got = 0;
		if (m->final == NET_MSG_PROGRESS) {
			if (c->opt->progress)
				c->opt->progress(m->fetching ? SYNC_STAGE_FETCH : stage, m->percent,
				    c->opt->payload);
			continue;
		}
		if (m->final == NET_MSG_MOVED) {
			/* Taking in what moved is local work: the deadline waits. */
			asked_at = now_ms();
			send_command(c, job, &m->reply, cmd[1]);
			deadline += now_ms() - asked_at;
			continue;
		}
		if (m->final == NET_MSG_QUESTION) {
			/* The person's time is not the remote's: the deadline waits. */
			asked_at = now_ms();
			m->ask_text[sizeof m->ask_text - 1] = '\0';
			if (ans[1] >= 0)
				answer_question(c, m, ans[1]);
			deadline += now_ms() - asked_at;
			continue;
		}
		*rep = m->reply;
		break;
	}
	close(fds[0]);
	if (ans[1] >= 0)
		close(ans[1]);
	if (cmd[1] >= 0)
		close(cmd[1]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (build_failed) {
		repo_remove_stale(c->repo_path);
		goto out;	/* err is build()'s */
	}
	if (timed_out) {
		repo_remove_stale(c->repo_path);
		error_set(err, ERR_FAILED, "", _("the remote %s did not answer within %d "
		    "seconds ([sync] timeout); nothing is lost, try again later"), c->url_shown,
		    c->timeout);
		goto out;
	}
	if (!rep->done) {
		repo_remove_stale(c->repo_path);
		/* Four whole sentences, so that a translation can name the stage its own way. */
		if (WIFSIGNALED(status))
			error_set(err, ERR_FAILED, "", job->push ? _("the push with %s "
			    "stopped (signal %d); nothing is lost, try again") : _("the fetch with "
			    "%s stopped (signal %d); nothing is lost, try again"), c->url_shown,
			    WTERMSIG(status));
		else
			error_set(err, ERR_FAILED, "", job->push ? _("the push with %s stopped "
			    "(status %d); nothing is lost, try again") : _("the fetch with %s stopped "
			    "(status %d); nothing is lost, try again"), c->url_shown,
			    WEXITSTATUS(status));
		goto out;
	}
	if (rep->status != 0) {
		error_set(err, rep->kind ? (enum error_kind)rep->kind : ERR_FAILED, "", "%s",
		    rep->msg);
		goto out;
	}
	rc = 0;
out:
	free(m);
	return rc;
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
		return error_set(err, ERR_FAILED, "", _("the fetch from %s gave no commit"),
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

int
net_push_first(struct sync_ctx *c, const git_oid *expected, int fetch_beside,
    net_build_fn build, net_moved_fn moved, void *payload, int *rejected, struct error *err)
{
	struct child_job job = { .push = 1, .push_first = 1, .fetch_beside = fetch_beside,
	    .expected = expected, .build = build, .moved = moved, .payload = payload };
	struct net_reply rep;

	if (run_child(c, &job, &rep, err) != 0)
		return rep.done && rep.denied ? 1 : -1;
	*rejected = rep.rejected;
	return 0;
}
