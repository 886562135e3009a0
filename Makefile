# mish-math: the two commands are `make demo` and `make test`; everything else is set-up they call.
SHELL        := /bin/bash
SWIFT        ?= swift
DEBIAN_PKGS  := libmpfr-dev libgmp-dev pkg-config
BIN_RELEASE  := .build/release/mish-math

.PHONY: demo test deps build build-release leakcheck check-kernels verify-exhaustive verify-reference accuracy-doc clean

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

# The exhaustive f32 sweeps of the shipped correctly-rounded kernels (mish forward, and f' as the backward
# kernel with dy = 1 plus a million random dy): every one of the 2^32 inputs must be correctly rounded
# (verify exits 3 otherwise). About 35 s (forward) and 45 s (f') per sweep on 2 cores.
verify-exhaustive: build-release
	$(BIN_RELEASE) verify --kernel forward --dtype f32
	$(BIN_RELEASE) verify --kernel backward --dtype f32

# The reference's fast paths against pure MPFR on two million inputs per function and format, f32 (the
# double enclosure; the test's slice is 20000) and f64 (the double-double enclosure; slice 6000), including
# every input a fast path leaves to MPFR (about 20 minutes: MPFR in a debug build).
verify-reference: deps
	$(SWIFT) build --build-tests
	MISH_REFERENCE_SAMPLES=2000000 $(SWIFT) test --skip-build --filter "fastPathAgreesWithMPFR|DoubleDoubleReferenceTests"

# docs/accuracy.md: every generated kernel verified exhaustively, both tiers (about 30 minutes).
accuracy-doc: build-release
	scripts/accuracy-doc.sh $(BIN_RELEASE) > docs/accuracy.md.new && mv docs/accuracy.md.new docs/accuracy.md

clean:
	rm -rf .build
