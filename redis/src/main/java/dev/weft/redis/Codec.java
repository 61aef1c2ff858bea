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

package dev.weft.redis;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a queue's items become the bytes stored in Redis and back. {@link #utf8()} and
 * {@link #bytes()} are built in; any other format (JSON through a library, say) is a pair of
 * functions given to {@link #of}.
 *
 * @param <T> the item type
 */
public interface Codec<T> {
    /** Returns the bytes that stand for {@code item}. */
    byte[] encode(T item);

    /** Returns the item that {@code bytes} stand for. */
    T decode(byte[] bytes);

    /** Strings as UTF-8. */
    static Codec<String> utf8() {
        return of(text -> text.getBytes(StandardCharsets.UTF_8),
                bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Byte arrays as they are. */
    static Codec<byte[]> bytes() {
        return of(Function.identity(), Function.identity());
    }

    /** A codec from two functions. */
    static <T> Codec<T> of(Function<? super T, byte[]> encode,
            Function<byte[], ? extends T> decode) {
        Objects.requireNonNull(encode, "encode");
        Objects.requireNonNull(decode, "decode");
        return new Codec<>() {
            @Override
            public byte[] encode(T item) {
                return encode.apply(item);
            }

            @Override
            public T decode(byte[] bytes) {
                return decode.apply(bytes);
            }
        };
    }
}
