/*
 * OPML 2.0 in and out. Import reads the feed outlines (those with an
 * xmlUrl) of a document into a urls list: the title (or text) attribute
 * becomes the title, the titles of the enclosing folder outlines and the
 * category attribute ("/tag,/other") become tags. Export writes one outline
 * per feed with its tags in the category attribute, so that importing an
 * export gives back the same URLs, titles and tags.
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
/* The OPML 2.0 document for l, dated now (caller frees). */
char *opml_export(const struct urls_list *l, time_t now);

#endif
