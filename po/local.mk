# po: the interface's translations. English is the source language; each
# LINGUAS entry has po/LL.po, compiled by msgfmt into the build tree's
# po/locale/LL/LC_MESSAGES/newsreader.mo (where an uninstalled ./newsreader
# reads it, see src/util/i18n.c) and installed under $(localedir).
NR_LINGUAS = ar
NR_MO = po/locale/ar/LC_MESSAGES/$(PACKAGE).mo
EXTRA_DIST += po/ar.po po/POTFILES

# One rule per language (a pattern rule is a GNU make extension).
po/locale/ar/LC_MESSAGES/$(PACKAGE).mo: $(srcdir)/po/ar.po
	$(AM_V_GEN)$(MKDIR_P) po/locale/ar/LC_MESSAGES && \
	  $(MSGFMT) --check -o $@ $(srcdir)/po/ar.po

all-local: $(NR_MO)
clean-local: clean-local-po
clean-local-po:
	-rm -rf po/locale

install-data-local: $(NR_MO)
	@for l in $(NR_LINGUAS); do \
	  $(MKDIR_P) "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES" && \
	  echo " INSTALL $$l/LC_MESSAGES/$(PACKAGE).mo" && \
	  $(INSTALL_DATA) po/locale/$$l/LC_MESSAGES/$(PACKAGE).mo \
	    "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/$(PACKAGE).mo" || exit 1; \
	done
uninstall-local:
	@for l in $(NR_LINGUAS); do \
	  rm -f "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/$(PACKAGE).mo"; \
	done

# `make update-po`: the template from the sources named in po/POTFILES, then
# each catalog merged with it (new strings come in untranslated, and
# tests/po_complete.sh fails until they are translated).
update-po:
	cd $(srcdir) && $(XGETTEXT) --from-code=UTF-8 --language=C -k_ -kN_ -kP_:1,2 \
	  --add-comments=TRANSLATORS: --package-name=$(PACKAGE) \
	  -f po/POTFILES -o po/$(PACKAGE).pot
	for l in $(NR_LINGUAS); do \
	  $(MSGMERGE) --update --backup=none $(srcdir)/po/$$l.po $(srcdir)/po/$(PACKAGE).pot || exit 1; \
	done
.PHONY: update-po clean-local-po

# The Arabic locale the tests run under, generated into the build tree and
# found through LOCPATH (NR_AR_LOCPATH in the tests' environment): no root,
# no locale-gen, the same on a fresh CI machine. Needs the Debian package
# locales (its /usr/share/i18n sources).
NR_AR_LOCALE = tests/locale/ar_EG.UTF-8/LC_CTYPE
check_DATA = $(NR_AR_LOCALE)
$(NR_AR_LOCALE):
	$(AM_V_GEN)rm -rf tests/locale/ar_EG.UTF-8 && $(MKDIR_P) tests/locale && \
	  { $(LOCALEDEF) -i ar_EG -f UTF-8 tests/locale/ar_EG.UTF-8 >/dev/null 2>&1 || \
	    test -f $(NR_AR_LOCALE) || \
	    { echo "localedef -i ar_EG failed: install the Debian package locales" >&2; exit 1; }; }
clean-local-po-locale:
	-rm -rf tests/locale
clean-local: clean-local-po-locale

# The interface's translation: plural forms and digits (unit), and every
# view of the Arabic interface mirrored in tmux.
check_PROGRAMS += tests/i18n_test
tests_i18n_test_SOURCES = tests/i18n_test.c
tests_i18n_test_CFLAGS = $(TEST_CFLAGS)
tests_i18n_test_LDADD = $(TEST_LIBS)
TESTS += tests/i18n_test tests/tui_arabic_ui.sh tests/po_complete.sh
EXTRA_DIST += tests/tui_arabic_ui.sh tests/po_complete.sh
