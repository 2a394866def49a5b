/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary_write.c: the summary's file (its name, where it goes) and its way to a printer
 * through lp. See summary.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "report/summary.h"

#define NAME_MAX_BYTES 80		/* of the business part of a file name */
#define LP_OUTPUT_MAX 4096		/* kept of lp's stdout and stderr, each */
#define LP_TIMEOUT_MS (60 * 1000)	/* a spooler that hangs must not hang the program */

char *
summary_default_filename(const struct record *r, const struct summary_opts *o,
    const char *lang)
{
	char date[DATE_LEN + 1], *base, *name;
	const char *start;
	size_t i;

	base = text_safe_filename(record_label(r), NAME_MAX_BYTES);
	/* A name must not read as an option to lp or to a shell command. */
	for (start = base; *start == '-' || *start == '_'; start++)
		;
	record_sort_date(r, date);
	for (i = 0; date[i]; i++)
		if ((date[i] < '0' || date[i] > '9') && date[i] != '-')
			date[i] = '_';
	lang = summary_lang_for(lang, r, NULL, NULL);
	name = xasprintf("%s_%s%s_%s.%s", *start ? start : "summary", date,
	    o->attendance ? "_sheet" : "", lang,
	    summary_format_ext(o->fmt));
	free(base);
	return name;
}

/* Weak: defined only where the PDF module's code is linked into the binary (the tests). */
extern const struct summary_pdf_module volunteer_pdf_module __attribute__((weak));

const struct summary_pdf_module *
summary_pdf_module(struct error *err)
{
	return module_entry("volunteer-pdf", "volunteer_pdf_module", SUMMARY_PDF_MODULE_ABI,
	    &volunteer_pdf_module ? &volunteer_pdf_module.h : NULL, err);
}

int
summary_render(struct store *st, const struct config *cfg, const char *record_id,
    const struct summary_opts *o, char **data, size_t *len, struct record **record_out,
    struct error *err)
{
	const char *lang = o->lang;
	char id[UUID_LEN + 1];
	const struct summary_pdf_module *pdf;
	struct record *r = NULL;
	struct summary *s = NULL;
	int rc = -1;

	*data = NULL;
	*len = 0;
	if (record_out != NULL)
		*record_out = NULL;
	if ((lang != NULL && summary_lang_check(lang, err) != 0) ||
	    store_record_resolve(st, record_id, id, err) != 0 ||
	    store_record_get(st, id, &r, err) != 0)
		goto out;
	/* --lang, else the business's own language, else the programme's, else the session's. */
	lang = summary_lang_for(lang, r, st, cfg);
	if ((o->attendance ? summary_build_sheet(&s, cfg, r, lang, o->rows, err) :
	    summary_build(&s, st, cfg, r, lang, err)) != 0)
		goto out;
	if (o->fmt == SUMMARY_TXT) {
		*data = summary_render_txt(s, 72);
		*len = strlen(*data);
	} else if ((pdf = summary_pdf_module(err)) == NULL ||
	    pdf->render(s, data, len, NULL, err) != 0)
		goto out;
	if (record_out != NULL) {
		*record_out = r;
		r = NULL;
	}
	rc = 0;
out:
	summary_free(s);
	record_free(r);
	return rc;
}

/* path with "-n" before its extension: "a/b_es.pdf", 2 gives "a/b_es-2.pdf". */
static char *
numbered(const char *path, int n)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot == NULL || (slash != NULL && dot < slash) || dot == (slash ? slash + 1 : path))
		return xasprintf("%s-%d", path, n);
	return xasprintf("%.*s-%d%s", (int)(dot - path), path, n, dot);
}

/*
 * A new file under path, or path-2, path-3...: the data goes to a private file first, then
 * link(2) gives it the first free name, which it never takes from another file (a second
 * volunteer writing the same summary at the same moment gets the next number). *used gets
 * the name.
 */
static int
write_new(const char *path, const char *data, size_t len, char **used)
{
	char *tmp = xasprintf("%s.part.%ld", path, (long)getpid()), *name = xstrdup(path);
	int n = 1, rc = -1, saved = 0;

	if (write_file_atomic(tmp, data, len, 0644) != 0) {
		saved = errno;
		goto out;
	}
	while (link(tmp, name) != 0) {
		if (errno != EEXIST || n >= 999) {
			saved = errno;
			goto out;
		}
		free(name);
		name = numbered(path, ++n);
	}
	*used = name;
	name = NULL;
	rc = 0;
out:
	unlink(tmp);
	free(tmp);
	free(name);
	errno = saved;
	return rc;
}

/*
 * A file is written whole, so that a reader never sees half a PDF, and replaced only with
 * force; a device or a pipe (-o /dev/stdout, a FIFO) is written into, never renamed over.
 * *used gets the path written.
 */
static int
write_output(const char *path, const char *data, size_t len, int force, char **used)
{
	struct stat sb;
	int fd, saved;

	*used = NULL;
	if (stat(path, &sb) != 0 || (S_ISREG(sb.st_mode) && !force))
		return write_new(path, data, len, used);
	*used = xstrdup(path);
	if (S_ISREG(sb.st_mode))
		return write_file_atomic(path, data, len, 0644);
	if (S_ISDIR(sb.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return -1;
	if (util_write_all(fd, data, len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

int
summary_write(struct store *st, const struct config *cfg, const char *record_id,
    const struct summary_opts *o, const char *path, char **written, struct error *err)
{
	struct record *r = NULL;
	char *data = NULL, *name = NULL, *target = NULL, *used = NULL;
	const char *dir = cfg->summary_dir;
	size_t len;
	int rc = -1;

	if (written != NULL)
		*written = NULL;
	if (summary_render(st, cfg, record_id, o, &data, &len, &r, err) != 0)
		goto out;
	if (path != NULL && *path) {
		target = xstrdup(path);
	} else {
		name = summary_default_filename(r, o, summary_lang_for(o->lang, r, st, cfg));
		if (dir != NULL && *dir) {
			if (mkdir_p(dir, 0755) != 0) {
				error_set(err, ERR_FAILED, "summary_dir", _("[print] summary_dir: "
				    "cannot create %s: %s"), dir, strerror(errno));
				goto out;
			}
			target = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			    name);
		} else
			target = xstrdup(name);
	}
	if (write_output(target, data, len, o->force, &used) != 0) {
		error_set(err, ERR_FAILED, "-o", _("cannot write %s: %s"), target,
		    strerror(errno));
		goto out;
	}
	if (written != NULL) {
		*written = used;
		used = NULL;
	}
	rc = 0;
out:
	record_free(r);
	free(data);
	free(name);
	free(target);
	free(used);
	return rc;
}

/* ---- lp ---- */

/* A destination name as CUPS makes them: printable, no blank, '/' or '#', and never
 * something lp would take for an option. */
static int
printer_name_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == '\0' || *p == '-' || strlen(s) > 127)
		return 0;
	for (; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '/' || *p == '#' || *p == '\\' ||
		    *p == '\'' || *p == '"')
			return 0;
	return utf8_valid(s, strlen(s));
}

/* The first non-empty line of out, sanitised; "" when none. Caller frees. */
static char *
first_line(const char *out)
{
	const char *p = out, *end;
	char *line, *clean;

	while (*p == '\n' || *p == '\r' || *p == ' ')
		p++;
	end = strchr(p, '\n');
	line = end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
	clean = text_sanitize(line, 300, 0);
	free(line);
	return clean;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read the child's stdout and stderr until both close or the deadline passes; the first
 * LP_OUTPUT_MAX bytes of each are kept. 0, or -1 at the deadline. */
static int
collect_output(int fd_out, int fd_err, char *out, char *errbuf)
{
	struct pollfd pfd[2] = { { fd_out, POLLIN, 0 }, { fd_err, POLLIN, 0 } };
	size_t have[2] = { 0, 0 };
	char *bufs[2] = { out, errbuf }, drain[4096];
	long deadline = now_ms() + LP_TIMEOUT_MS, left;
	ssize_t n;
	int i;

	while (pfd[0].fd >= 0 || pfd[1].fd >= 0) {
		if ((left = deadline - now_ms()) <= 0)
			return -1;
		if (poll(pfd, 2, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd < 0 || pfd[i].revents == 0)
				continue;
			if (have[i] < LP_OUTPUT_MAX)
				n = read(pfd[i].fd, bufs[i] + have[i], LP_OUTPUT_MAX - have[i]);
			else
				n = read(pfd[i].fd, drain, sizeof drain);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				pfd[i].fd = -1;
				continue;
			}
			if (have[i] < LP_OUTPUT_MAX)
				have[i] += (size_t)n;
		}
	}
	out[have[0]] = '\0';
	errbuf[have[1]] = '\0';
	return 0;
}

int
summary_print(const char *pdf_path, const char *printer, const char *title, char **reply,
    struct error *err)
{
	const char *argv[8];
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, px[2] = { -1, -1 };
	int argc = 0, exec_errno = 0, status = 0, rc = -1, timed_out, devnull;
	char *out = xmalloc(LP_OUTPUT_MAX + 1), *errbuf = xmalloc(LP_OUTPUT_MAX + 1), *line;
	pid_t pid = -1, w;
	ssize_t n;

	out[0] = errbuf[0] = '\0';
	if (reply != NULL)
		*reply = NULL;
	if (printer != NULL && *printer && !printer_name_valid(printer)) {
		error_set(err, ERR_INVALID, "printer", _("printer: '%.60s' is not a printer name "
		    "(letters, digits, '-', '_', '.'; no blanks, no leading '-')"), printer);
		goto out;
	}
	argv[argc++] = "lp";
	if (printer != NULL && *printer) {
		argv[argc++] = "-d";
		argv[argc++] = printer;
	}
	if (title != NULL && *title) {
		argv[argc++] = "-t";
		argv[argc++] = title;
	}
	argv[argc++] = pdf_path;
	argv[argc] = NULL;

	if (pipe2(po, O_CLOEXEC) != 0 || pipe2(pe, O_CLOEXEC) != 0 ||
	    pipe2(px, O_CLOEXEC) != 0) {
		error_set(err, ERR_FAILED, NULL, _("could not run lp: %s"), strerror(errno));
		goto out;
	}
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if ((pid = fork()) < 0) {
		error_set(err, ERR_FAILED, NULL, _("could not run lp: %s"), strerror(errno));
		if (devnull >= 0)
			close(devnull);
		goto out;
	}
	if (pid == 0) {
		/* The child: only calls that are safe after fork, then lp or an errno. */
		int e;
		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		signal(SIGPIPE, SIG_DFL);
		execvp("lp", (char *const *)argv);
		e = errno;
		if (write(px[1], &e, sizeof e) < 0)
			_exit(126);
		_exit(127);
	}
	if (devnull >= 0)
		close(devnull);
	close(po[1]);
	close(pe[1]);
	close(px[1]);
	po[1] = pe[1] = px[1] = -1;
	/* The exec pipe closes at a successful exec, or brings execvp's errno. */
	do
		n = read(px[0], &exec_errno, sizeof exec_errno);
	while (n < 0 && errno == EINTR);
	timed_out = n == sizeof exec_errno ? 0 : collect_output(po[0], pe[0], out, errbuf);
	if (timed_out)
		kill(pid, SIGKILL);
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	pid = -1;
	if (n == sizeof exec_errno) {
		if (exec_errno == ENOENT)
			error_set(err, ERR_FAILED, "lp", _("lp was not found: install cups-client, "
			    "or use volunteer summary to write the PDF"));
		else
			error_set(err, ERR_FAILED, "lp", _("could not run lp: %s"),
			    strerror(exec_errno));
		goto out;
	}
	if (timed_out) {
		error_set(err, ERR_FAILED, "lp", _("lp did not answer within %d seconds"),
		    LP_TIMEOUT_MS / 1000);
		goto out;
	}
	/* w < 0 (ECHILD) means a SIGCHLD handler reaped lp first: its output tells. */
	if (w >= 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		line = first_line(errbuf);
		if (*line == '\0') {
			free(line);
			line = first_line(out);
		}
		if (*line)
			error_set(err, ERR_FAILED, "lp", _("lp failed: %s%s"), line,
			    printer != NULL && *printer ? "" :
			    _(" (name a printer with --printer or [print] printer)"));
		else if (WIFEXITED(status))
			error_set(err, ERR_FAILED, "lp", _("lp failed with status %d"),
			    WEXITSTATUS(status));
		else
			error_set(err, ERR_FAILED, "lp", _("lp was stopped by signal %d"),
			    WTERMSIG(status));
		free(line);
		goto out;
	}
	if (reply != NULL)
		*reply = first_line(out);
	rc = 0;
out:
	if (po[0] >= 0) close(po[0]);
	if (po[1] >= 0) close(po[1]);
	if (pe[0] >= 0) close(pe[0]);
	if (pe[1] >= 0) close(pe[1]);
	if (px[0] >= 0) close(px[0]);
	if (px[1] >= 0) close(px[1]);
	free(out);
	free(errbuf);
	return rc;
}

int
summary_print_record(struct store *st, const struct config *cfg, const char *record_id,
    const struct summary_opts *o, const char *printer, char **reply, struct error *err)
{
	struct summary_opts pdf = *o;
	const char *tmpdir = getenv("TMPDIR");
	struct record *r = NULL;
	char *data = NULL, *path = NULL, *title = NULL;
	size_t len;
	int fd = -1, rc = -1;

	if (reply != NULL)
		*reply = NULL;
	if (printer == NULL || *printer == '\0')
		printer = cfg->printer;
	pdf.fmt = SUMMARY_PDF;
	if (summary_render(st, cfg, record_id, &pdf, &data, &len, &r, err) != 0)
		goto out;
	path = xasprintf("%s/volunteer-summary-XXXXXX.pdf", tmpdir && *tmpdir == '/' ?
	    tmpdir : "/tmp");
	if ((fd = mkstemps(path, 4)) < 0) {
		error_set(err, ERR_FAILED, NULL, _("cannot create a temporary file %s: %s"),
		    path, strerror(errno));
		free(path);
		path = NULL;
		goto out;
	}
	if (util_write_all(fd, data, len) != 0) {
		error_set(err, ERR_FAILED, NULL, _("cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		error_set(err, ERR_FAILED, NULL, _("cannot write %s: %s"), path, strerror(errno));
		goto out;
	}
	fd = -1;
	/* The job's name in the queue: the file name the summary would have. */
	title = summary_default_filename(r, &pdf, summary_lang_for(pdf.lang, r, st, cfg));
	if (summary_print(path, printer, title, reply, err) != 0)
		goto out;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	/* lp has sent the file to the spooler when it returns: the copy is not needed. */
	if (path != NULL)
		unlink(path);
	free(path);
	free(title);
	free(data);
	record_free(r);
	return rc;
}
