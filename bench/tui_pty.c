/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui_pty.c: run the terminal UI on a pseudo-terminal of a given size and measure what a
 * user would feel, for bench/b-tui.sh:
 *   - the time from fork to the first screen (the key hints row written),
 *   - the resident memory after paging through the list (VmRSS, VmHWM),
 * while the program's own trace ($VOLUNTEER_UI_TRACE) gives the time of every page read.
 *
 *   tui_pty COLS ROWS MARKER PAGES -- PROGRAM ARG...
 *
 * After the first screen it sends PAGES PgDn, then End, 5 PgUp, Home and the tabs 1 2 3 4,
 * waiting after each key until the program has drawn (output quiet for 30 ms).
 * Prints "first_screen_ms N", "rss_kb N", "hwm_kb N".
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Read what the program writes until quiet_ms pass with nothing, or marker is seen
 * (marker may be NULL). Returns 1 when the marker was seen, -1 at end of output. */
static char window[65536];
static size_t wlen;

static int
drain(int fd, const char *marker, int quiet_ms, int max_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	double end = now_ms() + max_ms;
	char buf[4096];
	ssize_t n;

	for (;;) {
		int left = (int)(end - now_ms());
		if (left <= 0)
			return 0;
		if (poll(&p, 1, marker != NULL ? left : (quiet_ms < left ? quiet_ms : left)) <= 0)
			return marker != NULL ? 0 : 0;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return -1;
		if (marker == NULL)
			continue;
		if (wlen + (size_t)n >= sizeof window - 1)
			wlen = 0;
		memcpy(window + wlen, buf, (size_t)n);
		wlen += (size_t)n;
		window[wlen] = '\0';
		if (memmem(window, wlen, marker, strlen(marker)) != NULL) {
			wlen = 0;
			return 1;
		}
	}
}

static void
send_key(int fd, const char *seq)
{
	if (write(fd, seq, strlen(seq)) < 0)
		perror("write");
}

static long
status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, field, strlen(field)) == 0)
			kb = strtol(line + strlen(field) + 1, NULL, 10);
	fclose(f);
	return kb;
}

int
main(int argc, char **argv)
{
	struct winsize ws = { 0 };
	const char *marker;
	double t0, t1;
	int fd, pages, i, status;
	pid_t pid;

	if (argc < 7 || strcmp(argv[5], "--") != 0) {
		fprintf(stderr, "usage: tui_pty COLS ROWS MARKER PAGES -- PROGRAM ARG...\n");
		return 2;
	}
	ws.ws_col = (unsigned short)atoi(argv[1]);
	ws.ws_row = (unsigned short)atoi(argv[2]);
	marker = argv[3];
	pages = atoi(argv[4]);
	setenv("TERM", "xterm-256color", 1);
	t0 = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[6], argv + 6);
		perror("execvp");
		_exit(127);
	}
	if (drain(fd, marker, 0, 10000) != 1) {
		fprintf(stderr, "tui_pty: the first screen never came; the program wrote:\n%.*s\n",
		    (int)wlen, window);
		kill(pid, SIGKILL);
		return 1;
	}
	t1 = now_ms();
	printf("first_screen_ms %.1f\n", t1 - t0);
	/* Let the first idle work (the count) finish before paging. */
	drain(fd, NULL, 300, 5000);
	for (i = 0; i < pages; i++) {
		send_key(fd, "\033[6~");	/* PgDn */
		drain(fd, NULL, 30, 2000);
	}
	send_key(fd, "\033OF");			/* End (application mode) */
	drain(fd, NULL, 30, 5000);
	for (i = 0; i < 5; i++) {
		send_key(fd, "\033[5~");	/* PgUp */
		drain(fd, NULL, 30, 5000);
	}
	send_key(fd, "\033OH");			/* Home */
	drain(fd, NULL, 30, 2000);
	for (i = '1'; i <= '4'; i++) {
		char k[2] = { (char)i, 0 };
		send_key(fd, k);
		drain(fd, NULL, 300, 5000);
	}
	printf("rss_kb %ld\nhwm_kb %ld\n", status_kb(pid, "VmRSS:"), status_kb(pid, "VmHWM:"));
	send_key(fd, "q");
	drain(fd, NULL, 200, 3000);
	kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	close(fd);
	return 0;
}
