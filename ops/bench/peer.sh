#!/usr/bin/env bash
# streamrec LR vs scikit-learn's SGDClassifier on the same click stream, one run, ratio printed.
# Needs the built jar (./mvnw -B -q package -DskipTests) and Debian's python3-sklearn (apt-get install python3-sklearn).
# Usage: ops/bench/peer.sh [bench stream options, e.g. --movielens ../shared/data/ml-100k] [-- peer_sgd.py options]
# Example: ops/bench/peer.sh --movielens ../shared/data/ml-100k --events 200000 -- --repeats 3 --batch 1
set -euo pipefail
cd "$(dirname "$0")/../.."
bench_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do bench_args+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
dump="$(mktemp -d -t streamrec-peer-XXXXXX)"
trap 'rm -rf "$dump"' EXIT
java -jar streams-app/target/streamrec.jar bench peer-dump --out "$dump" "${bench_args[@]}"
/usr/bin/python3 ops/bench/peer_sgd.py "$dump" "$@"
