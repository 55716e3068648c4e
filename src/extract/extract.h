/*
 * Reader mode: the main article of a whole web page. The page is decoded to
 * UTF-8 (BOM, HTTP charset, <meta> charset, else UTF-8), parsed with
 * libxml2's forgiving HTML parser, stripped of boilerplate (navigation,
 * share bars, widgets, comment boxes, disclaimers, hidden and scripted
 * parts), and the block with the best readability score is kept together
 * with the sibling blocks that score well. The result is a clean HTML
 * fragment and its plain-text form; every string is sanitized UTF-8.
 */
#ifndef NR_EXTRACT_EXTRACT_H
#define NR_EXTRACT_EXTRACT_H

#include <stddef.h>

struct extract_opts {
	const char *url;	/* the page's URL: base of relative links; may be NULL */
	const char *charset;	/* from the HTTP Content-Type; NULL when unknown */
};

/* The article of a page; owned by the caller, freed with extract_article_free(). */
struct extract_article {
	char *title;	/* plain text, one line; "" when the page has no title */
	char *dir;	/* "rtl", "ltr" or "auto" from the page, or NULL */
	char *lang;	/* from the page, or NULL */
	/* "<h1>title</h1>\n<article>...</article>\n" with dir and lang on both. */
	char *html;
	/* The title, a blank line, then one paragraph per line, each ending in \n. */
	char *text;
};

/*
 * Extract the article of the page in data[0..len). Returns NULL with *err
 * (caller frees) when there is none: "no article found".
 */
struct extract_article *extract_page(const char *data, size_t len,
    const struct extract_opts *o, char **err);
void extract_article_free(struct extract_article **a);

#endif
