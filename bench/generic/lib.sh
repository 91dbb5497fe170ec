# Shared by the generic benchmarks: build the jar, start and stop a runtime, read its memory figures.
# shellcheck shell=bash
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="$("$repo/scripts/java-home")"
export JAVA_HOME
# WHARF_BENCH_JAR runs another build of the runtime (bench/oci/before-after measures two).
jar="${WHARF_BENCH_JAR:-$repo/registry-runtime/target/wharf-registry-runtime.jar}"
port="${WHARF_BENCH_PORT:-18080}"
base="http://127.0.0.1:$port"
user="admin:wharf-local-admin"
work="$(mktemp -d "${TMPDIR:-/tmp}/wharf-bench.XXXXXX")"
runtime_pid=""

cleanup() {
  if [[ -n "$runtime_pid" ]]; then kill "$runtime_pid" 2>/dev/null || true; wait "$runtime_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build_jar() {
  if [[ ! -f "$jar" ]]; then
    echo "building $jar ..." >&2
    (cd "$repo" && ./mvnw -B -q -pl registry-runtime -am package -DskipTests -Dspotless.check.skip=true)
  fi
}

# A configuration with one generic registry (no upload limit short of 64 GiB) and the local admin user.
write_config() {
  mkdir -p "$work/config"
  cp "$repo/samples/local/users.yaml" "$work/config/"
  sed -e 's/^  name: generic$/  name: bench/' -e 's/^spec:$/spec:\n  maxUploadSize: 64Gi/' \
    "$repo/samples/local/generic.yaml" > "$work/config/bench.yaml"
}

# start_runtime [java options...]: starts the runtime in $work and waits until it is ready; sets runtime_pid.
start_runtime() {
  (cd "$work" && exec "$JAVA_HOME/bin/java" "$@" -jar "$jar" --server.port="$port" \
      --wharf.config-dir="$work/config" --wharf.data-dir="$work/data" --wharf.config-watch.enabled=false \
      > "$work/runtime.log" 2>&1) &
  runtime_pid=$!
  wait_ready
}

# Waits until the readiness probe answers UP. Until the port takes connections, it only tries to connect, from bash
# itself: a curl started every poll costs about 30 ms of CPU, which on a small machine is taken from the runtime whose
# start is being timed.
wait_ready() {
  for _ in $(seq 1 1200); do
    if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null \
        && curl -fsS "$base/actuator/health/readiness" 2> /dev/null | grep -q '"UP"'; then
      return 0
    fi
    if ! kill -0 "$runtime_pid" 2>/dev/null; then cat "$work/runtime.log" >&2; echo "the runtime exited" >&2; exit 1; fi
    sleep 0.05
  done
  echo "the runtime was not ready within 60 s" >&2; exit 1
}

# The runtime's resident memory: rss (now) or peak, in MiB.
memory_mib() {
  local field=VmRSS
  [[ "${1:-}" == peak ]] && field=VmHWM
  awk -v f="$field:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$runtime_pid/status"
}

# mib_per_s BYTES SECONDS
mib_per_s() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
