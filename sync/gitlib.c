/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gitlib.c: libgit2 started once per process (sync/internal.h, sync_git_init), its memory
 * taken from the program's allocator.
 *
 * libgit2 1.5 does not survive every failed allocation: under tests/stress/t0710's sweep a
 * malloc that failed inside git_libgit2_init crashed (SIGSEGV) three frames further in. With
 * the program's allocator a full memory never reaches libgit2 as a NULL: it is the program's
 * out-of-memory exit (core/util.h), the same as any allocation of its own. Ending there is a
 * kill as far as the store and the repository go, and both survive a kill (tests/t0316).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <git2/sys/alloc.h>

#include "core/util.h"
#include "sync/internal.h"

static void *
git_mem_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return xmalloc(n);
}

static void *
git_mem_calloc(size_t nelem, size_t elsize, const char *file, int line)
{
	(void)file;
	(void)line;
	return xcalloc(nelem, elsize);
}

static char *
git_mem_substrdup(const char *str, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return xstrndup(str, n);
}

static char *
git_mem_strndup(const char *str, size_t n, const char *file, int line)
{
	return git_mem_substrdup(str, strnlen(str, n), file, line);
}

static char *
git_mem_strdup(const char *str, const char *file, int line)
{
	return git_mem_substrdup(str, strlen(str), file, line);
}

static void *
git_mem_realloc(void *ptr, size_t size, const char *file, int line)
{
	(void)file;
	(void)line;
	return xrealloc(ptr, size);
}

/* An array whose size overflows is no full memory: NULL, which libgit2 reports. */
static void *
git_mem_reallocarray(void *ptr, size_t nelem, size_t elsize, const char *file, int line)
{
	size_t n;

	if (__builtin_mul_overflow(nelem, elsize, &n))
		return NULL;
	return git_mem_realloc(ptr, n, file, line);
}

static void *
git_mem_mallocarray(size_t nelem, size_t elsize, const char *file, int line)
{
	return git_mem_reallocarray(NULL, nelem, elsize, file, line);
}

static void
git_mem_free(void *ptr)
{
	free(ptr);
}

void
sync_git_init(void)
{
	static git_allocator program_allocator = {
		git_mem_malloc, git_mem_calloc, git_mem_strdup, git_mem_strndup,
		git_mem_substrdup, git_mem_realloc, git_mem_reallocarray, git_mem_mallocarray,
		git_mem_free,
	};
	static int started;

	/* Before the first init, which keeps an allocator set before it (libgit2's
	 * git_allocator_global_init); never switched while libgit2 holds memory. */
	if (!started && git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &program_allocator) < 0)
		util_out_of_memory();
	if (git_libgit2_init() < 0)
		util_out_of_memory();
	started = 1;
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
}
