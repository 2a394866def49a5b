/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.c: what every command prints through: text made safe for a terminal, JSON for
 * scripts. See cli.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "forms/form.h"
#include "report/record_json.h"

/* Print text from the store or the repository to a terminal: no controls get through. */
void
cli_put_safe(FILE *f, const char *s, int keep_newlines)
{
	char *clean = text_sanitize(s ? s : "", 0, keep_newlines ? TEXT_KEEP_NEWLINES : 0);

	fputs(clean, f);
	free(clean);
}

int
cli_print_json(json_t *v)
{
	char *s = record_json_text(v);

	if (s == NULL)
		return 1;
	puts(s);
	free(s);
	return fflush(stdout) == 0 ? 0 : 1;
}
