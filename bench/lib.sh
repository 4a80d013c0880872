# What the benchmark scripts share; sourced by store.sh, deploy.sh and remote.sh after they set
# $repo (the checkout) and $name (their own name, for messages).

# bench_workdir PREFIX: makes $work, a fresh directory under $BENCH_DIR (default /tmp), deleted
# when the script exits unless KEEP=1. A script that must stop things first defines
# bench_before_cleanup. On INT or TERM, bash runs the exit trap at once, while the command it
# waits for (hyperfine, and what that runs) goes on; so the clean-up first ends the script's own
# processes, which would otherwise start services and write into $work after it was deleted.
bench_workdir() {
  if [ -n "${BENCH_DIR:-}" ]; then
    mkdir -p "$BENCH_DIR"
    work="$(mktemp -d "$BENCH_DIR/$1.XXXXXX")"
  else
    work="$(mktemp -d "/tmp/cairn-$1.XXXXXX")"
  fi
  trap bench_cleanup EXIT
}

bench_descendants() { # bench_descendants PID: the processes under PID, deepest first
  local child
  for child in $(pgrep -P "$1"); do
    bench_descendants "$child"
    echo "$child"
  done
}

bench_cleanup() {
  local pids tries
  pids="$(bench_descendants $$)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one word per PID
    kill $pids 2>/dev/null || true
    sleep 0.5
  fi
  if declare -F bench_before_cleanup >/dev/null; then
    bench_before_cleanup
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "$name: kept $work" >&2
  else
    # A process that outlived the kills above (a target's session ending) may still write a file.
    for tries in 1 2 3 4 5; do
      chmod -R u+w "$work" 2>/dev/null || true
      rm -rf "$work" 2>/dev/null && break
      sleep 1
    done
    [ ! -e "$work" ] || echo "$name: could not delete $work; something still writes there" >&2
  fi
}

q() { printf '%q' "$1"; } # quote a word for the command strings hyperfine runs with sh -c

# bench_cairn: sets $CAIRN (unless given) and $cairn_cmd. By default Cairn runs as shipped: a
# snapshot of this checkout's build laid out as a distribution (the launcher, cairn.jar and lib/
# side by side), since ./cairn rebuilds itself whenever a source is newer than its jar, which
# edits to the checkout would trigger in the middle of a timed run.
bench_cairn() {
  local built
  if [ -z "${CAIRN:-}" ]; then
    "$repo/cairn" --version >/dev/null # builds cli/target/cairn.jar if needed
    mkdir "$work/dist"
    cp "$repo/cairn" "$repo/cli/target/cairn.jar" "$work/dist/"
    cp -r "$repo/cli/target/lib" "$work/dist/lib"
    CAIRN="$work/dist/cairn"
    built="$(cd "$repo" && git log -1 --format=%h)$(cd "$repo" && git diff --quiet HEAD -- . \
      ':!bench' || echo "+uncommitted changes")"
  else
    built="given"
  fi
  "$CAIRN" --version >/dev/null # makes the class-data-sharing archive on first use
  echo "$name: $("$CAIRN" --version) ($built) via $CAIRN"
  cairn_cmd="$(q "$CAIRN")"
}

# hyperfine_rounds JSON WARMUP ROUNDS [NAME PREPARE COMMAND]...: times the commands in rounds,
# each command once per round (one hyperfine per round, --runs 1, the warm-up in the first), and
# writes JSON as one hyperfine run of all the rounds would: a result per command, in the order
# given, with the median wall ("median"), user and system times over the rounds. In rounds,
# because this machine's speed drifts by 10-20 % within minutes, and one hyperfine that times all
# runs of a command before the next command's lets the drift into the ratios. The order turns by
# one each round, so that no command always follows the same one (what the one before left
# behind, freed inodes say, changes what the next one costs). PREPARE may be empty.
hyperfine_rounds() {
  local json="$1" warmup="$2" rounds="$3" names=() prepares=() commands=() n i k round args
  shift 3
  while [ $# -ge 3 ]; do
    names+=("$1") prepares+=("${2:-true}") commands+=("$3")
    shift 3
  done
  n=${#names[@]}
  rm -f "$json".round-*
  for round in $(seq 1 "$rounds"); do
    [ "$rounds" = 1 ] || echo "--- round $round of $rounds"
    args=()
    for ((i = 0; i < n; i++)); do
      k=$(( (i + round - 1) % n ))
      args+=(--prepare "${prepares[$k]}" -n "${names[$k]}" "${commands[$k]}")
    done
    hyperfine --warmup "$([ "$round" = 1 ] && echo "$warmup" || echo 0)" --runs 1 \
      --export-json "$json.round-$round" --style basic "${args[@]}"
  done
  jq -s 'def med: sort | if length % 2 == 1 then .[length / 2 | floor]
                         else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    [.[].results[]] as $all
    | {results: [$ARGS.positional[] as $n | [$all[] | select(.command == $n)]
      | {command: $n, median: [.[].mean] | med, user: [.[].user] | med,
         system: [.[].system] | med}]}' "$json".round-* --args "${names[@]}" >"$json"
}
