/*
 * Kill rules (ignore-article) as one filter expression: a rule for one
 * feed becomes (rssurl = "URL" and (EXPRESSION)), a rule for every feed
 * (EXPRESSION), all joined by or. One expression means one pass of the
 * matcher per article, in the feed job (ignore-mode download) or in the
 * cache's list queries (display).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/settings.h"
#include "filter/filter.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct filter *
config_kill_filter(const struct config *c, char **err)
{
	struct buf b = BUF_INIT;
	struct filter *f = NULL;
	char *text;

	*err = NULL;
	if (c->nignores == 0)
		return NULL;
	for (size_t i = 0; i < c->nignores; i++) {
		const struct config_ignore *r = &c->ignores[i];
		if (i > 0)
			buf_append_str(&b, " or ");
		if (r->feed_url != NULL) {
			buf_append_str(&b, "(rssurl = \"");
			for (const char *s = r->feed_url; *s != '\0'; s++) {
				if (*s == '"' || *s == '\\')
					buf_append_char(&b, '\\');
				buf_append_char(&b, *s);
			}
			buf_printf(&b, "\" and (%s))", r->expr);
		} else
			buf_printf(&b, "(%s)", r->expr);
	}
	text = buf_detach(&b);
	if (filter_parse(text, &f, err) == -1) {
		char *e = xasprintf("ignore-article: the rules together: %s", *err);
		free(*err);
		*err = e;
	}
	free(text);
	return f;
}
