/* SPDX-License-Identifier: GPL-3.0-or-later */
/* forms.c: `volunteer forms`: the kinds and their fields. */
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

static void
print_form(const struct form *form)
{
	const char *lang = i18n_lang();
	size_t i, c;

	printf("%s (%s)\n", form->kind, form_title(form, lang));
	for (i = 0; i < form->nfields; i++) {
		const struct form_field *fd = &form->fields[i];
		printf("  %-18s %-8s %s%s", fd->name, field_type_name(fd->type),
		    form_field_label(fd, lang), fd->required ? " *" : "");
		if (fd->type == FT_TEXT || fd->type == FT_LONGTEXT || fd->type == FT_EMAIL ||
		    fd->type == FT_PHONE || fd->type == FT_URL) {
			if (fd->has_max)
				printf(" (≤%g %s)", fd->max, _("characters"));
		} else if (fd->has_min || fd->has_max) {
			printf(" [");
			if (fd->has_min)
				printf("%g", fd->min);
			printf("–");
			if (fd->has_max)
				printf("%g", fd->max);
			printf("]");
		}
		if (fd->nchoices > 0) {
			printf(":");
			for (c = 0; c < fd->nchoices; c++)
				printf("%s%s", c ? "," : " ", fd->choices[c].value);
		}
		putchar('\n');
	}
}

int
cmd_forms(struct app *app)
{
	const struct form *form;
	size_t i;

	if (app->argc > 2)
		return cli_usage("forms", _("give at most one kind"));
	if (app->argc == 2) {
		if ((form = forms_get(app->argv[1])) == NULL)
			return cli_usage("forms", _("kind: unknown kind '%s' (visit, task or "
			    "workshop)"), app->argv[1]);
		print_form(form);
		return 0;
	}
	for (i = 0; i < forms_count(); i++) {
		if (i > 0)
			putchar('\n');
		print_form(forms_at(i));
	}
	return 0;
}
