#!/usr/bin/env bash
# Engine benchmark (docs/benchmarks.md): starts the listen mode on a fresh data directory with the default
# filesystem repository, posts N small submissions and reports submissions/s and POST->ACCEPTED latency.
# Usage: bench/engine-bench.sh [count=1000] [client-threads=8] [arrivals-per-second=0 (unpaced)] [warm-up=0]
# (warm-up: that many submissions are posted first, unpaced and not reported, so the JVM's compiler has settled;
# a service runs for weeks, a fresh JVM spends most of its first minute compiling)
# (build first: ./mvnw -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
threads=${2:-8}
rate=${3:-0}
warmup=${4:-0}
port=${BENCH_PORT:-18090}
data=$(mktemp -d)
export DEPOSIT_USER=admin DEPOSIT_PASSWORD="bench-$(date +%s%N)"
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
PASS_DEPOSIT_ADMIN_PASSWORD="$DEPOSIT_PASSWORD" PASS_DEPOSIT_DATA_DIR="$data" SERVER_PORT=$port PASS_DEPOSIT_REPOSITORY_CONFIGURATION=classpath:/repositories.json \
  java -jar deposit-app/target/deposit-services.jar listen > "$data/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
  sleep 1
done
cp=$(./mvnw -q -pl deposit-bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
if [ "$warmup" -gt 0 ]; then
  echo "warm-up: $warmup submissions, not reported"
  java -cp "deposit-bench/target/classes:$cp" org.depositservices.bench.engine.EngineBench \
    "http://127.0.0.1:$port" "$warmup" "$threads" 0 > /dev/null
fi
java -cp "deposit-bench/target/classes:$cp" org.depositservices.bench.engine.EngineBench \
  "http://127.0.0.1:$port" "$count" "$threads" "$rate"
