# mish-math: the two commands are `make demo` and `make test`; everything else is set-up they call.
SHELL        := /bin/bash
SWIFT        ?= swift
DEBIAN_PKGS  := libmpfr-dev libgmp-dev pkg-config
BIN_RELEASE  := .build/release/mish-math

.PHONY: demo test deps build build-release leakcheck check-kernels clean

# Installs the Debian packages that are missing (as root), or prints the exact install line and stops.
deps:
	@missing=""; \
	for p in $(DEBIAN_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "install them with:  sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release --product mish-math

demo: build-release
	$(BIN_RELEASE) report

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build -c release --product mish-math
	Tests/stress/bad-input.sh $(BIN_RELEASE)
	scripts/check-kernels.sh $(BIN_RELEASE)

# Runs the MishNumbers tests built with AddressSanitizer, whose LeakSanitizer fails the run (exit status
# non-zero, "detected memory leaks") when any allocation is left unfreed at exit. (valgrind 3.19 crashes
# on libdispatch's sigsuspend, so the sanitizer is the leak checker here.)
leakcheck: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=1 .build-asan/debug/mish-mathPackageTests.xctest \
	  --testing-library swift-testing --filter MishNumbersTests
	@echo "leakcheck: no leaks in the MishNumbers tests"

# Compiles every generated CUDA kernel with nvcc from PyPI (part of `make test`; skipped without pip access).
check-kernels: build-release
	scripts/check-kernels.sh $(BIN_RELEASE)

clean:
	rm -rf .build
