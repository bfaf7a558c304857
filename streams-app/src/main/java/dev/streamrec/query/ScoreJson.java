package dev.streamrec.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link ScoreQuery} as the JSON body {@link QueryParser#score} reads (for forwarding part of a request). */
final class ScoreJson {
    private ScoreJson() {
    }

    static ObjectNode toJson(final ObjectMapper json, final ScoreQuery query) {
        final ObjectNode root = json.createObjectNode();
        if (query.model() != null) {
            root.put("model", query.model());
        }
        final ArrayNode pairs = root.putArray("pairs");
        for (final ScoreQuery.Pair pair : query.pairs()) {
            final ObjectNode node = pairs.addObject();
            node.put("user", pair.user());
            node.put("item", pair.item());
            node.put("task", CandidateScorer.taskName(pair.task()));
            if (pair.at() != null) {
                node.put("at", pair.at());
            }
            final ObjectNode context = node.putObject("context");
            context.set("categorical", json.valueToTree(pair.context().getCategorical()));
            context.set("numeric", json.valueToTree(pair.context().getNumeric()));
        }
        return root;
    }
}
