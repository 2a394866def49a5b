/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gen-sync.c: shared repositories for the sync benchmark (bench/b-sync.sh).
 *
 *   gen-sync gen REPO N [COMMITS]
 *	a bare repository at REPO with N records in the layout of DESIGN.md, written in
 *	COMMITS commits (default 100) in the order of their ids' times, spread over six
 *	years as a programme would: records/<kind>/<yyyy>/<mm>/<dd>/<id>.json. Packed with
 *	`git repack -a -d` at the end, as a server's repository is after a gc.
 *   gen-sync stream N [COMMITS]
 *	the same records and commits as `gen`, as a `git fast-import` stream on stdout:
 *	`gen-sync stream N | git --git-dir=REPO fast-import` then `git repack -a -d` makes
 *	the very repository `gen` makes (the same commit ids), in minutes at 1,000,000
 *	records where `gen` takes about an hour.
 *   gen-sync walk REPO FROM TO [REPS]
 *	the median time of finding what changed between two commits, with the walk that
 *	sync uses (sync/walk.c) and with libgit2's git_diff_tree_to_tree, in milliseconds.
 *   gen-sync read REPO < IDS
 *	the time of reading the blobs whose ids come on stdin (one a line, in that order)
 *	with a first import's pack reader (sync/packfile.h) and with libgit2 as the import
 *	read them before (git_odb_read_header, then git_odb_read), on one thread each, in
 *	milliseconds; compare `git cat-file --batch < IDS > /dev/null`.
 */
#include <git2.h>
#include <git2/sys/mempack.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/record.h"
#include "core/util.h"
#include "sync/packfile.h"
#include "sync/walk.h"

static const char *const businesses[] = { "Panadería Las Eras", "Bar Plaza",
    "Ferretería Soria", "Quesería El Val", "Farmacia Centro", "Taller Ruiz",
    "Casa Rural La Fuente", "Carnicería Gil", "Peluquería Marta", "Hostal del Camino" };
static const char *const municipalities[] = { "Almazán", "Berlanga de Duero", "Ágreda",
    "San Leonardo de Yagüe", "Covaleda", "Medinaceli", "Ólvega", "Arcos de Jalón" };
static const char *const topics[] = { "website", "social_media", "online_shop",
    "e_administration", "online_banking", "digital_marketing", "cybersecurity" };

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

#define PICK(a) (a[next() % (sizeof a / sizeof a[0])])

static void
uuid_at(char *out, int64_t ms)
{
	uint64_t a = next(), b = next();

	snprintf(out, UUID_LEN + 1, "%08x-%04x-7%03x-%04x-%012llx",
	    (unsigned)(ms >> 16), (unsigned)(ms & 0xffff), (unsigned)(a & 0xfff),
	    (unsigned)(0x8000 | ((a >> 12) & 0x3fff)),
	    (unsigned long long)(b & 0xffffffffffffull));
}

static void
iso(char *out, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, ISO_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static struct record *
make_record(int64_t ms, int i)
{
	static const char *const kinds[] = { "visit", "visit", "visit", "visit", "visit",
	    "task", "task", "task", "workshop", "workshop" };
	struct record *r = record_new(kinds[next() % 10]);
	char date[DATE_LEN + 1], vol[32];
	json_t *f = r->fields, *t;

	uuid_at(r->id, ms);
	snprintf(vol, sizeof vol, "vol%02d", (int)(next() % 40));
	free(r->volunteer);
	r->volunteer = xstrdup(vol);
	free(r->device);
	r->device = xasprintf("%s-netbook", vol);
	r->rev = 1 + (int64_t)(next() % 3);
	iso(r->created, ms);
	iso(r->updated, ms + 3600000);
	snprintf(date, sizeof date, "%.10s", r->created);
	json_object_set_new(f, "municipality", json_string(PICK(municipalities)));
	json_object_set_new(f, "date", json_string(date));
	if (strcmp(r->kind, "visit") == 0) {
		json_object_set_new(f, "business", json_string(PICK(businesses)));
		json_object_set_new(f, "sector", json_string("retail"));
		json_object_set_new(f, "duration_min", json_integer(30 + (int)(next() % 90)));
		json_object_set_new(f, "consent", json_false());
		t = json_array();
		json_array_append_new(t, json_string(PICK(topics)));
		json_array_append_new(t, json_string(PICK(topics)));
		json_object_set_new(f, "topics", t);
		json_object_set_new(f, "findings", json_sprintf("No tiene web; vende por "
		    "teléfono y en la feria del sábado. Visita %d.", i));
		json_object_set_new(f, "recommendations", json_string("Perfil de empresa en el "
		    "buscador, catálogo en redes sociales y pago con tarjeta."));
	} else if (strcmp(r->kind, "task") == 0) {
		json_object_set_new(f, "business", json_string(PICK(businesses)));
		json_object_set_new(f, "title", json_sprintf("Actualizar la web (%d)", i));
		json_object_set_new(f, "type", json_string("website_update"));
		json_object_set_new(f, "status", json_string("done"));
		json_object_set_new(f, "hours", json_real(0.25 * (double)(1 + next() % 16)));
	} else {
		json_object_set_new(f, "title", json_string("Videollamadas con la familia"));
		json_object_set_new(f, "topic", json_string("video_calls"));
		json_object_set_new(f, "attendees", json_integer(5 + (int)(next() % 20)));
		json_object_set_new(f, "attendees_65plus", json_integer((int)(next() % 5)));
		json_object_set_new(f, "venue", json_string("Centro social"));
	}
	return r;
}

static const int64_t gen_start = 1609459200000LL;		/* 2021-01-01 */
static const int64_t gen_span = 6LL * 365 * 86400000LL;

/* Record I of N: its path in PATH and its file's text (the program's own writer), owned
 * by the caller. Called for i = 0, 1, ... in order: the records come from one sequence. */
static char *
record_text(long i, long n, char *path, size_t size)
{
	struct record *r;
	char *text;

	r = make_record(gen_start + gen_span * i / n + (int64_t)(next() % 1000), (int)i);
	record_path(r, path, size);
	text = record_to_json(r);
	record_free(r);
	return text;
}

static int
check(int rc, const char *what)
{
	const git_error *e;

	if (rc >= 0)
		return 0;
	e = git_error_last();
	fprintf(stderr, "gen-sync: %s: %s\n", what, e && e->message ? e->message : "?");
	exit(1);
}

static int
generate(const char *path, long n, long commits)
{
	git_repository *repo = NULL;
	git_repository_init_options opts;
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats = { 0 };
	git_buf pack = { 0 };
	git_tree_update *up;
	git_oid tree_id, commit_id, parent_id, blob;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig;
	char (*paths)[96], msg[64], *text, *cmd;
	int64_t start = gen_start, span = gen_span;
	long i, c, from, to;

	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	check(git_repository_init_ext(&repo, path, &opts), path);
	/* Objects in memory, one pack at the end: no file per object. */
	check(git_repository_odb(&odb, repo), "odb");
	check(git_mempack_new(&mem), "mempack");
	check(git_odb_add_backend(odb, mem, 1000), "mempack");
	up = xcalloc((size_t)(n / commits + 2), sizeof *up);
	paths = xcalloc((size_t)(n / commits + 2), sizeof *paths);
	for (c = 0; c < commits; c++) {
		from = n * c / commits;
		to = n * (c + 1) / commits;
		for (i = from; i < to; i++) {
			text = record_text(i, n, paths[i - from], sizeof paths[i - from]);
			check(git_blob_create_from_buffer(&blob, repo, text, strlen(text)), "blob");
			free(text);
			up[i - from].action = GIT_TREE_UPDATE_UPSERT;
			up[i - from].filemode = GIT_FILEMODE_BLOB;
			up[i - from].id = blob;
			up[i - from].path = paths[i - from];
		}
		check(git_tree_create_updated(&tree_id, repo, tree, (size_t)(to - from), up),
		    "tree");
		git_tree_free(tree);
		check(git_tree_lookup(&tree, repo, &tree_id), "tree");
		check(git_signature_new(&sig, "Volunteer gen", "gen@volunteer.invalid",
		    (start + span * to / n) / 1000, 0), "signature");
		snprintf(msg, sizeof msg, "%ld records\n", to - from);
		check(git_commit_create(&commit_id, repo, "refs/heads/main", sig, sig, NULL, msg,
		    tree, parent ? 1 : 0, (const git_commit **)&parent), "commit");
		git_signature_free(sig);
		git_commit_free(parent);
		parent_id = commit_id;
		check(git_commit_lookup(&parent, repo, &parent_id), "commit");
	}
	check(git_mempack_dump(&pack, repo, mem), "pack");
	check(git_odb_write_pack(&wp, odb, NULL, NULL), "pack");
	check(wp->append(wp, pack.ptr, pack.size, &stats), "pack");
	check(wp->commit(wp, &stats), "pack");
	wp->free(wp);
	git_buf_dispose(&pack);
	git_commit_free(parent);
	git_tree_free(tree);
	git_odb_free(odb);
	git_repository_free(repo);
	free(up);
	free(paths);
	cmd = xasprintf("git --git-dir='%s' repack -a -d -q && git --git-dir='%s' prune-packed",
	    path, path);
	c = system(cmd);
	free(cmd);
	return c == 0 ? 0 : 1;
}

/* The commits of `generate` as a fast-import stream: each record's file inline, the
 * signature and message exactly as git_commit_create writes them. */
static int
stream(long n, long commits)
{
	char path[96], msg[64], *text;
	long i, c, from, to;
	int64_t when;

	for (c = 0; c < commits; c++) {
		from = n * c / commits;
		to = n * (c + 1) / commits;
		when = (gen_start + gen_span * to / n) / 1000;
		snprintf(msg, sizeof msg, "%ld records\n", to - from);
		printf("commit refs/heads/main\n"
		    "author Volunteer gen <gen@volunteer.invalid> %lld +0000\n"
		    "committer Volunteer gen <gen@volunteer.invalid> %lld +0000\n"
		    "data %zu\n%s", (long long)when, (long long)when, strlen(msg), msg);
		for (i = from; i < to; i++) {
			text = record_text(i, n, path, sizeof path);
			printf("M 100644 inline %s\ndata %zu\n%s\n", path, strlen(text), text);
			free(text);
		}
		printf("\n");
	}
	printf("done\n");
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
count_cb(enum walk_kind kind, const char *path, const git_oid *id, void *payload)
{
	(*(long *)payload)++;
	return 0;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Each round opens the repository afresh: a sync finds the trees cold in its cache. */
static int
time_walks(const char *path, const char *from, const char *to, int reps)
{
	int64_t *walk = xcalloc((size_t)reps, sizeof *walk);
	int64_t *diff = xcalloc((size_t)reps, sizeof *diff);
	git_repository *repo;
	git_object *a, *b;
	git_tree *ta, *tb;
	git_diff *d;
	long files = 0, deltas = 0;
	int i;
	int64_t t0;

	for (i = 0; i < reps; i++) {
		check(git_repository_open_bare(&repo, path), path);
		check(git_revparse_single(&a, repo, from), from);
		check(git_revparse_single(&b, repo, to), to);
		check(git_commit_tree(&ta, (git_commit *)a), "tree");
		check(git_commit_tree(&tb, (git_commit *)b), "tree");
		files = 0;
		t0 = now_us();
		check(walk_changes(repo, ta, tb, count_cb, &files), "walk");
		walk[i] = now_us() - t0;
		git_tree_free(ta);
		git_tree_free(tb);
		git_object_free(a);
		git_object_free(b);
		git_repository_free(repo);

		check(git_repository_open_bare(&repo, path), path);
		check(git_revparse_single(&a, repo, from), from);
		check(git_revparse_single(&b, repo, to), to);
		check(git_commit_tree(&ta, (git_commit *)a), "tree");
		check(git_commit_tree(&tb, (git_commit *)b), "tree");
		t0 = now_us();
		check(git_diff_tree_to_tree(&d, repo, ta, tb, NULL), "diff");
		diff[i] = now_us() - t0;
		deltas = (long)git_diff_num_deltas(d);
		git_diff_free(d);
		git_tree_free(ta);
		git_tree_free(tb);
		git_object_free(a);
		git_object_free(b);
		git_repository_free(repo);
	}
	qsort(walk, (size_t)reps, sizeof *walk, cmp_i64);
	qsort(diff, (size_t)reps, sizeof *diff, cmp_i64);
	printf("walk_ms %.2f files %ld diff_tree_to_tree_ms %.2f deltas %ld\n",
	    (double)walk[reps / 2] / 1000.0, files, (double)diff[reps / 2] / 1000.0, deltas);
	free(walk);
	free(diff);
	return 0;
}

/* One pass of each reader over the ids of stdin. */
static int
time_reads(const char *path)
{
	char line[128], *objects = xasprintf("%s/objects", path);
	git_oid *ids = NULL;
	size_t n = 0, cap = 0, i, bytes_pack = 0, bytes_git = 0, left = 0;
	struct packfile_reader *r;
	git_repository *repo;
	git_odb *odb;
	int64_t t0, t_pack, t_git;

	while (fgets(line, sizeof line, stdin) != NULL) {
		line[strcspn(line, " \n")] = '\0';
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		if (git_oid_fromstr(&ids[n], line) == 0)
			n++;
	}
	if ((r = packfile_reader_open(objects, 64u << 20)) == NULL) {
		fprintf(stderr, "gen-sync: no pack to read in %s\n", objects);
		return 1;
	}
	t0 = now_us();
	for (i = 0; i < n; i++) {
		unsigned char *data;
		size_t len;

		if (packfile_reader_read(r, ids[i].id, 1 << 20, &data, &len) == PACKFILE_READ) {
			bytes_pack += len;
			free(data);
		} else {
			left++;
		}
	}
	t_pack = now_us() - t0;
	packfile_reader_free(r);
	check(git_repository_open_bare(&repo, path), path);
	check(git_repository_odb(&odb, repo), "odb");
	t0 = now_us();
	for (i = 0; i < n; i++) {
		git_odb_object *obj;
		git_object_t type;
		size_t len;

		check(git_odb_read_header(&len, &type, odb, &ids[i]), "header");
		check(git_odb_read(&obj, odb, &ids[i]), "read");
		bytes_git += git_odb_object_size(obj);
		git_odb_object_free(obj);
	}
	t_git = now_us() - t0;
	printf("blobs %zu pack_reader_ms %.1f libgit2_ms %.1f bytes %s not_read_here %zu\n", n,
	    (double)t_pack / 1000.0, (double)t_git / 1000.0,
	    bytes_pack == bytes_git ? "same" : "DIFFER", left);
	git_odb_free(odb);
	git_repository_free(repo);
	free(ids);
	free(objects);
	return bytes_pack == bytes_git ? 0 : 1;
}

int
main(int argc, char **argv)
{
	int rc = 2;

	git_libgit2_init();
	if (argc >= 4 && strcmp(argv[1], "gen") == 0)
		rc = generate(argv[2], atol(argv[3]), argc > 4 ? atol(argv[4]) : 100);
	else if (argc >= 3 && strcmp(argv[1], "stream") == 0)
		rc = stream(atol(argv[2]), argc > 3 ? atol(argv[3]) : 100);
	else if (argc >= 5 && strcmp(argv[1], "walk") == 0)
		rc = time_walks(argv[2], argv[3], argv[4], argc > 5 ? atoi(argv[5]) : 7);
	else if (argc >= 3 && strcmp(argv[1], "read") == 0)
		rc = time_reads(argv[2]);
	else
		fprintf(stderr, "usage: gen-sync gen REPO N [COMMITS]\n"
		    "       gen-sync stream N [COMMITS]\n"
		    "       gen-sync walk REPO FROM TO [REPS]\n"
		    "       gen-sync read REPO < IDS\n");
	git_libgit2_shutdown();
	return rc;
}
