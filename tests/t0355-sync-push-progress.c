/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The progress of a large push, as the terminal UI's bar shows it: sync_run's progress
 * callback gets the push stage's percentages as the pack goes out (sync/thin.c writes it
 * in pieces of 64 kB), more than once between 0 and 100, never going back, and 100 at the
 * end. The remote is a real git daemon on 127.0.0.1; the push is the program's own
 * (thin_push), not libgit2's. t0357 runs this same test over https:// (lighttpd in front
 * of git http-backend) by naming the remote in T0355_REMOTE (with T0355_CA, the CA file,
 * and T0355_TOKEN, ana's token for basic auth).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/store.h"
#include "core/util.h"
#include "forms/form.h"
#include "sync/sync.h"
#include "tests/tap.h"
#include "tests/testlib.h"

#define RECORDS 1500
/* A step the rest stands on failed: say so and stop, a failure for prove. */
#define GIVE_UP(what) do { printf("Bail out! %s\n", what); return 1; } while (0)

struct seen {
	int push[512];		/* the push stage's percentages, in the order they came */
	int npush;
	int other_after_push;	/* a stage before the push reported after it */
};

static void
on_progress(const char *stage, int percent, void *payload)
{
	struct seen *s = payload;

	if (strcmp(stage, "push") == 0) {
		if (s->npush < (int)(sizeof s->push / sizeof s->push[0]))
			s->push[s->npush++] = percent;
	} else if (s->npush > 0 && strcmp(stage, "done") != 0)
		s->other_after_push = 1;
}

static int
port_answers(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), rc;

	if (fd < 0)
		return 0;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rc = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return rc;
}

/* git daemon serving base (pushes allowed) on a free port: its pid, *port; -1 if none. */
static pid_t
start_daemon(const char *base, int *port)
{
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	int try, n;

	srand((unsigned)getpid());
	for (try = 0; try < 10; try++) {
		char *listen_opt, *port_opt, *base_opt;
		pid_t pid;

		*port = 20000 + rand() % 30000;
		if (port_answers(*port))
			continue;
		listen_opt = xstrdup("--listen=127.0.0.1");
		port_opt = xasprintf("--port=%d", *port);
		base_opt = xasprintf("--base-path=%s", base);
		pid = fork();
		if (pid == 0) {
			/* its children's words on our probes of the port are not the test's */
			if (freopen("/dev/null", "w", stderr) == NULL)
				_exit(127);
			execlp("git", "git", "daemon", "--export-all", "--enable=receive-pack",
			    "--reuseaddr", listen_opt, port_opt, base_opt, base, (char *)NULL);
			_exit(127);
		}
		free(listen_opt);
		free(port_opt);
		free(base_opt);
		for (n = 0; n < 100 && pid > 0; n++) {
			if (port_answers(*port))
				return pid;
			if (waitpid(pid, NULL, WNOHANG) == pid)
				break;
			nanosleep(&pause, NULL);
		}
		if (pid > 0) {
			kill(pid, SIGTERM);
			waitpid(pid, NULL, 0);
		}
	}
	return -1;
}

int
main(void)
{
	char tmpl[] = "/tmp/t0355-XXXXXX", *dir, *remote, *data, *cmd, findings[401];
	struct config *cfg = config_new();
	struct store *st = NULL;
	struct error err = { 0 };
	struct sync_result res = { 0 };
	struct seen seen = { { 0 }, 0, 0 };
	struct sync_options opt = { .progress = on_progress, .payload = &seen };
	const char *url = getenv("T0355_REMOTE");
	int i, k, port = 0, between = 0, backwards = 0, saved = 0;
	pid_t daemon = -1;

	plan(7);
	forms_init(NULL, &err);
	dir = mkdtemp(tmpl);
	remote = xasprintf("%s/shared.git", dir);
	data = xasprintf("%s/data", dir);
	cmd = xasprintf("git init -q --bare %s", remote);
	if (system(cmd) != 0)
		GIVE_UP("git init of a bare remote");
	free(cmd);
	free(cfg->id);
	cfg->id = xstrdup("ana");
	free(cfg->remote);
	if (url != NULL) {
		cfg->remote = xstrdup(url);
		free(cfg->username);
		cfg->username = xstrdup("ana");
		if (getenv("T0355_CA") != NULL) {
			free(cfg->ca_file);
			cfg->ca_file = xstrdup(getenv("T0355_CA"));
		}
		if (getenv("T0355_TOKEN") != NULL) {
			free(cfg->token_env);
			cfg->token_env = xstrdup("T0355_TOKEN");
			cfg->token = xstrdup(getenv("T0355_TOKEN"));
		}
		cfg->timeout = 30;
	} else {
		daemon = start_daemon(dir, &port);
		if (daemon < 0)
			GIVE_UP("git daemon starts on 127.0.0.1");
		cfg->remote = xasprintf("git://127.0.0.1:%d/shared.git", port);
	}
	opt.cfg = cfg;

	ok(store_open(&st, data, &err) == 0, "a store");
	/* Records whose findings do not compress away: a pack of several 64 kB pieces. */
	srand(355);
	for (i = 0; i < RECORDS; i++) {
		struct record *r = record_new("visit");

		for (k = 0; k < 400; k++)
			findings[k] = "abcdefghijklmnopqrstuvwxyz0123456789 "[rand() % 37];
		findings[400] = '\0';
		json_object_set_new(r->fields, "business", json_string("Panadería Las Eras"));
		json_object_set_new(r->fields, "municipality", json_string("Almazán"));
		json_object_set_new(r->fields, "findings", json_string(findings));
		saved += store_record_save(st, r, "ana", &err) == 0;
		record_free(r);
	}
	is_int(saved, RECORDS, "the records to send are saved");

	ok(sync_run(st, &opt, &res, &err) == 0, "the sync of them all over %s succeeds",
	    url != NULL ? "https://" : "git://");
	if (err.msg[0])
		diag("%s", err.msg);
	ok(res.sent >= RECORDS, "every record is sent (%ld)", res.sent);
	for (i = 0; i < seen.npush; i++) {
		between += seen.push[i] > 0 && seen.push[i] < 100;
		backwards += i > 0 && seen.push[i] < seen.push[i - 1];
	}
	ok(between >= 3, "the push's progress moves while the pack goes out (%d values "
	    "between 0 and 100, of %d)", between, seen.npush);
	ok(backwards == 0 && !seen.other_after_push, "it never goes back, nor does an "
	    "earlier stage come after it");
	ok(seen.npush > 0 && seen.push[seen.npush - 1] == 100, "and it ends at 100");

	store_close(st);
	config_free(cfg);
	forms_shutdown();
	if (daemon > 0) {
		kill(daemon, SIGTERM);
		waitpid(daemon, NULL, 0);
	}
	test_remove_dir(dir);
	free(remote);
	free(data);
	return done_testing();
}
