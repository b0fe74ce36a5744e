package dev.p21bridge.transformer.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p21bridge.platform.webhook.EntityId;

/**
 * The transformer's reading of an entity id: platform's {@link EntityId}, the rule the ingress keys raw records by,
 * so an order is keyed once however its storefront wrote the id ({@code 10452}, {@code 10452.0}, {@code 1.0452E4},
 * {@code "10452.0"} are all {@code "10452"}). What it refuses is a {@code validation} dead letter here; an id longer
 * than a canonical record's id field ({@link FieldLimits#ID}) too.
 */
public final class EntityIds {

    private EntityIds() {
    }

    /** The canonical form of {@code node}; null for an absent, null or blank value. */
    public static String canonical(JsonNode node) {
        return canonical(node, "id");
    }

    /** As {@link #canonical(JsonNode)}, with {@code path} naming the field in error messages. */
    public static String canonical(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isNumber() && !node.isTextual()) {
            throw new MappingException(path + " must be a text or a number, got "
                    + node.getNodeType().name().toLowerCase());
        }
        String id;
        try {
            id = EntityId.fromNode(node);
        } catch (EntityId.InvalidEntityIdException e) {
            throw new ValidationException(path + ": " + e.getMessage());
        }
        if (id != null && id.length() > FieldLimits.ID) {
            throw new ValidationException(path + " is " + id.length() + " characters long, more than the "
                    + FieldLimits.ID + " an id may have");
        }
        return id;
    }
}
