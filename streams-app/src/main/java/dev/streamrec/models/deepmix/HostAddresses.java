package dev.streamrec.models.deepmix;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;

/**
 * The host addresses of the ND4J buffers this thread used last, for {@link Gemm} and {@link HostRows}:
 * {@code DataBuffer.addressPointer()} is a JNI call and a new pointer object (16 % of the mini-batch step's Java
 * samples in JFR of {@code bench towers}, three per gemm), while the step's buffers (work arrays, parameter and
 * gradient views) are the same few dozen objects every step and their host memory never moves. Direct-mapped by
 * identity, {@value #CACHED} entries per thread, each holding its buffer, so a cached buffer is never freed under
 * its address (at most that many are kept alive). Callers wrap the result in a new typed pointer, whose position
 * they may set.
 */
final class HostAddresses {
    private static final int CACHED = 128;
    private static final ThreadLocal<HostAddresses> PER_THREAD = ThreadLocal.withInitial(HostAddresses::new);

    private final DataBuffer[] buffers = new DataBuffer[CACHED];
    private final Pointer[] addresses = new Pointer[CACHED];

    private HostAddresses() {
    }

    /** {@code buffer.addressPointer()}, from this thread's cache when it holds that buffer. */
    static Pointer of(final DataBuffer buffer) {
        return PER_THREAD.get().lookup(buffer);
    }

    private Pointer lookup(final DataBuffer buffer) {
        final int i = System.identityHashCode(buffer) & (CACHED - 1);
        if (buffers[i] != buffer) {
            addresses[i] = buffer.addressPointer();
            buffers[i] = buffer;
        }
        return addresses[i];
    }
}
