package io.swapae.jobs;

import picocli.CommandLine;

/** The swapae version, from the jar manifest. */
public final class Versions implements CommandLine.IVersionProvider {

    /** This build's version (from the jar manifest), or {@code dev} when run from classes. */
    public static String swapae() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"swapae " + swapae()};
    }
}
