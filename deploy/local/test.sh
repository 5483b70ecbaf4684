#!/usr/bin/env bash
# The test command: brings up local RabbitMQ + PostgreSQL and installs Chromium (if needed), then runs every test project.
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/infra.sh up >/dev/null

# The dashboard's browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# The k8s tests render with kubectl (Debian's kubernetes-client) and validate with Node.js packages (npm ci).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  printf 'test: installing %s (apt-get)\n' "${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
set -a
# shellcheck disable=SC1091
. .workflows/infra.env
set +a

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# Every assembly in parallel, except the fault suites, which then run alone, printing their report: the one that
# restarts the shared RabbitMQ and PostgreSQL (Category=ServerRestarts) and the network faults in network namespaces
# (Category=NetworkFaults: they need root, and their 500-order runs would slow every other suite).
dotnet test Workflows.sln --nologo --filter "Category!=ServerRestarts&Category!=NetworkFaults" "$@" 2>&1 | tee "$log" || status=$?
dotnet test tests/Workflows.FaultInjection.Tests --nologo --no-build --filter "Category=ServerRestarts|Category=NetworkFaults" \
  --logger "console;verbosity=detailed" "$@" 2>&1 | tee -a "$log" || status=$?

# One closing line for CI and humans, summed over the test assemblies: the minimal summaries ("Passed!  - Failed: 0,
# Passed: 60, …") and the detailed logger's ("Total tests: 1" then "     Passed: 1").
awk '{ line = $0; sub(/^ +/, "", line); n = split(line, w, /[ ,]+/) }
     /^(Passed|Failed)!/ { for (i = 1; i < n; i++) { if (w[i] == "Passed:") p += w[i+1]; if (w[i] == "Failed:") f += w[i+1]; if (w[i] == "Skipped:") s += w[i+1] } }
     /^Total tests:/ { detailed = 1; next }
     detailed && w[1] == "Passed:" { p += w[2] }
     detailed && w[1] == "Failed:" { f += w[2] }
     detailed && w[1] == "Skipped:" { s += w[2] }
     /Total time:/ { detailed = 0 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# CI shows the end of the output: repeat each failure (name, message, the top of its stack) after the summary.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  printf '\nfailed:\n'
  grep -A 14 -E '^ +Failed [A-Za-z]' "$log" | cut -c1-400
fi
exit $status
