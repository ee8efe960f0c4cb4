package io.swapae.jobs;

import picocli.CommandLine;

/** The swapae version, from the jar manifest. */
final class Versions implements CommandLine.IVersionProvider {

    static String swapae() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"swapae " + swapae()};
    }
}
