// provider-fips-endpoints: every AWS provider calls FIPS 140-validated endpoints, so each API call
// the deployment makes is protected by validated cryptography (SC-13, SC-8(1)). Judged on the
// provider resource once (see provider-allowed-regions.ts); an `endpoints` override escapes
// useFipsEndpoint, so its URLs are judged too.

import { AWS_PROVIDER, describeValue, OBJECT, parseJson, Read, requireTrue, resourcePolicy, STRING, Typed, typed } from "../../lib";

export const providerFipsEndpoints = resourcePolicy({
    name: "provider-fips-endpoints",
    description:
        "AWS providers must call FIPS 140-validated endpoints (`useFipsEndpoint: true`, and no `endpoints` override to a " +
        "non-FIPS URL), so every API call the deployment makes is protected by validated cryptography (SC-13, SC-8(1)).",
    summary: "AWS providers call FIPS 140-validated endpoints (useFipsEndpoint, no non-FIPS endpoint overrides)",
    severity: "high",
    controls: ["SC-13", "SC-8(1)"],
    remediationSteps:
        "Set `aws:useFipsEndpoint: true` in the stack config (default provider) or `useFipsEndpoint: true` on the aws.Provider, " +
        "and remove `endpoints` overrides (or point them at the services' FIPS endpoints).",
    resourceTypes: [AWS_PROVIDER],
    noVerdict: [
        {
            when: "an endpoints override's URL is unknown at preview",
            why: "reported as cannot-verify; the policy runs again before the provider is used by any resource",
        },
    ],
    validate: (ctx) => {
        requireTrue(ctx, "useFipsEndpoint", `AWS provider "${ctx.name}" does not use FIPS endpoints; set useFipsEndpoint to true.`);
        // A custom endpoint replaces the resolved one for that service: useFipsEndpoint no longer
        // applies to it, so the URL itself must name a FIPS endpoint (AWS spells them "<svc>-fips." /
        // "fips.").
        const overrides = endpointOverrides(ctx.read("endpoints"));
        const settled = ctx.settle(overrides, { what: "endpoints" });
        if (!settled.ok) {
            return;
        }
        const endpoints = settled.value ?? [];
        const plain = endpoints.filter((e) => e.url !== "unknown" && !isFipsUrl(e.url));
        if (plain.length > 0) {
            ctx.violation(
                `AWS provider "${ctx.name}" overrides endpoints with non-FIPS URLs (${plain.map((e) => `${e.service}: ${e.url}`).join(", ")}), ` +
                    "which useFipsEndpoint does not change; remove the overrides or point them at the services' FIPS endpoints.",
            );
        }
        if (endpoints.some((e) => e.url === "unknown")) {
            ctx.cannotVerify("endpoints");
        }
    },
});

/**
 * The provider's `endpoints` overrides: a list of service → URL maps (JSON-encoded over the protocol;
 * one map alone is read as a list of one). Malformed when the list, a map or a URL has another type.
 */
function endpointOverrides(value: Read): Typed<{ service: string; url: string }[]> {
    if (!value.known) {
        return { kind: "unknown" };
    }
    let v = value.value;
    if (typeof v === "string" && v !== "") {
        const parsed = parseJson(v);
        if (!parsed.ok) {
            return { kind: "malformed", path: "endpoints", got: describeValue(v), expected: "a list of service → URL maps (or its JSON text)" };
        }
        v = parsed.value;
    }
    if (v === undefined || v === null || v === "") {
        return { kind: "ok", value: [] };
    }
    const list: readonly unknown[] = Array.isArray(v) ? v : [v];
    const out: { service: string; url: string }[] = [];
    for (const [i, entry] of list.entries()) {
        const at = Array.isArray(v) ? `endpoints[${i}]` : "endpoints";
        const map = typed(entry, OBJECT, at);
        if (map.kind !== "ok") {
            return map;
        }
        for (const [service, url] of Object.entries(map.value ?? {})) {
            const u = typed(url, STRING, `${at}.${service}`);
            if (u.kind === "malformed") {
                return u;
            }
            if (u.kind === "unknown") {
                out.push({ service, url: "unknown" });
            } else if (u.value !== undefined && u.value !== "") {
                out.push({ service, url: u.value });
            }
        }
    }
    return { kind: "ok", value: out };
}

function isFipsUrl(url: string): boolean {
    const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;
    return host.toLowerCase().split(".").some((label) => label === "fips" || label.endsWith("-fips"));
}
