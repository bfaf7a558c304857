package dev.streamrec.models.lcwd;

/**
 * Gradients of the mean joint loss of one mini-batch with respect to one tower's deep parameters.
 *
 * @param weightGrads per dense layer (M2 first, output layer last), row-major like {@link DenseLayer#weights}
 * @param biasGrads   per dense layer
 * @param m1Slots     the M1 slots the batch touched, in first-touch order
 * @param m1Grads     dL/dM1 for each of {@code m1Slots}
 * @param loss        the mean joint loss of the batch at the parameters the gradients were taken at
 */
record TowerGradients(float[][] weightGrads, float[][] biasGrads, int[] m1Slots, float[] m1Grads, double loss) {
}
