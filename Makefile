# SPDX-License-Identifier: GPL-3.0-or-later
# volunteer: an offline field log for rural-digitalisation volunteers.
# make            build ./volunteer (objects in build/)
# make check      unit and end-to-end tests under prove, then again under ASan/UBSan
# make run        start the program on the embedded demo (demo/)
# make bench      benchmarks (bench/), figures for BENCHMARKS.md
# make fuzz       each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS (clang; see RELIABILITY.md)
# make install    PREFIX=/usr/local DESTDIR=  (make uninstall: the same arguments)
# make deb        the Debian package (dpkg-buildpackage) in DEB_OUT, checked by lintian

VERSION   = 0.1.0
# The day of the sources (SOURCE_DATE_EPOCH, else the last commit, else today): a clock
# earlier than that is broken, and the program refuses to date records with it.
BUILD_DATE := $(shell date -u -d @$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)} +%Y-%m-%d 2>/dev/null)
PREFIX   ?= /usr/local
BUILD    ?= build
CC       ?= cc
# The program links the light libraries only; sync (libgit2, 1.6 ms), PDF (pango/cairo,
# 2.3 ms) and the screens (curses) live in modules loaded by the commands that need them,
# each behind one versioned struct of entry points (see core/module.h).
BASE_PKGS = sqlite3 jansson
TUI_PKGS  = ncursesw
GIT_PKGS  = libgit2 libssh2 openssl zlib
PDF_PKGS  = pangocairo cairo-pdf librsvg-2.0
PKGS      = $(BASE_PKGS) $(TUI_PKGS) $(GIT_PKGS) $(PDF_PKGS)
WARN      = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wwrite-strings -Wno-unused-parameter
# CPPFLAGS, CFLAGS and LDFLAGS are the builder's (dpkg-buildflags sets them for the
# hardening: _FORTIFY_SOURCE, -fstack-protector-strong, -z relro -z now); what the
# program needs to build is added to them, never instead of them.
CPPFLAGS ?=
CFLAGS   ?= -O2 -g
SANFLAGS  =
# The build tree's path stays out of the binaries (debug information, __FILE__): an
# installed program holds no trace of where it was built.
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) \
	-ffile-prefix-map=$(CURDIR)=. \
	$(shell pkg-config --cflags $(PKGS)) -I. -I$(BUILD) \
	-fPIC -DVOLUNTEER_VERSION='"$(VERSION)"' -DVOLUNTEER_BUILD_DATE='"$(BUILD_DATE)"' -DLOCALEDIR='"$(PREFIX)/share/locale"' \
	-DMODULEDIR='"$(PREFIX)/lib/volunteer"' -DMODULE_BUILD_SUBDIR='"$(BUILD)"'
BASE_LIBS = $(shell pkg-config --libs $(BASE_PKGS)) -liniparser -lm -ldl
# The program takes SQLite from its static archive (libsqlite3-dev's libsqlite3.a, the
# same release as the shared library): the loader then binds none of SQLite's 1,500 own
# symbols at each start, a fifth of an add's instructions (BENCHMARKS.md, "2 December,
# afternoon"). SQLITE_LINK=shared links the shared library instead; tests and benchmarks
# link it so. debian/rules records the release in Built-Using.
SQLITE_LINK ?= static
ifeq ($(SQLITE_LINK),static)
PROGRAM_LIBS = -l:libsqlite3.a $(filter-out -lsqlite3,$(BASE_LIBS)) -lpthread
else
PROGRAM_LIBS = $(BASE_LIBS)
endif
TUI_LIBS  = $(shell pkg-config --libs $(TUI_PKGS))
GIT_LIBS  = $(shell pkg-config --libs $(GIT_PKGS))
PDF_LIBS  = $(shell pkg-config --libs $(PDF_PKGS))
LIBS      = $(BASE_LIBS) $(TUI_LIBS) $(GIT_LIBS) $(PDF_LIBS)
LDFLAGS  ?=

# Sources by where they end up: the program (everything but the three modules' code), the
# git module (sync/ but the few parts that need no git), the PDF module (the PDFs and
# their shared drawing, report/pdf_common.c), the screens module (tui/ but app.c, which
# the command line opens the store with).
GIT_MODULE_SRC = $(filter-out sync/url.c,$(wildcard sync/*.c))
PDF_MODULE_SRC = report/summary_pdf.c report/pdf_common.c report/programme_pdf.c
SCREENS_MODULE_SRC = $(filter-out tui/app.c,$(wildcard tui/*.c))
PROGRAM_SRC = $(wildcard core/*.c) $(wildcard forms/*.c) \
	$(filter-out $(GIT_MODULE_SRC),$(wildcard sync/*.c)) \
	$(filter-out $(PDF_MODULE_SRC),$(wildcard report/*.c)) \
	tui/app.c $(filter-out cli/main.c,$(wildcard cli/*.c))
FORM_INI   = $(wildcard forms/*.ini)

PROGRAM_OBJ    = $(PROGRAM_SRC:%.c=$(BUILD)/%.o) $(BUILD)/forms_embedded.o \
	$(BUILD)/forms_compiled.o
GIT_MODULE_OBJ = $(GIT_MODULE_SRC:%.c=$(BUILD)/%.o)
PDF_MODULE_OBJ = $(PDF_MODULE_SRC:%.c=$(BUILD)/%.o)
SCREENS_MODULE_OBJ = $(SCREENS_MODULE_SRC:%.c=$(BUILD)/%.o)
MODULES  = $(BUILD)/modules/volunteer-git.so $(BUILD)/modules/volunteer-pdf.so \
	$(BUILD)/modules/volunteer-screens.so
# Tests and benchmarks link everything in, the modules' code included.
TEST_LIBS = $(BUILD)/libvolunteer.a $(BUILD)/libvolunteer-modules.a
TEST_SRC = $(wildcard tests/t*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.t)
BENCH_SRC = $(wildcard bench/*.c)
BENCH_BIN = $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
MO       = $(patsubst po/%.po,$(BUILD)/locale/%/LC_MESSAGES/volunteer.mo,$(wildcard po/*.po))

# The bash completion is written by the program from its command table.
COMPLETION = $(BUILD)/completion/volunteer

all: volunteer$(SUFFIX) $(MODULES) $(MO) $(COMPLETION)

$(COMPLETION): volunteer$(SUFFIX)
	@mkdir -p $(dir $@)
	./volunteer$(SUFFIX) completion bash > $@.tmp && mv $@.tmp $@

# The program's functions are exported (-rdynamic) for the modules, which call the store,
# the forms and the text rules of the program they were built with.
link_program = $(CC) $(ALL_CFLAGS) $(LDFLAGS) -rdynamic -o $@ $(BUILD)/cli/main.o \
	  -Wl,--whole-archive $(BUILD)/libvolunteer.a -Wl,--no-whole-archive $(1)
volunteer$(SUFFIX): $(BUILD)/cli/main.o $(BUILD)/libvolunteer.a
	$(call link_program,$(PROGRAM_LIBS))

# The same program with SQLite's shared library, for the fault shim's sweep of SQLite's
# own allocations (t0716), which it tells by the library their call comes from.
SQLITE_SHARED_PROGRAM = $(BUILD)/tests/volunteer-sqlite-shared
$(SQLITE_SHARED_PROGRAM): $(BUILD)/cli/main.o $(BUILD)/libvolunteer.a
	@mkdir -p $(dir $@)
	$(call link_program,$(BASE_LIBS))

$(BUILD)/libvolunteer.a: $(PROGRAM_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libvolunteer-modules.a: $(GIT_MODULE_OBJ) $(PDF_MODULE_OBJ) $(SCREENS_MODULE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/modules/volunteer-git.so: $(GIT_MODULE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(GIT_LIBS)

$(BUILD)/modules/volunteer-pdf.so: $(PDF_MODULE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(PDF_LIBS)

$(BUILD)/modules/volunteer-screens.so: $(SCREENS_MODULE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-Bsymbolic -o $@ $^ $(TUI_LIBS)

$(BUILD)/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The default forms are compiled into the binary from forms/*.ini: one source.
$(BUILD)/forms_embedded.c: $(FORM_INI) forms/embed.sh
	@mkdir -p $(BUILD)
	sh forms/embed.sh $(FORM_INI) > $@.tmp && mv $@.tmp $@

$(BUILD)/forms_embedded.o: $(BUILD)/forms_embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The same forms already parsed (forms/embedded.h), written by a tool linked with the
# program's own objects of forms/ and core/: its parse is the program's.
FORMS_COMPILE = $(BUILD)/forms-compile
FORMS_COMPILE_OBJ = $(filter $(BUILD)/core/% $(BUILD)/forms/%,$(PROGRAM_OBJ)) \
	$(BUILD)/forms_embedded.o
$(FORMS_COMPILE): forms/tool/compile-forms.c $(FORMS_COMPILE_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(FORMS_COMPILE_OBJ) $(PROGRAM_LIBS)

$(BUILD)/forms_compiled.c: $(FORMS_COMPILE)
	ASAN_OPTIONS=detect_leaks=0 ./$(FORMS_COMPILE) > $@.tmp && mv $@.tmp $@

$(BUILD)/forms_compiled.o: $(BUILD)/forms_compiled.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.t: tests/%.c tests/tap.h $(TEST_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--start-group $(TEST_LIBS) -Wl,--end-group $(LIBS)

# The fuzz targets' replay (t0700) includes their sources; it and t0356 write packs by
# hand (tests/packwrite.h).
$(BUILD)/tests/t0700-fuzz-replay.t: $(wildcard tests/fuzz/*.c tests/fuzz/*.h) tests/packwrite.h tests/testlib.h
$(BUILD)/tests/t0356-packfile-reader.t: tests/packwrite.h

$(BUILD)/bench/%: bench/%.c $(TEST_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--start-group $(TEST_LIBS) -Wl,--end-group $(LIBS)

$(BUILD)/locale/%/LC_MESSAGES/volunteer.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt -c -o $@ $<

# The fault shim (tests/fault/, LD_PRELOAD): never sanitized, since ASan owns malloc.
FAULT_SHIM = $(BUILD)/tests/libfault.so
$(FAULT_SHIM): tests/fault/fault.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 -g -fPIC -shared -o $@ $< -ldl

# The shell tests' look at the search index (tests/search-astray.c).
SEARCH_ASTRAY = $(BUILD)/tests/search-astray
$(SEARCH_ASTRAY): tests/search-astray.c tests/testlib.h $(TEST_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--start-group $(TEST_LIBS) -Wl,--end-group $(LIBS)

tests: $(TEST_BIN) $(FAULT_SHIM) $(SQLITE_SHARED_PROGRAM) $(SEARCH_ASTRAY) volunteer$(SUFFIX) \
	  $(MODULES) $(MO)

# Unit tests (C) and end-to-end tests (shell, driving ./volunteer, git and tmux).
check: all check-layers tests
	VOLUNTEER=$(CURDIR)/volunteer VOLUNTEER_LOCALEDIR=$(CURDIR)/$(BUILD)/locale \
	  TEST_BUILD=$(CURDIR)/$(BUILD) prove -j2 --exec '' $(TEST_BIN:%=./%) $(addprefix ./,$(wildcard tests/t*.t))
	$(MAKE) check-asan

# The same tests once more under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan:
	$(MAKE) BUILD=build-asan SUFFIX=-asan CFLAGS='-O1 -g' \
	  SANFLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	VOLUNTEER=$(CURDIR)/volunteer-asan VOLUNTEER_LOCALEDIR=$(CURDIR)/build-asan/locale \
	  TEST_BUILD=$(CURDIR)/build-asan VOLUNTEER_SANITIZED=1 \
	  prove -j2 --exec '' $(addprefix ./build-asan/tests/,$(notdir $(TEST_BIN))) $(addprefix ./,$(wildcard tests/t*.t))

# Every arrow of DESIGN.md's drawing and every library in its files: the table is in the script.
check-layers:
	@sh tests/check-layers.sh

# The long runs (tests/stress/: kills, fault sweeps, the set test), then valgrind.
stress: all tests
	VOLUNTEER=$(CURDIR)/volunteer TEST_BUILD=$(CURDIR)/$(BUILD) STRESS=1 \
	  VOLUNTEER_LOCALEDIR=$(CURDIR)/$(BUILD)/locale \
	  prove --exec '' $(addprefix ./,$(wildcard tests/stress/*.t))
	$(MAKE) stress-valgrind

# The command-line tests with the program under valgrind's memcheck (tests/valgrind/): a
# memory error or a leak is exit 99, a failed test; each run's report in build/valgrind/.
VALGRIND_TESTS ?= t0200-cli t0207-cli-short-ids t0208-municipality-fold t0310-sync-local \
	t0320-sync-receipt t0610-report-cli t0620-export
stress-valgrind: all tests
	rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	VOLUNTEER=$(CURDIR)/tests/valgrind/volunteer.sh VALGRIND_PROGRAM=$(CURDIR)/volunteer \
	  VALGRIND_LOGS=$(CURDIR)/$(BUILD)/valgrind VOLUNTEER_LOCALEDIR=$(CURDIR)/$(BUILD)/locale \
	  TEST_BUILD=$(CURDIR)/$(BUILD) prove --exec '' $(VALGRIND_TESTS:%=./tests/%.t)
	@if grep -l . $(BUILD)/valgrind/*.log 2>/dev/null; then \
	  echo "valgrind reported the runs above"; exit 1; fi

bench: all $(BENCH_BIN)
	VOLUNTEER=$(CURDIR)/volunteer BENCH_BUILD=$(CURDIR)/$(BUILD) sh bench/run.sh

# libFuzzer: the sources built by clang in build-fuzz/ (which also keeps the corpora that
# grow, the crashes and the logs), each target run in turn for FUZZ_SECONDS with its seeds
# (tests/fuzz/corpus/<target>/) and a dictionary. A crash stops the run: its input, under
# build-fuzz/crash/, goes to tests/fuzz/regressions/<target>/ once fixed.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= record review form config dates sanitize export merge import lean pack store
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz-build:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS='-O1 -g' SANFLAGS='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' \
	  $(FUZZ_TARGETS:%=build-fuzz/bin/fuzz_%)

$(BUILD)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/testlib.h $(TEST_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< -Wl,--start-group $(TEST_LIBS) -Wl,--end-group $(LIBS)

fuzz: fuzz-build
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t build-fuzz/crash build-fuzz/log; \
	  case $$t in form|config) d=ini;; pack) d=pack;; *) d=json;; esac; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s, log in build-fuzz/log/$$t.log"; \
	  ASAN_OPTIONS=detect_leaks=1 build-fuzz/bin/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=1024 -dict=tests/fuzz/$$d.dict -artifact_prefix=build-fuzz/crash/$$t- \
	    -print_final_stats=1 build-fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	    > build-fuzz/log/$$t.log 2>&1 || { tail -40 build-fuzz/log/$$t.log; exit 1; }; \
	  grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss' build-fuzz/log/$$t.log; \
	done

# Start the program on the embedded default: a demo folder with a config, a database
# and a local bare shared repository. No server needed.
run: all
	sh tui/demo.sh ./volunteer

# Where `make install` puts each part, from PREFIX as given at install time: the program
# finds its modules and catalogues beside itself (../lib/volunteer, ../share/locale).
bindir      = $(PREFIX)/bin
moduledir   = $(PREFIX)/lib/volunteer
mandir      = $(PREFIX)/share/man
localedir   = $(PREFIX)/share/locale
docdir      = $(PREFIX)/share/doc/volunteer
bashcompdir = $(PREFIX)/share/bash-completion/completions
DOCS        = README.md volunteer.ini.example $(wildcard HOSTING.md)
LANGS       = $(patsubst po/%.po,%,$(wildcard po/*.po))
# Every folder install writes into, deepest first: uninstall removes those left empty, up
# to PREFIX and never above it.
INSTALL_DIRS = $(LANGS:%=$(localedir)/%/LC_MESSAGES) $(LANGS:%=$(localedir)/%) \
	$(localedir) $(mandir)/man1 $(mandir) $(bashcompdir) $(PREFIX)/share/bash-completion \
	$(docdir) $(PREFIX)/share/doc $(PREFIX)/share $(moduledir) $(PREFIX)/lib $(bindir) $(PREFIX)

install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(moduledir) $(DESTDIR)$(mandir)/man1 \
	  $(DESTDIR)$(docdir) $(DESTDIR)$(bashcompdir)
	install -m 755 volunteer$(SUFFIX) $(DESTDIR)$(bindir)/volunteer
	install -m 644 $(MODULES) $(DESTDIR)$(moduledir)/
	install -m 644 man/volunteer.1 $(DESTDIR)$(mandir)/man1/volunteer.1
	install -m 644 $(DOCS) $(DESTDIR)$(docdir)/
	install -m 644 $(COMPLETION) $(DESTDIR)$(bashcompdir)/volunteer
	for lang in $(LANGS); do \
	  install -d $(DESTDIR)$(localedir)/$$lang/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$lang/LC_MESSAGES/volunteer.mo \
	    $(DESTDIR)$(localedir)/$$lang/LC_MESSAGES/volunteer.mo || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(bindir)/volunteer $(DESTDIR)$(mandir)/man1/volunteer.1 \
	  $(DESTDIR)$(bashcompdir)/volunteer $(addprefix $(DESTDIR)$(moduledir)/,$(notdir $(MODULES))) \
	  $(addprefix $(DESTDIR)$(docdir)/,$(notdir $(DOCS))) \
	  $(LANGS:%=$(DESTDIR)$(localedir)/%/LC_MESSAGES/volunteer.mo)
	for d in $(INSTALL_DIRS); do \
	  if [ -d "$(DESTDIR)$$d" ]; then rmdir "$(DESTDIR)$$d" 2>/dev/null || :; fi; done

# The Debian package, built as Debian builds it (debian/rules, in build-deb/), into
# DEB_OUT with its .changes and .buildinfo; then lintian, which fails on an error or a
# warning.
DEB_OUT  ?= dist
DEB_ARCH  = $(shell dpkg --print-architecture 2>/dev/null)
DEB_NAME  = volunteer_$(shell dpkg-parsechangelog -S Version 2>/dev/null)_$(DEB_ARCH)
deb:
	@mkdir -p $(DEB_OUT)
	VOLUNTEER_DEB_OUT=$(abspath $(DEB_OUT)) dpkg-buildpackage -us -uc -b \
	  --buildinfo-option=-u$(abspath $(DEB_OUT)) --changes-option=-u$(abspath $(DEB_OUT)) \
	  --buildinfo-file=$(abspath $(DEB_OUT))/$(DEB_NAME).buildinfo \
	  --changes-file=$(abspath $(DEB_OUT))/$(DEB_NAME).changes
	lintian --fail-on error,warning $(DEB_OUT)/$(DEB_NAME).changes

pot:
	xgettext --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=CT_:2c,3 --from-code=UTF-8 --add-comments=TRANSLATORS -o po/volunteer.pot */*.c

clean:
	rm -rf build build-asan build-fuzz build-deb volunteer volunteer-asan volunteer-deb

.PHONY: all check check-asan check-layers tests stress stress-valgrind bench fuzz fuzz-build \
	run install uninstall deb pot clean
