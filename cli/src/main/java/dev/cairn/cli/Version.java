package dev.cairn.cli;

import picocli.CommandLine.IVersionProvider;

/** The version, from the jar's manifest when there is one. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"cairn " + (v == null ? "0.1.0-SNAPSHOT" : v)};
  }
}
