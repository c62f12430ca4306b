#!/usr/bin/env bash
# Container matrix benchmark: per environment, what fsconform's container run costs (create and start
# a long-running container, exec the probe, remove it) against a bare `docker run --rm IMAGE java -jar
# fsconform.jar probe …` with the same mounts, seccomp profile, JVM flags and probe arguments. Runs
# alternate, so both see the same machine load. Target: ratio ≤ 1.3.
# Then the wall time of the whole container matrix (`fsconform matrix --only 'docker-*'`).
# Usage: bench/containers.sh [RUNS=5] [ENV...]   (needs a Docker engine: matrix/docker/install-engine.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
shift || true
mvn -q -B -o package -DskipTests -Dfsconform.it.skip=true >/dev/null 2>&1 || mvn -q -B package -DskipTests -Dfsconform.it.skip=true
mvn -q -B -o test-compile >/dev/null 2>&1 || mvn -q -B test-compile
echo "== per environment (host engine)"
java -cp target/test-classes:target/fsconform.jar dev.fsconform.container.ContainerBench target/fsconform.jar "$runs" "$@"
echo "== whole container matrix (images cached), jobs 2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
s=$(date +%s%N)
java -jar target/fsconform.jar matrix --only 'docker-*' --jobs 2 --out "$out" >/dev/null 2>"$out/log"
e=$(date +%s%N)
grep -E '^engine|^docker-' "$out/log" || true
echo "container matrix wall time: $(( (e - s) / 1000000 )) ms"
