/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.h: allocation that never returns NULL (running out of memory ends the program, as in
 * tmux), and small string helpers. Every returned pointer is the caller's to free.
 */
#ifndef VOLUNTEER_UTIL_H
#define VOLUNTEER_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Array v holds n items of size; returns it with room for one more. The room is four at
 * first and doubles whenever n reaches a power of two, so n appends cost log n
 * reallocations (the capacity follows from n: only this helper may grow v). */
void *xgrow(void *v, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called once before the program ends on running out of memory: a front that owns the
 * terminal gives it back here (endwin) so the message is readable. */
void util_set_fatal_hook(void (*hook)(void));
/* FNV-1a of the bytes of s: the hash of the program's string-keyed tables. */
uint32_t util_hash(const char *s);
/* End the program on running out of memory, as the x* functions do: the fatal hook first
 * (the terminal given back), then the message. For a library call that fails only when
 * it cannot allocate (json_dumps). */
void util_out_of_memory(void) __attribute__((noreturn));

/* Write all len bytes to fd, again after a signal: 0, or -1 with errno (EIO when the file
 * took nothing). */
int util_write_all(int fd, const void *data, size_t len);
/* Read up to len bytes from fd, again after a signal, until len or the end of the file:
 * how many were read (fewer than len at the end), or -1 with errno. */
ssize_t util_read_all(int fd, void *buf, size_t len);

/* Write data to path atomically (temporary file, fsync, rename, fsync of the folder). */
int write_file_atomic(const char *path, const void *data, size_t len, int mode);
/* Create path and its parents with mode; 0 when it exists already. */
int mkdir_p(const char *path, int mode);
/*
 * Where the program finds what it ships beside itself (modules, translations), with no
 * build path compiled in: "<folder of the running binary>/<rel>" when that path exists,
 * else NULL. rel is relative ("../share/locale", or the build tree's "build/modules").
 * Caller frees.
 */
char *util_beside_program(const char *rel);
#ifndef MODULE_BUILD_SUBDIR
#define MODULE_BUILD_SUBDIR "build"	/* the build folder beside the binary (BUILD) */
#endif

#endif
