/*
 * Charset labels as documents and servers write them, mapped to names
 * iconv(3) knows. Labels are normalised first (case, spaces and quotes,
 * "_" for "-"), then looked up in an alias table that follows the WHATWG
 * Encoding Standard where browsers and the IANA registry differ (latin1
 * and us-ascii are windows-1252, iso-8859-9 is windows-1254, gb2312 is GBK)
 * and adds the Mac and IBM code page names iconv spells otherwise; a label
 * the table lacks is tried as written and without its "x-"/"cs" prefix.
 */
#include "config.h"

#include <ctype.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "feed/internal.h"
#include "util/xalloc.h"

static const struct {
	const char *label;
	const char *name;
} aliases[] = {
	/* UTF-8 under other names. */
	{ "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" }, { "unicode11utf8", "UTF-8" },
	{ "unicode20utf8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
	/* Browsers read latin1 and ASCII as windows-1252: 0x80-0x9F are “”€…
	 * in such documents, never C1 controls. */
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "iso88591", "WINDOWS-1252" }, { "iso-8859-1:1987", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
	{ "isolatin1", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
	{ "cp819", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" },
	{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" }, { "us", "WINDOWS-1252" },
	{ "ansi-x3.4-1968", "WINDOWS-1252" }, { "iso-ir-6", "WINDOWS-1252" },
	{ "iso646-us", "WINDOWS-1252" }, { "csascii", "WINDOWS-1252" },
	{ "cp367", "WINDOWS-1252" }, { "ibm367", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" }, { "ansi", "WINDOWS-1252" },
	{ "iso-8859-9", "WINDOWS-1254" }, { "iso8859-9", "WINDOWS-1254" },
	{ "iso88599", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" }, { "l5", "WINDOWS-1254" },
	{ "iso-8859-11", "WINDOWS-874" }, { "tis-620", "WINDOWS-874" }, { "dos-874", "WINDOWS-874" },
	/* Arabic and Hebrew: the visual/logical variants are the same bytes. */
	{ "arabic", "ISO-8859-6" }, { "asmo-708", "ISO-8859-6" }, { "ecma-114", "ISO-8859-6" },
	{ "iso-8859-6-e", "ISO-8859-6" }, { "iso-8859-6-i", "ISO-8859-6" },
	{ "csiso88596e", "ISO-8859-6" }, { "csiso88596i", "ISO-8859-6" },
	{ "csisolatinarabic", "ISO-8859-6" }, { "iso-ir-127", "ISO-8859-6" },
	{ "iso-8859-8-i", "ISO-8859-8" }, { "iso-8859-8-e", "ISO-8859-8" },
	{ "csiso88598i", "ISO-8859-8" }, { "csiso88598e", "ISO-8859-8" },
	{ "visual", "ISO-8859-8" }, { "logical", "ISO-8859-8" },
	/* Mac code pages. */
	{ "macroman", "MACINTOSH" }, { "mac-roman", "MACINTOSH" }, { "x-mac-roman", "MACINTOSH" },
	{ "macintosh", "MACINTOSH" }, { "mac", "MACINTOSH" }, { "csmacintosh", "MACINTOSH" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" }, { "mac-cyrillic", "MAC-CYRILLIC" },
	{ "maccyrillic", "MAC-CYRILLIC" }, { "x-mac-ukrainian", "MAC-UK" },
	{ "x-mac-centraleurope", "MAC-CENTRALEUROPE" }, { "x-mac-ce", "MAC-CENTRALEUROPE" },
	{ "macce", "MAC-CENTRALEUROPE" }, { "x-mac-icelandic", "MAC-IS" },
	/* IBM/DOS code pages under their usual spellings. */
	{ "ibm-866", "IBM866" }, { "dos-866", "IBM866" }, { "ibm-437", "IBM437" },
	{ "dos-437", "IBM437" }, { "ibm-850", "IBM850" }, { "dos-850", "IBM850" },
	{ "ibm-852", "IBM852" }, { "ibm-862", "IBM862" }, { "dos-862", "IBM862" },
	{ "ibm-864", "IBM864" }, { "dos-864", "IBM864" }, { "ibm00858", "IBM858" },
	{ "ibm-858", "IBM858" }, { "cp-850", "IBM850" }, { "cp-866", "IBM866" },
	/* East Asian labels as browsers read them. */
	{ "gb2312", "GBK" }, { "chinese", "GBK" }, { "csgb2312", "GBK" }, { "x-gbk", "GBK" },
	{ "iso-ir-58", "GBK" }, { "gb-2312", "GBK" }, { "cn-gb", "GBK" },
	{ "big5", "BIG5-HKSCS" }, { "cn-big5", "BIG5-HKSCS" }, { "csbig5", "BIG5-HKSCS" },
	{ "x-x-big5", "BIG5-HKSCS" }, { "shift-jis", "CP932" }, { "x-sjis", "CP932" },
	{ "sjis", "CP932" }, { "ms932", "CP932" }, { "windows-31j", "CP932" },
	{ "csshiftjis", "CP932" }, { "ms-kanji", "CP932" },
	{ "ks-c-5601-1987", "CP949" }, { "ks-c-5601-1989", "CP949" }, { "ksc5601", "CP949" },
	{ "ksc-5601", "CP949" }, { "korean", "CP949" }, { "csksc56011987", "CP949" },
	{ "iso-ir-149", "CP949" }, { "windows-949", "CP949" }, { "euc-kr", "CP949" },
	{ "cseuckr", "CP949" },
};

/* Lower case, trimmed of spaces and quotes, "_" as "-"; false if empty or long. */
static bool
normalise(const char *label, char *out, size_t size)
{
	size_t n = 0;
	while (*label == ' ' || *label == '\t' || *label == '"' || *label == '\'')
		label++;
	for (; *label && n + 1 < size; label++) {
		unsigned char c = (unsigned char)*label;
		out[n++] = c == '_' ? '-' : (char)tolower(c);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '"' ||
	    out[n - 1] == '\''))
		n--;
	out[n] = '\0';
	return n > 0 && *label == '\0';
}

static bool
iconv_knows(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

char *
charset_resolve(const char *label)
{
	char n[64], alt[80];
	const char *p;

	if (label == NULL || !normalise(label, n, sizeof n))
		return NULL;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		if (strcmp(n, aliases[i].label) == 0)
			return xstrdup(aliases[i].name);
	}
	if (iconv_knows(n))
		return xstrdup(n);
	/* "x-cp1251", "csWindows1251", "windows1251", "win-1251", "cp-1251". */
	p = n;
	if (strncmp(p, "x-", 2) == 0)
		p += 2;
	else if (strncmp(p, "cs", 2) == 0)
		p += 2;
	if (p != n && iconv_knows(p))
		return xstrdup(p);
	const char *digits = p;
	while (*digits && !isdigit((unsigned char)*digits))
		digits++;
	if (*digits && strspn(digits, "0123456789") == strlen(digits) && strlen(digits) == 4 &&
	    (strncmp(p, "windows", 7) == 0 || strncmp(p, "win", 3) == 0 ||
	    strncmp(p, "cp", 2) == 0) && digits[0] == '1' && digits[1] == '2') {
		snprintf(alt, sizeof alt, "WINDOWS-%s", digits);
		if (iconv_knows(alt))
			return xstrdup(alt);
	}
	if (strncmp(p, "ibm", 3) == 0 || strncmp(p, "cp", 2) == 0) {
		snprintf(alt, sizeof alt, "IBM%s", digits);
		if (*digits && iconv_knows(alt))
			return xstrdup(alt);
	}
	return NULL;
}
