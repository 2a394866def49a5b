/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz.h: what the libFuzzer targets of tests/fuzz/ share.
 *
 * Each target is one file with FUZZ_TARGET(name) { ... }: built with clang and
 * -fsanitize=fuzzer (make fuzz) it is LLVMFuzzerTestOneInput; built by the ordinary
 * compiler into tests/t0700-fuzz-replay.c it is fuzz_<name>, which that test calls on every
 * file of tests/fuzz/regressions/<name>/ and tests/fuzz/corpus/<name>/.
 *
 * A property that does not hold is FUZZ_CHECK(cond): under libFuzzer it aborts (a crash
 * that libFuzzer saves as crash-*), under the replay it is counted as a failure.
 */
#ifndef VOLUNTEER_FUZZ_H
#define VOLUNTEER_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef FUZZ_REPLAY
extern int fuzz_failures;
#define FUZZ_TARGET(name) static int fuzz_##name(const uint8_t *data, size_t size)
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#define FUZZ_TARGET(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

#ifdef FUZZ_REPLAY
#define FUZZ_FAILED() (fuzz_failures++)
#else
#define FUZZ_FAILED() abort()
#endif

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property does not hold: %s\n", __FILE__, __LINE__, #cond); \
		FUZZ_FAILED(); \
	} \
} while (0)

#endif
