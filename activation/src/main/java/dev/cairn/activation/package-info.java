/**
 * Activation (Cairn's Dysnomia): the activities a module performs on a service ({@link
 * dev.cairn.activation.Activity}), the {@link dev.cairn.activation.ActivationModule} SPI, the
 * built-in modules ({@code echo}, {@code process}, {@code wrapper}, {@code fileset}, {@code
 * package}), external executable modules called as Dysnomia calls them, and the {@link
 * dev.cairn.activation.Activator} that runs them with a log file and a timeout.
 */
package dev.cairn.activation;
