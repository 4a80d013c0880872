/**
 * Nix archives (NAR) and {@code nix-store --export} streams, byte-compatible with Nix 2.8.
 *
 * <p>{@link dev.cairn.store.nar.NarWriter} serialises, hashes and copies file trees; {@link
 * dev.cairn.store.nar.NarRestorer} unpacks untrusted archives; {@link
 * dev.cairn.store.nar.Canonicalizer} gives store trees Nix's timestamps and permissions; {@link
 * dev.cairn.store.nar.ExportWriter} and {@link dev.cairn.store.nar.ExportReader} speak the
 * export/import format.
 */
package dev.cairn.store.nar;
