# explain502: the two commands are `make serve` (run) and `make test` (everything CI checks).
.PHONY: serve test dist setup clean

PORT ?= 8502

serve: dist
	cargo run --release --quiet -- serve --probe --port $(PORT) dist/site

test:
	bash tools/test.sh

dist: setup
	node tools/build.mjs

setup:
	bash tools/bootstrap.sh

clean:
	rm -rf dist target
