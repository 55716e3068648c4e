/*
 * Query feeds of the urls file: "query:Title:EXPRESSION", as newsboat
 * writes them. The expression is parsed here so a mistake is reported with
 * the file's line and the expression's column when the file is read, not
 * when the feed is opened.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/diag.h"
#include "config/urls.h"
#include "filter/filter.h"
#include "util/xalloc.h"

void
urls_parse_query(const char *name, int lineno, const char *tok, struct urls_list *l,
    struct diag_list *d)
{
	const char *title = tok + 6, *colon = strchr(title, ':');
	struct filter *f;
	char *err;

	if (colon == NULL || colon == title) {
		diag_add(d, DIAG_WARNING, name, lineno,
		    "query feed without %s (expected \"query:Title:EXPRESSION\"; line skipped)",
		    colon == NULL ? "an expression" : "a title");
		return;
	}
	if (filter_parse(colon + 1, &f, &err) == -1) {
		diag_add(d, DIAG_WARNING, name, lineno, "query feed '%.*s': %s (line skipped)",
		    (int)(colon - title), title, err);
		free(err);
		return;
	}
	filter_free(&f);
	for (size_t i = 0; i < l->nqueries; i++) {
		if (strncmp(l->queries[i].title, title, (size_t)(colon - title)) == 0 &&
		    l->queries[i].title[colon - title] == '\0') {
			diag_add(d, DIAG_WARNING, name, lineno,
			    "duplicate query feed '%s' (first on line %d; this line skipped)",
			    l->queries[i].title, l->queries[i].line);
			return;
		}
	}
	l->queries = xreallocarray(l->queries, l->nqueries + 1, sizeof *l->queries);
	l->queries[l->nqueries++] = (struct urls_query){
		.title = xstrndup(title, (size_t)(colon - title)),
		.expr = xstrdup(colon + 1),
		.line = lineno,
	};
}
