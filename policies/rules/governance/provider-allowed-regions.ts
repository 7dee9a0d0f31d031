// provider-allowed-regions: every AWS provider (explicit or default) targets an allowed region —
// AWS GovCloud by default: the authorization boundary is GovCloud, and a resource elsewhere is
// outside it (CM-6).

import { AWS_PROVIDER, resourcePolicy } from "../../lib";

// The engine analyzes provider resources (explicit and default providers) like any other, before
// any resource that uses them is created, so judging the provider once is both complete and
// cheaper than re-judging `args.provider` on every resource's analyze call.
export const providerAllowedRegions = resourcePolicy({
    name: "provider-allowed-regions",
    description:
        "AWS providers (explicit and default) must target an allowed region (us-gov-west-1 and us-gov-east-1 by default): " +
        "the authorization boundary is AWS GovCloud, and a resource elsewhere is outside it (CM-6).",
    summary: "AWS providers target an allowed region (AWS GovCloud: us-gov-west-1 or us-gov-east-1 by default)",
    severity: "critical",
    controls: ["CM-6", "CM-2"],
    remediationSteps: "Set `aws:region` in the stack config (default provider) or `region` on the aws.Provider to an allowed GovCloud region.",
    resourceTypes: [AWS_PROVIDER],
    options: {
        allowedRegions: {
            type: "array",
            items: { type: "string" },
            default: ["us-gov-west-1", "us-gov-east-1"],
            description: "Regions AWS providers may target.",
        },
    },
    noVerdict: [],
    validate: (ctx) => {
        const region = ctx.readString("region");
        const allowed = ctx.config.allowedRegions;
        if (!region.ok) {
            return;
        }
        if (region.value === undefined || region.value === "") {
            ctx.violation(`AWS provider "${ctx.name}" sets no region (it would come from the environment); set region to one of ${allowed.join(", ")}.`);
        } else if (!allowed.includes(region.value)) {
            ctx.violation(`AWS provider "${ctx.name}" targets region "${region.value}"; use one of ${allowed.join(", ")}.`);
        }
    },
});
