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
package dev.weft.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL normalization, the visited set, and what is taken from an HTML page. */
class UrlsAndPagesTest {
    private static final URI BASE = URI.create("http://Example.COM:80/dir/page.html?x=1#top");

    private static String resolved(String link) {
        return UrlNormalizer.resolve(BASE, link).map(URI::toString).orElse("none");
    }

    @Test
    void oneSpellingPerPage() {
        assertThat(UrlNormalizer.normalize(BASE)).contains(
                URI.create("http://example.com/dir/page.html?x=1"));
        assertThat(resolved("../other")).isEqualTo("http://example.com/other");
        assertThat(resolved("../../../../up")).isEqualTo("http://example.com/up");
        assertThat(resolved("./a/./b/../c")).isEqualTo("http://example.com/dir/a/c");
        assertThat(resolved("HTTPS://example.com:443")).isEqualTo("https://example.com/");
        assertThat(resolved("http://example.com:8080/x#frag"))
                .isEqualTo("http://example.com:8080/x");
        assertThat(resolved("?b=2&a=1")).as("the query keeps its order")
                .isEqualTo("http://example.com/dir/page.html?b=2&a=1");
        assertThat(resolved("with space")).isEqualTo("http://example.com/dir/with%20space");
        assertThat(UrlNormalizer.resolve(URI.create("http://example.com/a%20b/c"), "?q=%41"))
                .contains(URI.create("http://example.com/a%20b/c?q=%41"));
    }

    @Test
    void emptySegmentsAndNonAsciiCharactersHaveOneSpelling() {
        assertThat(resolved("http://example.com/a//b")).isEqualTo(resolved("/a//b#x"))
                .isEqualTo(resolved("/a/b"));
        assertThat(resolved("/caf\u00e9")).isEqualTo("http://example.com/caf%C3%A9")
                .isEqualTo(resolved("/caf%C3%A9"));
    }

    @Test
    void linksThatAreNotCrawlableComeOutEmpty() {
        for (String link : new String[] {"mailto:a@b.c", "javascript:void(0)", "#top", "",
            "ftp://example.com/file", "http://[broken", "data:text/plain,hi"}) {
            assertThat(UrlNormalizer.resolve(BASE, link)).as(link).isEqualTo(Optional.empty());
        }
    }

    @Test
    void theVisitedSetSeesEachUrlOnceAndSurvivesASave(@TempDir Path directory)
            throws IOException {
        var set = new VisitedSet();
        for (int i = 0; i < 50_000; i++) {
            assertThat(set.add("http://example.com/page/" + i)).isTrue();
        }
        assertThat(set.add("http://example.com/page/7")).isFalse();
        assertThat(set.size()).isEqualTo(50_000);
        Path file = directory.resolve("visited.bin");
        set.save(file);
        VisitedSet loaded = VisitedSet.load(file);
        assertThat(loaded.size()).isEqualTo(50_000);
        assertThat(loaded.contains("http://example.com/page/49999")).isTrue();
        assertThat(loaded.contains("http://example.com/page/50000")).isFalse();
        assertThat(loaded.add("http://example.com/page/123")).isFalse();
    }

    @Test
    void aPageGivesItsTitleCanonicalAndFollowableLinks() throws IOException {
        String html = """
                <html><head><title> A page </title><base href="http://example.com/base/">
                <link rel="canonical" href="/canonical"></head>
                <body><a href="one">1</a><a href="one#again">1 again</a>
                <a rel="nofollow" href="/secret">no</a><map><area href="/area"></map>
                <a href="mailto:x@y.z">mail</a><a href="http://other.org/">other</a></body></html>
                """;
        HtmlPage page = HtmlPage.parse(html.getBytes(StandardCharsets.UTF_8),
                "text/html; charset=utf-8", URI.create("http://example.com/dir/"));
        assertThat(page.title()).isEqualTo("A page");
        assertThat(page.canonical()).isEqualTo(URI.create("http://example.com/canonical"));
        assertThat(page.links()).extracting(URI::toString).containsExactly(
                "http://example.com/base/one", "http://example.com/area", "http://other.org/");
    }

    @Test
    void aPageInAnotherCharsetIsReadInIt() throws IOException {
        byte[] latin = "<title>caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        HtmlPage page = HtmlPage.parse(latin, "text/html; charset=ISO-8859-1",
                URI.create("http://example.com/"));
        assertThat(page.title()).isEqualTo("caf\u00e9");
        HtmlPage unknown = HtmlPage.parse("<title>t</title>".getBytes(StandardCharsets.UTF_8),
                "text/html; charset=no-such-charset!", URI.create("http://example.com/"));
        assertThat(unknown.title()).isEqualTo("t");
    }
}
