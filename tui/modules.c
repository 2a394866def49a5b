/*
 * modules.c: the entry points of the modules, as the program sees them (see
 * core/module.h). Linked into the program only; the unit tests link the real code.
 */
#include <stdlib.h>

#include "core/module.h"
#include "report/summary.h"
#include "sync/sync.h"
#include "tui/cli.h"

#define GIT_MODULE "volunteer-git"
#define PDF_MODULE "volunteer-pdf"
#define TUI_MODULE "volunteer-tui"

int
ui_run(struct app *app)
{
	int (*fn)(struct app *);
	struct error err = { 0 };

	*(void **)&fn = module_symbol(TUI_MODULE, "ui_run", &err);
	return fn != NULL ? fn(app) : cli_fail(&err);
}

int
sync_run(struct store *st, const struct sync_options *opt, struct sync_result *res,
    struct error *err)
{
	int (*fn)(struct store *, const struct sync_options *, struct sync_result *,
	    struct error *);

	*(void **)&fn = module_symbol(GIT_MODULE, "sync_run", err);
	return fn != NULL ? fn(st, opt, res, err) : -1;
}

int
sync_check_remote(struct store *st, const struct sync_options *opt, struct sync_check *out,
    struct error *err)
{
	int (*fn)(struct store *, const struct sync_options *, struct sync_check *,
	    struct error *);

	*(void **)&fn = module_symbol(GIT_MODULE, "sync_check_remote", err);
	return fn != NULL ? fn(st, opt, out, err) : -1;
}

int
summary_render_pdf(const struct summary *s, char **out, size_t *len, int *npages,
    struct error *err)
{
	int (*fn)(const struct summary *, char **, size_t *, int *, struct error *);

	*(void **)&fn = module_symbol(PDF_MODULE, "summary_render_pdf", err);
	return fn != NULL ? fn(s, out, len, npages, err) : -1;
}
