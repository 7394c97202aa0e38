#!/usr/bin/env bash
# Guard rails run by CI before the tests: nothing of one machine goes into the repository.
# Fails when a tracked file is a site's configuration (it holds the database password), a
# credentials file, or names a path of the development machine (its work folder, root's home, or the folder
# this clone sits in).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0
fail() {
	printf '\033[1;31mrepository check:\033[0m %s\n' "$*" >&2
	status=1
}

# site folders and credentials: a site_config.json carries db_name and db_password
while IFS= read -r path; do
	fail "tracked site configuration or credentials: $path (remove it with git rm --cached)"
done < <(git ls-files | grep -E '(^|/)(site_config\.json|common_site_config\.json|db_admin\.env|[^/]*\.(pem|key))$|^sites/[^/]+/|^archived/' || true)

# paths of a machine: the clone's own folder and the home folders of the development machine.
# The pattern is written so that it does not match this file itself.
here="$(pwd -P)"
machine_paths='(^|[^A-Za-z0-9_.~$-])/(w''ork|r''oot)/'
while IFS= read -r hit; do
	fail "path of a machine in a tracked file: $hit"
done < <(git grep -nIE "$machine_paths" -- . ':!*.svg' || true; git grep -nIF "$here/" -- . || true)

[ "$status" = 0 ] && echo "repository check: no site configuration, credentials or machine paths tracked"
exit "$status"
