// ecs-container-no-plaintext-secrets: plaintext `environment` values are stored in the task
// definition, the Pulumi state and every DescribeTaskDefinition response, so secrets (by a
// secret-looking name, or a value that is itself a credential) go in `secrets` (IA-5(7), SC-28).

import { ARRAY, ECS_TASK_DEFINITION, resourcePolicy, STRING } from "../../lib";
import { containerRead, containersOf, containerTyped, what } from "./container-definitions";

/** Default secret-looking fragments of environment variable names (matched case-insensitively as substrings). */
export const DEFAULT_SECRET_NAME_PATTERNS = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "SIGNING_KEY",
    "ENCRYPTION_KEY",
];

// AWS access key ids (long-term AKIA, temporary ASIA): a value like this is a credential whatever its name.
const AWS_ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
// A URL carrying a password in its userinfo (postgres://app:pw@db, redis://:token@cache): the usual
// way a DATABASE_URL leaks a credential under an innocent name. Group 1 is the password.
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#]+)@/i;
// A password that is only a reference the application expands ($DB_PASSWORD, ${DB_PASSWORD}) is not a secret.
const ENV_REFERENCE = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** True when a plaintext value is itself a credential, whatever the variable is called. */
function secretValue(value: string): boolean {
    if (AWS_ACCESS_KEY_ID.test(value) || PEM_PRIVATE_KEY.test(value)) {
        return true;
    }
    const url = URL_WITH_PASSWORD.exec(value.trim());
    return url !== null && !ENV_REFERENCE.test(url[1]);
}

export const ecsContainerNoPlaintextSecrets = resourcePolicy({
    name: "ecs-container-no-plaintext-secrets",
    description:
        "ECS container `environment` must not carry secrets (by a secret-looking name, or a value that is a credential: an AWS " +
        "access key id, a private key, a URL with a password): plaintext values are stored in the task definition, the " +
        "Pulumi state and every DescribeTaskDefinition response. Secrets go in `secrets` (Secrets Manager / SSM " +
        "references resolved at start) (IA-5(7), SC-28).",
    summary: "ECS container environment variables carry no secrets; secrets are passed through `secrets` (valueFrom)",
    severity: "high",
    controls: ["IA-5", "IA-5(7)", "SC-28"],
    remediationSteps:
        "Move the variable from `environment` to `secrets` with `valueFrom` the Secrets Manager secret (name or ARN, " +
        "optionally `:json-key::`), and grant the execution role secretsmanager:GetSecretValue on it.",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [
        {
            when: "a variable's name is in allowedNames (pack config)",
            why: "an explicit, reviewed exception for a name that only looks secret (e.g. TOKEN_TTL_SECONDS); its value is still not checked, by the config's choice",
        },
        {
            when: "a variable's value is unknown at preview and its name does not look secret",
            why: "the name is judged now; the value is judged when the policy runs again at the update, before the task definition is registered",
        },
    ],
    options: {
        secretNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_SECRET_NAME_PATTERNS,
            description:
                "Case-insensitive substrings of variable names that mark a secret. A bare KEY is not in the default list " +
                "(it would flag KMS_KEY_ID, CACHE_KEY_PREFIX …); add it per stack if wanted.",
        },
        allowedNames: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Exact variable names that match a pattern but are not secrets (e.g. TOKEN_TTL_SECONDS).",
        },
    },
    validate: (ctx) => {
        const patterns = ctx.config.secretNamePatterns.map((p) => p.toUpperCase());
        const allowed = new Set(ctx.config.allowedNames);
        for (const c of containersOf(ctx, "environment variables") ?? []) {
            const env = containerRead(ctx, c, "environment", ARRAY);
            if (!env.ok) {
                continue;
            }
            const flagged: string[] = [];
            let unknownName = false;
            (env.value ?? []).forEach((entry, i) => {
                const at = `${c.at}.environment[${i}]`;
                const name = ctx.settle(containerTyped(entry, "name", STRING, at), { quiet: true });
                const value = ctx.settle(containerTyped(entry, "value", STRING, at), { quiet: true });
                if (!name.ok) {
                    unknownName ||= name.unknown;
                    return;
                }
                if (name.value === undefined || allowed.has(name.value)) {
                    return;
                }
                const upper = name.value.toUpperCase();
                const secretName = patterns.some((p) => upper.includes(p));
                const keyValue = value.ok && value.value !== undefined && secretValue(value.value);
                if (secretName || keyValue) {
                    flagged.push(name.value);
                }
            });
            if (flagged.length > 0) {
                ctx.violation(`${what(ctx, c)} has secret-looking plaintext environment variable(s) ${flagged.join(", ")}; pass them through secrets (valueFrom).`);
            }
            if (unknownName) {
                ctx.cannotVerify(`${c.label} environment variable names`);
            }
        }
    },
});
