/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tap.h: a small Test Anything Protocol producer for the C unit tests.
 *
 *   plan(n) or plan_no_plan(); ok(cond, fmt, ...); is_int(got, want, name);
 *   is_str(got, want, name); diag(fmt, ...); skip(n, why); done_testing().
 *
 * Header only: each test is one translation unit. done_testing() returns the exit status
 * prove expects (0 when every test passed and the plan was met).
 */
#ifndef VOLUNTEER_TAP_H
#define VOLUNTEER_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run;
static int tap_failed;
static int tap_planned = -1;

static inline void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static inline void
plan_no_plan(void)
{
	tap_planned = -1;
}

static inline void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static inline int
tap_ok_at(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_run++;
	if (!cond) {
		tap_failed++;
		fputs("not ", stdout);
	}
	printf("ok %d - ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	if (!cond)
		printf("#   Failed at %s line %d\n", file, line);
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok_at(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, name) do {					\
	long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);\
	if (!ok(tap_g_ == tap_w_, "%s", (name)))			\
		diag("     got: %lld\n#     expected: %lld", tap_g_, tap_w_); \
} while (0)

#define is_str(got, want, name) do {					\
	const char *tap_g_ = (got), *tap_w_ = (want);			\
	int tap_same_ = (tap_g_ == NULL && tap_w_ == NULL) ||		\
	    (tap_g_ != NULL && tap_w_ != NULL && strcmp(tap_g_, tap_w_) == 0); \
	if (!ok(tap_same_, "%s", (name)))				\
		diag("     got: '%s'\n#     expected: '%s'",		\
		    tap_g_ ? tap_g_ : "(null)", tap_w_ ? tap_w_ : "(null)"); \
} while (0)

static inline void
skip(int n, const char *why)
{
	while (n-- > 0) {
		tap_run++;
		printf("ok %d # skip %s\n", tap_run, why);
	}
	fflush(stdout);
}

static inline int
done_testing(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_planned != tap_run)
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
	fflush(stdout);
	return tap_failed != 0 || (tap_planned >= 0 && tap_planned != tap_run);
}

#endif
