# treatygraph — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
BENCH_STAMP := .venv/.bench-installed
# Benchmark ports (bench/README in bench/results.md): ours,peer,floor; the counting set
# and its Bolt proxy; the bench Neo4j (x10, x100 use the next two ports); scaling APIs.
BENCH_PORTS ?= 8100,4100,8101
BENCH_COUNT_PORTS ?= 8102,4101,8103,7705
BENCH_NEO4J_PORT ?= 7701
BENCH_SCALING_API_PORT ?= 8104
BENCH_ARGS ?=
BENCH_SMOKE_OUT := bench/out/smoke
# `make test` runs its own Neo4j on another port and data directory, never touching
# the `make run` data.
TEST_ENV := NEO4J_LOCAL_PORT=$${TEST_NEO4J_PORT:-7688} NEO4J_LOCAL_HOME=.neo4j/test \
	NEO4J_LOCAL_HEAP=1g TREATYGRAPH_AS_OF=$${TREATYGRAPH_AS_OF:-2026-11-28}

.PHONY: help run test test-routing stress check seed export backup restore neo4j-start neo4j-stop neo4j-status schema bench bench-smoke bench-smoke-run bench-tools browser-tools clean chromium geo graphiql

help:
	@echo "make run    serve the API with GraphiQL on http://127.0.0.1:8000/graphql (local Neo4j, seeded)"
	@echo "make test   run every test against a real Neo4j it starts (and stops) itself"
	@echo "make test-routing  the same tests through the routing driver (neo4j://), as on a cluster or Aura"
	@echo "make stress long runs: 1,000+ fuzzed operations, the whole injection corpus, the outage, a 60 s soak, the abuse suite"
	@echo "make check  ruff format --check, ruff check, mypy --strict, schema.graphql drift"
	@echo "make geo    regenerate web/geo/countries.geojson (the explorer's outlines) from countryinfo + world-countries"
	@echo "make graphiql  recopy GraphiQL's files into web/graphiql/assets from the versions web/graphiql/package.json pins"
	@echo "make seed   validate and load seeds/data into Neo4j (SEED_ARGS=--reset to wipe first)"
	@echo "make export  write the curated graph back into seeds/data (curated/*.yaml overlays; commit them)"
	@echo "make backup / make restore FILE=...   neo4j-admin dump/load of the local Neo4j (stops and restarts it)"
	@echo "make neo4j-start | neo4j-stop | neo4j-status   the local Neo4j (no-op when NEO4J_URI is set)"
	@echo "make bench  treatygraph vs @neo4j/graphql vs raw driver, plus scaling and CPU per request (~30 min); writes bench/results.md"
	@echo "make bench-smoke  the whole benchmark once, briefly (part of make test)"

$(VENV_STAMP): pyproject.toml
	@command -v python3.11 >/dev/null || { echo "Python 3.11 is required (python3.11 not on PATH)"; exit 1; }
	@test -x $(PY) || python3.11 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@touch $(VENV_STAMP)

venv: $(VENV_STAMP)

run: $(VENV_STAMP)
	$(PY) -m server

# The explorer's browser test (tests/integration/test_explorer.py) drives Debian's
# Chromium; install it when missing so the test never skips where we are root (CI).
CHROMIUM := /usr/bin/chromium

chromium:
	@test -x $(CHROMIUM) || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser test"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
		else \
			echo "warning: $(CHROMIUM) is missing and we are not root: the browser test will be skipped (sudo apt-get install chromium)"; \
		fi; }

# axe-core, pinned by tests/browser/package.json and its lock file, which the
# explorer's browser test injects into the page.
browser-tools:
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

# After pytest, while the test Neo4j is still up, the benchmark runs once briefly
# (bench-smoke) so the harness never rots; it reseeds that database.
test: check chromium browser-tools bench-tools
	$(TEST_ENV) $(PY) -m graph.launcher start
	@status=0; $(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 0 ]; then \
		$(MAKE) --no-print-directory bench-smoke-run \
			BENCH_NEO4J_PORT=$${TEST_NEO4J_PORT:-7688} BENCH_EXTERNAL=--external-neo4j \
			|| status=$$?; \
	fi; \
	$(TEST_ENV) $(PY) -m graph.launcher stop; exit $$status

# The test suite through the routing driver (NEO4J_URI=neo4j://…, the scheme of a
# cluster or Aura) against the same local Neo4j; the tests that stop a local Neo4j
# of their own skip.
test-routing: check
	$(TEST_ENV) $(PY) -m graph.launcher start
	@status=0; $(TEST_ENV) NEO4J_URI=neo4j://127.0.0.1:$${TEST_NEO4J_PORT:-7688} \
		$(PY) -m pytest $(PYTEST_ARGS) tests/integration || status=$$?; \
	$(TEST_ENV) $(PY) -m graph.launcher stop; exit $$status

# Long runs, figures in test-output/*.json: fuzzing with 40 examples per root field
# (over 1,000 operations), the injection corpus in full, the outage, a 60 s soak
# at concurrency 64 against a uvicorn on TEST_API_PORT (default 8099), then the abuse
# suite, 20 s per attack with a bystander, on TEST_API_PORT too (table in
# test-output/abuse-summary.md); its idle p99 is read over 20 s too, so both p99s
# come from as many reads (5 s gave ~210, the p99 then their 3rd slowest).
stress: check
	$(TEST_ENV) $(PY) -m graph.launcher start
	@status=0; \
	$(TEST_ENV) FUZZ_EXAMPLES=40 INJECTION_SCOPE=full $(PY) -m pytest $(PYTEST_ARGS) \
		tests/integration/test_fuzz.py tests/integration/test_injection.py \
		tests/integration/test_outage.py || status=$$?; \
	if [ $$status -eq 0 ]; then \
		$(TEST_ENV) $(PY) -m bench.soak --port $${TEST_API_PORT:-8099} --seconds 60 \
			--concurrency 64 --out test-output/soak-summary.json || status=$$?; \
	fi; \
	if [ $$status -eq 0 ]; then \
		$(TEST_ENV) $(PY) -m bench.abuse --port $${TEST_API_PORT:-8099} --seconds 20 --idle-seconds 20 \
			--out test-output/abuse-summary.json --md test-output/abuse-summary.md \
			|| status=$$?; \
		cat test-output/abuse-summary.md; \
	fi; \
	for f in test-output/fuzz-summary.json test-output/outage-summary.json; do \
		echo "== $$f"; cat $$f; done; \
	$(TEST_ENV) $(PY) -m graph.launcher stop; exit $$status

$(BENCH_STAMP): $(VENV_STAMP) pyproject.toml
	$(PY) -m pip install -q -e ".[dev,bench]"
	@touch $(BENCH_STAMP)

# wrk from Debian when absent; the peer's exact dependency tree from its lock file.
bench-tools: $(BENCH_STAMP)
	@command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
	cd bench/peer && npm ci --no-audit --no-fund --loglevel=error

bench: bench-tools
	$(PY) -m bench.run --neo4j-port $(BENCH_NEO4J_PORT) --ports $(BENCH_PORTS) \
		--count-ports $(BENCH_COUNT_PORTS) $(BENCH_ARGS)
	$(PY) -m bench.scaling --neo4j-port $(BENCH_NEO4J_PORT) --api-port $(BENCH_SCALING_API_PORT)
	$(PY) -m bench.cpu --neo4j-port $(BENCH_NEO4J_PORT)
	$(PY) -m bench.report

bench-smoke: bench-tools bench-smoke-run

bench-smoke-run:
	$(PY) -m bench.run --smoke $(BENCH_EXTERNAL) --neo4j-port $(BENCH_NEO4J_PORT) \
		--ports $(BENCH_PORTS) --count-ports $(BENCH_COUNT_PORTS) --out $(BENCH_SMOKE_OUT)
	$(PY) -m bench.scaling --smoke $(BENCH_EXTERNAL) --neo4j-port $(BENCH_NEO4J_PORT) \
		--api-port $(BENCH_SCALING_API_PORT) --out $(BENCH_SMOKE_OUT)
	$(PY) -m bench.cpu --smoke $(BENCH_EXTERNAL) --neo4j-port $(BENCH_NEO4J_PORT) \
		--out $(BENCH_SMOKE_OUT)
	$(PY) -m bench.report --out $(BENCH_SMOKE_OUT) --md $(BENCH_SMOKE_OUT)/results.md \
		--charts $(BENCH_SMOKE_OUT)/charts

check: $(VENV_STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m strawberry export-schema schema.app:schema | diff -u schema.graphql - \
		|| { echo "schema.graphql is stale: run 'make schema' and commit it"; exit 1; }

schema: $(VENV_STAMP)
	$(PY) -m strawberry export-schema schema.app:schema --output schema.graphql

geo: $(VENV_STAMP)
	npm ci --prefix web --no-audit --no-fund
	$(PY) -m web.geodata

# GraphiQL's files are committed (the app serves them, so the page works offline and
# make run, tests and the image need no npm); this recopies them after an upgrade.
graphiql: $(VENV_STAMP)
	cd web/graphiql && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(PY) -m httpapi.graphiql_assets

seed: $(VENV_STAMP) neo4j-start
	$(PY) -m seeds.loader $(SEED_ARGS)

# The curated state (every curation, what it wrote, retractions) as seed records in
# overlay files beside the base ones; EXPORT_ARGS=--into DIR writes elsewhere.
export: $(VENV_STAMP) neo4j-start
	$(PY) -m seeds.export $(EXPORT_ARGS)

# Offline (Community): stops the local Neo4j, runs neo4j-admin, starts it again.
BACKUP_DIR ?= .neo4j/backups
backup: $(VENV_STAMP)
	$(PY) -m graph.backup dump --dir $(BACKUP_DIR)

restore: $(VENV_STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=.neo4j/backups/<timestamp>.dump"; exit 2; }
	$(PY) -m graph.backup load $(FILE)

neo4j-start: $(VENV_STAMP)
	$(PY) -m graph.launcher start

neo4j-stop: $(VENV_STAMP)
	$(PY) -m graph.launcher stop

neo4j-status: $(VENV_STAMP)
	$(PY) -m graph.launcher status

clean:
	-$(PY) -m graph.launcher stop
	-$(TEST_ENV) $(PY) -m graph.launcher stop
	rm -rf .neo4j .mypy_cache .ruff_cache .pytest_cache
