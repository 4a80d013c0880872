#!/bin/sh
# Prints the greeting file given as the first argument.
set -eu
cat "${1:?usage: hello.sh GREETING_FILE}"
