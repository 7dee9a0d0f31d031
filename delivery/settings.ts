import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/**
 * Settings of the delivery program (`govstack-delivery:settings` in `Pulumi.<stack>.yaml` of this
 * folder): which Pulumi organisation, repository and stacks to deliver, and the GovCloud accounts
 * they deploy into. Validated once, before any resource is declared; every error names the key,
 * the bad value and what is allowed.
 */

/** GovCloud regions; ARNs in them use the `aws-us-gov` partition. */
export const GOVCLOUD_REGIONS = ["us-gov-west-1", "us-gov-east-1"] as const;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");
const cron = z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, "must be a five-field cron expression, e.g. \"0 */6 * * *\"");
const isoTimestamp = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "must be an ISO 8601 UTC timestamp, e.g. 2026-12-01T00:00:00Z");
const sessionDuration = z
    .string()
    .regex(/^([1-9]\d*h)?([1-9]\d*m)?$/, "must look like 1h or 45m")
    .refine((d) => d.length > 0 && toMinutes(d) >= 15 && toMinutes(d) <= 60, "must be between 15m and 1h (the role's MaxSessionDuration)");

function toMinutes(duration: string): number {
    const h = /(\d+)h/.exec(duration)?.[1];
    const m = /(\d+)m/.exec(duration)?.[1];
    return Number(h ?? 0) * 60 + Number(m ?? 0);
}

const targetSchema = z.object({
    /** Stack name inside the estate project (`govstack/<name>`). */
    name: slug,
    /** The GovCloud account the stack deploys into (`aws:allowedAccountIds` of its stack file). */
    accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
    region: z.enum(GOVCLOUD_REGIONS),
    /** The estate's `govstack:namePrefix` for this stack: IAM and S3 grants are scoped to names starting with it. */
    namePrefix: slug,
    /** Second region the estate may touch (cross-region backup copies, DR). */
    drRegion: z.enum(GOVCLOUD_REGIONS),
    /** A protected stack (prod): no auto-remediation of drift, no destroy, no deploy on commit. */
    protected: z.boolean(),
    /** `pulumi up` on every merge to the branch. */
    deployCommits: z.boolean(),
    /** `pulumi preview` on every pull request, with the pack enforced server-side. */
    previewPullRequests: z.boolean(),
    /** Deploy this stack only after an update of this stack succeeded (promotion). */
    promoteFrom: slug.optional(),
    driftSchedule: cron,
    autoRemediateDrift: z.boolean(),
    /** Named AWS CLI profile with administrator rights in the account, used only by this program. */
    awsProfile: z.string().min(1).optional(),
});

const reviewStackSchema = z.object({
    /** Stack name (e.g. `pr-42`); its `Pulumi.<name>.yaml` lives on the pull request's branch. */
    name: slug,
    branch: z.string().min(1),
    /** When the stack is destroyed and deleted. */
    expires: isoTimestamp,
    owner: z.string().min(1),
});

/** A cross-field rule's issue; its message already quotes the offending value. */
function fail(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
    ctx.addIssue({ code: "custom", path, message, params: { quotesValue: true } });
}

export const settingsSchema = z
    .object({
        organization: slug,
        /** The estate's Pulumi project (root Pulumi.yaml). */
        project: slug,
        /** ESC project that holds the environments (`<escProject>/<stack>`). */
        escProject: slug,
        /** GitHub repository `owner/name`. */
        repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name"),
        branch: z.string().min(1),
        partition: z.literal("aws-us-gov", { error: "must be aws-us-gov (govstack deploys only to GovCloud)" }),
        /** Only changes under these paths trigger a deployment. */
        paths: z.array(z.string().min(1)).min(1, "must list at least one path"),
        sessionDuration,
        policyPack: z.object({
            name: slug,
            /** Pack source and per-stack config, relative to the repository root. */
            sourceDir: z.string().min(1),
            configDir: z.string().min(1),
        }),
        /** Pulumi team whose members approve changes to a protected stack's environment. */
        approvers: z.object({
            team: slug,
            count: z.number().int().min(1).max(5),
        }),
        targets: z.array(targetSchema).min(1, "must list at least one stack"),
        reviewStacks: z.object({
            /** The stack whose settings and account a review stack borrows. */
            template: slug,
            stacks: z.array(reviewStackSchema),
        }),
    })
    .superRefine((s, ctx) => {
        const names = s.targets.map((t) => t.name);
        s.targets.forEach((t, i) => {
            if (names.indexOf(t.name) !== i) {
                fail(ctx, ["targets", i, "name"], `"${t.name}" is listed twice; each stack once`);
            }
            if (t.drRegion === t.region) {
                fail(ctx, ["targets", i, "drRegion"], `"${t.drRegion}" equals region; use the other GovCloud region`);
            }
            if (t.protected && t.autoRemediateDrift) {
                fail(ctx, ["targets", i, "autoRemediateDrift"], `true is not allowed for protected stack "${t.name}"; use false (drift is reviewed, not overwritten)`);
            }
            if (t.protected && t.deployCommits) {
                fail(ctx, ["targets", i, "deployCommits"], `true is not allowed for protected stack "${t.name}"; it deploys only by promotion (set promoteFrom)`);
            }
            if (t.protected && !t.promoteFrom) {
                fail(ctx, ["targets", i, "promoteFrom"], `is required for protected stack "${t.name}"; name the stack that must succeed first, e.g. "staging"`);
            }
            if (t.promoteFrom !== undefined) {
                const from = names.indexOf(t.promoteFrom);
                if (from < 0 || from >= i || t.promoteFrom === t.name) {
                    fail(ctx, ["targets", i, "promoteFrom"], `"${t.promoteFrom}" must be a stack listed before "${t.name}"; allowed: ${names.slice(0, i).join(", ") || "none"}`);
                }
            }
        });
        const template = s.targets.find((t) => t.name === s.reviewStacks.template);
        if (!template) {
            fail(ctx, ["reviewStacks", "template"], `"${s.reviewStacks.template}" is not a listed stack; use one of ${names.join(", ")}`);
        } else if (template.protected) {
            fail(ctx, ["reviewStacks", "template"], `"${template.name}" is protected; review stacks must borrow a non-protected stack's account`);
        }
        s.reviewStacks.stacks.forEach((r, i) => {
            if (names.includes(r.name)) {
                fail(ctx, ["reviewStacks", "stacks", i, "name"], `"${r.name}" is a long-lived stack; review stacks need their own name, e.g. pr-42`);
            }
        });
    });

export type DeliverySettings = z.infer<typeof settingsSchema>;
export type Target = DeliverySettings["targets"][number];
export type ReviewStack = DeliverySettings["reviewStacks"]["stacks"][number];

/** A user mistake in the settings: printed as is, never as a stack trace. */
export class SettingsError extends Error {}

function describePath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
    let cur: unknown = input;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") {
            return undefined;
        }
        cur = (cur as Record<PropertyKey, unknown>)[key];
    }
    return cur;
}

/** Validates raw settings; throws a `SettingsError` listing every invalid key. */
export function parseSettings(raw: unknown): DeliverySettings {
    const result = settingsSchema.safeParse(raw);
    if (result.success) {
        return result.data;
    }
    const lines = result.error.issues.map((issue) => {
        const key = describePath(issue.path);
        const value = valueAt(raw, issue.path);
        const shown = value === undefined ? "missing" : JSON.stringify(value);
        // Cross-field messages already quote the value; all others get it prepended.
        const quotesValue = issue.code === "custom" && issue.params?.quotesValue === true;
        const message = quotesValue ? issue.message : `${shown}: ${issue.message}`;
        return `Invalid setting "settings.${key}": ${message}`;
    });
    throw new SettingsError(lines.join("\n"));
}

/** Reads and validates `govstack-delivery:settings` from the stack's config. */
export function loadSettings(): DeliverySettings {
    return parseSettings(new pulumi.Config().requireObject<unknown>("settings"));
}
