package dev.p21bridge.transformer.mapping.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An array of objects in a payload: where the order lines may be. */
record ObjectArray(String path, NameTokens name, List<JsonNode> elements, int firstElementSteps, int depth) {

    ObjectArray {
        elements = List.copyOf(elements);
    }
}
