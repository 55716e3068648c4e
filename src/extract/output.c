/*
 * The clean article out: as an HTML fragment (one block per line, so diffs
 * and greps work on it) and as plain text (one paragraph per line: every
 * block, list item and heading; table rows with their cells joined by " | ").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract/extract-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const containers[] = { "article", "ul", "ol", "blockquote", "table",
	"thead", "tbody", "tfoot", "tr", "figure" };
static const char *const leaves[] = { "p", "h2", "h3", "h4", "h5", "h6", "li", "pre",
	"td", "th", "caption", "figcaption" };

#define IS_CONTAINER(n) \
	extract_is_one_of(n, containers, sizeof containers / sizeof containers[0])
#define IS_LEAF(n) extract_is_one_of(n, leaves, sizeof leaves / sizeof leaves[0])

static void
escape(struct buf *b, const char *s, bool attr)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_append_str(b, "&amp;"); break;
		case '<': buf_append_str(b, "&lt;"); break;
		case '>': buf_append_str(b, "&gt;"); break;
		case '"':
			buf_append_str(b, attr ? "&quot;" : "\"");
			break;
		default: buf_append_char(b, *s); break;
		}
	}
}

static void
newline(struct buf *b)
{
	if (b->len > 0 && b->data[b->len - 1] != '\n')
		buf_append_char(b, '\n');
}

static void
html_node(struct buf *b, const xmlNode *n, int depth)
{
	bool container, block;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	if (n->type == XML_TEXT_NODE) {
		escape(b, (const char *)n->content, false);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	container = IS_CONTAINER(n);
	block = container || IS_LEAF(n);
	if (block)
		newline(b);
	buf_printf(b, "<%s", (const char *)n->name);
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		buf_printf(b, " %s=\"", (const char *)a->name);
		escape(b, v != NULL ? (const char *)v : "", true);
		buf_append_char(b, '"');
		xmlFree(v);
	}
	buf_append_char(b, '>');
	if (extract_is(n, "img") || extract_is(n, "br"))
		return;
	if (container)
		buf_append_char(b, '\n');
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		html_node(b, c, depth + 1);
	if (container)
		newline(b);
	buf_printf(b, "</%s>", (const char *)n->name);
	if (block)
		buf_append_char(b, '\n');
}

char *
extract_serialize_html(const xmlNode *article)
{
	struct buf b = BUF_INIT;

	html_node(&b, article, 0);
	return buf_detach(&b);
}

struct text_out {
	struct buf out;
	struct buf line;
};

static void
flush(struct text_out *t)
{
	char *c = extract_collapse(buf_str(&t->line));
	char *s = utf8_sanitize(c, strlen(c), 0, NULL);

	if (*s != '\0') {
		buf_append_str(&t->out, s);
		buf_append_char(&t->out, '\n');
	}
	free(s);
	free(c);
	buf_reset(&t->line);
}

static void
text_node(struct text_out *t, const xmlNode *n, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	if (n->type == XML_TEXT_NODE) {
		buf_append_str(&t->line, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (extract_is(n, "br")) {
		buf_append_char(&t->line, ' ');
		return;
	}
	if (extract_is(n, "td") || extract_is(n, "th")) {
		/* Cells of a row share its line. */
		for (const xmlNode *p = n->prev; p != NULL; p = p->prev) {
			if (p->type == XML_ELEMENT_NODE) {
				buf_append_str(&t->line, " | ");
				break;
			}
		}
		for (const xmlNode *c = n->children; c != NULL; c = c->next)
			text_node(t, c, depth + 1);
		return;
	}
	if (IS_CONTAINER(n) || IS_LEAF(n))
		flush(t);
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		text_node(t, c, depth + 1);
	if (IS_CONTAINER(n) || IS_LEAF(n))
		flush(t);
}

char *
extract_serialize_text(const xmlNode *article)
{
	struct text_out t = { BUF_INIT, BUF_INIT };

	text_node(&t, article, 0);
	flush(&t);
	buf_free(&t.line);
	return buf_detach(&t.out);
}
