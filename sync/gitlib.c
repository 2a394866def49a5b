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
 *
 * Debian's libgit2 1.5 starts mbedTLS by parsing the whole system CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, some 140 certificates through a constant-time base64
 * decoder): 54 of the 74 million instructions of a sync of one record to a folder remote,
 * paid by every sync though only https:// uses it. And the verdict mbedTLS reaches with it
 * is not the one the program keeps: every certificate it does not accept is verified again
 * with OpenSSL against [sync] ca_file or the system's CAs (sync/hostkey.h, tls_verify_cert).
 * So the bundle is not parsed while libgit2 starts: mbedTLS starts with an empty trust
 * chain, accepts no server by itself, and the decision for every https:// remote is
 * OpenSSL's, against the same Debian trust store (tests/t0343). A CA file set later
 * ([sync] ca_file, GIT_OPT_SET_SSL_CERT_LOCATIONS) is parsed as before.
 */
#include <dlfcn.h>
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

/* Set while git_libgit2_init runs: the system bundle it loads is skipped (above). */
static int starting_libgit2;

struct mbedtls_x509_crt;
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);

/*
 * Takes the place of mbedTLS's function of that name for libgit2, which calls it from
 * libmbedx509 (an unversioned symbol, bound to the first definition in its lookup scope:
 * this module's, or the test programs'). 0 with the chain left empty while libgit2 starts;
 * else mbedTLS's own. mbedTLS's error for an unreadable file when its own cannot be found.
 */
int
mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
	static int (*parse_file)(struct mbedtls_x509_crt *, const char *);

	if (starting_libgit2)
		return 0;
	if (parse_file == NULL)
		*(void **)&parse_file = dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	if (parse_file == NULL)
		return -0x2900;	/* MBEDTLS_ERR_X509_FILE_IO_ERROR */
	return parse_file(chain, path);
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
	starting_libgit2 = 1;
	if (git_libgit2_init() < 0)
		util_out_of_memory();
	starting_libgit2 = 0;
	started = 1;
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
}
