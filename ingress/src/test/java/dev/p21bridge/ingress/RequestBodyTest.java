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
