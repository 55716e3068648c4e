/*
 * Translation of the interface (gettext, domain "newsreader"). English is
 * the source language; po/ar.po carries Arabic. Strings for the user are
 * wrapped in _() where they are used, N_() where they sit in a table and are
 * translated when shown.
 */
#ifndef NR_UTIL_I18N_H
#define NR_UTIL_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) s
/* A plural message: English gives the singular and the plural, the
 * catalog as many forms as its language has (Arabic six). */
#define P_(one, many, n) ngettext((one), (many), (unsigned long)(n))

/*
 * Bind the text domain after setlocale(): to the catalogs of the build
 * tree when this binary runs from its build directory (not installed),
 * else to the installed $(localedir).
 */
void i18n_init(void);
/* The directory the catalogs are read from (for tests and messages). */
const char *i18n_localedir(void);
/* True when a right-to-left catalog is in use (its header names Arabic):
 * then the chrome's labels are right-to-left paragraphs. */
bool i18n_rtl(void);
/* True when the Arabic catalog is in use (digits auto: Arabic-Indic). */
bool i18n_arabic(void);

#endif
