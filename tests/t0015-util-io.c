/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * t0015: util_write_all and util_read_all, the one loop the program's pipes and files use:
 * a message bigger than a pipe's buffer arrives whole, a short file reads as what it
 * holds, a signal in the middle of either is not an error, a pipe nobody reads fails.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "tests/tap.h"

#define BIG (1 << 20)		/* sixteen times a pipe's buffer */

static void
on_alarm(int sig)
{
	(void)sig;
}

/* A child writes BIG bytes slowly while timer signals interrupt the parent's reads. */
static void
test_pipe_whole(void)
{
	struct sigaction sa;
	struct itimerval tick = { { 0, 2000 }, { 0, 2000 } }, off = { { 0, 0 }, { 0, 0 } };
	char *out, *in;
	int fds[2], status = -1, same;
	size_t i;
	ssize_t got;
	pid_t pid;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART: read and write see EINTR */
	sigaction(SIGALRM, &sa, NULL);
	if (pipe(fds) != 0) {
		ok(0, "a pipe: %s", strerror(errno));
		return;
	}
	out = xmalloc(BIG);
	in = xcalloc(1, BIG + 1);
	for (i = 0; i < BIG; i++)
		out[i] = (char)(i * 31 + 7);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		setitimer(ITIMER_REAL, &tick, NULL);
		_exit(util_write_all(fds[1], out, BIG) == 0 ? 0 : 1);
	}
	close(fds[1]);
	setitimer(ITIMER_REAL, &tick, NULL);
	got = util_read_all(fds[0], in, BIG + 1);
	setitimer(ITIMER_REAL, &off, NULL);
	close(fds[0]);
	waitpid(pid, &status, 0);
	same = got == BIG && memcmp(in, out, BIG) == 0;
	ok(same, "a megabyte through a pipe arrives whole under timer signals");
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "and the writer says it wrote it all");
	free(out);
	free(in);
}

static void
test_short_and_closed(void)
{
	char buf[16] = "";
	int fds[2], rc;
	ssize_t got;

	if (pipe(fds) != 0) {
		ok(0, "a pipe: %s", strerror(errno));
		return;
	}
	ok(util_write_all(fds[1], "hola", 4) == 0, "a short message is written");
	close(fds[1]);
	got = util_read_all(fds[0], buf, sizeof buf);
	ok(got == 4 && memcmp(buf, "hola", 4) == 0, "reading past the end gives what there was");
	ok(util_read_all(fds[0], buf, sizeof buf) == 0, "and then nothing");
	close(fds[0]);

	if (pipe(fds) != 0) {
		ok(0, "a pipe: %s", strerror(errno));
		return;
	}
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	rc = util_write_all(fds[1], "adiós", 6);
	ok(rc == -1 && errno == EPIPE, "a pipe nobody reads fails with EPIPE");
	close(fds[1]);
	errno = 0;
	ok(util_read_all(-1, buf, sizeof buf) == -1 && errno == EBADF, "a bad descriptor fails");
}

int
main(void)
{
	plan_no_plan();
	test_pipe_whole();
	test_short_and_closed();
	return done_testing();
}
