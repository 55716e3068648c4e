/*
 * Element colours: a default table (colour and monochrome attributes), the
 * config's overrides, and one curses pair per element. The table is the
 * only mutable state here and is written once, after initscr.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/settings.h"
#include "text/text.h"
#include "colors.h"

struct el_style {
	short fg, bg;	/* curses colours; -1 = terminal default */
	attr_t attr;	/* with colours */
	attr_t mono;	/* without colours */
};

static const char *const element_names[] = {
#define X(e, name) [EL_##e] = name,
	NR_ELEMENTS(X)
#undef X
};

static const struct el_style defaults[EL_COUNT_] = {
	[EL_NORMAL] = { -1, -1, 0, 0 },
	[EL_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[EL_STATUS] = { -1, -1, A_REVERSE, A_REVERSE },
	[EL_SELECTED] = { -1, -1, A_REVERSE, A_REVERSE },
	[EL_UNREAD] = { -1, -1, A_BOLD, A_BOLD },
	[EL_DATE] = { COLOR_CYAN, -1, 0, 0 },
	[EL_FEED] = { COLOR_YELLOW, -1, 0, 0 },
	[EL_COUNT] = { COLOR_GREEN, -1, 0, 0 },
	[EL_TAG] = { COLOR_MAGENTA, -1, 0, A_DIM },
	[EL_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[EL_WARNING] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[EL_PROGRESS] = { COLOR_GREEN, -1, 0, 0 },
	[EL_HEADING] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[EL_LINK] = { COLOR_CYAN, -1, A_UNDERLINE, A_UNDERLINE },
	[EL_QUOTE] = { COLOR_GREEN, -1, 0, A_DIM },
	[EL_CODE] = { COLOR_MAGENTA, -1, 0, 0 },
	[EL_DIM] = { -1, -1, A_DIM, A_DIM },
	[EL_MATCH] = { COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE | A_UNDERLINE },
	[EL_HELP_KEY] = { -1, -1, A_BOLD, A_BOLD },
	/* Rising and falling prices; the sign and arrow say it without colour. */
	[EL_MARKET_UP] = { COLOR_GREEN, -1, 0, 0 },
	[EL_MARKET_DOWN] = { COLOR_RED, -1, 0, 0 },
};

static struct el_style styles[EL_COUNT_];
static attr_t attrs[EL_COUNT_];
static bool use_color;

bool
colors_element_ok(const char *name, void *ud)
{
	(void)ud;
	for (int i = 0; i < EL_COUNT_; i++)
		if (strcmp(element_names[i], name) == 0)
			return true;
	return false;
}

static int
element_of(const char *name)
{
	for (int i = 0; i < EL_COUNT_; i++)
		if (strcmp(element_names[i], name) == 0)
			return i;
	return -1;
}

/* A colour name as the config module accepts it; -2 when unusable here. */
static short
color_of(const char *name)
{
	static const char *const base[] = { "black", "red", "green", "yellow", "blue",
	    "magenta", "cyan", "white" };
	long n = -2;

	if (strcmp(name, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		if (strcmp(name, base[i]) == 0)
			n = i;
		else if (strncmp(name, "bright", 6) == 0 && strcmp(name + 6, base[i]) == 0)
			n = 8 + i;
	}
	if (strncmp(name, "color", 5) == 0) {
		char *end;
		n = strtol(name + 5, &end, 10);
		if (*end != '\0' || n < 0 || n > 255)
			n = -2;
	}
	if (n >= COLORS)
		return n >= 8 && n < 16 ? (short)(n - 8) : -2;	/* bright -> plain on 8 colours */
	return (short)n;
}

static attr_t
attr_of(const char *name)
{
	static const struct { const char *name; attr_t a; } names[] = {
		{ "bold", A_BOLD }, { "dim", A_DIM }, { "underline", A_UNDERLINE },
		{ "reverse", A_REVERSE }, { "blink", A_BLINK }, { "standout", A_STANDOUT },
		{ "italic", A_ITALIC },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].a;
	return 0;
}

void
colors_init(const struct config *cfg)
{
	const char *nc = getenv("NO_COLOR");

	memcpy(styles, defaults, sizeof styles);
	use_color = (nc == NULL || *nc == '\0') && has_colors();
	if (use_color) {
		start_color();
		use_default_colors();
		/*
		 * Text on the terminal's own background, which may be white
		 * (xterm's default) or dark: WCAG AA (4.5:1) on both holds only
		 * for colours of relative luminance 0.175 to 0.183. In the
		 * 256-colour palette those are 29, 63, 98, 131, 163 and 243
		 * (4.5 to 4.7 against #ffffff and #000000; tests/contrast.py
		 * computes it from the screen). The 8 basic colours have none
		 * (xterm's yellow is 1.6:1 on white, its red 3.6:1 on black):
		 * there these elements keep the terminal's own foreground and
		 * their attributes, and colour stays for pairs with their own
		 * background (the title bar, search matches).
		 */
		static const struct { enum element e; short c256; } onbg[] = {
			{ EL_DATE, 243 }, { EL_FEED, 131 }, { EL_COUNT, 29 },
			{ EL_TAG, 98 }, { EL_ERROR, 131 }, { EL_WARNING, 131 },
			{ EL_PROGRESS, 29 }, { EL_HEADING, 63 }, { EL_LINK, 63 },
			{ EL_QUOTE, 29 }, { EL_CODE, 163 }, { EL_MARKET_UP, 29 },
			{ EL_MARKET_DOWN, 131 },
		};
		for (size_t i = 0; i < sizeof onbg / sizeof onbg[0]; i++)
			styles[onbg[i].e].fg = COLORS >= 256 ? onbg[i].c256 : -1;
		if (COLORS >= 256) {
			/* #eeeeee on #005f87: 6.1:1. */
			styles[EL_TITLE].fg = 255;
			styles[EL_TITLE].bg = 24;
		}
		if (cfg != NULL && !cfg->green_up) {
			/* green-up no: rising in red, as in East Asian markets. */
			short up = styles[EL_MARKET_UP].fg;
			styles[EL_MARKET_UP].fg = styles[EL_MARKET_DOWN].fg;
			styles[EL_MARKET_DOWN].fg = up;
		}
	}
	for (size_t i = 0; cfg != NULL && i < cfg->ncolors; i++) {
		const struct config_color *c = &cfg->colors[i];
		int e = element_of(c->element);
		if (e < 0)
			continue;	/* reported by config_check_colors */
		attr_t a = 0;
		for (char **p = c->attrs; p != NULL && *p != NULL; p++)
			a |= attr_of(*p);
		styles[e].attr = a;
		styles[e].mono = a;
		if (use_color) {
			short fg = color_of(c->fg), bg = color_of(c->bg);
			if (fg != -2)
				styles[e].fg = fg;
			if (bg != -2)
				styles[e].bg = bg;
		}
	}
	for (int e = 0; e < EL_COUNT_; e++) {
		if (!use_color) {
			attrs[e] = styles[e].mono;
			continue;
		}
		init_pair((short)(e + 1), styles[e].fg, styles[e].bg);
		attrs[e] = COLOR_PAIR(e + 1) | styles[e].attr;
	}
}

attr_t
colors_attr(enum element e)
{
	return attrs[e];
}

bool
colors_enabled(void)
{
	return use_color;
}

attr_t
colors_text_attr(uint16_t t, attr_t base)
{
	attr_t a = base;

	/* Colour of the most specific element, plus every flag's attribute. */
	if (t & TEXT_ATTR_HEADING)
		a = (a & ~A_COLOR) | attrs[EL_HEADING];
	if (t & TEXT_ATTR_QUOTE)
		a = (a & ~A_COLOR) | attrs[EL_QUOTE];
	if (t & TEXT_ATTR_CODE)
		a = (a & ~A_COLOR) | attrs[EL_CODE];
	if (t & TEXT_ATTR_LINK)
		a = (a & ~A_COLOR) | attrs[EL_LINK];
	if (t & TEXT_ATTR_DIM)
		a = (a & ~A_COLOR) | attrs[EL_DIM];
	if (t & TEXT_ATTR_BOLD)
		a |= A_BOLD;
	if (t & TEXT_ATTR_ITALIC)
		a |= A_ITALIC;
	if (t & TEXT_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (t & TEXT_ATTR_MATCH)
		a = (a & ~A_COLOR) | attrs[EL_MATCH];
	return a;
}
