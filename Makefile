# jaring: the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is a thin wrapper over scripts/ and CMake.

BUILD       ?= build
ASAN_BUILD  ?= build-asan
JOBS        ?= $(shell nproc)
BIND        ?= 127.0.0.1
PORT        ?= 8080
DB          ?= sqlite:var/jaring.db
BENCH       ?= quick
JARING      := $(BUILD)/src/app/jaring

# ccache: paths relative to the checkout, so a second clone (CI) reuses the cache.
export CCACHE_BASEDIR   := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: run test deps build build-app build-cxx build-web build-asan bench deb fmt clean

## run: install what is missing, build, serve the demo story (three regencies, two settled
## months, programs, a paid bill, claims; docs/demo.md) at http://$(BIND):$(PORT)
run: deps build-app build-web
	@mkdir -p var
	$(JARING) serve --bind $(BIND) --port $(PORT) --db $(DB) --demo-story

## test: install what is missing, build (normal + sanitizers), start a throw-away PostgreSQL, run every test
test: build build-asan
	scripts/run-tests.sh $(BUILD) $(ASAN_BUILD)

deps:
	@scripts/setup.sh

build: deps build-cxx build-web

build-cxx:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Only the executable: what `make run` needs (tests are built by `make test`).
build-app:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target jaring

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DJARING_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

build-web:
	@scripts/build-web.sh

## bench: the benchmarks of docs/benchmarks.md, quick (small sizes, minutes); BENCH=full for the
## sizes behind the documented figures. Results and logs in bench/out/$(BENCH).
bench: build
	bench/run-all.sh --$(BENCH) $(BUILD)

## deb: the Debian package, $(BUILD)/packages/jaring_<version>_<arch>.deb: the program, the web
## front end, the systemd unit and /etc/jaring/jaring.conf; installing it starts the service
## (docs/operations.md, "The Debian package")
deb: deps build-app build-web
	@cd $(BUILD) && cpack -G DEB -B packages >/dev/null
	@ls $(BUILD)/packages/*.deb

fmt:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) web/dist
