# `make run` opens Sanad on its demo vault; `make test` runs every check CI runs.
# Both create .venv and install what they need, Debian packages included.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Qt's offscreen and xcb platforms (the window), and an Arabic font for the app's Arabic.
QT_PACKAGES := libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xinerama0 libxkbcommon-x11-0 fonts-noto-core libpulse0
TEST_PACKAGES := openssh-client age poppler-utils $(QT_PACKAGES)
SCREENSHOT_PACKAGES := xvfb xauth $(QT_PACKAGES)
TRANSLATIONS := resources/i18n/sanad_ar.qm resources/i18n/sanad_en.qm

.PHONY: run test screenshots translations update-translations

run: APT_PACKAGES = $(QT_PACKAGES)
run: system-packages $(VENV)/.installed $(TRANSLATIONS)
	$(BIN)/sanad --demo

test: APT_PACKAGES = $(TEST_PACKAGES)
test: system-packages $(VENV)/.installed $(TRANSLATIONS)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

screenshots: APT_PACKAGES = $(SCREENSHOT_PACKAGES)
screenshots: system-packages $(VENV)/.installed $(TRANSLATIONS)
	xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb $(BIN)/python -m sanad.gui.screenshots screenshots/

translations: $(TRANSLATIONS)

# The catalogues' sources are every module under gui/ (lupdate 6 finds nothing given a folder); the
# English one holds plural forms only ("%n item(s)" -> "1 item", "3 items").
update-translations: $(VENV)/.installed
	$(BIN)/pyside6-lupdate $$(find desktop/sanad/gui -name '*.py' | sort) -no-obsolete -locations none \
		-target-language ar -ts resources/i18n/sanad_ar.ts
	$(BIN)/pyside6-lupdate $$(find desktop/sanad/gui -name '*.py' | sort) -no-obsolete -locations none \
		-pluralonly -target-language en_GB -ts resources/i18n/sanad_en.ts

resources/i18n/%.qm: resources/i18n/%.ts $(VENV)/.installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@

.PHONY: system-packages
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@
