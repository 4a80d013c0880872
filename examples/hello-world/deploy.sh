#!/usr/bin/env bash
# Deploys the hello-world example onto this machine: builds the server and the client from
# the Java sources in src/, starts the server, and installs the client into the target's
# profile. Run it again after an edit: only what changed is rebuilt and restarted.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cairn="$here/../../cairn"

"$cairn" deploy \
  -s "$here/services.yaml" -i "$here/infrastructure.yaml" -d "$here/distribution.yaml" "$@"

root="${CAIRN_ROOT:-$([ "$(id -u)" = 0 ] && echo /var/lib/cairn || echo "$HOME/.local/share/cairn")}"
client="$root/profiles/target-test1-default/bin/hello-world-client"
cat <<MSG

hello-world runs. Talk to the server through the client (type hello, then quit):
  $client
See what runs where:        ./cairn query
Draw it:                    ./cairn visualize
Stop it and record that:    ./cairn deploy --undeploy
MSG
