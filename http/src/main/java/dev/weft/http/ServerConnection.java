/*
 * Copyright 2026 The Weft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.weft.http;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Timer;
import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Serves the requests of one connection, in order, in the connection's task: parse a head,
 * run the filters and the handler, finish the response, skip what the handler left of the
 * body, and go on while the connection is kept alive.
 *
 * <p><b>Timeouts without a timer per request.</b> One timer per connection, re-armed lazily:
 * each request only records a deadline, and the timer, when it fires, either finds the
 * deadline passed (the connection idled or sent half a head too long: its task is cancelled)
 * or re-arms itself. While a handler runs the same timer checks, every {@link #TICK}, whether
 * the handler has been running a while; if so a watcher task reads the connection, and an end
 * of stream there means the client went away, which cancels the handler.
 */
final class ServerConnection {
    private static final long TICK = 250_000_000L;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] STATUS_LINES = new byte[600][];

    private enum Phase { HEAD, HANDLER, DONE }

    private enum Ending { NONE, IDLE, HEADER_TIMEOUT, PEER_GONE, SHUTDOWN }

    private final HttpServer server;
    private final HttpServerOptions options;
    private final TcpConnection tcp;
    private final Loop loop;
    private final InputBuffer in;
    private final HeadParser parser;
    private final OutputBuffer out;
    private final InetSocketAddress remote;
    private Task<?> task;
    private Phase phase = Phase.HEAD;
    private Ending ending = Ending.NONE;
    private long deadline;          // of the head being waited for
    private boolean headerClock;    // the deadline is the header-read timeout's
    private long handlerStart;
    private Timer timer;
    private Task<?> watcher;
    private Request current;
    private Response currentResponse;

    ServerConnection(HttpServer server, TcpConnection tcp) throws IOException {
        this.server = server;
        this.options = server.options();
        this.tcp = tcp;
        this.loop = Loop.current();
        this.out = new OutputBuffer(tcp);
        int maxHead = options.maxRequestLineLength() + options.maxHeaderSize() + 4;
        this.in = new InputBuffer(tcp, 8192, Math.max(16 * 1024, maxHead), this::beforeWait);
        this.parser = new HeadParser(in, options.maxRequestLineLength(), options.maxHeaderSize(),
                options.maxHeaderCount());
        this.remote = tcp.remoteAddress();
    }

    /** Serves the connection until it closes; the connection's task. */
    void serve() throws IOException {
        task = Weft.current();
        server.track(this);
        try {
            while (!server.draining()) {
                phase = Phase.HEAD;
                headerClock = in.available() > 0;
                deadline = loop.nanoTime() + (headerClock ? options.headerReadTimeout()
                        : options.idleTimeout()).toNanos();
                arm(deadline);
                RequestHead head;
                try {
                    head = parser.parseRequest();
                } catch (CancellationException cancelled) {
                    if (ending == Ending.HEADER_TIMEOUT) {
                        answerQuietly(408, "the request's head did not arrive within "
                                + options.headerReadTimeout());
                        return;
                    }
                    if (ending == Ending.IDLE || ending == Ending.SHUTDOWN) {
                        return;
                    }
                    throw cancelled;
                }
                if (head == null || !exchange(head)) {
                    return;
                }
            }
        } catch (BadMessageException bad) {
            answerQuietly(bad.status(), bad.getMessage());
        } catch (EOFException | UncheckedIOException peerGone) {
            // the peer went away in the middle of a message: nothing left to answer
        } catch (IOException failed) {
            if (!out.failed() && tcp.isOpen()) {
                throw failed;
            }
        } finally {
            phase = Phase.DONE;
            if (timer != null) {
                timer.cancel();
            }
            server.untrack(this);
            try {
                out.flush();
            } catch (IOException gone) {
                // the peer left before its last answer: nobody to tell
            }
        }
    }

    /** Handles one request; returns whether the connection goes on. */
    private boolean exchange(RequestHead head) throws IOException {
        boolean http10 = head.minorVersion == 0;
        boolean keepAlive = http10 ? head.headers.hasToken("Connection", "keep-alive")
                : !head.headers.hasToken("Connection", "close");
        var response = new Response(this, head.method.equals("HEAD"), http10,
                keepAlive && !server.draining());
        Request request;
        try {
            Framing framing = Framing.of(head.headers, true, head.minorVersion);
            checkHost(head);
            boolean expectContinue = checkExpect(head);
            var body = new BodyReader(in, parser, framing, options.maxBodySize(),
                    expectContinue ? this::sendContinue : null);
            request = new Request(head, body, remote, options.maxBodySize());
        } catch (BadMessageException bad) {
            answerQuietly(bad.status(), bad.getMessage());
            return false;
        }
        current = request;
        currentResponse = response;
        phase = Phase.HANDLER;
        handlerStart = loop.nanoTime();
        if (options.cancelOnDisconnect() && (timer == null
                || timer.deadline() - handlerStart > 2 * TICK)) {
            arm(handlerStart + TICK);
        }
        try {
            runHandler(request, response);
        } catch (Throwable failure) {
            if (!answerFailure(request, response, failure)) {
                return false;
            }
        } finally {
            stopWatcher();
            current = null;
            currentResponse = null;
        }
        response.finish();
        if (!request.body().finished() && !request.body().started()
                && request.head().headers.contains("Expect")) {
            return false;            // the client waits for a 100 Continue it will not get
        }
        if (!response.keepAlive() || response.truncated()) {
            return false;
        }
        try {
            return request.drain();
        } catch (BadMessageException unreadBodyMalformed) {
            return false;
        }
    }

    private void runHandler(Request request, Response response) throws Exception {
        if (options.handlerTimeout() == null) {
            dispatch(request, response);
            return;
        }
        Weft.timeout(options.handlerTimeout(), () -> {
            dispatch(request, response);
            return null;
        });
    }

    private void dispatch(Request request, Response response) throws Exception {
        Routes routes = server.routes();
        Map<String, String> params = new HashMap<>(4);
        String routing = request.routingPath();
        Routes.Match match = routes.match(request.method(), routing == null ? "" : routing,
                request.pathSegments(), params);
        request.route(match.pattern(), params);
        Handler target = match.handler() != null ? match.handler()
                : (req, res) -> routes.answerUnrouted(req, res, match);
        List<Filter> filters = routes.filters();
        if (filters.isEmpty()) {
            target.handle(request, response);
            return;
        }
        new Object() {
            int next;

            void proceed() throws Exception {
                if (next == filters.size()) {
                    next++;
                    target.handle(request, response);
                } else if (next < filters.size()) {
                    filters.get(next++).filter(request, response, this::proceed);
                } else {
                    throw new IllegalStateException("Chain.proceed() was called twice by a "
                            + "filter of " + request);
                }
            }
        }.proceed();
    }

    /**
     * Answers a handler's failure; returns whether the connection can go on.
     */
    private boolean answerFailure(Request request, Response response, Throwable failure)
            throws IOException {
        if (out.failed() || ending == Ending.PEER_GONE) {
            return false;                       // the client went away: nobody to answer
        }
        if (failure instanceof CancellationException || failure instanceof TimeoutException) {
            boolean timedOut = failure instanceof TimeoutException;
            if (!timedOut && !server.draining()) {
                throw (CancellationException) failure;     // the loop is closing
            }
            loop.report(request + " on " + remote + (timedOut ? " ran past the handler "
                    + "timeout of " + options.handlerTimeout() : " was cancelled because the "
                    + "server closed before it finished") + "; the client got a 503", failure);
            if (!response.isCommitted()) {
                Weft.shield(() -> {
                    response.reset();
                    response.closeAfter();
                    response.status(503).send("the server could not finish this request\n");
                    out.flush();
                    return null;
                });
            }
            return false;
        }
        if (failure instanceof EOFException && !request.body().finished()) {
            return false;          // the client ended its stream inside the body: nobody waits
        }
        if (failure instanceof BadMessageException bad) {
            if (!response.isCommitted()) {
                response.reset();
                response.closeAfter();
                response.status(bad.status()).send(bad.getMessage() + "\n");
            }
            return false;
        }
        ErrorHandler<Throwable> custom = server.routes().errorHandler(failure);
        if (custom != null && !response.isCommitted()) {
            response.reset();
            try {
                custom.handle(request, response, failure);
                return true;
            } catch (Throwable handlerFailed) {
                handlerFailed.addSuppressed(failure);
                failure = handlerFailed;
            }
        }
        if (failure instanceof HttpException http && !response.isCommitted()) {
            response.reset();
            response.status(http.status()).send(http.getMessage() + "\n");
            return true;
        }
        loop.report("the handler of " + request + " failed" + (response.isCommitted()
                ? " after its response was committed; the connection is closed"
                : "; the client got a 500"), failure);
        if (response.isCommitted()) {
            return false;
        }
        response.reset();
        response.status(500).send("Internal Server Error\n");
        return true;
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * Queues the head of {@code response}: {@code length} >= 0 is a fixed body, -1 chunked,
     * -2 no body, -3 a body to the end of the connection.
     */
    void writeHead(Response response, long length, byte[] defaultType) {
        int status = response.statusCode();
        out.append(statusLine(status));
        out.append(DateHeader.line());
        HttpHeaders fields = response.fields();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.nameAt(i);
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Date")
                    || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            if (name.equalsIgnoreCase("Connection")) {
                if (fields.valueAt(i).equalsIgnoreCase("close")) {
                    response.closeAfter();
                }
                continue;
            }
            out.appendLatin1(name);
            out.appendByte(':');
            out.appendByte(' ');
            out.appendLatin1(fields.valueAt(i));
            out.appendCrlf();
        }
        if (defaultType != null) {
            out.appendLatin1("Content-Type: ");
            out.append(defaultType);
            out.appendCrlf();
        }
        if (length >= 0) {
            out.appendLatin1("Content-Length: ");
            out.appendDecimal(length);
            out.appendCrlf();
        } else if (length == -1) {
            out.appendLatin1("Transfer-Encoding: chunked\r\n");
        }
        if (!response.keepAlive() || server.draining()) {
            response.closeAfter();
            out.appendLatin1("Connection: close\r\n");
        } else if (response.http10()) {
            out.appendLatin1("Connection: keep-alive\r\n");
        }
        out.appendCrlf();
    }

    void writeBody(byte[] body, int offset, int length) throws IOException {
        if (length >= OutputBuffer.DIRECT) {
            out.writeDirect(body, offset, length);
        } else {
            out.append(body, offset, length);
            out.flushIfLarge();
        }
    }

    void writeChunk(byte[] bytes, int offset, int length) throws IOException {
        out.appendHex(length);
        out.appendCrlf();
        writeBody(bytes, offset, length);
        out.appendCrlf();
    }

    void writeLastChunk(HttpHeaders trailers) throws IOException {
        out.appendLatin1("0\r\n");
        if (trailers != null) {
            for (int i = 0; i < trailers.size(); i++) {
                out.appendLatin1(trailers.nameAt(i));
                out.appendLatin1(": ");
                out.appendLatin1(trailers.valueAt(i));
                out.appendCrlf();
            }
        }
        out.appendCrlf();
        out.flushIfLarge();
    }

    void flush() throws IOException {
        out.flush();
    }

    private void sendContinue() {
        if (currentResponse != null && !currentResponse.isCommitted()) {
            out.append(CONTINUE);
        }
    }

    private static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            line = ("HTTP/1.1 " + status + " " + HttpStatus.reason(status) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            STATUS_LINES[status] = line;
        }
        return line;
    }

    /** Answers a refused or timed-out request and lets the connection close. */
    private void answerQuietly(int status, String message) {
        try {
            Weft.shield(() -> {
                var response = new Response(this, false, false, false);
                response.status(status).send(message + "\n");
                out.flush();
                return null;
            });
        } catch (IOException | RuntimeException gone) {
            // the peer left: nobody to tell
        }
    }

    // ---- request checks ------------------------------------------------------------------------

    static void checkHost(RequestHead head) throws BadMessageException {
        int hosts = head.headers.count("Host");
        if (hosts > 1) {
            throw new BadMessageException(400, "the request has " + hosts + " Host fields; "
                    + "send one");
        }
        if (hosts == 0) {
            if (head.minorVersion >= 1) {
                throw new BadMessageException(400, "an HTTP/1.1 request must have a Host "
                        + "field");
            }
            return;
        }
        String host = head.headers.get("Host");
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:[]%".indexOf(c) >= 0;
            if (!allowed) {
                throw new BadMessageException(400, "the Host field holds " + Syntax.describe(c)
                        + ", which a host and port cannot hold");
            }
        }
    }

    private static boolean checkExpect(RequestHead head) throws BadMessageException {
        String expect = head.headers.get("Expect");
        if (expect == null) {
            return false;
        }
        if (!expect.equalsIgnoreCase("100-continue") || head.headers.count("Expect") > 1) {
            throw new BadMessageException(417, "the only expectation this server meets is "
                    + "100-continue, not \"" + expect + "\"");
        }
        return head.minorVersion >= 1;
    }

    // ---- the timer and the watcher -------------------------------------------------------------

    /** Before the input waits: flush the answers, and start the header clock on a partial head. */
    private void beforeWait() throws IOException {
        out.flush();
        if (phase == Phase.HEAD && !headerClock && in.available() > 0) {
            headerClock = true;
            deadline = loop.nanoTime() + options.headerReadTimeout().toNanos();
            arm(deadline);
        }
    }

    /** Makes the timer fire no later than {@code at}. */
    private void arm(long at) {
        if (timer != null && !timer.isCancelled() && timer.deadline() <= at) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timer = loop.callAt(at, this::onTimer);
    }

    /** The timer fired: time a connection out, or start the watcher, or re-arm. */
    private void onTimer() {
        timer = null;
        long now = loop.nanoTime();
        switch (phase) {
            case HEAD -> {
                if (now - deadline < 0) {
                    arm(deadline);
                    return;
                }
                ending = in.available() > 0 ? Ending.HEADER_TIMEOUT : Ending.IDLE;
                task.cancel();
            }
            case HANDLER -> {
                if (!options.cancelOnDisconnect() || watcher != null) {
                    return;
                }
                if (now - handlerStart < TICK || current == null || !current.body().finished()
                        || in.full()) {
                    arm(now + TICK);
                    return;
                }
                watcher = loop.spawn("http-disconnect-watch", this::watch);
            }
            case DONE -> { }
        }
    }

    /** Reads while the handler runs: an end of stream means the client went away. */
    private void watch() {
        try {
            if (!in.fillQuietly() && in.ended()) {
                peerGone();
            }
        } catch (IOException reset) {
            peerGone();
        }
    }

    private void peerGone() {
        if (phase == Phase.HANDLER) {
            ending = Ending.PEER_GONE;
            task.cancel();
        }
    }

    private void stopWatcher() {
        Task<?> running = watcher;
        if (running == null) {
            return;
        }
        watcher = null;
        WatcherTask.stop(running);
    }

    /** Closes idle connections at once when the server starts to close. */
    void closeIfIdle() {
        if (phase == Phase.HEAD && in.available() == 0 && task != null) {
            ending = Ending.SHUTDOWN;
            task.cancel();
        }
    }
}
