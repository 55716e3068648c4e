/*
 * The comment composer's editing model: logical UTF-8 text and a cursor,
 * no curses. The UI lays each logical line (text between newlines) out
 * with src/text and paints it; this module only edits.
 *
 * Invariants:
 * - The text is valid UTF-8 with no controls except \n: inserted text is
 *   sanitized (invalid bytes become U+FFFD, \r\n and \r become \n, a tab
 *   becomes a space, ESC sequences, other controls and U+FEFF go; explicit
 *   bidi marks such as RLM are kept, the user may type them). So src/text's
 *   logical text for one line is byte for byte the same line, and its
 *   cells' log_off values are offsets into it.
 * - The cursor is a logical byte offset, always on a grapheme cluster
 *   boundary (UAX #29 via utf8proc_grapheme_break_stateful): a letter with
 *   its harakat, an emoji ZWJ sequence or a flag is one step and one
 *   Backspace. Lam-alef is two clusters (lam, alef) even where it is drawn
 *   as one ligature, so Backspace after "لا" removes only the alef.
 * - The length, counted in the composer's unit, may pass the limit: an
 *   insert (typed, pasted or a newline) is always taken, as in a web
 *   comment box, so the user can paste and trim; the part past the limit
 *   is shown as over (compose_limit_offset()) and only sending refuses it.
 */
#ifndef NR_COMPOSE_COMPOSE_H
#define NR_COMPOSE_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

struct text_line;

#define COMPOSE_LIMIT_DEFAULT 400

enum compose_unit {
	COMPOSE_CLUSTERS = 0,	/* user-perceived characters (default) */
	COMPOSE_CODEPOINTS,
	COMPOSE_UTF16,		/* what JavaScript's length says (X counts like this) */
};

enum compose_result {
	COMPOSE_OK = 0,
	COMPOSE_TOO_LONG = -1,	/* a notice: the text is now over the limit */
};

/* A composer (caller owns; compose_free). limit 0 means no limit. */
struct compose *compose_new(size_t limit, enum compose_unit unit);
void compose_free(struct compose **c);

/* Unit by config name ("clusters"/"graphemes", "codepoints", "utf16"); -1 if unknown. */
int compose_unit_from_name(const char *name);
const char *compose_unit_name(enum compose_unit unit);

/* Length of text in unit. text need not be valid UTF-8 (a bad byte counts
 * as one U+FFFD). */
size_t compose_count(const char *text, size_t len, enum compose_unit unit);

/* The logical text (NUL-terminated, owned by c, valid until the next edit). */
const char *compose_text(const struct compose *c, size_t *len);
/* Replace the whole text (restoring a draft); cursor at the end. Never
 * refused: returns COMPOSE_TOO_LONG as a notice when it is over the limit. */
int compose_set_text(struct compose *c, const char *text, size_t len);
bool compose_empty(const struct compose *c);

/* Length in the composer's unit, its limit, and the counter's states. */
size_t compose_length(const struct compose *c);
size_t compose_limit(const struct compose *c);
enum compose_unit compose_get_unit(const struct compose *c);
/* At or above 90% of the limit: the counter turns to the warning colour. */
bool compose_near_limit(const struct compose *c);
bool compose_over_limit(const struct compose *c);
/* The byte offset where the text passes the limit (a cluster boundary: the
 * end of the longest prefix within it); the text's length when it is not
 * over. The UI paints from there on as over. */
size_t compose_limit_offset(const struct compose *c);

/*
 * Insert UTF-8 (typed or pasted, may hold newlines) at the cursor and move
 * the cursor after it. Never refused: COMPOSE_TOO_LONG as a notice when the
 * result is over the limit.
 */
int compose_insert(struct compose *c, const char *text, size_t len);
int compose_newline(struct compose *c);

size_t compose_cursor(const struct compose *c);
/* Put the cursor at off, moved back to the cluster boundary at or before
 * it, and clamped to the text (the UI maps clicks and Up/Down with
 * text_line_off_at to an offset). */
void compose_set_cursor(struct compose *c, size_t off);
/* Start and end offsets of the logical line holding off (end excludes \n). */
void compose_line_bounds(const struct compose *c, size_t off, size_t *start, size_t *end);

/* Move one cluster in logical order (dir < 0 back, > 0 forward); false at
 * the edge. A newline is one cluster, so this crosses lines. */
bool compose_move(struct compose *c, int dir);
/* Home/End of the current logical line. */
void compose_home(struct compose *c);
void compose_end(struct compose *c);

/*
 * Move one cell left (dir < 0) or right (dir > 0) on screen. line is the
 * visual line the cursor is on, from laying out the cursor's logical line
 * alone (see compose_line_bounds) with src/text. The cursor sits on the
 * cell of the cluster after it; at the end of the logical line it sits
 * after the last cell (right of it in LTR, left in RTL). Returns false,
 * and does not move, at the line's visual edge: the UI then goes to the
 * line above or below.
 */
bool compose_move_visual(struct compose *c, int dir, const struct text_line *line);

/* Backspace/Delete one cluster; false when there is nothing to delete. */
bool compose_backspace(struct compose *c);
bool compose_delete(struct compose *c);
/*
 * Ctrl-W: delete the spaces before the cursor, then the word before them
 * (back to the previous space or newline; Arabic words the same, a ZWNJ
 * is inside a word). Directly after a newline it deletes the newline,
 * joining the lines.
 */
bool compose_delete_word(struct compose *c);

#endif
