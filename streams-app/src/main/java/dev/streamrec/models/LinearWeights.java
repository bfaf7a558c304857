package dev.streamrec.models;

import dev.streamrec.features.Task;

/**
 * Read access to a linear model's current weight per hashed feature, per task. LC-W&D initialises its "diagonal"
 * matrix M1 from these (Chen et al. 2017, Sec. 2.2: M1 pre-trained by LR, then trained jointly).
 */
@FunctionalInterface
public interface LinearWeights {
    /** The weight of hashed feature {@code index} in the model of {@code task}; 0 for a feature never seen. */
    double weight(Task task, int index);
}
