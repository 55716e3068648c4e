/*
 * Expressions that SQL can answer alone (filter.h, filter_to_sql): flags
 * and age. A cache of 100,000 items answers `unread = "yes"` from its
 * columns in milliseconds, while the matcher would have every row read in
 * full (the flags sit after the bodies in the row).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter-int.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char *const sql_ops[] = {
	[FOP_EQ] = "=", [FOP_NE] = "!=", [FOP_LT] = "<", [FOP_GT] = ">",
	[FOP_LE] = "<=", [FOP_GE] = ">=",
};

static bool
cmp_sql(struct buf *b, const struct fnode *n, const char *const *cols, time_t now)
{
	switch (n->attr) {
	case FILTER_UNREAD:
	case FILTER_LIKED:
	case FILTER_STARRED: {
		if (n->op != FOP_EQ && n->op != FOP_NE)
			return false;
		bool yes = strcmp(n->v.folded, "yes") == 0, no = strcmp(n->v.folded, "no") == 0;
		if (!yes && !no) {
			/* Never equal: = is false, != true. */
			buf_append_str(b, n->op == FOP_EQ ? "0" : "1");
			return true;
		}
		/* The stored flag is read (unread is its negation), liked, starred. */
		bool want_set = n->attr == FILTER_UNREAD ? no : yes;
		if (n->op == FOP_NE)
			want_set = !want_set;
		buf_printf(b, "(%s %s 0)", cols[n->attr], want_set ? "!=" : "=");
		return true;
	}
	case FILTER_AGE: {
		if (!n->v.numeric || !isfinite(n->v.num) || (n->op == FOP_BETWEEN &&
		    (!n->v2.numeric || !isfinite(n->v2.num))))
			return false;
		if (n->op != FOP_BETWEEN && (n->op > FOP_GE || n->op == FOP_RE || n->op == FOP_NRE))
			return false;
		/* As match.c counts it: whole days, 0 for a date unknown or ahead. */
		const char *d = cols[FILTER_DATE];
		char age[256];
		snprintf(age, sizeof age, "(CASE WHEN %s > 0 AND %lld > %s THEN (%lld - %s) / 86400 "
		    "ELSE 0 END)", d, (long long)now, d, (long long)now, d);
		if (n->op == FOP_BETWEEN)
			buf_printf(b, "(%s BETWEEN %.17g AND %.17g)", age, n->v.num, n->v2.num);
		else
			buf_printf(b, "(%s %s %.17g)", age, sql_ops[n->op], n->v.num);
		return true;
	}
	default:
		return false;
	}
}

static bool
node_sql(struct buf *b, const struct fnode *n, const char *const *cols, time_t now)
{
	if (n->kind == FN_CMP)
		return cmp_sql(b, n, cols, now);
	buf_append_char(b, '(');
	if (!node_sql(b, n->l, cols, now))
		return false;
	buf_append_str(b, n->kind == FN_AND ? " AND " : " OR ");
	if (!node_sql(b, n->r, cols, now))
		return false;
	buf_append_char(b, ')');
	return true;
}

char *
filter_to_sql(const struct filter *f, const char *const cols[FILTER_ATTR_COUNT_], time_t now)
{
	struct buf b = BUF_INIT;

	if (!node_sql(&b, f->root, cols, now)) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}
