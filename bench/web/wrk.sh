#!/usr/bin/env bash
# Signed-in GETs of the web host under wrk (docs/performance.md, "Web (issue 9)"): a results page, one scorecard (API, bearer
# token) and the server-rendered periods, results and scorecard pages (cookie of the /login form).
# Usage: bench/web/wrk.sh [BASE_URL] [EMAIL] [PASSWORD] [PERIOD] [PERSON]   (wrk, curl and python3 on the PATH)
set -euo pipefail
BASE=${1:-http://127.0.0.1:5400}
EMAIL=${2:-admin@bench.test}
PASSWORD=${3:-Bench-admin-2026}
PERIOD=${4:-2026-10}
PERSON=${5:-pm0000001}
WRK=${WRK:-wrk -t2 -c50 -d20s --latency}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | python3 -c 'import sys, json; print(json.load(sys.stdin)["accessToken"])')

curl -sf -c "$work/jar" -b "$work/jar" "$BASE/login" > "$work/login.html"
antiforgery=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$work/login.html" | sed 's/.*value="//; s/"$//')
curl -s -c "$work/jar" -b "$work/jar" -o /dev/null --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$antiforgery" \
    --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" "$BASE/login"
cookie=$(sed 's/^#HttpOnly_//' "$work/jar" | awk -F'\t' 'NF == 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }')

run() { # name, url, header
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$3" "$2")
    [ "$status" = 200 ] || { echo "$1: $2 answered $status" >&2; exit 1; }
    echo "== $1: GET $2"
    $WRK -H "$3" "$2"
}

uptime
run results "$BASE/api/v1/periods/$PERIOD/results?limit=100" "Authorization: Bearer $token"
run scorecard "$BASE/api/v1/periods/$PERIOD/people/$PERSON/scorecard" "Authorization: Bearer $token"
run periods-page "$BASE/periods" "Cookie: $cookie"
run results-page "$BASE/periods/$PERIOD/results" "Cookie: $cookie"
run scorecard-page "$BASE/periods/$PERIOD/people/$PERSON" "Cookie: $cookie"
uptime
