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
 *
 * Speed: most of a document is printable ASCII and clusters of one code
 * point, so those take shorter paths that give the same cells (no Unicode
 * property lookups for printable ASCII, no bidi types for an ASCII
 * left-to-right paragraph, lines with nothing to reorder or shape copied
 * from the logical text). bench/bench_render.py measures it.
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
	const char *text;	/* the logical text (sanitized) */
	FriBidiParType base;
	bool rtl;
	bool flat;		/* every level is 0: nothing to reorder or mirror */
	bool arabic;		/* has characters Arabic shaping may change */
	bool nonascii;		/* has anything but ASCII */
	bool has_lam;		/* some cluster is CL_LAM */
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
	SZ(m, uint16_t); SZ(4 * m, char);
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
 * Notes in p whether there is anything but ASCII, and Arabic.
 */
static size_t
decode_clean(const char *text, size_t len, bool keep_bidi, struct para *p)
{
	const unsigned char *t = (const unsigned char *)text;
	uint32_t *cps = p->cps, *boff = p->boff;
	size_t i = 0, n = 0;
	bool nonascii = false, arabic = false;

	while (i < len) {
		unsigned char c = t[i];
		uint32_t cp;
		size_t k;
		boff[n] = (uint32_t)i;
		if (c < 0x80) {
			if ((c >= 0x20 && c < 0x7F) || c == '\t')
				cps[n++] = c;
			else if (c == '\n')
				cps[n++] = ' ';
			else
				return (size_t)-1;
			i++;
			continue;
		}
		nonascii = true;
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (t[i + 1] & 0xC0) == 0x80) {
			/* Two bytes (Arabic, Hebrew): no C1 control, no ALM unless kept. */
			cp = (uint32_t)(c & 0x1F) << 6 | (t[i + 1] & 0x3F);
			if (cp <= 0x9F || (!keep_bidi && cp == 0x061C))
				return (size_t)-1;
			arabic |= cp >= 0x0600;
			k = 2;
		} else {
			k = utf8_decode(text + i, len - i, &cp);
			if ((cp == UTF8_REPLACEMENT && k == 1) || cp <= 0x9F || cp == 0xFEFF ||
			    (!keep_bidi && utf8_is_bidi_control(cp)))
				return (size_t)-1;
			arabic |= cp >= 0x0600 && cp <= 0x08FF;
		}
		cps[n++] = cp;
		i += k;
	}
	boff[n] = (uint32_t)len;
	p->nonascii = nonascii;
	p->arabic = arabic;
	return n;
}

/* decode_clean's notes for text decoded otherwise. */
static void
note_script(struct para *p)
{
	p->nonascii = p->arabic = false;
	for (size_t i = 0; i < p->n; i++) {
		if (p->cps[i] >= 0x80)
			p->nonascii = true;
		if (p->cps[i] >= 0x0600 && p->cps[i] <= 0x08FF)
			p->arabic = true;
	}
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

/* Cluster flags of an ASCII character alone in its cluster. */
static const uint16_t ascii_flags[128] = {
	['\t'] = CL_SPACE, [' '] = CL_SPACE, ['-'] = CL_SOFT, ['/'] = CL_SOFT,
	[')'] = CL_NOBRK_BEFORE, [']'] = CL_NOBRK_BEFORE, ['}'] = CL_NOBRK_BEFORE,
	[','] = CL_NOBRK_BEFORE, ['.'] = CL_NOBRK_BEFORE, [';'] = CL_NOBRK_BEFORE,
	[':'] = CL_NOBRK_BEFORE, ['!'] = CL_NOBRK_BEFORE, ['?'] = CL_NOBRK_BEFORE,
	['%'] = CL_NOBRK_BEFORE,
};

/* Width and flags of cluster c of more than one code point, [i, i + cn). */
static void
classify_multi(struct para *p, size_t c, size_t i, size_t cn)
{
	const uint32_t *cp = p->cps + i;
	int w, cat = tx_prop_at(p->cps, p->prop, i)->category;
	uint16_t f = 0;

	if (tx_cluster_hidden(p->prop + i, cn)) {
		f |= CL_HIDDEN;
		w = 0;
	} else
		w = tx_cluster_width(cp, p->prop + i, cn);
	if (cp[0] == '-' || cp[0] == '/')
		f |= CL_SOFT;
	if (w == 2)
		f |= CL_WIDE;
	if (cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PO ||
	    cat == UTF8PROC_CATEGORY_PF)
		f |= CL_NOBRK_BEFORE;
	p->cwidth[c] = (uint8_t)w;
	p->cflags[c] = f;
}

/*
 * Properties (as tx_props), grapheme clusters (as tx_clusters) and the
 * cluster properties the line breaker needs, in one pass: each cluster is
 * first classified as the single code point it starts with (nearly all
 * are), and those that turn out longer are classified again at the end.
 */
static void
analyze(struct para *p, const struct text_opts *o)
{
	const uint32_t *cps = p->cps;
	tx_prop *prop = p->prop;
	uint32_t *cstart = p->cstart, *cl_of = p->cl_of;
	utf8proc_int32_t state = 0;
	size_t n = p->n, nc = 0;
	bool prev_prepend = false, multi = false;

	p->has_lam = false;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = cps[i];
		tx_prop pr = NULL;
		bool brk;
		if (tx_ascii_printable(cp)) {
			/* Grapheme class Other: GB999 unless after a prepend. */
			if (i == 0 || !prev_prepend) {
				brk = true;
				state = 0;
			} else
				brk = utf8proc_grapheme_break_stateful((utf8proc_int32_t)cps[i - 1],
				    (utf8proc_int32_t)cp, &state);
			prev_prepend = false;
		} else {
			pr = utf8proc_get_property((utf8proc_int32_t)cp);
			if (i == 0) {
				brk = true;
			} else if (pr->boundclass == UTF8PROC_BOUNDCLASS_OTHER && !prev_prepend) {
				/* GB999, as in tx_clusters. */
				brk = true;
				state = 0;
			} else
				brk = utf8proc_grapheme_break_stateful((utf8proc_int32_t)cps[i - 1],
				    (utf8proc_int32_t)cp, &state);
			prev_prepend = pr->boundclass == UTF8PROC_BOUNDCLASS_PREPEND;
		}
		prop[i] = pr;
		if (brk) {
			uint16_t f;
			if (cp < 0x80) {
				p->cwidth[nc] = 1;
				f = ascii_flags[cp];
			} else {
				int cat = pr->category, w;
				f = 0;
				if ((cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_ZL ||
				    cat == UTF8PROC_CATEGORY_ZP) &&
				    pr->boundclass != UTF8PROC_BOUNDCLASS_PREPEND) {
					f = CL_HIDDEN;
					w = 0;
				} else {
					w = pr->charwidth > 0 ? pr->charwidth :
					    pr->boundclass == UTF8PROC_BOUNDCLASS_PREPEND ? 1 : 0;
				}
				if (tx_is_break_space(cp))
					f |= CL_SPACE;
				if (w == 2)
					f |= CL_WIDE;
				if (cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PO ||
				    cat == UTF8PROC_CATEGORY_PF)
					f |= CL_NOBRK_BEFORE;
				p->cwidth[nc] = (uint8_t)w;
			}
			p->cflags[nc] = f;
			p->cattr[nc] = 0;
			/* Never split lam from alef (a lam alone in its cluster before
			 * one); shaped at an RTL level they are one cell. */
			if (is_alef(cp) && i > 0 && cps[i - 1] == 0x0644 && cstart[nc - 1] == i - 1) {
				p->cflags[nc - 1] |= CL_LAM;
				p->has_lam = true;
				if (o->shape && FRIBIDI_LEVEL_IS_RTL(p->levels[i - 1]) &&
				    p->levels[i - 1] == p->levels[i])
					p->cflags[nc - 1] |= CL_LIGA_PRED;
			}
			cstart[nc++] = (uint32_t)i;
		} else
			multi = true;
		cl_of[i] = (uint32_t)(nc - 1);
	}
	cstart[nc] = (uint32_t)n;
	p->nc = nc;
	if (multi) {
		for (size_t c = 0; c < nc; c++) {
			size_t cn = cstart[c + 1] - cstart[c];
			if (cn > 1)
				classify_multi(p, c, cstart[c], cn);
		}
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
		if (!(p->cflags[i] & (CL_SPACE | CL_LAM | CL_SOFT | CL_WIDE)) && i + 1 < nc &&
		    !(p->cflags[i + 1] & (CL_SPACE | CL_HIDDEN | CL_WIDE))) {
			/* Inside a word (most clusters): no break opportunity after it,
			 * nothing to take along; as below, shorter. */
			if (w + p->cwidth[i] > avail && i > c0)
				goto full;
			w += p->cwidth[i++];
			continue;
		}
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
			if (i == c0 && sw > avail) {
				/* Blanks opening the paragraph, wider than the line:
				 * those that fit stay, the rest hang as at a break. */
				size_t k = i;
				while (w + p->cwidth[k] <= avail)
					w += p->cwidth[k++];
				*end = k;
				*next = j;
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
		if (w + uw > avail && i > c0)
			goto full;
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
	return;
full:
	/* Cluster i does not fit. */
	if (have_opp) {
		*end = opp_end;
		*next = opp_next;
	} else if (have_soft) {
		*end = *next = soft;
	} else {
		*end = *next = i;
	}
}

/* A line's cells and text as they are built. */
struct line_out {
	struct text_cell *cells;
	size_t ncells;
	char *u;		/* text */
	size_t ulen;
	int width;
};

/*
 * Emit the cell of clusters [g0, g1) at the end of the line being built.
 * Shaping keeps widths (presentation forms and mirrored glyphs are as wide
 * as what they replace) but for a ligature, whose group is as wide as its
 * last cluster.
 */
static void
emit_cell(const struct para *p, size_t g0, size_t g1, struct line_out *lo)
{
	size_t i0 = p->cstart[g0], i1 = p->cstart[g1];
	size_t start = lo->ulen, ulen = start;
	char *u = lo->u;
	int w = p->cwidth[g1 - 1];

	for (size_t i = i0; i < i1; i++) {
		uint32_t c = p->shaped[i];
		if (c < 0x80) {
			u[ulen++] = c == '\t' ? ' ' : (char)c;
			continue;
		}
		if (c == FRIBIDI_CHAR_FILL || (p->cps[i] - 0x061C < 0x2069 - 0x061C + 1 &&
		    utf8_is_bidi_control(p->cps[i])))
			continue;
		if (c < 0x800) {
			u[ulen++] = (char)(0xC0 | (c >> 6));
			u[ulen++] = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			u[ulen++] = (char)(0xE0 | (c >> 12));
			u[ulen++] = (char)(0x80 | ((c >> 6) & 0x3F));
			u[ulen++] = (char)(0x80 | (c & 0x3F));
		} else
			ulen += utf8_encode(c, u + ulen);
	}
	if (ulen == start)
		return;
	lo->cells[lo->ncells++] = (struct text_cell){
		.off = (uint32_t)start,
		.len = (uint32_t)(ulen - start),
		.log_off = p->boff[i0],
		.log_len = p->boff[i1] - p->boff[i0],
		.width = (uint8_t)w,
		.attr = p->cattr[g0],
	};
	lo->ulen = ulen;
	lo->width += w;
}

/*
 * A line shown in logical order with its characters unchanged (nothing to
 * reorder, mirror or shape): each visible cluster is its logical bytes, but
 * a tab, drawn as a space. Invisible clusters (bidi controls among them: they
 * are clusters of their own) have no cell.
 */
static void
build_plain(const struct para *p, size_t c0, size_t c1, struct line_out *lo)
{
	const char *text = p->text;
	char *u = lo->u;
	size_t ulen = 0, ncells = 0;
	int width = 0;

	for (size_t c = c0; c < c1; c++) {
		size_t i0 = p->cstart[c], i1 = p->cstart[c + 1];
		uint32_t b0 = p->boff[i0], blen = p->boff[i1] - b0;
		if (p->cflags[c] & CL_HIDDEN)
			continue;
		if (blen == 1)
			u[ulen] = text[b0] == '\t' ? ' ' : text[b0];
		else
			memcpy(u + ulen, text + b0, blen);
		lo->cells[ncells++] = (struct text_cell){
			.off = (uint32_t)ulen,
			.len = blen,
			.log_off = b0,
			.log_len = blen,
			.width = p->cwidth[c],
			.attr = p->cattr[c],
		};
		ulen += blen;
		width += p->cwidth[c];
	}
	lo->ulen = ulen;
	lo->ncells = ncells;
	lo->width = width;
}

/* Shape, reorder and emit clusters [c0, c1) as one screen line. */
static void
build_line(struct para *p, const struct text_opts *o, size_t c0, size_t c1,
    struct text_line *line)
{
	size_t s = p->cstart[c0], e = p->cstart[c1], len = e - s;
	bool reorder = len > 0 && o->reorder && !p->flat;
	bool shape = len > 0 && o->shape && p->arabic;
	struct line_out lo = { 0 };

	/* Cells: at most one per cluster. */
	lo.cells = xreallocarray(NULL, c1 > c0 ? c1 - c0 : 1, sizeof *lo.cells);
	if (!reorder && !shape) {
		/* Text: at most the logical bytes, written in place. */
		lo.u = xmalloc(p->boff[e] - p->boff[s] + 1);
		build_plain(p, c0, c1, &lo);
		lo.u[lo.ulen] = '\0';
		goto done;
	}
	lo.u = p->ubuf;
	for (size_t i = s; i < e; i++)
		p->map[i] = (FriBidiStrIndex)i;
	memcpy(p->shaped + s, p->cps + s, len * sizeof *p->shaped);
	if (reorder) {
		/* L1 (line end) and L2, L3; levels of this line only. */
		if (fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM, p->types, (FriBidiStrIndex)len,
		    (FriBidiStrIndex)s, p->base, p->levels, NULL, p->map) == 0) {
			for (size_t i = s; i < e; i++)
				p->map[i] = (FriBidiStrIndex)i;
		}
	}
	if (shape) {
		FriBidiArabicProp *ar = p->ar + s;
		memcpy(ar, p->jtypes + s, len * sizeof *ar);
		fribidi_join_arabic(p->types + s, (FriBidiStrIndex)len, p->levels + s, ar);
		fribidi_shape(FRIBIDI_FLAGS_ARABIC, p->levels + s, (FriBidiStrIndex)len, ar,
		    p->shaped + s);
	}
	if (reorder) {
		/* L4, as fribidi_shape's mirroring but asking only about the
		 * characters Unicode marks Bidi_Mirrored (in ASCII: ()<>[]{}). */
		for (size_t i = s; i < e; i++) {
			FriBidiChar m;
			if (!(p->levels[i] & 1))
				continue;
			if (p->prop[i] == NULL ? memchr("()<>[]{}", (int)p->cps[i], 8) == NULL :
			    !p->prop[i]->bidi_mirrored)
				continue;
			if (fribidi_get_mirror_char(p->shaped[i], &m))
				p->shaped[i] = m;
		}
	}
	/* A lam turned into FILL by a ligature shares the alef's cell. (Every
	 * line has its own clusters: CL_LIGA and CL_DONE start clear.) */
	if (shape && p->has_lam) {
		for (size_t c = c0; c + 1 < c1; c++) {
			if ((p->cflags[c] & CL_LAM) && p->shaped[p->cstart[c]] == FRIBIDI_CHAR_FILL)
				p->cflags[c] |= CL_LIGA;
		}
	}
	for (size_t v = s; v < e; v++) {
		size_t i = (size_t)p->map[v], c = p->cl_of[i], g0 = c, g1 = c + 1;
		uint32_t ch = p->shaped[i];
		if (p->cstart[c] == i && p->cstart[c + 1] == i + 1 && ch != FRIBIDI_CHAR_FILL &&
		    !(p->cflags[c] & (CL_HIDDEN | CL_LIGA)) &&
		    (c == c0 || !(p->cflags[c - 1] & CL_LIGA))) {
			/* A visible character alone in its cluster, not in a
			 * ligature (nearly all): visited once, one cell. */
			size_t start = lo.ulen;
			if (ch < 0x80)
				lo.u[lo.ulen++] = ch == '\t' ? ' ' : (char)ch;
			else if (ch < 0x800) {
				lo.u[lo.ulen++] = (char)(0xC0 | (ch >> 6));
				lo.u[lo.ulen++] = (char)(0x80 | (ch & 0x3F));
			} else if (ch < 0x10000) {
				lo.u[lo.ulen++] = (char)(0xE0 | (ch >> 12));
				lo.u[lo.ulen++] = (char)(0x80 | ((ch >> 6) & 0x3F));
				lo.u[lo.ulen++] = (char)(0x80 | (ch & 0x3F));
			} else
				lo.ulen += utf8_encode(ch, lo.u + lo.ulen);
			lo.cells[lo.ncells++] = (struct text_cell){
				.off = (uint32_t)start,
				.len = (uint32_t)(lo.ulen - start),
				.log_off = p->boff[i],
				.log_len = p->boff[i + 1] - p->boff[i],
				.width = p->cwidth[c],
				.attr = p->cattr[c],
			};
			lo.width += p->cwidth[c];
			continue;
		}
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
			emit_cell(p, g0, g1, &lo);
	}
	lo.u = xmalloc(lo.ulen + 1);
	memcpy(lo.u, p->ubuf, lo.ulen);
	lo.u[lo.ulen] = '\0';
done:
	line->utf8 = lo.u;
	line->cells = lo.cells;
	line->ncells = lo.ncells;
	line->width = lo.width;
	line->rtl = p->rtl;
}

/*
 * Whether the paragraph needs the full bidi algorithm: not when it has only
 * left-to-right and neutral characters and is itself left to right. Bidi
 * types are looked up only when it might (ASCII has no right-to-left ones).
 */
static void
scan_types(struct para *p, const struct text_opts *o)
{
	bool rtl = false, ltr = false;

	if (o->dir == TEXT_DIR_LTR && !p->nonascii) {
		p->flat = true;
		return;
	}
	if (!p->nonascii) {
		/* ASCII: only letters are strong (L). */
		for (size_t i = 0; i < p->n && !ltr; i++)
			ltr = (p->cps[i] | 0x20) - 'a' < 26;
	} else {
		FriBidiCharType any = 0;
		fribidi_get_bidi_types(p->cps, (FriBidiStrIndex)p->n, p->types);
		/* RTL, AL, AN, explicit embeddings and isolates have these bits. */
		for (size_t i = 0; i < p->n; i++) {
			any |= p->types[i] & (FRIBIDI_MASK_RTL | FRIBIDI_MASK_ARABIC |
			    FRIBIDI_MASK_EXPLICIT | FRIBIDI_MASK_ISOLATE);
			ltr |= p->types[i] == FRIBIDI_TYPE_LTR;
		}
		rtl = any != 0;
	}
	p->flat = !rtl && (o->dir == TEXT_DIR_LTR ||
	    (o->dir == TEXT_DIR_AUTO && (ltr || o->prev_dir != TEXT_DIR_RTL)));
	if (!p->flat && !p->nonascii)
		fribidi_get_bidi_types(p->cps, (FriBidiStrIndex)p->n, p->types);
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
	size_t slen = 0, alloc = 0, c;
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
		p.n = decode_clean(text, len, !opts->strip_bidi, &p);
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
		note_script(&p);
	}
	out->logical_len = slen;
	p.text = out->logical;
	p.base = par_type(opts);
	if (p.n > 0) {
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

	analyze(&p, opts);
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
