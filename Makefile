# audiobook: `make demo` and `make test` set up everything they need.
SWIFT ?= swift
APT_PACKAGES = libespeak-ng-dev espeak-ng-data pkg-config python3
BIN = .build/release/audiobook

.PHONY: demo test build release deps bench eval clean

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

# Renders nothing yet: prints the bundled example's attributed script.
demo: release
	@mkdir -p Output
	$(BIN) script Examples/lighthouse.md | tee Output/lighthouse.script.txt
	$(BIN) script Examples/lighthouse.md --format json > Output/lighthouse.json
	@echo "wrote Output/lighthouse.script.txt and Output/lighthouse.json"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Speed of `audiobook script` on a large manuscript (default: the largest dev novel).
MANUSCRIPT ?= ../shared/pdnc-dev/OliverTwist/novel_text.txt
bench: release
	scripts/bench-script.sh $(BIN) $(MANUSCRIPT)

# Attribution accuracy on the PDNC dev novels.
eval: release
	../shared/eval/run_pdnc.sh $(BIN)

clean:
	rm -rf .build
