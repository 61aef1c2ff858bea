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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the crawler takes from an HTML page, parsed by jsoup as a browser would parse it: the
 * title, the canonical URL, and the links ({@code a} and {@code area}, resolved against the
 * page's base, normalized, without duplicates, {@code rel=nofollow} left out).
 *
 * @param title the title, or null if it has none
 * @param canonical the {@code link rel=canonical} URL, or null
 * @param links the links in document order
 */
record HtmlPage(String title, URI canonical, List<URI> links) {
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)",
            Pattern.CASE_INSENSITIVE);

    /** Parses {@code body}; a page jsoup cannot make sense of comes out with no links. */
    static HtmlPage parse(byte[] body, String contentType, URI url) throws IOException {
        Document document = Jsoup.parse(new ByteArrayInputStream(body), charset(contentType),
                url.toString());
        String title = document.title().strip();
        URI canonical = null;
        Element link = document.selectFirst("link[rel=canonical][href]");
        if (link != null) {
            canonical = UrlNormalizer.resolve(url, link.absUrl("href")).orElse(null);
        }
        var links = new LinkedHashSet<URI>();
        for (Element anchor : document.select("a[href], area[href]")) {
            if (anchor.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                continue;
            }
            String target = anchor.absUrl("href");
            Optional<URI> resolved = UrlNormalizer.resolve(url,
                    target.isEmpty() ? anchor.attr("href") : target);
            resolved.ifPresent(links::add);
        }
        return new HtmlPage(title.isEmpty() ? null : title, canonical, new ArrayList<>(links));
    }

    /** The charset a {@code Content-Type} names, or null to let jsoup read it from the page. */
    private static String charset(String contentType) {
        Matcher matcher = CHARSET.matcher(contentType);
        try {
            return matcher.find() && Charset.isSupported(matcher.group(1)) ? matcher.group(1)
                    : null;
        } catch (IllegalArgumentException unknownName) {
            return null;
        }
    }
}
