package dev.fsconform.result;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * What a results file says of itself — schema, version, how many cells — read in one streaming pass
 * before anything is bound, so a file from the future, with a million cells or a 100 MB string is
 * refused in constant memory. Every string is read to its end, so the parser's length bound applies
 * to it (skipping a value would not measure it).
 *
 * @param cells cells counted, stopping once past the bound
 */
record ResultsShape(String schema, JsonNode version, long cells) {
    static ResultsShape scan(JsonParser p, long maxCells) throws IOException {
        String schema = null;
        JsonNode version = MissingNode.getInstance();
        long cells = 0;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return new ResultsShape(null, version, 0);
        }
        for (JsonToken t = p.nextToken(); t != null && !(t == JsonToken.END_OBJECT && p.getParsingContext().inRoot());
             t = p.nextToken()) {
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY || t == JsonToken.FIELD_NAME) {
                continue;
            }
            boolean opens = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
            JsonStreamContext at = opens ? p.getParsingContext().getParent() : p.getParsingContext();
            if (t == JsonToken.VALUE_STRING) {
                p.getTextLength();
            }
            if (at.getParent() != null && at.getParent().inRoot()) {
                if ("schema".equals(at.getCurrentName())) {
                    schema = t == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if ("schemaVersion".equals(at.getCurrentName())) {
                    version = t.isScalarValue() ? p.readValueAsTree() : MissingNode.getInstance();
                }
            } else if (isCellsArray(at) && ++cells > maxCells) {
                break;
            }
        }
        return new ResultsShape(schema, version, cells);
    }

    /** root object → "environments" array → an environment object → its "cells" array. */
    private static boolean isCellsArray(JsonStreamContext c) {
        JsonStreamContext env = c.getParent();
        JsonStreamContext envs = env == null ? null : env.getParent();
        JsonStreamContext root = envs == null ? null : envs.getParent();
        return c.inArray() && env.inObject() && "cells".equals(env.getCurrentName()) && envs.inArray()
                && root != null && root.inObject() && "environments".equals(root.getCurrentName())
                && root.getParent() != null && root.getParent().inRoot();
    }
}
