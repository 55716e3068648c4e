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
