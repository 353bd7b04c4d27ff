#!/usr/bin/env bash
# Web benchmark: start-up time of the platform (process start → first page served, shipped surveys loaded and
# validated) and wrk throughput/latency on a question page of the city survey. Loopback only.
#   bash tests/Survey.Benchmarks/web.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-32}
port=5099
out=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is in use: stop the process listening there first" >&2
  exit 2
fi
dotnet publish src/Survey.Web -c Release -o "$out/app" -v quiet -nologo >/dev/null
args=(--contentRoot="$out/app" --Survey:SurveysPath="$PWD/surveys" --Survey:LocalesPath="$PWD/locales" --Survey:PanelProfilePath="$PWD/surveys/shared/panel-profile.yaml" --urls="http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning)

pid=
startup() { # sets pid and ms: milliseconds from process start until /nl answers
  local db=$1 t0 t1
  t0=$(date +%s%N)
  dotnet "$out/app/Survey.Web.dll" "${args[@]}" --Survey:DatabasePath="$db" >"$out/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/nl"; do sleep 0.005; done
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
}

echo "start-up (process start → first page served; includes loading + validating every survey), 6 runs:"
for i in 1 2 3 4 5 6; do
  # run 1 creates and migrates a new database file; later runs open the same file
  startup "$out/startup.db"
  echo "  run $i: ${ms} ms $( [ "$i" = 1 ] && echo '(new database: created and migrated)')"
  kill $pid; wait $pid 2>/dev/null || true
done

startup "$out/bench.db"
# Start the city survey to get a question page (a draft row is read on every GET).
jar="$out/jar"
intro=$(curl -s -c "$jar" "http://127.0.0.1:$port/en/stadsenquete")
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$intro" | sed 's/.*value="//; s/"$//')
page=$(curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/en/stadsenquete")
echo "question page: $page"
echo "wrk: ${seconds}s, ${connections} connections, 2 threads"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$page" | sed 's/^/  /'
