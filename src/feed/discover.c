/*
 * Feed discovery on a web page: the feeds a page announces with
 * <link rel="alternate" type="application/rss+xml" href="..."> (and the
 * Atom, RDF and JSON Feed types), read with libxml2's HTML parser, which
 * takes any tag soup and never fetches anything. Used when an HTML page
 * arrives where a feed was expected, so the error can name its feeds, and
 * by whoever adds a feed from a site's address (with the usual fallback
 * paths when the page names none).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "feed/feed.h"
#include "feed/internal.h"
#include "util/url.h"
#include "util/xalloc.h"

#define MAX_FEEDS 32

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/feed+json", "application/json", "application/x.atom+xml",
	"application/x-atom+xml", "application/x-rss+xml", "text/xml", "application/xml",
	NULL,
};

static bool
has_token(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = list; *s;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
			s++;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r' && *e != '\f')
			e++;
		if ((size_t)(e - s) == n && strncasecmp(s, word, n) == 0)
			return true;
		s = e;
	}
	return false;
}

static bool
is_feed_type(const char *type)
{
	size_t n = strcspn(type, ";");	/* "application/rss+xml; charset=utf-8" */
	while (n > 0 && type[n - 1] == ' ')
		n--;
	for (int i = 0; feed_types[i]; i++) {
		if (strlen(feed_types[i]) == n && strncasecmp(type, feed_types[i], n) == 0)
			return true;
	}
	return false;
}

struct found {
	char **v;
	size_t n;
	char *base;	/* <base href>, resolved, or NULL */
};

static void
add_url(struct found *f, const char *url)
{
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i], url) == 0)
			return;
	}
	if (f->n < MAX_FEEDS) {
		f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
		f->v[f->n++] = xstrdup(url);
	}
}

static void
walk(xmlNodePtr node, struct found *f, const char *page_url)
{
	for (xmlNodePtr n = node; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (strcasecmp(name, "base") == 0 && f->base == NULL) {
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			if (href && *href)
				f->base = url_resolve(page_url, (const char *)href);
			xmlFree(href);
		} else if (strcasecmp(name, "link") == 0 || strcasecmp(name, "a") == 0) {
			xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
			xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			if (rel && type && href && *href && has_token((const char *)rel, "alternate") &&
			    is_feed_type((const char *)type)) {
				char *abs = url_resolve(f->base ? f->base : page_url, (const char *)href);
				add_url(f, abs);
				free(abs);
			}
			xmlFree(rel);
			xmlFree(type);
			xmlFree(href);
		}
		walk(n->children, f, page_url);
	}
}

size_t
feed_discover(const char *html, size_t len, const char *page_url, char ***out)
{
	struct found f = { NULL, 0, NULL };
	htmlDocPtr doc;

	*out = NULL;
	xml_init_once();
	if (len > INT32_MAX)
		len = INT32_MAX;
	doc = htmlReadMemory(html, (int)len, page_url, NULL, HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (doc != NULL) {
		walk(xmlDocGetRootElement(doc), &f, page_url);
		xmlFreeDoc(doc);
	}
	free(f.base);
	*out = f.v;
	return f.n;
}

void
feed_discover_free(char ***v, size_t n)
{
	for (size_t i = 0; *v != NULL && i < n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
}

size_t
feed_discover_fallbacks(const char *page_url, char ***out)
{
	static const char *const paths[] = { "/feed", "/rss.xml", "/atom.xml", "/feed.json" };
	size_t n = sizeof paths / sizeof paths[0];

	*out = xreallocarray(NULL, n, sizeof **out);
	for (size_t i = 0; i < n; i++)
		(*out)[i] = url_resolve(page_url, paths[i]);
	return n;
}
