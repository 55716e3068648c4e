/*
 * Paragraph layout: logical UTF-8 in, screen lines of cells out.
 *
 * The model: a paragraph is sanitized once (its logical text is what search
 * and copy see), decoded into code points, given bidi levels once for the
 * whole paragraph, and cut into grapheme clusters. Lines are chosen in
 * logical order over clusters. Only then is each line shaped (Arabic joining
 * and lam-alef ligatures, mirroring) and reordered with the levels of that
 * line alone, so the first logical words of a right-to-left paragraph are on
 * its first screen line. fribidi_log2vis is never used: it treats a
 * paragraph as one line.
 *
 * Cells are clusters in visual order. A cluster is emitted whole, in logical
 * order, at the place where its first code point lands, so marks always
 * follow their base (REORDER_NSM does this for fribidi's runs; keeping the
 * cluster together also holds emoji sequences and marks after ZWJ together).
 * A lam-alef ligature is one cell covering both letters.
 *
 * All per-paragraph arrays live in one allocation (struct para); lines
 * allocate only their own cells and text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <utf8proc.h>

#include "text/text-int.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Larger paragraphs are cut: fribidi indexes with int, cells with uint32. */
#define PARA_MAX_BYTES (64u << 20)

enum {
	CL_HIDDEN = 1 << 0,	/* invisible format characters only: never drawn */
	CL_SPACE = 1 << 1,	/* a break space: lines break after it, it hangs */
	CL_LAM = 1 << 2,	/* a lam the next cluster (alef) must stay with */
	CL_LIGA = 1 << 3,	/* shaped into a ligature with the next cluster */
	CL_LIGA_PRED = 1 << 8,	/* a CL_LAM that will be shaped into a ligature */
	CL_DONE = 1 << 4,	/* already emitted on its line */
	CL_SOFT = 1 << 5,	/* a long word may break after it ('-', '/') */
	CL_WIDE = 1 << 6,	/* ideograph-like: breaks allowed around it */
	CL_NOBRK_BEFORE = 1 << 7,	/* closing punctuation: no break before */
};

struct para {
	size_t n, nc;
	uint32_t *cps;		/* code points, logical order */
	uint32_t *boff;		/* byte offset of each code point; boff[n] = length */
	FriBidiCharType *types;
	FriBidiBracketType *btypes;
	FriBidiLevel *levels;
	FriBidiJoiningType *jtypes;
	FriBidiArabicProp *ar;
	FriBidiChar *shaped;	/* a line's characters after shaping, logical order */
	FriBidiStrIndex *map;	/* visual position -> logical index, per line */
	uint32_t *cl_of;	/* cluster of each code point */
	uint32_t *cstart;	/* first code point of each cluster; cstart[nc] = n */
	tx_prop *prop;		/* Unicode properties of each code point */
	uint8_t *cwidth;	/* display width of each cluster */
	uint16_t *cflags;
	uint16_t *cattr;
	char *ubuf;		/* a line's text being built */
	struct text_cell *cbuf;	/* a line's cells being built */
	FriBidiParType base;
	bool rtl;
	bool flat;		/* every level is 0: nothing to reorder or mirror */
	bool arabic;		/* has characters Arabic shaping may change */
};

void
text_opts_default(struct text_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = 80;
	o->dir = TEXT_DIR_AUTO;
	o->prev_dir = TEXT_DIR_AUTO;
	o->shape = true;
	o->reorder = true;
}

/* Bump allocator over one block: every array of a paragraph at once. */
static void *
carve(char **p, size_t nmemb, size_t size)
{
	void *r = *p;
	size_t bytes = (nmemb * size + 15) & ~(size_t)15;
	*p += bytes;
	return r;
}

struct text_scratch {
	void *blk;
	size_t cap;		/* code points the block has room for */
};

struct text_scratch *
text_scratch_new(void)
{
	return xcalloc(1, sizeof(struct text_scratch));
}

void
text_scratch_free(struct text_scratch **s)
{
	if (*s == NULL)
		return;
	free((*s)->blk);
	xfree(s);
}

/*
 * Point the arrays of p at room for n code points: the scratch's block when
 * there is one (grown as needed), else a new block. Returns what the caller
 * frees (NULL for the scratch's).
 */
static void *
para_alloc(struct para *p, size_t n, struct text_scratch *scr)
{
	size_t m = n + 1, total = 0;
	char *blk, *q;

	if (scr != NULL && m > scr->cap) {
		free(scr->blk);
		scr->cap = m < 2 * scr->cap ? 2 * scr->cap : m < 256 ? 256 : m;
		scr->blk = NULL;
	}
	if (scr != NULL)
		m = scr->cap;

#define SZ(k, t) total += ((k) * sizeof(t) + 15) & ~(size_t)15
	SZ(m, uint32_t); SZ(m, uint32_t); SZ(m, FriBidiCharType);
	SZ(m, FriBidiBracketType); SZ(m, FriBidiLevel); SZ(m, FriBidiJoiningType);
	SZ(m, FriBidiArabicProp); SZ(m, FriBidiChar); SZ(m, FriBidiStrIndex);
	SZ(m, uint32_t); SZ(m, uint32_t); SZ(m, tx_prop); SZ(m, uint8_t); SZ(m, uint16_t);
	SZ(m, uint16_t); SZ(4 * m, char); SZ(m, struct text_cell);
#undef SZ
	if (scr != NULL) {
		if (scr->blk == NULL)
			scr->blk = xmalloc(total);
		blk = q = scr->blk;
	} else
		blk = q = xmalloc(total);
	p->cps = carve(&q, m, sizeof(uint32_t));
	p->boff = carve(&q, m, sizeof(uint32_t));
	p->types = carve(&q, m, sizeof(FriBidiCharType));
	p->btypes = carve(&q, m, sizeof(FriBidiBracketType));
	p->levels = carve(&q, m, sizeof(FriBidiLevel));
	p->jtypes = carve(&q, m, sizeof(FriBidiJoiningType));
	p->ar = carve(&q, m, sizeof(FriBidiArabicProp));
	p->shaped = carve(&q, m, sizeof(FriBidiChar));
	p->map = carve(&q, m, sizeof(FriBidiStrIndex));
	p->cl_of = carve(&q, m, sizeof(uint32_t));
	p->cstart = carve(&q, m, sizeof(uint32_t));
	p->prop = carve(&q, m, sizeof(tx_prop));
	p->cwidth = carve(&q, m, sizeof(uint8_t));
	p->cflags = carve(&q, m, sizeof(uint16_t));
	p->cattr = carve(&q, m, sizeof(uint16_t));
	p->ubuf = carve(&q, 4 * m, sizeof(char));
	p->cbuf = carve(&q, m, sizeof(struct text_cell));
	return scr != NULL ? NULL : blk;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Position in the sanitized text of input offset off (bounds sorted). */
static size_t
map_offset(const size_t *bounds, const size_t *newpos, size_t nb, size_t off)
{
	size_t lo = 0, hi = nb;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (bounds[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return newpos[lo];
}

/*
 * Decode text when utf8_sanitize would leave it unchanged (the usual case:
 * checking while decoding is much faster than rebuilding). Returns the
 * number of code points, or (size_t)-1 when the text needs sanitizing.
 */
static size_t
decode_clean(const char *text, size_t len, bool keep_bidi, uint32_t *cps, uint32_t *boff)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp;
		size_t k;
		boff[n] = (uint32_t)i;
		if ((c >= 0x20 && c < 0x7F) || c == '\t') {
			cps[n++] = c;
			i++;
			continue;
		}
		if (c == '\n') {
			cps[n++] = ' ';
			i++;
			continue;
		}
		if (c < 0x80)
			return (size_t)-1;
		k = utf8_decode(text + i, len - i, &cp);
		if ((cp == UTF8_REPLACEMENT && k == 1) || cp <= 0x9F || cp == 0xFEFF ||
		    (!keep_bidi && utf8_is_bidi_control(cp)))
			return (size_t)-1;
		cps[n++] = cp;
		i += k;
	}
	boff[n] = (uint32_t)len;
	return n;
}

static void
newlines_to_spaces(char *s, size_t len)
{
	char *q = s, *end = s + len;
	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL)
		*q++ = ' ';
}

/*
 * Sanitize text, keeping bidi controls for the levels unless told not to,
 * tabs (a segment separator for bidi, drawn as a space) and turning
 * newlines into spaces. Spans are translated to the result by sanitizing
 * piecewise between span boundaries.
 */
static char *
clean_text(const char *text, size_t len, const struct text_span *spans, size_t nspans,
    bool keep_bidi, struct text_span **out_spans, size_t *out_len)
{
	int flags = UTF8_KEEP_NEWLINES | (keep_bidi ? UTF8_KEEP_BIDI : 0);
	char *s;
	size_t slen;

	*out_spans = NULL;
	if (nspans == 0) {
		s = utf8_sanitize(text, len, flags, &slen);
	} else {
		size_t nb = 0, *bounds = xreallocarray(NULL, 2 * nspans + 2, sizeof *bounds);
		size_t *newpos = xreallocarray(NULL, 2 * nspans + 2, sizeof *newpos);
		struct buf b;

		bounds[nb++] = 0;
		bounds[nb++] = len;
		for (size_t i = 0; i < nspans; i++) {
			bounds[nb++] = spans[i].start < len ? spans[i].start : len;
			bounds[nb++] = spans[i].end < len ? spans[i].end : len;
		}
		qsort(bounds, nb, sizeof *bounds, cmp_size);
		buf_init(&b, 0);
		buf_append(&b, "", 0);
		size_t k = 0;
		for (size_t i = 0; i < nb; i++)
			if (k == 0 || bounds[k - 1] != bounds[i])
				bounds[k++] = bounds[i];
		for (size_t i = 0; i < k; i++) {
			newpos[i] = b.len;
			if (i + 1 < k) {
				size_t pl;
				char *piece = utf8_sanitize(text + bounds[i], bounds[i + 1] - bounds[i],
				    flags, &pl);
				buf_append(&b, piece, pl);
				free(piece);
			}
		}
		*out_spans = xreallocarray(NULL, nspans, sizeof **out_spans);
		for (size_t i = 0; i < nspans; i++) {
			(*out_spans)[i].start = map_offset(bounds, newpos, k, spans[i].start);
			(*out_spans)[i].end = map_offset(bounds, newpos, k, spans[i].end);
			(*out_spans)[i].attr = spans[i].attr;
		}
		slen = b.len;
		s = buf_detach(&b);
		free(bounds);
		free(newpos);
	}
	newlines_to_spaces(s, slen);
	*out_len = slen;
	return s;
}

static bool
is_alef(uint32_t c)
{
	return c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0627;
}

/* Cluster properties the line breaker needs. */
static void
classify_clusters(struct para *p, const struct text_opts *o)
{
	for (size_t c = 0; c < p->nc; c++) {
		size_t i = p->cstart[c], cn = p->cstart[c + 1] - i;
		const uint32_t *cp = p->cps + i;
		uint16_t f = 0;
		int w, cat;

		if (cn == 1 && cp[0] < 0x80) {
			/* ASCII: printable (controls are gone) and one cell wide. */
			if (cp[0] == ' ' || cp[0] == '\t')
				f = CL_SPACE;
			else if (cp[0] == '-' || cp[0] == '/')
				f = CL_SOFT;
			else if (cp[0] == ')' || cp[0] == ']' || cp[0] == '}' || cp[0] == ',' ||
			    cp[0] == '.' || cp[0] == ';' || cp[0] == ':' || cp[0] == '!' ||
			    cp[0] == '?' || cp[0] == '%')
				f = CL_NOBRK_BEFORE;
			p->cwidth[c] = 1;
			p->cflags[c] = f;
			p->cattr[c] = 0;
			continue;
		}
		cat = p->prop[i]->category;
		if (tx_cluster_hidden(p->prop + i, cn)) {
			f |= CL_HIDDEN;
			w = 0;
		} else
			w = tx_cluster_width(cp, p->prop + i, cn);
		if (cn == 1 && tx_is_break_space(cp[0]))
			f |= CL_SPACE;
		if (cp[0] == '-' || cp[0] == '/')
			f |= CL_SOFT;
		if (w == 2)
			f |= CL_WIDE;
		if (cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PO ||
		    cat == UTF8PROC_CATEGORY_PF)
			f |= CL_NOBRK_BEFORE;
		/* Never split lam from alef; shaped at an RTL level they are one cell. */
		if (cn == 1 && cp[0] == 0x0644 && c + 1 < p->nc && is_alef(p->cps[i + 1])) {
			f |= CL_LAM;
			if (o->shape && FRIBIDI_LEVEL_IS_RTL(p->levels[i]) &&
			    p->levels[i] == p->levels[i + 1])
				f |= CL_LIGA_PRED;
		}
		p->cwidth[c] = (uint8_t)w;
		p->cflags[c] = f;
		p->cattr[c] = 0;
	}
}

static bool
break_between_wide(const struct para *p, size_t a, size_t b)
{
	if (!((p->cflags[a] | p->cflags[b]) & CL_WIDE))
		return false;
	if (p->cflags[b] & (CL_NOBRK_BEFORE | CL_HIDDEN))
		return false;
	return !(p->cflags[a] & CL_LAM);
}

/*
 * Choose the line starting at cluster c0: clusters [c0, *end) are its
 * content, [*end, *next) the spaces hanging at its end. Greedy in logical
 * order: break at the last space (or between ideographs) that fits; a word
 * longer than the line breaks after '-' or '/' if it can, else at the last
 * cluster boundary that fits (never inside a lam-alef pair).
 */
static void
choose_break(const struct para *p, size_t c0, int avail, size_t *end, size_t *next)
{
	size_t nc = p->nc, i = c0;
	size_t opp_end = 0, opp_next = 0, soft = 0;
	bool have_opp = false, have_soft = false;
	int w = 0;

	while (i < nc) {
		if (p->cflags[i] & CL_SPACE) {
			size_t j = i;
			int sw = 0;
			while (j < nc && (p->cflags[j] & CL_SPACE))
				sw += p->cwidth[j++];
			if (j == nc) {
				*end = i;
				*next = nc;
				return;
			}
			if (i > c0) {
				have_opp = true;
				opp_end = i;
				opp_next = j;
			}
			w += sw;	/* spaces between words; they hang at a break */
			i = j;
			continue;
		}
		size_t u = i + 1;
		int uw = p->cwidth[i];
		if ((p->cflags[i] & CL_LAM) && u < nc) {
			if (p->cflags[i] & CL_LIGA_PRED)
				uw = 0;	/* the ligature takes the alef's cell */
			uw += p->cwidth[u++];
		}
		while (u < nc && (p->cflags[u] & CL_HIDDEN) && !(p->cflags[u] & CL_SPACE))
			u++;	/* invisible format characters go with what precedes them */
		if (w + uw > avail && i > c0) {
			if (have_opp) {
				*end = opp_end;
				*next = opp_next;
			} else if (have_soft) {
				*end = *next = soft;
			} else {
				*end = *next = i;
			}
			return;
		}
		w += uw;
		if (u < nc && !(p->cflags[u] & CL_SPACE)) {
			if (break_between_wide(p, u - 1, u)) {
				have_opp = true;
				opp_end = opp_next = u;
			} else if (p->cflags[u - 1] & CL_SOFT) {
				have_soft = true;
				soft = u;
			}
		}
		i = u;
	}
	*end = *next = nc;
}

/*
 * Emit the cell of clusters [g0, g1) at the end of the line being built.
 * Shaping keeps widths (presentation forms and mirrored glyphs are as wide
 * as what they replace) but for a ligature, whose group is as wide as its
 * last cluster.
 */
static void
emit_cell(struct para *p, size_t g0, size_t g1, size_t *ncells, size_t *ulen, int *width)
{
	struct text_cell *cell = &p->cbuf[*ncells];
	size_t start = *ulen, i0 = p->cstart[g0], i1 = p->cstart[g1];
	char *u = p->ubuf;
	int w = p->cwidth[g1 - 1];

	for (size_t i = i0; i < i1; i++) {
		uint32_t c = p->shaped[i];
		if (c < 0x80) {
			u[(*ulen)++] = c == '\t' ? ' ' : (char)c;
			continue;
		}
		if (c == FRIBIDI_CHAR_FILL ||
		    (p->cps[i] <= 0x2069 && utf8_is_bidi_control(p->cps[i])))
			continue;
		if (c < 0x800) {
			u[(*ulen)++] = (char)(0xC0 | (c >> 6));
			u[(*ulen)++] = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			u[(*ulen)++] = (char)(0xE0 | (c >> 12));
			u[(*ulen)++] = (char)(0x80 | ((c >> 6) & 0x3F));
			u[(*ulen)++] = (char)(0x80 | (c & 0x3F));
		} else
			*ulen += utf8_encode(c, u + *ulen);
	}
	if (*ulen == start)
		return;
	cell->off = (uint32_t)start;
	cell->len = (uint32_t)(*ulen - start);
	cell->log_off = p->boff[i0];
	cell->log_len = p->boff[i1] - p->boff[i0];
	cell->width = (uint8_t)w;
	cell->attr = p->cattr[g0];
	*width += w;
	(*ncells)++;
}

/* Shape, reorder and emit clusters [c0, c1) as one screen line. */
static void
build_line(struct para *p, const struct text_opts *o, size_t c0, size_t c1,
    struct text_line *line)
{
	size_t s = p->cstart[c0], e = p->cstart[c1], len = e - s;
	size_t ncells = 0, ulen = 0;
	int width = 0;

	for (size_t i = s; i < e; i++) {
		p->map[i] = (FriBidiStrIndex)i;
		p->shaped[i] = p->cps[i];
	}
	if (len > 0 && o->reorder && !p->flat) {
		/* L1 (line end) and L2, L3; levels of this line only. */
		if (fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM, p->types, (FriBidiStrIndex)len,
		    (FriBidiStrIndex)s, p->base, p->levels, NULL, p->map) == 0) {
			for (size_t i = s; i < e; i++)
				p->map[i] = (FriBidiStrIndex)i;
		}
	}
	if (len > 0 && o->shape && p->arabic) {
		FriBidiArabicProp *ar = p->ar + s;
		memcpy(ar, p->jtypes + s, len * sizeof *ar);
		fribidi_join_arabic(p->types + s, (FriBidiStrIndex)len, p->levels + s, ar);
		fribidi_shape(FRIBIDI_FLAGS_ARABIC, p->levels + s, (FriBidiStrIndex)len, ar,
		    p->shaped + s);
	}
	if (o->reorder && !p->flat) {
		/* L4, as fribidi_shape's mirroring but asking only about the
		 * characters Unicode marks Bidi_Mirrored. */
		for (size_t i = s; i < e; i++) {
			FriBidiChar m;
			if ((p->levels[i] & 1) && p->prop[i]->bidi_mirrored &&
			    fribidi_get_mirror_char(p->shaped[i], &m))
				p->shaped[i] = m;
		}
	}
	/* A lam turned into FILL by a ligature shares the alef's cell. */
	for (size_t c = c0; c < c1; c++) {
		p->cflags[c] &= (uint16_t)~(CL_LIGA | CL_DONE);
		if ((p->cflags[c] & CL_LAM) && c + 1 < c1 &&
		    p->shaped[p->cstart[c]] == FRIBIDI_CHAR_FILL)
			p->cflags[c] |= CL_LIGA;
	}
	for (size_t v = s; v < e; v++) {
		size_t c = p->cl_of[p->map[v]], g0 = c, g1 = c + 1;
		if (p->cflags[c] & CL_DONE)
			continue;
		if (p->cflags[c] & CL_LIGA)
			g1 = c + 2;
		else if (c > c0 && (p->cflags[c - 1] & CL_LIGA))
			g0 = c - 1;
		bool hidden = true;
		for (size_t g = g0; g < g1; g++) {
			p->cflags[g] |= CL_DONE;
			if (!(p->cflags[g] & CL_HIDDEN))
				hidden = false;
		}
		if (!hidden)
			emit_cell(p, g0, g1, &ncells, &ulen, &width);
	}

	line->utf8 = xmalloc(ulen + 1);
	memcpy(line->utf8, p->ubuf, ulen);
	line->utf8[ulen] = '\0';
	line->cells = xreallocarray(NULL, ncells ? ncells : 1, sizeof *line->cells);
	memcpy(line->cells, p->cbuf, ncells * sizeof *line->cells);
	line->ncells = ncells;
	line->width = width;
	line->rtl = p->rtl;
}

/* Whether the paragraph needs the full bidi algorithm and shaping. */
static void
scan_types(struct para *p, const struct text_opts *o)
{
	bool rtl = false, ltr = false;

	p->arabic = false;
	for (size_t i = 0; i < p->n; i++) {
		FriBidiCharType t = p->types[i];
		if (t == FRIBIDI_TYPE_LTR)
			ltr = true;
		else if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL || t == FRIBIDI_TYPE_AN ||
		    FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t))
			rtl = true;
		if (p->cps[i] >= 0x0600 && p->cps[i] <= 0x08FF)
			p->arabic = true;
	}
	p->flat = !rtl && (o->dir == TEXT_DIR_LTR ||
	    (o->dir == TEXT_DIR_AUTO && (ltr || o->prev_dir != TEXT_DIR_RTL)));
}

static FriBidiParType
par_type(const struct text_opts *o)
{
	if (o->dir == TEXT_DIR_LTR)
		return FRIBIDI_PAR_LTR;
	if (o->dir == TEXT_DIR_RTL)
		return FRIBIDI_PAR_RTL;
	/* No strong character: follow the paragraph before (weak direction). */
	if (o->prev_dir == TEXT_DIR_RTL)
		return FRIBIDI_PAR_WRTL;
	return FRIBIDI_PAR_ON;
}

/* Attributes of spans onto the clusters whose first byte they cover. */
static void
apply_spans(struct para *p, const struct text_span *spans, size_t nspans)
{
	for (size_t k = 0; k < nspans; k++) {
		size_t lo = 0, hi = p->nc;
		/* First cluster starting at or after spans[k].start. */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (p->boff[p->cstart[mid]] < spans[k].start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t c = lo; c < p->nc && p->boff[p->cstart[c]] < spans[k].end; c++)
			p->cattr[c] |= spans[k].attr;
	}
}

static void
push_line(struct text_lines *out, size_t *alloc, struct text_line **line)
{
	if (out->nlines == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 4;
		out->lines = xreallocarray(out->lines, *alloc, sizeof *out->lines);
	}
	*line = &out->lines[out->nlines++];
	memset(*line, 0, sizeof **line);
}

int
text_layout_paragraph(const char *text, size_t len, const struct text_span *spans,
    size_t nspans, const struct text_opts *opts, struct text_lines *out)
{
	struct text_span *tspans;
	struct para p = { 0 };
	struct text_line *line;
	size_t slen, alloc = 0, c;
	void *blk;
	int avail, width = opts->width > 0 ? opts->width : 0;
	int istart = opts->indent_start > 0 ? opts->indent_start : 0;
	int iend = opts->indent_end > 0 ? opts->indent_end : 0;

	memset(out, 0, sizeof *out);
	if (len > PARA_MAX_BYTES)
		len = PARA_MAX_BYTES;
	tspans = NULL;
	blk = NULL;
	p.n = (size_t)-1;
	if (nspans == 0) {
		/* Clean text (most of it) is decoded once and copied as is. */
		blk = para_alloc(&p, len, opts->scratch);
		p.n = decode_clean(text, len, !opts->strip_bidi, p.cps, p.boff);
		if (p.n != (size_t)-1) {
			slen = len;
			out->logical = xmalloc(len + 1);
			memcpy(out->logical, text, len);
			out->logical[len] = '\0';
			newlines_to_spaces(out->logical, len);
		} else
			free(blk);
	}
	if (p.n == (size_t)-1) {
		out->logical = clean_text(text, len, spans, nspans, !opts->strip_bidi, &tspans,
		    &slen);
		blk = para_alloc(&p, slen, opts->scratch);
		p.n = tx_decode(out->logical, slen, p.cps, p.boff);
	}
	out->logical_len = slen;
	p.base = par_type(opts);
	if (p.n > 0) {
		fribidi_get_bidi_types(p.cps, (FriBidiStrIndex)p.n, p.types);
		scan_types(&p, opts);
		if (p.flat) {
			/* Only left-to-right and neutral characters in a left-to-right
			 * paragraph: UAX #9 gives every one level 0. */
			p.base = FRIBIDI_PAR_LTR;
			memset(p.levels, 0, p.n);
		} else {
			fribidi_get_bracket_types(p.cps, (FriBidiStrIndex)p.n, p.types, p.btypes);
			if (fribidi_get_par_embedding_levels_ex(p.types, p.btypes,
			    (FriBidiStrIndex)p.n, &p.base, p.levels) == 0) {
				/* Out of memory inside fribidi: show it unreordered. */
				p.base = FRIBIDI_IS_RTL(p.base) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
				memset(p.levels, FRIBIDI_IS_RTL(p.base) ? 1 : 0, p.n);
			}
		}
		if (opts->shape && p.arabic)
			fribidi_get_joining_types(p.cps, (FriBidiStrIndex)p.n, p.jtypes);
	} else if (p.base == FRIBIDI_PAR_WRTL) {
		p.base = FRIBIDI_PAR_RTL;
	} else if (p.base != FRIBIDI_PAR_RTL) {
		p.base = FRIBIDI_PAR_LTR;
	}
	p.rtl = FRIBIDI_IS_RTL(p.base);
	out->resolved_dir = p.rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;

	tx_props(p.cps, p.n, p.prop);
	p.nc = tx_clusters(p.cps, p.prop, p.n, p.cstart, p.cl_of);
	classify_clusters(&p, opts);
	apply_spans(&p, tspans, nspans);

	avail = width - istart - iend;
	if (avail < 1)
		avail = 1;
	c = 0;
	do {
		size_t end, next;
		if (width == 0)
			end = next = p.nc;
		else
			choose_break(&p, c, avail, &end, &next);
		push_line(out, &alloc, &line);
		build_line(&p, opts, c, end, line);
		line->log_start = p.boff[p.cstart[c]];
		line->log_end = p.boff[p.cstart[next]];
		if (width == 0)
			line->pad = p.rtl && opts->reorder ? iend : istart;
		else if (p.rtl && opts->reorder)
			line->pad = width - istart - line->width > 0 ? width - istart - line->width : 0;
		else
			line->pad = istart;
		c = next;
	} while (c < p.nc);

	free(blk);
	free(tspans);
	return 0;
}

void
text_line_free(struct text_line *line)
{
	if (line == NULL)
		return;
	xfree(&line->utf8);
	xfree(&line->cells);
	line->ncells = 0;
}

void
text_lines_free(struct text_lines *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nlines; i++)
		text_line_free(&l->lines[i]);
	xfree(&l->lines);
	l->nlines = 0;
	xfree(&l->logical);
	l->logical_len = 0;
}
