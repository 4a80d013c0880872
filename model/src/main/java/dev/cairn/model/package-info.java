/**
 * Deployment models: Disnix's services, infrastructure, distribution and packages models in YAML or
 * JSON, validated with {@code file:line:column} errors, and each distributed service's package
 * resolved into a store recipe with its inter-dependency parameters substituted.
 *
 * <p>Entry point: {@link dev.cairn.model.DeploymentModel#load}. Formats: {@code
 * schemas/*.schema.json} in the repository.
 */
package dev.cairn.model;
