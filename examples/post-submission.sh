#!/usr/bin/env bash
# Posts the example submission to a running service (README.md). Usage: examples/post-submission.sh [base-url]
# Credentials, first found: DEPOSIT_USER + DEPOSIT_PASSWORD; admin with PASS_DEPOSIT_ADMIN_PASSWORD; admin with the
# first start's password file, $PASS_DEPOSIT_DATA_DIR/initial-admin-password (data dir: ./data of the repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data_dir="${PASS_DEPOSIT_DATA_DIR:-$here/../data}"
if [[ -n "${DEPOSIT_USER:-}" && -n "${DEPOSIT_PASSWORD:-}" ]]; then
  user="$DEPOSIT_USER" password="$DEPOSIT_PASSWORD"
elif [[ -n "${PASS_DEPOSIT_ADMIN_PASSWORD:-}" ]]; then
  user=admin password="$PASS_DEPOSIT_ADMIN_PASSWORD"
elif [[ -r "$data_dir/initial-admin-password" ]]; then
  user=admin password="$(cat "$data_dir/initial-admin-password")"
else
  echo "no credentials: set DEPOSIT_USER and DEPOSIT_PASSWORD, or PASS_DEPOSIT_ADMIN_PASSWORD, or start the" \
       "service once so that it writes $data_dir/initial-admin-password" >&2
  exit 2
fi
# The credentials go to curl on standard input (a config line), never on its command line, where ps would show them.
esc() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
cd "$here"
printf 'user = "%s:%s"\n' "$(esc "$user")" "$(esc "$password")" |
  curl -sS -i -K - -F "submission=@submission.json;type=application/json" -F "file=@manuscript.pdf;type=application/pdf" \
    "${1:-http://localhost:8080}/api/submissions"
