/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fault.c: an LD_PRELOAD shim that makes one call fail, as a failing disk or a full memory
 * would, so that the tests can prove what the program does then (SQLite's own idea,
 * do_ioerr_test, from the outside of the program).
 *
 * Environment (read once at load; LD_PRELOAD is then removed, so that no child is faulted):
 *   FAULT_DIR=PATH    only files under PATH count (the data directory); for malloc, counting
 *                     starts at the first open of a file under PATH (the store's lock), so
 *                     that N walks the command's own work and not the loading of the program
 *   FAULT_CALL=write  write, pwrite, pwrite64, writev, pwritev to a file under FAULT_DIR
 *             fsync   fsync, fdatasync of a file under FAULT_DIR
 *             malloc  malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign
 *   FAULT_FROM=LIB    malloc only: count only the allocations made from a library whose
 *                     path holds LIB (a frame of the call's stack, e.g. "libjansson" or
 *                     "libgit2.so"), so that a sweep walks every allocation of that library
 *                     without the thousands of SQLite's around them
 *   FAULT_N=N         the Nth counted call fails (once): -1 with errno (EIO, or FAULT_ERRNO
 *                     = ENOSPC), or NULL with ENOMEM. 0 or unset: nothing fails.
 *   FAULT_MARK=FILE   written when the fault fires (the call, its number, the file): a run
 *                     without it went through every counted call, so a sweep can stop there.
 *   FAULT_SNAPSHOTS=DIR  at each fsync of volunteer.db or its -wal or -journal, two copies
 *                     of the database files: DIR/NNNNNN-asis/ (every write so far reached
 *                     the disk) and DIR/NNNNNN-lost/ (only what an fsync had made durable:
 *                     a power cut that loses every unsynced page). The durable images live
 *                     in DIR/durable/ from one process to the next; they start as the files
 *                     were when DIR/durable/ was first made.
 *
 * Why malloc by interposition and not sqlite3_config(SQLITE_CONFIG_MALLOC): that only
 * reaches SQLite, from inside the program; the program's own allocations, jansson's and
 * libgit2's fail too on a full machine. The shim calls glibc's __libc_malloc family, never
 * dlsym, which itself allocates. AddressSanitizer replaces malloc as well: the tests that
 * preload this shim run only against the plain build.
 */
#include <dlfcn.h>
#include <link.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

enum fault_call { CALL_NONE, CALL_WRITE, CALL_FSYNC, CALL_MALLOC };

static enum fault_call fault_call;
static long fault_n;
static int fault_errno = EIO;
static char fault_dir[4096];
static size_t fault_dir_len;
static char fault_mark[4096];
static char fault_snapshots[4096];
static char fault_from[256];
static long counted;
static int malloc_armed;	/* malloc counting has started (a file under FAULT_DIR opened) */
static __thread int inside;	/* the shim's own calls pass through */

static void mark(const char *what, const char *path);
static void init_durable(void);

__attribute__((constructor)) static void
fault_init(void)
{
	const char *s;

	if ((s = getenv("FAULT_CALL")) != NULL) {
		if (strcmp(s, "write") == 0)
			fault_call = CALL_WRITE;
		else if (strcmp(s, "fsync") == 0)
			fault_call = CALL_FSYNC;
		else if (strcmp(s, "malloc") == 0)
			fault_call = CALL_MALLOC;
	}
	if ((s = getenv("FAULT_N")) != NULL)
		fault_n = strtol(s, NULL, 10);
	if ((s = getenv("FAULT_ERRNO")) != NULL && strcmp(s, "ENOSPC") == 0)
		fault_errno = ENOSPC;
	if ((s = getenv("FAULT_DIR")) != NULL)
		snprintf(fault_dir, sizeof fault_dir, "%s", s);
	fault_dir_len = strlen(fault_dir);
	if ((s = getenv("FAULT_MARK")) != NULL)
		snprintf(fault_mark, sizeof fault_mark, "%s", s);
	if ((s = getenv("FAULT_SNAPSHOTS")) != NULL)
		snprintf(fault_snapshots, sizeof fault_snapshots, "%s", s);
	if ((s = getenv("FAULT_FROM")) != NULL)
		snprintf(fault_from, sizeof fault_from, "%s", s);
	unsetenv("LD_PRELOAD");
	init_durable();
}

static int
path_is_ours(const char *path)
{
	return fault_dir_len > 0 && strncmp(path, fault_dir, fault_dir_len) == 0 &&
	    (path[fault_dir_len] == '/' || path[fault_dir_len] == '\0');
}

/* The file behind fd, in buf; "" when it cannot be told. */
static const char *
fd_path(int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* 1 when this call is the one to fail. */
static int
count_call(enum fault_call call, const char *path)
{
	long n;

	if (fault_call != call || fault_n <= 0 || inside)
		return 0;
	n = __atomic_add_fetch(&counted, 1, __ATOMIC_SEQ_CST);
	if (n != fault_n)
		return 0;
	inside = 1;
	mark(call == CALL_WRITE ? "write" : call == CALL_FSYNC ? "fsync" : "malloc", path);
	inside = 0;
	return 1;
}

static void
mark(const char *what, const char *path)
{
	char line[4200];
	int fd, len;

	if (fault_mark[0] == '\0')
		return;
	len = snprintf(line, sizeof line, "%s %ld %s\n", what, fault_n, path ? path : "");
	fd = (int)syscall(SYS_openat, AT_FDCWD, fault_mark, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0)
		return;
	if (syscall(SYS_write, fd, line, (size_t)len) < 0)
		(void)0;
	syscall(SYS_close, fd);
}

/* ---- snapshots at each fsync ---- */

static int
copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in, out;
	ssize_t n;
	int rc = 0;

	in = (int)syscall(SYS_openat, AT_FDCWD, from, O_RDONLY);
	if (in < 0)
		return errno == ENOENT ? 0 : -1;
	out = (int)syscall(SYS_openat, AT_FDCWD, to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		syscall(SYS_close, in);
		return -1;
	}
	while ((n = syscall(SYS_read, in, buf, sizeof buf)) > 0)
		if (syscall(SYS_write, out, buf, (size_t)n) != n) {
			rc = -1;
			break;
		}
	syscall(SYS_close, in);
	syscall(SYS_close, out);
	return rc;
}

static const char *const db_files[] = { "volunteer.db", "volunteer.db-wal", "volunteer.db-journal" };

/* The database file that path names (an index of db_files), or -1. */
static int
db_file_index(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i < sizeof db_files / sizeof db_files[0]; i++)
		if (strcmp(base, db_files[i]) == 0)
			return (int)i;
	return -1;
}

static void
copy_db_files(const char *from_dir, const char *to_dir)
{
	char from[8192], to[8192];
	size_t i;

	syscall(SYS_mkdirat, AT_FDCWD, to_dir, 0755);
	for (i = 0; i < sizeof db_files / sizeof db_files[0]; i++) {
		snprintf(from, sizeof from, "%s/%s", from_dir, db_files[i]);
		snprintf(to, sizeof to, "%s/%s", to_dir, db_files[i]);
		syscall(SYS_unlinkat, AT_FDCWD, to, 0);
		copy_file(from, to);
	}
}

/* The next free number under FAULT_SNAPSHOTS (processes follow one another). */
static long
next_snapshot(void)
{
	char path[8192];
	struct stat sb;
	long n;

	for (n = 1;; n++) {
		snprintf(path, sizeof path, "%s/%06ld-asis", fault_snapshots, n);
		if (syscall(SYS_newfstatat, AT_FDCWD, path, &sb, 0) != 0)
			return n;
	}
}

static void
snapshot_before_sync(const char *path)
{
	char dir[4096], durable[8192], snap[8192];
	char *slash;
	long n;

	if (fault_snapshots[0] == '\0' || db_file_index(path) < 0)
		return;
	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	snprintf(durable, sizeof durable, "%s/durable", fault_snapshots);
	n = next_snapshot();
	snprintf(snap, sizeof snap, "%s/%06ld-asis", fault_snapshots, n);
	copy_db_files(dir, snap);
	snprintf(snap, sizeof snap, "%s/%06ld-lost", fault_snapshots, n);
	copy_db_files(durable, snap);
}

/* The durable images start as the files are before this process writes anything (the
 * first process under FAULT_SNAPSHOTS: what an earlier, unwatched run left is on disk). */
static void
init_durable(void)
{
	char durable[8192];
	struct stat sb;

	if (fault_snapshots[0] == '\0' || fault_dir_len == 0)
		return;
	snprintf(durable, sizeof durable, "%s/durable", fault_snapshots);
	if (syscall(SYS_newfstatat, AT_FDCWD, durable, &sb, 0) != 0)
		copy_db_files(fault_dir, durable);
}

/* After a successful fsync: the file as it is now is what a power cut leaves of it. */
static void
snapshot_after_sync(const char *path)
{
	char to[8192];
	int i;

	if (fault_snapshots[0] == '\0' || (i = db_file_index(path)) < 0)
		return;
	snprintf(to, sizeof to, "%s/durable/%s", fault_snapshots, db_files[i]);
	copy_file(path, to);
}

/* ---- the calls ---- */

#define REAL(name) \
	static __typeof__(&name) real_##name; \
	if (real_##name == NULL) \
		real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

static int
write_fails(int fd)
{
	char path[4096];

	if (fault_call != CALL_WRITE || inside)
		return 0;
	if (!path_is_ours(fd_path(fd, path, sizeof path)))
		return 0;
	if (!count_call(CALL_WRITE, path))
		return 0;
	errno = fault_errno;
	return 1;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (write_fails(fd))
		return -1;
	return real_write(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	if (write_fails(fd))
		return -1;
	return real_pwrite(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite64);
	if (write_fails(fd))
		return -1;
	return real_pwrite64(fd, buf, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	REAL(writev);
	if (write_fails(fd))
		return -1;
	return real_writev(fd, iov, cnt);
}

ssize_t
pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
	REAL(pwritev);
	if (write_fails(fd))
		return -1;
	return real_pwritev(fd, iov, cnt, off);
}

static int
sync_call(int fd, int (*real)(int))
{
	char path[4096];
	int rc;

	if (inside || fault_dir_len == 0 || !path_is_ours(fd_path(fd, path, sizeof path)))
		return real(fd);
	inside = 1;
	snapshot_before_sync(path);
	inside = 0;
	if (count_call(CALL_FSYNC, path)) {
		errno = fault_errno;
		return -1;
	}
	rc = real(fd);
	if (rc == 0) {
		inside = 1;
		snapshot_after_sync(path);
		inside = 0;
	}
	return rc;
}

int
fsync(int fd)
{
	REAL(fsync);
	return sync_call(fd, real_fsync);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	return sync_call(fd, real_fdatasync);
}

/* An unlink of a database file reaches the disk at once (the durable image loses it). */
int
unlink(const char *path)
{
	char to[8192];
	int i;

	REAL(unlink);
	if (!inside && fault_snapshots[0] != '\0' && path_is_ours(path) &&
	    (i = db_file_index(path)) >= 0) {
		snprintf(to, sizeof to, "%s/durable/%s", fault_snapshots, db_files[i]);
		syscall(SYS_unlinkat, AT_FDCWD, to, 0);
	}
	return real_unlink(path);
}

static void
arm_on_open(const char *path)
{
	if (fault_call == CALL_MALLOC && !malloc_armed && !inside && path != NULL &&
	    path_is_ours(path))
		__atomic_store_n(&malloc_armed, 1, __ATOMIC_SEQ_CST);
}

#define OPEN_MODE(flags, mode) do { \
	if ((flags) & (O_CREAT | O_TMPFILE)) { \
		va_list ap; \
		va_start(ap, flags); \
		mode = va_arg(ap, int); \
		va_end(ap); \
	} \
} while (0)

int
open(const char *path, int flags, ...)
{
	int mode = 0;

	REAL(open);
	OPEN_MODE(flags, mode);
	arm_on_open(path);
	return real_open(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	int mode = 0;

	REAL(open64);
	OPEN_MODE(flags, mode);
	arm_on_open(path);
	return real_open64(path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	int mode = 0;

	REAL(openat);
	OPEN_MODE(flags, mode);
	arm_on_open(path);
	return real_openat(dirfd, path, flags, mode);
}

/* The address range of FAULT_FROM's library once it is loaded (it may come late: the
 * program loads its git module, and libgit2 with it, only for a sync). */
static uintptr_t from_start, from_end;

static int
find_library(struct dl_phdr_info *info, size_t size, void *data)
{
	uintptr_t lo = UINTPTR_MAX, hi = 0, a;
	int i;

	(void)size;
	(void)data;
	if (info->dlpi_name == NULL || strstr(info->dlpi_name, fault_from) == NULL)
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type != PT_LOAD)
			continue;
		a = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
		if (a < lo)
			lo = a;
		if (a + info->dlpi_phdr[i].p_memsz > hi)
			hi = a + info->dlpi_phdr[i].p_memsz;
	}
	from_start = lo;
	from_end = hi;
	return 1;
}

/* 1 when a frame of this allocation's stack lies in the library FAULT_FROM names (the
 * library itself, or the program's allocator that it calls). */
static int
called_from_library(void)
{
	void *frames[8];
	int n, i, found = 0;

	inside = 1;	/* backtrace's first call loads the unwinder, which allocates */
	if (from_end == 0)
		dl_iterate_phdr(find_library, NULL);
	if (from_end != 0) {
		n = backtrace(frames, 8);
		for (i = 1; i < n && !found; i++)
			found = (uintptr_t)frames[i] >= from_start && (uintptr_t)frames[i] < from_end;
	}
	inside = 0;
	return found;
}

static int
malloc_fails(void)
{
	if (fault_call != CALL_MALLOC || !malloc_armed || inside)
		return 0;
	if (fault_from[0] != '\0' && !called_from_library())
		return 0;
	if (!count_call(CALL_MALLOC, NULL))
		return 0;
	errno = ENOMEM;
	return 1;
}

void *
malloc(size_t n)
{
	return malloc_fails() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return malloc_fails() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees: not an allocation that can fail */
	if (n > 0 && malloc_fails())
		return NULL;
	return __libc_realloc(p, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (malloc_fails())
		return ENOMEM;
	if ((p = __libc_memalign(align, n)) == NULL)
		return ENOMEM;
	*out = p;
	return 0;
}

void *
aligned_alloc(size_t align, size_t n)
{
	return malloc_fails() ? NULL : __libc_memalign(align, n);
}

void *
memalign(size_t align, size_t n)
{
	return malloc_fails() ? NULL : __libc_memalign(align, n);
}
