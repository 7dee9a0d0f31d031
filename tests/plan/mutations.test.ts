import * as assert from "assert";

import { Diagnostic } from "../../tools/plan/analyzer-client";
import { PackHandle, PlanResult, providerIndex, runPlan } from "../../tools/plan/run-plan";
import { MutableEstate } from "./mutation-estate";
import { evaluateOnce, packPerSuite, REAL_PACK } from "./helpers";
import {
    AWS_PROVIDER,
    CLOUDWATCH_LOG_GROUP,
    DEFAULT_SECURITY_GROUP,
    ECR_REPOSITORY,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    ELASTICACHE_REPLICATION_GROUP,
    KMS_KEY,
    LB_LISTENER,
    LB_LOAD_BALANCER,
    RDS_INSTANCE,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    S3_SSE_CONFIG,
    SECRETSMANAGER_SECRET,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SUBNET,
} from "../../policies/lib/resource-types";
import { IAM_POLICY } from "../../policies/rules/identity/resource-types";
import { S3_BUCKET_PUBLIC_ACCESS_BLOCK } from "../../policies/rules/storage-hygiene/resource-types";

type JsonDoc = Record<string, unknown> & Record<string, unknown>[];

interface Mutation {
    name: string;
    /** The policy that must block it (mandatory). */
    policy: string;
    /** "resource": replayed with `analyze` on the changed resources; "stack": with `analyzeStack`. */
    level: "resource" | "stack";
    edit: (e: MutableEstate) => void;
}

/** Edits the app container of the task definition. */
const container = (edit: (c: Record<string, unknown>) => void) => (e: MutableEstate): void => {
    e.json(e.one(ECS_TASK_DEFINITION), "containerDefinitions", (defs) => edit(defs[0] as Record<string, unknown>));
};

/** Turns an SG-to-SG ingress rule into one open to the world on a port. */
const worldIngress = (rule: RegExp, port: number) => (e: MutableEstate): void => {
    const r = e.one(SECURITY_GROUP_INGRESS_RULE, rule);
    e.set(r, ["referencedSecurityGroupId"], undefined).set(r, ["cidrIpv4"], "0.0.0.0/0").set(r, ["fromPort"], port).set(r, ["toPort"], port);
};

const statement = (e: MutableEstate, name: RegExp, s: Record<string, unknown>): void => {
    e.json(e.one(IAM_POLICY, name), "policy", (doc: JsonDoc) => {
        (doc.Statement as unknown as Record<string, unknown>[]).push(s);
    });
};

/** One security property flipped at a time, from the compliant prod plan (issue 5's list and more). */
const MUTATIONS: Mutation[] = [
    { name: "RDS publiclyAccessible", policy: "rds-not-publicly-accessible", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["publiclyAccessible"], true) },
    { name: "RDS storageEncrypted off", policy: "rds-storage-encrypted", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["storageEncrypted"], false) },
    { name: "RDS kmsKeyId removed", policy: "rds-storage-encrypted", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["kmsKeyId"], undefined) },
    { name: "RDS Performance Insights without CMK", policy: "rds-performance-insights-cmk", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["performanceInsightsKmsKeyId"], undefined) },
    { name: "Redis at-rest encryption off", policy: "elasticache-encrypted", level: "resource", edit: (e) => e.set(e.one(ELASTICACHE_REPLICATION_GROUP), ["atRestEncryptionEnabled"], false) },
    { name: "Redis in-transit encryption off", policy: "elasticache-encrypted", level: "resource", edit: (e) => e.set(e.one(ELASTICACHE_REPLICATION_GROUP), ["transitEncryptionEnabled"], false) },
    { name: "container user root", policy: "ecs-container-non-root", level: "resource", edit: container((c) => (c.user = "root")) },
    { name: "container user 0:0", policy: "ecs-container-non-root", level: "resource", edit: container((c) => (c.user = "0:0")) },
    { name: "container user removed", policy: "ecs-container-non-root", level: "resource", edit: container((c) => delete c.user) },
    { name: "container privileged", policy: "ecs-container-not-privileged", level: "resource", edit: container((c) => (c.privileged = true)) },
    { name: "container writable root filesystem", policy: "ecs-container-readonly-root-fs", level: "resource", edit: container((c) => (c.readonlyRootFilesystem = false)) },
    { name: "container image :latest", policy: "ecs-container-image-pinned", level: "resource", edit: container((c) => (c.image = String(c.image).replace(/@sha256:.*/, ":latest"))) },
    { name: "container adds SYS_ADMIN", policy: "ecs-container-no-added-capabilities", level: "resource", edit: container((c) => ((c.linuxParameters as { capabilities: { add: string[] } }).capabilities.add = ["SYS_ADMIN"])) },
    { name: "container plaintext password in environment", policy: "ecs-container-no-plaintext-secrets", level: "resource", edit: container((c) => (c.environment as object[]).push({ name: "DB_PASSWORD", value: "hunter2-not-a-secret" })) },
    { name: "ECS service assignPublicIp", policy: "ecs-service-no-public-ip", level: "resource", edit: (e) => e.set(e.one(ECS_SERVICE), ["networkConfiguration", "assignPublicIp"], true) },
    { name: "HTTPS listener weak TLS policy", policy: "alb-listener-tls-policy", level: "resource", edit: (e) => e.set(e.one(LB_LISTENER, /-https$/), ["sslPolicy"], "ELBSecurityPolicy-2016-08") },
    { name: "HTTP listener forwards instead of redirecting", policy: "alb-http-redirects-to-https", level: "resource", edit: (e) => e.set(e.one(LB_LISTENER, /-http$/), ["defaultActions"], [{ type: "forward", targetGroupArn: "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:318920475611:targetgroup/govstack-prod-blue/0123456789abcdef" }]) },
    { name: "ALB access logs off", policy: "alb-access-logs-enabled", level: "resource", edit: (e) => e.set(e.one(LB_LOAD_BALANCER), ["accessLogs", "enabled"], false) },
    { name: "ALB keeps invalid headers", policy: "alb-drops-invalid-headers", level: "resource", edit: (e) => e.set(e.one(LB_LOAD_BALANCER), ["dropInvalidHeaderFields"], false) },
    { name: "SG ingress 5432 from 0.0.0.0/0", policy: "security-group-database-ports-not-public", level: "resource", edit: worldIngress(/database-from-service/, 5432) },
    { name: "SG ingress 22 from 0.0.0.0/0", policy: "security-group-no-world-admin-ports", level: "resource", edit: worldIngress(/service-from-alb/, 22) },
    { name: "SG ingress 8080 from 0.0.0.0/0", policy: "security-group-world-ingress-web-only", level: "resource", edit: worldIngress(/service-from-alb/, 8080) },
    ...(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const).map(
        (flag): Mutation => ({ name: `public access block ${flag} off`, policy: "s3-public-access-block-all-flags", level: "resource", edit: (e) => e.set(e.one(S3_BUCKET_PUBLIC_ACCESS_BLOCK, /backups/), [flag], false) }),
    ),
    { name: "bucket SSE AES256 instead of KMS", policy: "s3-bucket-sse-kms", level: "resource", edit: (e) => e.set(e.one(S3_SSE_CONFIG, /backups/), ["rules", 0, "applyServerSideEncryptionByDefault"], { sseAlgorithm: "AES256" }) },
    { name: "KMS key rotation off", policy: "kms-key-rotation-enabled", level: "resource", edit: (e) => e.set(e.one(KMS_KEY, /data/), ["enableKeyRotation"], false) },
    { name: "IAM wildcard action", policy: "iam-policy-no-wildcard-actions", level: "resource", edit: (e) => statement(e, /-task$/, { Effect: "Allow", Action: "*", Resource: "*" }) },
    { name: "IAM PassRole on *", policy: "iam-policy-no-passrole-wildcard", level: "resource", edit: (e) => statement(e, /-task$/, { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }) },
    { name: "ECR tags mutable", policy: "ecr-repository-immutable-tags", level: "resource", edit: (e) => e.set(e.one(ECR_REPOSITORY), ["imageTagMutability"], "MUTABLE") },
    { name: "ECR scan on push off", policy: "ecr-repository-scan-on-push", level: "resource", edit: (e) => e.set(e.one(ECR_REPOSITORY), ["imageScanningConfiguration", "scanOnPush"], false) },
    { name: "ECR AES256 instead of KMS", policy: "ecr-repository-kms", level: "resource", edit: (e) => e.set(e.one(ECR_REPOSITORY), ["encryptionConfigurations"], [{ encryptionType: "AES256" }]) },
    { name: "log group without CMK", policy: "cloudwatch-log-group-cmk", level: "resource", edit: (e) => e.set(e.one(CLOUDWATCH_LOG_GROUP, /-app$/), ["kmsKeyId"], undefined) },
    { name: "SNS topic without CMK", policy: "sns-topic-encrypted", level: "resource", edit: (e) => e.set(e.one("aws:sns/topic:Topic"), ["kmsMasterKeyId"], undefined) },
    // The estate declares no secret of its own (RDS manages its master secret): these add one.
    { name: "secret without CMK", policy: "secretsmanager-secret-cmk", level: "resource", edit: (e) => void e.add(e.one("aws:sns/topic:Topic"), SECRETSMANAGER_SECRET, "data-api-token", { name: "govstack-prod/api-token" }) },
    {
        name: "secret without rotation",
        policy: "secretsmanager-secret-rotation",
        level: "stack",
        edit: (e) => void e.add(e.one("aws:sns/topic:Topic"), SECRETSMANAGER_SECRET, "data-api-token", { name: "govstack-prod/api-token", kmsKeyId: e.one(RDS_INSTANCE).inputs.kmsKeyId ?? "" }),
    },
    { name: "log retention 7 days", policy: "cloudwatch-log-retention", level: "resource", edit: (e) => e.set(e.one(CLOUDWATCH_LOG_GROUP, /-app$/), ["retentionInDays"], 7) },
    {
        name: "required tag Owner removed (resource tags and provider defaultTags)",
        policy: "required-tags",
        level: "resource",
        edit: (e) => e.set(e.one(RDS_INSTANCE), ["tags", "Owner"], undefined).set(e.one(AWS_PROVIDER, /^default/), ["defaultTags", "tags", "Owner"], undefined),
    },
    { name: "RDS deletion protection off", policy: "rds-deletion-protection", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["deletionProtection"], false) },
    { name: "RDS backup retention 0", policy: "rds-backup-retention", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["backupRetentionPeriod"], 0) },
    { name: "RDS single-AZ", policy: "rds-multi-az", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["multiAz"], false) },
    { name: "RDS skips its final snapshot", policy: "rds-final-snapshot", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["skipFinalSnapshot"], true).set(e.one(RDS_INSTANCE), ["finalSnapshotIdentifier"], undefined) },
    { name: "RDS parameter group allows plaintext", policy: "rds-parameter-group-requires-tls", level: "resource", edit: (e) => e.set(e.one("aws:rds/parameterGroup:ParameterGroup"), ["parameters", 0, "value"], "0") },
    { name: "Redis without Multi-AZ", policy: "elasticache-multi-az", level: "resource", edit: (e) => e.set(e.one(ELASTICACHE_REPLICATION_GROUP), ["multiAzEnabled"], false) },
    { name: "ALB deletion protection off", policy: "alb-deletion-protection", level: "resource", edit: (e) => e.set(e.one(LB_LOAD_BALANCER), ["enableDeletionProtection"], false) },
    { name: "region outside GovCloud (default provider us-east-1)", policy: "provider-allowed-regions", level: "resource", edit: (e) => e.set(e.one(AWS_PROVIDER, /^default/), ["region"], "us-east-1") },
    { name: "provider without FIPS endpoints", policy: "provider-fips-endpoints", level: "resource", edit: (e) => e.set(e.one(AWS_PROVIDER, /^default/), ["useFipsEndpoint"], false) },
    // Issue 17 items 1–6: keys, data-store operations, task network mode.
    { name: "RDS Enhanced Monitoring off", policy: "rds-enhanced-monitoring", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["monitoringInterval"], 0) },
    { name: "RDS upgrade log no longer exported", policy: "rds-log-exports-enabled", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["enabledCloudwatchLogsExports"], ["postgresql"]) },
    { name: "RDS automatic minor version upgrades off", policy: "rds-auto-minor-version-upgrade", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["autoMinorVersionUpgrade"], false) },
    { name: "RDS kmsKeyId without storageEncrypted", policy: "rds-storage-encrypted", level: "resource", edit: (e) => e.set(e.one(RDS_INSTANCE), ["storageEncrypted"], undefined) },
    { name: "Redis snapshots kept 3 days (prod requires 7)", policy: "elasticache-snapshot-retention", level: "resource", edit: (e) => e.set(e.one(ELASTICACHE_REPLICATION_GROUP), ["snapshotRetentionLimit"], 3) },
    { name: "KMS key deletion window 7 days", policy: "kms-key-deletion-window", level: "resource", edit: (e) => e.set(e.one(KMS_KEY, /data/), ["deletionWindowInDays"], 7) },
    { name: "KMS key RSA for encryption", policy: "kms-key-encryption-symmetric", level: "resource", edit: (e) => e.set(e.one(KMS_KEY, /data/), ["customerMasterKeySpec"], "RSA_4096") },
    { name: "KMS key HMAC with rotation on", policy: "kms-key-rotation-supported", level: "resource", edit: (e) => e.set(e.one(KMS_KEY, /data/), ["customerMasterKeySpec"], "HMAC_256").set(e.one(KMS_KEY, /data/), ["keyUsage"], "GENERATE_VERIFY_MAC") },
    { name: "KMS key bypasses the lockout safety check", policy: "kms-key-policy-lockout-check", level: "resource", edit: (e) => e.set(e.one(KMS_KEY, /data/), ["bypassPolicyLockoutSafetyCheck"], true) },
    {
        name: "KMS key policy lets a role decrypt",
        policy: "kms-key-policy-least-privilege",
        level: "resource",
        edit: (e) =>
            e.json(e.one(KMS_KEY, /data/), "policy", (doc: JsonDoc) => {
                (doc.Statement as unknown as Record<string, unknown>[]).push({ Sid: "App", Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::318920475611:role/govstack-prod-task" }, Action: "kms:Decrypt", Resource: "*" });
            }),
    },
    { name: "KMS key without a key policy", policy: "kms-key-explicit-policy", level: "resource", edit: (e) => e.set(e.one(KMS_KEY, /data/), ["policy"], undefined) },
    { name: "task definition in bridge mode", policy: "ecs-task-network-mode-awsvpc", level: "resource", edit: (e) => e.set(e.one(ECS_TASK_DEFINITION), ["networkMode"], "bridge") },
    { name: "CloudTrail log file validation off", policy: "cloudtrail-log-file-validation", level: "resource", edit: (e) => e.set(e.one("aws:cloudtrail/trail:Trail"), ["enableLogFileValidation"], false) },
    { name: "CloudTrail trail removed", policy: "cloudtrail-trail-present", level: "stack", edit: (e) => e.remove("aws:cloudtrail/trail:Trail") },
    { name: "backup vault lock removed", policy: "backup-vault-locked", level: "stack", edit: (e) => e.remove("aws:backup/vaultLockConfiguration:VaultLockConfiguration", /backups-vault-lock$/) },
    { name: "backup selection removed", policy: "backup-plan-covers-database", level: "stack", edit: (e) => e.remove("aws:backup/selection:Selection") },
    { name: "WAF association removed", policy: "alb-waf-associated", level: "stack", edit: (e) => e.remove("aws:wafv2/webAclAssociation:WebAclAssociation") },
    { name: "VPC flow log removed", policy: "vpc-flow-logs-enabled", level: "stack", edit: (e) => e.remove("aws:ec2/flowLog:FlowLog") },
    // The network boundary (issue 16): every one of these resources is in the plan and judged.
    { name: "public subnet maps public IPs", policy: "subnet-no-public-ip-on-launch", level: "resource", edit: (e) => e.set(e.one(SUBNET, /public-us-gov-west-1a$/), ["mapPublicIpOnLaunch"], true) },
    { name: "VPC default security group not adopted", policy: "vpc-default-security-group-closed", level: "stack", edit: (e) => e.remove(DEFAULT_SECURITY_GROUP) },
    { name: "VPC default security group allows all egress", policy: "vpc-default-security-group-closed", level: "stack", edit: (e) => e.set(e.one(DEFAULT_SECURITY_GROUP), ["egress"], [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]) },
    {
        name: "service egress all protocols to 0.0.0.0/0",
        policy: "security-group-egress-names-ports",
        level: "resource",
        edit: (e) => e.set(e.one(SECURITY_GROUP_EGRESS_RULE, /service-to-s3$/), ["prefixListId"], undefined).set(e.one(SECURITY_GROUP_EGRESS_RULE, /service-to-s3$/), ["ipProtocol"], "-1").set(e.one(SECURITY_GROUP_EGRESS_RULE, /service-to-s3$/), ["cidrIpv4"], "0.0.0.0/0"),
    },
    {
        name: "inline ingress on a group that has rule resources",
        policy: "network-rules-declared-one-way",
        level: "stack",
        edit: (e) => e.set(e.one("aws:ec2/securityGroup:SecurityGroup", /-alb$/), ["ingress"], [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["192.0.2.0/24"] }]),
    },
    {
        name: "private subnet associated with the public route table",
        policy: "subnet-private-tier-no-igw-route",
        level: "stack",
        edit: (e) => e.retie(e.one(ROUTE_TABLE_ASSOCIATION, /private-us-gov-west-1b$/), "routeTableId", e.one(ROUTE_TABLE, /-public$/)),
    },
    {
        name: "isolated route table routes 0.0.0.0/0 to the internet gateway",
        policy: "db-subnet-group-private",
        level: "stack",
        edit: (e) => e.retie(e.one(ROUTE, /public-internet$/), "routeTableId", e.one(ROUTE_TABLE, /-isolated$/)),
    },
    { name: "bucket public access block removed", policy: "s3-bucket-public-access-block-present", level: "stack", edit: (e) => e.remove(S3_BUCKET_PUBLIC_ACCESS_BLOCK, /backups/) },
    { name: "bucket encryption configuration removed", policy: "s3-bucket-encryption-configured", level: "stack", edit: (e) => e.remove(S3_SSE_CONFIG, /backups/) },
    { name: "bucket TLS-only policy removed", policy: "s3-bucket-tls-only-policy", level: "stack", edit: (e) => e.remove("aws:s3/bucketPolicy:BucketPolicy", /backups/) },
    { name: "backup bucket versioning removed", policy: "s3-backup-bucket-versioning", level: "stack", edit: (e) => e.remove("aws:s3/bucketVersioning:BucketVersioning", /backups/) },
];

describe("mutation suite: one security property flipped at a time from the compliant prod plan", function () {
    this.timeout(120000);
    const openRealPack = packPerSuite(REAL_PACK);
    let pack: PackHandle;
    let prod: PlanResult;
    const outcomes: { mutation: Mutation; diagnostics: Diagnostic[] }[] = [];

    before(async () => {
        const handle = openRealPack();
        // The baseline through the same session: compliant (0 mandatory), and it leaves the pack
        // configured for prod, exactly as the mutations are replayed.
        prod = await runPlan("prod", { pack: handle, evaluation: await evaluateOnce("prod") });
        pack = await handle;
        assert.strictEqual(prod.mandatory, 0, prod.violations.map((v) => v.message).join("\n"));
    });

    after(async () => {
        const blocked = outcomes.filter((o) => o.diagnostics.some((d) => d.policy === o.mutation.policy && d.enforcement === "mandatory"));
        if (outcomes.length > 0) {
            console.log(`\n    mutation score: ${blocked.length}/${outcomes.length} blocked (${Math.round((100 * blocked.length) / outcomes.length)}%)`);
        }
    });

    it(`lists at least 30 mutations`, () => {
        assert.ok(MUTATIONS.length >= 30, `${MUTATIONS.length}`);
    });

    for (const mutation of MUTATIONS) {
        it(`${mutation.name} → blocked by ${mutation.policy}`, async () => {
            const estate = new MutableEstate(prod.evaluation.resources);
            mutation.edit(estate);
            const providers = providerIndex(estate.resources);
            let diagnostics: Diagnostic[];
            if (mutation.level === "resource") {
                assert.ok(estate.changed.size > 0, "the mutation changed nothing");
                diagnostics = (await Promise.all(estate.changedResources.map((r) => pack.session.analyze(r, r.provider ? providers.get(r.provider) : undefined)))).flat();
            } else {
                diagnostics = await pack.session.analyzeStack(estate.resources, providers);
            }
            outcomes.push({ mutation, diagnostics });
            const mandatory = diagnostics.filter((d) => d.enforcement === "mandatory");
            assert.ok(
                mandatory.some((d) => d.policy === mutation.policy),
                `not blocked by ${mutation.policy}; mandatory: ${mandatory.map((d) => d.policy).join(", ") || "none"}; all: ${diagnostics.map((d) => `${d.enforcement} ${d.policy}: ${d.message}`).join(" | ")}`,
            );
        });
    }
});
