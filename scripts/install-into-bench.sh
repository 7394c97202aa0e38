#!/usr/bin/env bash
# Installs the app into another Frappe version-15 bench (one made with `bench init`), and
# optionally onto one of its sites:
#
#   bash scripts/install-into-bench.sh /path/to/frappe-bench [SITE]
#
# It copies apps/property_supervision into the bench's apps/ folder (the app is self-contained:
# its reference data is inside the package), installs it into the bench's Python environment,
# adds it to sites/apps.txt and builds its assets; with SITE it runs `bench --site SITE
# install-app property_supervision`, finishes the site the way scripts/setup.sh does (Chinese
# desk, Beijing time) and creates the office's administrator (OFFICE_ADMIN_EMAIL /
# OFFICE_ADMIN_PASSWORD; a generated password is printed once). Run it as the bench's owner, or
# as root (it then works as the owner of the target bench).
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$SOURCE/scripts/lib.sh" # log, die, as_user (its SITE is replaced below)
TARGET="$(cd "${1:?usage: install-into-bench.sh BENCH [SITE]}" && pwd)"
SITE="${2:-}"

[ -x "$TARGET/env/bin/python" ] && [ -d "$TARGET/apps/frappe" ] && [ -f "$TARGET/sites/apps.txt" ] ||
	die "$TARGET is not a bench (bench init makes one)"
version="$("$TARGET/env/bin/python" -c 'import frappe; print(frappe.__version__)')"
[ "${version%%.*}" = 15 ] || die "the bench runs Frappe $version; the app needs version 15"

owner="$(stat -c %U "$TARGET")"
as_owner() { as_user "$owner" "$PATH" "$@"; }
bench_in_target() { (cd "$TARGET" && as_owner bench "$@"); }
command -v bench >/dev/null || export PATH="$SOURCE/.tools/venv/bin:$PATH"
command -v bench >/dev/null || die "the bench command is not installed (pip install frappe-bench)"
command -v yarn >/dev/null || export PATH="$SOURCE/.tools/node/node_modules/.bin:$PATH"
command -v yarn >/dev/null || die "yarn is not installed (npm install -g yarn), the asset build needs it"

# Frappe v15 imports pkg_resources, which setuptools 81 and newer no longer ship (a bench made
# with `bench init` today gets such a setuptools)
if ! as_owner "$TARGET/env/bin/python" -c "import pkg_resources" 2>/dev/null; then
	log "Installing setuptools<81 into the bench's environment (Frappe v15 needs pkg_resources)"
	as_owner "$TARGET/env/bin/python" -m pip install -q "setuptools<81"
fi

log "Copying the app into $TARGET/apps/property_supervision"
as_owner mkdir -p "$TARGET/apps/property_supervision"
tar -C "$SOURCE/apps/property_supervision" --exclude=__pycache__ --exclude='*.egg-info' --exclude=node_modules \
	-cf - . | as_owner tar -C "$TARGET/apps/property_supervision" -xf -
log "Installing it into the bench's Python environment"
as_owner "$TARGET/env/bin/python" -m pip install -q -e "$TARGET/apps/property_supervision"
grep -qx property_supervision "$TARGET/sites/apps.txt" || as_owner sh -c "printf '\nproperty_supervision\n' >> '$TARGET/sites/apps.txt'"
as_owner sed -i '/^$/d' "$TARGET/sites/apps.txt"
log "Building its assets"
bench_in_target build --app property_supervision >/dev/null

if [ -n "$SITE" ]; then
	log "Installing it on $SITE"
	bench_in_target --site "$SITE" install-app property_supervision
	bench_in_target --site "$SITE" execute property_supervision.setup.install.configure_site --kwargs '{"language": "zh"}' >/dev/null
	bench_in_target --site "$SITE" execute property_supervision.setup.backups.configure_backups >/dev/null
	bench_in_target --site "$SITE" execute property_supervision.setup.office_admin.create_office_admin
fi
log "property_supervision is installed in $TARGET${SITE:+ and on $SITE}"
