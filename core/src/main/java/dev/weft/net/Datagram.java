package dev.weft.net;

import java.net.InetSocketAddress;

/**
 * One UDP datagram received by a {@link UdpSocket}.
 *
 * @param data the payload
 * @param sender where it came from
 */
public record Datagram(byte[] data, InetSocketAddress sender) {}
