# Tawsim: two commands on a fresh Debian/Ubuntu machine with Go and make.
#   make run   installs what is missing and starts the app on the sample corpus
#   make test  installs what is missing and runs every check CI runs
GO ?= go
DB ?=

# Fyne parses $LANG as a language tag; "C" and "POSIX" are not one and it
# logs an error at every start, so those become English.
ifeq ($(filter-out C C.UTF-8 C.utf8 POSIX,$(LANG)),)
export LANG := en_US.UTF-8
endif

.PHONY: run test deps vet fmt build bench smoke clean

run: deps
	$(GO) run ./cmd/tawsim --samples $(if $(DB),--db $(DB))

# The tests get a private PostgreSQL for pgstore (scripts/pg.sh: a temporary
# folder, a Unix socket, no network), stopped afterwards even when they fail.
# Without one, pgstore's tests start their own, or skip saying why.
test: deps vet fmt
	@if pg=$$(./scripts/pg.sh start); then \
		trap './scripts/pg.sh stop "$$pg"' EXIT; trap 'exit 130' INT TERM; \
		echo "TAWSIM_TEST_PG=$$pg"; export TAWSIM_TEST_PG="$$pg"; \
	fi; \
	TAWSIM_REQUIRE_REFERENCES=1 $(GO) test -race -count=1 ./...
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/tawsimctl

deps:
	@./scripts/deps.sh
	@./scripts/deps.sh readers
	@./scripts/deps.sh pg

vet:
	$(GO) vet ./...

fmt:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi

build: deps
	mkdir -p bin
	$(GO) build -o bin/tawsim ./cmd/tawsim
	CGO_ENABLED=0 $(GO) build -o bin/tawsimctl ./cmd/tawsimctl

bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

smoke: build
	@./scripts/deps.sh smoke
	./scripts/smoke.sh

clean:
	rm -rf bin
