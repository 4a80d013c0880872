package dev.cairn.deploy;

import dev.cairn.store.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * Service hashes: over the name, the type, the package and the hashes of the services it depends
 * on, so that a change to a service changes the hash of every service that depends on it (directly
 * or not), and they are all redeployed — Disnix's cascade along {@code dependsOn}.
 */
final class ServiceHashes {
  private ServiceHashes() {}

  static String of(String name, String type, String pkg, List<String> dependencyHashes) {
    StringBuilder b = new StringBuilder("cairn-service-1\0");
    b.append(name).append('\0').append(type).append('\0').append(pkg).append('\0');
    for (String h : new TreeSet<>(dependencyHashes)) {
      b.append(h).append('\0');
    }
    return Hash.sha256(b.toString().getBytes(StandardCharsets.UTF_8)).toBase32().substring(0, 32);
  }
}
