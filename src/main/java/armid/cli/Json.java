package armid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** JSON output helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ArrayNode array(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    static ArrayNode matrix(double[] rowMajor, int rows, int cols) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int r = 0; r < rows; r++) {
            ArrayNode row = a.addArray();
            for (int c = 0; c < cols; c++) {
                row.add(rowMajor[r * cols + c]);
            }
        }
        return a;
    }
}
