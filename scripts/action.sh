#!/usr/bin/env bash
# The GitHub Action's step (action.yml): its inputs, from the environment, as the checker's flags.
# The key travels in CONFIDENT_API_KEY only, never on the command line. CONFIDENT_CLI overrides
# the command (tests run the checked-out bin); by default, this action's version from npm.
set -euo pipefail
args=(contract --target "$INPUT_TARGET" --fuzz "${INPUT_FUZZ:-5}" --reporter "${INPUT_REPORTER:-junit}" --output "${INPUT_REPORT_PATH:-contract-report.xml}")
if [ "${INPUT_WRITES:-false}" = "true" ]; then args+=(--writes); fi
if [ "${INPUT_ACCEPTS_ANY_KEY:-false}" = "true" ]; then args+=(--accepts-any-key); fi
if [ -n "${INPUT_SEED:-}" ]; then args+=(--seed "$INPUT_SEED"); fi
if [ -n "${CONFIDENT_CLI:-}" ]; then
  read -r -a cli <<< "$CONFIDENT_CLI"
else
  version=$(node -p "require(process.argv[1]).version" "$GITHUB_ACTION_PATH/package.json")
  cli=(npx --yes "confident-org-api-keys@$version")
fi
exec "${cli[@]}" "${args[@]}"
