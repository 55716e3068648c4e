/*
 * The layout engine: logical UTF-8 paragraphs in, screen lines of cells out.
 * No curses here; the article view paints these lines and `render` prints
 * them, so both show the same thing.
 *
 * Pipeline per paragraph (DESIGN.md section 4): sanitize UTF-8 -> base
 * direction -> bidi levels once for the whole paragraph (fribidi) ->
 * grapheme clusters (utf8proc) -> line breaks in logical order -> per line:
 * Arabic joining/shaping, mirroring, reordering (fribidi_reorder_line with
 * REORDER_NSM) -> widths after shaping -> alignment.
 */
#ifndef NR_TEXT_TEXT_H
#define NR_TEXT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_dir { TEXT_DIR_AUTO = 0, TEXT_DIR_LTR, TEXT_DIR_RTL };

/* Cell attributes: a bit set; the view maps them to curses attributes. */
enum text_attr {
	TEXT_ATTR_BOLD = 1 << 0,
	TEXT_ATTR_ITALIC = 1 << 1,
	TEXT_ATTR_UNDERLINE = 1 << 2,
	TEXT_ATTR_CODE = 1 << 3,
	TEXT_ATTR_LINK = 1 << 4,	/* link text and its [N] marker */
	TEXT_ATTR_HEADING = 1 << 5,
	TEXT_ATTR_QUOTE = 1 << 6,
	TEXT_ATTR_DIM = 1 << 7,		/* chrome: markers, rules, bullets */
	TEXT_ATTR_MATCH = 1 << 8,	/* search highlight */
};

/* A run of attributes over logical byte offsets [start, end) of a paragraph. */
struct text_span {
	size_t start, end;
	uint16_t attr;
};

struct text_scratch;

struct text_opts {
	int width;		/* columns; 0 = no wrapping and no alignment padding */
	enum text_dir dir;	/* paragraph direction; AUTO = first strong char */
	bool shape;		/* Arabic presentation forms (config `shaping`) */
	bool reorder;		/* false when the terminal does bidi (`bidi = terminal`):
				 * logical order, no mirroring, no right alignment */
	int indent_start;	/* cells reserved at the paragraph's start side (right for RTL) */
	int indent_end;		/* cells reserved at the end side */
	/* Direction of the paragraph before, followed when dir is AUTO and this
	 * one has no strong character (AUTO: left to right). */
	enum text_dir prev_dir;
	/* Remove explicit bidi controls before resolving levels. By default they
	 * take part in the levels as UAX #9 says (and are never printed); set
	 * this for untrusted one-line text that must not reorder what is
	 * around it. */
	bool strip_bidi;
	/* Optional work memory reused between calls (NULL: allocate per call).
	 * Owned by the caller; never shared between threads at once. */
	struct text_scratch *scratch;
};

/* Work memory for laying out many paragraphs in a row (saves an allocation
 * per paragraph); free with text_scratch_free(), which clears the pointer. */
struct text_scratch *text_scratch_new(void);
void text_scratch_free(struct text_scratch **s);

/* Options as `render` uses them by default: width 80, auto, shaped,
 * reordered, no indent; prev_dir AUTO, strip_bidi false. */
void text_opts_default(struct text_opts *o);

/*
 * One screen cell: a grapheme cluster as displayed (shaped, mirrored) in
 * visual order, its code points in logical order so marks follow their
 * base. Wide clusters have width 2; combining marks are inside their base's
 * cell (only a mark with no base at all gets a cell of width 0). A lam-alef
 * ligature is one cell covering both letters. Invisible format characters
 * (bidi controls, ZWSP, a lone ZWJ, soft hyphen) have no cell; a tab is a
 * cell showing one space.
 */
struct text_cell {
	uint32_t off, len;	/* bytes of this cell's UTF-8 in line->utf8 */
	uint32_t log_off;	/* logical byte offset of the cluster in the paragraph */
	uint32_t log_len;	/* its logical length in bytes */
	uint8_t width;		/* 1 or 2; 0 only for a mark with no base character */
	uint16_t attr;
};

struct text_line {
	char *utf8;		/* the cells' text, visual order, no padding */
	struct text_cell *cells;	/* visual order, left to right */
	size_t ncells;
	int width;		/* sum of cell widths */
	int pad;		/* blank cells to print before the first cell */
	bool rtl;		/* the paragraph direction */
	size_t log_start, log_end;	/* logical byte range this line covers */
};

/*
 * Lines of one paragraph (at least one: an empty paragraph gives one empty
 * line); owned by the caller, freed with text_lines_free(). A line's utf8 and
 * cells are its own allocations, so a line may be moved out and freed with
 * text_line_free().
 */
struct text_lines {
	struct text_line *lines;
	size_t nlines;
	enum text_dir resolved_dir;	/* LTR or RTL as resolved */
	char *logical;		/* the sanitized logical text the offsets refer to; it
				 * keeps explicit bidi controls and tabs (newlines are
				 * spaces): sanitize before printing it raw */
	size_t logical_len;
};

/*
 * Lay out one paragraph. text need not be valid UTF-8 (invalid bytes become
 * U+FFFD) and may contain controls (dropped) or newlines (treated as spaces).
 * Lines break at spaces (and between ideographs); a word longer than the line
 * breaks after '-' or '/', else between clusters, never between lam and
 * alef. Spaces where a line breaks hang: they are in the line's logical
 * range but have no cells. With width 0 there is one line holding every
 * character. A wide cluster on a line narrower than 2 overflows it; text
 * past 64 MiB in one paragraph is cut.
 * spans (may be NULL) carry attributes by offsets into `text` as given; they
 * are translated to the sanitized logical text. Returns 0 and fills *out.
 */
int text_layout_paragraph(const char *text, size_t len, const struct text_span *spans,
    size_t nspans, const struct text_opts *opts, struct text_lines *out);
void text_lines_free(struct text_lines *l);
/* Free one line's text and cells (for lines moved out of a text_lines). */
void text_line_free(struct text_line *line);

/* Print a line as `render` does: pad spaces, then the cells; no trailing spaces. */
char *text_line_to_utf8(const struct text_line *line);

/*
 * Visual column (0-based, counting pad) of logical byte offset off in the
 * paragraph, or -1 when off is not on this line (log_start <= off <= log_end).
 * An offset inside a cell gives the cell's first column; one with no cell of
 * its own (a hanging space, an invisible control) the column of the next
 * cell in logical order, or the line's end column (right of the last cell
 * for LTR, left of the first for RTL, never below 0) when none follows.
 */
int text_line_col_of(const struct text_line *line, size_t off);
/* Logical byte offset shown at visual column col, or (size_t)-1. */
size_t text_line_off_at(const struct text_line *line, int col);

/* Direction of the first strong character of text: LTR, RTL, or AUTO when none. */
enum text_dir text_first_strong(const char *text, size_t len);
/* TEXT_DIR_RTL for a language tag of a right-to-left script (ar, fa, ur, he,
 * yi, ps, sd, ug, dv, ku-Arab...), TEXT_DIR_LTR for others, AUTO for NULL, "",
 * "und" and "zxx". */
enum text_dir text_dir_of_lang(const char *lang);

/* Words (runs of strong letters) of each direction, and the first strong
 * letter's; zero it before the first text_count_strong(), which adds to it. */
struct text_strong_count {
	size_t ltr, rtl;
	enum text_dir first;
};
void text_count_strong(const char *text, size_t len, struct text_strong_count *c);
/* The direction of most words (a tie: RTL), AUTO when there is none. */
enum text_dir text_strong_majority(const struct text_strong_count *c);
enum text_dir text_majority_strong(const char *text, size_t len);

/* What may decide a paragraph's direction, strongest first; AUTO / NULL
 * when a source says nothing. */
struct text_dir_sources {
	enum text_dir dir;	/* an explicit dir ("ltr"/"rtl") */
	const char *lang;	/* the nearest lang / xml:lang */
	const char *doc_lang;	/* the item's, else the feed's language */
	enum text_dir setting;	/* the per-feed `direction` setting */
	const char *text;	/* the paragraph: the majority of its words decides */
	size_t len;
};
/* The first source that says a direction, in the order of the struct (a
 * UAX #9 higher-level protocol, HL1); AUTO when even the text has no
 * strong letter (the caller follows the paragraph before). */
enum text_dir text_dir_resolve(const struct text_dir_sources *s);

/*
 * Remove what must never reach a terminal from untrusted text: invalid UTF-8
 * becomes U+FFFD; C0/C1 controls (but \n and \t when keep_newlines), DEL,
 * ESC sequences (CSI, OSC, DCS...), U+FEFF and explicit bidi controls go.
 * Returns a new string (caller frees).
 */
char *text_sanitize(const char *text, size_t len, bool keep_newlines);

/* Display width in cells of a UTF-8 string after sanitizing (no shaping). */
int text_width(const char *text, size_t len);

#endif
