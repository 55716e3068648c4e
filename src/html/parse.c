/*
 * html_parse_flat() (parse.h): the SAX2 tree builder of libxml2 behind two
 * wrappers that keep the tree at most HTML_PARSE_MAX_DEPTH deep.
 *
 * The parser reports balanced start and end events (it closes what the
 * page leaves open). Counting them gives the element's depth d; the tree
 * builder's own stack (ctxt->nodeNr) is what is really open. Elements with
 * d < MAX are built as usual. At d >= MAX an element replaces whatever is
 * open at depth MAX (that one is closed first), and any end at d >= MAX
 * closes what is open there, so text between blocks lands beside them, not
 * glued into the last one.
 */
#include "config.h"

#include <limits.h>

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "html/parse.h"

struct flat {
	int depth;		/* elements open, as the parser sees them */
};

static void
flat_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr c = ctx;
	struct flat *fl = c->_private;

	if (++fl->depth >= HTML_PARSE_MAX_DEPTH && c->nodeNr >= HTML_PARSE_MAX_DEPTH)
		xmlSAX2EndElement(ctx, name);
	xmlSAX2StartElement(ctx, name, atts);
}

static void
flat_end(void *ctx, const xmlChar *name)
{
	htmlParserCtxtPtr c = ctx;
	struct flat *fl = c->_private;

	if (fl->depth < HTML_PARSE_MAX_DEPTH || c->nodeNr >= HTML_PARSE_MAX_DEPTH)
		xmlSAX2EndElement(ctx, name);
	if (fl->depth > 0)
		fl->depth--;
}

htmlDocPtr
html_parse_flat(const char *utf8, size_t len, const char *url, int opts)
{
	struct flat fl = { 0 };
	htmlParserCtxtPtr c;
	htmlDocPtr doc;

	if (len > INT_MAX)
		len = INT_MAX;
	c = htmlCreateMemoryParserCtxt(utf8 != NULL ? utf8 : "", (int)len);
	if (c == NULL)
		return NULL;
	htmlCtxtUseOptions(c, opts);
	/* The bytes are UTF-8, whatever a <meta> says. */
	xmlSwitchEncoding(c, XML_CHAR_ENCODING_UTF8);
	/* The context's SAX handler is its own copy: safe to change. */
	c->sax->startElement = flat_start;
	c->sax->endElement = flat_end;
	c->_private = &fl;
	htmlParseDocument(c);
	doc = c->myDoc;
	c->myDoc = NULL;
	htmlFreeParserCtxt(c);
	if (doc != NULL && url != NULL && doc->URL == NULL)
		doc->URL = xmlStrdup((const xmlChar *)url);
	return doc;
}
