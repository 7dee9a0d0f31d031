// Which resource types a resource policy applies to. Exact type tokens are a Set lookup; a token
// ending in "*" ("aws:*") matches every type with that prefix, for the rare policy that judges a
// property every resource of a provider has (the per-resource `region` of @pulumi/aws 7).

/** A predicate over type tokens: exact tokens, or prefixes written as "<prefix>*". */
export function typeMatcher(types: readonly string[]): (type: string) => boolean {
    const exact = new Set(types.filter((t) => !t.endsWith("*")));
    const prefixes = types.filter((t) => t.endsWith("*")).map((t) => t.slice(0, -1));
    if (prefixes.length === 0) {
        return (type) => exact.has(type);
    }
    return (type) => exact.has(type) || prefixes.some((p) => type.startsWith(p));
}
