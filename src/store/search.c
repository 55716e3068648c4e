/*
 * Full-text search, Arabic-aware. SQLite's unicode61 tokenizer folds Latin
 * case and diacritics but treats Arabic harakat as letters and alef forms
 * as distinct, so a word typed without vowel marks would not find the same
 * word written with them. Both sides therefore go through one normal form
 * (store_search_normalize) before FTS5 sees them: the index holds the
 * normalized title and body text, and every query is normalized the same
 * way. The index follows the items table through triggers (schema.c) that
 * call the two SQL functions defined here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* 0 drops the character; otherwise what it becomes. */
static uint32_t
search_fold(uint32_t cp)
{
	if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640)
		return 0;	/* harakat, superscript alef, tatweel */
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671:
		return 0x0627;	/* alef with madda / hamza above / below, wasla */
	case 0x0629:
		return 0x0647;	/* ta marbuta -> ha */
	case 0x0649:
		return 0x064A;	/* alef maqsura -> ya */
	}
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (cp >= 0x0600 && cp <= 0x06FF)
		return cp;	/* Arabic has no case */
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

/* Room for at least need more bytes (and map entries) after o. */
static void
norm_reserve(char **out, size_t **map, size_t *cap, size_t o, size_t need)
{
	if (o + need <= *cap)
		return;
	*cap = (o + need) * 2;
	*out = xrealloc(*out, *cap);
	if (map != NULL)
		*map = xreallocarray(*map, *cap, sizeof **map);
}

/*
 * This runs over every byte of every stored body (through the index
 * triggers), so it writes into one buffer sized up front: the normal form is
 * rarely longer than the input (a bad byte becomes a 3-byte U+FFFD and a
 * few lower-case letters are longer; the buffer grows for those).
 */
char *
store_search_normalize(const char *s, size_t len, size_t **map)
{
	size_t cap = len + 16, o = 0, i = 0;
	char *out = xmalloc(cap);
	size_t *m = map != NULL ? xreallocarray(NULL, cap, sizeof *m) : NULL;
	size_t **mp = map != NULL ? &m : NULL;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n, k;

		if (c < 0x80) {
			norm_reserve(&out, mp, &cap, o, 2);
			if (m != NULL)
				m[o] = i;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if ((cp = search_fold(cp)) != 0) {
			norm_reserve(&out, mp, &cap, o, 5);
			k = utf8_encode(cp, out + o);
			for (size_t j = 0; m != NULL && j < k; j++)
				m[o + j] = i;
			o += k;
		}
		i += n;
	}
	out[o] = '\0';
	if (map != NULL) {
		m[o] = len;
		*map = m;
	}
	return out;
}

/* Characters of named entities common in feeds; the rest stay as written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	{ "nbsp", ' ' }, { "zwnj", 0x200C }, { "zwj", 0x200D },
	{ "laquo", 0x00AB }, { "raquo", 0x00BB }, { "hellip", 0x2026 },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 },
};

/* Decode the entity at p (just after '&'); returns its length up to and
 * including ';', or 0 when it is not one we know. */
static size_t
html_entity(const char *p, uint32_t *cp)
{
	size_t n = 0;

	while (n <= 10 && p[n] != '\0' && p[n] != ';')
		n++;
	if (p[n] != ';')
		return 0;
	if (n >= 2 && p[0] == '#') {
		char *end;
		unsigned long v = (p[1] == 'x' || p[1] == 'X') ?
		    strtoul(p + 2, &end, 16) : strtoul(p + 1, &end, 10);
		if (end != p + n || v == 0 || v > 0x10FFFF)
			return 0;
		*cp = (uint32_t)v;
		return n + 1;
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		if (strlen(entities[i].name) == n && memcmp(p, entities[i].name, n) == 0) {
			*cp = entities[i].cp;
			return n + 1;
		}
	}
	return 0;
}

/* Skip the element whose name follows "<" at p when it is script or style:
 * returns where its end tag ends, or NULL when p is not such an element. */
static const char *
html_skip_raw(const char *p)
{
	static const char *const raw[] = { "script", "style" };

	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(raw[i]);
		const char *q;
		if (strncasecmp(p + 1, raw[i], n) != 0 ||
		    (p[1 + n] != '>' && p[1 + n] != ' ' && p[1 + n] != '\t' && p[1 + n] != '\n'))
			continue;
		for (q = p + 1 + n; (q = strchr(q, '<')) != NULL; q++) {
			if (q[1] == '/' && strncasecmp(q + 2, raw[i], n) == 0) {
				const char *gt = strchr(q, '>');
				return gt != NULL ? gt + 1 : q + strlen(q);
			}
		}
		return p + strlen(p);
	}
	return NULL;
}

/* Plain text from HTML, appended to out: tags become spaces, script and
 * style elements and comments go, entities are decoded. */
static void
html_text(const char *html, struct buf *out)
{
	const char *p = html;

	while (*p != '\0') {
		if (*p == '<') {
			const char *end;
			if (strncmp(p, "<!--", 4) == 0) {
				end = strstr(p + 4, "-->");
				p = end != NULL ? end + 3 : p + strlen(p);
			} else if ((end = html_skip_raw(p)) != NULL) {
				p = end;
			} else {
				end = strchr(p, '>');
				p = end != NULL ? end + 1 : p + strlen(p);
			}
			/* A tag separates words (<p>a</p><p>b</p> is "a b"). */
			buf_append_char(out, ' ');
		} else if (*p == '&') {
			uint32_t cp;
			size_t n = html_entity(p + 1, &cp);
			if (n != 0) {
				char enc[4];
				buf_append(out, enc, utf8_encode(cp, enc));
				p += 1 + n;
			} else
				buf_append_char(out, *p++);
		} else {
			const char *q = p + strcspn(p, "<&");
			buf_append(out, p, (size_t)(q - p));
			p = q;
		}
	}
}

/* nr_fts_text(text): the indexed form of a plain-text column. */
static void
fts_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, store_search_normalize(text,
	    (size_t)sqlite3_value_bytes(argv[0]), NULL), -1, free);
}

/* nr_fts_html(summary, content): the indexed form of the body. */
static void
fts_html(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct buf text = BUF_INIT;

	for (int i = 0; i < argc; i++) {
		const char *html = (const char *)sqlite3_value_text(argv[i]);
		if (html == NULL)
			continue;
		if (text.len > 0)
			buf_append_char(&text, '\n');
		html_text(html, &text);
	}
	sqlite3_result_text(ctx, store_search_normalize(buf_str(&text), text.len, NULL), -1,
	    free);
	buf_free(&text);
}

int
store_search_register(struct store *s)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(s->db, "nr_fts_text", 1, flags, NULL, fts_text, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "nr_fts_html", 2, flags, NULL, fts_html, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(s);
	return 0;
}

/*
 * Why new rows are indexed at commit, not one by one: any statement that
 * opens a statement journal (an item INSERT does: several indexes, a
 * foreign key) makes SQLite call xSavepoint on every virtual table already
 * written in the transaction, and FTS5 answers by flushing its in-memory
 * terms to a new segment. Interleaving item and index writes thus wrote one
 * tiny segment per item and merged them over and over (about 10x slower for
 * a 20,000-item feed). Queued in fts_pending and indexed by one INSERT ...
 * SELECT at commit, the terms are flushed once. The queue is a table, not
 * memory, so indexing can also be put off (store_set_deferred_index) and
 * done later by anyone.
 */
int
store_fts_queue(struct store *s, int64_t item_id, bool is_new)
{
	sqlite3_stmt *st;

	if (!is_new) {
		int rc;
		st = store_stmt(s, STMT_FTS_IS_PENDING,
		    "SELECT 1 FROM fts_pending WHERE id = ?1");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, item_id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return 0;	/* queued earlier in this transaction: not indexed yet */
		if (rc != SQLITE_DONE)
			return store_fail(s);
		st = store_stmt(s, STMT_FTS_DELETE_OLD,
		    "INSERT INTO items_fts (items_fts, rowid, title, body) "
		    "SELECT 'delete', id, nr_fts_text(title), nr_fts_html(summary, content) "
		    "FROM items WHERE id = ?1");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, item_id);
		if (store_step_done(s, st) == -1)
			return -1;
	}
	st = store_stmt(s, STMT_FTS_ADD_PENDING,
	    "INSERT OR IGNORE INTO fts_pending (id) VALUES (?1)");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	if (store_step_done(s, st) == -1)
		return -1;
	s->fts_pending++;
	return 0;
}

/* Index up to max queued items (0: all); 0 or -1. */
static int
fts_index_pending(struct store *s, size_t max)
{
	int64_t lim = max == 0 || max > INT64_MAX ? -1 : (int64_t)max;
	sqlite3_stmt *st;

	/* Both statements take the same lowest ids: one transaction. */
	st = store_stmt(s, STMT_FTS_FLUSH,
	    "INSERT INTO items_fts (rowid, title, body) "
	    "SELECT i.id, nr_fts_text(i.title), nr_fts_html(i.summary, i.content) "
	    "FROM fts_pending p JOIN items i ON i.id = p.id ORDER BY p.id LIMIT ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, lim);
	if (store_step_done(s, st) == -1)
		return -1;
	st = store_stmt(s, STMT_FTS_CLEAR_PENDING,
	    "DELETE FROM fts_pending WHERE id IN "
	    "(SELECT id FROM fts_pending ORDER BY id LIMIT ?1)");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, lim);
	return store_step_done(s, st);
}

int
store_fts_flush(struct store *s)
{
	if (s->fts_pending == 0 || s->fts_deferred)
		return 0;
	if (fts_index_pending(s, 0) == -1)
		return -1;
	s->fts_pending = 0;
	return 0;
}

void
store_set_deferred_index(struct store *s, bool deferred)
{
	s->fts_deferred = deferred;
}

int64_t
store_search_catch_up(struct store *s, size_t max)
{
	sqlite3_stmt *st;
	int64_t left = -1;

	if (store_begin(s) == -1)
		return -1;
	if (fts_index_pending(s, max) == -1)
		goto fail;
	st = store_stmt(s, STMT_FTS_COUNT_PENDING, "SELECT count(*) FROM fts_pending");
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		left = sqlite3_column_int64(st, 0);
	else
		store_fail(s);
	sqlite3_reset(st);
	if (left < 0)
		goto fail;
	s->fts_pending = 0;
	if (store_run_commit(s) == -1)
		goto fail;
	return left;
fail:
	{
		char *err = s->err;
		s->err = NULL;
		store_rollback(s);
		free(s->err);
		s->err = err;
	}
	return -1;
}

/* The FTS5 query for the user's words: each normalized word as a quoted
 * string (so no word is read as FTS5 syntax) with a prefix star, all ANDed.
 * NULL when there is no word. */
static char *
search_query(const char *query)
{
	char *norm = store_search_normalize(query, strlen(query), NULL);
	struct buf q = BUF_INIT;
	const char *p = norm;

	for (;;) {
		size_t n;
		p += strspn(p, " \t\r\n");
		if ((n = strcspn(p, " \t\r\n")) == 0)
			break;
		if (q.len > 0)
			buf_append_char(&q, ' ');
		buf_append_char(&q, '"');
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '"')
				buf_append_char(&q, '"');
			buf_append_char(&q, p[i]);
		}
		buf_append_str(&q, "\"*");
		p += n;
	}
	free(norm);
	if (q.len == 0) {
		buf_free(&q);
		return NULL;
	}
	return buf_detach(&q);
}

int
store_search(struct store *s, const char *query, size_t limit, size_t offset,
    struct store_item_list *out)
{
	sqlite3_stmt *st;
	char *fts;
	int ret;

	store_item_list_clear(out);
	if ((fts = search_query(query)) == NULL)
		return 0;
	/* Items upserted in this connection's open transaction are found too. */
	if (store_fts_flush(s) == -1) {
		free(fts);
		return -1;
	}
	/* bm25 weights: a word in the title counts four times one in the body. */
	st = store_stmt(s, STMT_SEARCH,
	    "SELECT " SUMMARY_COLUMNS " FROM items_fts "
	    "JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id "
	    "WHERE items_fts MATCH ?1 ORDER BY bm25(items_fts, 4.0, 1.0), i.date DESC "
	    "LIMIT ?2 OFFSET ?3");
	if (st == NULL) {
		free(fts);
		return -1;
	}
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	sqlite3_bind_int64(st, 3, offset > INT64_MAX ? INT64_MAX : (int64_t)offset);
	ret = store_summaries_collect(s, st, out);
	free(fts);
	return ret;
}
