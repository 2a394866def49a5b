/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one rule of a coordinator's review comment (core/store.h, review_comment_clean). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "tests/tap.h"

static int
clean(const char *text, int required, char **out, struct error *err)
{
	memset(err, 0, sizeof *err);
	return review_comment_clean(text, required, out, err);
}

int
main(void)
{
	struct error err;
	char *out = NULL, *big;

	plan_no_plan();
	ok(clean("  Falta la fecha de seguimiento \n", 1, &out, &err) == 0 &&
	    strcmp(out, "Falta la fecha de seguimiento") == 0, "a comment is trimmed");
	free(out);
	ok(clean("Línea uno\nLínea dos", 1, &out, &err) == 0 && strchr(out, '\n') != NULL,
	    "line breaks are kept");
	free(out);
	ok(clean("   ", 1, &out, &err) != 0 && err.kind == ERR_INVALID && out == NULL &&
	    strcmp(err.field, "comment") == 0 && strstr(err.msg, "empty") != NULL,
	    "a flag's comment is required: an empty one is refused, naming the comment");
	ok(clean("", 0, &out, &err) == 0 && out != NULL && *out == '\0',
	    "an ok's comment may be empty");
	free(out);
	ok(clean("bad" "\x1b" "[2J", 0, &out, &err) != 0 && strstr(err.msg, "control") != NULL,
	    "an escape sequence is refused");
	ok(clean("a" "\xe2\x80\xae" "b", 0, &out, &err) != 0, "a bidi override is refused");
	ok(clean("a\xff", 0, &out, &err) != 0 && strstr(err.msg, "UTF-8") != NULL,
	    "invalid UTF-8 is refused");
	big = malloc(REVIEW_COMMENT_MAX + 2);
	memset(big, 'x', REVIEW_COMMENT_MAX + 1);
	big[REVIEW_COMMENT_MAX + 1] = '\0';
	ok(clean(big, 0, &out, &err) != 0 && strstr(err.msg, "limit") != NULL,
	    "a comment over the limit is refused");
	big[REVIEW_COMMENT_MAX] = '\0';
	ok(clean(big, 0, &out, &err) == 0, "a comment at the limit is taken");
	free(out);
	free(big);
	return done_testing();
}
