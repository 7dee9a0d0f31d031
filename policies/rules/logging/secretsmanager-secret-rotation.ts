// secretsmanager-secret-rotation: every Secrets Manager secret rotates automatically (IA-5(1)
// authenticator lifetime; cdk-nag NIST 800-53 rev5 SecretsManagerRotationEnabled, AWS Config
// secretsmanager-rotation-enabled-check). A stack policy: rotation is a separate
// aws.secretsmanager.SecretRotation whose secretId is the secret's ARN or name; the tie is proven by
// value (ARN, id, name, or the name inside a secret ARN) or by property dependency, and an unknown
// tie is advisory, never "some rotation exists". An RDS-managed master password
// (`manageMasterUserPassword`) is a secret RDS creates and rotates itself: there is no
// aws.secretsmanager.Secret for it, so nothing to judge — unless a SecretRotation switches that
// rotation off (`rotationEnabled: false`), which is blocked wherever it points.
// Scope "prod": staging runs it as advisory.

import { NUMBER, refine, SECRETSMANAGER_SECRET, STRING, StackContext, StackResource, stackPolicy } from "../../lib";
import { SECRETSMANAGER_SECRET_ROTATION } from "./resource-types";

// RotationRules as AWS defines them (secretsmanager API RotationRulesType): AutomaticallyAfterDays
// 1–1000; ScheduleExpression a rate() or cron() expression. Anything else cannot schedule a rotation.
const DAYS = refine(NUMBER, "an integer number of days from 1 to 1000", (v) => Number.isInteger(v) && v >= 1 && v <= 1000);
const SCHEDULE = refine(STRING, 'a "rate(…)" or "cron(…)" expression', (v) => v === "" || /^(rate|cron)\(.+\)$/.test(v));

// arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>; Secrets
// Manager also accepts the ARN without the suffix (a partial ARN).
const SECRET_ARN = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/;

type Schedule = "scheduled" | "none" | "unknown";

export const secretsmanagerSecretRotation = stackPolicy({
    name: "secretsmanager-secret-rotation",
    description:
        "Every Secrets Manager secret must rotate automatically: an aws.secretsmanager.SecretRotation tied to it (secretId " +
        "by ARN or name, or by property dependency) with rotationRules (automaticallyAfterDays or scheduleExpression). A " +
        "SecretRotation must not switch rotation off (rotationEnabled: false), e.g. for an RDS-managed master password. " +
        "RDS-managed master passwords (manageMasterUserPassword) are created and rotated by RDS and are not declared as secrets (IA-5(1)).",
    summary: "Secrets Manager secrets rotate automatically (a SecretRotation with a schedule)",
    scope: "prod",
    severity: "medium",
    controls: ["IA-5(1)", "IA-5"],
    remediationSteps:
        "Add an aws.secretsmanager.SecretRotation with `secretId: secret.id`, a `rotationLambdaArn` (an AWS rotation template " +
        "for the engine, or your own function) and `rotationRules: { automaticallyAfterDays: 30 }` (or a scheduleExpression " +
        "such as `rate(30 days)`); remove `rotationEnabled: false`. For an RDS master password use `manageMasterUserPassword: true` " +
        "instead of a secret of your own; a credential nothing uses (a disabled user's password) is better not stored at all.",
    resourceTypes: [SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_ROTATION],
    noVerdict: [
        {
            when: "an RDS instance or cluster manages its master password (manageMasterUserPassword)",
            why: "RDS creates that secret and rotates it itself (every 7 days by default); it is no aws.secretsmanager.Secret of the stack. A SecretRotation that switches it off is still blocked",
        },
        {
            when: "a SecretRotation's secretId names a secret that is not declared in this stack",
            why: "that secret is judged in the stack that declares it",
        },
    ],
    validate: (ctx) => {
        const secrets = ctx.ofType(SECRETSMANAGER_SECRET);
        const rotated = new Set<string>();
        const unknownSchedule = new Set<string>();
        // A rotation whose secretId is unknown and not tied by dependency could be any secret's.
        let anyTieUnknown = false;
        // A known secretId that names no secret here could still be a secret whose name is unknown.
        let literalUnresolved = false;
        const byArnName = secretsByArnName(ctx, secrets);
        for (const r of ctx.ofType(SECRETSMANAGER_SECRET_ROTATION)) {
            const enabled = ctx.readBoolean(r, "rotationEnabled");
            if (enabled.ok && enabled.value === false) {
                ctx.violation(
                    r,
                    `Secrets Manager secret rotation "${r.name}" switches automatic rotation off (rotationEnabled: false); remove it, or set rotationRules to rotate the secret.`,
                );
                continue;
            }
            const targets = new Map<string, StackResource>();
            const refs = ctx.resolveRefs(r, "secretId", [SECRETSMANAGER_SECRET]);
            refs.resources.forEach((s) => targets.set(s.urn, s));
            if (refs.unresolved > 0) {
                const id = ctx.readString(r, "secretId", { quiet: true });
                const named = id.ok && id.value !== undefined ? byArnName(id.value) : undefined;
                if (named) {
                    targets.set(named.urn, named);
                } else if (refs.listUnknown) {
                    anyTieUnknown = true;
                } else {
                    literalUnresolved = true;
                }
            }
            // rotationEnabled unknown: the rotation may be off; malformed (reported): it schedules nothing.
            const schedule = enabled.ok ? scheduleOf(ctx, r) : enabled.unknown ? "unknown" : "none";
            for (const s of targets.values()) {
                if (schedule === "scheduled") {
                    rotated.add(s.urn);
                } else if (schedule === "unknown") {
                    unknownSchedule.add(s.urn);
                }
            }
        }
        for (const secret of secrets) {
            if (rotated.has(secret.urn)) {
                continue;
            }
            const nameUnknown = !knownString(ctx, secret, "name");
            if (unknownSchedule.has(secret.urn) || anyTieUnknown || (literalUnresolved && nameUnknown)) {
                ctx.cannotVerify(secret, `whether Secrets Manager secret "${secret.name}" has a scheduled SecretRotation`);
                continue;
            }
            ctx.violation(
                secret,
                `Secrets Manager secret "${secret.name}" does not rotate; add an aws.secretsmanager.SecretRotation with secretId set to it and rotationRules (automaticallyAfterDays or scheduleExpression).`,
            );
        }
    },
});

/** Does the rotation carry a schedule AWS accepts? Malformed values are reported (mandatory) and schedule nothing. */
function scheduleOf<C>(ctx: StackContext<C>, r: StackResource): Schedule {
    const rules = ctx.readObject(r, "rotationRules", { quiet: true });
    if (!rules.ok) {
        return rules.unknown ? "unknown" : "none";
    }
    if (rules.value === undefined) {
        return "none";
    }
    const days = ctx.readAs(r, "rotationRules.automaticallyAfterDays", DAYS, { quiet: true });
    const expression = ctx.readAs(r, "rotationRules.scheduleExpression", SCHEDULE, { quiet: true });
    if ((days.ok && days.value !== undefined) || (expression.ok && expression.value !== undefined && expression.value !== "")) {
        return "scheduled";
    }
    const unknown = (!days.ok && days.unknown) || (!expression.ok && expression.unknown);
    return unknown ? "unknown" : "none";
}

/** Is the property a known string (not unknown at preview, not absent, not malformed)? */
function knownString<C>(ctx: StackContext<C>, r: StackResource, path: string): boolean {
    const v = ctx.readString(r, path, { quiet: true });
    return v.ok && v.value !== undefined;
}

/**
 * A secret ARN names its secret: `…:secret:<name>-<6 characters>`, or `…:secret:<name>` (a partial
 * ARN). Finds the stack's secret by the name inside a secretId that is such an ARN, for the
 * secrets whose own ARN is unknown (a new secret at preview).
 */
function secretsByArnName<C>(ctx: StackContext<C>, secrets: readonly StackResource[]): (ref: string) => StackResource | undefined {
    let byName: Map<string, StackResource> | undefined;
    return (ref) => {
        const m = SECRET_ARN.exec(ref);
        if (!m) {
            return undefined;
        }
        if (!byName) {
            byName = new Map();
            for (const s of secrets) {
                const name = ctx.readString(s, "name", { quiet: true });
                if (name.ok && name.value !== undefined && !byName.has(name.value)) {
                    byName.set(name.value, s);
                }
            }
        }
        const tail = m[1];
        const suffixed = /^(.+)-[A-Za-z0-9]{6}$/.exec(tail);
        return byName.get(tail) ?? (suffixed ? byName.get(suffixed[1]) : undefined);
    };
}
