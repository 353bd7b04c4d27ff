#!/usr/bin/env bash
# Load benchmark (README, "Load benchmark"): publishes src/Survey.Web in Release, starts it on loopback with a fresh
# temporary data folder and the per-client rate limits lifted (every simulated resident comes from 127.0.0.1), then runs
# tests/load (closed loop, N residents completing the shipped surveys) once per resident count. The platform is restarted
# on a new empty database for each count.
#   bash tests/load/run.sh [--residents 8,32] [--seconds 20] [--warmup 60] [--profile]
# --profile: also samples the platform's CPU with perf (Debian linux-perf) during the measured seconds and splits it into
# stages (tests/load/profile/stages.py): README, "Where the CPU of a page submit goes". With LOAD_PROFILE_KEEP=DIR set,
# the samples (perf script text) are kept there for a closer look.
set -euo pipefail
cd "$(dirname "$0")/../.."
residents=8,32
seconds=20
warmup=60
profile=
while [ $# -gt 0 ]; do
  case $1 in
    --residents) residents=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --profile) profile=1; shift ;;
    *) echo "unknown option $1 (use --residents 8,32 --seconds 20 --warmup 60 --profile)" >&2; exit 2 ;;
  esac
done
port=${LOAD_PORT:-5098}
work=$(mktemp -d "${TMPDIR:-/tmp}/survey-load.XXXXXX")
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is in use: stop the process listening there or set LOAD_PORT" >&2
  exit 2
fi
echo "building (Release) ..."
dotnet publish src/Survey.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null
dotnet build tests/load -c Release -v quiet -nologo >/dev/null

status=0
for n in ${residents//,/ }; do
  data="$work/data-$n"
  mkdir -p "$data"
  if [ -n "$profile" ]; then
    command -v perf >/dev/null || { echo "--profile needs perf (apt-get install linux-perf)" >&2; exit 2; }
    # perf can name JIT-compiled methods only with a perf map and without the double mapping of W^X.
    export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  fi
  dotnet "$work/app/Survey.Web.dll" --contentRoot="$work/app" --urls="http://127.0.0.1:$port" \
    --Survey:SurveysPath="$PWD/surveys" --Survey:LocalesPath="$PWD/locales" --Survey:PanelProfilePath="$PWD/surveys/shared/panel-profile.yaml" --Survey:DatabasePath="$data/survey.db" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Survey.Data.GroupCommit=Information \
    --RateLimits:SurveyStarts:PermitLimit=100000000 --RateLimits:SurveyStarts:WindowSeconds=1 \
    --RateLimits:CodeLookups:PermitLimit=100000000 --RateLimits:CodeLookups:WindowSeconds=1 \
    --RateLimits:AnswerPages:PermitLimit=100000000 --RateLimits:AnswerPages:WindowSeconds=1 \
    >"$work/server-$n.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/nl" && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/server-$n.log" >&2; exit 1; }
    sleep 0.1
  done
  echo
  if [ -n "$profile" ]; then
    # The load program measures the raw commit rate (2 × 3 s) and warms up before its measured seconds.
    (sleep $((warmup + 6)); perf record -F 999 -g -p "$pid" -o "$work/perf-$n.data" -- sleep "$seconds" >/dev/null 2>&1) &
  fi
  dotnet tests/load/bin/Release/net10.0/Survey.Load.dll --url "http://127.0.0.1:$port" --server-pid "$pid" \
    --data-dir "$data" --surveys "$PWD/surveys" --residents "$n" --seconds "$seconds" --warmup "$warmup" | tee "$work/load-$n.txt" || status=$?
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  grep -o "Group commit: .*" "$work/server-$n.log" | sed 's/^G/g/' || echo "group commit: off"
  if [ -n "$profile" ]; then
    wait
    per_submit=$(grep -o "= [0-9.]* ms per submit" "$work/load-$n.txt" | head -1 | tr -dc '0-9.')
    echo "where the server's CPU went ($n residents, perf samples of the measured seconds):"
    perf script -i "$work/perf-$n.data" 2>/dev/null >"$work/perf-$n.txt"
    python3 tests/load/profile/stages.py "$per_submit" <"$work/perf-$n.txt"
    if [ -n "${LOAD_PROFILE_KEEP:-}" ]; then mkdir -p "$LOAD_PROFILE_KEEP"; cp "$work/perf-$n.txt" "$LOAD_PROFILE_KEEP/"; echo "samples kept in $LOAD_PROFILE_KEEP/perf-$n.txt"; fi
  fi
  if grep -q -E "fail|error|SQLITE_BUSY" "$work/server-$n.log"; then
    echo "server log ($n residents):"; grep -E -A3 "fail|error|SQLITE_BUSY" "$work/server-$n.log" | head -20
  fi
done
exit $status
