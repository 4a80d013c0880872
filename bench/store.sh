#!/usr/bin/env bash
# Store benchmarks: Cairn against its peer (Nix 2.8's nix-store, or sha256sum), both measured in
# the same run on the same data, reported as the ratio of medians (Cairn / peer; <= 1.0 is the
# goal). See bench/README.md for what each scenario measures and the caveats.
#
#   bash bench/store.sh            # the full run (about 5-10 minutes on 2 cores)
#   bash bench/store.sh --quick    # a smoke run of every scenario on small data (< 1 minute)
#
# Environment: BENCH_DIR (default: a fresh directory under /tmp) holds the data and the stores
# and is deleted afterwards (keep it with KEEP=1); CAIRN is the cairn launcher to run (default:
# a snapshot of this checkout's build, run by its ./cairn launcher); RUNS overrides the number of timed runs per command;
# ONLY (a bash regex) keeps the scenarios whose name matches, e.g. ONLY='import|export'.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "store.sh: unknown argument '$arg'; use --quick or nothing" >&2; exit 2 ;;
  esac
done

for tool in hyperfine nix-store jq perl sha256sum cmp; do
  command -v "$tool" >/dev/null || { echo "store.sh: '$tool' is missing; install it first" >&2; exit 1; }
done

if [ "$quick" = 1 ]; then
  big_files=8 big_size=$((4 * 1024 * 1024)) # 32 MiB in 8 files
  small_files=600
  export_paths=100
  runs="${RUNS:-2}" version_runs="${RUNS:-10}" warmup=0
else
  big_files=100 big_size=$((1024 * 1024 * 1024 / 100)) # 1 GiB in 100 files
  small_files=20000
  export_paths=5000
  runs="${RUNS:-5}" version_runs="${RUNS:-30}" warmup=1
fi
small_min=1024 small_max=8192
export_min=$((96 * 1024)) export_max=$((109 * 1024)) # ~102 KiB on average: ~500 MiB in all
seed=20260101

name=store.sh
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
bench_workdir store-bench

# Nix with a chroot store: paths are /nix/store/..., files live under DIR/nix/store.
nix_opts=(--option build-users-group "" --option sandbox false)
nixs() { # nixs STORE-ROOT ARGS...
  local root="$1"
  shift
  nix-store --store "$root" "${nix_opts[@]}" "$@"
}
cairn() { # cairn ROOT ARGS...
  local root="$1"
  shift
  "$CAIRN" --root "$root" --store-dir /nix/store "$@"
}
nix_cmd="nix-store --option build-users-group '' --option sandbox false"

# ---------------------------------------------------------------------------------------------
# Results: one line per scenario, "name;cairn-seconds;peer-seconds;kind", kind being "ratio"
# (goal: Cairn/peer <= 1.0), "tput" (goal: Cairn's throughput >= 70 % of the peer's) or
# "abs" (goal: Cairn's median <= 0.3 s; the peer is for reference).
results=()
notes=()

# median JSON-FILE INDEX: the median wall time, in seconds, of hyperfine's INDEX-th command.
median() { jq -r ".results[$2].median" "$1"; }

# bench NAME KIND CAIRN-CMD PEER-CMD [CAIRN-PREPARE PEER-PREPARE] [RUNS]: times both commands
# in interleaved rounds (lib.sh's hyperfine_rounds, so that they share the machine's drifts) and
# records the medians.
bench() {
  local name="$1" kind="$2" cairn_cmd="$3" peer_cmd="$4" cprep="${5:-}" pprep="${6:-}"
  local n="${7:-$runs}"
  if [ -n "${ONLY:-}" ] && ! [[ "$name" =~ $ONLY ]]; then
    return 0
  fi
  local json="$work/hf-$(( ${#results[@]} )).json"
  echo
  echo "=== $name"
  hyperfine_rounds "$json" "$warmup" "$n" cairn "$cprep" "$cairn_cmd" peer "$pprep" "$peer_cmd"
  results+=("$name;$(median "$json" 0);$(median "$json" 1);$kind")
}

mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }

# ---------------------------------------------------------------------------------------------
# Data, from a fixed seed (sizes) and /dev/urandom (contents, incompressible).

# make_files DIR COUNT MIN MAX PER-DIR: COUNT files of MIN..MAX bytes, PER-DIR to a subdirectory
# (0: all in DIR), named so that their order is stable.
make_files() {
  perl -e '
    use strict;
    my ($dir, $count, $min, $max, $per, $seed) = @ARGV;
    srand($seed);
    open(my $rnd, "<:raw", "/dev/urandom") or die "urandom: $!";
    mkdir $dir or die "$dir: $!";
    for my $i (0 .. $count - 1) {
      my $d = $dir;
      if ($per > 0) {
        $d = sprintf("%s/d%03d", $dir, int($i / $per));
        -d $d or mkdir $d or die "$d: $!";
      }
      my $size = $min + int(rand($max - $min + 1));
      my $got = read($rnd, my $buf, $size);
      defined $got && $got == $size or die "short read from urandom";
      open(my $out, ">:raw", sprintf("%s/f%05d", $d, $i)) or die "$d: $!";
      print $out $buf or die "write: $!";
      close($out) or die "close: $!";
    }' "$@" "$seed"
}

echo "store.sh: $([ "$quick" = 1 ] && echo quick || echo full) run in $work" \
  "($runs runs per command, $warmup warm-up; every side runs warm: page cache not dropped)"
echo "store.sh: $(nix-store --version), $(hyperfine --version), $(nproc) cores"
bench_cairn

echo "store.sh: generating data..."
make_files "$work/big" "$big_files" "$big_size" "$big_size" 0
make_files "$work/small" "$small_files" "$small_min" "$small_max" 200
make_files "$work/paths" "$export_paths" "$export_min" "$export_max" 0
echo "store.sh: big: $big_files files, $(mib "$(du -sb "$work/big" | cut -f1)");" \
  "small: $small_files files of $small_min-$small_max bytes in $(( (small_files + 199) / 200 ))" \
  "directories, $(mib "$(du -sb "$work/small" | cut -f1)");" \
  "export: $export_paths paths of ~$(( (export_min + export_max) / 2048 )) KiB"

# ---------------------------------------------------------------------------------------------
# a. store add into a fresh store each run (the prepare step deletes the store and syncs, so
# that the previous run's write-back does not land in the next run).

for tree in big small; do
  # Both must compute the same path; check once, outside the timing.
  want="$(nixs "$work/check-n" --add "$work/$tree")"
  got="$(cairn "$work/check-c" store add "$work/$tree")"
  if [ "$want" != "$got" ]; then
    echo "store.sh: cairn store add gave $got, nix-store --add $want" >&2
    exit 1
  fi
  rm -rf "$work/check-n" "$work/check-c"
  bench "add $tree" ratio \
    "$cairn_cmd --root $work/add-c --store-dir /nix/store store add $work/$tree" \
    "$nix_cmd --store $work/add-n --add $work/$tree" \
    "rm -rf $work/add-c; sync" "rm -rf $work/add-n; sync"
done
rm -rf "$work/add-c" "$work/add-n"

# ---------------------------------------------------------------------------------------------
# b. NAR serialisation piped through sha256sum, and NAR hashing against sha256sum of the NAR.

for tree in big small; do
  a="$(cairn "$work/dump-root" store dump "$work/$tree" | sha256sum)"
  b="$(nixs "$work/dump-n" --dump "$work/$tree" | sha256sum)"
  [ "$a" = "$b" ] || { echo "store.sh: the NARs of $tree differ: $a vs $b" >&2; exit 1; }
  bench "dump $tree | sha256sum" ratio \
    "$cairn_cmd store dump $work/$tree | sha256sum" \
    "$nix_cmd --store $work/dump-n --dump $work/$tree | sha256sum"
done

for tree in big small; do
  nixs "$work/dump-n" --dump "$work/$tree" >"$work/$tree.nar"
  nar_bytes="$(stat -c %s "$work/$tree.nar")"
  want="$(nix-hash --type sha256 --base32 "$work/$tree")"
  got="$(cairn "$work/dump-root" store hash "$work/$tree" | head -1)"
  got="${got#sha256:}"
  [ "$want" = "$got" ] || { echo "store.sh: NAR hash of $tree: cairn $got, nix $want" >&2; exit 1; }
  bench "hash $tree vs sha256sum NAR" tput \
    "$cairn_cmd store hash $work/$tree" \
    "sha256sum $work/$tree.nar"
  last="${results[*]: -1}"
  if [[ "$last" == "hash $tree "* ]]; then # not skipped by ONLY
    IFS=';' read -r _ tc tp _ <<<"$last"
    notes+=("hash $tree: NAR of $(mib "$nar_bytes"); cairn store hash $(awk -v b="$nar_bytes" -v t="$tc" \
    'BEGIN { printf "%.0f", b / t / 1e6 }') MB/s, sha256sum $(awk -v b="$nar_bytes" -v t="$tp" \
    'BEGIN { printf "%.0f", b / t / 1e6 }') MB/s (whole commands, start-up included)")
  fi
  rm -f "$work/$tree.nar"
done
rm -rf "$work/dump-root" "$work/dump-n"

# ---------------------------------------------------------------------------------------------
# c. add, export and import of the same paths; each tool imports a stream it exported itself.

# The export's paths are added by one command each side, a path per file: what a user who adds
# many files at once waits for.
find "$work/paths" -type f | sort >"$work/files"
for side in cairn nix; do
  if [ "$side" = cairn ]; then
    add="$cairn_cmd --root $(q "$work/exp-c") --store-dir /nix/store store add"
  else
    add="$nix_cmd --store $(q "$work/exp-n") --add"
  fi
  cat >"$work/add-$side.sh" <<EOF
mapfile -t f <$(q "$work/files")
exec $add "\${f[@]}" >$(q "$work/list.$side")
EOF
done
bench "add $export_paths paths" ratio "bash $work/add-cairn.sh" "bash $work/add-nix.sh" \
  "rm -rf $work/exp-c; sync" "rm -rf $work/exp-n; sync"
if [ ! -f "$work/list.nix" ]; then # ONLY skipped it: the export needs the stores, untimed
  echo "store.sh: adding the $export_paths export paths to a Nix and a Cairn store (not timed)..."
  bash "$work/add-cairn.sh"
  bash "$work/add-nix.sh"
fi
if ! cmp -s "$work/list.nix" "$work/list.cairn"; then
  echo "store.sh: cairn and nix-store --add gave different paths" >&2
  exit 1
fi
sort -o "$work/list" "$work/list.nix"
echo "store.sh: export command line: $(wc -c <"$work/list") bytes of paths" \
  "(limit $(getconf ARG_MAX)); passed as arguments of one process by a wrapper script"
# The paths go through a script (sh -c would get them as one string, over MAX_ARG_STRLEN).
cat >"$work/export-cairn.sh" <<EOF
mapfile -t p <$(q "$work/list")
exec $cairn_cmd --root $(q "$work/exp-c") --store-dir /nix/store store export "\${p[@]}"
EOF
cat >"$work/export-nix.sh" <<EOF
mapfile -t p <$(q "$work/list")
exec $nix_cmd --store $(q "$work/exp-n") --export "\${p[@]}"
EOF

bench "export $export_paths paths" ratio \
  "bash $work/export-cairn.sh >$work/stream.cairn" \
  "bash $work/export-nix.sh >$work/stream.nix"
if [ ! -f "$work/stream.nix" ]; then
  # ONLY skipped the export: make the streams the import reads, untimed.
  bash "$work/export-cairn.sh" >"$work/stream.cairn"
  bash "$work/export-nix.sh" >"$work/stream.nix"
fi
stream_bytes="$(stat -c %s "$work/stream.nix")"
if cmp -s "$work/stream.cairn" "$work/stream.nix"; then
  notes+=("export: the two streams are byte-identical ($(mib "$stream_bytes"), $export_paths paths)")
else
  notes+=("export: the streams DIFFER: $(cmp "$work/stream.cairn" "$work/stream.nix" 2>&1 | head -1)")
fi

bench "import $export_paths paths" ratio \
  "$cairn_cmd --root $work/imp-c --store-dir /nix/store store import <$work/stream.cairn" \
  "$nix_cmd --store $work/imp-n --import <$work/stream.nix" \
  "rm -rf $work/imp-c; sync" "rm -rf $work/imp-n; sync"
if [ -d "$work/imp-c" ]; then
  imported="$(cairn "$work/imp-c" store verify --check-contents >/dev/null 2>&1 && echo ok || echo FAILED)"
  notes+=("import: cairn store verify --check-contents on the last imported store: $imported")
fi
rm -rf "$work/exp-n" "$work/exp-c" "$work/imp-n" "$work/imp-c" "$work"/stream.*

# ---------------------------------------------------------------------------------------------
# d. Start-up.

bench "--version (start-up)" abs "$cairn_cmd --version" "nix-store --version" "" "" "$version_runs"
# Where start-up goes: the same JVM without the launcher script, and the source checkout's
# ./cairn, which also looks for sources newer than its jar (a find over the checkout).
dist="$(dirname "$CAIRN")"
if [ -f "$dist/cairn.jar" ] && [ -f "$dist/cairn.jsa" ]; then
  json="$work/hf-startup.json"
  jvm="java -XX:+UseSerialGC -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions"
  cds="-XX:SharedArchiveFile=$dist/cairn.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  version="-jar $dist/cairn.jar --version"
  startup_cmds=("$jvm $cds -XX:ArchiveRelocationMode=0 $version" "$jvm $cds $version"
    "$jvm -Xshare:off $version")
  if [ -f "$repo/cli/target/cairn.jar" ] && [ -z "$(find "$repo" -path "$repo/bench" -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -newer "$repo/cli/target/cairn.jar" -print -quit)" ]; then
    startup_cmds+=("$(q "$repo/cairn") --version")
  fi
  hyperfine --warmup 1 --runs "$version_runs" --export-json "$json" --style none \
    "${startup_cmds[@]}" >/dev/null
  at() { awk -v t="$(median "$json" "$1")" 'BEGIN { printf "%.3f s", t }'; }
  notes+=("--version: JVM alone (java -jar, CDS archive, no launcher script) $(at 0); the same with the archive relocated (the JDK's default) $(at 1); without the archive $(at 2)")
  if [ "${#startup_cmds[@]}" = 4 ]; then
    notes+=("--version: ./cairn of the source checkout (adds its find for stale sources) $(at 3)")
  fi
fi

# ---------------------------------------------------------------------------------------------
# Summary.

echo
echo "Summary ($([ "$quick" = 1 ] && echo "QUICK smoke run, small data" || echo "full run");" \
  "medians of $runs runs, $version_runs for start-up; warm page cache; ratio = cairn / peer)"
printf '%-30s %10s %10s %7s  %-22s %s\n' scenario cairn peer ratio goal result
printf '%-30s %10s %10s %7s  %-22s %s\n' -------- ----- ---- ----- ---- ------
for r in "${results[@]}"; do
  IFS=';' read -r name tc tp kind <<<"$r"
  case "$kind" in
    ratio) goal="ratio <= 1.00" ok="$(awk -v c="$tc" -v p="$tp" 'BEGIN { print (c / p <= 1.0) }')" ;;
    tput) goal="tput >= 70% of peer" ok="$(awk -v c="$tc" -v p="$tp" 'BEGIN { print (p / c >= 0.70) }')" ;;
    abs) goal="cairn <= 0.300 s" ok="$(awk -v c="$tc" 'BEGIN { print (c <= 0.300) }')" ;;
  esac
  extra=""
  [ "$kind" = tput ] && extra="$(awk -v c="$tc" -v p="$tp" 'BEGIN { printf " (%.0f%%)", 100 * p / c }')"
  printf '%-30s %9.3fs %9.3fs %7.2f  %-22s %s%s\n' "$name" "$tc" "$tp" \
    "$(awk -v c="$tc" -v p="$tp" 'BEGIN { print c / p }')" "$goal" \
    "$([ "$ok" = 1 ] && echo PASS || echo MISS)" "$extra"
done
echo
for n in "${notes[@]}"; do
  echo "note: $n"
done
echo "peers: add/export/import/dump: nix-store $(nix-store --version | awk '{print $NF}');" \
  "hash: sha256sum of the NAR file; start-up: nix-store --version (reference only)"
