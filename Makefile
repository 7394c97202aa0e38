# The commands of the README. Everything else lives in scripts/.
.PHONY: run dev test setup

# production stack: nginx, gunicorn, socket.io, RQ workers, scheduler, Redis under supervisord
run:
	bash scripts/run.sh

# developer's mode: bench start (Werkzeug with autoreload), never for production
dev:
	bash scripts/dev.sh

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh --with-test-site
