// provider-fips-endpoints: every AWS provider calls FIPS 140-validated endpoints, so each API call
// the deployment makes is protected by validated cryptography (SC-13, SC-8(1)). Judged on the
// provider resource once (see provider-allowed-regions.ts); an `endpoints` override escapes
// useFipsEndpoint, so its URLs are judged too.

import { AWS_PROVIDER, isUnknown, parseJson, Read, resourcePolicy } from "../../lib";

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
    validate: (ctx) => {
        const fips = ctx.read("useFipsEndpoint");
        if (!fips.known) {
            ctx.cannotVerify("useFipsEndpoint");
        } else if (fips.value !== true && fips.value !== "true") {
            ctx.violation(`AWS provider "${ctx.name}" does not use FIPS endpoints; set useFipsEndpoint to true.`);
        }
        // A custom endpoint replaces the resolved one for that service: useFipsEndpoint no longer
        // applies to it, so the URL itself must name a FIPS endpoint (AWS spells them "<svc>-fips." /
        // "fips.").
        const endpoints = endpointOverrides(ctx.read("endpoints"));
        if (endpoints === "unknown") {
            ctx.cannotVerify("endpoints");
            return;
        }
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

/** The provider's `endpoints` overrides (a list of service → URL maps; JSON-encoded over the protocol). */
function endpointOverrides(value: Read): { service: string; url: string }[] | "unknown" {
    if (!value.known) {
        return "unknown";
    }
    let v = value.value;
    if (typeof v === "string") {
        const parsed = parseJson(v);
        v = parsed.ok ? parsed.value : undefined;
    }
    const out: { service: string; url: string }[] = [];
    for (const entry of Array.isArray(v) ? v : [v]) {
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            continue;
        }
        for (const [service, url] of Object.entries(entry as Record<string, unknown>)) {
            if (isUnknown(url)) {
                out.push({ service, url: "unknown" });
            } else if (typeof url === "string" && url !== "") {
                out.push({ service, url });
            }
        }
    }
    return out;
}

function isFipsUrl(url: string): boolean {
    const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;
    return host.toLowerCase().split(".").some((label) => label === "fips" || label.endsWith("-fips"));
}
