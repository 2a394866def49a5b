/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui.c: the terminal UI's entry point and its one loop.
 *
 * The loop sleeps in poll() on the terminal and on the pipe of a running child (a sync
 * or a summary): while nothing happens the program uses no CPU. Keys typed ahead are all
 * handled before the screen is drawn again, and the top screen's idle hook (which saves
 * the draft) runs before the draw: what the user sees typed is already on disk.
 * Curses is ended before any message is printed, and the program never exits while
 * curses owns the terminal.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/store_ui.h"
#include "core/util.h"
#include "tui/tui.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/job.h"
#include "tui/screen.h"
#include "tui/screens.h"

/* Below this the screens cannot lay out their bars and a row of content. */
#define UI_MIN_LINES 10
#define UI_MIN_COLS 40

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

double
ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void
ui_trace(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	if (ui->trace == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(ui->trace, fmt, ap);
	va_end(ap);
	fputc('\n', ui->trace);
	fflush(ui->trace);
}

void
ui_message(struct ui *ui, int role, const char *fmt, ...)
{
	va_list ap;

	ui->msg_role = role;
	if (fmt == NULL) {
		ui->msg[0] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
}

int
ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->data = data;
	s->below = ui->top;
	ui->top = s;
	if (ops->enter != NULL && ops->enter(s, ui) != 0) {
		ui->top = s->below;
		if (ops->leave != NULL)
			ops->leave(s, ui);
		free(s);
		return -1;
	}
	return 0;
}

void
ui_close(struct ui *ui, struct screen *s)
{
	s->closing = 1;
}

void
ui_pop(struct ui *ui)
{
	struct screen *s;

	for (s = ui->top; s != NULL; s = s->below)
		if (!s->closing) {
			s->closing = 1;
			return;
		}
}

/* Free the screens marked closing, wherever they are on the stack (a screen below may
 * close itself when its record disappears). */
static void
reap_screens(struct ui *ui)
{
	struct screen **link = &ui->top, *s;

	while ((s = *link) != NULL) {
		if (!s->closing) {
			link = &s->below;
			continue;
		}
		*link = s->below;
		if (s->ops->leave != NULL)
			s->ops->leave(s, ui);
		free(s);
	}
}

/* Last sync as the status bar shows it: the time when it was today, else the date. */
static void
format_last_sync(const char *iso, char *out, size_t size)
{
	struct tm tm = { 0 }, now_tm;
	time_t t, now = time(NULL);
	char date[16];

	out[0] = '\0';
	if (iso == NULL || *iso == '\0')
		return;
	if (strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL) {
		snprintf(out, size, "%.16s", iso);
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	localtime_r(&now, &now_tm);
	if (tm.tm_year == now_tm.tm_year && tm.tm_yday == now_tm.tm_yday)
		strftime(out, size, "%H:%M", &tm);
	else {
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
		ui_format_date(date, out, size);
	}
}

void
ui_status_refresh(struct ui *ui)
{
	struct error err = { 0 };
	char *last;

	if (ui->app->st == NULL)
		return;
	if (store_unsynced_count(ui->app->st, &ui->unsynced, &err) != 0)
		ui->unsynced = 0;
	last = store_meta_get(ui->app->st, "last_sync");
	format_last_sync(last, ui->last_sync, sizeof ui->last_sync);
	free(last);
}

void
ui_records_changed(struct ui *ui)
{
	struct screen *s;

	ui_status_refresh(ui);
	for (s = ui->top; s != NULL; s = s->below)
		if (!s->closing && s->ops->reload != NULL)
			s->ops->reload(s, ui);
}

void
ui_draw(struct ui *ui)
{
	struct screen *s = ui->top;

	while (s != NULL && s->closing)
		s = s->below;
	curs_set(0);
	erase();
	if (LINES < UI_MIN_LINES || COLS < UI_MIN_COLS) {
		/* Too small to lay anything out: say so until the terminal grows. */
		ui_wrap(0, 0, COLS, 0, LINES, _("The terminal is too small: make it at least "
		    "80×24."), A_BOLD);
		refresh();
		return;
	}
	if (s != NULL && s->ops->draw != NULL)
		s->ops->draw(s, ui);
	if (ui->modal_draw != NULL)
		ui->modal_draw(ui, ui->modal_payload);
	ui_ask_draw(ui);
	refresh();
}

int
ui_key_pending(struct ui *ui)
{
	wint_t ch;
	int rc;

	if (ui->has_pending)
		return 1;
	nodelay(stdscr, TRUE);
	rc = get_wch(&ch);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
		/* Not a key: the next draw follows the new size. */
		return 0;
	}
	ui->has_pending = 1;
	ui->pending_rc = rc;
	ui->pending_ch = ch;
	return 1;
}

wint_t
ui_letter_move(wint_t ch)
{
	switch (ch) {
	case 'j': return KEY_DOWN;
	case 'k': return KEY_UP;
	case ' ': return KEY_NPAGE;
	case 'g': return KEY_HOME;
	case 'G': return KEY_END;
	}
	return 0;
}

int
ui_getkey(struct ui *ui, wint_t *ch)
{
	struct pollfd fds[2];
	int rc, n, timeout;

	if (ui->has_pending) {
		ui->has_pending = 0;
		*ch = ui->pending_ch;
		if (!ui_ask_take_key(ui, ui->pending_rc, *ch))
			return ui->pending_rc;
		ui_draw(ui);
	}
	nodelay(stdscr, TRUE);
	for (;;) {
		if (got_signal) {
			ui->signalled = 1;
			return ERR;
		}
		rc = get_wch(ch);
		if (rc == KEY_CODE_YES && *ch == KEY_RESIZE) {
			ui_draw(ui);
			continue;
		}
		/* An open question (a sync's) takes the keys; the caller waits meanwhile. */
		if (rc != ERR && ui_ask_take_key(ui, rc, *ch)) {
			ui_draw(ui);
			continue;
		}
		if (rc != ERR)
			return rc;
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[0].revents = 0;
		n = 1;
		if (ui_job_fd(ui) >= 0) {
			fds[1].fd = ui_job_fd(ui);
			fds[1].events = POLLIN;
			fds[1].revents = 0;
			n = 2;
		}
		/* No timeout unless a child runs with a deadline: idle means asleep. */
		timeout = ui_job_timeout_ms(ui);
		rc = poll(fds, (nfds_t)n, timeout);
		if (rc < 0) {
			if (errno == EINTR)
				continue;	/* SIGWINCH: get_wch returns KEY_RESIZE */
			ui->signalled = 1;
			return ERR;
		}
		if (rc == 0) {
			ui_job_expire(ui);
			ui_draw(ui);
			continue;
		}
		if (n == 2 && fds[1].revents != 0) {
			ui_job_read(ui);
			ui_draw(ui);
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* The terminal went away (ssh dropped): leave; the draft is saved. */
			ui->signalled = 1;
			return ERR;
		}
	}
}

static void
give_back_terminal(void)
{
	if (!isendwin())
		endwin();
}

static void
curses_start(struct ui *ui)
{
	/* Escape sequences arrive at once from a terminal; a lone Esc need not wait long. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	initscr();
	util_set_fatal_hook(give_back_terminal);
	raw();			/* Ctrl-S reaches us (no flow control), Ctrl-C too */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	curs_set(0);
	ui_colors_init(ui);
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void
run_loop(struct ui *ui)
{
	double t0;
	wint_t ch;
	int rc, first = 1;

	while (!ui->quit && !ui->signalled) {
		reap_screens(ui);
		if (ui->top == NULL)
			break;
		/* Everything typed ahead is handled before the next draw. */
		if (!ui_key_pending(ui)) {
			if (ui->top->ops->idle != NULL)
				ui->top->ops->idle(ui->top, ui);
			reap_screens(ui);
			if (ui->top == NULL)
				break;
			t0 = ui_now_ms();
			ui_draw(ui);
			if (first) {
				ui_trace(ui, "draw_ms %.3f", ui_now_ms() - t0);
				first = 0;
			}
		}
		rc = ui_getkey(ui, &ch);
		if (rc == ERR)
			break;
		t0 = ui_now_ms();
		ui->top->ops->key(ui->top, ui, rc == KEY_CODE_YES, ch);
		ui_trace(ui, "key %s %d %.3f", ui->top->ops->name, (int)ch, ui_now_ms() - t0);
	}
}

/* Leave curses and free the screens; the draft (if any) stays in the store. */
static void
shutdown_ui(struct ui *ui, int curses_on)
{
	struct screen *s;

	for (s = ui->top; s != NULL; s = s->below)
		s->closing = 1;
	reap_screens(ui);
	ui_job_kill(ui);
	if (curses_on)
		endwin();
	if (ui->trace != NULL)
		fclose(ui->trace);
	ui->trace = NULL;
}

int
ui_run(struct app *app, struct error *err)
{
	struct ui ui = { 0 };
	char msg[512] = "";
	const char *trace = getenv("VOLUNTEER_UI_TRACE");
	double t_start = ui_now_ms();
	int first_run = 0, status = 0, curses_on = 0, rc;

	ui.app = app;
	ui.sync_percent = -1;
	if (app_load_config(app, err) != 0) {
		/* No config at all: the first-run screen writes one. Any other problem (a bad
		 * value) is the caller's to report. */
		if (err->kind == ERR_FAILED && access(app->config_path, F_OK) != 0) {
			first_run = 1;
			error_clear(err);
		} else
			return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return error_set(err, ERR_INVALID, "", "%s", _("the terminal UI needs a terminal; "
		    "see volunteer --help for the commands"));
	if (!first_run && app_open(app, err) != 0)
		return -1;
	if (trace != NULL && *trace)
		ui.trace = fopen(trace, "a");
	install_signals();
	curses_start(&ui);
	curses_on = 1;
	if (first_run) {
		rc = screen_firstrun(&ui, msg, sizeof msg);
		reap_screens(&ui);
		if (rc != 0) {
			shutdown_ui(&ui, curses_on);
			fprintf(stderr, "volunteer: %s\n", msg[0] ? msg :
			    _("no settings were written; run volunteer again when you are ready"));
			return msg[0] ? 1 : 0;
		}
		/* The language may now come from the new config. */
		if (app_open(app, err) != 0) {
			shutdown_ui(&ui, curses_on);
			return -1;
		}
		ui_colors_init(&ui);
	}
	/* A bounded cache, no map: the resident size stays small at any database size. */
	if (store_tune_long_running(app->st, 4096, err) != 0)
		ui_message(&ui, UR_WARN, "%s", err->msg);
	else if (err->kind == ERR_INVALID && err->msg[0])
		/* A form from the shared repository was refused; the default is in use. */
		ui_message(&ui, UR_WARN, "%s", err->msg);
	error_clear(err);
	ui_status_refresh(&ui);
	if (ui_push(&ui, &screen_list_ops, NULL) != 0) {
		shutdown_ui(&ui, curses_on);
		return error_set(err, ERR_FAILED, "", "%s", ui.msg);
	}
	if (ui.msg[0] == '\0')
		screen_list_say_start(&ui);
	ui_draw(&ui);
	ui_trace(&ui, "first_screen_ms %.3f", ui_now_ms() - t_start);
	ui_offer_draft(&ui);
	if (app->cfg->auto_sync && app->cfg->remote != NULL && *app->cfg->remote)
		ui_sync_start(&ui, 0);
	run_loop(&ui);
	if (ui.signalled && got_signal)
		status = 128 + got_signal;
	shutdown_ui(&ui, curses_on);
	return status;
}

const struct screens_module volunteer_screens_module = {
	.h = { .abi = SCREENS_MODULE_ABI, .version = VOLUNTEER_VERSION },
	.run = ui_run,
};
