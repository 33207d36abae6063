package armid.osim;

/** A model file that cannot be read as asked; the message names the file, line and column, or the element. */
public class OsimException extends Exception {
    public OsimException(String message) {
        super(message);
    }

    public OsimException(String message, Throwable cause) {
        super(message, cause);
    }
}
