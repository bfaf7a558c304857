#!/usr/bin/python3
"""Peer baseline for streamrec's LR: scikit-learn's SGDClassifier(loss='log_loss').partial_fit with FeatureHasher,
prequential (each event scored before the model learns from it), on the click events `streamrec bench peer-dump`
wrote, with the same features and the same hash space (2^features.hash.bits) as streamrec's LR.

Install (Debian): apt-get install python3-sklearn   (brings numpy and scipy); run with /usr/bin/python3.
Usage: peer_sgd.py DUMP_DIR [--repeats N] [--batch B] [--limit N] [--markdown FILE]

Input DUMP_DIR/clicks.tsv: one click per line, `label<TAB>streamrec-lr-score<TAB>index:value ...` (streamrec's
hashed categorical features, the exact input of its LR, bias included), and DUMP_DIR/streamrec.properties (streamrec
LR's events/s and AUC measured by the same run on the same events).

Features for the peer: each streamrec feature becomes the pair (str(index), value) and FeatureHasher(n_features =
2^hash.bits, input_type='pair', alternate_sign=False) hashes it again into the same space, so the peer pays for
hashing as streamrec does and sees the same feature identities and values (its own MurmurHash3 places them in
other buckets, so collisions differ slightly). A second peer run uses streamrec's indices directly (a CSR matrix),
bit-identical input, to show the hashing step is not what separates the two.

Timed: the prequential loop only (hashing, predict_proba, partial_fit); reading the file is not timed, just as
streamrec's figure excludes generating/parsing the stream. AUC: sklearn.metrics.roc_auc_score over every click's
prequential score, for the peer and for streamrec's dumped LR scores alike.
"""
import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import roc_auc_score


def read_properties(path):
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                props[key.strip()] = value.strip().replace("\\:", ":").replace("\\ ", " ")
    return props


def read_clicks(path):
    labels, lr_scores, rows = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, score, features = line.rstrip("\n").split("\t")
            labels.append(int(label))
            lr_scores.append(float(score))
            pairs = []
            for token in features.split(" "):
                index, value = token.split(":")
                pairs.append((int(index), float(value)))
            rows.append(pairs)
    return np.array(labels), np.array(lr_scores), rows


def csr(rows, dimension):
    indptr, indices, data = [0], [], []
    for pairs in rows:
        for index, value in pairs:
            indices.append(index)
            data.append(value)
        indptr.append(len(indices))
    return sp.csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(rows), dimension))


def prequential(labels, inputs, transform, batch):
    """Scores each block of `batch` events before learning from it; returns (scores, seconds)."""
    model = SGDClassifier(loss="log_loss", random_state=0)
    scores = np.empty(len(labels))
    classes = np.array([0, 1])
    fitted = False
    start = time.perf_counter()
    for lo in range(0, len(labels), batch):
        hi = min(lo + batch, len(labels))
        x = transform(inputs[lo:hi])
        scores[lo:hi] = model.predict_proba(x)[:, 1] if fitted else 0.5
        model.partial_fit(x, labels[lo:hi], classes=classes)
        fitted = True
    return scores, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1, help="events per prequential step (1 = per event)")
    parser.add_argument("--limit", type=int, default=0,
                        help="use only the first N clicks (streamrec's AUC is then taken over the same N)")
    parser.add_argument("--markdown")
    args = parser.parse_args()
    props = read_properties(os.path.join(args.dump, "streamrec.properties"))
    labels, lr_scores, rows = read_clicks(os.path.join(args.dump, "clicks.tsv"))
    if args.limit > 0:
        labels, lr_scores, rows = labels[:args.limit], lr_scores[:args.limit], rows[:args.limit]
    dimension = 1 << int(props["hash.bits"])
    hasher = FeatureHasher(n_features=dimension, input_type="pair", alternate_sign=False)
    named = [[(str(i), v) for i, v in pairs] for pairs in rows]
    direct = csr(rows, dimension)
    variants = [
        ("scikit-learn SGDClassifier + FeatureHasher", named, hasher.transform),
        ("scikit-learn SGDClassifier, streamrec's indices (CSR)", direct, lambda x: x),
    ]
    results = []
    for name, inputs, transform in variants:
        rates, scores = [], None
        for _ in range(args.repeats):
            scores, seconds = prequential(labels, inputs, transform, args.batch)
            rates.append(len(labels) / seconds)
        results.append((name, statistics.median(rates), min(rates), max(rates), roc_auc_score(labels, scores)))
        print(f"{name}: {statistics.median(rates):,.0f} events/s, AUC {results[-1][4]:.4f}", file=sys.stderr)
    streamrec_rate = float(props["events.per.second.median"])
    streamrec_auc = roc_auc_score(labels, lr_scores)
    lines = [
        "",
        f"Peer comparison on {props['stream']}: {len(labels):,} click events, hash space 2^{props['hash.bits']}, "
        f"prequential in steps of {args.batch} event(s); streamrec's events/s from all "
        f"{int(props['events']):,} clicks of its run; python {platform.python_version()}, scikit-learn "
        f"{sklearn.__version__}, numpy {np.__version__}.",
        "",
        "| learner | events/s (median; min-max) | prequential AUC | streamrec LR speed ratio |",
        "|---|---:|---:|---:|",
        f"| streamrec LR (FTRL-Proximal), incl. featurization | {streamrec_rate:,.0f} "
        f"({float(props['events.per.second.min']):,.0f}-{float(props['events.per.second.max']):,.0f}) "
        f"| {streamrec_auc:.4f} | 1.0 |",
    ]
    for name, rate, lo, hi, auc in results:
        lines.append(f"| {name} | {rate:,.0f} ({lo:,.0f}-{hi:,.0f}) | {auc:.4f} | {streamrec_rate / rate:.1f} |")
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
