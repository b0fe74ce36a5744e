package dev.p21bridge.app.trace;

/** What one record adds under one index key ({@link IndexKeys}). */
record IndexUpdate(String key, IndexValue value) {
}
