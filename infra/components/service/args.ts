import type * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";

import type { ArnScope } from "../../lib/arn";
import type { Statement } from "../../lib/iam";
import type { ServiceSecret } from "./container-definitions";
import type { ServiceImage } from "./container-image";

/**
 * What BlueGreenServiceArgs default to, declared once: the component falls back to these and the
 * estate's settings schema (infra/config/schema.ts) fills an omitted `govstack:service` key from
 * them. Pure data, so the schema can read it without loading the component's providers.
 */
export const SERVICE_DEFAULTS = {
    containerPort: 8080,
    healthCheckPath: "/health",
    // The app's own Node probe: the image has no curl or wget.
    healthCheckCommand: ["CMD", "node", "/app/dist/healthcheck.js"],
    bakeTimeMinutes: 5,
    cpuTargetPercent: 70,
    memoryTargetPercent: 80,
} as const;

export interface BlueGreenServiceArgs {
    scope: ArnScope;
    /** Permissions boundary ARN on the service's roles (the deploy role creates roles only with it). */
    permissionsBoundary: string;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
    vpcId: pulumi.Input<string>;
    /** Private subnets; tasks get no public IP. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The service's security group (accepts the container port from the ALB's group only). */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Edge's HTTPS :443 listener and its operator-only test listener. */
    productionListenerArn: pulumi.Input<string>;
    testListenerArn: pulumi.Input<string>;
    /**
     * Host names the production rule forwards (others get the listener's 404).
     * @default any host
     */
    hostNames?: readonly string[];
    image: ServiceImage;
    /**
     * Registry credentials for the staging push.
     * @default the Docker CLI's own ECR login
     */
    registry?: pulumi.Input<docker.types.input.Registry>;
    /** KMS key for ECR (containers key) and, optionally, Fargate ephemeral storage. */
    containersKmsKeyArn: pulumi.Input<string>;
    ephemeralStorageKmsKeyArn?: pulumi.Input<string>;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Fargate size (validated against Fargate's table by the settings). */
    cpu: number;
    memory: number;
    desiredCount: number;
    minCount: number;
    maxCount: number;
    /** @default 8080 (SERVICE_DEFAULTS.containerPort) */
    containerPort?: number;
    /** Path the target groups' health check requests. @default "/health" (SERVICE_DEFAULTS.healthCheckPath) */
    healthCheckPath?: string;
    /** The container's own health probe. @default the app's Node probe (SERVICE_DEFAULTS.healthCheckCommand) */
    healthCheckCommand?: readonly string[];
    /** Non-secret environment; a secret-looking name here is an error. */
    environment?: Readonly<Record<string, string>>;
    secrets?: readonly ServiceSecret[];
    /** KMS keys that encrypt those secrets (the execution role may decrypt via Secrets Manager only). */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Extra permissions for the app's task role. */
    taskStatements?: Statement[];
    /**
     * Minutes both revisions keep running after traffic moved, before blue is retired.
     * @default 5 (SERVICE_DEFAULTS.bakeTimeMinutes)
     */
    bakeTimeMinutes?: number;
    /** CloudWatch alarm NAMES that fail and roll back a deployment (Observability's deploymentAlarmNames). */
    deploymentAlarmNames: readonly string[];
    /** Average CPU autoscaling tracks. @default 70 (SERVICE_DEFAULTS.cpuTargetPercent) */
    cpuTargetPercent?: number;
    /** Average memory autoscaling tracks. @default 80 (SERVICE_DEFAULTS.memoryTargetPercent) */
    memoryTargetPercent?: number;
}
