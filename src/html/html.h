/*
 * HTML (feed summaries, article bodies) to screen lines: libxml2's HTML
 * parser with recovery and no network builds a block model (paragraphs,
 * headings, lists, quotes, pre, images, tables, rules) and each block is laid
 * out by src/text. Links are numbered [N] in the text and listed at the end.
 */
#ifndef NR_HTML_HTML_H
#define NR_HTML_HTML_H

#include <stddef.h>

#include "text/text.h"

struct html_opts {
	struct text_opts text;	/* width, direction override, shaping, reordering */
	const char *lang;	/* the item's or feed's language, used when the HTML has none; may be NULL */
	enum text_dir setting_dir;	/* the per-feed `direction` setting, after lang (AUTO: the text decides) */
	const char *base_url;	/* for relative links; may be NULL */
};

/* One screen line of a document; `para` identifies the block it came from. */
struct html_line {
	struct text_line line;	/* owned by the document */
	size_t para;		/* index of its paragraph in html_doc.paras */
};

/* A laid-out document; caller frees with html_doc_free(). */
struct html_doc {
	struct html_line *lines;
	size_t nlines;
	struct text_lines *paras;	/* per paragraph: logical text (for search) and direction */
	size_t nparas;
	char **links;		/* link URLs, links[0] is [1] */
	size_t nlinks;
};

/* Lay out html (any bytes; broken markup recovered). Returns 0, or -1 with *err set (caller frees). */
int html_layout(const char *html, size_t len, const struct html_opts *opts,
    struct html_doc *out, char **err);
void html_doc_free(struct html_doc *doc);

/* The text of html as its blocks hold it (links marked [N], images as
 * labels), one block a line; untrusted still. A new string (caller frees);
 * "" when there is none. */
char *html_text(const char *html, size_t len);

#endif
