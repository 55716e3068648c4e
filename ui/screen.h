/*
 * Painting laid-out text (STYLE habit 13): src/text produces lines of cells
 * in visual order; these functions put them on the curses screen, one cell
 * at a time at its own column, so curses' idea of character widths can
 * never shift what follows. Untrusted strings (titles, feed names, error
 * reasons) are laid out in their own field: they cannot spill over or
 * reorder the chrome around them.
 */
#ifndef NR_UI_SCREEN_H
#define NR_UI_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "text/text.h"

/* Settings that apply to every layout on screen; set once at start-up. */
void screen_setup(bool utf8, bool shape, bool reorder);
bool screen_utf8(void);
/* The chrome's language: rtl when the interface is right-to-left (its
 * labels are then right-to-left paragraphs), and Arabic-Indic digits for
 * its numbers (the `digits` setting). Article text is never touched. */
void screen_setup_chrome(bool rtl, bool arabic_indic);
bool screen_chrome_rtl(void);
/* The layout is mirrored (app->rtl), for widgets drawn without the app. */
void screen_set_mirrored(bool on);
bool screen_mirrored(void);
/* Options for text_layout_paragraph at width w with the screen settings. */
void screen_text_opts(struct text_opts *o, int w);

/* A logical byte range [start, end) of a paragraph to highlight. */
struct screen_range {
	size_t start, end;
};

/*
 * Paint line at row y from column x, clipped to w columns, pad included.
 * Cell attributes are mapped over base; cells whose logical offset falls in
 * one of the ranges get the match attribute.
 */
void screen_line(int y, int x, int w, const struct text_line *line, attr_t base,
    const struct screen_range *hl, size_t nhl);

enum screen_align { ALIGN_AUTO, ALIGN_START, ALIGN_RIGHT };
/*
 * Lay out untrusted text as one line in the field [x, x + w) of row y:
 * sanitized, reordered, truncated with an ellipsis at its logical end.
 * ALIGN_AUTO: right-aligned when the text is right-to-left; ALIGN_RIGHT:
 * always at the field's right edge. The rest of the field is filled with
 * base. Returns the columns the text took.
 */
int screen_field(int y, int x, int w, const char *text, attr_t base, enum screen_align al);
/* The same with the paragraph direction given (a list title's, from
 * ui_title_dir); AUTO: the first strong character. */
int screen_field_dir(int y, int x, int w, const char *text, attr_t base, enum screen_align al,
    enum text_dir dir);
/* Trusted chrome text (ASCII or known UTF-8) in at most w columns, ending
 * with the ellipsis when it does not fit; returns the columns used. */
int screen_text(int y, int x, int w, const char *s, attr_t a);
/* The same, always left to right: amounts like "$3.53K" and "+4.20%" keep
 * their order in the right-to-left interface. */
int screen_text_ltr(int y, int x, int w, const char *s, attr_t a);
/* Blank w columns from (y, x) with attribute a. */
void screen_fill(int y, int x, int w, attr_t a);
/* Columns a chrome string takes. */
int screen_width(const char *s);
/* "…", or "~" without UTF-8 (one column either way). */
const char *screen_ellipsis(void);

#endif
