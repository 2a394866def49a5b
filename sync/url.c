/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * url.c: the parts of sync/sync.h that need no git, so that the program can show a remote
 * and find the git module without loading it (core/module.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "sync/sync.h"

/*
 * Where the user information of a URL lies: *start and the length up to and including its
 * '@' (0: none). ends: the characters that end the host part. Every form counts: user,
 * user:password, a password holding '@' (the last '@' of the host part ends it, as the
 * URL parsers of libgit2 and curl take it), a password holding a raw '/' (a ':' not
 * followed by a port, then an '@' further on), and the scp-like user@host:path. A
 * percent-encoded '@' is not an '@' and stays inside.
 */
static size_t
userinfo_span(const char *url, const char *ends, size_t *start)
{
	const char *scheme = strstr(url, "://"), *a, *end, *at = NULL, *p, *colon;

	if (scheme == NULL) {
		end = url + strcspn(url, "/");
		/* git's rule: a ':' before any '/' makes it scp-like, else a local path. The
		 * last such ':' ends the host (a password may hold ':' too). */
		for (colon = NULL, p = url; p < end; p++)
			if (*p == ':')
				colon = p;
		if (colon == NULL)
			return 0;
		for (p = url; p < colon; p++)
			if (*p == '@')
				at = p;
		*start = 0;
		return at != NULL ? (size_t)(at + 1 - url) : 0;
	}
	a = scheme + 3;
	end = a + strcspn(a, ends);
	for (p = a; p < end; p++)
		if (*p == '@')
			at = p;
	if (at == NULL && *a != '[' && (colon = memchr(a, ':', (size_t)(end - a))) != NULL &&
	    strspn(colon + 1, "0123456789") != (size_t)(end - colon - 1))
		at = memchr(end, '@', strcspn(end, " \t\n'\""));
	*start = (size_t)(a - url);
	return at != NULL ? (size_t)(at + 1 - a) : 0;
}

char *
sync_url_redact(const char *url)
{
	size_t start = 0, n = userinfo_span(url, "/?#", &start);

	if (n == 0)
		return xstrdup(url);
	return xasprintf("%.*s%s", (int)start, url, url + start + n);
}

/* Every occurrence of what in s (of length n) becomes asterisks. */
static void
mask(char *s, const char *what, size_t n)
{
	char *p = s;

	if (n < 2)
		return;
	while ((p = memmem(p, strlen(p), what, n)) != NULL) {
		memset(p, '*', n);
		p += n;
	}
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
sync_text_redact(const char *text, const char *url)
{
	char *out = xstrdup(text), *p = out, *info = NULL, *plain = NULL;
	size_t start = 0, n, i, k;

	/* Any URL quoted in the text loses its user information... */
	while ((p = strstr(p, "://")) != NULL) {
		n = userinfo_span(p, "/?#'\" \t\n", &start);
		if (n > 0)
			memmove(p + start, p + start + n, strlen(p + start + n) + 1);
		p += 3;
	}
	if (url == NULL || (n = userinfo_span(url, "/?#", &start)) == 0)
		return out;
	/* ...and the user information of ours, raw or decoded, shows nowhere else either. */
	info = xasprintf("%.*s", (int)(n - 1), url + start);
	plain = xstrdup(info);
	for (i = k = 0; info[i] != '\0'; i++, k++) {
		if (info[i] == '%' && hex_value(info[i + 1]) >= 0 && hex_value(info[i + 2]) >= 0) {
			plain[k] = (char)(hex_value(info[i + 1]) * 16 + hex_value(info[i + 2]));
			i += 2;
		} else
			plain[k] = info[i];
	}
	plain[k] = '\0';
	mask(out, info, strlen(info));
	mask(out, plain, strlen(plain));
	if ((p = strchr(info, ':')) != NULL)
		mask(out, p + 1, strlen(p + 1));
	if ((p = strchr(plain, ':')) != NULL)
		mask(out, p + 1, strlen(p + 1));
	free(info);
	free(plain);
	return out;
}

void
sync_check_free(struct sync_check *chk)
{
	free(chk->lacking);
	chk->lacking = NULL;
	chk->nlacking = 0;
}

/* Weak: defined only where the git module's code is linked into the binary (the tests). */
extern const struct sync_module volunteer_sync_module __attribute__((weak));

const struct sync_module *
sync_module(struct error *err)
{
	return module_entry("volunteer-git", "volunteer_sync_module", SYNC_MODULE_ABI,
	    &volunteer_sync_module ? &volunteer_sync_module.h : NULL, err);
}
