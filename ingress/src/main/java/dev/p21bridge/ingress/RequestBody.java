package dev.p21bridge.ingress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A webhook body read in one allocation of its declared length. Javalin's {@code bodyAsBytes} copies every body
 * through an 8 KiB buffer, a growing {@code ByteArrayOutputStream} and a final copy: at 5,000 webhooks/s that was
 * over a quarter of everything the ingress JVM allocated (JFR, BENCHMARKS.md section 1), and garbage at that rate
 * means a young collection every few hundred milliseconds, each one a pause every request in flight waits out.
 * A body without a declared length (chunked) is read up to one byte past the limit, so an oversize body is
 * recognised without reading the rest of it.
 */
final class RequestBody {

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
}
