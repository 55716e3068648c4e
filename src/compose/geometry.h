/*
 * Where the composer's text and cursor land on screen (no curses): every
 * logical line (text between newlines) laid out with src/text at the
 * widget's width, as `newsreader render --input text` lays out the same
 * lines, one visual row per wrapped line; the cursor's row and column; the
 * moves that depend on that picture (Left/Right by the visual line, Up/Down
 * to the same column); the first row to show; and the counter's words.
 *
 * Every function takes the layout options the UI paints with (width,
 * shaping, reordering: screen_text_opts in ui/); prev_dir and dir are
 * decided here.
 */
#ifndef NR_COMPOSE_GEOMETRY_H
#define NR_COMPOSE_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>

#include "compose/compose.h"
#include "text/text.h"

/* The text laid out at one width. Caller owns; compose_layout_free(). It
 * copies nothing it needs later from the composer, so an edit does not
 * invalidate it (it simply shows the text as it was). */
struct compose_layout;

struct compose_layout *compose_layout_new(const struct compose *c, const struct text_opts *o);
void compose_layout_free(struct compose_layout **l);
/* Visual rows of every logical line, in order (at least one). */
size_t compose_layout_nrows(const struct compose_layout *l);
/* Row r (< nrows), owned by l. Cell log_off values are relative to the
 * row's logical line, which starts at compose_layout_row_base(). */
const struct text_line *compose_layout_row(const struct compose_layout *l, size_t r);
size_t compose_layout_row_base(const struct compose_layout *l, size_t r);
/*
 * The row holding the cursor offset cur: the last row of its logical line
 * that starts at or before it (a wrapped line's end is the next row's
 * start, and the cursor shows at the start of the next row).
 */
size_t compose_layout_cursor_row(const struct compose_layout *l, size_t cur);
/* The column of cur on row r: the cell of the cluster after it, or after
 * the row's last cell at the line's end (right of it in LTR, left in RTL). */
int compose_layout_cursor_col(const struct compose_layout *l, size_t r, size_t cur);

/*
 * Left (dir < 0) or Right (dir > 0): one cluster on screen by the visual
 * line (compose_move_visual); at its edge, on to the next or previous line
 * in reading order: the next line is to the right of LTR text and to the
 * left of RTL text.
 */
void compose_move_screen(struct compose *c, int dir, const struct text_opts *o);
/* Up (dir < 0) or Down: the same column on the row above or below, across
 * wrapped and logical lines; past a shorter row's text its start or end.
 * False, not moving, on the first or last row. */
bool compose_move_row(struct compose *c, int dir, const struct text_opts *o);

/* The first row to show in a window of rows rows that showed top before,
 * so that cursor_row is in view and no row is wasted at the end. */
int compose_scroll(int top, size_t cursor_row, size_t nrows, int rows);

/* The counter's state; never told by the colour alone (the words say it). */
enum compose_counter {
	COMPOSE_COUNTER_OK,
	COMPOSE_COUNTER_NEAR,	/* at or above 90% of the limit: "380/400, 20 left" */
	COMPOSE_COUNTER_OVER,	/* over it: "412/400, 12 over" */
};
/* The counter ("17/400", "380/400, 20 left", "412/400, 12 over", or "17"
 * with no limit) into out, and its state. */
enum compose_counter compose_counter_text(const struct compose *c, char *out, size_t outlen);
/* "412/400 characters" (the unit's words) for the status line's refusals. */
void compose_limit_words(const struct compose *c, char *out, size_t outlen);

#endif
