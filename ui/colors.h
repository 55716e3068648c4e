/*
 * Colours and attributes of screen elements. Each element has a default
 * for 256/16 and for 8 colours, may be changed by the config's
 * `color ELEMENT FG BG [ATTR...]` lines, and degrades to attributes only
 * (bold, reverse, underline) when NO_COLOR is set or the terminal has no
 * colours. Nothing is ever shown by colour alone.
 */
#ifndef NR_UI_COLORS_H
#define NR_UI_COLORS_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

/* X(ENUM, "config-name") */
#define NR_ELEMENTS(X) \
	X(NORMAL, "normal") \
	X(TITLE, "title") \
	X(STATUS, "status") \
	X(SELECTED, "selected") \
	X(UNREAD, "unread") \
	X(DATE, "date") \
	X(FEED, "feed") \
	X(COUNT, "count") \
	X(TAG, "tag") \
	X(ERROR, "error") \
	X(WARNING, "warning") \
	X(PROGRESS, "progress") \
	X(HEADING, "heading") \
	X(LINK, "link") \
	X(QUOTE, "quote") \
	X(CODE, "code") \
	X(DIM, "dim") \
	X(MATCH, "match") \
	X(HELP_KEY, "help-key") \
	X(MARKET_UP, "market-up") \
	X(MARKET_DOWN, "market-down")

enum element {
#define X(e, name) EL_##e,
	NR_ELEMENTS(X)
#undef X
	EL_COUNT_
};

struct config;
struct diag_list;

/* True for a known element name (for config_check_colors). */
bool colors_element_ok(const char *name, void *ud);
/*
 * After initscr: decide colour support (NO_COLOR, has_colors, COLORS),
 * set up pairs, then apply the config's color lines. Bad colour values
 * (beyond the terminal) fall back to the default silently.
 */
void colors_init(const struct config *cfg);
/* The curses attribute of an element. */
attr_t colors_attr(enum element e);
/* The attribute of a cell of laid-out text (TEXT_ATTR_* bits) over base. */
attr_t colors_text_attr(uint16_t text_attr, attr_t base);
/* True when colours are in use (not NO_COLOR, terminal has them). */
bool colors_enabled(void);

#endif
