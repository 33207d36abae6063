package armid.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A malformed or incomplete OpenSim storage file. The message names the file and, where they apply, the line
 * (1-based, counting every line of the file), the data row (1-based, counting data rows only) and the column.
 */
public class StorageFileException extends IOException {

    private final transient Path file;
    private final int line;
    private final int row;
    private final String column;

    public StorageFileException(Path file, int line, int row, String column, String detail) {
        super(format(file, line, row, column, detail));
        this.file = file;
        this.line = line;
        this.row = row;
        this.column = column;
    }

    public StorageFileException(Path file, String detail, Throwable cause) {
        super(format(file, -1, -1, null, detail), cause);
        this.file = file;
        this.line = -1;
        this.row = -1;
        this.column = null;
    }

    private static String format(Path file, int line, int row, String column, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<storage>" : file.toString());
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (row > 0) {
            sb.append(" (data row ").append(row).append(')');
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        return sb.append(": ").append(detail).toString();
    }

    /** The file concerned (may be null for data not yet written). */
    public Path file() {
        return file;
    }

    /** 1-based line in the file, or -1. */
    public int line() {
        return line;
    }

    /** 1-based data row, or -1. */
    public int row() {
        return row;
    }

    /** Column label concerned, or null. */
    public String column() {
        return column;
    }
}
