/*
 * The first pass over a page: remove what is never part of an article, so
 * that scoring sees only candidate text. Removal is by three signs: the tag
 * (scripts, controls, nav/aside/header/footer), the markup (hidden, ARIA
 * landmarks that are not the main content, class and id names) and the
 * first words of small blocks (widget headings, disclaimers). A block that
 * holds the article itself (<article>, <main>, itemprop=articleBody) is never
 * removed for its class name, which is how wrappers named "has-sidebar" or
 * "header-offset" survive; nor is a block that holds most of the page's
 * prose, whatever its class or tag says (a theme that wraps the story in
 * <aside class="widget">). Galleries and slideshows (many images, little
 * text of their own) go too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"

static bool
always_dropped(const xmlNode *n)
{
	static const char *const tags[] = {
		"script", "style", "noscript", "template", "iframe", "frame", "frameset",
		"object", "embed", "applet", "svg", "math", "canvas", "audio", "video",
		"input", "button", "select", "textarea", "label", "option", "dialog",
		"link", "meta", "base", "head", "title", "map", "area", "menu",
	};
	return extract_is_one_of(n, tags, sizeof tags / sizeof tags[0]);
}

static bool
is_hidden(const xmlNode *n)
{
	static const char *const roles[] = {
		"navigation", "complementary", "banner", "contentinfo", "dialog",
		"search", "menu", "menubar", "toolbar", "alertdialog",
	};
	char *v;
	bool hidden = false;

	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		return true;
	if ((v = extract_attr(n, "aria-hidden")) != NULL) {
		hidden = strcasecmp(v, "true") == 0;
		free(v);
	}
	if (!hidden && (v = extract_attr(n, "style")) != NULL) {
		char *c = extract_collapse(v);
		/* "display: none" and "display:none" alike. */
		for (char *p = c, *q = c;; p++) {
			if (*p != ' ')
				*q++ = *p;
			if (*p == '\0')
				break;
		}
		hidden = strcasestr(c, "display:none") != NULL ||
		    strcasestr(c, "visibility:hidden") != NULL;
		free(c);
		free(v);
	}
	if (!hidden && (v = extract_attr(n, "role")) != NULL) {
		for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
			hidden |= strcasecmp(v, roles[i]) == 0;
		free(v);
	}
	return hidden;
}

static bool
is_article_root(const xmlNode *n)
{
	char *ip;
	bool yes;

	if (extract_is(n, "article") || extract_is(n, "main"))
		return true;
	ip = extract_attr(n, "itemprop");
	yes = ip != NULL && strcasestr(ip, "articleBody") != NULL;
	free(ip);
	return yes;
}

/* Does a descendant of n look like the article container itself? */
static bool
holds_article(const xmlNode *n, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return false;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_article_root(c) && !(extract_node_hints(c) & EXTRACT_HINT_NEGATIVE))
			return true;
		if (holds_article(c, depth + 1))
			return true;
	}
	return false;
}

static bool
is_heading(const xmlNode *n)
{
	static const char *const tags[] = { "h1", "h2", "h3", "h4", "h5", "h6" };
	return extract_is_one_of(n, tags, sizeof tags / sizeof tags[0]);
}

static const xmlNode *
next_element(const xmlNode *n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

struct pass {
	size_t prose;		/* the page's characters outside links */
	bool light;		/* only what is never text: the fallback pass */
};

/* Does n hold at least half of the page's prose? */
static bool
holds_most_prose(const struct pass *ps, const xmlNode *n)
{
	struct extract_measure m;

	if (ps->prose == 0)
		return false;
	extract_measure(n, &m);
	return (m.chars - m.link_chars) * 2 >= ps->prose;
}

static size_t
count_images(const xmlNode *n, int depth)
{
	size_t k = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		k += extract_is(c, "img") || extract_is(c, "picture");
		if (!extract_is(c, "picture"))
			k += count_images(c, depth + 1);
	}
	return k;
}

/*
 * A gallery or slideshow: a block of three images or more with little text
 * of its own (captions and "1 / 12" counters), or mostly links. A single
 * figure with its caption is no gallery.
 */
static bool
is_gallery(const xmlNode *n, int depth)
{
	struct extract_measure m;
	size_t imgs;

	if (!extract_is(n, "div") && !extract_is(n, "ul") && !extract_is(n, "section") &&
	    !extract_is(n, "figure") && !extract_is(n, "ol"))
		return false;
	if ((imgs = count_images(n, depth)) < 3)
		return false;
	extract_measure(n, &m);
	return m.chars - m.link_chars < imgs * 40;
}

/* Why n goes; 0 = it stays. 2: also the block after it (a widget's list). */
static int
verdict(const struct pass *ps, const xmlNode *n, int depth)
{
	static const char *const landmarks[] = { "nav", "aside", "header", "footer" };
	int hints;

	if (always_dropped(n) || is_hidden(n))
		return 1;
	if (ps->light || extract_is(n, "body") || extract_is(n, "html"))
		return 0;
	if (extract_is_one_of(n, landmarks, sizeof landmarks / sizeof landmarks[0]))
		return holds_article(n, depth) || holds_most_prose(ps, n) ? 0 : 1;
	hints = extract_node_hints(n);
	if ((hints & EXTRACT_HINT_NEGATIVE) && !(hints & EXTRACT_HINT_POSITIVE) &&
	    !is_article_root(n) && !holds_article(n, depth) && !holds_most_prose(ps, n))
		return 1;
	if (is_gallery(n, depth))
		return 1;
	if (extract_is_block(n) && !extract_has_block_child(n)) {
		char *t = extract_text(n);
		enum extract_boiler b = extract_boilerplate(t);
		const xmlNode *next = next_element(n);

		free(t);
		if (b == EXTRACT_BOILER_NONE)
			return 0;
		/* A widget's heading takes its link list along; a disclaimer's its text. */
		if (is_heading(n) && next != NULL && (b == EXTRACT_BOILER_DISCLAIMER ||
		    extract_link_density(next) > 0.3))
			return 2;
		return 1;
	}
	return 0;
}

static void
prune(const struct pass *ps, xmlNode *n, int depth)
{
	xmlNode *c = n->children, *next;

	while (c != NULL) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
		    c->type == XML_DTD_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE) {
			int v = depth > EXTRACT_MAX_DEPTH ? 1 : verdict(ps, c, depth);

			if (v == 2) {
				xmlNode *after = (xmlNode *)next_element(c);
				next = after->next;
				xmlUnlinkNode(after);
				xmlFreeNode(after);
			}
			if (v != 0) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			} else {
				prune(ps, c, depth + 1);
			}
		}
		c = next;
	}
}

void
extract_prune(xmlNode *root, bool light)
{
	struct pass ps = { 0, light };
	struct extract_measure m;

	/* The prose of the page without what is never text. */
	if (!light) {
		struct pass first = { 0, true };
		prune(&first, root, 0);
		extract_measure(root, &m);
		ps.prose = m.chars - m.link_chars;
	}
	prune(&ps, root, 0);
}
