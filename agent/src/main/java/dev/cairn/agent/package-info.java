/** Placeholder until the module's first types land. */
package dev.cairn.agent;
