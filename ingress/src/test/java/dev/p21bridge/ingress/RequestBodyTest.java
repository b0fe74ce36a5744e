package dev.p21bridge.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static final int LIMIT = 16;

    @Test
    void shouldReadExactlyTheDeclaredLength() throws IOException {
        byte[] body = RequestBody.read(trickle("{\"id\":10452}"), 12, LIMIT);

        assertThat(new String(body)).isEqualTo("{\"id\":10452}");
    }

    @Test
    void shouldReadABodyOfExactlyTheLimit() throws IOException {
        assertThat(RequestBody.read(new ByteArrayInputStream(bytes(LIMIT)), LIMIT, LIMIT)).hasSize(LIMIT);
        assertThat(RequestBody.read(new ByteArrayInputStream(bytes(LIMIT)), -1, LIMIT)).hasSize(LIMIT);
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitWithoutReading() throws IOException {
        assertThat(RequestBody.read(neverRead(), LIMIT + 1, LIMIT)).isNull();
    }

    @Test
    void shouldReadAChunkedBodyUnderTheLimit() throws IOException {
        assertThat(RequestBody.read(trickle("{}"), -1, LIMIT)).containsExactly('{', '}');
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitReadingOnlyOneBytePastIt() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(LIMIT * 4));

        assertThat(RequestBody.read(in, -1, LIMIT)).isNull();
        assertThat(in.available()).isEqualTo(LIMIT * 4 - LIMIT - 1);
    }

    @Test
    void shouldFailWhenTheBodyEndsBeforeItsDeclaredLength() {
        assertThatThrownBy(() -> RequestBody.read(trickle("{\"id\""), 12, LIMIT))
                .isInstanceOf(EOFException.class).hasMessageContaining("5 of 12");
    }

    @Test
    void shouldDiscardTheRestOfARefusedBodyUpToItsEnd() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(LIMIT * 4));

        assertThat(RequestBody.discard(in, LIMIT * 4, LIMIT * 4)).isTrue();
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldReportTheEndOfARestOfExactlyTheDiscardLimitReadInTrickles() throws IOException {
        assertThat(RequestBody.discard(trickle("x".repeat(LIMIT)), -1, LIMIT)).isTrue();
    }

    @Test
    void shouldNotReadABodyDeclaredLongerThanTheDiscardLimit() throws IOException {
        assertThat(RequestBody.discard(neverRead(), LIMIT + 1, LIMIT)).isFalse();
    }

    @Test
    void shouldStopDiscardingAChunkedBodyOneBytePastTheDiscardLimit() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(LIMIT * 4));

        assertThat(RequestBody.discard(in, -1, LIMIT)).isFalse();
        assertThat(in.available()).isEqualTo(LIMIT * 4 - LIMIT - 1);
    }

    /**
     * A sender that declares 1 MiB and then sends ten bytes must not hold 1 MiB of heap: a few hundred of them once
     * held hundreds of MiB. The buffer starts small and grows only as bytes arrive.
     */
    @Test
    void shouldGrowTheBufferAsBytesArriveInsteadOfAllocatingTheDeclaredLengthUpFront() {
        int declared = 1_048_576;
        int[] largestBuffer = {0};
        InputStream tenBytesThenGone = new InputStream() {
            private int left = 10;

            @Override
            public int read() {
                throw new AssertionError("read in bulk");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                largestBuffer[0] = Math.max(largestBuffer[0], b.length);
                if (left == 0) {
                    throw new EOFException("sender gone");
                }
                int n = Math.min(len, left);
                left -= n;
                return n;
            }
        };

        assertThatThrownBy(() -> RequestBody.read(tenBytesThenGone, declared, declared))
                .isInstanceOf(EOFException.class);
        assertThat(largestBuffer[0]).isLessThanOrEqualTo(RequestBody.FIRST_CHUNK).isLessThan(declared / 16);
    }

    @Test
    void shouldReadADeclaredLengthThatArrivesInTricklesAcrossSeveralGrowths() throws IOException {
        String text = "y".repeat(RequestBody.FIRST_CHUNK * 5 + 3);

        byte[] body = RequestBody.read(chunks(text, 1_000), text.length(), text.length());

        assertThat(new String(body)).isEqualTo(text);
    }

    @Test
    void shouldReadAChunkedBodyOfSeveralGrowthsExactlyToItsEnd() throws IOException {
        String text = "z".repeat(RequestBody.FIRST_CHUNK * 3 + 1);

        assertThat(new String(RequestBody.read(chunks(text, 777), -1, text.length()))).isEqualTo(text);
        assertThat(RequestBody.read(chunks(text, 777), -1, text.length() - 1)).isNull();
    }

    /** A stream that hands out at most {@code size} bytes per read. */
    private static InputStream chunks(String text, int size) {
        ByteArrayInputStream all = new ByteArrayInputStream(text.getBytes());
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len == 0 ? 0 : all.read(b, off, Math.min(len, size));
            }
        };
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static InputStream neverRead() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
    }

    /** A stream that hands out one byte per read, as a slow connection does. */
    private static InputStream trickle(String text) {
        ByteArrayInputStream all = new ByteArrayInputStream(text.getBytes());
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len == 0 ? 0 : all.read(b, off, 1);
            }
        };
    }
}
