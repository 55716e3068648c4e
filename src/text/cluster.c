/*
 * Grapheme clusters, display widths and the small direction helpers of
 * src/text. A cluster (a letter with its harakat, an emoji sequence) is the
 * unit the layout never splits; its width is what a terminal gives it.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <utf8proc.h>

#include "text/text-int.h"
#include "text/text.h"
#include "util/utf8.h"
#include "util/xalloc.h"

size_t
tx_decode(const char *s, size_t len, uint32_t *cps, uint32_t *boff)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		boff[n] = (uint32_t)i;
		if (c < 0x80) {
			/* ASCII fast path: most of a mixed document. */
			cps[n++] = c;
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cps[n]);
		n++;
	}
	boff[n] = (uint32_t)len;
	return n;
}

void
tx_props(const uint32_t *cps, size_t n, tx_prop *prop)
{
	for (size_t i = 0; i < n; i++)
		prop[i] = tx_ascii_printable(cps[i]) ? NULL :
		    utf8proc_get_property((utf8proc_int32_t)cps[i]);
}

size_t
tx_clusters(const uint32_t *cps, const tx_prop *prop, size_t n, uint32_t *cstart,
    uint32_t *cl_of)
{
	utf8proc_int32_t state = 0;
	size_t nc = 0;

	for (size_t i = 0; i < n; i++) {
		bool brk;
		if (i == 0) {
			brk = true;
		} else if ((prop[i] == NULL || prop[i]->boundclass == UTF8PROC_BOUNDCLASS_OTHER) &&
		    (prop[i - 1] == NULL ||
		    prop[i - 1]->boundclass != UTF8PROC_BOUNDCLASS_PREPEND)) {
			/* GB999 (the common case, decided without utf8proc's state
			 * machine, whose state this leaves as after a break; printable
			 * ASCII, prop NULL, is class Other). */
			brk = true;
			state = 0;
		} else {
			brk = utf8proc_grapheme_break_stateful((utf8proc_int32_t)cps[i - 1],
			    (utf8proc_int32_t)cps[i], &state);
		}
		if (brk)
			cstart[nc++] = (uint32_t)i;
		if (cl_of)
			cl_of[i] = (uint32_t)(nc - 1);
	}
	cstart[nc] = (uint32_t)n;
	return nc;
}

static bool
is_keycap_base(uint32_t c)
{
	return (c >= '0' && c <= '9') || c == '#' || c == '*';
}

int
tx_cluster_width(const uint32_t *cps, const tx_prop *prop, size_t n)
{
	int w = 0;

	if (n == 1) {
		if (prop[0] == NULL || cps[0] == '\t')
			return 1;
		return prop[0]->charwidth > 0 ? prop[0]->charwidth :
		    prop[0]->boundclass == UTF8PROC_BOUNDCLASS_PREPEND ? 1 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		tx_prop pi = tx_prop_at(cps, prop, i);
		int cw;
		if (cps[i] == 0xFE0F && i > 0) {
			/* Emoji presentation of a pictograph or a keycap base. */
			cw = tx_prop_at(cps, prop, i - 1)->boundclass ==
			    UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
			    is_keycap_base(cps[i - 1]) ? 2 : 0;
		} else {
			cw = pi->charwidth;
			/* Prepended marks (U+0600...) are visible although Cf. */
			if (cw < 1 && pi->boundclass == UTF8PROC_BOUNDCLASS_PREPEND)
				cw = 1;
			if (cps[i] == '\t')
				cw = 1;	/* drawn as one space */
		}
		if (cw > w)
			w = cw;
	}
	/* A flag: two regional indicators. */
	if (tx_prop_at(cps, prop, 0)->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR &&
	    tx_prop_at(cps, prop, 1)->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR)
		w = 2;
	return w > 2 ? 2 : w;
}

bool
tx_cluster_hidden(const tx_prop *prop, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (prop[i] == NULL)
			return false;	/* printable ASCII */
		int cat = prop[i]->category;
		if (cat != UTF8PROC_CATEGORY_CF && cat != UTF8PROC_CATEGORY_ZL &&
		    cat != UTF8PROC_CATEGORY_ZP)
			return false;
		if (prop[i]->boundclass == UTF8PROC_BOUNDCLASS_PREPEND)
			return false;
	}
	return true;
}

enum text_dir
text_first_strong(const char *text, size_t len)
{
	size_t i = 0;
	int isolates = 0;

	/* Rules P2 and P3: skip what isolates enclose; embeddings do not count. */
	while (i < len) {
		uint32_t cp;
		FriBidiCharType t;

		i += utf8_decode(text + i, len - i, &cp);
		t = fribidi_get_bidi_type(cp);
		if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI)
			isolates++;
		else if (t == FRIBIDI_TYPE_PDI) {
			if (isolates > 0)
				isolates--;
		} else if (isolates == 0) {
			if (t == FRIBIDI_TYPE_LTR)
				return TEXT_DIR_LTR;
			if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL)
				return TEXT_DIR_RTL;
		}
	}
	return TEXT_DIR_AUTO;
}

enum text_dir
text_dir_of_lang(const char *lang)
{
	/* Languages normally written right to left (ISO 639). */
	static const char *const rtl[] = {
		"ar", "arc", "arz", "apc", "ary", "acm", "aeb", "azb", "bal", "bqi",
		"ckb", "dv", "fa", "glk", "he", "iw", "khw", "ks", "lrc", "mzn",
		"nqo", "pnb", "prs", "ps", "sd", "skr", "syr", "ug", "ur", "yi", "ji",
	};
	/* Right-to-left script subtags (ISO 15924). */
	static const char *const rtl_scripts[] = {
		"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr",
	};
	char prim[9], script[5];
	size_t i = 0, j;

	if (lang == NULL)
		return TEXT_DIR_AUTO;
	while (*lang == ' ')
		lang++;
	if (*lang == '\0')
		return TEXT_DIR_AUTO;
	while (lang[i] != '\0' && lang[i] != '-' && lang[i] != '_' && i < sizeof prim - 1) {
		prim[i] = (char)tolower((unsigned char)lang[i]);
		i++;
	}
	prim[i] = '\0';
	/* "Undetermined" and "no linguistic content" say nothing about direction. */
	if (strcmp(prim, "und") == 0 || strcmp(prim, "zxx") == 0)
		return TEXT_DIR_AUTO;
	while (lang[i] != '\0' && lang[i] != '-' && lang[i] != '_')
		i++;
	/* A script subtag (4 letters) after the language decides: ku-Arab, az-Arab. */
	if (lang[i] != '\0') {
		const char *sub = lang + i + 1;
		for (j = 0; j < 4 && isalpha((unsigned char)sub[j]); j++)
			script[j] = (char)tolower((unsigned char)sub[j]);
		script[j] = '\0';
		if (j == 4 && (sub[4] == '\0' || sub[4] == '-' || sub[4] == '_')) {
			for (size_t k = 0; k < sizeof rtl_scripts / sizeof rtl_scripts[0]; k++)
				if (strcmp(script, rtl_scripts[k]) == 0)
					return TEXT_DIR_RTL;
			return TEXT_DIR_LTR;
		}
	}
	for (size_t k = 0; k < sizeof rtl / sizeof rtl[0]; k++)
		if (strcmp(prim, rtl[k]) == 0)
			return TEXT_DIR_RTL;
	return TEXT_DIR_LTR;
}

char *
text_sanitize(const char *text, size_t len, bool keep_newlines)
{
	return utf8_sanitize(text, len, keep_newlines ? UTF8_KEEP_NEWLINES : 0, NULL);
}

int
text_width(const char *text, size_t len)
{
	size_t clen, n, nc;
	char *clean = utf8_sanitize(text, len, 0, &clen);
	uint32_t *cps = xreallocarray(NULL, clen + 1, sizeof *cps);
	uint32_t *boff = xreallocarray(NULL, clen + 1, sizeof *boff);
	uint32_t *cstart = xreallocarray(NULL, clen + 1, sizeof *cstart);
	tx_prop *prop = xreallocarray(NULL, clen + 1, sizeof *prop);
	int w = 0;

	n = tx_decode(clean, clen, cps, boff);
	tx_props(cps, n, prop);
	nc = tx_clusters(cps, prop, n, cstart, NULL);
	for (size_t c = 0; c < nc; c++) {
		size_t i = cstart[c], cn = cstart[c + 1] - i;
		if (!tx_cluster_hidden(prop + i, cn))
			w += tx_cluster_width(cps + i, prop + i, cn);
	}
	free(prop);
	free(cstart);
	free(boff);
	free(cps);
	free(clean);
	return w;
}
