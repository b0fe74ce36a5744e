package dev.p21bridge.ingress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A webhook body read in one allocation of its declared length. Javalin's {@code bodyAsBytes} copies every body
 * through an 8 KiB buffer, a growing {@code ByteArrayOutputStream} and a final copy: at 5,000 webhooks/s that was
 * over a quarter of everything the ingress JVM allocated (JFR, docs/benchmarks.md, ingress), and garbage at that rate
 * means a young collection every few hundred milliseconds, each one a pause every request in flight waits out.
 * A body without a declared length (chunked) is read up to one byte past the limit, so an oversize body is
 * recognised without reading the rest of it; {@link #discard} then reads that rest, bounded, so the 413 reaches a
 * client that is still sending (and the whole body of a 415, or of a 404 for an unknown source).
 */
final class RequestBody {

    private static final int DISCARD_CHUNK = 8_192;

    private RequestBody() {
    }

    /** The body, or {@code null} when it is longer than {@code maxBytes}. */
    static byte[] read(InputStream in, long declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            return null;
        }
        if (declaredLength >= 0) {
            byte[] body = new byte[(int) declaredLength];
            int read = in.readNBytes(body, 0, body.length);
            if (read < body.length) {
                throw new EOFException("body ended after " + read + " of " + declaredLength + " declared bytes");
            }
            return body;
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        return body.length > maxBytes ? null : body;
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
