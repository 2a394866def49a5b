/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_search.c: see store_search.h.
 *
 * What a step costs at 1,000,000 records (bench/report_gen's database, 13 index segments),
 * which is what the plan is made of:
 * - reading the set of matches from FTS5: about 0.1 us a match (a word of every record
 *   0.12 s, a village's name of 100,000 records 11 ms); a prefix is read whole whatever
 *   else narrows it;
 * - asking FTS5 about one row (MATCH ? AND rowid = ?): 70-200 us for words of many
 *   records (each segment opened for each word), 3 us for rare ones; a prefix would be
 *   merged whole at every row (40 ms), so it is asked as the index's terms it begins;
 * - one row of the filter's own walk along the date index: 0.15 us; looking up one match
 *   by rowid to sort the set: 1.5 us, ten rows of the walk.
 * First, the matches are read from the index in the list's order, by their keys (schema
 * 11: day and row, key_walk), a day at a time: a page of a word's newest matches costs
 * about the page, whatever lies between them. When the filter leaves out too many of
 * them, the plan walks the filter's rows in their order (so the rows and the order are
 * the one query's) and asks FTS5 about each while matches come often: a word of most
 * records fills a page in twenty rows. When they do not, it reads the set once and tests
 * each row in a bitmap. When the walk has cost what sorting the set would (ten rows for
 * each match), the set's rows are sorted instead by the same WHERE and ORDER BY. Each
 * switch comes when the step given up has cost about what the next one will.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/store_internal.h"
#include "core/store_search.h"
#include "core/store_search_key.h"
#include "core/util.h"

/* The walk asks FTS5 row by row until asking has cost what reading the set would: the
 * rows asked tell how many records match (hits / rows of them), read at SET_READ_NS
 * each. At least ASK_ROWS_MIN rows are asked before that guess is trusted. */
#define SET_READ_NS 120.0
#define ASK_ROWS_MIN 8
/* Rows of the walk that cost what looking up one match to sort it costs. */
#define SORT_ROWS 10
/* A prefix of more terms than this is not asked row by row. */
#define PREFIX_TERMS_MAX 8
/* A bitmap of the set when the largest rowid is below this, else a binary search. */
#define BITMAP_ROWID_MAX (64 * 1024 * 1024)

/* STORE_SEARCH_TOKENIZE's arguments, for the tokenizer the plan finds by name. */
static const char *const tokenize_args[] = { "remove_diacritics", STORE_SEARCH_DIACRITICS };

/* The next word of text at *p (whitespace apart) and its length; NULL after the last. */
static const char *
next_word(const char **p, size_t *len)
{
	const char *s = *p, *e;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	*p = s;
	if (!*s)
		return NULL;
	for (e = s; *e && *e != ' ' && *e != '\t' && *e != '\n'; e++)
		;
	*len = (size_t)(e - s);
	*p = e;
	return s;
}

/* One word quoted for FTS5 at q + o (a quote doubled); the new end. */
static size_t
quote_word(char *q, size_t o, const char *word, size_t n)
{
	size_t i;

	q[o++] = '"';
	for (i = 0; i < n; i++) {
		if (word[i] == '"')
			q[o++] = '"';
		q[o++] = word[i];
	}
	q[o++] = '"';
	return o;
}

char *
fts_query(const char *text)
{
	size_t len = strlen(text), o = 0, n, m;
	char *q = xmalloc(len * 2 + 8 * (len + 1) + 1);
	const char *p = text, *word, *rest;

	while ((word = next_word(&p, &n)) != NULL) {
		if (o > 0)
			q[o++] = ' ';
		o = quote_word(q, o, word, n);
		/* Only the last word is a prefix (what is being typed): FTS5 reads a prefix's
		 * whole doclist into memory, 0.29 s for "negocio" at 1,000,000 records, where
		 * a whole word is read by seeks as the other words narrow it (0.01 s). */
		rest = p;
		if (next_word(&rest, &m) == NULL)
			q[o++] = '*';
	}
	q[o] = '\0';
	return q;
}

/* ---- the words as the index's tokens ---- */

struct tokens {
	char **v;
	int n;
	int odd;		/* a token FTS5 would place with the one before (colocated) */
};

static void
tokens_free(struct tokens *t)
{
	int i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

static int
take_token(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
	struct tokens *t = ctx;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED) {
		t->odd = 1;
		return SQLITE_OK;
	}
	t->v = xrealloc(t->v, (size_t)(t->n + 1) * sizeof *t->v);
	t->v[t->n++] = xstrndup(tok, (size_t)ntok);
	return SQLITE_OK;
}

struct tokenizer {
	fts5_tokenizer api;
	Fts5Tokenizer *tok;
};

/* The tokenizer record_fts was made with; 0, or -1 when it is not the one expected. */
static int
tokenizer_open(struct store *st, struct tokenizer *t)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	void *data = NULL;

	memset(t, 0, sizeof *t);
	if (db_int(st, 0, "SELECT instr(sql, 'tokenize = ''" STORE_SEARCH_TOKENIZE "''') > 0"
	    " FROM sqlite_schema WHERE name = 'record_fts'", "") != 1)
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	if (api == NULL || api->iVersion < 2 ||
	    api->xFindTokenizer(api, STORE_SEARCH_TOKENIZER, &data, &t->api) != SQLITE_OK ||
	    t->api.xCreate(data, (const char **)tokenize_args, 2, &t->tok) != SQLITE_OK) {
		t->tok = NULL;
		return -1;
	}
	return 0;
}

static void
tokenizer_close(struct tokenizer *t)
{
	if (t->tok != NULL)
		t->api.xDelete(t->tok);
	t->tok = NULL;
}

/* text's tokens into out (emptied first); -1 if the tokenizer failed. */
static int
tokenize(struct tokenizer *t, const char *text, size_t n, struct tokens *out)
{
	tokens_free(out);
	return t->api.xTokenize(t->tok, out, FTS5_TOKENIZE_QUERY, text, (int)n,
	    take_token) == SQLITE_OK ? 0 : -1;
}

/* ---- the query asked about one row ---- */

struct text {
	char *s;
	size_t len, cap;
};

static void
text_add(struct text *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
text_quoted(struct text *b, const char *s, size_t n)
{
	char *q = xmalloc(n * 2 + 3);

	text_add(b, q, quote_word(q, 0, s, n));
	free(q);
}

/*
 * The index's terms that begin with prefix, into terms (emptied first): 1 if there are
 * more than PREFIX_TERMS_MAX, else 0; -1 with err. Read from an fts5vocab table of
 * instances in the temp schema (nothing is written to the database): it is in term
 * order and finds the first term at or after a bound at once, where a table of rows
 * would count each term's documents first (60 ms for a word of every record).
 */
static int
prefix_terms(struct store *st, const char *prefix, struct tokens *terms, struct error *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t plen = strlen(prefix);
	char *bound = xstrdup(prefix);
	const char *term;
	int rc = -1, step;

	tokens_free(terms);
	if (db_exec(st, err, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.record_fts_terms USING"
	    " fts5vocab(main, record_fts, instance)", "") != 0)
		goto out;
	stmt = db_prepare(st, "SELECT term FROM temp.record_fts_terms WHERE term >= ?1"
	    " LIMIT 1", err);
	if (stmt == NULL)
		goto out;
	for (;;) {
		sqlite3_bind_text(stmt, 1, bound, -1, SQLITE_STATIC);
		if ((step = sqlite3_step(stmt)) != SQLITE_ROW)
			break;
		term = (const char *)sqlite3_column_text(stmt, 0);
		if (term == NULL || strncmp(term, prefix, plen) != 0)
			break;
		if (terms->n == PREFIX_TERMS_MAX) {
			rc = 1;
			goto out;
		}
		take_token(terms, 0, term, (int)strlen(term), 0, 0);
		free(bound);
		/* The next term: none lies between a term and the term followed by \x01,
		 * a separator no token holds. */
		bound = xasprintf("%s\x01", term);
		sqlite3_reset(stmt);
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_error(st, err, _("listing records"));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(bound);
	return rc;
}

/*
 * The queries that ask FTS5 about one row, one a word (a row matches all the words when
 * it matches each: FTS5 asked "a" "b" AND rowid = ? walks both doclists to the row,
 * 7 ms where asking each is 0.1 ms): the words as fts_query quotes them, the last (a
 * prefix) as the OR of the phrases it can be, each with one of the index's terms that
 * begin its last token. None (the one query instead) when a term is not its own token,
 * the prefix has more than PREFIX_TERMS_MAX terms, or a word holds a colocated token;
 * *none is set when the prefix has no term (nothing matches). -1 with err.
 */
static int
ask_queries(struct store *st, struct tokenizer *tz, const char *search, struct tokens *out,
    int *none, struct error *err)
{
	struct tokens last = { 0 }, terms = { 0 }, check = { 0 };
	struct text q = { 0 };
	const char *p = search, *word, *rest;
	size_t n, m;
	int i, j, rc = -1, r;

	tokens_free(out);
	*none = 0;
	while ((word = next_word(&p, &n)) != NULL) {
		rest = p;
		q.len = 0;
		text_add(&q, "", 0);
		if (next_word(&rest, &m) != NULL) {
			text_quoted(&q, word, n);
			take_token(out, 0, q.s, (int)q.len, 0, 0);
			continue;
		}
		if (tokenize(tz, word, n, &last) != 0 || last.odd || last.n == 0)
			goto give_up;
		if ((r = prefix_terms(st, last.v[last.n - 1], &terms, err)) < 0)
			goto out;
		if (r > 0)
			goto give_up;
		if (terms.n == 0) {
			*none = 1;
			goto give_up;
		}
		for (i = 0; i < terms.n; i++) {
			struct text phrase = { 0 };

			if (tokenize(tz, terms.v[i], strlen(terms.v[i]), &check) != 0 ||
			    check.n != 1 || check.odd || strcmp(check.v[0], terms.v[i]) != 0)
				goto give_up;
			for (j = 0; j < last.n - 1; j++) {
				text_add(&phrase, last.v[j], strlen(last.v[j]));
				text_add(&phrase, " ", 1);
			}
			text_add(&phrase, terms.v[i], strlen(terms.v[i]));
			if (i > 0)
				text_add(&q, " OR ", 4);
			text_quoted(&q, phrase.s, phrase.len);
			free(phrase.s);
		}
		take_token(out, 0, q.s, (int)q.len, 0, 0);
	}
	rc = 0;
	goto out;
give_up:
	tokens_free(out);
	rc = 0;
out:
	if (rc != 0)
		tokens_free(out);
	free(q.s);
	tokens_free(&last);
	tokens_free(&terms);
	tokens_free(&check);
	return rc;
}

/* ---- the set of matches ---- */

struct set {
	int64_t *v;		/* in rowid order */
	int n, cap;
	unsigned char *bits;	/* v as a bitmap when its largest rowid is small */
	int64_t nbits;
};

static void
set_free(struct set *s)
{
	free(s->v);
	free(s->bits);
	memset(s, 0, sizeof *s);
}

static int
cmp_rowid(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Every match of fts (the words asked, AND), as the one query's subquery reads its own. */
static int
set_read(struct store *st, const char *fts, struct set *s, struct error *err)
{
	sqlite3_stmt *stmt;
	int64_t max = -1, id;
	int step, i, sorted = 1;

	/* The record's rowid taken from the key here, not in SQL: an expression on each of
	 * a million matches is a third of the count of a word of every record. */
	stmt = db_prepare(st, "SELECT rowid FROM record_fts WHERE record_fts MATCH ?1", err);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, fts, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 1024;
			s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
		}
		id = sqlite3_column_int64(stmt, 0) & STORE_SEARCH_ROWID_MASK;
		if (s->n > 0 && id <= s->v[s->n - 1])
			sorted = 0;
		s->v[s->n++] = id;
		if (id > max)
			max = id;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE)
		return db_error(st, err, _("listing records"));
	/* The keys come by day (STORE_SEARCH_KEY): the rowids are sorted for the binary
	 * search only, the bitmap takes them in any order (sorting a word of every record
	 * is 80 ms at 1,000,000). */
	if (s->n > 0 && max < BITMAP_ROWID_MAX) {
		s->nbits = max + 1;
		s->bits = xcalloc((size_t)(s->nbits / 8 + 1), 1);
		for (i = 0; i < s->n; i++)
			s->bits[s->v[i] >> 3] |= (unsigned char)(1u << (s->v[i] & 7));
	} else if (!sorted)
		qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_rowid);
	return 0;
}

static int
set_has(const struct set *s, int64_t id)
{
	int lo = 0, hi = s->n - 1, mid;

	if (s->bits != NULL)
		return id >= 0 && id < s->nbits && (s->bits[id >> 3] >> (id & 7) & 1);
	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (s->v[mid] == id)
			return 1;
		if (s->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* The set as a JSON array, for json_each. */
static struct text
set_json(const struct set *s)
{
	struct text json = { 0 };
	char num[24];
	int i;

	text_add(&json, "[", 1);
	for (i = 0; i < s->n; i++)
		text_add(&json, num, (size_t)snprintf(num, sizeof num, "%s%lld", i ? "," : "",
		    (long long)s->v[i]));
	text_add(&json, "]", 1);
	return json;
}

/* The page from the set's rows, sorted by the filter's WHERE and ORDER BY. */
static int
set_sort(struct store *st, const struct set *s, const struct where *w, const char *order,
    long limit, long offset, int64_t *out, int *n, struct error *err)
{
	struct text json = set_json(s);
	struct where cond = *w;
	sqlite3_stmt *stmt;
	char *tail = xasprintf("%s LIMIT ?9998 OFFSET ?9999", order);
	int step;

	/* NOT INDEXED: the set drives, each of its rows looked up by rowid (no index is
	 * used, but the rowid is), and the rows are sorted. */
	where_add(&cond, "r.rowid IN (SELECT value FROM json_each(?9997))", NULL);
	stmt = where_prepare(st, "SELECT r.rowid FROM record r NOT INDEXED", &cond, tail, err);
	free(tail);
	if (stmt == NULL) {
		free(json.s);
		return -1;
	}
	sqlite3_bind_text(stmt, 9997, json.s, (int)json.len, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 9998, limit);
	sqlite3_bind_int64(stmt, 9999, offset);
	*n = 0;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW && *n < limit)
		out[(*n)++] = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	free(json.s);
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		return db_error(st, err, _("listing records"));
	return 0;
}


/* ---- the page ---- */

/* What the walk's membership test (search_has) keeps between rows. */
struct walk {
	struct store *st;
	const char *fts;	/* the set's MATCH: the words asked, AND */
	sqlite3_stmt **ask;	/* one a word */
	int nask;
	struct set set;
	int have_set;
	int sort;		/* the walk gave up: sort the set (search_has failed for it) */
	long rows, hits, budget;
	double ask_ns;		/* time spent asking FTS5 */
	int64_t records;	/* the largest rowid: about how many records there are */
	struct error err;
};

#define WALK_POINTER "volunteer_search_walk"

static double
now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/*
 * search_has(walk, rowid[, date]): whether the row matches (the date makes the key FTS5
 * is asked about; once the set is read it is not needed), for the walk's statement,
 * where it comes before the filter's other conditions: SQLite tests what the index
 * holds (the rowid) before it reads the row, so a row that does not match costs no read
 * of the table (a work record is "not a business", which the date index does not hold).
 */
static void
search_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct walk *wk = argc >= 2 ? sqlite3_value_pointer(argv[0], WALK_POINTER) : NULL;
	int64_t id = argc >= 2 ? sqlite3_value_int64(argv[1]) : 0;
	sqlite3_value *date = argc > 2 ? argv[2] : NULL;
	double t0;
	int step, hit, i;

	if (wk == NULL) {
		sqlite3_result_error(ctx, "search_has: no walk", -1);
		return;
	}
	wk->rows++;
	if (!wk->have_set && (wk->nask == 0 || date == NULL || (wk->rows > ASK_ROWS_MIN &&
	    wk->ask_ns > (double)(wk->hits + 1) / (double)wk->rows * (double)wk->records *
	    SET_READ_NS))) {
		if (set_read(wk->st, wk->fts, &wk->set, &wk->err) != 0) {
			sqlite3_result_error(ctx, wk->err.msg, -1);
			return;
		}
		wk->have_set = 1;
		wk->budget = wk->rows + SORT_ROWS * (long)wk->set.n;
	}
	if (wk->have_set && wk->rows > wk->budget) {
		wk->sort = 1;
		sqlite3_result_error(ctx, "search_has: sorting instead", -1);
		return;
	}
	if (wk->have_set)
		hit = set_has(&wk->set, id);
	else {
		t0 = now_ns();
		for (i = 0, hit = 1; hit && i < wk->nask; i++) {
			sqlite3_bind_int64(wk->ask[i], 2, id);
			sqlite3_bind_value(wk->ask[i], 3, date);
			hit = (step = sqlite3_step(wk->ask[i])) == SQLITE_ROW;
			sqlite3_reset(wk->ask[i]);
			if (step != SQLITE_ROW && step != SQLITE_DONE) {
				db_error(wk->st, &wk->err, _("listing records"));
				sqlite3_result_error(ctx, wk->err.msg, -1);
				return;
			}
		}
		wk->ask_ns += now_ns() - t0;
	}
	wk->hits += hit;
	sqlite3_result_int(ctx, hit);
}

int
search_register(struct store *st, struct error *err)
{
	if (sqlite3_create_function(st->db, "search_has", -1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
	    NULL, search_has, NULL, NULL) != SQLITE_OK)
		return db_error(st, err, _("database functions"));
	return 0;
}

/*
 * The queries asked row by row (asked) and the set's query (*fts), from the words; *fts
 * NULL when no plan applies; *none when nothing can match. -1 with err.
 */
static int
search_queries(struct store *st, const char *search, struct tokens *asked, char **fts,
    int *none, struct error *err)
{
	struct tokenizer tz;
	struct text q = { 0 };
	int i;

	*fts = NULL;
	*none = 0;
	if (tokenizer_open(st, &tz) != 0)
		return 0;
	if (ask_queries(st, &tz, search, asked, none, err) != 0) {
		tokenizer_close(&tz);
		return -1;
	}
	tokenizer_close(&tz);
	/* Words that cannot be asked row by row (a prefix of many terms): the one query,
	 * whose plan does as well as reading the set would (negocio 123: 22 ms, 4,199
	 * matches). */
	if (asked->n == 0) {
		if (*none)
			*fts = fts_query(search);
		return 0;
	}
	/* The set as well from the words asked: the prefix as its terms (OR), which FTS5
	 * reads by seeks where it would merge the prefix's whole doclist. */
	for (i = 0; i < asked->n; i++) {
		text_add(&q, i ? " AND (" : "(", i ? 6 : 1);
		text_add(&q, asked->v[i], strlen(asked->v[i]));
		text_add(&q, ")", 1);
	}
	*fts = q.s;
	return 0;
}

/* ---- the matches in the list's order ---- */

/*
 * The page read from the index in the list's order (schema 11: a match's key is its day
 * and its record, STORE_SEARCH_KEY): FTS5 gives the matches day by day, newest first or
 * oldest, within the days the filter allows, and each day's matches are put in the
 * filter's order by its own WHERE and ORDER BY, which orders the rows of a day by id and
 * leaves out those the filter does not take. A page of a word's newest records costs
 * about the page, however many newer records lack the word. *done is 0 when more than
 * KEY_WALK_ROWS + twice the page were read (a filter narrower than the word: the walk
 * of search_page does better) or when some indexed record's date does not read
 * 9999-99-99 (its key, of day 0, tells nothing of its place); 1 with the page in page
 * and *n.
 */
#define KEY_WALK_ROWS 2000
/* A day of more matches than this is walked along the filter's index for that day, each
 * row tested in the day's set before it is read: its rows lie together there, where
 * looking up each match touches a page of the table of its own (1,500 matches on the
 * newest day of a word of every record: 30 ms of page faults against 12 ms). Fewer are
 * looked up by rowid. */
#define KEY_DAY_LOOKUPS 64

struct key_day {
	struct store *st;
	sqlite3_stmt *lookup;	/* the day's rowids as a JSON array, looked up */
	sqlite3_stmt *walk;	/* the filter's rows of one day that search_has takes */
	struct walk wk;		/* its set: the day's rowids */
	long limit, offset, matched;
};

/* The day's rows (wk.set: its matches) that the filter takes, in its order, after the
 * kd->matched rows already passed: into page up to limit. */
static int
key_walk_day(struct key_day *kd, int64_t day, int64_t *page, int *n)
{
	struct text json = { 0 };
	sqlite3_stmt *stmt;
	char date[16];
	int step = SQLITE_DONE;	/* a page already full reads nothing */

	if (kd->wk.set.n > KEY_DAY_LOOKUPS) {
		qsort(kd->wk.set.v, (size_t)kd->wk.set.n, sizeof *kd->wk.set.v, cmp_rowid);
		snprintf(date, sizeof date, "%04d-%02d-%02d", (int)(day / 10000 % 10000),
		    (int)(day / 100 % 100), (int)(day % 100));
		stmt = kd->walk;
		sqlite3_bind_text(stmt, 9996, date, -1, SQLITE_TRANSIENT);
	} else {
		json = set_json(&kd->wk.set);
		stmt = kd->lookup;
		sqlite3_bind_text(stmt, 9997, json.s, (int)json.len, SQLITE_STATIC);
	}
	while (*n < kd->limit && (step = sqlite3_step(stmt)) == SQLITE_ROW)
		if (kd->matched++ >= kd->offset)
			page[(*n)++] = sqlite3_column_int64(stmt, 0);
	if (*n == kd->limit)
		step = SQLITE_DONE;
	sqlite3_reset(stmt);
	free(json.s);
	if (step != SQLITE_DONE && kd->wk.err.msg[0] != '\0')
		return -1;
	return step == SQLITE_DONE ? 0 : -1;
}

static int
key_walk(struct store *st, const char *fts, const struct where *w, const char *order,
    const struct search_days *days, long limit, long offset, int64_t *page, int *n,
    int *done, struct error *err)
{
	struct where lookup = *w, walk = *w;
	struct key_day kd;
	sqlite3_stmt *keys = NULL;
	int64_t key, lo, hi, cur = -1;
	long seen = 0, budget = KEY_WALK_ROWS + 2 * (limit + offset);
	int rc = -1, step;

	*done = 0;
	*n = 0;
	memset(&kd, 0, sizeof kd);
	/* A match of day 0 (a date that does not read 9999-99-99) is found at once, by the
	 * rowid range of the query's doclists; the rowids must leave the day's bits alone. */
	if (db_int(st, 1, "SELECT EXISTS (SELECT 1 FROM record_fts WHERE record_fts MATCH ?1"
	    " AND rowid < ?2)", "ti", fts, (int64_t)1 << STORE_SEARCH_KEY_BITS) != 0 ||
	    db_int(st, -1, "SELECT max(rowid) FROM record", "") >> STORE_SEARCH_KEY_BITS != 0)
		return 0;
	kd.st = st;
	kd.limit = limit;
	kd.offset = offset;
	kd.wk.st = st;
	kd.wk.have_set = 1;
	kd.wk.budget = LONG_MAX;
	/* The filter's days (every stored date reads 9999-99-99): from the first key of
	 * from's day to the last of to's. A bound that is not a date bounds nothing here. */
	lo = db_int(st, 0, "SELECT CASE WHEN ?1 GLOB " STORE_DATE_GLOB " THEN "
	    STORE_SEARCH_KEY("?1", "0") " END", "t", days->from);
	hi = db_int(st, INT64_MAX, "SELECT CASE WHEN ?1 GLOB " STORE_DATE_GLOB " THEN "
	    STORE_SEARCH_KEY("?1", "68719476735") " END", "t", days->to);
	keys = db_prepare(st, days->oldest_first ? "SELECT rowid FROM record_fts WHERE"
	    " record_fts MATCH ?1 AND rowid >= ?2 AND rowid <= ?3 ORDER BY rowid" :
	    "SELECT rowid FROM record_fts WHERE record_fts MATCH ?1 AND rowid >= ?2"
	    " AND rowid <= ?3 ORDER BY rowid DESC", err);
	if (keys == NULL)
		goto out;
	sqlite3_bind_text(keys, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(keys, 2, lo);
	sqlite3_bind_int64(keys, 3, hi);
	/* NOT INDEXED: the day's rows drive, each looked up by rowid, then sorted. */
	where_add(&lookup, "r.rowid IN (SELECT value FROM json_each(?9997))", NULL);
	where_add(&walk, "r.date = ?9996 AND search_has(?9995, r.rowid, r.date)", NULL);
	if ((kd.lookup = where_prepare(st, "SELECT r.rowid FROM record r NOT INDEXED", &lookup,
	    order, err)) == NULL ||
	    (kd.walk = where_prepare(st, "SELECT r.rowid FROM record r", &walk, order, err)) ==
	    NULL)
		goto out;
	sqlite3_bind_pointer(kd.walk, 9995, &kd.wk, WALK_POINTER, NULL);
	while ((step = sqlite3_step(keys)) == SQLITE_ROW) {
		key = sqlite3_column_int64(keys, 0);
		if (key >> STORE_SEARCH_KEY_BITS != cur && kd.wk.set.n > 0) {
			if (key_walk_day(&kd, cur, page, n) != 0)
				goto failed;
			if (*n == limit)
				break;
			kd.wk.set.n = 0;
		}
		if (++seen > budget) {
			*n = 0;
			rc = 0;
			goto out;
		}
		cur = key >> STORE_SEARCH_KEY_BITS;
		if (kd.wk.set.n == kd.wk.set.cap) {
			kd.wk.set.cap = kd.wk.set.cap ? kd.wk.set.cap * 2 : 64;
			kd.wk.set.v = xrealloc(kd.wk.set.v, (size_t)kd.wk.set.cap *
			    sizeof *kd.wk.set.v);
		}
		kd.wk.set.v[kd.wk.set.n++] = key & STORE_SEARCH_ROWID_MASK;
	}
	if (*n < limit) {
		if (step != SQLITE_DONE)
			goto failed;
		if (kd.wk.set.n > 0 && key_walk_day(&kd, cur, page, n) != 0)
			goto failed;
	}
	*done = 1;
	rc = 0;
	goto out;
failed:
	if (kd.wk.err.msg[0] != '\0' && err != NULL)
		*err = kd.wk.err;
	else
		db_error(st, err, _("listing records"));
	*n = 0;
out:
	sqlite3_finalize(keys);
	sqlite3_finalize(kd.lookup);
	sqlite3_finalize(kd.walk);
	set_free(&kd.wk.set);
	return rc;
}

int
search_page(struct store *st, const char *search, const struct where *w,
    const char *order, const struct search_days *days, long limit, long offset,
    int64_t **out, int *n, struct error *err)
{
	struct walk wk;
	struct where cond;
	sqlite3_stmt *stmt = NULL;
	struct tokens asked = { 0 };
	char *fts = NULL;
	long matched = 0;
	int64_t *page = NULL;
	int rc = -1, step = SQLITE_DONE, none = 0, i, done;

	*out = NULL;
	*n = 0;
	memset(&wk, 0, sizeof wk);
	if (limit < 1 || offset < 0 || limit + offset > SEARCH_PAGE_MAX)
		return 0;
	if (search_queries(st, search, &asked, &fts, &none, err) != 0)
		return rc;
	if (fts == NULL)
		return 0;
	page = xmalloc((size_t)limit * sizeof *page);
	if (none) {
		rc = 1;
		goto out;
	}
	if (key_walk(st, fts, w, order, days, limit, offset, page, n, &done, err) != 0)
		goto out;
	if (done) {
		rc = 1;
		goto out;
	}
	wk.st = st;
	wk.fts = fts;
	wk.records = db_int(st, 0, "SELECT max(rowid) FROM record", "");
	wk.ask = xcalloc((size_t)asked.n + 1, sizeof *wk.ask);
	for (; wk.nask < asked.n; wk.nask++) {
		wk.ask[wk.nask] = db_prepare(st, "SELECT 1 FROM record_fts"
		    " WHERE record_fts MATCH ?1 AND rowid = " STORE_SEARCH_KEY("?3", "?2"), err);
		if (wk.ask[wk.nask] == NULL)
			goto out;
		sqlite3_bind_text(wk.ask[wk.nask], 1, asked.v[wk.nask], -1, SQLITE_STATIC);
	}
	/* Last in the text, so that the filter's own values keep their numbers (?1, ...). */
	cond = *w;
	where_add(&cond, "search_has(?9997, r.rowid, r.date)", NULL);
	if ((stmt = where_prepare(st, "SELECT r.rowid FROM record r", &cond, order, err)) ==
	    NULL)
		goto out;
	sqlite3_bind_pointer(stmt, 9997, &wk, WALK_POINTER, NULL);
	while (matched < offset + limit && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (matched++ >= offset)
			page[(*n)++] = sqlite3_column_int64(stmt, 0);
		if (wk.have_set && matched == wk.set.n)
			break;	/* every match is on the walk already */
	}
	if (matched < offset + limit && !(wk.have_set && matched == wk.set.n) &&
	    step != SQLITE_DONE) {
		if (!wk.sort) {
			if (wk.err.msg[0] != '\0' && err != NULL)
				*err = wk.err;
			else
				db_error(st, err, _("listing records"));
			goto out;
		}
		if (set_sort(st, &wk.set, w, order, limit, offset, page, n, err) != 0)
			goto out;
	}
	rc = 1;
out:
	if (rc == 1) {
		*out = page;
		page = NULL;
	} else
		*n = 0;
	sqlite3_finalize(stmt);
	for (i = 0; i < wk.nask; i++)
		sqlite3_finalize(wk.ask[i]);
	free(wk.ask);
	set_free(&wk.set);
	free(page);
	free(fts);
	tokens_free(&asked);
	return rc;
}

int
search_count(struct store *st, const char *search, const struct where *w, long *out,
    struct error *err)
{
	struct tokens asked = { 0 };
	struct walk wk;
	struct where cond = *w;
	struct text json = { 0 };
	sqlite3_stmt *stmt = NULL;
	char *fts = NULL;
	int rc = -1, none = 0, by_rowid;

	*out = 0;
	memset(&wk, 0, sizeof wk);
	if (search_queries(st, search, &asked, &fts, &none, err) != 0)
		return -1;
	if (fts == NULL)
		return 0;
	if (none) {
		rc = 1;
		goto out;
	}
	if (set_read(st, fts, &wk.set, err) != 0)
		goto out;
	if (wk.set.n == 0) {
		rc = 1;
		goto out;
	}
	/* Few matches: each looked up by rowid; else the filter's rows walked, each tested
	 * in the set's bitmap (a lookup costs SORT_ROWS rows of the walk). */
	by_rowid = (int64_t)wk.set.n * SORT_ROWS < db_int(st, 0, "SELECT max(rowid) FROM record",
	    "");
	if (by_rowid) {
		json = set_json(&wk.set);
		where_add(&cond, "r.rowid IN (SELECT value FROM json_each(?9997))", NULL);
		stmt = where_prepare(st, "SELECT count(*) FROM record r NOT INDEXED", &cond, NULL,
		    err);
	} else {
		wk.st = st;
		wk.have_set = 1;
		wk.budget = LONG_MAX;
		/* The set is read: no row is asked about, and no date needed. */
		where_add(&cond, "search_has(?9997, r.rowid)", NULL);
		stmt = where_prepare(st, "SELECT count(*) FROM record r", &cond, NULL, err);
	}
	if (stmt == NULL)
		goto out;
	if (by_rowid)
		sqlite3_bind_text(stmt, 9997, json.s, (int)json.len, SQLITE_STATIC);
	else
		sqlite3_bind_pointer(stmt, 9997, &wk, WALK_POINTER, NULL);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		if (wk.err.msg[0] != '\0' && err != NULL)
			*err = wk.err;
		else
			db_error(st, err, _("counting records"));
		goto out;
	}
	*out = (long)sqlite3_column_int64(stmt, 0);
	rc = 1;
out:
	sqlite3_finalize(stmt);
	set_free(&wk.set);
	free(json.s);
	free(fts);
	tokens_free(&asked);
	return rc;
}
