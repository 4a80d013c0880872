# What the benchmark scripts share; sourced by store.sh, deploy.sh and remote.sh after they set
# $repo (the checkout) and $name (their own name, for messages).

# bench_workdir PREFIX: makes $work, a fresh directory under $BENCH_DIR (default /tmp), deleted
# when the script exits unless KEEP=1. A script that must stop things first defines
# bench_before_cleanup.
bench_workdir() {
  if [ -n "${BENCH_DIR:-}" ]; then
    mkdir -p "$BENCH_DIR"
    work="$(mktemp -d "$BENCH_DIR/$1.XXXXXX")"
  else
    work="$(mktemp -d "/tmp/cairn-$1.XXXXXX")"
  fi
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if declare -F bench_before_cleanup >/dev/null; then
    bench_before_cleanup
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "$name: kept $work" >&2
  else
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
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
