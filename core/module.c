/* SPDX-License-Identifier: GPL-3.0-or-later */
/* module.c: see module.h. */
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/module.h"
#include "core/util.h"

#ifndef VOLUNTEER_VERSION
#define VOLUNTEER_VERSION "0"
#endif

#ifndef MODULEDIR
#define MODULEDIR "/usr/local/lib/volunteer"
#endif

static void *
open_in(const char *dir, const char *module)
{
	char *path;
	void *h;

	if (dir == NULL || *dir == '\0')
		return NULL;
	path = xasprintf("%s/%s.so", dir, module);
	h = access(path, R_OK) == 0 ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
	free(path);
	return h;
}

static void *
open_module(const char *module, struct error *err)
{
	/* An installed program (PREFIX/bin) finds PREFIX/lib/volunteer, whatever PREFIX was
	 * at build time; a program run from its build tree finds the modules built with it,
	 * never those of an older installed copy. */
	const char *beside[] = { "../lib/volunteer", MODULE_BUILD_SUBDIR "/modules" };
	char *dir;
	size_t i;
	void *h;

	if ((h = open_in(getenv("VOLUNTEER_MODULEDIR"), module)) != NULL)
		return h;
	for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		dir = util_beside_program(beside[i]);
		h = open_in(dir, module);
		free(dir);
		if (h != NULL)
			return h;
	}
	if ((h = open_in(MODULEDIR, module)) != NULL)
		return h;
	error_set(err, ERR_FAILED, "", _("the %s module cannot be loaded (%s); is volunteer "
	    "installed whole?"), module, dlerror() ? dlerror() : _("not found"));
	return NULL;
}

static void *
module_symbol(const char *module, const char *symbol, struct error *err)
{
	static struct { const char *name; void *handle; } loaded[4];
	void *sym, *h = NULL;
	size_t i;

	for (i = 0; i < sizeof loaded / sizeof loaded[0] && loaded[i].name; i++)
		if (strcmp(loaded[i].name, module) == 0)
			h = loaded[i].handle;
	if (h == NULL) {
		if ((h = open_module(module, err)) == NULL)
			return NULL;
		if (i < sizeof loaded / sizeof loaded[0]) {
			loaded[i].name = module;
			loaded[i].handle = h;
		}
	}
	if ((sym = dlsym(h, symbol)) == NULL)
		error_set(err, ERR_FAILED, "", _("the %s module has no %s"), module, symbol);
	return sym;
}

const void *
module_entry(const char *module, const char *symbol, int abi,
    const struct module_header *linked, struct error *err)
{
	const struct module_header *h = linked;

	if (h == NULL && (h = module_symbol(module, symbol, err)) == NULL)
		return NULL;
	if (h->abi != abi || h->version == NULL || strcmp(h->version, VOLUNTEER_VERSION) != 0)
		return error_set(err, ERR_FAILED, "", _("the %s module is of another version (%.20s, "
		    "entry points %d) than the program (%s, %d); is volunteer installed whole?"),
		    module, h->version ? h->version : "?", h->abi, VOLUNTEER_VERSION, abi),
		    NULL;
	return h;
}
