/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stream.c: the TCP stream of git:// remotes.
 *
 * libgit2 1.5 sends a pack to a git:// server object by object, a send() each, on a socket
 * with Nagle's algorithm on: the last small segment then waits for the server's delayed
 * acknowledgement, some 40 ms per push, which is most of a one-record sync. This stream
 * gathers what is written until libgit2 next reads (it waits for the answer then), and
 * sends it with TCP_NODELAY. Registered only in the network child of a git:// sync: the
 * ssh transport reaches into libgit2's own socket stream and must keep it.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <git2/sys/stream.h>

#include "core/i18n.h"
#include "core/util.h"
#include "sync/internal.h"

#define STREAM_BUFFER (64 * 1024)

struct tcp_stream {
	git_stream parent;
	char *host, *port;
	int fd;
	size_t len;
	char buf[STREAM_BUFFER];
};

static int
tcp_connect(git_stream *s)
{
	struct tcp_stream *t = (struct tcp_stream *)s;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_family = AF_UNSPEC };
	struct addrinfo *res = NULL, *a;
	char msg[256];
	int rc, one = 1, saved = 0;

	if ((rc = getaddrinfo(t->host, t->port, &hints, &res)) != 0) {
		snprintf(msg, sizeof msg, _("failed to resolve address for %s: %s"), t->host,
		    gai_strerror(rc));
		git_error_set_str(GIT_ERROR_NET, msg);
		return -1;
	}
	for (a = res; a != NULL; a = a->ai_next) {
		t->fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (t->fd < 0)
			continue;
		if (connect(t->fd, a->ai_addr, a->ai_addrlen) == 0)
			break;
		saved = errno;
		close(t->fd);
		t->fd = -1;
	}
	freeaddrinfo(res);
	if (t->fd < 0) {
		snprintf(msg, sizeof msg, _("failed to connect to %s: %s"), t->host,
		    strerror(saved ? saved : ECONNREFUSED));
		git_error_set_str(GIT_ERROR_NET, msg);
		return -1;
	}
	setsockopt(t->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return 0;
}

static int
flush_out(struct tcp_stream *t)
{
	size_t off = 0;
	ssize_t n;

	while (off < t->len) {
		n = send(t->fd, t->buf + off, t->len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			git_error_set_str(GIT_ERROR_NET, strerror(errno));
			return -1;
		}
		off += (size_t)n;
	}
	t->len = 0;
	return 0;
}

static ssize_t
tcp_write(git_stream *s, const char *data, size_t len, int flags)
{
	struct tcp_stream *t = (struct tcp_stream *)s;
	size_t n = len;

	while (n > 0) {
		size_t take = n < STREAM_BUFFER - t->len ? n : STREAM_BUFFER - t->len;
		memcpy(t->buf + t->len, data, take);
		t->len += take;
		data += take;
		n -= take;
		if (t->len == STREAM_BUFFER && flush_out(t) != 0)
			return -1;
	}
	return (ssize_t)len;
}

static ssize_t
tcp_read(git_stream *s, void *data, size_t len)
{
	struct tcp_stream *t = (struct tcp_stream *)s;
	ssize_t n;

	if (t->len > 0 && flush_out(t) != 0)
		return -1;
	while ((n = recv(t->fd, data, len, 0)) < 0 && errno == EINTR)
		;
	if (n < 0)
		git_error_set_str(GIT_ERROR_NET, strerror(errno));
	return n;
}

static int
tcp_close(git_stream *s)
{
	struct tcp_stream *t = (struct tcp_stream *)s;
	int rc = 0;

	if (t->fd >= 0) {
		if (t->len > 0)
			rc = flush_out(t);
		close(t->fd);
		t->fd = -1;
	}
	return rc;
}

static void
tcp_free(git_stream *s)
{
	struct tcp_stream *t = (struct tcp_stream *)s;

	if (t->fd >= 0)
		close(t->fd);
	free(t->host);
	free(t->port);
	free(t);
}

static int
tcp_init(git_stream **out, const char *host, const char *port)
{
	struct tcp_stream *t = xcalloc(1, sizeof *t);

	t->parent.version = GIT_STREAM_VERSION;
	t->parent.connect = tcp_connect;
	t->parent.read = tcp_read;
	t->parent.write = tcp_write;
	t->parent.close = tcp_close;
	t->parent.free = tcp_free;
	t->host = xstrdup(host);
	t->port = xstrdup(port ? port : "9418");
	t->fd = -1;
	*out = &t->parent;
	return 0;
}

int
stream_use_buffered_tcp(void)
{
	git_stream_registration reg = { .version = GIT_STREAM_VERSION, .init = tcp_init };

	return git_stream_register(GIT_STREAM_STANDARD, &reg);
}
