import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, secretArnPattern } from "../../lib/arn";

/**
 * A secret handed to the container as an environment variable by ECS at start (IA-5, SC-28): the
 * value never appears in the task definition, the state, or the logs. Name the secret (same-region
 * Secrets Manager resolves names, and the reference stays known at preview) or give its full ARN.
 */
export interface ServiceSecret {
    /** Environment variable the container sees. */
    env: string;
    /** Secrets Manager secret name (preferred: known at preview). */
    secretName?: string;
    /** Full secret ARN, e.g. RDS's managed master secret (an output: unknown at preview). */
    secretArn?: pulumi.Input<string>;
    /** A key of a JSON secret to extract, e.g. `password`. */
    jsonKey?: string;
}

/** Names that must go through `secrets`, never plain `environment` (IA-5(7): no embedded secrets). */
const SECRET_LIKE = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** `valueFrom` for one secret, and the IAM resource that lets the execution role read it. */
export function secretReference(
    scope: ArnScope,
    secret: ServiceSecret,
): { valueFrom: pulumi.Input<string>; iamResource: pulumi.Input<string> } {
    if ((secret.secretName === undefined) === (secret.secretArn === undefined)) {
        throw new Error(`Invalid secret for ${secret.env}: give exactly one of secretName or secretArn`);
    }
    const suffix = secret.jsonKey ? `:${secret.jsonKey}::` : "";
    if (secret.secretName !== undefined) {
        // ARN without the random 6-character suffix: Secrets Manager resolves it by name.
        const partial = arn(scope, "secretsmanager", `secret:${secret.secretName}`);
        return { valueFrom: partial + suffix, iamResource: secretArnPattern(scope, secret.secretName) };
    }
    const full = pulumi.output(secret.secretArn as pulumi.Input<string>);
    return { valueFrom: full.apply((a) => a + suffix), iamResource: full };
}

export interface ContainerSpec {
    scope: ArnScope;
    name: string;
    /** Digest-pinned image reference. */
    image: pulumi.Input<string>;
    containerPort: number;
    logGroupName: string;
    environment: Readonly<Record<string, string>>;
    secrets: readonly ServiceSecret[];
    healthCheckCommand: readonly string[];
}

/** Throws when a plain environment variable looks like a secret or shadows a secret's variable. */
export function assertNoSecretsInEnvironment(environment: Readonly<Record<string, string>>, secrets: readonly ServiceSecret[]): void {
    for (const key of Object.keys(environment)) {
        if (SECRET_LIKE.test(key)) {
            throw new Error(`Invalid service environment "${key}": secrets are passed through "secrets" (Secrets Manager), never "environment"`);
        }
        if (secrets.some((s) => s.env === key)) {
            throw new Error(`Invalid service environment "${key}": also defined as a secret; keep it in "secrets" only`);
        }
    }
}

/**
 * The task's container definitions as JSON. Known at preview whenever the image and secret ARNs
 * are (prod: digest and secret names from settings), so a policy can judge the hardening below:
 * non-root user, read-only root filesystem, no privilege, every Linux capability dropped (AC-6, CM-7).
 */
export function containerDefinitions(spec: ContainerSpec): pulumi.Output<string> {
    assertNoSecretsInEnvironment(spec.environment, spec.secrets);
    const secrets = spec.secrets.map((s) => pulumi.all([s.env, secretReference(spec.scope, s).valueFrom]));
    return pulumi.all([spec.image, pulumi.all(secrets)]).apply(([image, resolved]) =>
        JSON.stringify([
            {
                name: spec.name,
                image,
                essential: true,
                user: "1001",
                readonlyRootFilesystem: true,
                privileged: false,
                linuxParameters: { capabilities: { add: [], drop: ["ALL"] }, initProcessEnabled: true },
                portMappings: [{ containerPort: spec.containerPort, protocol: "tcp", name: "http", appProtocol: "http" }],
                environment: Object.entries({ PORT: String(spec.containerPort), ...spec.environment })
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(([name, value]) => ({ name, value })),
                secrets: resolved.map(([name, valueFrom]) => ({ name, valueFrom })),
                // The only writable path; the app writes nothing else (read-only root filesystem).
                mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
                healthCheck: { command: [...spec.healthCheckCommand], interval: 30, timeout: 5, retries: 3, startPeriod: 15 },
                // Longer than the app's 20 s drain, shorter than ECS's 120 s maximum.
                stopTimeout: 30,
                logConfiguration: {
                    logDriver: "awslogs",
                    options: {
                        "awslogs-group": spec.logGroupName,
                        "awslogs-region": spec.scope.region,
                        "awslogs-stream-prefix": spec.name,
                        // Never block the app on log delivery; a 25 MB buffer absorbs bursts.
                        mode: "non-blocking",
                        "max-buffer-size": "25m",
                    },
                },
            },
        ]),
    );
}
