#!/usr/bin/env bash
# The whole test suite: unit tests, golden files, tool validations and the libvirtd integration tests.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
