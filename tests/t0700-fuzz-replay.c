/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * t0700-fuzz-replay: the fuzz targets of tests/fuzz/ (see fuzz.h), built with the ordinary
 * compiler, run on every input kept under tests/fuzz/regressions/<target>/ (each a crash
 * or a property that did not hold, since fixed) and on the seed corpus
 * tests/fuzz/corpus/<target>/. One test per target: every file runs and every property
 * holds.
 */
#define FUZZ_REPLAY 1
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/tap.h"
#include "tests/fuzz/fuzz.h"

int fuzz_failures;

#include "tests/fuzz/fuzz_config.c"
#include "tests/fuzz/fuzz_dates.c"
#include "tests/fuzz/fuzz_export.c"
#include "tests/fuzz/fuzz_form.c"
#include "tests/fuzz/fuzz_import.c"
#include "tests/fuzz/fuzz_lean.c"
#include "tests/fuzz/fuzz_merge.c"
#include "tests/fuzz/fuzz_pack.c"
#include "tests/fuzz/fuzz_record.c"
#include "tests/fuzz/fuzz_review.c"
#include "tests/fuzz/fuzz_sanitize.c"
#include "tests/fuzz/fuzz_store.c"

static const struct {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
} targets[] = {
	{ "config", fuzz_config }, { "dates", fuzz_dates }, { "export", fuzz_export },
	{ "form", fuzz_form }, { "import", fuzz_import }, { "lean", fuzz_lean },
	{ "merge", fuzz_merge }, { "pack", fuzz_pack },
	{ "record", fuzz_record }, { "review", fuzz_review }, { "sanitize", fuzz_sanitize },
	{ "store", fuzz_store },
};

/* Run every file of dir through run; the number of files, -1 when dir cannot be read
 * (a folder that does not exist holds no file). */
static long
replay_dir(const char *dir, int (*run)(const uint8_t *, size_t))
{
	struct dirent *de;
	struct stat sb;
	char path[4096];
	long n = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		uint8_t *buf;
		FILE *fp;

		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (de->d_name[0] == '.' || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if ((fp = fopen(path, "rb")) == NULL) {
			n = -1;
			break;
		}
		buf = malloc((size_t)sb.st_size + 1);
		if (fread(buf, 1, (size_t)sb.st_size, fp) != (size_t)sb.st_size) {
			free(buf);
			fclose(fp);
			n = -1;
			break;
		}
		fclose(fp);
		int before = fuzz_failures;
		run(buf, (size_t)sb.st_size);
		if (fuzz_failures != before)
			diag("%s: a property does not hold", path);
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

int
main(void)
{
	const char *top = getenv("FUZZ_DIR") ? getenv("FUZZ_DIR") : "tests/fuzz";
	char dir[4096];
	size_t i;

	plan((int)(sizeof targets / sizeof targets[0]));
	for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		long seeds, kept;
		int before = fuzz_failures;

		snprintf(dir, sizeof dir, "%s/corpus/%s", top, targets[i].name);
		seeds = replay_dir(dir, targets[i].run);
		snprintf(dir, sizeof dir, "%s/regressions/%s", top, targets[i].name);
		kept = replay_dir(dir, targets[i].run);
		ok(seeds > 0 && kept >= 0 && fuzz_failures == before,
		    "%s: %ld seeds and %ld regression inputs replay, every property holds",
		    targets[i].name, seeds, kept);
	}
	if (export_store != NULL)
		store_close(export_store);
	forms_shutdown();
	return done_testing();
}
