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
public record HtmlPage(String title, URI canonical, List<URI> links) {
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Parses {@code body}, in the charset its {@code Content-Type} names or else the one the
     * page declares; a page jsoup cannot make sense of comes out with what it could read.
     *
     * @param url the page's URL, against which its links are resolved (or against its
     *     {@code <base href>})
     */
    public static HtmlPage parse(byte[] body, String contentType, URI url) throws IOException {
        String charset = charset(contentType);
        // A known charset is decoded at once; jsoup's stream reading is for finding one.
        Document document = charset != null
                ? Jsoup.parse(new String(body, Charset.forName(charset)), url.toString())
                : Jsoup.parse(new ByteArrayInputStream(body), null, url.toString());
        String title = document.title().strip();
        // One walk of the tree for everything that carries a URL; a CSS query of the four
        // kinds costs several times the walk.
        var found = new ArrayList<Element>();
        URI base = null;
        for (Element element : document.getAllElements()) {
            if (!element.hasAttr("href")) {
                continue;
            }
            switch (element.normalName()) {
                case "a", "area", "link" -> found.add(element);
                case "base" -> {
                    if (base == null) {
                        base = UrlNormalizer.resolve(url, element.attr("href")).orElse(url);
                    }
                }
                default -> { }
            }
        }
        base = base == null ? url : base;
        URI canonical = null;
        var links = new LinkedHashSet<URI>();
        for (Element element : found) {
            if (element.nameIs("link")) {
                if (canonical == null && element.attr("rel").equalsIgnoreCase("canonical")) {
                    canonical = UrlNormalizer.resolve(base, element.attr("href")).orElse(null);
                }
            } else if (!isNofollow(element)) {
                UrlNormalizer.resolve(base, element.attr("href")).ifPresent(links::add);
            }
        }
        return new HtmlPage(title.isEmpty() ? null : title, canonical, new ArrayList<>(links));
    }

    private static boolean isNofollow(Element anchor) {
        return anchor.hasAttr("rel")
                && anchor.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow");
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
