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

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.QueueShutdownException;
import dev.weft.sync.Lock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A durable producer-consumer queue on a Redis stream, shared by every process that opens it:
 * producers {@link #put} items, consumers {@link #take} them as {@link Delivery}s and
 * {@linkplain Delivery#ack() acknowledge} them when done; {@link #join()} waits until everything
 * put has been acknowledged. Tasks that wait park; the loop runs others meanwhile.
 *
 * {@snippet :
 * try (Redis redis = Redis.connect(RedisConfig.of("127.0.0.1", 6379));
 *         var jobs = RedisQueue.open(redis, "jobs", "workers", Codec.utf8())) {
 *     jobs.put("resize photo 17");
 *     Delivery<String> job = jobs.take();     // parks until an entry is there
 *     handle(job.value());
 *     job.ack();                              // done: never delivered again
 * }
 * }
 *
 * <p><b>Delivery: at least once.</b> Each entry goes to one consumer of the group at a time. A
 * consumer holds a <em>lease</em> on what it took and renews it while it works, so slow work is
 * never taken away; if it stops renewing (its process was killed, it stalled, its connection
 * broke), the lease runs out and another consumer takes the entry again. A failed or cancelled
 * piece of work ({@link Delivery#fail}) gives its entry up at once. So an entry is processed more
 * than once only when a consumer did the work but died (or lost its lease) before the ack. After
 * {@code maxDeliveries} deliveries an entry goes to the dead-letter stream ({@link
 * #deadLetterStream()}) with the text of its last failure, instead of being delivered again.
 *
 * <p><b>Keys:</b> the stream itself, {@code <stream>:dead} for dead letters, and
 * {@code <stream>:failures}, a hash of the last failure of entries that failed.
 *
 * <p><b>Threads:</b> use a queue from the tasks of the loop whose {@link Redis} opened it;
 * from anywhere else its methods throw {@link WrongThreadException}.
 */
public final class RedisQueue<T> implements AutoCloseable {
    /* How it works: take() serves from a local batch; when that is empty it first looks for
     * entries whose lease ran out (XAUTOCLAIM, which counts a delivery) at the first take,
     * after a read that brought nothing or an entry given up here, and at least every half
     * lease, then reads new ones (XREADGROUP ... BLOCK on a connection of its own). Every entry
     * taken and not settled is "held"; while any is, a renewer task resets their idle time every
     * third of the lease, by a script that renews only entries the group still gives to this
     * consumer (a lease that ran out and was taken by another stays theirs). Giving an entry up
     * sets its idle time to the whole lease, so that the next claim takes it. */

    private static final byte[] DATA = "d".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XADD = "XADD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XACK = "XACK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_ID = "*".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH_LIMIT = 512;   // coalesced calls in one round trip, at most

    // Sets the idle time of the entries this consumer still owns, without counting a delivery:
    // to 0 to renew their leases, to the whole lease to give them up at once. An entry another
    // consumer claimed meanwhile stays theirs, untouched.
    private static final ServerScript SET_IDLE_OF_OWN = new ServerScript("""
            local changed = 0
            for i = 4, #ARGV do
              local entry = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if entry[1] and entry[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'IDLE', ARGV[3],
                    'JUSTID')
                changed = changed + 1
              end
            end
            return changed
            """);

    // Moves an entry to the dead-letter stream with its last failure. The XADD comes first: if
    // it fails (the key holds something else), the script stops and the entry stays pending.
    private static final ServerScript DEAD_LETTER = new ServerScript("""
            local failure = redis.call('HGET', KEYS[3], ARGV[2])
            if not failure then failure = '(none recorded)' end
            redis.call('XADD', KEYS[2], '*', 'id', ARGV[2], 'd', ARGV[3], 'deliveries', ARGV[4],
                'error', failure)
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('HDEL', KEYS[3], ARGV[2])
            return 1
            """);

    // The oldest entry any group may still need: its oldest pending one, or the first after
    // what it was last given. Everything before the oldest of those is done everywhere.
    private static final ServerScript TRIM = new ServerScript("""
            local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
            local keep = nil
            for _, group in ipairs(groups) do
              local name, last, pending = nil, nil, 0
              for i = 1, #group, 2 do
                if group[i] == 'name' then name = group[i + 1] end
                if group[i] == 'last-delivered-id' then last = group[i + 1] end
                if group[i] == 'pending' then pending = group[i + 1] end
              end
              local oldest = last
              if pending > 0 then
                oldest = redis.call('XPENDING', KEYS[1], name)[2]
              end
              local ms, seq = string.match(oldest, '(%d+)-(%d+)')
              local key = {tonumber(ms), tonumber(seq)}
              if keep == nil or key[1] < keep[1] or (key[1] == keep[1] and key[2] < keep[2]) then
                keep = key
              end
            end
            if keep == nil then return 0 end
            return redis.call('XTRIM', KEYS[1], 'MINID', keep[1] .. '-' .. keep[2])
            """);

    private final Redis redis;
    private final Loop loop;
    private final String stream;
    private final String group;
    private final byte[] streamKey;   // the stream and group as sent, encoded once
    private final byte[] groupName;
    private final String consumer;
    private final Codec<T> codec;
    private final QueueOptions options;
    private final Lock reading = new Lock();
    private final Coalescer<Delivery<T>, Void> acks = new Coalescer<>(BATCH_LIMIT,
            this::sendAcknowledgements);
    private final Coalescer<byte[], String> puts = new Coalescer<>(BATCH_LIMIT, this::sendPuts);
    private final ArrayDeque<Delivery<T>> batch = new ArrayDeque<>();          // the loop only
    private final Map<String, Delivery<T>> held = new LinkedHashMap<>();       // the loop only
    private RedisConnection blocking;     // the loop only: the connection for blocking reads
    private Task<Void> renewer;           // the loop only: runs while something is held
    private final ArrayDeque<Delivery<T>> laterAcks = new ArrayDeque<>();   // the loop only
    private Task<Void> acker;             // the loop only: runs while laterAcks has any
    private long lastClaimNanos;          // when claimExpired last ran
    private boolean claimedOnce;
    private boolean claimSoon;            // nothing new came, or an entry was given up here
    private String claimCursor = "0-0";   // where the next claim goes on; "0-0": from the start
    private boolean shutDown;
    private boolean closed;
    private long acknowledged;
    private long failed;
    private long redelivered;

    private RedisQueue(Redis redis, String stream, String group, String consumer, Codec<T> codec,
            QueueOptions options) {
        this.redis = redis;
        this.loop = Loop.current();
        this.stream = stream;
        this.group = group;
        this.streamKey = stream.getBytes(StandardCharsets.UTF_8);
        this.groupName = group.getBytes(StandardCharsets.UTF_8);
        this.consumer = consumer;
        this.codec = codec;
        this.options = options;
    }

    /**
     * Opens the queue on {@code stream} for consumer group {@code group} with the default
     * {@linkplain QueueOptions options}, creating both if they do not exist yet; see
     * {@link #open(Redis, String, String, Codec, QueueOptions)}.
     */
    public static <T> RedisQueue<T> open(Redis redis, String stream, String group, Codec<T> codec)
            throws IOException {
        return open(redis, stream, group, codec, QueueOptions.defaults());
    }

    /**
     * Opens the queue on {@code stream} for consumer group {@code group}, creating both if they
     * do not exist yet (a new group starts at the stream's first entry). This process consumes as
     * a consumer named after its host, pid and a random part.
     */
    public static <T> RedisQueue<T> open(Redis redis, String stream, String group, Codec<T> codec,
            QueueOptions options) throws IOException {
        Objects.requireNonNull(redis, "redis");
        requireName(stream, "stream");
        requireName(group, "group");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(options, "options");
        try {
            redis.call("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
        } catch (RedisErrorException e) {
            if (!e.hasCode("BUSYGROUP")) {   // BUSYGROUP: it exists, which is what we want
                throw e;
            }
        }
        String consumer = ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return new RedisQueue<>(redis, stream, group, consumer, codec, options);
    }

    /** Returns the stream's key. */
    public String stream() {
        return stream;
    }

    /** Returns the consumer group's name. */
    public String group() {
        return group;
    }

    /** Returns this process's consumer name in the group. */
    public String consumer() {
        return consumer;
    }

    /** Returns the key of the dead-letter stream: {@code <stream>:dead}. */
    public String deadLetterStream() {
        return stream + ":dead";
    }

    /**
     * Adds {@code item} to the stream ({@code XADD}) and returns its id. Redis streams have no
     * bound, so this never waits for room. Puts made by several tasks at once go to Redis
     * together, in one round trip. This is a cancellation point.
     */
    public String put(T item) throws IOException {
        requireUsable("put into");
        Objects.requireNonNull(item, "item");
        return puts.call(codec.encode(item));
    }

    /**
     * Adds {@code item}, as {@link #put} does: a stream has no bound, so there is always room,
     * and this returns true. The verb of Weft's local queues, for code written against them.
     */
    public boolean offer(T item) throws IOException {
        put(item);
        return true;
    }

    /**
     * Acknowledges {@code delivery}: the verb of Weft's local queues for
     * {@link Delivery#ack()}, which {@link #join()} waits for.
     */
    public void taskDone(Delivery<T> delivery) throws IOException {
        Objects.requireNonNull(delivery, "delivery");
        if (delivery.queue() != this) {
            throw new IllegalArgumentException(delivery + " was taken from another queue; "
                    + "acknowledge it there, or call its ack()");
        }
        delivery.ack();
    }

    /**
     * Adds all {@code items} in one round trip and returns their ids, in order.
     */
    public List<String> putAll(List<? extends T> items) throws IOException {
        requireUsable("put into");
        Objects.requireNonNull(items, "items");
        var encoded = new ArrayList<byte[]>(items.size());
        for (T item : items) {
            Objects.requireNonNull(item, "an item of items");
            encoded.add(codec.encode(item));
        }
        return sendPuts(encoded);
    }

    /**
     * Takes the next entry, parking until there is one: an entry whose lease ran out first,
     * else a new one. This is a cancellation point: a take cancelled while it reads may leave
     * entries delivered to this consumer, which other consumers take once their lease runs out.
     *
     * @throws QueueShutdownException if {@link #shutdown()} was called
     */
    public Delivery<T> take() throws IOException {
        while (true) {
            Delivery<T> next = poll(options.blockFor());
            if (next != null) {
                return next;
            }
        }
    }

    /**
     * Takes the next entry if one comes within {@code wait} (rounded to whole milliseconds of
     * Redis's clock; zero: only what is there now), or returns null.
     *
     * @throws QueueShutdownException if {@link #shutdown()} was called
     */
    public Delivery<T> poll(Duration wait) throws IOException {
        requireLoop("take from");
        Objects.requireNonNull(wait, "wait");
        reading.lock();
        try {
            requireOpen();
            if (batch.isEmpty() && claimDue()) {
                lastClaimNanos = loop.nanoTime();
                claimedOnce = true;
                claimSoon = false;
                claimExpired();
            }
            if (batch.isEmpty()) {
                readNew(wait);
            }
            if (shutDown) {   // shut down while this read: what it brought goes back at once
                var late = new ArrayList<String>();
                for (Delivery<T> delivery : batch) {
                    held.remove(delivery.id());
                    late.add(delivery.id());
                }
                batch.clear();
                release(late);
            }
            requireOpen();
            Delivery<T> next = batch.poll();
            return next;
        } finally {
            reading.unlock();
        }
    }

    /**
     * Starts consuming with up to {@code concurrency} handlers at once on this loop; see
     * {@link QueueWorker}. Close the worker to stop.
     */
    public QueueWorker<T> consume(int concurrency, DeliveryHandler<T> handler) {
        requireUsable("consume");
        if (shutDown) {
            throw new QueueShutdownException("the queue on " + stream + " is shut down in this "
                    + "process; open it again to consume from it");
        }
        return QueueWorker.start(this, concurrency, handler);
    }

    /**
     * Waits until every entry put so far has been acknowledged (or dead-lettered) by the group:
     * nothing pending, nothing undelivered. It asks Redis every 50 ms on the loop's clock. This
     * is a cancellation point.
     */
    public void join() throws IOException {
        requireLoop("join");
        while (true) {
            GroupInfo info = groupInfo();
            if (info.pending == 0 && info.lag == 0) {
                return;
            }
            Weft.sleep(Duration.ofMillis(50));
        }
    }

    /**
     * Reads the queue's figures from Redis, with this process's own counts beside them.
     */
    public QueueSnapshot snapshot() throws IOException {
        requireLoop("read the figures of");
        GroupInfo info = groupInfo();
        long length = (Long) redis.call("XLEN", stream);
        long dead = (Long) redis.call("XLEN", deadLetterStream());
        return new QueueSnapshot(length, info.pending, info.lag, info.consumers, dead,
                acknowledged, failed, redelivered);
    }

    /**
     * Removes from the stream the entries that every group of it is done with, and never one
     * that is pending or undelivered in any group; returns how many went. Atomic on the server.
     */
    public long trim() throws IOException {
        requireLoop("trim");
        return (Long) TRIM.run(redis, List.of(stream), List.of());
    }

    /**
     * Stops taking in this process: waiting and later takes throw
     * {@link QueueShutdownException}; entries taken but not yet handed out are given up at
     * once for other consumers. Entries already handed out can still be settled. Redis and other
     * processes are not affected.
     */
    public void shutdown() throws IOException {
        requireLoop("shut down");
        if (shutDown) {
            return;
        }
        shutDown = true;
        if (blocking != null) {
            blocking.close();   // wakes a take blocked in Redis
        }
        var unhanded = new ArrayList<Delivery<T>>(batch);
        batch.clear();
        for (Delivery<T> delivery : unhanded) {
            held.remove(delivery.id());
        }
        release(unhanded.stream().map(Delivery::id).toList());
    }

    /** Returns whether {@link #shutdown()} was called. */
    public boolean isShutdown() {
        return shutDown;
    }

    /**
     * Shuts down (see {@link #shutdown()}) and gives up the entries still held, so that other
     * consumers take them at once.
     */
    @Override
    public void close() throws IOException {
        requireLoop("close");
        closed = true;
        Weft.shield(() -> {   // a cancellation must not leave entries renewed forever
            IOException failure = null;
            try {
                shutdown();
            } catch (IOException e) {
                failure = e;
            }
            flushAcknowledgements();
            if (blocking != null) {
                blocking.close();
            }
            var unsettled = new ArrayList<>(held.keySet());
            held.clear();
            batch.clear();
            if (renewer != null) {
                renewer.cancel();
            }
            try {
                release(unsettled);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "RedisQueue[" + stream + ", group " + group + ", " + held.size() + " held"
                + (shutDown ? ", shut down" : "") + "]";
    }

    // ---- settling, for Delivery ---------------------------------------------------------------

    void acknowledge(Delivery<T> delivery) throws IOException {
        requireLoop("acknowledge an entry of");
        acks.call(delivery);
        held.remove(delivery.id());
        acknowledged++;
    }

    /** Acknowledges in the background task that sends what is queued, in batches. */
    void acknowledgeLater(Delivery<T> delivery) {
        requireLoop("acknowledge an entry of");
        laterAcks.add(delivery);
        if (acker == null) {
            acker = loop.spawn("acknowledger of " + stream + " for " + consumer, this::sendLater);
        }
    }

    /** Waits until every acknowledgement asked for in the background has been sent. */
    void flushAcknowledgements() {
        Task<Void> running = acker;
        if (running != null) {
            Weft.shield(() -> {
                running.join();
                return null;
            });
        }
    }

    /**
     * The acknowledger: sends what is queued, in batches, until nothing is. An entry whose
     * acknowledgement failed stays pending in Redis and is delivered again once its lease runs
     * out (at least once); the failure is reported.
     */
    private void sendLater() {
        try {
            while (!laterAcks.isEmpty()) {
                Weft.yieldNow();   // the handlers finishing now join this batch
                var batch = new ArrayList<Delivery<T>>(Math.min(laterAcks.size(), BATCH_LIMIT));
                while (!laterAcks.isEmpty() && batch.size() < BATCH_LIMIT) {
                    batch.add(laterAcks.poll());
                }
                try {
                    sendAcknowledgements(batch);
                    acknowledged += batch.size();
                } catch (IOException | RuntimeException e) {
                    loop.report("acknowledging " + batch.size() + " entries of " + stream
                            + " failed; they stay pending and will be delivered again", e);
                }
                for (Delivery<T> delivery : batch) {
                    held.remove(delivery.id());
                }
            }
        } finally {
            acker = null;
        }
    }

    /** One batch of acknowledgements; an earlier delivery may have recorded a failure. */
    private List<Void> sendAcknowledgements(List<Delivery<T>> deliveries) throws IOException {
        var xack = new ArrayList<Object>(deliveries.size() + 3);
        xack.add(XACK);
        xack.add(streamKey);
        xack.add(groupName);
        var hdel = new ArrayList<Object>(List.of("HDEL", failuresKey()));
        for (Delivery<T> delivery : deliveries) {
            xack.add(delivery.id());
            if (delivery.isRedelivery()) {
                hdel.add(delivery.id());
            }
        }
        var commands = new ArrayList<List<?>>(List.of(xack));
        if (hdel.size() > 2) {
            commands.add(hdel);
        }
        for (Object reply : redis.pipeline(commands)) {
            if (reply instanceof RedisErrorException error) {
                throw error;
            }
        }
        return java.util.Collections.nCopies(deliveries.size(), null);
    }

    /** One batch of puts, in one pipeline; returns their ids. */
    private List<String> sendPuts(List<byte[]> items) throws IOException {
        var commands = new ArrayList<List<?>>(items.size());
        for (byte[] item : items) {
            commands.add(List.of(XADD, streamKey, NEW_ID, DATA, item));
        }
        var ids = new ArrayList<String>(items.size());
        for (Object reply : redis.pipeline(commands)) {
            if (reply instanceof RedisErrorException error) {
                throw error;
            }
            ids.add(text(reply));
        }
        return ids;
    }

    void giveUp(Delivery<T> delivery, Throwable failure) throws IOException {
        requireLoop("give up an entry of");
        held.remove(delivery.id());   // whatever happens below, it is no longer renewed
        failed++;
        claimSoon = true;
        try {
            redis.call("HSET", failuresKey(), delivery.id(), describe(failure));
        } finally {
            release(List.of(delivery.id()));
        }
    }

    // ---- the machinery -------------------------------------------------------------------------

    /**
     * Whether to look for run-out leases now: at the first take, every half lease, after a read
     * that brought nothing or an entry given up here, and at once again while the last look
     * found more than one batch (a dead consumer's backlog).
     */
    private boolean claimDue() {
        return !claimedOnce || claimSoon || !claimCursor.equals("0-0")
                || loop.nanoTime() - lastClaimNanos >= options.lease().toNanos() / 2;
    }

    /** Entries whose lease ran out: taken over, counted, and dead-lettered past the limit. */
    private void claimExpired() throws IOException {
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) redis.call("XAUTOCLAIM", stream, group, consumer,
                options.lease().toMillis(), claimCursor, "COUNT", options.batch());
        claimCursor = text(reply.get(0));
        @SuppressWarnings("unchecked")
        List<Object> entries = (List<Object>) reply.get(1);
        var claimed = new ArrayList<List<?>>();
        for (Object entry : entries) {
            if (entry != null) {
                claimed.add((List<?>) entry);
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        var counts = new ArrayList<List<?>>();
        for (List<?> entry : claimed) {
            String id = text(entry.get(0));
            counts.add(List.of("XPENDING", stream, group, id, id, 1));
        }
        List<Object> pendings = redis.pipeline(counts);
        for (int i = 0; i < claimed.size(); i++) {
            List<?> entry = claimed.get(i);
            String id = text(entry.get(0));
            long deliveries = deliveriesOf(pendings.get(i));
            if (deliveries > options.maxDeliveries()) {
                try {
                    // This claim counted a delivery that no handler gets: the record says how
                    // many did.
                    deadLetter(id, fieldData((List<?>) entry.get(1)), deliveries - 1);
                } catch (IOException | RedisErrorException e) {   // it stays pending: not lost
                    loop.report("moving entry " + id + " of " + stream + " to "
                            + deadLetterStream() + " failed; it stays pending and is tried again"
                            + " at the next claim", e);
                }
            } else {
                redelivered++;
                hold(id, fieldData((List<?>) entry.get(1)), deliveries);
            }
        }
    }

    /** New entries, waiting at most {@code wait} for the first. */
    private void readNew(Duration wait) throws IOException {
        List<Object> command = new ArrayList<>(List.of("XREADGROUP", "GROUP", group, consumer,
                "COUNT", options.batch()));
        if (!wait.isZero()) {
            command.addAll(List.of("BLOCK", Math.max(1, wait.toMillis())));
        }
        command.addAll(List.of("STREAMS", stream, ">"));
        Object reply;
        long giveUpAt = 0;   // set at the first failure: the reconnect time from then
        while (true) {
            if (blocking == null || !blocking.isUsable()) {
                blocking = redis.dedicated();   // retries while the server is unreachable
                if (shutDown) {   // shut down while it connected: nobody would close it
                    blocking.close();
                    return;
                }
            }
            try {
                reply = blocking.call(command);
                break;
            } catch (IOException e) {
                if (shutDown) {
                    return;   // shutdown() closed the connection to wake us
                }
                // The connection is closed now. Reading again is safe: entries a lost reply
                // carried are pending to this consumer, and come back once their lease runs out.
                if (giveUpAt == 0) {
                    giveUpAt = loop.nanoTime() + redis.config().reconnectFor().toNanos();
                } else if (loop.nanoTime() - giveUpAt > 0) {
                    throw e;
                }
            }
        }
        if (reply == null) {
            claimSoon = true;   // the wait ran out: nothing new, so look for run-out leases
            return;
        }
        List<?> streams = (List<?>) reply;
        for (Object streamReply : streams) {
            for (Object entry : (List<?>) ((List<?>) streamReply).get(1)) {
                List<?> fields = (List<?>) entry;
                hold(text(fields.get(0)), fieldData((List<?>) fields.get(1)), 1);
            }
        }
    }

    private void hold(String id, byte[] data, long deliveries) throws IOException {
        T value;
        try {
            value = codec.decode(data);
        } catch (RuntimeException undecodable) {   // never deliverable: dead at once
            redis.call("HSET", failuresKey(), id, "the codec cannot decode it: "
                    + describe(undecodable));
            deadLetter(id, data, deliveries);
            return;
        }
        var delivery = new Delivery<>(this, id, value, deliveries);
        batch.add(delivery);
        held.put(id, delivery);
        if (renewer == null) {
            renewer = loop.spawn("lease renewer of " + stream + " for " + consumer, this::renew);
        }
    }

    /** The renewer: while anything is held, every third of the lease, renews all of it. */
    private void renew() throws IOException {
        try {
            while (!held.isEmpty()) {
                Weft.sleep(options.lease().dividedBy(3));
                if (held.isEmpty()) {
                    break;
                }
                try {
                    setIdleOfOwn(new ArrayList<>(held.keySet()), 0);
                } catch (IOException | RedisErrorException e) {   // tried again next round
                    loop.report("renewing the leases of " + held.size() + " entries of "
                            + stream + " failed; trying again in a third of the lease", e);
                }
            }
        } finally {
            renewer = null;
        }
    }

    /** Makes entries of this consumer claimable at once, without counting a delivery. */
    private void release(List<String> ids) throws IOException {
        setIdleOfOwn(ids, options.lease().toMillis());
    }

    /** Renews ({@code idleMillis} 0) or gives up (the lease) the entries still this consumer's. */
    private void setIdleOfOwn(List<String> ids, long idleMillis) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        var arguments = new ArrayList<Object>(ids.size() + 3);
        arguments.add(group);
        arguments.add(consumer);
        arguments.add(idleMillis);
        arguments.addAll(ids);
        SET_IDLE_OF_OWN.run(redis, List.of(stream), arguments);
    }

    /** Moves an entry that reached {@code deliveries} handlers to the dead-letter stream. */
    private void deadLetter(String id, byte[] data, long deliveries) throws IOException {
        DEAD_LETTER.run(redis, List.of(stream, deadLetterStream(), failuresKey()),
                List.of(group, id, data, deliveries));
        loop.report("entry " + id + " of " + stream + " went to " + deadLetterStream()
                + " after " + deliveries + " deliveries; its last failure is recorded there",
                null);
    }

    private GroupInfo groupInfo() throws IOException {
        for (Object groupReply : (List<?>) redis.call("XINFO", "GROUPS", stream)) {
            List<?> fields = (List<?>) groupReply;
            Map<String, Object> byName = new LinkedHashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                byName.put(text(fields.get(i)), fields.get(i + 1));
            }
            if (group.equals(text(byName.get("name")))) {
                Object lag = byName.get("lag");
                return new GroupInfo((Long) byName.get("pending"),
                        lag instanceof Long known ? known
                                : undeliveredWithoutLag(text(byName.get("last-delivered-id"))),
                        (Long) byName.get("consumers"));
            }
        }
        throw new IllegalStateException("the group " + group + " of stream " + stream
                + " is gone (deleted in Redis?); open the queue again to create it");
    }

    /**
     * Redis before 7.0 has no lag, and 7.0 has none after entries were deleted past what the
     * group was given: then whether the group was given the stream's last entry tells whether
     * anything is undelivered (1 stands for "some").
     */
    private long undeliveredWithoutLag(String lastDelivered) throws IOException {
        List<?> fields = (List<?>) redis.call("XINFO", "STREAM", stream);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("last-generated-id".equals(text(fields.get(i)))) {
                return text(fields.get(i + 1)).equals(lastDelivered) ? 0 : 1;
            }
        }
        return 1;
    }

    private record GroupInfo(long pending, long lag, long consumers) {}

    private String failuresKey() {
        return stream + ":failures";
    }

    /** A queue is its loop's: its state is touched by that loop's tasks alone. */
    void requireLoop(String verb) {
        redis.requireLoop(verb + " the queue on " + stream);
    }

    private void requireUsable(String verb) {
        requireLoop(verb);
        if (closed) {
            throw new IllegalStateException("the queue on " + stream + " is closed; open it "
                    + "again to " + verb + " it");
        }
    }

    /** How many deliveries an entry gets before the dead-letter stream. */
    int maxDeliveries() {
        return options.maxDeliveries();
    }

    private void requireOpen() {
        if (shutDown) {
            throw new QueueShutdownException("the queue on " + stream + " is shut down in this "
                    + "process; open it again to take from it");
        }
    }

    private static long deliveriesOf(Object pendingReply) {
        List<?> entries = (List<?>) pendingReply;
        if (entries == null || entries.isEmpty()) {
            return 1;
        }
        return (Long) ((List<?>) entries.getFirst()).get(3);
    }

    private static byte[] fieldData(List<?> fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (java.util.Arrays.equals((byte[]) fields.get(i), DATA)) {
                return (byte[]) fields.get(i + 1);
            }
        }
        return new byte[0];
    }

    private static String describe(Throwable failure) {
        String text = failure.toString();
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }

    private static String text(Object reply) {
        return switch (reply) {
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case String text -> text;
            case null -> null;
            default -> String.valueOf(reply);
        };
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " name is blank");
        }
    }
}
