/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_job.c: work that runs in a forked child while the screen stays live: a sync
 * (sync_run) and a summary (summary_write or summary_print_record, so that pango's fonts
 * are loaded in the child and the UI stays small).
 *
 * The child opens its own connection (store_open_in_child) under the lock it inherited,
 * never touches the terminal (its stdin, stdout and stderr go to /dev/null), and writes
 * lines to a pipe: "P <percent> <stage>", then "D <sent> <received> <conflicts>
 * <quarantined> <forms> <rewritten> <resent>" or "E <message>", or "W <path>" for a summary written. The parent polls
 * the pipe together with the keyboard; the child's end (EOF) finishes the job. A job that
 * passes its deadline is killed: killing at any point is safe for a sync (DESIGN.md).
 *
 * A sync may ask the person something (sync_options.ask: trust a new ssh host, the
 * passphrase of the key). The child writes "Q <kind> <text>" (the text's newlines as
 * QUESTION_NEWLINE) and waits on a second pipe for one struct job_answer; the parent opens
 * the question over the screen (dialog.h, ui_ask) and goes on drawing and reading the
 * pipe, and the job's deadline waits while the question is open, as the sync's own does.
 * A passphrase crosses that pipe once and is wiped on both sides after use.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "report/summary.h"
#include "sync/sync.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/job.h"
#include "tui/screens.h"

#define ESC 27
#define LOG_LINES 8
#define QUESTION_NEWLINE '\x1f'	/* a newline of a question, on the one-line pipe */

/* The parent's answer to the child's question: rc as sync_options.ask returns it. One
 * write, smaller than PIPE_BUF, so it arrives whole. */
struct job_answer {
	int rc;
	char text[512];
};

enum job_kind { JOB_SYNC, JOB_SUMMARY, JOB_PRINT };

struct ui_job {
	enum job_kind kind;
	pid_t pid;
	int fd;
	char buf[4096];
	size_t len;
	double deadline;	/* ui_now_ms() */
	int got_result;
	int answer_fd;		/* a sync: its questions are answered down this pipe; else -1 */
	struct ui_ask ask;	/* open while ui->ask points here */
	double asked_at;	/* ui_now_ms() when it opened */
};

/* What the sync screen shows: kept after the job ends. */
static struct {
	char log[LOG_LINES][200];
	int nlog;
	char result[600];
	int result_role;
	int running;
} sync_view;

static void
log_line(const char *fmt, ...)
{
	va_list ap;
	int i;

	if (sync_view.nlog == LOG_LINES) {
		for (i = 1; i < LOG_LINES; i++)
			memcpy(sync_view.log[i - 1], sync_view.log[i], sizeof sync_view.log[0]);
		sync_view.nlog--;
	}
	va_start(ap, fmt);
	vsnprintf(sync_view.log[sync_view.nlog++], sizeof sync_view.log[0], fmt, ap);
	va_end(ap);
}

int
ui_job_fd(const struct ui *ui)
{
	return ui->job != NULL ? ui->job->fd : -1;
}

int
ui_job_timeout_ms(const struct ui *ui)
{
	double left;

	/* A person is being asked: the child waits for them, not for the network. */
	if (ui->job == NULL || ui->ask == &ui->job->ask)
		return -1;
	left = ui->job->deadline - ui_now_ms();
	return left <= 0 ? 0 : left > 1e9 ? 1000000000 : (int)left + 1;
}

/* ---- the child ---- */

static int child_fd = -1;
static int child_answer_fd = -1;	/* a sync's: where the parent answers */

static void
child_write(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	size_t len;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	/* One message per line: a newline inside (an error from a server) becomes a blank. */
	for (len = 0; line[len]; len++)
		if (line[len] == '\n' || line[len] == '\r')
			line[len] = ' ';
	line[len++] = '\n';
	util_write_all(child_fd, line, len);
}

/* sync_options.ask in the child: the question up the pipe, the answer from the parent.
 * 0 (not trusted, not given) when the parent goes away without answering. */
static int
child_ask(const struct sync_question *q, char *answer, size_t cap, void *payload)
{
	struct job_answer a;
	char *text = xstrdup(q->text), *p;
	size_t n;
	int rc = 0;

	for (p = text; *p; p++)
		if (*p == '\n')
			*p = QUESTION_NEWLINE;
	child_write("Q %d %s", q->kind, text);
	free(text);
	if (util_read_all(child_answer_fd, &a, sizeof a) == (ssize_t)sizeof a && a.rc == 1) {
		rc = 1;
		if (q->kind == SYNC_ASK_PASSPHRASE) {
			n = strnlen(a.text, sizeof a.text);
			if (answer == NULL || n == 0 || n >= cap || n == sizeof a.text)
				rc = 0;
			else
				memcpy(answer, a.text, n + 1);
		}
	}
	explicit_bzero(&a, sizeof a);
	return rc;
}

static void
child_progress(const char *stage, int percent, void *payload)
{
	child_write("P %d %s", percent, stage != NULL ? stage : "");
}

static void
child_setup(int fd)
{
	struct sigaction sa;
	int null;

	child_fd = fd;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	/* Nothing a library prints may reach the screen that curses draws. */
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
}

static int
child_sync(struct app *app)
{
	struct sync_options opt = { 0 };
	const struct sync_module *git;
	struct sync_result res = { 0 };
	struct store *st = NULL;
	struct error err = { 0 };

	if (store_open_in_child(&st, app->cfg->data_dir, &err) != 0) {
		child_write("E %s", err.msg);
		return 1;
	}
	opt.cfg = app->cfg;
	opt.progress = child_progress;
	if (child_answer_fd >= 0)
		opt.ask = child_ask;
	if ((git = sync_module(&err)) == NULL || git->run(st, &opt, &res, &err) != 0) {
		child_write("E %s", err.msg[0] ? err.msg : _("the sync failed"));
		store_close(st);
		return 1;
	}
	child_write("D %ld %ld %ld %ld %ld %d %ld", res.sent, res.received, res.conflicts,
	    res.quarantined, res.forms, res.rewritten, res.resent);
	store_close(st);
	return 0;
}

/* What the `p` dialog chose, for the child to make (it is forked with a copy). */
static struct summary_opts summary_request = SUMMARY_OPTS_INIT;
static char summary_lang[3];

static int
child_summary(struct app *app, const char *id, int print)
{
	struct store *st = NULL;
	struct error err = { 0 };
	char *out = NULL, *full;
	int rc;

	if (store_open_in_child(&st, app->cfg->data_dir, &err) != 0) {
		child_write("E %s", err.msg);
		return 1;
	}
	if (print)
		rc = summary_print_record(st, app->cfg, id, &summary_request, NULL, &out, &err);
	else
		rc = summary_write(st, app->cfg, id, &summary_request, NULL, &out, &err);
	/* The volunteer must find the file: the whole path, not one relative to a folder the
	 * program was started in. */
	if (rc == 0 && !print && out != NULL && out[0] != '/' &&
	    (full = realpath(out, NULL)) != NULL) {
		free(out);
		out = xstrdup(full);
		free(full);
	}
	if (rc != 0)
		child_write("E %s", err.msg);
	else
		child_write("W %s", out != NULL ? out : "");
	free(out);
	store_close(st);
	return rc != 0;
}

/* ---- the parent ---- */

static int
start(struct ui *ui, enum job_kind kind, const char *id, int timeout_s)
{
	struct ui_job *job;
	int fds[2], ans[2] = { -1, -1 };
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) != 0) {
		ui_message(ui, UR_ERROR, _("Cannot start: %s"), strerror(errno));
		return -1;
	}
	/* Without the second pipe a sync still runs: nobody is asked (as without a terminal). */
	if (kind == JOB_SYNC && pipe2(ans, O_CLOEXEC) != 0)
		ans[0] = ans[1] = -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		if (ans[0] >= 0) {
			close(ans[0]);
			close(ans[1]);
		}
		ui_message(ui, UR_ERROR, _("Cannot start: %s"), strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int status;
		close(fds[0]);
		if (ans[1] >= 0)
			close(ans[1]);
		child_answer_fd = ans[0];
		child_setup(fds[1]);
		status = kind == JOB_SYNC ? child_sync(ui->app) :
		    child_summary(ui->app, id, kind == JOB_PRINT);
		/* _exit: no atexit handler of the parent (curses, sanitizers) may run here. */
		_exit(status);
	}
	close(fds[1]);
	if (ans[0] >= 0)
		close(ans[0]);
	job = xcalloc(1, sizeof *job);
	job->kind = kind;
	job->pid = pid;
	job->fd = fds[0];
	job->answer_fd = ans[1];
	job->deadline = ui_now_ms() + (double)timeout_s * 1000.0;
	ui->job = job;
	return 0;
}

void
ui_sync_start(struct ui *ui, int show)
{
	const struct config *cfg = ui->app->cfg;

	if (show && ui->top != NULL && ui->top->ops != &screen_sync_ops)
		ui_push(ui, &screen_sync_ops, NULL);
	if (ui->job != NULL) {
		if (ui->job->kind != JOB_SYNC)
			ui_message(ui, UR_WARN, "%s", _("Wait: a summary is being made."));
		return;
	}
	if (cfg->remote == NULL || *cfg->remote == '\0') {
		snprintf(sync_view.result, sizeof sync_view.result, "%s", _("No shared "
		    "repository is set: add remote = ... under [sync] in the config, or ask "
		    "your coordinator."));
		sync_view.result_role = UR_WARN;
		ui_message(ui, UR_WARN, "%s", sync_view.result);
		return;
	}
	sync_view.nlog = 0;
	sync_view.result[0] = '\0';
	log_line("%s", _("Starting…"));
	/* The engine has its own deadline for the network; this one only catches a child
	 * that hangs elsewhere. */
	if (start(ui, JOB_SYNC, NULL, (cfg->timeout > 0 ? cfg->timeout : 60) * 2 + 30) != 0)
		return;
	sync_view.running = 1;
	ui->sync_percent = 0;
	snprintf(ui->sync_stage, sizeof ui->sync_stage, "%s", "");
}

void
ui_summary_start(struct ui *ui, const char *id, int print, const char *lang,
    int attendance)
{
	snprintf(summary_lang, sizeof summary_lang, "%s", lang ? lang : "");
	summary_request.lang = lang ? summary_lang : NULL;
	summary_request.attendance = attendance;
	if (ui->job != NULL) {
		ui_message(ui, UR_WARN, "%s", _("Wait: a sync or a summary is still running."));
		return;
	}
	if (start(ui, print ? JOB_PRINT : JOB_SUMMARY, id, 120) == 0)
		ui_message(ui, UR_NORMAL, "%s", print ? _("Sending the summary to the printer…") :
		    _("Writing the summary…"));
}

static const char *
stage_name(const char *stage)
{
	if (strcmp(stage, "fetch") == 0)
		return _("receiving");
	if (strcmp(stage, "import") == 0)
		return _("importing");
	if (strcmp(stage, "build") == 0)
		return _("preparing");
	if (strcmp(stage, "push") == 0)
		return _("sending");
	if (strcmp(stage, "done") == 0)
		return _("done");
	return stage;
}

/* The person answered the child's question (ui_ask's done): send it down, wipe it. */
static void
question_answered(struct ui *ui, struct ui_ask *ask)
{
	struct ui_job *job = ui->job;
	struct job_answer a;

	memset(&a, 0, sizeof a);
	a.rc = ask->answer == 1;
	if (a.rc && ask->kind == UI_ASK_SECRET)
		memcpy(a.text, ask->secret, ask->len < sizeof a.text ? ask->len : 0);
	if (job != NULL && ask == &job->ask) {
		/* The child gone meanwhile: its end of the pipe is closed, SIGPIPE is ignored. */
		util_write_all(job->answer_fd, &a, sizeof a);
		job->deadline += ui_now_ms() - job->asked_at;
		if (ask->kind == UI_ASK_SECRET)
			log_line("%s", a.rc ? _("the key's passphrase was given") :
			    _("no passphrase was given"));
		else
			log_line("%s", a.rc ? _("the host was trusted") : _("the host was not "
			    "trusted"));
	}
	explicit_bzero(&a, sizeof a);
	ui_ask_close(ui, ask);
}

/* "Q <kind> <text>": the sync's child asks (see the top). */
static void
open_question(struct ui *ui, const char *line)
{
	struct ui_job *job = ui->job;
	struct job_answer no = { .rc = 0 };
	char *text, *p, *end;
	long kind = strtol(line, &end, 10);

	if (*end == ' ')
		end++;
	if (job->answer_fd < 0 || ui->ask != NULL ||
	    (kind != SYNC_ASK_HOSTKEY && kind != SYNC_ASK_PASSPHRASE)) {
		/* Nobody to ask here: the child must not wait for ever. */
		if (job->answer_fd >= 0)
			util_write_all(job->answer_fd, &no, sizeof no);
		return;
	}
	text = xstrdup(end);
	for (p = text; *p; p++)
		if (*p == QUESTION_NEWLINE)
			*p = '\n';
	job->asked_at = ui_now_ms();
	if (kind == SYNC_ASK_HOSTKEY) {
		ui_ask_open(ui, &job->ask, UI_ASK_YES_NO, _("A new ssh host"), text,
		    question_answered);
		log_line("%s", _("waiting for your answer: trust the host?"));
	} else {
		ui_ask_open(ui, &job->ask, UI_ASK_SECRET, _("Passphrase"), text,
		    question_answered);
		log_line("%s", _("waiting for the passphrase of the key"));
	}
	free(text);
}

static void
handle_line(struct ui *ui, char *line)
{
	struct ui_job *job = ui->job;
	char *clean, *rest;
	long a = 0, b = 0, c = 0, d = 0;
	int pct;

	if (line[0] == 'Q' && line[1] == ' ' && job->kind == JOB_SYNC) {
		open_question(ui, line + 2);
		return;
	}
	clean = text_sanitize(line, 500, 0);
	if (clean[0] == 'P' && clean[1] == ' ' && job->kind == JOB_SYNC) {
		pct = (int)strtol(clean + 2, &rest, 10);
		while (*rest == ' ')
			rest++;
		if (pct >= 0 && pct <= 100)
			ui->sync_percent = pct;
		if (strcmp(ui->sync_stage, rest) != 0) {
			snprintf(ui->sync_stage, sizeof ui->sync_stage, "%s", rest);
			log_line("%s", stage_name(rest));
		}
	} else if (clean[0] == 'D' && clean[1] == ' ') {
		long forms = 0, resent = 0;
		int rewritten = 0;
		sscanf(clean + 2, "%ld %ld %ld %ld %ld %d %ld", &a, &b, &c, &d, &forms,
		    &rewritten, &resent);
		snprintf(sync_view.result, sizeof sync_view.result,
		    _("Sync done: sent %ld, received %ld, conflicts %ld"), a, b, c);
		if (rewritten != 0 || resent > 0) {
			size_t len = strlen(sync_view.result);
			snprintf(sync_view.result + len, sizeof sync_view.result - len,
			    rewritten ? _(" (the shared repository had lost part of its history: "
			    "%ld sent again)") : _(" (%ld removed from the shared repository: sent "
			    "again)"), resent);
		}
		if (d > 0) {
			size_t len = strlen(sync_view.result);
			snprintf(sync_view.result + len, sizeof sync_view.result - len,
			    _(" (%ld files refused: see volunteer status)"), d);
		}
		/* The child installed them; a form open here may still point at the old ones,
		 * so they take effect at the next start. */
		if (forms > 0) {
			size_t len = strlen(sync_view.result);
			snprintf(sync_view.result + len, sizeof sync_view.result - len,
			    _(" (new forms arrived: they apply when volunteer starts again)"));
		}
		sync_view.result_role = c > 0 || d > 0 || rewritten ? UR_WARN : UR_OK;
		ui_message(ui, sync_view.result_role, "%s", sync_view.result);
		job->got_result = 1;
	} else if (clean[0] == 'E' && clean[1] == ' ') {
		if (job->kind == JOB_SYNC) {
			snprintf(sync_view.result, sizeof sync_view.result, _("Sync failed: %s"),
			    clean + 2);
			sync_view.result_role = UR_ERROR;
			ui_message(ui, UR_ERROR, "%s", sync_view.result);
		} else
			ui_message(ui, UR_ERROR, _("No summary: %s"), clean + 2);
		job->got_result = 1;
	} else if (clean[0] == 'W' && clean[1] == ' ') {
		if (job->kind == JOB_PRINT)
			ui_message(ui, UR_OK, _("Sent to the printer. %s"), clean + 2);
		else
			ui_message(ui, UR_OK, _("Summary saved: %s"), clean + 2);
		job->got_result = 1;
	}
	free(clean);
}

static void
finish(struct ui *ui, int killed)
{
	struct ui_job *job = ui->job;
	int status = 0, was_sync = job->kind == JOB_SYNC;

	/* A question still open dies with its child: nothing typed is kept. */
	if (ui->ask == &job->ask)
		ui_ask_close(ui, &job->ask);
	close(job->fd);
	if (job->answer_fd >= 0)
		close(job->answer_fd);
	if (killed)
		kill(job->pid, SIGKILL);
	while (waitpid(job->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!job->got_result) {
		const char *what = killed ? _("it took too long and was stopped; nothing is "
		    "lost, the next sync finishes the job") : _("it stopped unexpectedly");
		if (was_sync) {
			snprintf(sync_view.result, sizeof sync_view.result, _("Sync failed: %s"),
			    what);
			sync_view.result_role = UR_ERROR;
			ui_message(ui, UR_ERROR, "%s", sync_view.result);
		} else
			ui_message(ui, UR_ERROR, _("No summary: %s"), what);
	}
	free(job);
	ui->job = NULL;
	if (was_sync) {
		sync_view.running = 0;
		ui->sync_percent = -1;
		ui->sync_stage[0] = '\0';
		/* Records arrived and others are now clean: every screen reads again. */
		ui_records_changed(ui);
	}
}

void
ui_job_read(struct ui *ui)
{
	struct ui_job *job = ui->job;
	char *nl;
	ssize_t n;

	if (job == NULL)
		return;
	n = read(job->fd, job->buf + job->len, sizeof job->buf - 1 - job->len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		if (job->len > 0) {
			job->buf[job->len] = '\0';
			handle_line(ui, job->buf);
		}
		finish(ui, 0);
		return;
	}
	job->len += (size_t)n;
	job->buf[job->len] = '\0';
	while ((nl = memchr(job->buf, '\n', job->len)) != NULL) {
		*nl = '\0';
		handle_line(ui, job->buf);
		job->len -= (size_t)(nl + 1 - job->buf);
		memmove(job->buf, nl + 1, job->len);
	}
	/* A line longer than the buffer: take it as it is. */
	if (job->len == sizeof job->buf - 1) {
		handle_line(ui, job->buf);
		job->len = 0;
	}
}

void
ui_job_expire(struct ui *ui)
{
	if (ui->job != NULL && ui_job_timeout_ms(ui) == 0)
		finish(ui, 1);
}

void
ui_job_kill(struct ui *ui)
{
	if (ui->job != NULL) {
		ui->job->got_result = 1;
		finish(ui, 1);
	}
}

/* ---- the sync screen ---- */

void
ui_sync_draw_body(struct ui *ui, int y, int h)
{
	const struct config *cfg = ui->app->cfg;
	char *remote = NULL, bar[64];
	int i, filled, w = COLS - 4 > 40 ? 40 : COLS - 4;

	if (cfg->remote != NULL && *cfg->remote)
		remote = sync_url_redact(cfg->remote);
	ui_put(y, 2, COLS - 4, _("Shared repository:"), ui_attr(ui, UR_LABEL) | A_BOLD, 0);
	ui_put(y + 1, 4, COLS - 6, remote != NULL ? remote : cfg->remote && *cfg->remote ?
	    cfg->remote : _("(none)"), A_NORMAL, 0);
	free(remote);
	if (ui->sync_percent >= 0) {
		filled = ui->sync_percent * (w - 2) / 100;
		if (filled < 0)
			filled = 0;
		for (i = 0; i < w - 2 && i < (int)sizeof bar - 1; i++)
			bar[i] = i < filled ? '#' : '.';
		bar[i] = '\0';
		ui_put(y + 3, 2, 1, "[", A_NORMAL, 0);
		ui_put(y + 3, 3, w - 2, bar, ui_attr(ui, UR_OK), 0);
		ui_put(y + 3, 3 + w - 2, 1, "]", A_NORMAL, 0);
		{
			char *pct = xasprintf("%d%% %s", ui->sync_percent,
			    stage_name(ui->sync_stage));
			ui_put(y + 3, w + 3, COLS - w - 4, pct, A_NORMAL, 0);
			free(pct);
		}
	}
	for (i = 0; i < sync_view.nlog && y + 5 + i < y + h - 2; i++)
		ui_put(y + 5 + i, 4, COLS - 6, sync_view.log[i], ui_attr(ui, UR_DIM), 0);
	/* The rows left, at least three: a warning about a changed host key must show whole,
	 * with the fingerprint and the file to check. */
	if (sync_view.result[0])
		ui_wrap(y + 6 + i, 2, COLS - 4, 0, h - 6 - i > 3 ? h - 6 - i : 3,
		    sync_view.result, ui_attr(ui, sync_view.result_role));
}

static void
sync_draw(struct screen *s, struct ui *ui)
{
	ui_draw_bars(ui, sync_view.running ? _("Esc back (the sync goes on)") :
	    _("s sync again  Esc back"));
	ui_put(1, 1, COLS - 2, _("Sync"), ui_attr(ui, UR_TITLE), 0);
	ui_rule(2);
	ui_sync_draw_body(ui, 4, LINES - 7);
}

static void
sync_key(struct screen *s, struct ui *ui, int is_key, wint_t ch)
{
	if (!is_key && ch == 's' && ui->job == NULL)
		ui_sync_start(ui, 0);
	else if ((!is_key && (ch == ESC || ch == 'q' || ch == '\r' || ch == '\n')) ||
	    (is_key && (ch == KEY_LEFT || ch == KEY_ENTER)))
		ui_close(ui, s);
	else if (!is_key && ch == '?')
		ui_push(ui, &screen_help_ops, NULL);
}

const struct screen_ops screen_sync_ops = {
	.name = "sync",
	.draw = sync_draw,
	.key = sync_key,
};
