# data: the bundled demo feeds, their comment feeds and the demo market data,
# installed under $(pkgdatadir)/demo (paths.c finds them there, or in the
# source tree's data/ before `make install`).
demodir = $(pkgdatadir)/demo
dist_demo_DATA = \
	data/demo/urls \
	data/demo/ar-crypto.xml \
	data/demo/en-tech.atom \
	data/demo/mixed.json \
	data/demo/market.json
democommentsdir = $(pkgdatadir)/demo/comments
dist_democomments_DATA = \
	data/demo/comments/ar-frog.xml \
	data/demo/comments/ar-orbitra.xml \
	data/demo/comments/ar-phishing.xml \
	data/demo/comments/en-bidi.atom \
	data/demo/comments/en-conditional-get.atom
