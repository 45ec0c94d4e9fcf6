#!/usr/bin/env bash
# Packaging throughput benchmark (docs/benchmarks.md, "Packaging"): a 1 GiB payload (8 x 128 MiB of random bytes,
# generated now) packaged as BagIt zip (SHA-512) and NIHMS tar.gz, each written to a file, against one SHA-512 pass
# in the same JVM, sha512sum, and bagit-java 5.2.0 + java.util.zip; then a 4 GiB payload packaged both ways in a
# JVM with -Xmx64m, with its peak heap. Payloads live in a temporary directory, deleted at the end.
#
# Usage: bench/package-bench.sh [iterations=3] [bin-iterations=1]
#   iterations      timing repeats on .pdf files (a type known to be compressed: stored at deflate level 0)
#   bin-iterations  timing repeats on the same bytes named .bin (unknown type: our packager samples each file's head
#                   and does not deflate what does not compress; bagit-java's zip deflates it, as java.util.zip
#                   does by default); 0 skips it
# Environment: BUILD_SUFFIX (the module's -Dbuild.suffix, default none), BENCH_TMP (where payloads go, default
#   $TMPDIR or /tmp), SKIP_BUILD=1, SKIP_HEAP=1, FILES / FILE_MIB / HEAP_FILES (8 / 128 / 32) for a smaller trial,
#   STEPS=goals to time only what the goals compare (the floor, our two packages, bagit-java), for many iterations.
# Needs deposit-package installed in ~/.m2; builds only deposit-bench (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-3}
bin_iterations=${2:-1}
suffix=${BUILD_SUFFIX:-}
files=${FILES:-8}
file_mib=${FILE_MIB:-128}
heap_files=${HEAP_FILES:-32}
steps=${STEPS:-all}

cpfile=$(mktemp)
work=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/package-bench.XXXXXX")
trap 'rm -rf "$work" "$cpfile"' EXIT

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  ./mvnw -o -q -B -pl deposit-bench -Dbuild.suffix="$suffix" -DskipTests package
fi
./mvnw -o -q -B -pl deposit-bench -Dbuild.suffix="$suffix" dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$cpfile" >/dev/null
cp="deposit-bench/target$suffix/classes:$(cat "$cpfile")"
main=org.depositservices.bench.PackageThroughputBenchmark

# The heap step holds the larger payload and one package at a time: payload x 2, plus a margin.
need_kib=$(( (heap_files > files ? heap_files : files) * file_mib * 1024 * 2 + 1024 * 1024 ))
avail_kib=$(df -Pk "$work" | awk 'NR == 2 {print $4}')
if (( avail_kib < need_kib )); then
  echo "package-bench: need $((need_kib / 1048576)) GiB free in $work, only $((avail_kib / 1048576)) GiB;" \
       "set BENCH_TMP to a roomier file system" >&2
  exit 1
fi

echo "## machine"
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
echo "uptime: $(uptime)"
java -version 2>&1 | head -1
echo "free disk in $work: $((avail_kib / 1048576)) GiB; memory: $(free -m | awk 'NR == 2 {print $2 " MiB total, " $7 " MiB available"}')"

echo
echo "## timing: $files x $file_mib MiB"
java -cp "$cp" $main generate --dir "$work/payload" --files "$files" --file-mib "$file_mib" --extension pdf
java -Xmx64m -cp "$cp" $main timing --dir "$work/payload" --extension pdf --iterations "$iterations" --steps "$steps"
if (( bin_iterations > 0 )); then
  echo
  java -Xmx64m -cp "$cp" $main timing --dir "$work/payload" --extension bin --iterations "$bin_iterations" \
    --steps "$steps"
fi
rm -rf "$work/payload"

if [[ ${SKIP_HEAP:-0} != 1 ]]; then
  echo
  echo "## heap: $heap_files x $file_mib MiB with -Xmx64m"
  java -cp "$cp" $main generate --dir "$work/large" --files "$heap_files" --file-mib "$file_mib" --extension pdf
  java -Xmx64m -cp "$cp" $main heap --dir "$work/large"
  rm -rf "$work/large"
fi
echo
echo "uptime: $(uptime)"
