import type * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";

import type { ArnScope } from "../../lib/arn";
import type { Statement } from "../../lib/iam";
import type { ServiceSecret } from "./container-definitions";
import type { ServiceImage } from "./container-image";
import type { BlueGreenTargetGroups } from "./target-groups";

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
    // ECS ignores failing load-balancer health checks of a new task this long (the app starts in seconds).
    healthCheckGracePeriodSeconds: 60,
    deploymentController: "ecs",
    cpuTargetPercent: 70,
    memoryTargetPercent: 80,
} as const satisfies { deploymentController: DeploymentController } & Record<string, unknown>;

/**
 * Who shifts traffic between the blue and green target groups: ECS's native blue/green strategy
 * (listener-rule weights, bake time, circuit breaker and alarms), or CodeDeploy for a region
 * without it (the listeners' default actions, an AppSpec per release). docs/bluegreen.md.
 */
export const DEPLOYMENT_CONTROLLERS = ["ecs", "codedeploy"] as const;
export type DeploymentController = (typeof DEPLOYMENT_CONTROLLERS)[number];

/** The target groups' health check and draining, in one place (routing and the timeout below use them). */
export const TARGET_HEALTH = {
    intervalSeconds: 15,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
    // The app drains in 20 s (SIGTERM); deregistration waits a little longer.
    deregistrationDelaySeconds: 30,
} as const;

/**
 * What one deployment takes besides the bake and the health-check grace period, as an allowance:
 * starting the new revision's tasks (Fargate capacity, the image pull through the VPC endpoints,
 * the app's start: ~5 min), their registration and health checks (healthyThreshold × interval), the
 * test and production shifts and blue's deregistration delay (~5 min together), and the way back
 * of a failed deployment — the circuit breaker trips only after several tasks failed to start, each
 * after the grace period and unhealthyThreshold × interval, and a rollback shifts traffic back and
 * drains green (~10 min).
 */
export const DEPLOYMENT_MARGIN_MINUTES = 20;

/**
 * How long `pulumi up` may wait for the ECS service, in minutes: the provider waits for a new
 * deployment of a service with the ECS controller to reach a terminal state (SUCCESSFUL, or an
 * error for a rollback), which is after the bake (terraform-provider-aws internal/service/ecs,
 * statusServiceWaitForStable / findDeploymentStatus). Its default timeout, 20 minutes, is shorter
 * than a 15-minute bake plus the rest, and an expired wait fails `pulumi up` while ECS carries on.
 */
export function deploymentTimeoutMinutes(bakeTimeMinutes: number, healthCheckGracePeriodSeconds: number): number {
    return bakeTimeMinutes + Math.ceil(healthCheckGracePeriodSeconds / 60) + DEPLOYMENT_MARGIN_MINUTES;
}

export interface BlueGreenServiceArgs {
    scope: ArnScope;
    /** Permissions boundary ARN on the service's roles (the deploy role creates roles only with it). */
    permissionsBoundary: string;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
    /** Private subnets; tasks get no public IP. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The service's security group (accepts the container port from the ALB's group only). */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The blue and green target groups, made before the edge's listeners (CodeDeploy needs the
     * listeners to forward to blue by default). Their port is the container port.
     */
    targetGroups: BlueGreenTargetGroups;
    /** Edge's HTTPS :443 listener and its operator-only test listener. */
    productionListenerArn: pulumi.Input<string>;
    testListenerArn: pulumi.Input<string>;
    /**
     * Who shifts traffic: ECS's native blue/green (listener rules this component declares) or
     * CodeDeploy (the listeners' default actions, which must forward to `targetGroups.blue`).
     * @default "ecs" (SERVICE_DEFAULTS.deploymentController)
     */
    deploymentController?: DeploymentController;
    /**
     * What attaches the target groups to the listeners, when not this component's own rules (the
     * edge, whose listeners forward to blue under CodeDeploy): ECS refuses a target group that no
     * listener uses, so the ECS service waits for these. @default none
     */
    listenersReady?: pulumi.Resource[];
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
    /**
     * Seconds ECS ignores a new task's failing load-balancer health checks.
     * @default 60 (SERVICE_DEFAULTS.healthCheckGracePeriodSeconds)
     */
    healthCheckGracePeriodSeconds?: number;
    /** CloudWatch alarm NAMES that fail and roll back a deployment (Observability's deploymentAlarmNames). */
    deploymentAlarmNames: readonly string[];
    /** Average CPU autoscaling tracks. @default 70 (SERVICE_DEFAULTS.cpuTargetPercent) */
    cpuTargetPercent?: number;
    /** Average memory autoscaling tracks. @default 80 (SERVICE_DEFAULTS.memoryTargetPercent) */
    memoryTargetPercent?: number;
}
