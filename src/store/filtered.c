/*
 * Lists narrowed by a filter expression (src/filter): query feeds, the
 * limit prompt and kill rules in display mode.
 *
 * The expression is evaluated in C, by the one matcher the rest of the
 * program uses, from inside SQL: nr_filter(?, now, columns...) is an SQL
 * function over the row, so keyset paging, counts and the unread state
 * work on filtered lists exactly as on plain ones. Columns the expression
 * does not read are passed as NULL, so SQLite never loads a body that only
 * a content filter needs.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "filter/filter.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The arguments after the pointer and the time, in order, with the
 * attribute each serves. */
static const struct {
	enum filter_attr attr;
	const char *sql;
} columns[] = {
	{ FILTER_TITLE, "i.title" },
	{ FILTER_LINK, "i.link" },
	{ FILTER_AUTHOR, "i.author" },
	{ FILTER_CONTENT, "i.content" },
	{ FILTER_DESCRIPTION, "i.summary" },
	{ FILTER_GUID, "i.guid" },
	{ FILTER_RSSURL, "f.url" },
	{ FILTER_FEEDTITLE, "coalesce(f.user_title, f.doc_title, f.url)" },
	{ FILTER_TAGS, "f.tags" },
	{ FILTER_ENCLOSURE_URL,
	  "CASE WHEN json_valid(i.enclosures) THEN json_extract(i.enclosures, '$[0].url') END" },
	{ FILTER_ENCLOSURE_TYPE,
	  "CASE WHEN json_valid(i.enclosures) THEN json_extract(i.enclosures, '$[0].type') END" },
	{ FILTER_LANG, "coalesce(i.language, f.language)" },
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])
/* Then date, read, liked, starred (cheap: always passed). */
#define NARGS (2 + NCOLUMNS + 4)

static const char *
arg_text(sqlite3_value *v)
{
	return sqlite3_value_type(v) == SQLITE_NULL ? NULL :
	    (const char *)sqlite3_value_text(v);
}

static void
nr_filter(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct filter *f = sqlite3_value_pointer(argv[0], "nr_filter");
	struct filter_item it = { 0 };
	const char *t[NCOLUMNS];

	if (argc != (int)NARGS || f == NULL) {
		sqlite3_result_error(ctx, "nr_filter: no filter bound", -1);
		return;
	}
	for (size_t i = 0; i < NCOLUMNS; i++)
		t[i] = arg_text(argv[2 + i]);
	it.title = t[0];
	it.link = t[1];
	it.author = t[2];
	it.content = t[3];
	it.description = t[4];
	it.guid = t[5];
	it.feed_url = t[6];
	it.feed_title = t[7];
	it.tags = t[8];
	it.enclosure_url = t[9];
	it.enclosure_type = t[10];
	it.lang = t[11];
	it.date = (time_t)sqlite3_value_int64(argv[2 + NCOLUMNS]);
	it.unread = sqlite3_value_int(argv[3 + NCOLUMNS]) == 0;
	it.liked = sqlite3_value_int(argv[4 + NCOLUMNS]) != 0;
	it.starred = sqlite3_value_int(argv[5 + NCOLUMNS]) != 0;
	sqlite3_result_int(ctx, filter_match(f, &it, (time_t)sqlite3_value_int64(argv[1])));
}

int
store_filter_register(struct store *s)
{
	/* Not deterministic: age depends on the time passed in. */
	if (sqlite3_create_function(s->db, "nr_filter", (int)NARGS, SQLITE_UTF8, NULL,
	    nr_filter, NULL, NULL) != SQLITE_OK)
		return store_fail(s);
	return 0;
}

char *
store_filter_sql(const struct filter *f, int param, int now_param)
{
	static const char *const cols[FILTER_ATTR_COUNT_] = {
		[FILTER_UNREAD] = "i.read", [FILTER_LIKED] = "i.liked",
		[FILTER_STARRED] = "i.starred", [FILTER_DATE] = "i.date",
	};
	struct buf b = BUF_INIT;
	unsigned attrs = filter_attrs(f);
	char *plain;

	/* Flags and age alone: plain SQL, which the indexes can answer. */
	if ((plain = filter_to_sql(f, cols, time(NULL))) != NULL)
		return plain;

	buf_printf(&b, "nr_filter(?%d, ?%d", param, now_param);
	for (size_t i = 0; i < NCOLUMNS; i++) {
		buf_append_str(&b, ", ");
		buf_append_str(&b, attrs & FILTER_BIT(columns[i].attr) ? columns[i].sql : "NULL");
	}
	/* The flags sit after the bodies in the row: read only when asked. */
	buf_printf(&b, ", i.date, %s, %s, %s)",
	    attrs & FILTER_BIT(FILTER_UNREAD) ? "i.read" : "0",
	    attrs & (FILTER_BIT(FILTER_LIKED) | FILTER_BIT(FILTER_FLAGS)) ? "i.liked" : "0",
	    attrs & (FILTER_BIT(FILTER_STARRED) | FILTER_BIT(FILTER_FLAGS)) ? "i.starred" : "0");
	return buf_detach(&b);
}

void
store_filter_bind(sqlite3_stmt *st, int param, const struct filter *f)
{
	sqlite3_bind_pointer(st, param, (void *)(uintptr_t)f, "nr_filter", NULL);
}
