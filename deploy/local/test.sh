#!/usr/bin/env bash
# The test command: brings up local RabbitMQ + PostgreSQL (installing them if needed), then runs every test project.
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/infra.sh up >/dev/null
set -a
# shellcheck disable=SC1091
. .workflows/infra.env
set +a

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# Every assembly in parallel, except the tests that restart the shared RabbitMQ and PostgreSQL (trait
# Category=ServerRestarts: the fault-injection suite), which then run alone, printing their report.
dotnet test Workflows.sln --nologo --filter "Category!=ServerRestarts" "$@" 2>&1 | tee "$log" || status=$?
dotnet test tests/Workflows.FaultInjection.Tests --nologo --no-build --filter "Category=ServerRestarts" \
  --logger "console;verbosity=detailed" "$@" 2>&1 | tee -a "$log" || status=$?

# One closing line for CI and humans, summed over the test assemblies.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$log"
exit $status
