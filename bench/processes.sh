#!/usr/bin/env bash
# 50 processes in 10 dependency chains of depth 5, each ready when its TCP port accepts:
# time from `cairn proc switch` to all ready, embedded supervisor vs supervisord in the same run,
# and the embedded supervisor's resident memory with 50 processes.
# Usage: bash bench/processes.sh [BASE_PORT]   (needs python3, supervisor)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:-31000}"
work="$(mktemp -d /tmp/cairn-bench.XXXXXX)"
export CAIRN_ROOT="$work/root"
trap 'for p in cairn supervisord; do "$here/cairn" proc switch --profile $p --undeploy >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

model="$work/processes.yaml"
{
  echo "instances:"
  for c in $(seq 0 9); do
    for d in $(seq 0 4); do
      port=$((base + c * 5 + d))
      echo "  p$c-$d:"
      echo "    params:"
      echo "      process: $(command -v python3)"
      echo "      args: [-c, \"import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen(); time.sleep(86400)\"]"
      echo "      ports: [$port]"
      echo "      readiness: {tcp: \"127.0.0.1:$port\", period: 50ms}"
      [ "$d" -gt 0 ] && echo "      dependencies: [p$c-$((d - 1))]"
    done
  done
} > "$model"

"$here/cairn" --help >/dev/null  # build once, outside the timing
declare -A took
for pm in cairn supervisord; do
  start=$(date +%s.%N)
  "$here/cairn" proc switch -P "$pm" --profile "$pm" --state-dir "$work/state-$pm" \
    --force-disable-user-change "$model" >/dev/null 2>&1
  for port in $(seq "$base" $((base + 49))); do   # all ready (supervisord does not wait)
    until (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do sleep 0.02; done
  done
  took[$pm]=$(echo "$(date +%s.%N) - $start" | bc)
  if [ "$pm" = cairn ]; then
    pid=$(cat "$work/state-cairn/lib/cairn/supervisor/supervisor.pid")
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  fi
  "$here/cairn" proc switch --profile "$pm" --undeploy >/dev/null 2>&1
done
printf 'switch to all ready (50 processes, chains of 5): cairn %.2f s, supervisord %.2f s, ratio %.2f\n' \
  "${took[cairn]}" "${took[supervisord]}" "$(echo "${took[cairn]} / ${took[supervisord]}" | bc -l)"
printf 'embedded supervisor RSS with 50 processes: %d KiB (%.1f MiB; goal <= 64 MiB)\n' "$rss" "$(echo "$rss / 1024" | bc -l)"
