#!/usr/bin/env bash
# Installs what the bench needs and creates the demo site (and, with --with-test-site, the site
# the integration tests run on). Every step checks what already exists, so a second run takes
# seconds. Run as root it installs Debian packages, creates the bench user and hands the bench
# over to that user, as production Frappe installs do.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WITH_TEST_SITE=0
for arg in "$@"; do
	case "$arg" in
	--with-test-site) WITH_TEST_SITE=1 ;;
	*) die "unknown option: $arg" ;;
	esac
done
cd "$BENCH_ROOT"

# mariadb-server-core: the server binaries (mariadbd, mariadb-install-db) for the pair of servers of
# tests/test_read_replica.py (it starts no service)
APT_PACKAGES=(git redis-server mariadb-client mariadb-server-core python3-venv python3-dev wkhtmltopdf fonts-noto-cjk
	fonts-noto-core xfonts-75dpi xfonts-base nodejs npm chromium nginx)

system_packages() {
	local missing=() pkg
	for pkg in "${APT_PACKAGES[@]}"; do
		# an already installed Node.js (for example from NodeSource) stands in for Debian's
		case "$pkg" in nodejs | npm) command -v "${pkg/nodejs/node}" >/dev/null && continue ;; esac
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return
	log "Installing Debian packages: ${missing[*]}"
	local sudo=()
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null || die "missing packages (install them as root): ${missing[*]}"
		sudo=(sudo)
	fi
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
	if [[ " ${missing[*]} " == *" nginx "* ]]; then
		# the stack runs its own nginx (scripts/production.sh); the distribution's default site
		# would only hold port 80
		"${sudo[@]}" service nginx stop >/dev/null 2>&1 || true
		if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
			"${sudo[@]}" systemctl disable nginx >/dev/null 2>&1 || true
		fi
	fi
}

host_names() {
	# wkhtmltopdf and the browser reach the sites by name; *.localhost must resolve.
	local name
	for name in "$SITE" "$TEST_SITE"; do
		getent hosts "$name" >/dev/null && continue
		if [ "$(id -u)" = 0 ]; then
			echo "127.0.0.1 $name" >>/etc/hosts
		else
			log "Add '127.0.0.1 $name' to /etc/hosts (needs root) so the site and its PDFs resolve."
		fi
	done
}

clone_framework() {
	[ -d apps/frappe/.git ] && return
	log "Getting the Frappe framework ($FRAPPE_BRANCH) from $FRAPPE_REPO"
	mkdir -p apps
	git clone --quiet --depth 1 --branch "$FRAPPE_BRANCH" --origin upstream "$FRAPPE_REPO" apps/frappe 2>/dev/null ||
		git clone --quiet --branch "$FRAPPE_BRANCH" --origin upstream "$FRAPPE_REPO" apps/frappe
}

bench_user() {
	# bench refuses to run as root: production installs run it as a dedicated user.
	if ! id "$FRAPPE_USER" >/dev/null 2>&1; then
		log "Creating the system user '$FRAPPE_USER' that owns and runs the bench"
		useradd --create-home --shell /bin/bash "$FRAPPE_USER"
	fi
	mkdir -p sites logs config/pids
	# hand the bench over (only files that are not the user's yet: cheap on a second run)
	find "$BENCH_ROOT" -xdev ! -user "$FRAPPE_USER" -exec chown -h "$FRAPPE_USER:$FRAPPE_USER" {} +
	runuser -u "$FRAPPE_USER" -- test -w "$BENCH_ROOT/sites" ||
		die "user '$FRAPPE_USER' cannot reach $BENCH_ROOT: every parent folder must be traversable"
	# git run by root in a tree owned by another user
	git config --global --get-all safe.directory 2>/dev/null | grep -qxF "$BENCH_ROOT" ||
		git config --global --add safe.directory "$BENCH_ROOT"
}

if [ "$(id -u)" = 0 ] && [ -z "${PS_SETUP_AS_BENCH_USER:-}" ]; then
	system_packages
	host_names
	clone_framework
	bench_user
	# the caller's environment (proxies, CA bundles, the settings above) goes along
	PS_SETUP_AS_BENCH_USER=1 as_bench_user bash "$BENCH_ROOT/scripts/setup.sh" "$@"
	exit
fi

if [ -z "${PS_SETUP_AS_BENCH_USER:-}" ]; then
	system_packages
	host_names
	clone_framework
fi
mkdir -p sites logs config/pids artifacts

# --- tools: bench (PyPI) and yarn (npm), kept inside the bench -------------------------------
if [ ! -x "$TOOLS/venv/bin/bench" ]; then
	log "Installing the bench tool"
	"$PYTHON" -m venv "$TOOLS/venv"
	"$TOOLS/venv/bin/pip" install -q --upgrade pip
	"$TOOLS/venv/bin/pip" install -q "frappe-bench>=5.22,<6"
fi
if [ ! -x "$TOOLS/venv/bin/supervisord" ]; then
	log "Installing supervisor (it runs the production stack)"
	"$TOOLS/venv/bin/pip" install -q "supervisor>=4.2,<5"
fi
if [ ! -x "$TOOLS/node/node_modules/.bin/yarn" ]; then
	log "Installing yarn"
	npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" yarn@1 >/dev/null
fi

# --- Python environment ----------------------------------------------------------------------
if [ ! -x env/bin/python ]; then
	log "Creating the Python environment"
	"$PYTHON" -m venv env
	# Frappe v15 imports pkg_resources, which setuptools 81 and newer no longer ship.
	env/bin/pip install -q --upgrade pip wheel "setuptools<81"
fi
frappe_rev="$(git -C apps/frappe rev-parse HEAD)"
if [ "$(cat env/.frappe-installed 2>/dev/null)" != "$frappe_rev" ]; then
	log "Installing the framework's Python dependencies (first run: a few minutes)"
	env/bin/pip install -q -e apps/frappe
	echo "$frappe_rev" >env/.frappe-installed
fi
app_rev="$(sha1sum apps/property_supervision/pyproject.toml | cut -c1-40)"
if [ "$(cat env/.app-installed 2>/dev/null)" != "$app_rev" ]; then
	log "Installing the property_supervision app"
	env/bin/pip install -q -e apps/property_supervision
	echo "$app_rev" >env/.app-installed
fi
printf 'frappe\nproperty_supervision\n' >sites/apps.txt

# --- bench configuration: common site config, redis --------------------------------------------
if [ ! -f sites/common_site_config.json ]; then
	log "Writing the bench configuration"
	bench setup config
fi
if [ "$(id -u)" = 0 ] || [ -n "${PS_SETUP_AS_BENCH_USER:-}" ]; then
	# lets root type `bench …` here: bench then drops to this user by itself
	env/bin/python - "$FRAPPE_USER" <<-'EOF'
		import json, sys
		path = "sites/common_site_config.json"
		config = json.load(open(path))
		if config.get("frappe_user") != sys.argv[1]:
		    config["frappe_user"] = sys.argv[1]
		    json.dump(config, open(path, "w"), indent=1, sort_keys=True)
	EOF
fi
[ -f config/redis_cache.conf ] && [ -f config/redis_queue.conf ] || bench setup redis

# --- front-end dependencies and assets ------------------------------------------------------------
if [ ! -f apps/frappe/node_modules/.yarn-integrity ]; then
	log "Installing the framework's JavaScript dependencies"
	(cd apps/frappe && yarn install --silent --non-interactive --check-files >/dev/null)
fi
assets_rev="$frappe_rev-$(find apps/property_supervision/property_supervision/public -type f -printf '%P %s %T@\n' | sort | sha1sum | cut -c1-12)"
if [ "$(cat sites/.assets-built 2>/dev/null)" != "$assets_rev" ] || [ ! -f sites/assets/assets.json ]; then
	log "Building assets (first run: a few minutes)"
	bench build --production >logs/build.log 2>&1 || {
		tail -n 40 logs/build.log
		die "asset build failed (logs/build.log)"
	}
	echo "$assets_rev" >sites/.assets-built
fi

# --- MariaDB administrator for creating sites ------------------------------------------------------
mysql_as() { mysql --protocol=TCP -h"$DB_HOST" -P"$DB_PORT" -u"$1" ${2:+-p"$2"} -N -B -e "$3"; }
if [ -n "$DB_ROOT_PASSWORD" ]; then
	DB_ADMIN_USER="$DB_ROOT_USER" DB_ADMIN_PASSWORD="$DB_ROOT_PASSWORD"
else
	# Frappe's installer asks for a password when the MariaDB superuser has none (it cannot on
	# CI). Such a server is a development machine: give the bench its own administrator account.
	[ -f config/db_admin.env ] && source config/db_admin.env
	if [ -z "${DB_ADMIN_PASSWORD:-}" ] || ! mysql_as "$DB_ADMIN_USER" "$DB_ADMIN_PASSWORD" "select 1" >/dev/null 2>&1; then
		mysql_as "$DB_ROOT_USER" "" "select 1" >/dev/null 2>&1 ||
			die "cannot connect to MariaDB at $DB_HOST:$DB_PORT as $DB_ROOT_USER: set DB_ROOT_USER and DB_ROOT_PASSWORD"
		# one account per bench folder, so benches on one server do not reset each other's password
		DB_ADMIN_USER="bench_admin_$(printf %s "$BENCH_ROOT" | sha1sum | cut -c1-8)"
		log "Creating the MariaDB account '$DB_ADMIN_USER' for site administration"
		DB_ADMIN_PASSWORD="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"
		for host in localhost 127.0.0.1; do
			mysql_as "$DB_ROOT_USER" "" "CREATE USER IF NOT EXISTS '$DB_ADMIN_USER'@'$host';
				ALTER USER '$DB_ADMIN_USER'@'$host' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
				GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN_USER'@'$host' WITH GRANT OPTION;"
		done
		(umask 077 && printf 'DB_ADMIN_USER=%s\nDB_ADMIN_PASSWORD=%s\n' "$DB_ADMIN_USER" "$DB_ADMIN_PASSWORD" >config/db_admin.env)
	fi
fi

# --- sites ------------------------------------------------------------------------------------------
site_db_exists() {
	local db
	db="$(env/bin/python -c 'import json,sys; print(json.load(open(sys.argv[1])).get("db_name",""))' "sites/$1/site_config.json" 2>/dev/null)" || return 1
	[ -n "$db" ] && [ "$(mysql_as "$DB_ADMIN_USER" "$DB_ADMIN_PASSWORD" "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$db' AND table_name='tabDocType'")" = 1 ]
}

app_fingerprint() {
	find apps/property_supervision/property_supervision -type f \( -name '*.json' -o -name '*.py' -o -name '*.csv' -o -name '*.txt' \) \
		-printf '%P %s %T@\n' | sort | sha1sum | cut -c1-40
}

office_admin() { # site: the office's named administrator (setup/office_admin.py), once
	local site="$1" result
	result="$(bench --site "$site" execute property_supervision.setup.office_admin.create_office_admin 2>>logs/setup.log)" ||
		die "creating the office administrator on $site failed (logs/setup.log)"
	env/bin/python - "$site" "$result" <<-'EOF'
		import json, sys
		site, result = sys.argv[1], json.loads(sys.argv[2].strip().splitlines()[-1])
		if result["created"]:
		    print(f"\033[1;34m==>\033[0m Office administrator of {site}: {result['email']} (Supervision Admin, System Manager)")
		    if result["password"]:
		        print(f"    generated password: {result['password']}")
		        print("    It is shown only this once: note it now, or set OFFICE_ADMIN_PASSWORD before creating a site.")
	EOF
}

backups() { # site: daily backups keep BACKUP_RETENTION_DAYS (setup/backups.py)
	local days="${BACKUP_RETENTION_DAYS:-14}"
	bench --site "$1" set-config backup_retention_days "$days" >/dev/null
	bench --site "$1" execute property_supervision.setup.backups.configure_backups --kwargs "{\"retention\": $days}" \
		>>logs/setup.log 2>&1 || die "configuring the backups of $1 failed (logs/setup.log)"
}

make_site() { # site, with demo data (0/1)
	local site="$1" demo="$2" port="$3"
	if site_db_exists "$site"; then
		if [ "$(cat "sites/$site/.app-migrated" 2>/dev/null)" != "$(app_fingerprint)" ]; then
			log "Migrating $site"
			bench --site "$site" migrate >>logs/setup.log 2>&1 || die "migrate of $site failed (logs/setup.log)"
			office_admin "$site"
			backups "$site"
			app_fingerprint >"sites/$site/.app-migrated"
		fi
		return
	fi
	log "Creating the site $site"
	rm -rf "sites/${site:?}"
	bench new-site "$site" --force --db-host "$DB_HOST" --db-port "$DB_PORT" \
		--db-root-username "$DB_ADMIN_USER" --db-root-password "$DB_ADMIN_PASSWORD" \
		--admin-password "$ADMIN_PASSWORD" --install-app property_supervision >>logs/setup.log 2>&1 ||
		{
			tail -n 30 logs/setup.log
			die "creating $site failed (logs/setup.log)"
		}
	bench --site "$site" set-config host_name "http://$site:$port" >/dev/null
	bench --site "$site" execute property_supervision.setup.install.configure_site --kwargs '{"language": "zh"}' >>logs/setup.log 2>&1 ||
		die "configuring $site failed (logs/setup.log)"
	office_admin "$site"
	backups "$site"
	if [ "$demo" = 1 ]; then
		log "Loading demo data into $site (seed $DEMO_SEED)"
		bench --site "$site" execute property_supervision.demo.load_demo_data \
			--kwargs "{\"seed\": $DEMO_SEED}" >>logs/setup.log 2>&1 || die "demo data failed (logs/setup.log)"
	fi
	app_fingerprint >"sites/$site/.app-migrated"
}

start_redis
trap stop_redis EXIT
make_site "$SITE" 1 "$WEB_PORT"
[ -f sites/currentsite.txt ] || bench use "$SITE" >/dev/null
if [ "$WITH_TEST_SITE" = 1 ]; then
	make_site "$TEST_SITE" 0 "$TEST_WEB_PORT"
	bench --site "$TEST_SITE" set-config allow_tests true >/dev/null
	# the test suites create a few hundred users within the hour; Frappe throttles above 60
	bench --site "$TEST_SITE" set-config --parse throttle_user_limit 2000 >/dev/null
fi
log "Setup complete"
