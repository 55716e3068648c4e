/*
 * Arabic light stemming for search: strip the attached particles and the
 * article at the front and the common suffixes at the back, never touching
 * the root pattern inside (no dictionary, no roots). This follows light10
 * of Larkey, Ballesteros and Connell, "Light Stemming for Arabic
 * Information Retrieval" (2007; first published at SIGIR 2002):
 *   - remove a leading wa (و) when 3 or more letters remain;
 *   - remove one of the article forms ال، وال، بال، كال، فال، لل when 2 or
 *     more letters remain;
 *   - remove the suffixes ها، ان، ات، ون، ين، يه، ية، ه، ة، ي in that
 *     order, each at most once, while 2 or more letters remain.
 * The input is already in the search normal form (store_search_normalize:
 * ta marbuta is ha, alef forms are bare alef, no harakat), so ية and ة
 * appear here as يه and ه. Written from the paper's description.
 *
 * light10 leaves the one-letter particles ب، ك، ل، ف alone because a word
 * may just begin with those letters (بيتكوين). store_stem_ar_particle()
 * gives the stem without one of them as a second index term, never used on
 * the query side: "منصة" then finds "بمنصة", and "بيتكوين" is not cut.
 */
#include "config.h"

#include <string.h>

#include "store/store-int.h"

/* Arabic letters as their UTF-8 bytes (each two bytes). */
#define ALEF "\xd8\xa7"
#define BA "\xd8\xa8"
#define TA "\xd8\xaa"
#define FA "\xd9\x81"
#define KAF "\xd9\x83"
#define LAM "\xd9\x84"
#define NUN "\xd9\x86"
#define HA "\xd9\x87"
#define WAW "\xd9\x88"
#define YA "\xd9\x8a"

static const char *const articles[] = {
	WAW ALEF LAM, BA ALEF LAM, KAF ALEF LAM, FA ALEF LAM, LAM LAM, ALEF LAM,
};
static const char *const suffixes[] = {
	HA ALEF, ALEF NUN, ALEF TA, WAW NUN, YA NUN, YA HA, HA, YA,
};

/* Letters of a word made only of two-byte Arabic letters, else 0. */
static size_t
arabic_letters(const char *w, size_t len)
{
	if (len == 0 || len % 2 != 0)
		return 0;
	for (size_t i = 0; i < len; i += 2) {
		unsigned char c = (unsigned char)w[i];
		if (c < 0xD8 || c > 0xDB)
			return 0;
	}
	return len / 2;
}

size_t
store_stem_ar(const char *w, size_t len, size_t *start)
{
	size_t n = arabic_letters(w, len), at = 0;

	*start = 0;
	if (n == 0)
		return len;
	if (n >= 4 && memcmp(w, WAW, 2) == 0) {
		at = 2;
		n--;
	}
	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
		size_t k = strlen(articles[i]);
		if (n * 2 >= k + 4 && memcmp(w + at, articles[i], k) == 0) {
			at += k;
			n -= k / 2;
			break;
		}
	}
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);
		if (n * 2 >= k + 4 && memcmp(w + at + n * 2 - k, suffixes[i], k) == 0)
			n -= k / 2;
	}
	*start = at;
	return n * 2;
}

size_t
store_stem_ar_particle(const char *w, size_t len, size_t *start)
{
	static const char *const particles[] = { BA, KAF, LAM, FA };
	size_t n = arabic_letters(w, len), s;

	*start = 0;
	/* The particle, then at least four letters: too short a rest is more
	 * often a word that just starts with the letter. A word light10
	 * already took a prefix from (بال، لل، و) has no other. */
	if (n < 5)
		return 0;
	store_stem_ar(w, len, &s);
	if (s != 0)
		return 0;
	for (size_t i = 0; i < 4; i++) {
		if (memcmp(w, particles[i], 2) == 0) {
			size_t k = store_stem_ar(w + 2, len - 2, &s);
			*start = 2 + s;
			return k;
		}
	}
	return 0;
}
