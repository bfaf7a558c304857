#!/usr/bin/env bash
# JMH micro-benchmarks of the hot kernels (FTRL predict/learn, featurize+hash, DeepMix mini-batch step, AUC update).
# They live in streams-app/src/jmh/java and compile only with the Maven profile 'jmh', never in ./mvnw verify.
# Usage: ops/bench/jmh.sh [JMH options, e.g. -f 1 -wi 2 -i 3 Ftrl]   (default: every benchmark, settings in the classes)
# Needs streams-app's dependencies installed once: ./mvnw -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
# the annotation processor must see the benchmark sources again: drop what an earlier compile left
rm -rf streams-app/target/test-classes/META-INF/BenchmarkList streams-app/target/test-classes/dev/streamrec/bench/jmh \
    streams-app/target/test-classes/dev/streamrec/models/deepmix/DeepMixStepBenchmark* \
    streams-app/target/test-classes/dev/streamrec/models/deepmix/jmh_generated \
    streams-app/target/generated-test-sources/test-annotations
./mvnw -B -q ${MVN_OFFLINE:--o} -Pjmh -pl streams-app test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
java -cp "streams-app/target/test-classes:streams-app/target/classes:$(cat streams-app/target/jmh.classpath)" \
    org.openjdk.jmh.Main "$@"
