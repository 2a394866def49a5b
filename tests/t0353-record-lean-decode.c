/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record_json_lean, the fast read of a record file (core/record.h): what it reads is
 * jansson's object exactly (values, types, the bits of every real, key order), what
 * record files hold it reads itself, and everything else it leaves to json_loadb
 * (escapes, exponents, errors of every kind), so that a file is accepted or refused, and
 * its error worded, as before. Compared with json_loadb on hand-made texts, on random
 * reals, and on the fuzz corpus of record files.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/util.h"
#include "tests/tap.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(17) | JSON_ENCODE_ANY)

/* 1 when lean read text as jansson reads it, 0 when lean left it to jansson, -1 when
 * they differ (lean read what jansson refuses, or read it otherwise). */
static int
compare(const char *text, size_t len)
{
	json_error_t jerr;
	json_t *lean = record_json_lean(text, len);
	json_t *ref = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	char *a = NULL, *b = NULL;
	int rc;

	if (lean == NULL) {
		rc = 0;
		goto out;
	}
	if (ref == NULL) {
		diag("lean read what jansson refuses: %s", jerr.text);
		rc = -1;
		goto out;
	}
	a = json_dumps(lean, DUMP_FLAGS);
	b = json_dumps(ref, DUMP_FLAGS);
	rc = a != NULL && b != NULL && strcmp(a, b) == 0 && json_equal(lean, ref) ? 1 : -1;
	if (rc < 0)
		diag("lean %s\n# jansson %s", a ? a : "?", b ? b : "?");
out:
	json_decref(lean);
	json_decref(ref);
	free(a);
	free(b);
	return rc;
}

static int
cmp_str(const char *text)
{
	return compare(text, strlen(text));
}

static const char *const lean_reads[] = {
	"{}",
	" \n{ }\n",
	"{\"a\":[]}",
	"{\n  \"created\": \"2021-03-17T18:34:34Z\",\n  \"deleted\": false,\n"
	"  \"device\": \"vol31-netbook\",\n  \"fields\": {\n    \"business\": \"Carnicería Gil\",\n"
	"    \"date\": \"2021-03-17\",\n    \"hours\": 1.25,\n    \"municipality\": \"Ólvega\",\n"
	"    \"topics\": [\n      \"digital_marketing\",\n      \"online_banking\"\n    ]\n"
	"  },\n  \"id\": \"01784177-cf00-7d65-b3c2-e35af2fbac7f\",\n  \"kind\": \"task\",\n"
	"  \"rev\": 3,\n  \"updated\": \"2021-03-17T19:34:34Z\",\n  \"volunteer\": \"vol31\"\n}\n",
	"{\"z\":1,\"a\":2,\"m\":3}",	/* the file's order, not sorted */
	"{\"i\":0,\"n\":-0,\"big\":999999999999999999,\"neg\":-999999999999999999}",
	"{\"r\":0.1,\"s\":-0.5,\"t\":123456.789,\"u\":1.2345678901234567,\"v\":1.0}",
	"{\"z\":-0.0,\"w\":0.000000000000001}",
	"{\"t\":true,\"f\":false,\"n\":null,\"e\":\"\",\"o\":{\"p\":{\"q\":[1,[2,[3]]]}}}",
	"{\"a\"\t:\r\"b\" ,\"c\" : [ 1 , 2 ] }",
	"{\"€\":\"日本語 🙂\"}",
};

static const char *const left_to_jansson[] = {
	"",
	"   ",
	"[1,2]",		/* a file is an object */
	"\xef\xbb\xbf{}",	/* a byte order mark */
	"{\"a\":\"b\\\"c\"}",
	"{\"a\":\"\\u00e9\"}",
	"{\"a\\n\":1}",
	"{\"a\":1e5}",
	"{\"a\":1.5E-3}",
	"{\"a\":01}",
	"{\"a\":1.}",
	"{\"a\":.5}",
	"{\"a\":-}",
	"{\"a\":+1}",
	"{\"a\":1234567890123456789}",
	"{\"a\":0.30000000000000004}",	/* 18 digits */
	"{\"a\":1,\"a\":2}",
	"{\"a\":\"tab\there\"}",
	"{\"a\":\"nul\0\"}",
	"{\"a\":truex}",
	"{\"a\":tru}",
	"{\"a\":nul}",
	"{\"a\":1x}",
	"{\"a\":[1,]}",
	"{\"a\":1,}",
	"{,}",
	"{\"a\" 1}",
	"{\"a\":1} x",
	"{\"a\":1}{}",
	"{\"a\":[1 2]}",
	"{\"a\":\"unterminated}",
	"{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
	"{\"a\":NaN}",
	"{'a':1}",
	"{\"a\":1",
};

static int
replay_corpus(const char *dir, int *read, int *left, int *differ)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *path, *text;
	size_t len;
	FILE *f;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		text = xmalloc(RECORD_MAX_FILE + 1);
		if ((f = fopen(path, "rb")) != NULL) {
			len = fread(text, 1, RECORD_MAX_FILE, f);
			fclose(f);
			switch (compare(text, len)) {
			case 1:
				(*read)++;
				break;
			case 0:
				(*left)++;
				break;
			default:
				diag("%s", path);
				(*differ)++;
			}
		}
		free(text);
		free(path);
	}
	closedir(d);
	return 0;
}

int
main(void)
{
	size_t i;
	int bad = 0, n, j, read = 0, left = 0, differ = 0;
	char text[96], digits[20];
	const char *top = getenv("FUZZ_DIR") ? getenv("FUZZ_DIR") : "tests/fuzz";
	char *corpus;

	for (i = 0; i < sizeof lean_reads / sizeof lean_reads[0]; i++)
		if (cmp_str(lean_reads[i]) != 1) {
			diag("not read alike: %s", lean_reads[i]);
			bad++;
		}
	is_int(bad, 0, "what record files hold is read, as jansson reads it");
	bad = 0;
	for (i = 0; i < sizeof left_to_jansson / sizeof left_to_jansson[0]; i++)
		if (cmp_str(left_to_jansson[i]) != 0) {
			diag("not left to jansson: %s", left_to_jansson[i]);
			bad++;
		}
	is_int(bad, 0, "escapes, exponents, long numbers, duplicates and errors are jansson's");
	ok(compare("{\"a\":\"nul\0\"}", 11) == 0, "a NUL inside a string is jansson's");

	/* Reals of 1 to 17 digits, the point anywhere: every bit as strtod makes it. */
	srand(15);
	bad = 0;
	for (j = 0; j < 20000; j++) {
		int nd = 1 + rand() % 16, point = 1 + rand() % nd, k;

		for (k = 0; k < nd; k++)
			digits[k] = (char)('0' + rand() % 10);
		digits[nd] = '\0';
		if (point > 1 && digits[0] == '0')
			digits[0] = '1';	/* no leading zero but "0.x" */
		n = snprintf(text, sizeof text, "{\"r\":%s%.*s.%s}", rand() % 4 ? "" : "-",
		    point, digits, point < nd ? digits + point : "0");
		if (compare(text, (size_t)n) != 1) {
			if (bad++ < 5)
				diag("%s", text);
		}
	}
	is_int(bad, 0, "20,000 random reals: the same double as jansson's");

	corpus = xasprintf("%s/corpus/record", top);
	if (replay_corpus(corpus, &read, &left, &differ) != 0)
		diag("no corpus at %s", corpus);
	is_int(differ, 0, "the fuzz corpus of record files: no file read otherwise");
	ok(read > 0, "and %d of its files read by the lean path (%d left to jansson)", read,
	    left);
	free(corpus);
	done_testing();
	return 0;
}
