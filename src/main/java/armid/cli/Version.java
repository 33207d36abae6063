package armid.cli;

import picocli.CommandLine.IVersionProvider;

/** The software version, from the jar's manifest when packaged. */
public final class Version implements IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"armid " + current()};
    }
}
