/*
 * The FTS5 tokenizer "nr_stem": unicode61 (as before) plus, for each
 * Arabic word that light stemming changes (stem.c), its stem as a
 * colocated term marked with a leading '~' (a character unicode61 never
 * keeps in a term, so a stem can never be mistaken for a written word).
 * Written words stay in the index at their positions, so "exact phrases"
 * still match exactly; a bare query word asks for its stem's term as well
 * (search.c). In a query, a string starting with '~' is one stem term as
 * given.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/xalloc.h"

struct nr_tok {
	fts5_tokenizer parent;
	Fts5Tokenizer *inst;
};

struct cb {
	void *ctx;
	int (*x_token)(void *, int, const char *, int, int, int);
	bool document;
};

static int
x_create(void *api_ptr, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = api_ptr;
	void *ud = NULL;
	struct nr_tok *t = xcalloc(1, sizeof *t);
	const char *parent = argc > 0 ? argv[0] : "unicode61";
	int rc = api->xFindTokenizer(api, parent, &ud, &t->parent);

	if (rc == SQLITE_OK)
		rc = t->parent.xCreate(ud, argc > 0 ? argv + 1 : NULL, argc > 0 ? argc - 1 : 0,
		    &t->inst);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
x_delete(Fts5Tokenizer *tok)
{
	struct nr_tok *t = (struct nr_tok *)tok;

	t->parent.xDelete(t->inst);
	free(t);
}

/* Emit "~" + w[start..start+len) at the position of the word just emitted. */
static int
emit_stem(struct cb *c, const char *w, size_t start, size_t len, int s, int e)
{
	char buf[256];

	if (len == 0 || len + 1 > sizeof buf)
		return SQLITE_OK;
	buf[0] = '~';
	memcpy(buf + 1, w + start, len);
	return c->x_token(c->ctx, FTS5_TOKEN_COLOCATED, buf, (int)len + 1, s, e);
}

static int
on_token(void *ctx, int flags, const char *w, int n, int s, int e)
{
	struct cb *c = ctx;
	size_t st1, st2, k1, k2;
	int rc = c->x_token(c->ctx, flags, w, n, s, e);

	if (rc != SQLITE_OK || !c->document || n <= 0)
		return rc;
	k1 = store_stem_ar(w, (size_t)n, &st1);
	if (k1 != (size_t)n)
		rc = emit_stem(c, w, st1, k1, s, e);
	k2 = store_stem_ar_particle(w, (size_t)n, &st2);
	if (rc == SQLITE_OK && k2 != 0 && !(k2 == k1 && memcmp(w + st2, w + st1, k1) == 0))
		rc = emit_stem(c, w, st2, k2, s, e);
	return rc;
}

static int
x_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int n,
    int (*x_token)(void *, int, const char *, int, int, int))
{
	struct nr_tok *t = (struct nr_tok *)tok;
	struct cb c = { ctx, x_token, (flags & FTS5_TOKENIZE_DOCUMENT) != 0 };

	if ((flags & FTS5_TOKENIZE_QUERY) && n > 1 && text[0] == '~')
		return x_token(ctx, 0, text, n, 0, n);
	return t->parent.xTokenize(t->inst, &c, flags, text, n, on_token);
}

int
store_tokenizer_register_db(sqlite3 *db)
{
	static fts5_tokenizer tok = { x_create, x_delete, x_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "nr_stem", api, &tok, NULL);
}

int
store_tokenizer_register(struct store *s)
{
	if (store_tokenizer_register_db(s->db) != SQLITE_OK)
		return sqlite3_errcode(s->db) != SQLITE_OK ? store_fail(s) :
		    store_failf(s, "SQLite has no FTS5");
	return 0;
}
