/*
 * Scoring, in the manner of readability-style extractors but our own
 * weights. Every paragraph-like block (p, pre, li, and a div/section/td that
 * holds only inline content) of at least 25 characters earns
 *     (1 + commas + min(chars / 100, 3)) * (1 - its link density)
 * and hands it to its candidate ancestors (article, main, div, section, td,
 * body):
 * all of it to the parent, half to the grandparent, a sixth, a ninth ... to
 * the next three levels. A candidate starts from a tag bonus (article and
 * itemprop=articleBody most) and +-25 for its class and id hints; its final
 * score is scaled by (1 - its own link density), so menus and link lists
 * lose however long they are. Scores live in an array; node->_private holds
 * the index + 1 (the page document is ours alone).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"
#include "util/xalloc.h"

#define MIN_PARA_CHARS 25
#define LEVELS 5

struct cand {
	xmlNode *node;
	double score;
};

struct extract_scores {
	struct cand *c;
	size_t n, alloc;
};

static bool
is_container_tag(const xmlNode *n)
{
	return extract_is(n, "div") || extract_is(n, "section") ||
	    extract_is(n, "article") || extract_is(n, "main") || extract_is(n, "td");
}

/* body too, for the simplest pages: paragraphs straight under it. */
static bool
is_candidate_tag(const xmlNode *n)
{
	return is_container_tag(n) || extract_is(n, "body");
}

static bool
is_paragraph(const xmlNode *n)
{
	if (extract_is(n, "p") || extract_is(n, "pre"))
		return true;
	if (extract_is(n, "li") || is_container_tag(n))
		return !extract_has_block_child(n);
	return false;
}

static double
base_score(const xmlNode *n)
{
	int hints = extract_node_hints(n);
	double s = 0;
	char *ip;

	if (extract_is(n, "article"))
		s = 15;
	else if (extract_is(n, "main"))
		s = 10;
	else if (extract_is(n, "div") || extract_is(n, "section"))
		s = 5;
	else if (extract_is(n, "td"))
		s = 3;
	if ((ip = extract_attr(n, "itemprop")) != NULL) {
		if (strcasestr(ip, "articleBody") != NULL)
			s += 25;
		free(ip);
	}
	if (hints & EXTRACT_HINT_POSITIVE)
		s += 25;
	if (hints & EXTRACT_HINT_NEGATIVE)
		s -= 25;
	return s;
}

static struct cand *
cand_get(struct extract_scores *s, xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;

	if (i != 0)
		return &s->c[i - 1];
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 64;
		s->c = xreallocarray(s->c, s->alloc, sizeof *s->c);
	}
	s->c[s->n].node = n;
	s->c[s->n].score = base_score(n);
	n->_private = (void *)(uintptr_t)++s->n;
	return &s->c[s->n - 1];
}

static void
score_paragraph(struct extract_scores *s, xmlNode *p)
{
	struct extract_measure m;
	double pts, ld, chars;
	int level = 0;

	extract_measure(p, &m);
	if (m.chars < MIN_PARA_CHARS)
		return;
	chars = (double)m.chars / 100.0;
	ld = (double)m.link_chars / (double)m.chars;
	pts = (1.0 + (double)m.commas + (chars < 3 ? chars : 3)) * (1.0 - ld);
	for (xmlNode *a = p->parent; a != NULL && level < LEVELS; a = a->parent, level++) {
		if (a->type != XML_ELEMENT_NODE)
			break;
		if (!is_candidate_tag(a))
			continue;
		cand_get(s, a)->score += level == 0 ? pts : level == 1 ? pts / 2 :
		    pts / (level * 3);
	}
}

static void
walk(struct extract_scores *s, xmlNode *n, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_paragraph(c))
			score_paragraph(s, c);
		walk(s, c, depth + 1);
	}
}

struct extract_scores *
extract_score(xmlNode *root)
{
	struct extract_scores *s = xcalloc(1, sizeof *s);

	walk(s, root, 0);
	for (size_t i = 0; i < s->n; i++)
		s->c[i].score *= 1.0 - extract_link_density(s->c[i].node);
	return s;
}

void
extract_scores_free(struct extract_scores **sp)
{
	struct extract_scores *s = *sp;

	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		s->c[i].node->_private = NULL;
	free(s->c);
	free(s);
	*sp = NULL;
}

xmlNode *
extract_best(const struct extract_scores *s, double *score)
{
	const struct cand *best = NULL;

	/* Ties go to the first in document order: candidates are added in it. */
	for (size_t i = 0; i < s->n; i++)
		if (best == NULL || s->c[i].score > best->score)
			best = &s->c[i];
	*score = best != NULL ? best->score : 0;
	return best != NULL ? best->node : NULL;
}

double
extract_score_of(const struct extract_scores *s, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i != 0 && i <= s->n && s->c[i - 1].node == n ? s->c[i - 1].score : 0;
}

static bool
ends_sentence(const xmlNode *n)
{
	char *t = extract_text(n);
	size_t len = strlen(t);
	bool yes = len > 0 && (strchr(".!?", t[len - 1]) != NULL ||
	    (len >= 2 && strcmp(t + len - 2, "\xD8\x9F") == 0) ||	/* ؟ */
	    (len >= 2 && strcmp(t + len - 2, "\xDB\x94") == 0));	/* ۔ */
	free(t);
	return yes;
}

/* A sibling of the best block worth keeping: a good score or plain prose. */
static bool
good_sibling(const struct extract_scores *s, const xmlNode *n, double threshold)
{
	struct extract_measure m;
	double ld;

	if (extract_node_hints(n) & EXTRACT_HINT_NEGATIVE)
		return false;
	extract_measure(n, &m);
	ld = m.chars ? (double)m.link_chars / (double)m.chars : 0;
	if (extract_score_of(s, n) >= threshold && ld < 0.3)
		return true;
	if (!extract_is(n, "p") && !(is_container_tag(n) && !extract_has_block_child(n)))
		return false;
	if (m.chars >= 80 && ld < 0.25)
		return true;
	return m.chars > 0 && ld == 0 && ends_sentence(n);
}

xmlNode **
extract_siblings(const struct extract_scores *s, xmlNode *best, double best_score,
    size_t *n)
{
	double threshold = best_score * 0.2 > 10 ? best_score * 0.2 : 10;
	xmlNode **out;
	size_t k = 0, cap = 1;

	if (best->parent == NULL || extract_is(best, "body")) {
		out = xmalloc(sizeof *out);
		out[0] = best;
		*n = 1;
		return out;
	}
	for (xmlNode *c = best->parent->children; c != NULL; c = c->next)
		cap++;
	out = xreallocarray(NULL, cap, sizeof *out);
	for (xmlNode *c = best->parent->children; c != NULL; c = c->next) {
		if (c == best || (c->type == XML_ELEMENT_NODE && good_sibling(s, c, threshold)))
			out[k++] = c;
	}
	*n = k;
	return out;
}

static bool
is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == a)
			return true;
	return false;
}

static int
depth_of(const xmlNode *n)
{
	int d = 0;

	for (; n != NULL; n = n->parent)
		d++;
	return d;
}

static bool
is_story_root(const xmlNode *n)
{
	char *ip;
	bool yes = extract_is(n, "article");

	if (!yes && (ip = extract_attr(n, "itemprop")) != NULL) {
		yes = strcasestr(ip, "articleBody") != NULL;
		free(ip);
	}
	return yes && !(extract_node_hints(n) & EXTRACT_HINT_NEGATIVE);
}

/* Prose outside links. */
static size_t
prose_of(const xmlNode *n)
{
	struct extract_measure m;

	extract_measure(n, &m);
	return m.chars - m.link_chars;
}

/* Has a hold a good deal more prose than its descendant b (more of the
 * story, not only a byline and a kicker)? */
static bool
holds_more_prose(const xmlNode *a, const xmlNode *b)
{
	size_t pa = prose_of(a), pb = prose_of(b);

	return pa > pb && (pa - pb) * 10 >= pb * 3;
}

/* Levels above best a joining ancestor may be. */
#define WIDEN_LEVELS 3

xmlNode *
extract_widen(const struct extract_scores *s, xmlNode *best, double *score)
{
	xmlNode *a = best->parent, *join = NULL;
	int level = 0, bd = depth_of(best);

	/* The story's own body already: the byline and kicker around it stay out. */
	if (is_story_root(best) && !extract_is(best, "article"))
		return best;
	for (; a != NULL && a->type == XML_ELEMENT_NODE && level < WIDEN_LEVELS + 1;
	    a = a->parent, level++) {
		if (extract_is(a, "body") || extract_is(a, "html"))
			break;
		if (is_story_root(a) && extract_link_density(a) < 0.4 &&
		    holds_more_prose(a, best)) {
			double as = extract_score_of(s, a);
			*score = as > *score ? as : *score;
			return a;
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		xmlNode *c = s->c[i].node, *lca;

		if (c == best || s->c[i].score < *score * 0.5 || is_ancestor(c, best) ||
		    is_ancestor(best, c))
			continue;
		for (lca = best->parent; lca != NULL && !is_ancestor(lca, c); lca = lca->parent)
			;
		if (lca == NULL || lca->type != XML_ELEMENT_NODE || extract_is(lca, "body") ||
		    extract_is(lca, "html") || bd - depth_of(lca) > WIDEN_LEVELS)
			continue;
		if (join == NULL || is_ancestor(lca, join))
			join = lca;
	}
	if (join == NULL || extract_link_density(join) >= 0.3 ||
	    (extract_node_hints(join) & EXTRACT_HINT_NEGATIVE))
		return best;
	if (extract_score_of(s, join) > *score)
		*score = extract_score_of(s, join);
	return join;
}
