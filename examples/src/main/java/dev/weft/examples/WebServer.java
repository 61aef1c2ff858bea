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
package dev.weft.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Weft;
import dev.weft.http.HttpClient;
import dev.weft.http.HttpException;
import dev.weft.http.HttpServer;
import dev.weft.http.Routes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The web-server use of coroutines: a small JSON API (create, list, get and delete items, kept in
 * memory) and static files from a directory, on one loop. Every handler is plain blocking Java;
 * the store needs no lock, since all of its users run on the loop's one thread.
 *
 * <p>Run it with {@code ./weft serve [--port N] [--dir DIR]}: {@code GET /} answers with what
 * there is.
 */
public final class WebServer {
    /** One stored item. */
    public record Item(long id, String name, int quantity) {}

    /** What a client posts to create an item. */
    public record NewItem(String name, int quantity) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, Item> items = new TreeMap<>();
    private long nextId = 1;

    /** The routes of the API and of the files under {@code files}. */
    public Routes routes(Path files) throws IOException {
        var statics = new StaticFiles(files);
        return Routes.builder()
                .get("/", (request, response) -> response.contentType("text/plain; charset=utf-8")
                        .send("Weft web server\n  GET /api/items, POST /api/items {\"name\":…,"
                                + "\"quantity\":…}, GET|DELETE /api/items/{id}\n"
                                + "  GET /static/<file> from " + files + "\n"))
                .get("/api/items", (request, response) -> json(response, 200,
                        new ArrayList<>(items.values())))
                .post("/api/items", (request, response) -> {
                    NewItem wanted = parse(request.bodyAsString(16 * 1024));
                    var item = new Item(nextId++, wanted.name(), wanted.quantity());
                    items.put(item.id(), item);
                    response.header("Location", "/api/items/" + item.id());
                    json(response, 201, item);
                })
                .get("/api/items/{id:long}", (request, response) ->
                        json(response, 200, find(request.pathParamLong("id"))))
                .delete("/api/items/{id:long}", (request, response) -> {
                    items.remove(find(request.pathParamLong("id")).id());
                    response.status(204).send();
                })
                .get("/static/{path...}", statics)
                .error(HttpException.class, (request, response, error) ->
                        json(response, error.status(), Map.of("error", error.getMessage())))
                .build();
    }

    private Item find(long id) {
        Item item = items.get(id);
        if (item == null) {
            throw new HttpException(404, "no item " + id);
        }
        return item;
    }

    private static NewItem parse(String body) {
        try {
            NewItem item = JSON.readValue(body, NewItem.class);
            if (item.name() == null || item.name().isBlank()) {
                throw new HttpException(400, "an item needs a name");
            }
            return item;
        } catch (JsonProcessingException malformed) {
            throw new HttpException(400, "the body is not an item in JSON: "
                    + malformed.getOriginalMessage());
        }
    }

    private static void json(dev.weft.http.Response response, int status, Object value)
            throws JsonProcessingException {
        response.status(status).contentType("application/json")
                .send(JSON.writeValueAsBytes(value));
    }

    /** Serves on 127.0.0.1 until stopped: {@code [--port N] [--dir DIR]}. */
    public static void main(String[] args) throws IOException {
        int port = 8080;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: serve [--port N] [--dir DIR]");
            }
        }
        Path files = dir != null ? dir : sampleFiles();
        int chosen = port;
        Weft.run(() -> {
            try (var server = HttpServer.serve(new InetSocketAddress("127.0.0.1", chosen),
                    new WebServer().routes(files))) {
                System.out.println("serving http://127.0.0.1:" + server.port() + "/ (files from "
                        + files + "); Ctrl-C stops");
                Weft.sleep(Duration.ofDays(365));
            }
        });
    }

    /** A directory with a page and a text file, for a server started without one. */
    static Path sampleFiles() throws IOException {
        Path dir = Files.createTempDirectory("weft-web");
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>Weft</title>"
                + "<p>Served by Weft's HTTP server.\n");
        Files.writeString(dir.resolve("hello.txt"), "0123456789abcdefghij\n");
        dir.toFile().deleteOnExit();
        dir.resolve("index.html").toFile().deleteOnExit();
        dir.resolve("hello.txt").toFile().deleteOnExit();
        return dir;
    }

    /** What the demo saw: the answers to each of its requests. */
    public record Outcome(List<String> answers) {}

    /** The demo: a server and a client on one loop, each request and its answer printed. */
    public static Outcome run(Transcript transcript) throws IOException {
        Path files = sampleFiles();
        List<String> answers = new ArrayList<>();
        Weft.run(() -> {
            try (var server = HttpServer.serve(new InetSocketAddress("127.0.0.1", 0),
                    new WebServer().routes(files));
                    var client = HttpClient.create()) {
                String base = "http://127.0.0.1:" + server.port();
                answers.add(show(transcript, client.post(base + "/api/items", "application/json",
                        "{\"name\":\"tea\",\"quantity\":3}".getBytes(StandardCharsets.UTF_8)),
                        "POST /api/items"));
                answers.add(show(transcript, client.get(base + "/api/items"), "GET /api/items"));
                answers.add(show(transcript, client.get(base + "/api/items/99"),
                        "GET /api/items/99"));
                answers.add(show(transcript, client.post(base + "/api/items", "application/json",
                        "{\"quantity\":".getBytes(StandardCharsets.UTF_8)), "POST bad JSON"));
                var file = client.get(base + "/static/hello.txt");
                String tag = file.header("ETag").orElseThrow();
                answers.add(show(transcript, file, "GET /static/hello.txt"));
                answers.add(show(transcript, client.send(dev.weft.http.ClientRequest.of("GET",
                        URI.create(base + "/static/hello.txt")).withHeader("If-None-Match", tag)),
                        "GET again with If-None-Match"));
                answers.add(show(transcript, client.send(dev.weft.http.ClientRequest.of("GET",
                        URI.create(base + "/static/hello.txt")).withHeader("Range", "bytes=0-9")),
                        "GET with Range: bytes=0-9"));
                answers.add(show(transcript, client.get(base + "/static/..%2F..%2Fetc%2Fpasswd"),
                        "GET /static/..%2F..%2Fetc%2Fpasswd"));
            }
        });
        return new Outcome(answers);
    }

    private static String show(Transcript transcript, dev.weft.http.ClientResponse response,
            String what) throws IOException {
        String body = response.bodyAsString().strip();
        String answer = response.status() + (body.isEmpty() ? "" : " " + body);
        transcript.say(what + " -> " + answer);
        return answer;
    }
}
