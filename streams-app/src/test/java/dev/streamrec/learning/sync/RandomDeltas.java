package dev.streamrec.learning.sync;

import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/** Round deltas with overlapping coordinates, rows and tensors of very different magnitudes, from a seed. */
final class RandomDeltas {
    private RandomDeltas() {
    }

    static RoundDelta of(final int task, final long round, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed * 31 + task);
        final SortedMap<String, PartDelta> parts = new TreeMap<>();
        final TreeSet<Integer> indices = new TreeSet<>();
        while (indices.size() < 20) {
            indices.add(random.nextInt(64));
        }
        final int[] index = indices.stream().mapToInt(Integer::intValue).toArray();
        final double[] dz = new double[index.length];
        final double[] dn = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            dz[k] = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
            dn[k] = Math.abs(random.nextGaussian()) * Math.pow(10, random.nextInt(-8, 8));
        }
        parts.put("lr/click", new PartDelta.Ftrl(index, dz, dn));
        final TreeSet<Long> keys = new TreeSet<>();
        while (keys.size() < 10) {
            keys.add((long) random.nextInt(30));
        }
        final long[] rowKeys = keys.stream().mapToLong(Long::longValue).toArray();
        final float[] delta = new float[rowKeys.length * 3];
        final float[] origin = new float[delta.length];
        final boolean[] created = new boolean[rowKeys.length];
        for (int k = 0; k < rowKeys.length; k++) {
            created[k] = random.nextBoolean();
            for (int j = 0; j < 3; j++) {
                delta[k * 3 + j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 6)));
                origin[k * 3 + j] = created[k] ? (float) random.nextGaussian() : 0f;
            }
        }
        parts.put("deepmix/embedding", new PartDelta.Rows(3, rowKeys, delta, created, origin));
        if (random.nextBoolean()) {
            final float[] dense = new float[17];
            for (int i = 0; i < dense.length; i++) {
                dense[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 6)));
            }
            parts.put("deepmix/trunk", new PartDelta.Dense(dense));
        }
        return new RoundDelta(task, round, parts);
    }
}
