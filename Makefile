# onroll - build, test, run. `make run` installs what is missing, builds, creates the demo
# database when absent and serves it; `make test` installs what is missing, builds and runs
# every test; `make asan` runs them again under AddressSanitizer + UndefinedBehaviorSanitizer.

CC      ?= cc
PKGS    := sqlite3 libpq jansson libmicrohttpd libxml-2.0 libsodium libcurl pwquality liboath
TEST_PKGS := cmocka
BUILD   ?= build
CFLAGS  ?= -O2 -g

# The packages' flags come from $(BUILD)/config.mk, which tools/config.sh writes from pkg-config
# after tools/deps.sh has installed whatever is missing. make builds that file before anything
# else (and then starts again, reading it), so the first `make`, `make run` or `make test` on a
# fresh clone installs first and compiles after, never with flags found before the install.
# It is made again when this Makefile or deps.sh changes (a package added to either).
NO_CONFIG_GOALS := clean format format-check deps
ifeq ($(MAKECMDGOALS),)
include $(BUILD)/config.mk
else ifneq ($(filter-out $(NO_CONFIG_GOALS),$(MAKECMDGOALS)),)
include $(BUILD)/config.mk
endif

override CFLAGS  += -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter -Iinclude -Isrc $(PKG_CFLAGS)
override LDLIBS  += $(PKG_LIBS) -lcsv -lm -lpthread
TEST_LDLIBS = $(PKG_TEST_LIBS)

LIB_SRC := $(wildcard src/core/*.c src/html/*.c src/demo/*.c src/rules/*.c src/store/*.c src/ingest/*.c src/report/*.c src/web/*.c src/notify/*.c src/model/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test unit e2e asan fuzz bench format format-check clean demo

ASSETS := $(BUILD)/static/.built

all: $(BUILD)/onroll $(UNIT_BIN) $(ASSETS)

# GOV.UK Frontend (npm) and our own static files, copied in at build time: no CDN.
$(ASSETS): tools/build_assets.sh package-lock.json $(wildcard web/static/*/*)
	@echo "  ASSETS  $(BUILD)/static"
	@sh tools/build_assets.sh $(BUILD)/static >/dev/null && touch $@

deps:
	@sh tools/deps.sh

$(BUILD)/config.mk: Makefile tools/deps.sh tools/config.sh
	@sh tools/deps.sh
	@mkdir -p $(dir $@)
	@sh tools/config.sh "$(PKGS)" "$(TEST_PKGS)" >$@.tmp && mv $@.tmp $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# Migrations are compiled in: each .sql file becomes one string in a table, in order.
$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed_sql.sh
	@mkdir -p $(dir $@)
	@sh tools/embed_sql.sh $(MIGRATIONS) > $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	@$(CC) $(CFLAGS) -c $< -o $@

# The build-time check of escaping (tools/htmlcheck.c, after Fossil's codecheck1): every
# html_printf call in src/ is read; one that could write data unescaped stops the build with
# its file and line, before the library is put together.
$(BUILD)/tools/htmlcheck: tools/htmlcheck.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/htmlcheck.ok: $(BUILD)/tools/htmlcheck $(wildcard src/*/*.c)
	@echo "  CHECK   html_printf calls"
	@$(BUILD)/tools/htmlcheck $(filter %.c,$^) && touch $@

$(BUILD)/libonroll.a: $(LIB_OBJ) | $(BUILD)/htmlcheck.ok
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(BUILD)/onroll: $(CLI_OBJ) $(BUILD)/libonroll.a
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libonroll.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libonroll.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -MMD -MP -o $@ $< $(BUILD)/libonroll.a $(LDFLAGS) $(LDLIBS) $(TEST_LDLIBS)

run: all
	@sh tools/run.sh

test: all
	@BUILD=$(BUILD) sh tests/run.sh

unit: $(UNIT_BIN)
	@BUILD=$(BUILD) ONLY=unit sh tests/run.sh

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test

fuzz:
	@PKG_CFLAGS="$(PKG_CFLAGS)" PKG_LIBS="$(PKG_LIBS)" sh tests/fuzz/run.sh

# Benchmarks (never part of `make test`): import speed, then web latency under load (wrk).
bench: all
	@sh bench/import.sh
	@sh bench/web.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)
