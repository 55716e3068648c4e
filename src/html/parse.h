/*
 * libxml2's HTML parser with a depth limit that flattens instead of
 * dropping. Without XML_PARSE_HUGE, libxml2 stops building the tree at 256
 * open elements ("Excessive depth in document") and everything after is
 * lost; with it the tree grows as deep as the page, past the limits of our
 * own walks. Here elements deeper than HTML_PARSE_MAX_DEPTH are opened at
 * that depth instead, as siblings: each keeps its text, in order, and block
 * elements stay separate blocks, so a page nested 5000 deep renders and
 * extracts whole (issue 18).
 */
#ifndef NR_HTML_PARSE_H
#define NR_HTML_PARSE_H

#include <stddef.h>

#include <libxml/HTMLparser.h>

/* The deepest element kept as nested; render and extract walk below it. */
#define HTML_PARSE_MAX_DEPTH 160

/*
 * Parse len bytes of UTF-8 HTML (the page's own encoding declarations are
 * ignored) with libxml2 options opts (HTML_PARSE_*). url, when not NULL,
 * becomes the document's URL. Returns the document (caller frees with
 * xmlFreeDoc) or NULL.
 */
htmlDocPtr html_parse_flat(const char *utf8, size_t len, const char *url, int opts);

#endif
