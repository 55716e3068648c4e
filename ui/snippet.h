/*
 * The line of context under a search result (issue 13): the first text of
 * an item that the query matches (body, author, comments), cut around the
 * first match, with every match in the cut as a TEXT_ATTR_MATCH span. Pure
 * (no curses), so the view only lays it out and paints it, and the unit
 * tests can check it.
 */
#ifndef NR_UI_SNIPPET_H
#define NR_UI_SNIPPET_H

#include <stddef.h>

#include "text/text.h"

struct snippet {
	char *text;		/* plain and untrusted: lay it out, never print it raw */
	struct text_span *spans;	/* the matches, offsets into text */
	size_t nspans;
};

/*
 * Fill *out (caller frees with snippet_clear) from texts[0..n) (plain
 * UTF-8, NULL entries skipped): around the first match, about room
 * characters (a cut start or end shows "…"); with no match at all, the
 * start of the first non-empty text without highlights.
 */
void snippet_make(const char *query, const char *const *texts, size_t n, size_t room,
    struct snippet *out);
void snippet_clear(struct snippet *s);

#endif
