package dev.p21bridge.transformer.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code active} record of {@code bridge.mappings}: the version the transformer maps with, and the versions
 * activated before it, newest last, so {@code rollback} returns to the one before without the operator naming it.
 * Version 0 is the bundled set.
 *
 * @param version the version in use
 * @param earlier the versions in use before it, oldest first
 */
public record ActiveMapping(int version, List<Integer> earlier) {

    /** The record keys of {@code bridge.mappings}. */
    public static final String KEY = "active";
    private static final String SET_PREFIX = "set:";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ActiveMapping {
        earlier = List.copyOf(earlier);
    }

    public static ActiveMapping bundled() {
        return new ActiveMapping(0, List.of());
    }

    /** The key of version {@code version}'s set: zero-padded, so a listing of keys sorts by version. */
    public static String setKey(int version) {
        return String.format("%s%06d", SET_PREFIX, version);
    }

    /** The version of a set key; -1 for another key. */
    public static int versionOf(String key) {
        if (key == null || !key.startsWith(SET_PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(SET_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code next} in use, this one remembered before it. */
    public ActiveMapping activate(int next) {
        List<Integer> before = new ArrayList<>(earlier);
        before.add(version);
        return new ActiveMapping(next, before);
    }

    /** The version in use before this one; the bundled set when there was none. */
    public ActiveMapping rollback() {
        if (earlier.isEmpty()) {
            return bundled();
        }
        return new ActiveMapping(earlier.get(earlier.size() - 1), earlier.subList(0, earlier.size() - 1));
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode().put("version", version);
        earlier.forEach(node.putArray("earlier")::add);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ActiveMapping fromJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            List<Integer> earlier = new ArrayList<>();
            node.path("earlier").forEach(v -> earlier.add(v.asInt()));
            return new ActiveMapping(node.path("version").asInt(), earlier);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
