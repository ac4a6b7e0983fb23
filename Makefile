# The two commands a newcomer needs: `make run` and `make test`. Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

QM := outlet_pos/i18n/outlet_pos_id.qm

.PHONY: run test lint bench soak clean translations package package-test mutation

$(STAMP): pyproject.toml
	@echo "Installing Outlet POS and its tools into $(VENV) (details in $(VENV)/install.log)..."
	@$(PYTHON) -m venv $(VENV)
	@# pip and setuptools print hundreds of build warnings: they go to the log, shown on failure.
	@$(BIN)/python -m pip install --quiet --upgrade pip > $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -m pip install --quiet -e '.[dev]' >> $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

# Qt's compiled translations, from the committed Qt Linguist source.
$(QM): outlet_pos/i18n/outlet_pos_id.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# The demo's virtual scale speaks SCALE (stream, mettler-8217 or cas-pd2): make run SCALE=...
SCALE ?= stream
run: $(STAMP) $(QM)
	sh tools/ensure_qt_libs.sh $(BIN)/python desktop
	$(BIN)/outlet-pos demo --scale-protocol $(SCALE)

# mypy: strict on domain, services and protocol, default on the rest but ui/ ([tool.mypy]
# in pyproject.toml); a warm cache makes it a matter of seconds.
lint: $(STAMP)
	$(BIN)/ruff check outlet_pos tests benchmarks tools
	$(BIN)/mypy

# What the tests need beside Python (each script says what it installs, and never fails).
TEST_TOOLS = sh tools/ensure_postgres.sh && sh tools/ensure_haproxy.sh && \
	sh tools/ensure_xsession.sh && sh tools/ensure_poppler.sh && sh tools/ensure_chromium.sh && \
	sh tools/ensure_qt_libs.sh $(BIN)/python

# Two workers (the machine's two cores; TEST_WORKERS=0 runs in one process), each taking
# whole test files, so a file's module fixtures are built once. Many tests wait on
# subprocesses, servers and timers rather than the CPU: the second worker uses that time.
TEST_WORKERS ?= 2
test: $(STAMP) $(QM) lint
	$(TEST_TOOLS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# "all": the long fleet benchmark too, on the loopback deployment (PostgreSQL, PgBouncer,
# HAProxy: installed like make test's).
bench: $(STAMP)
	sh tools/ensure_postgres.sh && sh tools/ensure_haproxy.sh
	$(BIN)/python -m benchmarks all

# Installers (not part of make test): the PyInstaller one-folder bundle, the .deb, and the
# Windows NSIS script compiled against a stand-in folder (the real Windows bundle is frozen on
# Windows: .github/workflows/windows-installer.yml). See docs/technician.md.
package: $(STAMP) $(QM)
	sh installers/ensure_tools.sh
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	rm -rf build/pyinstaller dist/outlet-pos
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		installers/pyinstaller/outlet-pos.spec
	sh installers/linux/build_deb.sh dist/outlet-pos dist
	sh installers/windows/build_nsis.sh

# Installs the .deb on this machine (root), checks the installed app, removes it.
package-test: package
	sh installers/linux/test_install.sh

# The long mode of tests/reliability (docs/reliability.md): thousands of faults; its figures
# replace the table in docs/reliability.md. Then every test marked `soak` elsewhere (the long
# runs make test skips).
soak: $(STAMP) $(QM)
	$(TEST_TOOLS)
	mkdir -p build && rm -f build/reliability.jsonl
	OUTLET_POS_SOAK=1 OUTLET_POS_RESULTS=build/reliability.jsonl QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest tests/reliability tests/integration/test_two_processes.py -p no:cacheprovider; status=$$?; \
		OUTLET_POS_SOAK=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m soak tests -p no:cacheprovider \
			--ignore=tests/reliability --ignore=tests/integration/test_two_processes.py || status=1; \
		$(BIN)/python tools/reliability_table.py build/reliability.jsonl docs/reliability.md; \
		exit $$status

# Mutation testing of the core (not part of make test; docs/testing.md): one module at a
# time, niced, against its own unit tests; report in build/mutation/report.md.
# `make mutation MODULES="backoff money"` runs only those.
mutation: $(STAMP)
	nice -n 10 $(BIN)/python tools/mutation.py $(MODULES)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
