// ec2-imdsv2-required: instances answer the metadata service only with session tokens (IMDSv2),
// and the token's hop limit stays at most 2 (enough for containers on the host, not for a
// forwarded request further away). IMDSv1 turns any server-side request forgery into stolen
// role credentials (AC-3, AC-6, SC-7; cdk-nag EC2IMDSv2Enabled, AWS Security Hub EC2.8).

import { EC2_INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, NUMBER, refine, resourcePolicy, SPOT_INSTANCE_REQUEST } from "../../lib";
import { templateSupplies } from "./capacity";

// botocore ec2 HttpTokensState / InstanceMetadataEndpointState (autoscaling: the same values).
const TOKENS = ["optional", "required"] as const;
const ENDPOINT = ["enabled", "disabled"] as const;
// ec2 InstanceMetadataOptionsRequest HttpPutResponseHopLimit: 1 to 64.
const HOP_LIMIT = refine(NUMBER, "an integer from 1 to 64", (n) => Number.isInteger(n) && n >= 1 && n <= 64);

export const ec2Imdsv2Required = resourcePolicy({
    name: "ec2-imdsv2-required",
    description:
        "EC2 instances, spot requests, launch templates and launch configurations must require IMDSv2 session tokens " +
        "(`metadataOptions.httpTokens: \"required\"`) or turn the metadata service off, and keep the token's hop limit at or " +
        "below the configured maximum (2: enough for containers on the host). IMDSv1 lets any server-side request forgery read " +
        "the instance role's credentials (AC-3, AC-6, SC-7). An instance launched from a launch template without its own " +
        "metadataOptions takes the template's, which is judged on the template.",
    summary: "EC2 instances, templates and launch configurations require IMDSv2 tokens with a hop limit of at most 2",
    severity: "high",
    controls: ["AC-3", "AC-6", "SC-7"],
    remediationSteps:
        "Set `metadataOptions: { httpTokens: \"required\", httpPutResponseHopLimit: 1 }` (2 where containers on the instance " +
        "call the metadata service), or `httpEndpoint: \"disabled\"` when nothing on the instance needs it.",
    resourceTypes: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
    options: {
        maxHopLimit: {
            type: "integer",
            default: 2,
            minimum: 1,
            maximum: 64,
            description: "Largest httpPutResponseHopLimit allowed (1 for plain instances; 2 lets containers on the host reach IMDS).",
        },
    },
    noVerdict: [
        {
            when: "the metadata service is disabled (httpEndpoint \"disabled\")",
            why: "no metadata service, no credentials to steal",
        },
        {
            when: "the hop limit is not set",
            why: "AWS's default (1, or 2 for container-ready AMIs) is within the limit",
        },
        {
            when: "an instance or spot request sets no metadataOptions and launches from a launch template",
            why: "it takes the template's metadata options, and this policy judges the template",
        },
    ],
    validate: (ctx) => {
        const supplied = ctx.settle(templateSupplies(ctx.type, ctx.props, "metadataOptions"));
        if (!supplied.ok || supplied.value === true) {
            return; // malformed launchTemplate (reported), or the template supplies it
        }
        const options = ctx.readObject("metadataOptions");
        if (!options.ok) {
            return;
        }
        if (options.value === undefined) {
            return ctx.violation(`${ctx.label} does not require IMDSv2 (no metadataOptions, so tokens are optional); set metadataOptions.httpTokens: "required".`);
        }
        const tokens = ctx.readEnum("metadataOptions.httpTokens", TOKENS, { quiet: true });
        const endpoint = ctx.readEnum("metadataOptions.httpEndpoint", ENDPOINT, { quiet: true });
        if ((!tokens.ok && !tokens.unknown) || (!endpoint.ok && !endpoint.unknown)) {
            return; // malformed: already reported
        }
        if (endpoint.ok && endpoint.value === "disabled") {
            return; // no metadata service at all: nothing to steal credentials from
        }
        if (!tokens.ok) {
            return ctx.cannotVerify("metadataOptions.httpTokens");
        }
        if (tokens.value !== "required") {
            if (!endpoint.ok) {
                return ctx.cannotVerify("metadataOptions.httpEndpoint");
            }
            return ctx.violation(
                `${ctx.label} does not require IMDSv2 (metadataOptions.httpTokens is ${tokens.value === undefined ? "unset" : `"${tokens.value}"`}); ` +
                    'set metadataOptions.httpTokens: "required".',
            );
        }
        const hops = ctx.readAs("metadataOptions.httpPutResponseHopLimit", HOP_LIMIT);
        // Absent: the AWS default (1, or 2 for container-ready AMIs) is within the limit.
        if (hops.ok && hops.value !== undefined && hops.value > ctx.config.maxHopLimit) {
            ctx.violation(
                `${ctx.label} lets IMDSv2 tokens travel ${hops.value} network hops; set metadataOptions.httpPutResponseHopLimit to ` +
                    `${ctx.config.maxHopLimit} or less (2 is enough for containers on the instance).`,
            );
        }
    },
});
