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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The URLs the crawler has seen, as 64-bit fingerprints (the first eight bytes of the URL's
 * SHA-256) in an open-addressed table that doubles when half full: 16 to 32 bytes per URL,
 * whatever the URL's length, so ten million URLs take at most 256 MiB where a set of strings
 * would take well over a gigabyte. Two URLs share a fingerprint with a chance below one in a
 * hundred thousand in a crawl of ten million, and then the second is skipped; a Bloom filter
 * would skip far more for the same memory, which a crawl that promises to skip nothing cannot
 * accept.
 *
 * <p>Not thread-safe: the crawler uses it from its loop only.
 */
final class VisitedSet {
    private static final long EMPTY = 0;

    private long[] table = new long[1024];
    private int size;

    /** Adds {@code url}; returns false if it was there already. */
    boolean add(String url) {
        return addFingerprint(fingerprint(url));
    }

    /** Whether {@code url} was added. */
    boolean contains(String url) {
        long print = fingerprint(url);
        int mask = table.length - 1;
        for (int i = slot(print, mask); table[i] != EMPTY; i = (i + 1) & mask) {
            if (table[i] == print) {
                return true;
            }
        }
        return false;
    }

    /** How many URLs were added. */
    int size() {
        return size;
    }

    /** Writes the fingerprints to {@code file}, replacing it. */
    void save(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(temporary)))) {
            out.writeInt(size);
            for (long print : table) {
                if (print != EMPTY) {
                    out.writeLong(print);
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a set that {@link #save} wrote. */
    static VisitedSet load(Path file) throws IOException {
        var set = new VisitedSet();
        try (var in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(file)))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                set.addFingerprint(in.readLong());
            }
        }
        return set;
    }

    private boolean addFingerprint(long print) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = slot(print, mask);
        while (table[i] != EMPTY) {
            if (table[i] == print) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = print;
        size++;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long print : old) {
            if (print != EMPTY) {
                addFingerprint(print);
            }
        }
    }

    private static int slot(long print, int mask) {
        return (int) (print ^ (print >>> 32)) & mask;
    }

    static long fingerprint(String url) {
        byte[] digest = sha256().digest(url.getBytes(StandardCharsets.UTF_8));
        long print = 0;
        for (int i = 0; i < 8; i++) {
            print = print << 8 | (digest[i] & 0xff);
        }
        return print == EMPTY ? 1 : print;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
