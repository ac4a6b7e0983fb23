# The two commands a newcomer needs: `make run` and `make test`. Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

QM := outlet_pos/i18n/outlet_pos_id.qm

.PHONY: run test lint bench soak clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Qt's compiled translations, from the committed Qt Linguist source.
$(QM): outlet_pos/i18n/outlet_pos_id.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) $(QM)
	sh tools/ensure_qt_libs.sh $(BIN)/python desktop
	$(BIN)/outlet-pos demo

lint: $(STAMP)
	$(BIN)/ruff check outlet_pos tests benchmarks tools

test: $(STAMP) $(QM) lint
	sh tools/ensure_postgres.sh
	sh tools/ensure_poppler.sh
	sh tools/ensure_qt_libs.sh $(BIN)/python
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The long mode of tests/reliability (docs/reliability.md): thousands of faults; its figures
# replace the table in docs/reliability.md.
soak: $(STAMP) $(QM)
	sh tools/ensure_postgres.sh
	mkdir -p build && rm -f build/reliability.jsonl
	OUTLET_POS_SOAK=1 OUTLET_POS_RESULTS=build/reliability.jsonl QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest tests/reliability -p no:cacheprovider; status=$$?; \
		$(BIN)/python tools/reliability_table.py build/reliability.jsonl docs/reliability.md; \
		exit $$status

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
