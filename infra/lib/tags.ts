/**
 * Tags. The stack's `aws:defaultTags` puts the required tags (Project, Environment, ManagedBy,
 * Compliance, Owner — CM-8 inventory) on every resource through the provider; the estate repeats
 * them on each resource too, so that a policy reading a resource's own `tags` sees them and the
 * inventory is right even where a provider's default tags do not propagate (e.g. ASG-launched or
 * service-created resources). Identical values in both places cause no diff in @pulumi/aws 7.
 */

/** Tags for a resource of a component: the required tags, the component, and an optional Name. */
export function resourceTags(
    required: Readonly<Record<string, string>>,
    component: string,
    name?: string,
): Record<string, string> {
    return { ...required, Component: component, ...(name ? { Name: name } : {}) };
}
