/*
 * url.c: the parts of sync/sync.h that need no git, so that the program can show a remote
 * and find the git module without loading it (core/module.h).
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

/* Weak: defined only where the git module's code is linked into the binary (the tests). */
extern const struct sync_module volunteer_sync_module __attribute__((weak));

const struct sync_module *
sync_module(struct error *err)
{
	return module_entry("volunteer-git", "volunteer_sync_module", SYNC_MODULE_ABI,
	    &volunteer_sync_module ? &volunteer_sync_module.h : NULL, err);
}
