/*
 * OPML 2.0 in and out. Import reads the feed outlines (those with an
 * xmlUrl) of a document into a urls list: the title (or text) attribute
 * becomes the title, the titles of the enclosing folder outlines and the
 * category attribute ("/tag,/other") become tags. Export writes one outline
 * per feed inside nested folder outlines, one per tag, so that importing an
 * export gives back the same URLs, titles and tags, in the same order.
 */
#ifndef NR_CONFIG_OPML_H
#define NR_CONFIG_OPML_H

#include <stddef.h>
#include <time.h>

#include "config/diag.h"
#include "config/urls.h"

/*
 * Parse an OPML document called name (for messages). Returns 0 with *out set
 * (feed outlines that cannot be used, such as exec: URLs, become warnings in
 * d), or -1 with *err = "NAME: line N: reason" (caller frees) for a document
 * that is not well-formed OPML. No network, no external entities.
 */
int opml_parse(const char *name, const char *data, size_t len, struct urls_list **out,
    struct diag_list *d, char **err);
/* Read path and opml_parse() it; an unreadable file is "PATH: reason". */
int opml_parse_file(const char *path, struct urls_list **out, struct diag_list *d, char **err);
/* What the cache knows of a feed, for export; borrowed strings, may be NULL. */
struct opml_known {
	const char *title;	/* used when the urls file gives no title */
	const char *html_url;	/* the site's link: htmlUrl */
};
/* The OPML 2.0 document for l, dated now (caller frees). known is NULL or
 * has l->n entries, in l's order. */
char *opml_export(const struct urls_list *l, const struct opml_known *known, time_t now);

#endif
