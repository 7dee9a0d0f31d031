import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { GOVCLOUD_REGIONS } from "../infra/lib/allowed";
import { describeSchemaIssues, SettingsError, SettingsInput } from "../infra/lib/settings-error";
import { flag, oneOf, pattern, text, whole } from "../infra/lib/settings-fields";

/**
 * Settings of the delivery program (`govstack-delivery:settings` in `Pulumi.<stack>.yaml` of this
 * folder): which Pulumi organisation, repository and stacks to deliver, and the GovCloud accounts
 * they deploy into. Validated once, before any resource is declared; every error names the key,
 * the bad value and what is allowed.
 */

export { SettingsError } from "../infra/lib/settings-error";

const slug = pattern(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes");
const cron = pattern(/^(\S+\s+){4}\S+$/, 'a five-field cron expression, e.g. "0 */6 * * *"');
const isoTimestamp = pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "an ISO 8601 UTC timestamp, e.g. 2026-12-01T00:00:00Z");
const sessionDuration = pattern(/^([1-9]\d*h)?([1-9]\d*m)?$/, "a duration such as 1h or 45m").refine(
    (d) => toMinutes(d) >= 15 && toMinutes(d) <= 60,
    { error: "must be between 15m and 1h (the role's MaxSessionDuration)" },
);

function toMinutes(duration: string): number {
    const h = /(\d+)h/.exec(duration)?.[1];
    const m = /(\d+)m/.exec(duration)?.[1];
    return Number(h ?? 0) * 60 + Number(m ?? 0);
}

/** The error of a missing or malformed group of settings. */
const MAPPING = "must be a mapping (see docs/delivery.md)";

const targetSchema = z.object(
    {
        /** Stack name inside the estate project (`govstack/<name>`). */
        name: slug,
        /** The GovCloud account the stack deploys into (`aws:allowedAccountIds` of its stack file). */
        accountId: pattern(/^\d{12}$/, "a 12-digit AWS account id"),
        region: oneOf(GOVCLOUD_REGIONS),
        /** The estate's `govstack:namePrefix` for this stack: IAM and S3 grants are scoped to names starting with it. */
        namePrefix: slug,
        /** Second region the estate may touch (cross-region backup copies, DR). */
        drRegion: oneOf(GOVCLOUD_REGIONS),
        /** A protected stack (prod): no auto-remediation of drift, no destroy, no deploy on commit. */
        protected: flag(),
        /** `pulumi up` on every merge to the branch. */
        deployCommits: flag(),
        /** `pulumi preview` on every pull request, with the pack enforced server-side. */
        previewPullRequests: flag(),
        /** Deploy this stack only after an update of this stack succeeded (promotion). */
        promoteFrom: slug.optional(),
        driftSchedule: cron,
        autoRemediateDrift: flag(),
        /** Named AWS CLI profile with administrator rights in the account, used only by this program. */
        awsProfile: text("an AWS CLI profile name").optional(),
    },
    { error: MAPPING },
);

const reviewStackSchema = z.object(
    {
        /** Stack name (e.g. `pr-42`); its `Pulumi.<name>.yaml` lives on the pull request's branch. */
        name: slug,
        branch: text("a branch name"),
        /** When the stack is destroyed and deleted. */
        expires: isoTimestamp,
        owner: text("who owns the stack"),
    },
    { error: MAPPING },
);

/** A cross-field rule's issue; the message follows the offending value ("must …", "is …"). */
function fail(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
    ctx.addIssue({ code: "custom", path, message });
}

export const settingsSchema = z
    .object(
        {
            organization: slug,
            /** The estate's Pulumi project (root Pulumi.yaml). */
            project: slug,
            /** ESC project that holds the environments (`<escProject>/<stack>`). */
            escProject: slug,
            /** GitHub repository `owner/name`. */
            repository: pattern(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "owner/name"),
            branch: text("a branch name"),
            partition: z.literal("aws-us-gov", { error: "must be aws-us-gov (govstack deploys only to GovCloud)" }),
            /** Only changes under these paths trigger a deployment. */
            paths: z
                .array(text("a path pattern such as infra/**"), { error: "must be a list of path patterns" })
                .min(1, { error: "must list at least one path" }),
            sessionDuration,
            policyPack: z.object(
                {
                    name: slug,
                    /** Pack source and per-stack config, relative to the repository root. */
                    sourceDir: text("a directory relative to the repository root"),
                    configDir: text("a directory relative to the repository root"),
                },
                { error: MAPPING },
            ),
            /** Pulumi team whose members approve changes to a protected stack's environment. */
            approvers: z.object({ team: slug, count: whole(1, 5) }, { error: MAPPING }),
            targets: z
                .array(targetSchema, { error: "must be a list of stacks" })
                .min(1, { error: "must list at least one stack" }),
            reviewStacks: z.object(
                {
                    /** The stack whose settings and account a review stack borrows. */
                    template: slug,
                    stacks: z.array(reviewStackSchema, { error: "must be a list of review stacks" }),
                },
                { error: MAPPING },
            ),
        },
        { error: MAPPING },
    )
    .superRefine((s, ctx) => {
        const names = s.targets.map((t) => t.name);
        s.targets.forEach((t, i) => {
            if (names.indexOf(t.name) !== i) {
                fail(ctx, ["targets", i, "name"], "is listed twice; each stack once");
            }
            if (t.drRegion === t.region) {
                fail(ctx, ["targets", i, "drRegion"], "equals region; use the other GovCloud region");
            }
            if (t.protected && t.autoRemediateDrift) {
                fail(ctx, ["targets", i, "autoRemediateDrift"], `is not allowed for protected stack "${t.name}"; use false (drift is reviewed, not overwritten)`);
            }
            if (t.protected && t.deployCommits) {
                fail(ctx, ["targets", i, "deployCommits"], `is not allowed for protected stack "${t.name}"; it deploys only by promotion (set promoteFrom)`);
            }
            if (t.protected && !t.promoteFrom) {
                fail(ctx, ["targets", i, "promoteFrom"], `is required for protected stack "${t.name}"; name the stack that must succeed first, e.g. "staging"`);
            }
            if (t.promoteFrom !== undefined) {
                const from = names.indexOf(t.promoteFrom);
                if (from < 0 || from >= i || t.promoteFrom === t.name) {
                    fail(ctx, ["targets", i, "promoteFrom"], `must be a stack listed before "${t.name}"; allowed: ${names.slice(0, i).join(", ") || "none"}`);
                }
            }
        });
        const template = s.targets.find((t) => t.name === s.reviewStacks.template);
        if (!template) {
            fail(ctx, ["reviewStacks", "template"], `is not a listed stack; use one of ${names.join(", ")}`);
        } else if (template.protected) {
            fail(ctx, ["reviewStacks", "template"], "is protected; review stacks must borrow a non-protected stack's account");
        }
        s.reviewStacks.stacks.forEach((r, i) => {
            if (names.includes(r.name)) {
                fail(ctx, ["reviewStacks", "stacks", i, "name"], "is a long-lived stack; review stacks need their own name, e.g. pr-42");
            }
        });
    });

export type DeliverySettings = z.infer<typeof settingsSchema>;
export type Target = DeliverySettings["targets"][number];
export type ReviewStack = DeliverySettings["reviewStacks"]["stacks"][number];

/** Validates raw settings; throws a `SettingsError` naming every invalid key, its value and what is allowed. */
export function parseSettings(raw: unknown): DeliverySettings {
    const result = settingsSchema.safeParse(raw);
    if (result.success) {
        return result.data;
    }
    const input: SettingsInput = { raw, root: "settings", keysDoc: "docs/delivery.md" };
    throw new SettingsError(describeSchemaIssues(input, result.error.issues), "the delivery program");
}

/** Reads and validates `govstack-delivery:settings` from the stack's config. */
export function loadSettings(): DeliverySettings {
    return parseSettings(new pulumi.Config().requireObject<unknown>("settings"));
}
