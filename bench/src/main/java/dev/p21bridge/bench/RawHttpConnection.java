package dev.p21bridge.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket, used by one generator thread at a time: writes a request
 * built in full beforehand and reads the answer's status, skipping its body.
 *
 * <p>Why not {@link java.net.http.HttpClient}: on two cores shared with the endpoint under test, the generator's
 * CPU decides how fast the endpoint can look. The JDK client spends tens of microseconds per request on futures,
 * header maps and its selector thread (its worker threads took 7 % of the whole machine in the end-to-end run at
 * 300 orders/s); a blocking socket spends two system calls and a status-line parse. Both endpoints of a comparison
 * get the same client, so it does not favour either.
 */
final class RawHttpConnection implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress address;
    private final byte[] buffer = new byte[16 * 1024];
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private int position;
    private int limit;
    private boolean used;

    RawHttpConnection(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    /**
     * Sends the request and answers the status code. A connection the server closed while it lay idle is opened
     * again and the request sent once more, as HTTP clients do for a request that got no byte of an answer.
     */
    int exchange(byte[] request) throws IOException {
        if (socket != null && used) {
            try {
                return send(request);
            } catch (NoAnswer | SocketException idleClosed) {
                close();
            }
        }
        return send(request);
    }

    private int send(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            used = true;
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(address, TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        position = 0;
        limit = 0;
        used = false;
    }

    private int readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new NoAnswer();
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String line;
        while (!(line = requireLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            skipChunks();
        } else if (contentLength > 0) {
            skip(contentLength);
        } else if (contentLength < 0 && status != 204 && status != 304) {
            closeAfter = true; // body runs to the end of the connection
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private void skipChunks() throws IOException {
        while (true) {
            String sizeLine = requireLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!requireLine().isEmpty()) {
                    // trailers
                }
                return;
            }
            skip(size);
            requireLine();
        }
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed inside a body");
            }
            int taken = (int) Math.min(left, limit - position);
            position += taken;
            left -= taken;
        }
    }

    private String requireLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("connection closed inside an answer");
        }
        return line;
    }

    /** The next CRLF-terminated line without its terminator; null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit && !fill()) {
                return line == null ? null : line.toString();
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    if (line == null) {
                        return part;
                    }
                    line.append(part);
                    int last = line.length() - 1;
                    if (last >= 0 && line.charAt(last) == '\r') {
                        line.setLength(last);
                    }
                    return line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            position = limit;
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    /** The server closed the connection without a byte of an answer. */
    private static final class NoAnswer extends EOFException {
        NoAnswer() {
            super("connection closed before an answer");
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
