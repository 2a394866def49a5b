/*
 * url.c: the parts of sync/sync.h that need no git, so that the program can show a remote
 * without loading the git module (core/module.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "sync/sync.h"

char *
sync_url_redact(const char *url)
{
	const char *scheme = strstr(url, "://"), *at, *slash;

	if (scheme == NULL)
		return xstrdup(url);
	slash = strchr(scheme + 3, '/');
	at = strchr(scheme + 3, '@');
	if (at == NULL || (slash != NULL && at > slash))
		return xstrdup(url);
	return xasprintf("%.*s%s", (int)(scheme + 3 - url), url, at + 1);
}

void
sync_check_free(struct sync_check *chk)
{
	free(chk->lacking);
	chk->lacking = NULL;
	chk->nlacking = 0;
}
