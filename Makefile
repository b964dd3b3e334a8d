# audiobook: `make demo` and `make test` set up everything they need.
SWIFT ?= swift
APT_PACKAGES = libespeak-ng-dev espeak-ng-data pkg-config python3 sox ffmpeg pandoc
BIN = .build/release/audiobook

.PHONY: demo test build release deps bench eval fuzz clean

# System packages, installed with apt-get only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Renders the bundled example into Output/lighthouse/ and says where it is and how long.
demo: release
	@mkdir -p Output
	$(BIN) script Examples/lighthouse.md > Output/lighthouse.script.txt
	$(BIN) render Examples/lighthouse.md --output Output --m4b
	@echo "script: Output/lighthouse.script.txt"
	@ls -l Output/lighthouse/

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The soak run of the bytes-to-script fuzzer (a bounded run is part of `make test`).
FUZZ_ITERATIONS ?= 1000000
fuzz: deps
	AUDIOBOOK_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) $(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-fuzz --filter FuzzTests

# Speed of `audiobook script`, then of rendering beside `espeak-ng -w` (default: the largest dev novel).
MANUSCRIPT ?= ../shared/pdnc-dev/OliverTwist/novel_text.txt
bench: release
	@command -v espeak-ng >/dev/null || $(MAKE) deps APT_PACKAGES=espeak-ng
	@test -x /usr/bin/time || $(MAKE) deps APT_PACKAGES=time
	scripts/bench-script.sh $(BIN) $(MANUSCRIPT)
	scripts/bench-render.sh $(BIN) $(MANUSCRIPT)

# Attribution accuracy on the PDNC dev novels.
eval: release
	../shared/eval/run_pdnc.sh $(BIN)

clean:
	rm -rf .build
