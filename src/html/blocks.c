/*
 * HTML to the block model (blocks.h). libxml2's HTML parser builds a DOM
 * with recovery; a walk in document order (iterative: parent and sibling
 * pointers plus a capped frame stack, so depth never grows the C stack)
 * turns it into blocks.
 *
 * A block opens when its first visible content arrives and takes its
 * properties (type, gutter, direction hint) from the innermost frame then;
 * block-level elements close it. Whitespace collapses as in CSS
 * `white-space: normal`: runs become one space, dropped at block edges.
 * Attributes are kept as runs, one per change, so spans never overlap.
 * Image labels depend on the block's direction, which depends on its text,
 * so images are kept as (offset, alt) and labelled after direction
 * resolution.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html/blocks.h"
#include "html/parse.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define FSI "\xe2\x81\xa8"	/* bidi isolates: U+2068, U+2066, U+2067, U+2069 */
#define LRI "\xe2\x81\xa6"
#define RLI "\xe2\x81\xa7"
#define PDI "\xe2\x81\xa9"

/* Deeper elements still show their text but lose their own semantics. */
#define MAX_FRAMES 256

enum hint { HINT_NONE = 0, HINT_LTR, HINT_RTL, HINT_CONTENT };

/* The language that picks <q>'s quotation marks (man page, ARTICLES). */
enum qlang { QLANG_DOC = 0, QLANG_AR, QLANG_OTHER };

struct frame {
	xmlNode *node;
	uint16_t attr;		/* inline attributes in effect */
	uint8_t hint;		/* direction from dir/lang, inherited */
	bool block;		/* a block-level element: closes the block on leave */
	bool pre, quote, item, list, ordered;
	int heading;		/* 1..6 inside a heading */
	int cell;		/* > 0 inside a table cell: blocks become inline */
	int row;		/* frame index of the enclosing tr, or -1 */
	unsigned row_cells;	/* (tr) cells seen */
	int list_depth;
	unsigned list_id;	/* outermost list, for tight items */
	unsigned table_id;
	unsigned pre_id;
	long next;		/* (ol) next number */
	int numw;		/* (ol) digits of the widest number */
	char marker[24];	/* (li) its marker */
	int mwidth;
	bool marker_used;
	bool isolate;		/* its content is a bidi isolate: close it on leave */
	bool is_cell;		/* a td or th of a row (not one nested in a cell) */
	uint8_t qlang;		/* the nearest lang, for <q>'s marks: enum qlang, inherited */
	uint8_t qdepth;		/* <q> elements open, this one included */
	bool q;			/* a <q>: its closing mark on leave */
	char *href;		/* (a) resolved, sanitized; owned */
	unsigned long content_at;	/* content counter when the link opened */
};

struct img {
	size_t off;
	char *alt;		/* collapsed; may be "" */
};

/* A block under construction. */
struct wblock {
	struct html_block b;
	struct buf text;
	size_t aspans;
	struct img *imgs;
	size_t nimgs;
	uint8_t hint;
	unsigned group;		/* list, table or pre id: blocks of one group are tight */
	unsigned dgroup;	/* blocks of one dgroup share a direction */
};

struct ctx {
	const struct html_opts *opts;
	struct frame *fr;
	size_t nfr, afr;
	struct wblock *bl;
	size_t nbl, abl;
	bool open;		/* bl[nbl - 1] takes content */
	bool space;		/* a collapsed space is pending */
	uint16_t space_attr;
	bool after_br;		/* the next block continues the paragraph */
	bool pre_skip_nl;	/* HTML drops a newline right after <pre> */
	size_t pre_col;
	unsigned ids;
	unsigned long content;
	char **links;
	size_t nlinks, alinks;
};

static const struct frame root_frame = { .row = -1 };

static const char *const dropped[] = {
	"applet", "audio", "button", "canvas", "datalist", "dialog", "embed",
	"footer", "form", "frame", "frameset", "head", "iframe", "input", "link",
	"map", "math", "meta", "nav", "noembed", "noframes", "noscript",
	"object", "option", "param", "script", "select", "source", "style",
	"svg", "template", "textarea", "title", "track", "video",
};

static const char *const block_names[] = {
	"address", "article", "aside", "blockquote", "body", "caption", "center",
	"dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
	"html", "legend", "li", "main", "menu", "ol", "p", "pre", "section",
	"summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
};

static bool
in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static char *
prop(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* hidden, aria-hidden="true", or an inline style that hides it. */
static bool
is_hidden(xmlNode *n)
{
	char *v;
	bool hidden = false;

	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		return true;
	if ((v = prop(n, "aria-hidden")) != NULL) {
		hidden = strcasecmp(v, "true") == 0;
		xmlFree(v);
		if (hidden)
			return true;
	}
	if ((v = prop(n, "style")) != NULL) {
		char *w = v;
		for (char *r = v; *r != '\0'; r++)
			if (!is_ws(*r))
				*w++ = (char)tolower((unsigned char)*r);
		*w = '\0';
		hidden = strstr(v, "display:none") != NULL ||
		    strstr(v, "visibility:hidden") != NULL;
		xmlFree(v);
	}
	return hidden;
}

static struct frame *
top(struct ctx *c)
{
	return c->nfr > 0 ? &c->fr[c->nfr - 1] : (struct frame *)&root_frame;
}

static struct wblock *
cur(struct ctx *c)
{
	return &c->bl[c->nbl - 1];
}

/* Start a block with the context of the innermost frame. */
static void
open_block(struct ctx *c)
{
	const struct frame *f = top(c);
	struct wblock *prev = c->nbl > 0 ? cur(c) : NULL;
	struct wblock *w;

	if (c->nbl == c->abl) {
		c->abl = c->abl ? c->abl * 2 : 16;
		c->bl = xreallocarray(c->bl, c->abl, sizeof *c->bl);
		prev = c->nbl > 0 ? cur(c) : NULL;
	}
	w = &c->bl[c->nbl++];
	memset(w, 0, sizeof *w);
	buf_init(&w->text, 0);
	w->hint = f->hint;
	if (f->pre) {
		w->b.type = HTML_BLOCK_PRE;
		w->group = f->pre_id;
	} else if (f->row >= 0) {
		w->b.type = HTML_BLOCK_ROW;
		w->group = f->table_id;
		w->b.table = f->table_id;
	} else if (f->heading > 0 && f->cell == 0) {
		w->b.type = HTML_BLOCK_HEADING;
		w->b.level = f->heading;
	} else {
		w->b.type = HTML_BLOCK_PARA;
	}
	if (w->group == 0 && f->list_depth > 0)
		w->group = f->list_id;
	w->b.tight = prev != NULL && ((c->after_br && prev->b.type != HTML_BLOCK_RULE) ||
	    (w->group != 0 && prev->group == w->group));
	if (c->after_br && prev != NULL && w->b.type == prev->b.type)
		w->dgroup = prev->dgroup;
	else if (w->b.type == HTML_BLOCK_ROW)
		w->dgroup = f->table_id;
	else
		w->dgroup = ++c->ids;

	/* The gutter: quotes and items from the outside in. */
	for (size_t i = 0; i < c->nfr; i++) {
		struct frame *g = &c->fr[i];
		if (!g->quote && !g->item)
			continue;
		w->b.segs = xreallocarray(w->b.segs, w->b.nsegs + 1, sizeof *w->b.segs);
		struct html_seg *s = &w->b.segs[w->b.nsegs++];
		memset(s, 0, sizeof *s);
		if (g->quote) {
			s->kind = HTML_SEG_QUOTE;
			s->width = 2;
		} else {
			s->kind = HTML_SEG_ITEM;
			memcpy(s->marker, g->marker, sizeof s->marker);
			s->width = g->mwidth;
			s->show = !g->marker_used && g->marker[0] != '\0';
			g->marker_used = true;
		}
	}
	c->open = true;
	c->space = false;
	c->after_br = false;
	c->pre_col = 0;
}

static void
close_block(struct ctx *c)
{
	c->open = false;
	c->space = false;
}

/* Append bytes with an attribute, extending the last span when it matches. */
static void
emit(struct wblock *w, const char *s, size_t n, uint16_t attr)
{
	size_t at = w->text.len;

	buf_append(&w->text, s, n);
	if (attr == 0 || n == 0)
		return;
	if (w->b.nspans > 0) {
		struct text_span *l = &w->b.spans[w->b.nspans - 1];
		if (l->end == at && l->attr == attr) {
			l->end = at + n;
			return;
		}
	}
	if (w->b.nspans == w->aspans) {
		w->aspans = w->aspans ? w->aspans * 2 : 8;
		w->b.spans = xreallocarray(w->b.spans, w->aspans, sizeof *w->b.spans);
	}
	w->b.spans[w->b.nspans++] = (struct text_span){ at, at + n, attr };
}

/* Prepare for visible content: open a block, emit a pending space. */
static struct wblock *
content(struct ctx *c, uint16_t attr)
{
	if (!c->open)
		open_block(c);
	if (c->space) {
		emit(cur(c), " ", 1, (uint16_t)(c->space_attr & attr));
		c->space = false;
	}
	c->content++;
	return cur(c);
}

/* The block's text ends with an isolate opener (no space after it). */
static bool
ends_with_opener(const struct wblock *w)
{
	if (w->text.len < 3)
		return false;
	const char *e = w->text.data + w->text.len - 3;
	return strncmp(e, FSI, 3) == 0 || strncmp(e, LRI, 3) == 0 || strncmp(e, RLI, 3) == 0;
}

static void
pending_space(struct ctx *c, uint16_t attr)
{
	struct wblock *w = c->open ? cur(c) : NULL;

	/* Not at a block's start, and never two spaces (after a cell separator). */
	if (w != NULL && w->text.len + w->nimgs > 0 && !c->space &&
	    (w->text.len == 0 || w->text.data[w->text.len - 1] != ' ' ||
	    (w->nimgs > 0 && w->imgs[w->nimgs - 1].off == w->text.len)) &&
	    !ends_with_opener(w)) {
		c->space = true;
		c->space_attr = attr;
	}
}

/*
 * Open a bidi isolate (table cells, inline dir, bdi) so its content cannot
 * reorder what is around it, as a browser isolates them. The controls take
 * part in the levels and are never printed (text.h).
 */
static void
open_isolate(struct ctx *c, const char *ctl)
{
	if (!c->open)
		open_block(c);
	if (c->space) {
		emit(cur(c), " ", 1, c->space_attr);
		c->space = false;
	}
	emit(cur(c), ctl, strlen(ctl), 0);
}

static void
add_text(struct ctx *c, const char *s, size_t n)
{
	uint16_t attr = top(c)->attr;
	size_t i = 0;

	while (i < n) {
		if (is_ws(s[i])) {
			pending_space(c, attr);
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && !is_ws(s[j]))
			j++;
		emit(content(c, attr), s + i, j - i, attr);
		i = j;
	}
}

/* Text inside pre: newlines end lines, tabs expand to 8-column stops. */
static void
add_pre_text(struct ctx *c, const char *s, size_t n)
{
	uint16_t attr = top(c)->attr;

	for (size_t i = 0; i < n; ) {
		if (s[i] == '\n') {
			if (!c->pre_skip_nl) {
				if (!c->open)
					open_block(c);
				close_block(c);
				open_block(c);
			}
			c->pre_skip_nl = false;
			i++;
			continue;
		}
		c->pre_skip_nl = false;
		if (s[i] == '\t') {
			struct wblock *w = content(c, attr);
			do {
				emit(w, " ", 1, attr);
				c->pre_col++;
			} while (c->pre_col % 8 != 0);
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != '\n' && s[j] != '\t') {
			if (((unsigned char)s[j] & 0xC0) != 0x80)
				c->pre_col++;
			j++;
		}
		emit(content(c, attr), s + i, j - i, attr);
		i = j;
	}
}

static void
add_image(struct ctx *c, xmlNode *n)
{
	char *w = prop(n, "width"), *h = prop(n, "height"), *alt;
	bool pixel = w != NULL && h != NULL && atoi(w) <= 1 && atoi(h) <= 1 &&
	    isdigit((unsigned char)w[0]) && isdigit((unsigned char)h[0]);
	struct buf a = BUF_INIT;
	struct wblock *b;

	xmlFree(w);
	xmlFree(h);
	if (pixel)	/* tracking pixels say nothing */
		return;
	b = content(c, top(c)->attr);
	if ((alt = prop(n, "alt")) != NULL) {
		bool sp = false;
		for (const char *p = alt; *p != '\0'; p++) {
			if (is_ws(*p)) {
				sp = a.len > 0;
				continue;
			}
			if (sp)
				buf_append_char(&a, ' ');
			sp = false;
			buf_append_char(&a, *p);
		}
		xmlFree(alt);
	}
	b->imgs = xreallocarray(b->imgs, b->nimgs + 1, sizeof *b->imgs);
	b->imgs[b->nimgs++] = (struct img){ b->text.len, buf_detach(&a) };
}

/* Relative links against the document's URL; without one they stay as written. */
static char *
resolve_href(const char *base, const char *href)
{
	if (base == NULL || *base == '\0' || url_has_scheme(href))
		return xstrdup(href);
	return url_resolve(base, href);
}

/* A link's URL as it will be listed, or NULL for none (empty, in-page). */
static char *
link_url(struct ctx *c, xmlNode *n)
{
	char *h = prop(n, "href"), *r, *s;
	const char *p;
	size_t len;

	if (h == NULL)
		return NULL;
	for (p = h; is_ws(*p); p++)
		;
	len = strlen(p);
	while (len > 0 && is_ws(p[len - 1]))
		len--;
	if (len == 0 || p[0] == '#') {
		xmlFree(h);
		return NULL;
	}
	char *t = xstrndup(p, len);
	xmlFree(h);
	r = resolve_href(c->opts != NULL ? c->opts->base_url : NULL, t);
	free(t);
	/* Only ever shown, never opened here; still untrusted bytes. */
	s = utf8_sanitize(r, strlen(r), 0, NULL);
	free(r);
	return s;
}

/* The number of url in the links list, adding it when new (1-based). */
static size_t
link_number(struct ctx *c, char *url)
{
	for (size_t i = 0; i < c->nlinks; i++)
		if (strcmp(c->links[i], url) == 0) {
			free(url);
			return i + 1;
		}
	if (c->nlinks == c->alinks) {
		c->alinks = c->alinks ? c->alinks * 2 : 8;
		c->links = xreallocarray(c->links, c->alinks, sizeof *c->links);
	}
	c->links[c->nlinks++] = url;
	return c->nlinks;
}

/* The nearest element with a dir or a lang decides; on one element, dir
 * wins (hint_of(n, lang_hint_of(n, inherited))). */
static uint8_t
hint_of(xmlNode *n, uint8_t inherited)
{
	char *v;
	uint8_t h = HINT_NONE;

	if ((v = prop(n, "dir")) != NULL) {
		if (strcasecmp(v, "rtl") == 0)
			h = HINT_RTL;
		else if (strcasecmp(v, "ltr") == 0)
			h = HINT_LTR;
		else if (strcasecmp(v, "auto") == 0)
			h = HINT_CONTENT;
		xmlFree(v);
		if (h != HINT_NONE)
			return h;
	}
	return inherited;
}

/* n's lang, xml:lang or namespaced xml lang attribute, or NULL (xmlFree it). */
static char *
lang_prop(xmlNode *n)
{
	char *v = prop(n, "lang");

	if (v == NULL)
		v = prop(n, "xml:lang");
	if (v == NULL)
		v = (char *)xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	return v;
}

static uint8_t
lang_hint_of(xmlNode *n, uint8_t inherited)
{
	char *v = lang_prop(n);

	if (v != NULL) {
		enum text_dir d = text_dir_of_lang(v);
		xmlFree(v);
		if (d == TEXT_DIR_RTL)
			return HINT_RTL;
		if (d == TEXT_DIR_LTR)
			return HINT_LTR;
	}
	return inherited;
}

static bool
lang_is_arabic(const char *v)
{
	v += strspn(v, " \t");
	return strncasecmp(v, "ar", 2) == 0 && (v[2] == '\0' || v[2] == '-' || v[2] == '_' ||
	    v[2] == ' ');
}

/* The nearest lang attribute, for <q>. */
static uint8_t
qlang_of(xmlNode *n, uint8_t inherited)
{
	char *v = lang_prop(n);

	if (v == NULL)
		return inherited;
	uint8_t q = v[strspn(v, " \t")] == '\0' ? inherited :
	    lang_is_arabic(v) ? QLANG_AR : QLANG_OTHER;
	xmlFree(v);
	return q;
}

/*
 * <q>'s marks (UTF-8, logical order), by language and depth: Arabic takes
 * the guillemets «…» as French typography does, with “…” inside; every
 * other language “…”, with ‘…’ inside. The bidi algorithm mirrors the
 * guillemets in right-to-left text, so they point outwards there too.
 */
static const char *
q_mark(const struct ctx *c, const struct frame *f, bool open)
{
	bool ar = f->qlang == QLANG_AR || (f->qlang == QLANG_DOC && c->opts != NULL &&
	    c->opts->lang != NULL && lang_is_arabic(c->opts->lang));
	bool inner = f->qdepth > 1;

	if (ar && !inner)
		return open ? "\xc2\xab" : "\xc2\xbb";
	if (ar || !inner)
		return open ? "\xe2\x80\x9c" : "\xe2\x80\x9d";
	return open ? "\xe2\x80\x98" : "\xe2\x80\x99";
}

static int
count_items(xmlNode *list)
{
	int k = 0;
	for (xmlNode *ch = list->children; ch != NULL; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && strcmp((const char *)ch->name, "li") == 0)
			k++;
	return k;
}

static void
set_item_marker(struct ctx *c, struct frame *f, xmlNode *n)
{
	struct frame *list = NULL;

	for (size_t i = c->nfr - 1; i-- > 0; )
		if (c->fr[i].list) {
			list = &c->fr[i];
			break;
		}
	if (list != NULL && list->ordered) {
		char *v = prop(n, "value");
		if (v != NULL) {
			list->next = strtol(v, NULL, 10);
			xmlFree(v);
		}
		long num = list->next;
		if (list->next < 1000000000L)
			list->next++;
		snprintf(f->marker, sizeof f->marker, "%ld.", num);
		int w = (int)strlen(f->marker) - 1;
		f->mwidth = (w > list->numw ? w : list->numw) + 2;
	} else {
		static const char *const bullets[] = { "•", "◦", "▪" };
		int d = list != NULL ? list->list_depth : 1;
		snprintf(f->marker, sizeof f->marker, "%s", bullets[d > 3 ? 2 : d - 1]);
		f->mwidth = 2;
	}
}

static void
block_boundary(struct ctx *c)
{
	if (top(c)->cell > 0) {
		pending_space(c, top(c)->attr);
		return;
	}
	close_block(c);
	c->after_br = false;
}

/* Enter an element: false when its subtree is to be skipped. */
static bool
enter(struct ctx *c, xmlNode *n)
{
	const char *name = (const char *)n->name;
	struct frame *f;

	if (in_list(name, dropped, sizeof dropped / sizeof dropped[0]) || is_hidden(n))
		return false;
	if (strcmp(name, "img") == 0) {
		add_image(c, n);
		return false;
	}
	if (strcmp(name, "br") == 0) {
		if (top(c)->pre)
			add_pre_text(c, "\n", 1);
		else if (top(c)->cell > 0)
			pending_space(c, top(c)->attr);
		else if (c->open) {
			close_block(c);
			c->after_br = true;
		} else
			c->after_br = false;	/* <br><br>: a paragraph break */
		return false;
	}
	if (strcmp(name, "hr") == 0) {
		block_boundary(c);
		if (top(c)->cell > 0)
			return false;
		open_block(c);
		cur(c)->b.type = HTML_BLOCK_RULE;
		cur(c)->b.tight = false;
		cur(c)->group = 0;
		close_block(c);
		return false;
	}
	if (c->nfr >= MAX_FRAMES)
		return true;	/* too deep: text only */

	if (c->nfr == c->afr) {
		c->afr = c->afr ? c->afr * 2 : 32;
		c->fr = xreallocarray(c->fr, c->afr, sizeof *c->fr);
	}
	c->fr[c->nfr] = *top(c);
	f = &c->fr[c->nfr++];
	f->node = n;
	f->block = false;
	f->quote = f->item = f->list = f->ordered = false;
	f->href = NULL;
	f->isolate = false;
	f->is_cell = false;
	f->q = false;
	f->marker[0] = '\0';
	f->hint = hint_of(n, lang_hint_of(n, f->hint));
	f->qlang = qlang_of(n, f->qlang);

	if (in_list(name, block_names, sizeof block_names / sizeof block_names[0])) {
		f->block = true;
		block_boundary(c);
	}
	if (f->cell > 0)
		goto inline_attrs;	/* inside a cell only inline meaning is kept */

	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0') {
		f->heading = name[1] - '0';
		f->attr |= TEXT_ATTR_BOLD | TEXT_ATTR_HEADING;
		if (f->heading <= 2)
			f->attr |= TEXT_ATTR_UNDERLINE;
	} else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0 ||
	    strcmp(name, "menu") == 0 || strcmp(name, "dir") == 0) {
		f->list = true;
		if (f->list_depth++ == 0)
			f->list_id = ++c->ids;
		if (name[0] == 'o') {
			char *v = prop(n, "start");
			f->ordered = true;
			f->next = 1;
			if (v != NULL) {
				f->next = strtol(v, NULL, 10);
				xmlFree(v);
			}
			if (f->next < -1000000000L || f->next > 1000000000L)
				f->next = 1;
			long last = f->next + count_items(n) - 1;
			char tmp[24];
			snprintf(tmp, sizeof tmp, "%ld", last > f->next ? last : f->next);
			f->numw = (int)strlen(tmp);
		}
	} else if (strcmp(name, "li") == 0) {
		f->item = true;
		f->marker_used = false;
		set_item_marker(c, f, n);
	} else if (strcmp(name, "dd") == 0) {
		f->item = true;	/* indented like an item, without a marker */
		f->mwidth = 2;
	} else if (strcmp(name, "blockquote") == 0) {
		f->quote = true;
		f->attr |= TEXT_ATTR_QUOTE;
	} else if (strcmp(name, "pre") == 0) {
		f->pre = true;
		f->pre_id = ++c->ids;
		open_block(c);	/* a pre block exists even when it starts blank */
		c->pre_skip_nl = true;
	} else if (strcmp(name, "table") == 0) {
		f->table_id = ++c->ids;
		f->row = -1;
	} else if (strcmp(name, "tr") == 0) {
		block_boundary(c);
		f->row = (int)(c->nfr - 1);
		f->row_cells = 0;
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		if (f->row >= 0) {
			struct frame *row = &c->fr[f->row];
			if (row->row_cells++ > 0 && c->open) {
				emit(cur(c), " ", 1, 0);
				c->space = false;
			}
		}
		f->is_cell = f->row >= 0 && f->cell == 0;
		f->cell++;
		if (name[1] == 'h')
			f->attr |= TEXT_ATTR_BOLD;
		if (f->is_cell) {
			/* Each cell is laid out as its own paragraph (html.c):
			 * its range starts with its isolate. */
			struct html_block *b;
			if (!c->open)
				open_block(c);
			if (c->space)	/* text of the row before the cell: keep the space */
				emit(cur(c), " ", 1, c->space_attr);
			c->space = false;
			b = &cur(c)->b;
			b->cells = xreallocarray(b->cells, b->ncells + 1, sizeof *b->cells);
			b->cells[b->ncells].start = b->cells[b->ncells].end = cur(c)->text.len;
			b->ncells++;
		}
		open_isolate(c, FSI);
		f->isolate = true;
		return true;
	}
inline_attrs:
	if (!f->block && !f->pre) {
		/* <bdi> and inline dir="...": isolated as in a browser. */
		char *d = prop(n, "dir");
		const char *ctl = NULL;
		if (d != NULL)
			ctl = strcasecmp(d, "rtl") == 0 ? RLI : strcasecmp(d, "ltr") == 0 ? LRI :
			    strcasecmp(d, "auto") == 0 ? FSI : NULL;
		if (ctl == NULL && strcmp(name, "bdi") == 0)
			ctl = FSI;
		xmlFree(d);
		if (ctl != NULL) {
			open_isolate(c, ctl);
			f->isolate = true;
		}
	}
	if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0)
		f->attr |= TEXT_ATTR_BOLD;
	else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0 ||
	    strcmp(name, "cite") == 0 || strcmp(name, "var") == 0 ||
	    strcmp(name, "dfn") == 0)
		f->attr |= TEXT_ATTR_ITALIC;
	else if (strcmp(name, "u") == 0 || strcmp(name, "ins") == 0)
		f->attr |= TEXT_ATTR_UNDERLINE;
	else if (strcmp(name, "code") == 0 || strcmp(name, "kbd") == 0 ||
	    strcmp(name, "samp") == 0 || strcmp(name, "tt") == 0)
		f->attr |= TEXT_ATTR_CODE;
	else if (strcmp(name, "a") == 0 && (f->href = link_url(c, n)) != NULL) {
		f->attr |= TEXT_ATTR_LINK;
		f->content_at = c->content;
	} else if (strcmp(name, "q") == 0) {
		const char *m;
		f->q = true;
		if (f->qdepth < UINT8_MAX)
			f->qdepth++;
		m = q_mark(c, f, true);
		emit(content(c, f->attr), m, strlen(m), f->attr);
	}
	return true;
}

static void
leave(struct ctx *c, xmlNode *n)
{
	struct frame *f;

	if (c->nfr == 0 || c->fr[c->nfr - 1].node != n)
		return;	/* skipped, or beyond the depth cap */
	f = &c->fr[c->nfr - 1];
	if (f->href != NULL) {
		if (c->content != f->content_at) {
			char mark[32];
			size_t num = link_number(c, f->href);
			f->href = NULL;
			snprintf(mark, sizeof mark, "[%zu]", num);
			/* After the text, before any pending space; a link that
			 * closed its block gets the marker at that block's end. */
			if (c->open || (c->nbl > 0 && cur(c)->b.type != HTML_BLOCK_RULE))
				emit(cur(c), mark, strlen(mark), f->attr);
		}
		free(f->href);
		f->href = NULL;
	}
	if (f->pre && (c->nfr < 2 || !c->fr[c->nfr - 2].pre)) {
		/* A trailing newline does not make an empty last line. */
		if (c->open && cur(c)->text.len == 0 && cur(c)->nimgs == 0) {
			buf_free(&cur(c)->text);
			free(cur(c)->b.segs);
			c->nbl--;
		}
		c->pre_skip_nl = false;
	}
	if (f->q) {
		/* Right after the quoted text; a space inside the end goes after. */
		const char *m = q_mark(c, f, false);
		bool space = c->space;
		uint16_t space_attr = c->space_attr;
		c->space = false;
		emit(content(c, f->attr), m, strlen(m), f->attr);
		c->space = space;
		c->space_attr = space_attr;
	}
	if (f->isolate && c->open) {
		if (f->cell > 0)
			c->space = false;	/* a cell's trailing space */
		emit(cur(c), PDI, strlen(PDI), 0);
		if (f->is_cell && cur(c)->b.ncells > 0)
			cur(c)->b.cells[cur(c)->b.ncells - 1].end = cur(c)->text.len;
	}
	bool block = f->block;
	c->nfr--;
	if (block)
		block_boundary(c);
}

static void
walk(struct ctx *c, xmlNode *root)
{
	xmlNode *n = root;

	while (n != NULL) {
		bool descend = false;

		switch (n->type) {
		case XML_ELEMENT_NODE:
			descend = enter(c, n);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL) {
				size_t len = strlen((const char *)n->content);
				if (top(c)->pre)
					add_pre_text(c, (const char *)n->content, len);
				else
					add_text(c, (const char *)n->content, len);
			}
			break;
		default:
			break;	/* comments, processing instructions, DTD */
		}
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE)
				leave(c, n);
			if (n == root)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* Count the strong words of a block with its image alts in place. */
static void
block_count_strong(const struct wblock *w, struct text_strong_count *c)
{
	size_t at = 0;

	for (size_t i = 0; i < w->nimgs; i++) {
		text_count_strong(buf_str(&w->text) + at, w->imgs[i].off - at, c);
		text_count_strong(w->imgs[i].alt, strlen(w->imgs[i].alt), c);
		at = w->imgs[i].off;
	}
	text_count_strong(buf_str(&w->text) + at, w->text.len - at, c);
}

/* Directions: --dir, else dir, else the nearest lang, else the document's
 * (item's or feed's) language, else the per-feed setting, else the
 * majority of the words (text_dir_resolve's order; dir="auto" alone takes
 * the first strong letter, as in a browser), else the paragraph before.
 * Blocks of one dgroup (a paragraph split by <br>, a table) share one
 * direction. */
static void
resolve_dirs(struct ctx *c)
{
	struct text_strong_count *cnt = xcalloc(c->ids + 1, sizeof *cnt);
	enum text_dir *res = xcalloc(c->ids + 1, sizeof *res);
	enum text_dir force = c->opts != NULL ? c->opts->text.dir : TEXT_DIR_AUTO;
	enum text_dir setting = c->opts != NULL ? c->opts->setting_dir : TEXT_DIR_AUTO;
	const char *doc = c->opts != NULL ? c->opts->lang : NULL;
	enum text_dir prev = TEXT_DIR_LTR;

	for (size_t i = 0; i < c->nbl; i++)
		block_count_strong(&c->bl[i], &cnt[c->bl[i].dgroup]);
	for (size_t i = 0; i < c->nbl; i++) {
		struct wblock *w = &c->bl[i];
		enum text_dir d = res[w->dgroup];

		if (w->b.type == HTML_BLOCK_PRE) {
			w->b.dir = TEXT_DIR_LTR;	/* code reads left to right */
			continue;
		}
		if (w->b.type == HTML_BLOCK_RULE) {
			w->b.dir = prev;
			continue;
		}
		if (d == TEXT_DIR_AUTO) {
			const struct text_strong_count *k = &cnt[w->dgroup];
			static const enum text_dir of_hint[] = {
				[HINT_NONE] = TEXT_DIR_AUTO, [HINT_LTR] = TEXT_DIR_LTR,
				[HINT_RTL] = TEXT_DIR_RTL, [HINT_CONTENT] = TEXT_DIR_AUTO,
			};
			struct text_dir_sources src = {
				.dir = force != TEXT_DIR_AUTO ? force : of_hint[w->hint],
				.lang = NULL,
				.doc_lang = doc,
				.setting = setting,
			};
			if (src.dir == TEXT_DIR_AUTO && w->hint == HINT_CONTENT)
				src.dir = k->first != TEXT_DIR_AUTO ? k->first : prev;
			d = text_dir_resolve(&src);
			if (d == TEXT_DIR_AUTO)
				d = text_strong_majority(k);
			if (d == TEXT_DIR_AUTO)
				d = prev;
			res[w->dgroup] = d;
		}
		w->b.dir = d;
		prev = d;
	}
	free(cnt);
	free(res);
}

/* Insert the image labels, now that the direction is known, and move the
 * spans after them. A label joins a span that starts at its offset. */
static void
finish_block(struct wblock *w)
{
	if (w->nimgs > 0) {
		bool rtl = w->b.dir == TEXT_DIR_RTL;
		struct buf t = BUF_INIT;
		size_t *shift = xcalloc(w->nimgs + 1, sizeof *shift);
		size_t at = 0;

		for (size_t i = 0; i < w->nimgs; i++) {
			struct img *im = &w->imgs[i];
			buf_append(&t, buf_str(&w->text) + at, im->off - at);
			at = im->off;
			size_t before = t.len;
			if (im->alt[0] != '\0')
				buf_printf(&t, rtl ? "[صورة: %s]" : "[image: %s]", im->alt);
			else
				buf_append_str(&t, rtl ? "[صورة]" : "[image]");
			shift[i + 1] = shift[i] + (t.len - before);
		}
		buf_append(&t, buf_str(&w->text) + at, w->text.len - at);
		for (size_t k = 0; k < w->b.nspans; k++) {
			struct text_span *s = &w->b.spans[k];
			size_t i = 0, j = 0;
			while (i < w->nimgs && w->imgs[i].off < s->start)
				i++;
			while (j < w->nimgs && w->imgs[j].off < s->end)
				j++;
			s->start += shift[i];
			s->end += shift[j];
		}
		for (size_t k = 0; k < w->b.ncells; k++) {
			struct html_cell *s = &w->b.cells[k];
			size_t i = 0, j = 0;
			/* An image at a cell's edge is inside it. */
			while (i < w->nimgs && w->imgs[i].off < s->start)
				i++;
			while (j < w->nimgs && w->imgs[j].off <= s->end)
				j++;
			s->start += shift[i];
			s->end += shift[j];
		}
		free(shift);
		buf_free(&w->text);
		w->text = t;
	}
	w->b.len = w->text.len;
	/* Text of the row outside every cell (<tr>text<td>, between cells)
	 * goes with the cell before it, or the first: nothing is dropped. */
	for (size_t k = 0; k < w->b.ncells; k++) {
		struct html_cell *cl = &w->b.cells[k];
		cl->start = k == 0 ? 0 : w->b.cells[k - 1].end;
		if (k + 1 == w->b.ncells)
			cl->end = w->b.len;
		else if (w->b.cells[k + 1].start > cl->end)
			cl->end = w->b.cells[k + 1].start;
	}
	w->b.text = buf_detach(&w->text);
}

/* A non-pre block of nothing but spaces and no-break spaces. */
static bool
blank_block(const struct wblock *w)
{
	const char *s = buf_str(&w->text);

	if (w->b.type == HTML_BLOCK_PRE || w->b.type == HTML_BLOCK_RULE || w->nimgs > 0)
		return false;
	for (size_t i = 0; i < w->text.len; ) {
		if (s[i] == ' ')
			i++;
		else if (strncmp(s + i, "\xc2\xa0", 2) == 0)
			i += 2;
		else
			return false;
	}
	return true;
}

static void
free_wblock(struct wblock *w)
{
	for (size_t i = 0; i < w->nimgs; i++)
		free(w->imgs[i].alt);
	free(w->imgs);
	buf_free(&w->text);
}

int
html_blocks_build(const char *html, size_t len, const struct html_opts *opts,
    struct html_blocks *out, char **err)
{
	struct ctx c = { .opts = opts };
	htmlDocPtr doc;
	xmlNode *root;
	size_t clean_len;
	char *clean;

	memset(out, 0, sizeof *out);
	/* Valid UTF-8 without controls in, so libxml2 never guesses or complains;
	 * bidi controls stay for the layout engine, which decides. */
	clean = utf8_sanitize(html != NULL ? html : "", html != NULL ? len : 0,
	    UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI, &clean_len);
	if (clean_len > INT_MAX) {
		free(clean);
		if (err != NULL)
			*err = xstrdup("HTML document too large");
		return -1;
	}
	/* Nested past the depth limit: flattened there, never cut off. */
	doc = html_parse_flat(clean, clean_len, NULL,
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
	free(clean);
	/* An empty document has no root: zero blocks, not an error. */
	if (doc != NULL && (root = xmlDocGetRootElement(doc)) != NULL)
		walk(&c, root);
	if (doc != NULL)
		xmlFreeDoc(doc);
	for (size_t i = 0; i < c.nfr; i++)
		free(c.fr[i].href);
	free(c.fr);

	resolve_dirs(&c);
	out->v = xcalloc(c.nbl ? c.nbl : 1, sizeof *out->v);
	for (size_t i = 0; i < c.nbl; i++) {
		struct wblock *w = &c.bl[i];
		if (blank_block(w)) {
			/* <p>&nbsp;</p> spacers; a following block keeps its gap */
			if (i + 1 < c.nbl && !w->b.tight)
				c.bl[i + 1].b.tight = false;
			free(w->b.spans);
			free(w->b.segs);
			free(w->b.cells);
			free_wblock(w);
			continue;
		}
		finish_block(w);
		out->v[out->n++] = w->b;
		free_wblock(w);
	}
	free(c.bl);
	out->links = c.links;
	out->nlinks = c.nlinks;
	return 0;
}

void
html_blocks_free(struct html_blocks *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].text);
		free(b->v[i].spans);
		free(b->v[i].segs);
		free(b->v[i].cells);
	}
	free(b->v);
	for (size_t i = 0; i < b->nlinks; i++)
		free(b->links[i]);
	free(b->links);
	memset(b, 0, sizeof *b);
}
