# src/util: allocation, buffers, logging (dates and URLs are listed by their owners)
libnewsreader_a_SOURCES += \
	src/util/xalloc.c src/util/xalloc.h \
	src/util/buf.c src/util/buf.h \
	src/util/log.c src/util/log.h \
	src/util/logfile.c src/util/logfile.h
libnewsreader_a_SOURCES += src/util/utf8.c src/util/utf8.h
# Translation (gettext) and the interface's Arabic-Indic digits (issue 13).
libnewsreader_a_SOURCES += src/util/i18n.c src/util/i18n.h src/util/digits.c src/util/digits.h
# JSON from elsewhere: NUL accepted and dropped (issue 18).
libnewsreader_a_SOURCES += src/util/json.c src/util/json.h
