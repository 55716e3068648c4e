/*
 * Building the clean article: a new document whose root is <article>, made
 * from the chosen blocks of the page. Source elements fall into kinds: kept
 * blocks (p, h2-h6, lists, quotes, pre, tables, figures), kept inline
 * elements (a, img, strong, em, b, i, code, br), transparent containers
 * (div, section, ...: their content takes their place) and inline wrappers
 * that are dropped around their text (span, font, ...). Inline content met
 * directly in a container is wrapped in an implicit <p>; two <br> in a row
 * end it, which is how text-in-div pages get paragraphs. Containers that are
 * mostly links (lists of related stories) are left out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

enum kind {
	K_TRANSPARENT,	/* div, section, ...: content in place */
	K_PARA,		/* p, h2-h6, pre, figcaption: a paragraph-like block */
	K_H1,
	K_LIST,
	K_LI,
	K_QUOTE,
	K_FIGURE,
	K_TABLE,
	K_BR,
	K_HR,
	K_A,
	K_IMG,
	K_INLINE,	/* strong, em, b, i, code: kept */
	K_UNWRAP,	/* span, font, ...: dropped around the content */
};

struct builder {
	xmlDoc *doc;
	const char *base;
	char *title;		/* collapsed */
};

static enum kind
kind_of(const xmlNode *n)
{
	static const struct {
		const char *tag;
		enum kind k;
	} map[] = {
		{ "p", K_PARA }, { "h2", K_PARA }, { "h3", K_PARA }, { "h4", K_PARA },
		{ "h5", K_PARA }, { "h6", K_PARA }, { "pre", K_PARA },
		{ "figcaption", K_PARA }, { "address", K_PARA }, { "dd", K_PARA },
		{ "dt", K_PARA }, { "summary", K_PARA }, { "caption", K_PARA },
		{ "h1", K_H1 }, { "ul", K_LIST }, { "ol", K_LIST }, { "li", K_LI },
		{ "blockquote", K_QUOTE }, { "figure", K_FIGURE }, { "table", K_TABLE },
		{ "br", K_BR }, { "hr", K_HR }, { "a", K_A }, { "img", K_IMG },
		{ "strong", K_INLINE }, { "em", K_INLINE }, { "b", K_INLINE },
		{ "i", K_INLINE }, { "code", K_INLINE },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (extract_is(n, map[i].tag))
			return map[i].k;
	return extract_is_block(n) ? K_TRANSPARENT : K_UNWRAP;
}

/* The tag a kept block gets in the clean document. */
static const char *
para_tag(const xmlNode *n)
{
	static const char *const same[] = { "p", "h2", "h3", "h4", "h5", "h6", "pre",
		"figcaption", "caption" };
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		if (extract_is(n, same[i]))
			return same[i];
	return "p";
}

static xmlNode *
add_elem(struct builder *b, xmlNode *parent, const char *tag, const xmlNode *src)
{
	xmlNode *e = xmlNewDocNode(b->doc, NULL, (const xmlChar *)tag, NULL);

	xmlAddChild(parent, e);
	/* dir and lang survive, so mixed Arabic/English pages keep their direction. */
	if (src != NULL) {
		static const char *const keep[] = { "dir", "lang" };
		for (size_t i = 0; i < 2; i++) {
			char *v = extract_attr(src, keep[i]);
			if (v != NULL && *v != '\0') {
				char *clean = utf8_sanitize(v, strlen(v), 0, NULL);
				xmlNewProp(e, (const xmlChar *)keep[i], (const xmlChar *)clean);
				free(clean);
			}
			free(v);
		}
	}
	return e;
}

static void
add_text(struct builder *b, xmlNode *parent, const char *s)
{
	char *clean = utf8_sanitize(s, strlen(s), UTF8_KEEP_NEWLINES, NULL);

	if (*clean != '\0')
		xmlAddChild(parent, xmlNewDocText(b->doc, (const xmlChar *)clean));
	free(clean);
}

static void
set_attr(xmlNode *e, const char *name, const char *value)
{
	char *clean = utf8_sanitize(value, strlen(value), 0, NULL);
	char *c = extract_collapse(clean);

	xmlNewProp(e, (const xmlChar *)name, (const xmlChar *)c);
	free(c);
	free(clean);
}

static char *
resolve(const struct builder *b, const char *ref)
{
	return url_resolve(b->base, ref);
}

/* Does the clean subtree n show anything: non-space text or an image? */
static bool
has_content(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			for (const xmlChar *p = c->content; *p != '\0'; p++)
				if (strchr(" \t\r\n\f\v", *p) == NULL)
					return true;
		} else if (c->type == XML_ELEMENT_NODE &&
		    (extract_is(c, "img") || has_content(c))) {
			return true;
		}
	}
	return false;
}

static void
drop_if_empty(xmlNode *n)
{
	if (n != NULL && !has_content(n)) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

static void
build_img(struct builder *b, const xmlNode *src, xmlNode *dst)
{
	static const char *const srcs[] = { "src", "data-src", "data-lazy-src", "data-original" };
	char *w = extract_attr(src, "width"), *h = extract_attr(src, "height");
	bool pixel = w != NULL && h != NULL && atoi(w) <= 1 && atoi(h) <= 1;
	char *url = NULL, *alt;
	xmlNode *img;

	free(w);
	free(h);
	if (pixel)
		return;
	/* Lazy loaders put a placeholder (often a data: URI) in src. */
	for (size_t i = 0; i < sizeof srcs / sizeof srcs[0] && url == NULL; i++) {
		url = extract_attr(src, srcs[i]);
		if (url != NULL && (*url == '\0' || strncasecmp(url, "data:", 5) == 0))
			xfree(&url);
	}
	if (url == NULL)
		return;
	img = add_elem(b, dst, "img", NULL);
	{
		char *abs = resolve(b, url);
		set_attr(img, "src", abs);
		free(abs);
	}
	alt = extract_attr(src, "alt");
	set_attr(img, "alt", alt != NULL ? alt : "");
	free(alt);
	free(url);
}

static void build_inline(struct builder *b, const xmlNode *src, xmlNode *dst,
    bool in_link, int depth);

static void
build_inline_node(struct builder *b, const xmlNode *c, xmlNode *dst, bool in_link,
    int depth)
{
	char *href;

	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		add_text(b, dst, (const char *)c->content);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	switch (kind_of(c)) {
	case K_BR:
		add_elem(b, dst, "br", NULL);
		break;
	case K_IMG:
		build_img(b, c, dst);
		break;
	case K_INLINE:
		build_inline(b, c, add_elem(b, dst, (const char *)c->name, c), in_link, depth + 1);
		break;
	case K_A:
		href = extract_attr(c, "href");
		if (in_link || href == NULL || *href == '\0' ||
		    strncasecmp(href, "javascript:", 11) == 0) {
			build_inline(b, c, dst, in_link, depth + 1);
		} else {
			char *abs = resolve(b, href);
			xmlNode *a = add_elem(b, dst, "a", NULL);
			set_attr(a, "href", abs);
			free(abs);
			build_inline(b, c, a, true, depth + 1);
		}
		free(href);
		break;
	case K_UNWRAP:
		build_inline(b, c, dst, in_link, depth + 1);
		break;
	default:
		/* A block inside inline content: its words must not run together. */
		add_text(b, dst, " ");
		build_inline(b, c, dst, in_link, depth + 1);
		add_text(b, dst, " ");
		break;
	}
}

static void
build_inline(struct builder *b, const xmlNode *src, xmlNode *dst, bool in_link, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (const xmlNode *c = src->children; c != NULL; c = c->next)
		build_inline_node(b, c, dst, in_link, depth);
}

static void build_flow(struct builder *b, const xmlNode *src, xmlNode *dst, bool wrap,
    int depth);

/* Mostly links: a list of related stories, a tag cloud, a menu left over. */
static bool
link_heavy(const xmlNode *n)
{
	struct extract_measure m;

	extract_measure(n, &m);
	return m.chars > 0 && (double)m.link_chars / (double)m.chars > 0.5;
}

static int
count_rows(const xmlNode *n, int depth)
{
	int rows = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (extract_is(c, "tr"))
			rows++;
		else if (extract_is(c, "thead") || extract_is(c, "tbody") || extract_is(c, "tfoot"))
			rows += count_rows(c, depth + 1);
	}
	return rows;
}

static void
build_rows(struct builder *b, const xmlNode *src, xmlNode *dst, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (const xmlNode *c = src->children; c != NULL; c = c->next) {
		if (extract_is(c, "thead") || extract_is(c, "tbody") || extract_is(c, "tfoot")) {
			build_rows(b, c, add_elem(b, dst, (const char *)c->name, c), depth + 1);
		} else if (extract_is(c, "tr")) {
			xmlNode *tr = add_elem(b, dst, "tr", c);
			for (const xmlNode *d = c->children; d != NULL; d = d->next) {
				if (extract_is(d, "td") || extract_is(d, "th")) {
					xmlNode *cell = add_elem(b, tr, (const char *)d->name, d);
					char *span;
					if ((span = extract_attr(d, "colspan")) != NULL) {
						set_attr(cell, "colspan", span);
						free(span);
					}
					build_flow(b, d, cell, false, depth + 2);
				}
			}
		} else if (extract_is(c, "caption")) {
			xmlNode *cap = add_elem(b, dst, "caption", c);
			build_inline(b, c, cap, false, depth + 1);
			drop_if_empty(cap);
		}
	}
}

/*
 * One child c of a flow container, appended to dst. *para is the open
 * implicit paragraph (wrap mode) or NULL. top: c is one of the chosen blocks.
 */
static void
build_flow_child(struct builder *b, const xmlNode *c, xmlNode *dst, bool wrap,
    xmlNode **para, bool top, int depth)
{
	enum kind k;
	xmlNode *e;

	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		bool blank = true;
		for (const xmlChar *p = c->content; *p != '\0' && blank; p++)
			blank = strchr(" \t\r\n\f\v", *p) != NULL;
		if (!wrap) {
			add_text(b, dst, (const char *)c->content);
		} else if (*para != NULL || !blank) {
			if (*para == NULL)
				*para = add_elem(b, dst, "p", NULL);
			add_text(b, *para, (const char *)c->content);
		}
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	k = kind_of(c);
	if (k == K_BR && wrap) {
		/* <br><br> ends a paragraph of a text-in-div page. */
		if (*para != NULL) {
			xmlNode *last = (*para)->last;

			while (last != NULL && last->type == XML_TEXT_NODE &&
			    strspn((const char *)last->content, " \t\r\n") == strlen((const char *)last->content))
				last = last->prev;
			if (last != NULL && extract_is(last, "br")) {
				xmlUnlinkNode(last);
				xmlFreeNode(last);
				drop_if_empty(*para);
				*para = NULL;
			} else {
				add_elem(b, *para, "br", NULL);
			}
		}
		return;
	}
	if (k == K_A || k == K_IMG || k == K_INLINE || k == K_UNWRAP || k == K_BR) {
		if (!wrap) {
			build_inline_node(b, c, dst, false, depth);
			return;
		}
		if (*para == NULL)
			*para = add_elem(b, dst, "p", NULL);
		build_inline_node(b, c, *para, false, depth);
		return;
	}
	/* A block: the implicit paragraph ends here. */
	if (*para != NULL) {
		drop_if_empty(*para);
		*para = NULL;
	}
	if (!top && (k == K_TRANSPARENT || k == K_LIST || k == K_TABLE) && link_heavy(c))
		return;
	switch (k) {
	case K_TRANSPARENT:
		build_flow(b, c, dst, wrap, depth + 1);
		break;
	case K_H1: {
		char *t = extract_text(c);
		bool is_title = strcmp(t, b->title) == 0;
		free(t);
		if (is_title)
			break;
		e = add_elem(b, dst, "h2", c);
		build_inline(b, c, e, false, depth + 1);
		drop_if_empty(e);
		break;
	}
	case K_PARA:
		e = add_elem(b, dst, para_tag(c), c);
		if (extract_is(c, "pre")) {
			/* Keep the lines: only text inside pre, or inside its one <code>. */
			char *t = (char *)xmlNodeGetContent(c);
			const xmlNode *code = NULL;
			for (const xmlNode *d = c->children; d != NULL; d = d->next)
				if (extract_is(d, "code"))
					code = d;
			if (t != NULL)
				add_text(b, code != NULL ? add_elem(b, e, "code", NULL) : e, t);
			xmlFree(t);
		} else {
			build_inline(b, c, e, false, depth + 1);
		}
		drop_if_empty(e);
		break;
	case K_LIST:
		e = add_elem(b, dst, (const char *)c->name, c);
		for (const xmlNode *li = c->children; li != NULL; li = li->next) {
			xmlNode *item;
			if (li->type != XML_ELEMENT_NODE)
				continue;
			if (kind_of(li) == K_LIST) {
				build_flow_child(b, li, e, false, para, false, depth + 1);
				continue;
			}
			item = add_elem(b, e, "li", li);
			build_flow(b, li, item, false, depth + 2);
			drop_if_empty(item);
		}
		drop_if_empty(e);
		break;
	case K_LI:
		e = add_elem(b, dst, "p", c);
		build_inline(b, c, e, false, depth + 1);
		drop_if_empty(e);
		break;
	case K_QUOTE:
	case K_FIGURE:
		e = add_elem(b, dst, k == K_QUOTE ? "blockquote" : "figure", c);
		build_flow(b, c, e, k == K_QUOTE, depth + 1);
		drop_if_empty(e);
		break;
	case K_TABLE:
		/* A one-row table is layout, not data. */
		if (count_rows(c, 0) <= 1) {
			build_flow(b, c, dst, wrap, depth + 1);
			break;
		}
		e = add_elem(b, dst, "table", c);
		build_rows(b, c, e, depth + 1);
		drop_if_empty(e);
		break;
	default:
		break;
	}
}

static void
build_flow(struct builder *b, const xmlNode *src, xmlNode *dst, bool wrap, int depth)
{
	xmlNode *para = NULL;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (const xmlNode *c = src->children; c != NULL; c = c->next)
		build_flow_child(b, c, dst, wrap, &para, false, depth);
	if (para != NULL)
		drop_if_empty(para);
}

/* ---- whitespace ---- */

struct ws {
	xmlNode *last_text;	/* the text node that may end in a space */
	bool space;		/* the output so far ends in a space or a line start */
};

static bool
is_clean_block(const xmlNode *n)
{
	static const char *const tags[] = { "article", "p", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "blockquote", "pre", "table", "thead", "tbody", "tfoot",
		"tr", "td", "th", "caption", "figure", "figcaption" };
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (extract_is(n, tags[i]))
			return true;
	return false;
}

static void
ws_boundary(struct ws *w)
{
	if (w->last_text != NULL) {
		size_t len = strlen((const char *)w->last_text->content);
		if (len > 0 && w->last_text->content[len - 1] == ' ') {
			char *t = xstrndup((const char *)w->last_text->content, len - 1);
			xmlNodeSetContent(w->last_text, (const xmlChar *)t);
			free(t);
		}
	}
	w->last_text = NULL;
	w->space = true;
}

static void
ws_text(struct ws *w, xmlNode *t)
{
	struct buf out = BUF_INIT;
	const char *s = (const char *)t->content;

	while (*s != '\0') {
		bool sp = strchr(" \t\r\n\f\v", *s) != NULL;
		size_t adv = 1;

		if (!sp && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			sp = true;
			adv = 2;
		}
		if (sp) {
			if (!w->space)
				buf_append_char(&out, ' ');
			w->space = true;
		} else {
			buf_append_char(&out, *s);
			w->space = false;
		}
		s += adv;
	}
	xmlNodeSetContent(t, (const xmlChar *)buf_str(&out));
	if (out.len > 0)
		w->last_text = t;
	buf_free(&out);
}

static void
ws_walk(struct ws *w, xmlNode *n)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			ws_text(w, c);
		} else if (extract_is(c, "pre")) {
			ws_boundary(w);
		} else if (is_clean_block(c)) {
			ws_boundary(w);
			ws_walk(w, c);
			ws_boundary(w);
		} else if (extract_is(c, "br")) {
			ws_boundary(w);
		} else if (extract_is(c, "img")) {
			w->space = false;
			w->last_text = NULL;
		} else {
			ws_walk(w, c);
		}
	}
}

/* Remove the text nodes whitespace normalization emptied. */
static void
drop_empty_text(xmlNode *n)
{
	xmlNode *c = n->children, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE && (c->content == NULL || *c->content == '\0')) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE) {
			drop_empty_text(c);
		}
	}
}

xmlDoc *
extract_build(xmlNode *const *nodes, size_t n, const char *base, const char *title)
{
	struct builder b = { .base = base };
	struct ws w = { NULL, true };
	xmlNode *article, *para = NULL;

	b.doc = xmlNewDoc((const xmlChar *)"1.0");
	b.title = extract_collapse(title != NULL ? title : "");
	article = xmlNewDocNode(b.doc, NULL, (const xmlChar *)"article", NULL);
	xmlDocSetRootElement(b.doc, article);
	for (size_t i = 0; i < n; i++) {
		if (kind_of(nodes[i]) == K_TRANSPARENT) {
			if (para != NULL)
				drop_if_empty(para);
			para = NULL;
			build_flow(&b, nodes[i], article, true, 1);
		} else {
			build_flow_child(&b, nodes[i], article, true, &para, true, 1);
		}
	}
	if (para != NULL)
		drop_if_empty(para);
	ws_walk(&w, article);
	ws_boundary(&w);
	drop_empty_text(article);
	free(b.title);
	return b.doc;
}
