package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Losses;
import dev.streamrec.features.Task;

/**
 * The output head of one task's tower: how the joint score z = wide(x) + deep(x) (+ offset) turns into a
 * prediction, and the per-example loss L(z, y) with its derivative dL/dz, which drives both the per-event wide
 * update and the mini-batch deep update.
 */
enum Head {
    /** Clicks: p = sigmoid(z), log loss {@code log(1 + e^z) - y z}, dL/dz = p - y. */
    LOGISTIC {
        @Override
        double loss(final double z, final double y) {
            return Losses.logLoss(z, y);
        }

        @Override
        double gradient(final double z, final double y) {
            return Losses.sigmoid(z) - y;
        }
    },
    /** Ratings: r = z, squared loss {@code (z - y)^2 / 2}, dL/dz = z - y (on the unclamped score). */
    SQUARED {
        @Override
        double loss(final double z, final double y) {
            return Losses.squaredLoss(z, y);
        }

        @Override
        double gradient(final double z, final double y) {
            return z - y;
        }
    };

    abstract double loss(double z, double y);

    abstract double gradient(double z, double y);

    static Head of(final Task task) {
        return switch (task) {
            case CLICK -> LOGISTIC;
            case RATING -> SQUARED;
        };
    }
}
