package dev.p21bridge.ingress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A webhook body, read into a buffer that grows as bytes arrive. Javalin's {@code bodyAsBytes} copies every body
 * through an 8 KiB buffer, a growing {@code ByteArrayOutputStream} and a final copy: at 5,000 webhooks/s that was
 * over a quarter of everything the ingress JVM allocated (JFR, docs/benchmarks.md, ingress). So a body of up to
 * {@link #FIRST_CHUNK} (nearly every webhook) is still read in one allocation of its declared length. A larger
 * declared length is not allocated up front, though: a sender that declares 1 MiB and sends nothing would hold 1 MiB
 * for as long as it stalls, and a few hundred of them hundreds of MiB of a heap shared with everything. The buffer
 * starts at {@link #FIRST_CHUNK} and doubles, never past the declared length, only as bytes arrive.
 * A body without a declared length (chunked) is read the same way up to one byte past the limit, so an oversize body
 * is recognised without reading the rest of it; {@link #discard} then reads that rest, bounded, so the 413 reaches a
 * client that is still sending (and the whole body of a 415, or of a 404 for an unknown source).
 */
final class RequestBody {

    /** What a body may take before any of it arrived; the sample payloads are 1 to 3 KiB. */
    static final int FIRST_CHUNK = 16_384;
    private static final int DISCARD_CHUNK = 8_192;

    private RequestBody() {
    }

    /** The body, or {@code null} when it is longer than {@code maxBytes}. */
    static byte[] read(InputStream in, long declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            return null;
        }
        if (declaredLength >= 0) {
            int length = (int) declaredLength;
            byte[] body = new byte[Math.min(length, FIRST_CHUNK)];
            int filled = 0;
            while (filled < length) {
                if (filled == body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
                }
                int read = in.read(body, filled, body.length - filled);
                if (read < 0) {
                    throw new EOFException("body ended after " + filled + " of " + declaredLength + " declared bytes");
                }
                filled += read;
            }
            return body;
        }
        int limit = maxBytes + 1;
        byte[] body = new byte[Math.min(limit, FIRST_CHUNK)];
        int filled = 0;
        while (filled < limit) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(limit, 2L * body.length));
            }
            int read = in.read(body, filled, body.length - filled);
            if (read < 0) {
                return filled == body.length ? body : Arrays.copyOf(body, filled);
            }
            filled += read;
        }
        return null;
    }

    /**
     * Reads and drops what is left of a refused body, at most {@code maxBytes}. A server that answers and closes
     * while the body is still arriving makes the client's kernel receive a reset, which can destroy the answer before
     * the client reads it: the storefront sees a broken connection instead of a 413, and redelivers the same body.
     * Reading the rest first (nginx's "lingering close") delivers the answer and keeps the connection. A body
     * declared longer than {@code maxBytes} is not read at all, so a client cannot make the ingress read without end.
     *
     * @return whether the body ended within {@code maxBytes}, so the connection can carry another request
     */
    static boolean discard(InputStream in, long declaredLength, long maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            return false;
        }
        byte[] scratch = new byte[DISCARD_CHUNK];
        long left = maxBytes;
        while (left >= 0) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, left + 1));
            if (read < 0) {
                return true;
            }
            left -= read;
        }
        return false;
    }
}
