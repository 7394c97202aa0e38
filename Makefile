# The two commands of the README. Everything else lives in scripts/.
.PHONY: run test setup

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh --with-test-site
