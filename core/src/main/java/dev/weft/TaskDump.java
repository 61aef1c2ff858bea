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

package dev.weft;

import java.util.List;

/**
 * What a loop's tasks are doing, from {@link Loop#dump()}: the tree of alive tasks (parent to
 * children), each with its state, what it waits on, its stack and, with
 * {@code -Dweft.debug=true}, where it was spawned. {@link #toString()} gives a text tree for
 * people, {@link #toJson()} the same for tools.
 *
 * @param loop the loop's name
 * @param consistent false if the loop's thread was held by a task and the dump was taken
 *     without it, so it may mix moments
 * @param tasks the tasks with no alive parent, each with its alive descendants
 */
public record TaskDump(String loop, boolean consistent, List<Node> tasks) {

    /** Where an alive task is in its life. */
    public enum State {
        /** Spawned, not started yet (a task of {@code spawnLater}, or one waiting its turn). */
        PENDING,
        /** Started: running, ready or waiting. */
        RUNNING
    }

    /**
     * One task of the dump.
     *
     * @param name the task's name
     * @param state whether it has started
     * @param waitingFor what it waits on, in words: a lock and its owner, a queue, a task it
     *     joins, a sleep, something outside Weft, or that it runs
     * @param stack its stack, innermost frame first; empty if it has no thread yet
     * @param spawnedAt where it was spawned, innermost frame first; empty unless the JVM runs
     *     with {@code -Dweft.debug=true}
     * @param children the alive tasks it spawned
     */
    public record Node(String name, State state, String waitingFor,
            List<StackTraceElement> stack, List<StackTraceElement> spawnedAt,
            List<Node> children) {}

    /** Returns how many tasks the dump holds. */
    public int size() {
        return count(tasks);
    }

    private static int count(List<Node> nodes) {
        int total = 0;
        for (Node node : nodes) {
            total += 1 + count(node.children());
        }
        return total;
    }

    /** Returns the dump as an indented text tree with stacks. */
    @Override
    public String toString() {
        var text = new StringBuilder("Loop \"").append(loop).append("\": ").append(size())
                .append(" task(s)").append(consistent ? "" : " (taken while the loop was held)")
                .append('\n');
        for (Node node : tasks) {
            appendText(text, node, "  ");
        }
        return text.toString();
    }

    private static void appendText(StringBuilder text, Node node, String indent) {
        text.append(indent).append("task \"").append(node.name()).append("\" ")
                .append(node.state()).append(": ").append(node.waitingFor()).append('\n');
        for (StackTraceElement frame : node.stack()) {
            text.append(indent).append("    at ").append(frame).append('\n');
        }
        if (!node.spawnedAt().isEmpty()) {
            text.append(indent).append("  spawned at:\n");
            for (StackTraceElement frame : node.spawnedAt()) {
                text.append(indent).append("    at ").append(frame).append('\n');
            }
        }
        for (Node child : node.children()) {
            appendText(text, child, indent + "  ");
        }
    }

    /** Returns the dump as a JSON object, for tools. */
    public String toJson() {
        var json = new StringBuilder("{\"loop\":").append(quote(loop))
                .append(",\"consistent\":").append(consistent).append(",\"tasks\":");
        appendJson(json, tasks);
        return json.append('}').toString();
    }

    private static void appendJson(StringBuilder json, List<Node> nodes) {
        json.append('[');
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"name\":").append(quote(node.name()))
                    .append(",\"state\":").append(quote(node.state().name()))
                    .append(",\"waitingFor\":").append(quote(node.waitingFor()))
                    .append(",\"stack\":");
            appendFrames(json, node.stack());
            json.append(",\"spawnedAt\":");
            appendFrames(json, node.spawnedAt());
            json.append(",\"children\":");
            appendJson(json, node.children());
            json.append('}');
        }
        json.append(']');
    }

    private static void appendFrames(StringBuilder json, List<StackTraceElement> frames) {
        json.append('[');
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(frames.get(i).toString()));
        }
        json.append(']');
    }

    private static String quote(String text) {
        var quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
