/*
 * The block model between the HTML parser and layout (internal to src/html;
 * html_layout() is the public entry). A document is a flat list of blocks in
 * reading order; nesting (lists, quotes) survives as each block's gutter
 * segments, outer to inner, so layout never walks a tree.
 *
 * Text is logical UTF-8 with HTML whitespace collapsed, link markers "[N]"
 * and image labels inserted; it is still untrusted (the text engine
 * sanitizes it). Directions are resolved here, once per block, so the model
 * can be tested without the layout engine.
 */
#ifndef NR_HTML_BLOCKS_H
#define NR_HTML_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>

#include "html/html.h"
#include "text/text.h"

enum html_block_type {
	HTML_BLOCK_PARA,	/* p, div, li text, text outside blocks, captions */
	HTML_BLOCK_HEADING,	/* h1..h6: level in `level` */
	HTML_BLOCK_PRE,		/* one line of a pre block: LTR, never wrapped */
	HTML_BLOCK_RULE,	/* hr: no text */
	HTML_BLOCK_ROW,		/* a table row: its cells in `cells`, one space apart */
};

enum html_seg_kind {
	HTML_SEG_QUOTE,		/* a blockquote level: "│ " on every line */
	HTML_SEG_ITEM,		/* a list item: marker on its first line, blanks after */
};

/* One level of indentation at the block's start side. */
struct html_seg {
	enum html_seg_kind kind;
	char marker[24];	/* logical marker: "•", "◦", "▪", "12."; "" for quotes */
	int width;		/* cells, the space after the marker included */
	bool show;		/* the marker is shown on this block's first line */
};

/* A table cell: bytes [start, end) of its row's text, bidi isolate included. */
struct html_cell {
	size_t start, end;
};

struct html_block {
	enum html_block_type type;
	int level;		/* heading level 1..6, else 0 */
	bool tight;		/* no blank line before (same list, table, pre, or after <br>) */
	enum text_dir dir;	/* resolved: TEXT_DIR_LTR or TEXT_DIR_RTL */
	char *text;		/* logical UTF-8, NUL-terminated; "" for rules */
	size_t len;
	struct text_span *spans;	/* sorted, non-overlapping; offsets into text */
	size_t nspans;
	struct html_seg *segs;	/* outer to inner */
	size_t nsegs;
	struct html_cell *cells;	/* HTML_BLOCK_ROW: its cells in logical order */
	size_t ncells;
	unsigned table;		/* HTML_BLOCK_ROW: rows of one table share it */
};

/* The model of one document; free with html_blocks_free(). */
struct html_blocks {
	struct html_block *v;
	size_t n;
	char **links;		/* resolved and sanitized URLs; links[0] is [1] */
	size_t nlinks;
};

/* Parse html (any bytes) into blocks. Returns 0, or -1 with *err set (caller frees). */
int html_blocks_build(const char *html, size_t len, const struct html_opts *opts,
    struct html_blocks *out, char **err);
void html_blocks_free(struct html_blocks *b);

#endif
