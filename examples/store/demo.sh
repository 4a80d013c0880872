#!/usr/bin/env bash
# Cairn's store, end to end: build the example recipe, look at its closure, make two
# generations of a profile and roll back. Uses the default root (/var/lib/cairn as root,
# ~/.local/share/cairn otherwise) unless CAIRN_ROOT or --root says otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cairn="$here/../../cairn"

step() { printf '\n\033[1m$ cairn %s\033[0m\n' "$*"; "$cairn" "$@"; }

step store build "$here/hello.yaml"
first="$("$cairn" store build "$here/hello.yaml" 2>/dev/null)"
echo "running $first/bin/hello:"
"$first/bin/hello"

step store closure "$first"
step store path-info "$first"

# A second version: the same recipe with another greeting.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/hello-src" "$work/"
sed 's/Hello from Cairn!/Bonjour from Cairn!/' "$here/hello.yaml" > "$work/hello.yaml"
second="$("$cairn" store build "$work/hello.yaml" 2>/dev/null)"

step profile set --profile demo "$first"
step profile set --profile demo "$second"
profile="$("$cairn" profile list-generations --profile demo --json |
  sed -n 's/.*"path" : "\(.*\)".*/\1/p' | tail -n1)"
echo "generation 2 says: $("$second/bin/hello")"
step profile list-generations --profile demo
step profile rollback --profile demo
step profile list-generations --profile demo
echo "the profile now says: $("$first/bin/hello")"
step store gc --dry-run
cat <<MSG

Done. The profile 'demo' keeps both versions alive; to clean up:
  ./cairn profile delete-generations --profile demo old && ./cairn store gc
MSG
