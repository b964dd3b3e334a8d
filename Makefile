# audiobook: `make demo` and `make test` set up everything they need.
SWIFT ?= swift
APT_PACKAGES = libespeak-ng-dev espeak-ng-data pkg-config python3 sox ffmpeg pandoc epubcheck parallel
BIN = .build/release/audiobook

PREFIX ?= /usr/local

.PHONY: demo test build release deps pydeps bench eval eval-fitted fuzz clean install uninstall readme lint format review-shots

# System packages, installed with apt-get only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Python packages from PyPI, installed with pip only when missing: selenium drives Chromium in the review page's test.
PIP_PACKAGES = selenium
# with Debian's Chromium and its driver (only tests, benchmarks and screenshots need them).
BROWSER_PACKAGES = chromium chromium-driver
pydeps: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(BROWSER_PACKAGES)"
	@for p in $(PIP_PACKAGES); do python3 -c "import $$p" 2>/dev/null || { python3 -m pip install -q --root-user-action=ignore $$p || \
	  python3 -m pip install -q --root-user-action=ignore --break-system-packages $$p; }; done

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Renders the bundled example into Output/lighthouse/ and says where it is and how long.
demo: release
	@mkdir -p Output
	$(BIN) script Examples/lighthouse.md > Output/lighthouse.script.txt
	$(BIN) render Examples/lighthouse.md --output Output --m4b --epub
	@echo "script: Output/lighthouse.script.txt"
	@ls -l Output/lighthouse/

# swift format (it ships with the toolchain), configured by .swift-format; `make format` applies it.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

test: deps pydeps lint
	$(SWIFT) build --build-tests
	scripts/test-install.sh
	@test -d ../shared/pdnc-dev || echo "corpus tests: not run (they need ../shared/pdnc-dev beside the checkout; they are listed as skipped below)"
	$(SWIFT) test --skip-build

# The binary, shell completions (bash, zsh, fish) and a man page, under $(PREFIX) (default /usr/local).
install: release
	$(SWIFT) package generate-manual >/dev/null
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/audiobook
	install -m 644 .build/plugins/GenerateManual/outputs/audiobook/audiobook.1 $(DESTDIR)$(PREFIX)/share/man/man1/audiobook.1
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/audiobook
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_audiobook
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/audiobook.fish
	@echo "installed $(DESTDIR)$(PREFIX)/bin/audiobook (man audiobook; completions for bash, zsh and fish)"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/audiobook $(DESTDIR)$(PREFIX)/share/man/man1/audiobook.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/audiobook $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_audiobook \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/audiobook.fish

# Rewrites the outputs shown in README.md from the tool as it is now (`make test` checks them).
readme: release
	scripts/readme-examples.py --update

# The soak run of the bytes-to-script fuzzer (a bounded run is part of `make test`).
FUZZ_ITERATIONS ?= 1000000
fuzz: deps
	AUDIOBOOK_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) $(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-fuzz --filter FuzzTests

# Speed of `audiobook script`, then of rendering beside `espeak-ng -w` (default: the largest dev novel).
MANUSCRIPT ?= ../shared/pdnc-dev/OliverTwist/novel_text.txt
# The path to an M4B and to the read-along EPUB (default: PrideAndPrejudice).
M4B_MANUSCRIPT ?= ../shared/pdnc-dev/PrideAndPrejudice/novel_text.txt
bench: release pydeps
	@command -v espeak-ng >/dev/null || $(MAKE) deps APT_PACKAGES=espeak-ng
	@test -x /usr/bin/time || $(MAKE) deps APT_PACKAGES=time
	@command -v parallel >/dev/null || $(MAKE) deps APT_PACKAGES=parallel
	scripts/bench-script.sh $(BIN) $(MANUSCRIPT)
	scripts/bench-render.sh $(BIN) $(MANUSCRIPT)
	scripts/bench-shards.sh $(BIN) $(MANUSCRIPT)
	scripts/bench-m4b.sh $(BIN) $(M4B_MANUSCRIPT)
	scripts/bench-epub.sh $(BIN) $(M4B_MANUSCRIPT)
	scripts/bench-review.py $(BIN) Examples/lighthouse.md Examples/lighthouse.cast.yaml $(M4B_MANUSCRIPT)

# Screenshots of the review page for the README (docs/review.png, docs/review-doubt.png), taken in headless Chromium.
review-shots: release pydeps
	scripts/review-browser-test.py $(BIN) Examples/lighthouse.md --cast Examples/lighthouse.cast.yaml --voices Voices --screenshots docs

# Attribution accuracy on the PDNC dev novels: per novel, then pooled over the first six, the last eight and all.
eval: release
	rm -rf .build/eval-scores
	SCORES_DIR=.build/eval-scores ../shared/eval/run_pdnc.sh $(BIN)
	scripts/eval-summary.py .build/eval-scores ../shared/pdnc-dev/README.md

# The exchange decoder's weights fitted from the dev novels, measured leave-one-novel-out: each novel is
# attributed with the weights fitted on the other thirteen (.build/fit/loo/NOVEL.json); .build/fit/all.json
# is the set fitted on all fourteen (use it with --attribution-weights).
eval-fitted: release
	scripts/fit-attribution.py $(BIN) --examples .build/fit/examples --leave-one-out .build/fit/loo --out .build/fit/all.json
	rm -rf .build/eval-loo
	AUDIOBOOK=$(abspath $(BIN)) WEIGHTS_DIR=$(abspath .build/fit/loo) SCORES_DIR=.build/eval-loo ../shared/eval/run_pdnc.sh scripts/loo-audiobook
	scripts/eval-summary.py .build/eval-loo ../shared/pdnc-dev/README.md

clean:
	rm -rf .build
