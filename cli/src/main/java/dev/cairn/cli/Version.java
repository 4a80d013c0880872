package dev.cairn.cli;

import picocli.CommandLine.IVersionProvider;

/** The version, from the jar's manifest when there is one. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"cairn " + number()};
  }

  /** This Cairn's version number, which agents and coordinators tell each other. */
  static String number() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
