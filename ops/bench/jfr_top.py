#!/usr/bin/python3
"""Summarizes the CPU samples (jdk.ExecutionSample) of a JFR recording as Markdown tables.

Usage: jfr_top.py RECORDING.jfr [--top N] [--markdown FILE]
Runs `jfr print --json --events jdk.ExecutionSample` (the JDK's jfr tool on PATH) and prints:
  1. samples by thread group (thread name with trailing digits dropped);
  2. the hottest methods by self samples (top frame), each with its most frequent caller outside the JDK;
  3. streamrec's components by inclusive samples (a sample counts for a component when any frame of its stack is in
     it), so the share of each step of the path is visible.
JFR samples Java frames of running threads every 10-20 ms (settings=profile); native code (ND4J's BLAS) shows as
the Java method that called it.
"""
import argparse
import collections
import json
import re
import subprocess
import sys

COMPONENTS = [
    ("featurize (Featurizer, hashing)", ("dev.streamrec.features.",)),
    ("LR (FTRL-Proximal)", ("dev.streamrec.models.lr.",)),
    ("LC-W&D", ("dev.streamrec.models.lcwd.",)),
    ("DeepMix", ("dev.streamrec.models.deepmix.",)),
    ("ND4J / native BLAS", ("org.nd4j.", "org.bytedeco.")),
    ("prequential metrics", ("dev.streamrec.metrics.",)),
    ("state encoding (drainChanges)", ("drainChanges",)),
    ("state stores + changelog", ("dev.streamrec.state.", "org.apache.kafka.streams.state.")),
    ("Avro + registry serdes", ("org.apache.avro.", "dev.streamrec.registry.")),
    ("Kafka Streams runtime", ("org.apache.kafka.streams.",)),
    ("Kafka clients (producer/consumer)", ("org.apache.kafka.clients.", "org.apache.kafka.common.")),
    ("Kafka broker (kafka.*, storage, raft)", ("kafka.", "org.apache.kafka.storage.", "org.apache.kafka.raft.",
                                             "org.apache.kafka.server.", "org.apache.kafka.metadata.")),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--markdown")
    args = parser.parse_args()
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          args.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    threads = collections.Counter()
    self_counts = collections.Counter()
    callers = collections.defaultdict(collections.Counter)
    inclusive = collections.Counter()
    for event in events:
        values = event["values"]
        thread = values.get("sampledThread") or {}
        name = thread.get("javaName") or thread.get("osName") or "?"
        name = name.replace("|", "/")
        threads[re.sub(r"[-_]?\d+$", "", re.sub(r"-[0-9a-f]{8}-[0-9a-f-]{27}", "", name))] += 1
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        names = [frame_name(f) for f in frames]
        self_counts[names[0]] += 1
        # the first caller outside the JDK says which part of the application the sample belongs to
        caller = next((n for n in names[1:] if not n.startswith(("java.", "jdk.", "sun."))), "-")
        callers[names[0]][caller] += 1
        for label, prefixes in COMPONENTS:
            if any(any(p in n if not p.endswith(".") else n.startswith(p) for p in prefixes) for n in names):
                inclusive[label] += 1
    total = max(1, len(events))
    lines = [f"", f"{len(events):,} CPU samples.", "", "| thread | samples | share |", "|---|---:|---:|"]
    lines += [f"| {t} | {c:,} | {100 * c / total:.1f} % |" for t, c in threads.most_common(8)]
    lines += ["", "| component (inclusive: anywhere on the stack) | samples | share |", "|---|---:|---:|"]
    lines += [f"| {label} | {inclusive[label]:,} | {100 * inclusive[label] / total:.1f} % |"
              for label, _ in COMPONENTS if inclusive[label]]
    lines += ["", "| hottest methods (self: top frame) | samples | share | most frequent non-JDK caller |",
              "|---|---:|---:|---|"]
    lines += [f"| `{m}` | {c:,} | {100 * c / total:.1f} % | `{callers[m].most_common(1)[0][0]}` |"
              for m, c in self_counts.most_common(args.top)]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
