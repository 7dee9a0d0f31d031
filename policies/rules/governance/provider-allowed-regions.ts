// provider-allowed-regions: every AWS provider (explicit or default) targets an allowed region —
// AWS GovCloud by default: the authorization boundary is GovCloud, and a resource elsewhere is
// outside it (CM-6). Since @pulumi/aws 7 a resource can also name its own `region`, overriding its
// provider's: that per-resource region is held to the same list.

import { AWS_PROVIDER, Guard, labelOf, readTyped, resourcePolicy, STRING } from "../../lib";

// The engine analyzes provider resources (explicit and default providers) like any other, before
// any resource that uses them is created, so judging the provider once is both complete and
// cheaper than re-judging `args.provider` on every resource's analyze call. A resource's own
// `region` is read only when set: one property read per AWS resource, no provider deserialised.
/** A region name: a string (the message says what it names). */
const REGION_NAME: Guard<string> = { ...STRING, expected: "a region name" };

export const providerAllowedRegions = resourcePolicy({
    name: "provider-allowed-regions",
    description:
        "AWS providers (explicit and default) must target an allowed region (us-gov-west-1 and us-gov-east-1 by default), and so " +
        "must any AWS resource that names its own `region` (@pulumi/aws 7 lets a resource override its provider's region): the " +
        "authorization boundary is AWS GovCloud, and a resource elsewhere is outside it (CM-6).",
    summary: "AWS providers, and resources that set their own region, target an allowed region (AWS GovCloud by default)",
    severity: "critical",
    controls: ["CM-6", "CM-2"],
    remediationSteps:
        "Set `aws:region` in the stack config (default provider) or `region` on the aws.Provider to an allowed GovCloud region; " +
        "on a resource, remove `region` (it then uses its provider's) or set it to an allowed region.",
    resourceTypes: [AWS_PROVIDER, "aws:*"],
    options: {
        allowedRegions: {
            type: "array",
            items: { type: "string" },
            default: ["us-gov-west-1", "us-gov-east-1"],
            description: "Regions AWS providers and resources may target.",
        },
    },
    noVerdict: [],
    validate: (ctx) => {
        const allowed = ctx.config.allowedRegions;
        if (ctx.type !== AWS_PROVIDER) {
            // A resource without its own region uses its provider's, which is judged above. Typed: a
            // region that is not a string is a mandatory "Cannot evaluate", never skipped.
            const own = ctx.settle(readTyped(ctx.props, "region", REGION_NAME), { what: "region", label: labelOf(ctx, ctx.type) });
            if (!own.ok || own.value === undefined || own.value === "") {
                return;
            }
            if (!allowed.includes(own.value)) {
                ctx.violation(`${labelOf(ctx, ctx.type)} sets region "${own.value}"; use one of ${allowed.join(", ")} (or remove region to use the provider's).`);
            }
            return;
        }
        const region = ctx.readString("region");
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
