#!/usr/bin/env bash
# JMH micro-benchmark of NarWriter.hash against a plain MessageDigest SHA-256 of the same NAR
# bytes (in memory), for a 64 MiB file and a tree of 2,000 small files; prints MB/s and the
# throughput of NarWriter.hash as a percentage of the baseline (goal >= 70 %).
#
#   bash bench/jmh.sh            # build, then run with -f 1 -wi 2 -i 3 (about 3 minutes)
#   bash bench/jmh.sh --quick    # 1 short warm-up and measurement iteration each
#
# SKIP_BUILD=1 reuses the last build of bench/jmh. Extra JMH options go after "--".
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"
jmh_opts=(-f 1 -wi 2 -i 3)
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) jmh_opts=(-f 1 -wi 1 -i 1 -w 2s -r 2s) ;;
    --) shift; break ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "jmh.sh: unknown argument '$1'; use --quick, or -- JMH-OPTIONS" >&2; exit 2 ;;
  esac
  shift
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "jmh.sh: building (mvn install at the root, then bench/jmh)..." >&2
  (cd "$repo" && mvn -q -B install -DskipTests -Dspotless.check.skip=true >&2)
  (cd "$repo" && mvn -q -B -f bench/jmh/pom.xml package >&2)
fi

out="$(mktemp -d /tmp/cairn-jmh.XXXXXX)"
trap 'rm -rf "$out"' EXIT
java -cp "$repo/bench/jmh/target/classes:$repo/bench/jmh/target/lib/*" org.openjdk.jmh.Main \
  "${jmh_opts[@]}" -rf json -rff "$out/result.json" "$@" 'dev.cairn.bench.NarHashBenchmark'

# The "bytes" secondary result is NAR bytes per second (score and its 99.9 % error).
echo
echo "NarWriter.hash vs MessageDigest SHA-256 of the same NAR bytes (JMH ${jmh_opts[*]}):"
jq -r '
  def mbs: (.secondaryMetrics.bytes.score / 1e6);
  def err: (.secondaryMetrics.bytes.scoreError | if type == "number" then . / 1e6 | floor else "?" end);
  (map({key: "\(.params.input) \(.benchmark | split(".") | last)", value: .}) | from_entries) as $r
  | ["file64m", "tree2000"][] as $in
  | $r["\($in) narWriterHash"] as $c | $r["\($in) messageDigestSha256"] as $b
  | ($c | mbs) as $cm | ($b | mbs) as $bm
  | "\($in)\t\($cm | floor) +- \($c | err) MB/s\t\($bm | floor) +- \($b | err) MB/s\t\(100 * $cm / $bm | floor) %\t\(if $cm / $bm >= 0.70 then "PASS" else "MISS" end)"
' "$out/result.json" | {
  printf '%-10s %-20s %-20s %-9s %s\n' input NarWriter.hash MessageDigest tput goal\>=70%
  while IFS=$'\t' read -r a b c d e; do
    printf '%-10s %-20s %-20s %-9s %s\n' "$a" "$b" "$c" "$d" "$e"
  done
}
