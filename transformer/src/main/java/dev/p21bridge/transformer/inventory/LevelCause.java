package dev.p21bridge.transformer.inventory;

import dev.p21bridge.schemas.Source;

/**
 * The event that changed an item's level, as the emitted {@code InventoryLevel} names it.
 *
 * @param eventTime when the bridge received the event, epoch millis
 * @param changedAt the change time it stands for, epoch millis; the level takes the later of this and the last one
 */
record LevelCause(Source source, String eventId, long eventTime, long changedAt) {
}
