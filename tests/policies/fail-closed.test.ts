// Malformed input fails closed (issue 15): a security field holding a value of the wrong JSON type,
// or an enum value AWS does not define, is a mandatory "Cannot evaluate …" violation naming the
// property and the value — never a pass, an exemption or an exception. And the builders' safety
// net turns an unexpected exception into a mandatory internal-error violation instead of failing
// the preview. (The property-based tests in fuzz.test.ts generalise the cases below.)

import * as assert from "node:assert/strict";

import { INTERNAL_ERROR_PREFIX } from "../../policies/lib/policy-common";
import {
    AUTOSCALING_GROUP,
    BACKUP_PLAN,
    BACKUP_SELECTION,
    CLASSIC_ELB,
    EBS_ENCRYPTION_BY_DEFAULT,
    EC2_INSTANCE,
    EKS_CLUSTER,
    LAUNCH_TEMPLATE,
    RDS_INSTANCE,
    resourcePolicy,
    REST_METHOD_SETTINGS,
    REST_STAGE,
    S3_BUCKET,
    S3_BUCKET_POLICY,
    SQS_QUEUE,
    stackPolicy,
    SUBNET,
    VPC,
    WAFV2_WEB_ACL_ASSOCIATION,
} from "../../policies/lib";
import {
    ecsContainerNoAddedCapabilities,
    ecsContainerNonRoot,
    ecsContainerNoPlaintextSecrets,
    ecsContainerNotPrivileged,
} from "../../policies/rules/containers";
import { configRecorderEnabled, configRuleAutoRemediation, guarddutyDetectorEnabled, securityhubStandardSubscribed } from "../../policies/rules/detection";
import { dbSubnetGroupPrivate, opensearchInVpc, rdsNotPubliclyAccessible, securityGroupDatabasePortsNotPublic } from "../../policies/rules/databases";
import {
    ecrRepositoryKms,
    efsEncrypted,
    elasticacheClusterEncrypted,
    elasticacheEncrypted,
    rdsParameterGroupRequiresTls,
    s3BucketEncryptionConfigured,
    snsTopicEncrypted,
} from "../../policies/rules/encryption";
import {
    auroraClusterMultiAz,
    cloudwatchLogRetention,
    elasticacheMultiAz,
    providerAllowedRegions,
    providerFipsEndpoints,
    requiredTags,
} from "../../policies/rules/governance";
import {
    iamNoAdminManagedPolicies,
    iamPolicyNoWildcardActions,
    iamUserNoPolicies,
    kmsKeyRotationEnabled,
    resourcePolicyNoPublicPrincipal,
    resourcePolicyNoWildcardActions,
} from "../../policies/rules/identity";
import {
    albAccessLogsEnabled,
    albHttpRedirectsToHttps,
    albListenerTlsPolicy,
    networkAclNoWorldAdminIngress,
    securityGroupNoWorldAdminPorts,
    subnetNoPublicIpOnLaunch,
    subnetPrivateTierNoIgwRoute,
    vpcDefaultSecurityGroupClosed,
} from "../../policies/rules/network";
import {
    backupPlanCoversDatabase,
    backupVaultLocked,
    cloudtrailCloudwatchLogs,
    cloudtrailCmkEncrypted,
    cloudtrailS3DataEvents,
    cloudtrailTrailPresent,
} from "../../policies/rules/baseline";
import { cloudwatchAlarmHasAction, secretsmanagerSecretRotation, wafv2WebAclLogging } from "../../policies/rules/logging";
import {
    s3AclNoGroupAcpGrants,
    s3AuditBucketObjectLock,
    s3BackupBucketVersioning,
    s3BucketLifecycleConfigured,
    s3BucketOwnerEnforced,
    s3BucketTlsOnlyPolicy,
    s3BucketVersioningEnabled,
    s3NoPublicAcl,
} from "../../policies/rules/storage-hygiene";
import {
    autoscalingGroupElbHealthCheck,
    ebsEncryptionByDefaultEnabled,
    ec2Imdsv2Required,
    ec2InstanceProfileAttached,
    ec2NoPublicIp,
    eksControlPlaneLogs,
    eksEndpointNotPublic,
    eksNodeGroupSshRestricted,
    eksSecretsCmk,
    elbClassicAccessLogs,
    elbClassicCrossZone,
    elbClassicTlsListeners,
    noEmbeddedCredentials,
    tlsCertificateFromAcm,
} from "../../policies/rules/compute";
import {
    apigatewayDomainTls12,
    apigatewayRestStageExecutionLogging,
    apigatewayStageAccessLogging,
    lambdaFunctionUrlAuth,
    lambdaInVpc,
    lambdaPermissionRestricted,
} from "../../policies/rules/serverless";
import type { GovPolicy } from "../../policies/lib";
import {
    advisory,
    assertClean,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    Diagnostic,
    mandatory,
    messages,
    policyDoc,
    runResourcePolicy,
    runStackPolicy,
    STRONG_PASSWORD_POLICY,
    TestResource,
    unknown,
    urnOf,
    waiver,
} from "./helpers";
import { IAM_ROLE } from "../../policies/rules/identity/resource-types";
import { REST_API } from "../../policies/rules/serverless/resource-types";

/** An object whose `toString` key is data, not a function: String(it) throws "Cannot convert object to primitive value". */
const TO_STRING = { toString: "x" };


function assertNoInternalError(diags: readonly Diagnostic[]): void {
    assert.deepEqual(
        diags.filter((d) => d.message.startsWith(INTERNAL_ERROR_PREFIX)).map((d) => d.message),
        [],
    );
}

/** Exactly these mandatory messages, and none of them from the safety net. */
function assertFailsClosed(diags: readonly Diagnostic[], expected: readonly string[]): void {
    assertNoInternalError(diags);
    assertViolations(diags, expected);
}

/**
 * One table case: a resource (or a stack, judged at `name`) whose judged field is malformed, the
 * exact mandatory messages, and the same resource with a valid value, which passes.
 */
interface TableCase {
    readonly title: string;
    readonly policy: GovPolicy;
    readonly type: string;
    readonly name: string;
    readonly bad: Record<string, unknown>;
    readonly good: Record<string, unknown>;
    readonly expected: readonly string[];
    /** For a stack policy: the other resources of the stack, around the judged one. */
    readonly stack?: (props: Record<string, unknown>) => TestResource[];
}

/**
 * Each case fails closed; an active waiver for the resource leaves the malformed finding mandatory (a
 * waiver accepts a known risk, a value the policy cannot read is not one; the policy's other findings
 * are waived as usual); the same resource with a valid value passes.
 */
function itFailsClosedEvenWaived(cases: readonly TableCase[]): void {
    const run = (c: TableCase, props: Record<string, unknown>, config: Record<string, unknown> = {}): Promise<Diagnostic[]> =>
        c.stack ? runStackPolicy(c.policy, c.stack(props), config) : runResourcePolicy(c.policy, { type: c.type, name: c.name, props, config });
    for (const c of cases) {
        it(c.title, async () => {
            assertFailsClosed(await run(c, c.bad), c.expected);
            const waived = await run(c, c.bad, { waivers: [waiver(c.name)] });
            assertNoInternalError(waived);
            const malformed = c.expected.filter((m) => m.startsWith("Cannot evaluate"));
            assert.deepEqual(messages(mandatory(waived)).filter((m) => m.startsWith("Cannot evaluate")), malformed);
            assert.ok(!messages(waived).some((m) => m.startsWith("Waived") && m.includes("Cannot evaluate")), JSON.stringify(messages(waived)));
            assertClean(await run(c, c.good));
        });
    }
}

describe("malformed input fails closed", () => {
    describe("policies that threw on an object with a toString key", () => {
        it("alb-http-redirects-to-https: a default action's type", async () => {
            const diags = await runResourcePolicy(albHttpRedirectsToHttps, {
                type: "aws:lb/listener:Listener",
                name: "http",
                props: { protocol: "HTTP", port: 80, defaultActions: [{ type: TO_STRING }] },
            });
            assertFailsClosed(diags, [
                'Cannot evaluate Load balancer listener "http": defaultActions[0].type is an object {"toString":"x"}, expected one of "forward", "redirect", ' +
                    `"fixed-response", "authenticate-cognito", "authenticate-oidc"${SUFFIX}`,
            ]);
        });

        it("alb-listener-tls-policy: sslPolicy", async () => {
            const diags = await runResourcePolicy(albListenerTlsPolicy, {
                type: "aws:lb/listener:Listener",
                name: "https",
                props: { protocol: "HTTPS", port: 443, sslPolicy: TO_STRING },
            });
            assertFailsClosed(diags, [`Cannot evaluate Load balancer listener "https": sslPolicy is an object {"toString":"x"}, expected a string${SUFFIX}`]);
        });

        it("security-group-database-ports-not-public: an ingress protocol", async () => {
            const diags = await runResourcePolicy(securityGroupDatabasePortsNotPublic, {
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "db",
                props: { ingress: [{ protocol: TO_STRING, fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }] },
            });
            assertFailsClosed(diags, [`Cannot evaluate Security group "db": ingress[0].protocol is an object {"toString":"x"}, expected a string or a number${SUFFIX}`]);
        });

        it("ecr-repository-kms: encryptionType", async () => {
            const diags = await runResourcePolicy(ecrRepositoryKms, {
                type: "aws:ecr/repository:Repository",
                name: "app",
                props: { encryptionConfigurations: [{ encryptionType: TO_STRING, kmsKey: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k" }] },
            });
            assertFailsClosed(diags, [
                `Cannot evaluate ECR repository "app": encryptionConfigurations[0].encryptionType is an object {"toString":"x"}, expected a string${SUFFIX}`,
            ]);
        });

        it("elasticache-cluster-encrypted and elasticache-multi-az: engine", async () => {
            for (const policy of [elasticacheClusterEncrypted, elasticacheMultiAz]) {
                const diags = await runResourcePolicy(policy, { type: "aws:elasticache/cluster:Cluster", name: "cache", props: { engine: TO_STRING } });
                assertFailsClosed(diags, [
                    `Cannot evaluate ElastiCache cluster "cache": engine is an object {"toString":"x"}, expected one of "memcached", "redis", "valkey"${SUFFIX}`,
                ]);
            }
        });

        it("rds-parameter-group-requires-tls: a parameter's value, and a database's engineVersion", async () => {
            const group = await runResourcePolicy(rdsParameterGroupRequiresTls, {
                type: "aws:rds/parameterGroup:ParameterGroup",
                name: "pg",
                props: { family: "postgres14", parameters: [{ name: "rds.force_ssl", value: TO_STRING }] },
            });
            assertFailsClosed(group, [`Cannot evaluate RDS parameter group "pg": parameters[0].value is an object {"toString":"x"}, expected a string or a number${SUFFIX}`]);
            const db = await runResourcePolicy(rdsParameterGroupRequiresTls, {
                type: "aws:rds/instance:Instance",
                name: "db",
                props: { engine: "mysql", engineVersion: TO_STRING },
            });
            assertFailsClosed(db, [`Cannot evaluate RDS instance "db": engineVersion is an object {"toString":"x"}, expected a string or a number${SUFFIX}`]);
        });

        it("provider-allowed-regions: region", async () => {
            const diags = await runResourcePolicy(providerAllowedRegions, { type: "pulumi:providers:aws", name: "default", props: { region: TO_STRING } });
            assertFailsClosed(diags, [`Cannot evaluate AWS provider "default": region is an object {"toString":"x"}, expected a string${SUFFIX}`]);
        });
    });

    describe("policies that failed open", () => {
        const SPECS =
            '"RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", ' +
            '"HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519"';

        it("kms-key-rotation-enabled: a key spec that is not a defined spec is no exemption", async () => {
            const run = (spec: unknown) => runResourcePolicy(kmsKeyRotationEnabled, { type: "aws:kms/key:Key", name: "data", props: { customerMasterKeySpec: spec } });
            for (const [spec, got] of [
                [5, "the number 5"],
                ["garbage", '"garbage"'],
                [TO_STRING, 'an object {"toString":"x"}'],
                [["RSA_2048"], 'an array ["RSA_2048"]'],
                [false, "the boolean false"],
            ] as const) {
                assertFailsClosed(await run(spec), [`Cannot evaluate KMS key "data": customerMasterKeySpec is ${got}, expected one of ${SPECS}${SUFFIX}`]);
            }
            // null means "not set": the default spec, SYMMETRIC_DEFAULT, which must rotate.
            assertFailsClosed(await run(null), ['KMS key "data" does not rotate; set enableKeyRotation: true.']);
            // keySpec (the API's current name) is judged the same way.
            const bySpec = await runResourcePolicy(kmsKeyRotationEnabled, { type: "aws:kms/key:Key", name: "data", props: { keySpec: 7 } });
            assertFailsClosed(bySpec, [`Cannot evaluate KMS key "data": keySpec is the number 7, expected one of ${SPECS}${SUFFIX}`]);
        });

        it("kms-key-rotation-enabled: a malformed enableKeyRotation does not pass", async () => {
            const diags = await runResourcePolicy(kmsKeyRotationEnabled, { type: "aws:kms/key:Key", name: "data", props: { enableKeyRotation: "yes" } });
            assertFailsClosed(diags, [`Cannot evaluate KMS key "data": enableKeyRotation is "yes", expected a boolean${SUFFIX}`]);
        });

        it("ecs-container-non-root: a user that is a boolean, an array or an object", async () => {
            for (const [user, got] of [
                [true, "the boolean true"],
                [["1001"], 'an array ["1001"]'],
                [{ uid: 1001 }, 'an object {"uid":1001}'],
            ] as const) {
                const diags = await runResourcePolicy(ecsContainerNonRoot, {
                    type: "aws:ecs/taskDefinition:TaskDefinition",
                    name: "app",
                    props: { containerDefinitions: JSON.stringify([{ name: "app", image: "repo@sha256:" + "a".repeat(64), user }]) },
                });
                assertFailsClosed(diags, [`Cannot evaluate Task definition "app": containerDefinitions[0].user is ${got}, expected a string or a number${SUFFIX}`]);
            }
        });

        it("unknown at preview stays advisory", async () => {
            const diags = await runResourcePolicy(kmsKeyRotationEnabled, { type: "aws:kms/key:Key", name: "data", props: { customerMasterKeySpec: unknown() } });
            assert.deepEqual(messages(mandatory(diags)), []);
            assert.equal(diags.length, 1);
            assert.match(diags[0].message, /^Cannot verify customerMasterKeySpec during preview/);
        });
    });
});

describe("malformed input fails closed, area by area", () => {
    describe("databases", () => {
        it("a bridge-coerced \"true\" is true (it used to pass), anything else but a boolean is malformed", async () => {
            const run = (v: unknown) => runResourcePolicy(rdsNotPubliclyAccessible, { type: "aws:rds/instance:Instance", name: "db", props: { publiclyAccessible: v } });
            assertFailsClosed(await run("true"), ['DB instance "db" has publiclyAccessible = true; set it to false.']);
            assertFailsClosed(await run(1), [`Cannot evaluate RDS instance "db": publiclyAccessible is the number 1, expected a boolean${SUFFIX}`]);
        });

        it("opensearch-in-vpc: vpcOptions of the wrong shape, or a subnet id that is not a string", async () => {
            const run = (props: Record<string, unknown>) => runResourcePolicy(opensearchInVpc, { type: "aws:opensearch/domain:Domain", name: "search", props });
            assertFailsClosed(await run({ vpcOptions: "vpc-1" }), [`Cannot evaluate OpenSearch domain "search": vpcOptions is "vpc-1", expected an object${SUFFIX}`]);
            assertFailsClosed(await run({ vpcOptions: { subnetIds: [{ id: "subnet-1" }] } }), [
                `Cannot evaluate OpenSearch domain "search": vpcOptions.subnetIds[0] is an object {"id":"subnet-1"}, expected a string${SUFFIX}`,
            ]);
        });

        it("a world CIDR of one family is definite even when the other family's list is unknown (it used to be only possible)", async () => {
            const diags = await runResourcePolicy(securityGroupDatabasePortsNotPublic, {
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "db",
                props: { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: unknown(), ipv6CidrBlocks: ["::/0"] }] },
            });
            assertFailsClosed(diags, ['Security group "db" ingress[0] opens database port(s) 5432 to ::/0; allow only the application\'s security group.']);
        });

        it("a port or CIDR of the wrong type is malformed; so is a standalone rule's type", async () => {
            const sg = await runResourcePolicy(securityGroupDatabasePortsNotPublic, {
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "db",
                props: { ingress: [{ protocol: "tcp", fromPort: "5432", toPort: 5432, cidrBlocks: [["0.0.0.0/0"]] }] },
            });
            assertFailsClosed(sg, [
                `Cannot evaluate Security group "db": ingress[0].fromPort is "5432", expected a number${SUFFIX}`,
                `Cannot evaluate Security group "db": ingress[0].cidrBlocks[0] is an array ["0.0.0.0/0"], expected a string${SUFFIX}`,
            ]);
            const rule = await runResourcePolicy(securityGroupDatabasePortsNotPublic, {
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                name: "r",
                props: { type: "Ingress ", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] },
            });
            assertFailsClosed(rule, [`Cannot evaluate Security group rule "r": type is "Ingress ", expected one of "ingress", "egress"${SUFFIX}`]);
        });

        it("db-subnet-group-private: a public-IP flag spelled \"true\" is public; a subnet list that is not a list is malformed", async () => {
            const subnet = { type: "aws:ec2/subnet:Subnet", name: "a", props: { id: "subnet-a", mapPublicIpOnLaunch: "true" } };
            const group = (subnetIds: unknown) => ({ type: "aws:rds/subnetGroup:SubnetGroup", name: "db", props: { subnetIds } });
            assertFailsClosed(await runStackPolicy(dbSubnetGroupPrivate, [subnet, group(["subnet-a"])]), [
                'Subnet group "db" includes public subnet "a": it maps public IPs on launch (mapPublicIpOnLaunch = true); use private subnets only.',
            ]);
            assertFailsClosed(await runStackPolicy(dbSubnetGroupPrivate, [subnet, group(5)]), [
                `Cannot evaluate RDS subnet group "db": subnetIds is the number 5, expected a string or an array of strings${SUFFIX}`,
            ]);
        });
    });
});

describe("malformed input fails closed: encryption", () => {
    it("a key id that is not a string is malformed (it used to count as a customer-managed key)", async () => {
        const efs = await runResourcePolicy(efsEncrypted, { type: "aws:efs/fileSystem:FileSystem", name: "fs", props: { encrypted: true, kmsKeyId: 42 } });
        assertFailsClosed(efs, [`Cannot evaluate EFS file system "fs": kmsKeyId is the number 42, expected a string${SUFFIX}`]);
        const sns = await runResourcePolicy(snsTopicEncrypted, { type: "aws:sns/topic:Topic", name: "alarms", props: { kmsMasterKeyId: { arn: "k" } } });
        assertFailsClosed(sns, [`Cannot evaluate SNS topic "alarms": kmsMasterKeyId is an object {"arn":"k"}, expected a string${SUFFIX}`]);
    });

    it("a transit encryption mode AWS does not define is malformed (it used to pass as not \"preferred\")", async () => {
        const diags = await runResourcePolicy(elasticacheEncrypted, {
            type: "aws:elasticache/replicationGroup:ReplicationGroup",
            name: "cache",
            props: { atRestEncryptionEnabled: true, kmsKeyId: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k", transitEncryptionEnabled: true, transitEncryptionMode: "Preferred" },
        });
        assertFailsClosed(diags, [
            `Cannot evaluate ElastiCache replication group "cache": transitEncryptionMode is "Preferred", expected one of "preferred", "required"${SUFFIX}`,
        ]);
    });

    it("an inline encryption configuration that is not an object does not count as declared", async () => {
        const diags = await runStackPolicy(s3BucketEncryptionConfigured, [{ type: "aws:s3/bucket:Bucket", name: "data", props: { serverSideEncryptionConfiguration: "AES256" } }]);
        assertFailsClosed(diags, [`Cannot evaluate S3 bucket "data": serverSideEncryptionConfiguration is "AES256", expected an object${SUFFIX}`]);
    });

    it("rds-parameter-group-requires-tls: a computed parameter name is cannot-verify, never a mandatory 'unset'", async () => {
        const diags = await runResourcePolicy(rdsParameterGroupRequiresTls, {
            type: "aws:rds/parameterGroup:ParameterGroup",
            name: "pg",
            props: { family: "postgres14", parameters: [{ name: unknown(), value: "1" }] },
        });
        assert.deepEqual(messages(mandatory(diags)), []);
        assert.deepEqual(
            diags.map((d) => d.message),
            ["Cannot verify parameter rds.force_ssl during preview: the value is unknown until the update. The policy runs again before the resource is created."],
        );
    });
});

describe("malformed input fails closed: containers", () => {
    const IMAGE = "repo@sha256:" + "a".repeat(64);
    const task = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name: "web",
        props: { containerDefinitions: JSON.stringify(containers), ...extra },
    });
    const app = (fields: Record<string, unknown>) => ({ name: "app", image: IMAGE, user: "1001", readonlyRootFilesystem: true, ...fields });

    it("an environment given as a map is malformed (its secret-looking names used to go unchecked)", async () => {
        const diags = await runResourcePolicy(ecsContainerNoPlaintextSecrets, task([app({ environment: { DB_PASSWORD: "hunter2" } })]));
        assertFailsClosed(diags, [`Cannot evaluate Task definition "web": containerDefinitions[0].environment is an object {"DB_PASSWORD":"hunter2"}, expected an array${SUFFIX}`]);
    });

    it("an added capability that is not a string is malformed (it used to be skipped)", async () => {
        const diags = await runResourcePolicy(ecsContainerNoAddedCapabilities, task([app({ linuxParameters: { capabilities: { add: [{ name: "SYS_ADMIN" }] } } })]));
        assertFailsClosed(diags, [
            `Cannot evaluate Task definition "web": containerDefinitions[0].linuxParameters.capabilities.add[0] is an object {"name":"SYS_ADMIN"}, expected a string${SUFFIX}`,
        ]);
    });

    it('privileged "true" is privileged (it used to pass); a misspelt host network mode is malformed (it used to pass as not "host")', async () => {
        assertFailsClosed(await runResourcePolicy(ecsContainerNotPrivileged, task([app({ privileged: "true" })])), [
            'Task definition "web" container "app" is privileged; remove privileged: true.',
        ]);
        assertFailsClosed(await runResourcePolicy(ecsContainerNotPrivileged, task([app({})], { networkMode: "hosts" })), [
            `Cannot evaluate Task definition "web": networkMode is "hosts", expected one of "none", "bridge", "awsvpc", "host"${SUFFIX}`,
        ]);
    });

    it("a container definition that is not an object is malformed (not-privileged used to pass it as an empty container)", async () => {
        assertFailsClosed(await runResourcePolicy(ecsContainerNotPrivileged, task([app({}), "app"])), [
            `Cannot evaluate Task definition "web": containerDefinitions[1] is "app", expected an object${SUFFIX}`,
        ]);
    });
});

describe("malformed input fails closed: network", () => {
    it("a listener protocol ELB does not define is malformed (both listener policies used to skip it)", async () => {
        for (const policy of [albHttpRedirectsToHttps, albListenerTlsPolicy]) {
            const diags = await runResourcePolicy(policy, { type: "aws:lb/listener:Listener", name: "web", props: { protocol: "HTTPX", port: 80, defaultActions: [{ type: "forward" }] } });
            assertFailsClosed(diags, [
                `Cannot evaluate Load balancer listener "web": protocol is "HTTPX", expected one of "HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"${SUFFIX}`,
            ]);
        }
    });

    it("a load balancer type ELB does not define is malformed (it used to be skipped as not an ALB)", async () => {
        const diags = await runResourcePolicy(albAccessLogsEnabled, { type: "aws:lb/loadBalancer:LoadBalancer", name: "web", props: { loadBalancerType: "applicaton" } });
        assertFailsClosed(diags, [`Cannot evaluate Load balancer "web": loadBalancerType is "applicaton", expected one of "application", "network", "gateway"${SUFFIX}`]);
    });

    it("a standalone rule's CIDR that is a list is malformed (it used to be flattened)", async () => {
        const diags = await runResourcePolicy(securityGroupNoWorldAdminPorts, {
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name: "ssh",
            props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: ["10.0.0.0/8"] },
        });
        assertFailsClosed(diags, [`Cannot evaluate Security group rule "ssh": cidrIpv4 is an array ["10.0.0.0/8"], expected a string${SUFFIX}`]);
    });
});

describe("malformed input fails closed: identity", () => {

    it("an Action that is an object, or an Effect IAM does not define, is malformed (the statement used to be skipped)", async () => {
        const run = (statement: Record<string, unknown>) => runResourcePolicy(iamPolicyNoWildcardActions, { type: "aws:iam/policy:Policy", name: "p", props: { policy: policyDoc(statement) } });
        assertFailsClosed(await run({ Effect: "Allow", Action: { any: "*" }, Resource: "*" }), [
            `Cannot evaluate IAM policy "p": policy.Statement[0].Action is an object {"any":"*"}, expected a string or an array of strings${SUFFIX}`,
        ]);
        assertFailsClosed(await run({ Effect: "allow", Action: "*", Resource: "*" }), [`Cannot evaluate IAM policy "p": policy.Statement[0].Effect is "allow", expected one of "Allow", "Deny"${SUFFIX}`]);
    });

    it("a Principal that names nobody ({}) is malformed (it used to read as a named principal) — found by npm run fuzz", async () => {
        const diags = await runResourcePolicy(resourcePolicyNoPublicPrincipal, {
            type: "aws:s3/bucketPolicy:BucketPolicy",
            name: "site",
            props: { policy: policyDoc({ Effect: "Allow", Principal: {}, Action: "s3:GetObject", Resource: "*" }) },
        });
        assertFailsClosed(diags, [
            `Cannot evaluate S3 bucket policy "site": policy.Statement[0].Principal is an object {}, expected an object of AWS, Service, Federated or CanonicalUser principals${SUFFIX}`,
        ]);
    });

    it('a Principal that is a list is malformed (["*"] used to read as no principal)', async () => {
        const diags = await runResourcePolicy(resourcePolicyNoPublicPrincipal, {
            type: "aws:s3/bucketPolicy:BucketPolicy",
            name: "site",
            props: { policy: policyDoc({ Effect: "Allow", Principal: ["*"], Action: "s3:GetObject", Resource: "*" }) },
        });
        assertFailsClosed(diags, [`Cannot evaluate S3 bucket policy "site": policy.Statement[0].Principal is an array ["*"], expected "*" or an object of principals${SUFFIX}`]);
    });

    it("a managed policy ARN that is not a string, and a user list that is a string, are malformed (they used to pass)", async () => {
        const role = await runResourcePolicy(iamNoAdminManagedPolicies, { type: "aws:iam/role:Role", name: "r", props: { managedPolicyArns: [{ arn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" }] } });
        assertFailsClosed(role, [
            `Cannot evaluate IAM role "r": managedPolicyArns[0] is an object {"arn":"arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}, expected a string${SUFFIX}`,
        ]);
        const attachment = await runResourcePolicy(iamUserNoPolicies, { type: "aws:iam/policyAttachment:PolicyAttachment", name: "a", props: { users: "alice" } });
        assertFailsClosed(attachment, [`Cannot evaluate IAM policy attachment "a": users is "alice", expected an array${SUFFIX}`]);
    });
});

describe("malformed input fails closed: governance", () => {
    it("a retention that is not a number is malformed (\"1\" used to pass)", async () => {
        const diags = await runResourcePolicy(cloudwatchLogRetention, { type: "aws:cloudwatch/logGroup:LogGroup", name: "app", props: { retentionInDays: "1" } });
        assertFailsClosed(diags, [`Cannot evaluate CloudWatch log group "app": retentionInDays is "1", expected a whole number of days${SUFFIX}`]);
    });

    it("a required tag whose value is not a string is malformed (it used to count as set)", async () => {
        const tags = { Project: "p", Environment: "prod", ManagedBy: "pulumi", Compliance: "c", Owner: 5 };
        const diags = await runResourcePolicy(requiredTags, { type: "aws:s3/bucket:Bucket", name: "logs", props: { tags } });
        assertFailsClosed(diags, [`Cannot evaluate S3 bucket "logs": tags.Owner is the number 5, expected a string${SUFFIX}`]);
    });

    it("an endpoint override URL that is not a string is malformed (it used to be skipped)", async () => {
        const diags = await runResourcePolicy(providerFipsEndpoints, {
            type: "pulumi:providers:aws",
            name: "default",
            props: { useFipsEndpoint: true, endpoints: JSON.stringify([{ s3: { url: "https://s3.us-gov-west-1.amazonaws.com" } }]) },
        });
        assertFailsClosed(diags, [
            `Cannot evaluate AWS provider "default": endpoints[0].s3 is an object {"url":"https://s3.us-gov-west-1.amazonaws.com"}, expected a string${SUFFIX}`,
        ]);
    });

    it("an Availability Zone that is not a string is malformed (it used to count as placed by RDS)", async () => {
        const cluster = { type: "aws:rds/cluster:Cluster", name: "aurora", props: { clusterIdentifier: "aurora", engine: "aurora-postgresql" } };
        const member = (name: string, availabilityZone: unknown) => ({
            type: "aws:rds/clusterInstance:ClusterInstance",
            name,
            props: { clusterIdentifier: "aurora", availabilityZone },
        });
        const diags = await runStackPolicy(auroraClusterMultiAz, [cluster, member("a", "us-gov-west-1a"), member("b", 1)]);
        assertFailsClosed(diags, [`Cannot evaluate RDS cluster instance "b": availabilityZone is the number 1, expected a string${SUFFIX}`]);
    });
});

describe("malformed input fails closed: storage hygiene", () => {
    it("a canned ACL S3 does not define, or grants that are not a list, are malformed (they used to pass)", async () => {
        assertFailsClosed(await runResourcePolicy(s3NoPublicAcl, { type: "aws:s3/bucketAclV2:BucketAclV2", name: "acl", props: { acl: "Public-Read" } }), [
            `Cannot evaluate Bucket ACL "acl": acl is "Public-Read", expected one of "private", "public-read", "public-read-write", "aws-exec-read", ` +
                `"authenticated-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write"${SUFFIX}`,
        ]);
        const grants = await runResourcePolicy(s3NoPublicAcl, {
            type: "aws:s3/bucketAclV2:BucketAclV2",
            name: "acl",
            props: { accessControlPolicy: { grants: { grantee: { uri: "http://acs.amazonaws.com/groups/global/AllUsers" } } } },
        });
        assertFailsClosed(grants, [
            `Cannot evaluate Bucket ACL "acl": accessControlPolicy.grants is an object {"grantee":{"uri":"http://acs.amazonaws.com/groups/global/AllUsers"}}, expected an array${SUFFIX}`,
        ]);
    });

    it("a TLS-only deny whose NotResource holds a non-string is malformed (it used to be only cannot-verify)", async () => {
        const policy = JSON.stringify({
            Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", NotResource: [5], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
        });
        const diags = await runStackPolicy(s3BucketTlsOnlyPolicy, [
            { type: "aws:s3/bucket:Bucket", name: "data", props: { bucket: "gov-data" } },
            { type: "aws:s3/bucketPolicy:BucketPolicy", name: "data-policy", props: { bucket: "gov-data", policy } },
        ]);
        assertFailsClosed(diags, [
            `Cannot evaluate S3 bucket policy "data-policy": policy.Statement[0].NotResource[0] is the number 5, expected a string${SUFFIX}`,
            'S3 bucket "data" has a bucket policy without a TLS-only deny; deny s3:* to Principal "*" when aws:SecureTransport is false.',
        ]);
    });

    it("an audit bucket whose name is not a string is reported, not taken out of scope (found by npm run fuzz, seed 1821053149)", async () => {
        const diags = await runStackPolicy(s3AuditBucketObjectLock, [{ type: "aws:s3/bucket:Bucket", name: "audit", props: { bucket: [[1]], objectLockEnabled: false } }]);
        assertFailsClosed(diags, [`Cannot evaluate S3 bucket "audit": bucket is an array [[1]], expected a string${SUFFIX}`]);
    });

    it("a bucket whose tags are not a map is judged as a backup bucket (it used to be out of scope)", async () => {
        const diags = await runStackPolicy(s3BackupBucketVersioning, [{ type: "aws:s3/bucket:Bucket", name: "vault", props: { bucket: "gov-vault", tags: 7 } }]);
        assertFailsClosed(diags, [
            `Cannot evaluate S3 bucket "vault": tags is the number 7, expected an object${SUFFIX}`,
            'Backup bucket "vault" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
        ]);
    });
});

describe("malformed input fails closed: baseline (two more policies that threw)", () => {
    it("backup-vault-locked: a minRetentionDays with a toString key (String() threw)", async () => {
        const diags = await runStackPolicy(backupVaultLocked, [
            { type: "aws:backup/vault:Vault", name: "vault", props: { name: "gov-vault" } },
            { type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration", name: "lock", props: { backupVaultName: "gov-vault", minRetentionDays: TO_STRING, changeableForDays: 3 } },
        ]);
        assertFailsClosed(diags, [`Cannot evaluate AWS Backup vault lock configuration "lock": minRetentionDays is an object {"toString":"x"}, expected a number${SUFFIX}`]);
    });

    it("cloudtrail-trail-present: an advanced selector value with a toString key (String() threw)", async () => {
        const trail = {
            type: "aws:cloudtrail/trail:Trail",
            name: "trail",
            props: { isMultiRegionTrail: true, advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: [TO_STRING] }] }] },
        };
        const diags = await runStackPolicy(cloudtrailTrailPresent, [trail, { type: "aws:rds/instance:Instance", name: "db", props: {} }]);
        assertFailsClosed(diags, [
            `Cannot evaluate CloudTrail trail "trail": advancedEventSelectors[0].fieldSelectors[0].equals[0] is an object {"toString":"x"}, expected a string${SUFFIX}`,
            'The stack runs aws:rds/instance:Instance "db" but no CloudTrail trail records its API calls (trail "trail": advancedEventSelectors[0].fieldSelectors[0].equals[0] cannot be read); ' +
                "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.",
        ]);
    });

    it("backup-plan-covers-database: a selection AWS Backup would reject covers nothing (a malformed notResources entry used to be ignored)", async () => {
        const db = { type: "aws:rds/instance:Instance", name: "db", props: { identifier: "gov-db", tags: { Backup: "daily" } } };
        const plan = { type: "aws:backup/plan:Plan", name: "plan", props: { id: "plan-1", rules: [{ ruleName: "daily" }] } };
        const selection = {
            type: "aws:backup/selection:Selection",
            name: "sel",
            props: { planId: "plan-1", selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }], notResources: [{ arn: "arn:aws-us-gov:rds:*:*:db:gov-db" }] },
        };
        const diags = await runStackPolicy(backupPlanCoversDatabase, [db, plan, selection]);
        assertFailsClosed(diags, [
            `Cannot evaluate AWS Backup selection "sel": notResources[0] is an object {"arn":"arn:aws-us-gov:rds:*:*:db:gov-db"}, expected a string${SUFFIX}`,
            'RDS instance "db" is in no AWS Backup plan: no aws.backup.Selection\'s selectionTags or resources cover it; tag it (e.g. Backup=daily) and select that tag in a backup plan.',
        ]);
    });

    it('cloudtrail-trail-present: includeManagementEvents "false" records no management events (it used to count as included)', async () => {
        const trail = { type: "aws:cloudtrail/trail:Trail", name: "trail", props: { isMultiRegionTrail: true, eventSelectors: [{ includeManagementEvents: "false" }] } };
        const diags = await runStackPolicy(cloudtrailTrailPresent, [trail, { type: "aws:rds/instance:Instance", name: "db", props: {} }]);
        assertFailsClosed(diags, [
            'The stack runs aws:rds/instance:Instance "db" but no CloudTrail trail records its API calls (trail "trail": its event selectors select no management events); ' +
                "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.",
        ]);
    });
});

describe("malformed input fails closed, and no waiver hides it (network, logging, baseline, storage hygiene)", () => {
    // An active waiver for every resource involved: it turns the policy's own findings into
    // advisories, but a value the policy cannot read is no accepted risk and stays mandatory.
    const waived = (...resources: string[]) => ({
        waivers: resources.map((resource) => ({ resource, reason: "accepted risk", approvedBy: "ciso", expires: "2999-12-31" })),
    });
    /** The malformed finding is mandatory despite the waiver; whatever else the policy found is waived (advisory). */
    function assertUnwaivable(diags: readonly Diagnostic[], expected: readonly string[]): void {
        assertFailsClosed(diags, expected);
        assert.ok(advisory(diags).every((d) => !d.message.startsWith("Cannot evaluate")), JSON.stringify(messages(diags)));
    }

    describe("network", () => {
        it("subnet-no-public-ip-on-launch: a flag that is not a boolean", async () => {
            const run = (v: unknown, config?: Record<string, unknown>) =>
                runResourcePolicy(subnetNoPublicIpOnLaunch, { type: "aws:ec2/subnet:Subnet", name: "s", props: { mapPublicIpOnLaunch: v }, config });
            assertUnwaivable(await run(TO_STRING, waived("s")), [`Cannot evaluate Subnet "s": mapPublicIpOnLaunch is an object {"toString":"x"}, expected a boolean${SUFFIX}`]);
            assertClean(await run(false));
            assertClean(await run("false"));
        });

        it("vpc-default-security-group-closed: rules that are not a list", async () => {
            const stack = (ingress: unknown): TestResource[] => [
                { type: "aws:ec2/vpc:Vpc", name: "main", props: { id: "vpc-1" } },
                { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name: "main-default", props: { vpcId: "vpc-1", ingress } },
            ];
            assertUnwaivable(await runStackPolicy(vpcDefaultSecurityGroupClosed, stack("all"), waived("main", "main-default")), [
                `Cannot evaluate Default security group "main-default": ingress is "all", expected an array${SUFFIX}`,
            ]);
            assertClean(await runStackPolicy(vpcDefaultSecurityGroupClosed, stack([])));
        });

        it("network-acl-no-world-admin-ingress: a port that is a string, an action EC2 does not define", async () => {
            const entry = (fields: Record<string, unknown>) => ({ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0", ...fields });
            const run = (ingress: unknown[], config?: Record<string, unknown>) =>
                runResourcePolicy(networkAclNoWorldAdminIngress, { type: "aws:ec2/networkAcl:NetworkAcl", name: "a", props: { ingress }, config });
            assertUnwaivable(await run([entry({ fromPort: "22", toPort: 22 })], waived("a")), [`Cannot evaluate Network ACL "a": ingress[0].fromPort is "22", expected a number${SUFFIX}`]);
            assertUnwaivable(await run([entry({ action: "accept" }), entry({ ruleNo: 90, action: "deny", cidrBlock: TO_STRING })], waived("a")), [
                `Cannot evaluate Network ACL "a": ingress[0].action is "accept", expected one of "allow", "deny"${SUFFIX}`,
                `Cannot evaluate Network ACL "a": ingress[1].cidrBlock is an object {"toString":"x"}, expected a string${SUFFIX}`,
            ]);
            const rule = await runResourcePolicy(networkAclNoWorldAdminIngress, {
                type: "aws:ec2/networkAclRule:NetworkAclRule",
                name: "r",
                props: { egress: "no", ruleNumber: 100, ruleAction: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                config: waived("r"),
            });
            assertUnwaivable(rule, [`Cannot evaluate Network ACL rule "r": egress is "no", expected a boolean${SUFFIX}`]);
            // EC2's actions in any letter case, as before; https from the internet is fine.
            assertClean(await run([entry({ action: "ALLOW" })]));
        });

        it("network-acl-no-world-admin-ingress: a protocol EC2 and the provider do not define is malformed, never 'another protocol'", async () => {
            const entry = (fields: Record<string, unknown>) => ({ ruleNo: 100, action: "allow", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0", ...fields });
            const run = (ingress: unknown[], config?: Record<string, unknown>) =>
                runResourcePolicy(networkAclNoWorldAdminIngress, { type: "aws:ec2/networkAcl:NetworkAcl", name: "a", props: { ingress }, config });
            const expected = 'expected "-1" or "all", a protocol number 0-255, or an IANA protocol keyword the provider accepts ("tcp", "udp", "icmp", "ipv6-icmp", …)';
            // Each used to be skipped as "not tcp/udp/all" — an allow of SSH from the internet passed.
            assertUnwaivable(
                await run([entry({ protocol: "ssh" }), entry({ ruleNo: 110, protocol: "tcp/22" }), entry({ ruleNo: 120, protocol: "256" }), entry({ ruleNo: 130, protocol: 6.5 }), entry({ ruleNo: 140, protocol: -2 })], waived("a")),
                [
                    `Cannot evaluate Network ACL "a": ingress[0].protocol is "ssh", ${expected}${SUFFIX}`,
                    `Cannot evaluate Network ACL "a": ingress[1].protocol is "tcp/22", ${expected}${SUFFIX}`,
                    `Cannot evaluate Network ACL "a": ingress[2].protocol is "256", ${expected}${SUFFIX}`,
                    `Cannot evaluate Network ACL "a": ingress[3].protocol is the number 6.5, ${expected}${SUFFIX}`,
                    `Cannot evaluate Network ACL "a": ingress[4].protocol is the number -2, ${expected}${SUFFIX}`,
                ],
            );
            const rule = await runResourcePolicy(networkAclNoWorldAdminIngress, {
                type: "aws:ec2/networkAclRule:NetworkAclRule",
                name: "r",
                props: { egress: false, ruleNumber: 100, ruleAction: "allow", protocol: "secure-shell", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                config: waived("r"),
            });
            assertUnwaivable(rule, [`Cannot evaluate Network ACL rule "r": protocol is "secure-shell", ${expected}${SUFFIX}`]);
            // A malformed protocol on a DENY is blocked too: it must not count as shadowing an allow.
            assertUnwaivable(await run([entry({ ruleNo: 90, action: "deny", protocol: "tpc" }), entry({ ruleNo: 100, protocol: "tcp", fromPort: 1024, toPort: 65535 })], waived("a")), [
                `Cannot evaluate Network ACL "a": ingress[0].protocol is "tpc", ${expected}${SUFFIX}`,
            ]);
        });

        it("db-subnet-group-private: a public-IP flag that is not a boolean is reported at the subnet", async () => {
            const stack = (mapPublicIpOnLaunch: unknown): TestResource[] => [
                { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { id: "vpc-1" } },
                { type: "aws:ec2/subnet:Subnet", name: "a", props: { id: "subnet-a", vpcId: "vpc-1", mapPublicIpOnLaunch } },
                { type: "aws:rds/subnetGroup:SubnetGroup", name: "db", props: { subnetIds: ["subnet-a"] } },
            ];
            const diags = await runStackPolicy(dbSubnetGroupPrivate, stack(1), waived("db", "a"));
            assertUnwaivable(diags, [`Cannot evaluate Subnet "a": mapPublicIpOnLaunch is the number 1, expected a boolean${SUFFIX}`]);
            assert.equal(mandatory(diags)[0].urn, "urn:pulumi:test::govstack::aws:ec2/subnet:Subnet::a");
            assertClean(await runStackPolicy(dbSubnetGroupPrivate, stack(false)));
        });

        it("subnet-private-tier-no-igw-route and db-subnet-group-private: a route's gateway that is not a string is reported at its route table", async () => {
            const stack = (route: Record<string, unknown>): TestResource[] => [
                { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { id: "vpc-1" } },
                { type: "aws:ec2/subnet:Subnet", name: "private-a", props: { id: "subnet-a", vpcId: "vpc-1", mapPublicIpOnLaunch: false, tags: { Tier: "private" } } },
                { type: "aws:ec2/routeTable:RouteTable", name: "rt", props: { id: "rtb-1", vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", ...route }] } },
                { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "assoc", props: { subnetId: "subnet-a", routeTableId: "rtb-1" } },
                { type: "aws:rds/subnetGroup:SubnetGroup", name: "db", props: { subnetIds: ["subnet-a"] } },
            ];
            const expected = [`Cannot evaluate Route table "rt": routes[0].gatewayId is an object {"id":"igw-1"}, expected a string${SUFFIX}`];
            for (const policy of [subnetPrivateTierNoIgwRoute, dbSubnetGroupPrivate]) {
                const diags = await runStackPolicy(policy, stack({ gatewayId: { id: "igw-1" } }), waived("private-a", "rt", "db"));
                assertUnwaivable(diags, expected);
                assert.equal(mandatory(diags)[0].urn, "urn:pulumi:test::govstack::aws:ec2/routeTable:RouteTable::rt");
                assertClean(await runStackPolicy(policy, stack({ natGatewayId: "nat-1" })));
            }
        });
    });

    describe("logging and governance", () => {
        it("cloudwatch-log-retention: a retention that is not a whole number of days", async () => {
            const run = (retentionInDays: unknown, config?: Record<string, unknown>) =>
                runResourcePolicy(cloudwatchLogRetention, { type: "aws:cloudwatch/logGroup:LogGroup", name: "app", props: { retentionInDays }, config });
            assertUnwaivable(await run(365.5, waived("app")), [`Cannot evaluate CloudWatch log group "app": retentionInDays is the number 365.5, expected a whole number of days${SUFFIX}`]);
            assertClean(await run(365));
        });

        it("cloudwatch-alarm-has-action: an action that is not an ARN string", async () => {
            const run = (alarmActions: unknown, config?: Record<string, unknown>) =>
                runResourcePolicy(cloudwatchAlarmHasAction, { type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "cpu", props: { alarmActions }, config });
            assertUnwaivable(await run([5], waived("cpu")), [`Cannot evaluate CloudWatch metric alarm "cpu": alarmActions[0] is the number 5, expected a string${SUFFIX}`]);
            assertClean(await run(["arn:aws-us-gov:sns:us-gov-west-1:111122223333:alerts"]));
        });

        it("wafv2-web-acl-logging: a destination that is not an ARN string does not count, and is reported", async () => {
            const ACL_ARN = "arn:aws-us-gov:wafv2:us-gov-west-1:111122223333:regional/webacl/edge/abc";
            const LB_ARN = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/app/edge/123";
            const stack = (destination: unknown): TestResource[] => [
                { type: "aws:wafv2/webAcl:WebAcl", name: "edge", props: { arn: ACL_ARN } },
                { type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: { arn: LB_ARN } },
                { type: "aws:wafv2/webAclAssociation:WebAclAssociation", name: "assoc", props: { resourceArn: LB_ARN, webAclArn: ACL_ARN } },
                { type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", name: "waf-logging", props: { resourceArn: ACL_ARN, logDestinationConfigs: [destination] } },
            ];
            const diags = await runStackPolicy(wafv2WebAclLogging, stack({ arn: "arn:x" }), waived("edge", "waf-logging"));
            assertUnwaivable(diags, [`Cannot evaluate WAFv2 logging configuration "waf-logging": logDestinationConfigs[0] is an object {"arn":"arn:x"}, expected a string${SUFFIX}`]);
            assertClean(await runStackPolicy(wafv2WebAclLogging, stack("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-edge")));
        });
    });

    describe("baseline", () => {
        const trail = (props: Record<string, unknown>, config?: Record<string, unknown>) => ({ type: "aws:cloudtrail/trail:Trail", name: "audit", props, config });

        it("cloudtrail-cloudwatch-logs and cloudtrail-cmk-encrypted: an ARN that is not a string", async () => {
            const group = "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail:*";
            assertUnwaivable(await runResourcePolicy(cloudtrailCloudwatchLogs, trail({ cloudWatchLogsGroupArn: group, cloudWatchLogsRoleArn: ["arn:r"] }, waived("audit"))), [
                `Cannot evaluate CloudTrail trail "audit": cloudWatchLogsRoleArn is an array ["arn:r"], expected a string${SUFFIX}`,
            ]);
            assertClean(await runResourcePolicy(cloudtrailCloudwatchLogs, trail({ cloudWatchLogsGroupArn: group, cloudWatchLogsRoleArn: "arn:aws-us-gov:iam::111122223333:role/r" })));
            assertUnwaivable(await runResourcePolicy(cloudtrailCmkEncrypted, trail({ kmsKeyId: TO_STRING }, waived("audit"))), [
                `Cannot evaluate CloudTrail trail "audit": kmsKeyId is an object {"toString":"x"}, expected a string${SUFFIX}`,
            ]);
            assertClean(await runResourcePolicy(cloudtrailCmkEncrypted, trail({ kmsKeyId: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k" })));
        });

        it("cloudtrail-s3-data-events: a selector value of the wrong type (it used to read as no coverage, a waivable finding)", async () => {
            const classic = (values: unknown) => ({ eventSelectors: [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values }] }] });
            assertUnwaivable(await runResourcePolicy(cloudtrailS3DataEvents, trail(classic("arn:aws-us-gov:s3"), waived("audit"))), [
                `Cannot evaluate CloudTrail trail "audit": eventSelectors[0].dataResources[0].values is "arn:aws-us-gov:s3", expected an array${SUFFIX}`,
            ]);
            const advanced = { advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: [TO_STRING] }] }] };
            assertUnwaivable(await runResourcePolicy(cloudtrailS3DataEvents, trail(advanced, waived("audit"))), [
                `Cannot evaluate CloudTrail trail "audit": advancedEventSelectors[0].fieldSelectors[1].equals[0] is an object {"toString":"x"}, expected a string${SUFFIX}`,
            ]);
            assertClean(await runResourcePolicy(cloudtrailS3DataEvents, trail(classic(["arn:aws-us-gov:s3"]))));
        });
    });

    describe("storage hygiene", () => {
        const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "data", props: { bucket: "gov-data" } };
        const satellite = (type: string, name: string, props: Record<string, unknown>): TestResource => ({ type, name, props: { bucket: "gov-data", ...props } });

        it("s3-bucket-versioning-enabled: a status S3 does not define", async () => {
            const versioning = (status: unknown) => satellite("aws:s3/bucketVersioning:BucketVersioning", "data-v", { versioningConfiguration: { status } });
            assertUnwaivable(await runStackPolicy(s3BucketVersioningEnabled, [bucket, versioning("On")], waived("data", "data-v")), [
                `Cannot evaluate S3 bucket versioning "data-v": versioningConfiguration.status is "On", expected one of "Enabled", "Suspended", "Disabled"${SUFFIX}`,
            ]);
            assertClean(await runStackPolicy(s3BucketVersioningEnabled, [bucket, versioning("Enabled")]));
        });

        it("s3-bucket-lifecycle-configured: a rule status S3 does not define", async () => {
            const lifecycle = (status: unknown) => satellite("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lc", { rules: [{ id: "r", status }] });
            assertUnwaivable(await runStackPolicy(s3BucketLifecycleConfigured, [bucket, lifecycle("enabled")], waived("data", "data-lc")), [
                `Cannot evaluate S3 bucket lifecycle configuration "data-lc": rules[0].status is "enabled", expected one of "Enabled", "Disabled"${SUFFIX}`,
            ]);
            assertClean(await runStackPolicy(s3BucketLifecycleConfigured, [bucket, lifecycle("Enabled")]));
        });

        it("s3-bucket-owner-enforced: an object ownership S3 does not define", async () => {
            const ownership = (objectOwnership: unknown) => satellite("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "data-own", { rule: { objectOwnership } });
            assertUnwaivable(await runStackPolicy(s3BucketOwnerEnforced, [bucket, ownership("BucketOwnerEnforce")], waived("data", "data-own")), [
                `Cannot evaluate S3 bucket ownership controls "data-own": rule.objectOwnership is "BucketOwnerEnforce", expected one of "BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"${SUFFIX}`,
            ]);
            assertClean(await runStackPolicy(s3BucketOwnerEnforced, [bucket, ownership("BucketOwnerEnforced")]));
        });

        it("s3-acl-no-group-acp-grants: a grantee type or permission S3 does not define (they used to pass as 'not a group')", async () => {
            const acl = (type: unknown, permission: unknown, config?: Record<string, unknown>) =>
                runResourcePolicy(s3AclNoGroupAcpGrants, {
                    type: "aws:s3/bucketAclV2:BucketAclV2",
                    name: "acl",
                    props: { accessControlPolicy: { owner: { id: "o" }, grants: [{ grantee: { type, uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, permission }] } },
                    config,
                });
            assertUnwaivable(await acl("group", "FULL_CONTROL", waived("acl")), [
                `Cannot evaluate Bucket ACL "acl": accessControlPolicy.grants[0].grantee.type is "group", expected one of "CanonicalUser", "AmazonCustomerByEmail", "Group"${SUFFIX}`,
            ]);
            assertUnwaivable(await acl("Group", "write_acp", waived("acl")), [
                `Cannot evaluate Bucket ACL "acl": accessControlPolicy.grants[0].permission is "write_acp", expected one of "FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP"${SUFFIX}`,
            ]);
            assertClean(await acl("Group", "WRITE"));
        });

        it("s3-audit-bucket-object-lock: objectLockEnabled that is not a boolean", async () => {
            const run = (objectLockEnabled: unknown, config?: Record<string, unknown>) =>
                runStackPolicy(s3AuditBucketObjectLock, [{ type: "aws:s3/bucket:Bucket", name: "audit", props: { bucket: "gov-audit", objectLockEnabled } }], config);
            assertUnwaivable(await run({ enabled: true }, waived("audit")), [`Cannot evaluate S3 bucket "audit": objectLockEnabled is an object {"enabled":true}, expected a boolean${SUFFIX}`]);
            assertClean(await run(true));
        });
    });
});


describe("malformed input fails closed: logging", () => {
    it("secretsmanager-secret-rotation: a secretId or a rotation period with a toString key ties and schedules nothing", async () => {
        const secret = { type: "aws:secretsmanager/secret:Secret", name: "db", props: { name: "gov/db", arn: "arn:secret" } };
        const rotation = (props: Record<string, unknown>) => ({ type: "aws:secretsmanager/secretRotation:SecretRotation", name: "rot", props });
        const NOT_ROTATED =
            'Secrets Manager secret "db" does not rotate; add an aws.secretsmanager.SecretRotation with secretId set to it and rotationRules (automaticallyAfterDays or scheduleExpression).';
        assertFailsClosed(await runStackPolicy(secretsmanagerSecretRotation, [secret, rotation({ secretId: TO_STRING, rotationRules: { automaticallyAfterDays: 30 } })]), [
            `Cannot evaluate Secrets Manager secret rotation "rot": secretId is an object {"toString":"x"}, expected a string or an array of strings${SUFFIX}`,
            NOT_ROTATED,
        ]);
        assertFailsClosed(await runStackPolicy(secretsmanagerSecretRotation, [secret, rotation({ secretId: "arn:secret", rotationRules: { automaticallyAfterDays: TO_STRING } })]), [
            `Cannot evaluate Secrets Manager secret rotation "rot": rotationRules.automaticallyAfterDays is an object {"toString":"x"}, expected an integer number of days from 1 to 1000${SUFFIX}`,
            NOT_ROTATED,
        ]);
    });
});

describe("malformed input fails closed: detection", () => {
    const db = { type: "aws:rds/instance:Instance", name: "db", props: {} };

    it("guardduty-detector-enabled: an enable flag with a toString key is not an enabled detector", async () => {
        const diags = await runStackPolicy(guarddutyDetectorEnabled, [db, { type: "aws:guardduty/detector:Detector", name: "gd", props: { enable: TO_STRING } }]);
        assertFailsClosed(diags, [`Cannot evaluate GuardDuty detector "gd": enable is an object {"toString":"x"}, expected a boolean${SUFFIX}`]);
    });

    it("securityhub-standard-subscribed: enableDefaultStandards with a toString key subscribes nothing", async () => {
        const diags = await runStackPolicy(securityhubStandardSubscribed, [db, { type: "aws:securityhub/account:Account", name: "hub", props: { enableDefaultStandards: TO_STRING } }]);
        assertFailsClosed(diags, [`Cannot evaluate Security Hub account "hub": enableDefaultStandards is an object {"toString":"x"}, expected a boolean${SUFFIX}`]);
    });

    it("config-recorder-enabled: a recording strategy AWS does not define, and a retention period that is not a number", async () => {
        const diags = await runStackPolicy(configRecorderEnabled, [
            db,
            { type: "aws:cfg/recorder:Recorder", name: "rec", props: { name: "rec", recordingGroup: { allSupported: false, recordingStrategies: [{ useOnly: "EVERYTHING" }] } } },
            { type: "aws:cfg/recorderStatus:RecorderStatus", name: "status", props: { name: "rec", isEnabled: true } },
            { type: "aws:cfg/deliveryChannel:DeliveryChannel", name: "channel", props: { s3BucketName: "audit" } },
            { type: "aws:cfg/retentionConfiguration:RetentionConfiguration", name: "retention", props: { retentionPeriodInDays: TO_STRING } },
        ]);
        assertFailsClosed(diags, [
            `Cannot evaluate AWS Config retention configuration "retention": retentionPeriodInDays is an object {"toString":"x"}, expected a number${SUFFIX}`,
            `Cannot evaluate AWS Config recorder "rec": recordingGroup.recordingStrategies[0].useOnly is "EVERYTHING", expected one of "ALL_SUPPORTED_RESOURCE_TYPES", "INCLUSION_BY_RESOURCE_TYPES", "EXCLUSION_BY_RESOURCE_TYPES"${SUFFIX}`,
        ]);
    });

    it("config-rule-auto-remediation: an automatic flag with a toString key is not an automatic remediation (at the policy's level)", async () => {
        const diags = await runStackPolicy(
            configRuleAutoRemediation,
            [
                { type: "aws:cfg/rule:Rule", name: "r", props: { name: "r" } },
                { type: "aws:cfg/remediationConfiguration:RemediationConfiguration", name: "fix", props: { configRuleName: "r", automatic: TO_STRING } },
            ],
            { enforcementLevel: "mandatory" },
        );
        assertFailsClosed(diags, [`Cannot evaluate AWS Config remediation configuration "fix": automatic is an object {"toString":"x"}, expected a boolean${SUFFIX}`]);
    });
});

describe("the safety net", () => {
    const base = { description: "Things must be fine.", summary: "Things are fine.", severity: "high", controls: ["SC-28"], remediationSteps: "Make it fine.", noVerdict: [] } as const;

    it("turns a resource policy's exception into a mandatory internal error naming the policy and the last property read", async () => {
        const throwing = resourcePolicy({
            ...base,
            name: "throws-on-read",
            resourceTypes: ["aws:x/thing:Thing"],
            validate: (ctx) => {
                ctx.read("settings.level");
                const level = ctx.props.settings as { level: { toUpperCase(): string } };
                level.level.toUpperCase();
            },
        });
        const diags = await runResourcePolicy(throwing, { type: "aws:x/thing:Thing", name: "t", props: { settings: { level: 3 } } });
        assert.equal(diags.length, 1);
        assert.equal(diags[0].level, "mandatory");
        assert.equal(
            diags[0].message,
            'Internal error in policy "throws-on-read" while evaluating x thing "t" (after reading settings.level): TypeError: level.level.toUpperCase is not a function. ' +
                "This is a bug in the govstack-guard policy pack, not a finding about your program: file it as a bug with this message. " +
                "The resource is blocked until the pack is fixed; waivers do not apply.",
        );
    });

    it("returns normally, so the server goes on to the next policy (which still reports)", async () => {
        const throwing = resourcePolicy({ ...base, name: "always-throws", resourceTypes: ["aws:x/thing:Thing"], validate: () => { throw new Error("boom"); } });
        const judging = resourcePolicy({ ...base, name: "still-judges", resourceTypes: ["aws:x/thing:Thing"], validate: (ctx) => ctx.violation("judged") });
        // The server runs each policy of the pack in turn over the same resource; an exception would end the whole call.
        const results = [];
        for (const policy of [throwing, judging]) {
            results.push(...(await runResourcePolicy(policy, { type: "aws:x/thing:Thing", name: "t", props: {} })));
        }
        assert.deepEqual(
            results.map((d) => [d.level, d.message.slice(0, 40)]),
            [
                ["mandatory", 'Internal error in policy "always-throws"'],
                ["mandatory", "judged"],
            ],
        );
    });

    it("keeps what the policy reported before the exception, and is not waivable", async () => {
        const throwing = resourcePolicy({
            ...base,
            name: "reports-then-throws",
            resourceTypes: ["aws:x/thing:Thing"],
            validate: (ctx) => {
                ctx.violation("first finding");
                throw new Error("boom");
            },
        });
        const diags = await runResourcePolicy(throwing, {
            type: "aws:x/thing:Thing",
            name: "t",
            props: {},
            config: { waivers: [{ resource: "t", reason: "r", approvedBy: "a", expires: "2999-12-31" }] },
        });
        assert.deepEqual(
            diags.map((d) => [d.level, d.message.slice(0, 60)]),
            [
                ["advisory", "Waived until 2999-12-31 (approved by a: r): first finding"],
                ["mandatory", 'Internal error in policy "reports-then-throws" while evaluat'],
            ],
        );
    });

    it("turns a stack policy's exception into a mandatory internal error at the resource it was reading", async () => {
        const throwing = stackPolicy({
            ...base,
            name: "stack-throws",
            resourceTypes: ["aws:x/thing:Thing"],
            validate: (ctx) => {
                for (const r of ctx.ofType("aws:x/thing:Thing")) {
                    ctx.read(r.props, "size");
                    if (r.name === "bad") {
                        throw new RangeError("too big");
                    }
                }
            },
        });
        const diags = await runStackPolicy(throwing, [
            { type: "aws:x/thing:Thing", name: "good", props: { size: 1 } },
            { type: "aws:x/thing:Thing", name: "bad", props: { size: 2 } },
        ]);
        assert.deepEqual(diags, [
            {
                level: "mandatory",
                urn: "urn:pulumi:test::govstack::aws:x/thing:Thing::bad",
                message:
                    'Internal error in policy "stack-throws" while evaluating the stack (at x thing "bad") (after reading size): RangeError: too big. ' +
                    "This is a bug in the govstack-guard policy pack, not a finding about your program: file it as a bug with this message. " +
                    "The resource is blocked until the pack is fixed; waivers do not apply.",
            },
        ]);
    });

    it("cuts a message that quotes a huge input value", async () => {
        const region = "x".repeat(100_000);
        const diags = await runResourcePolicy(providerAllowedRegions, { type: "pulumi:providers:aws", name: "default", props: { region } });
        assert.equal(diags.length, 1);
        assert.ok(diags[0].message.length < 2100, `${diags[0].message.length} characters`);
        assert.ok(diags[0].message.endsWith("… (cut at 2000 characters)"));
    });

    it("does not swallow the server's own signals (an unknown read through its proxy)", async () => {
        const proxyReader = resourcePolicy({
            ...base,
            name: "reads-the-proxy",
            resourceTypes: ["aws:x/thing:Thing"],
            validate: (ctx) => {
                void (ctx.args.props as { size: unknown }).size;
            },
        });
        await assert.rejects(runResourcePolicy(proxyReader, { type: "aws:x/thing:Thing", props: { size: unknown() } }), /read an unknown value through the proxy/);
    });
});

describe("malformed input fails closed: compute and serverless (no waiver hides it)", () => {
    const ACM = "arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666";
    const KEY = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const TG = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:targetgroup/app/0123456789abcdef";
    const LOG_GROUP = "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/aws/apigateway/app";
    const clbListener = { lbPort: 443, lbProtocol: "HTTPS", instancePort: 8080, instanceProtocol: "HTTP", sslCertificateId: ACM };

    const cases: readonly TableCase[] = [
        {
            title: "ec2-no-public-ip: a launch template interface's flag with a toString key",
            policy: ec2NoPublicIp,
            type: LAUNCH_TEMPLATE,
            name: "lt",
            bad: { networkInterfaces: [{ associatePublicIpAddress: TO_STRING }] },
            good: { networkInterfaces: [{ associatePublicIpAddress: "false" }] },
            expected: [`Cannot evaluate Launch template "lt": networkInterfaces[0].associatePublicIpAddress is an object {"toString":"x"}, expected a boolean${SUFFIX}`],
        },
        {
            title: "ec2-no-public-ip: an interface list that is a string",
            policy: ec2NoPublicIp,
            type: LAUNCH_TEMPLATE,
            name: "lt",
            bad: { networkInterfaces: "eni-1" },
            good: { networkInterfaces: [] },
            expected: [`Cannot evaluate Launch template "lt": networkInterfaces is "eni-1", expected an array${SUFFIX}`],
        },
        {
            title: "ec2-imdsv2-required: an endpoint state EC2 does not define",
            policy: ec2Imdsv2Required,
            type: EC2_INSTANCE,
            name: "web",
            bad: { metadataOptions: { httpTokens: "required", httpEndpoint: 1 } },
            good: { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" } },
            expected: [`Cannot evaluate EC2 instance "web": metadataOptions.httpEndpoint is the number 1, expected one of "enabled", "disabled"${SUFFIX}`],
        },
        {
            title: "ec2-instance-profile-attached: a profile that is a list",
            policy: ec2InstanceProfileAttached,
            type: EC2_INSTANCE,
            name: "web",
            bad: { iamInstanceProfile: ["app-profile"] },
            good: { iamInstanceProfile: "app-profile" },
            expected: [`Cannot evaluate EC2 instance "web": iamInstanceProfile is an array ["app-profile"], expected a string (the instance profile's name)${SUFFIX}`],
            stack: (props) => [{ type: EC2_INSTANCE, name: "web", props }],
        },
        {
            title: "ebs-encryption-by-default-enabled: enabled \"off\"",
            policy: ebsEncryptionByDefaultEnabled,
            type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
            name: "ebs",
            bad: { enabled: "off" },
            good: { enabled: "true" },
            expected: [`Cannot evaluate EBS encryption by default "ebs": enabled is "off", expected a boolean${SUFFIX}`],
        },
        {
            title: "autoscaling-group-elb-health-check: a health check type AWS does not define",
            policy: autoscalingGroupElbHealthCheck,
            type: AUTOSCALING_GROUP,
            name: "web",
            bad: { targetGroupArns: [TG], healthCheckType: "ELB,HTTP" },
            good: { targetGroupArns: [TG], healthCheckType: "EC2,ELB" },
            expected: [
                `Cannot evaluate Auto Scaling group "web": healthCheckType is "ELB,HTTP", expected a comma-separated list of one of "EC2", "EBS", "ELB", "VPC_LATTICE"${SUFFIX}`,
            ],
            stack: (props) => [{ type: AUTOSCALING_GROUP, name: "web", props }],
        },
        {
            title: "autoscaling-group-elb-health-check: a traffic source type AWS does not define (it used to read as ELB)",
            policy: autoscalingGroupElbHealthCheck,
            type: AUTOSCALING_GROUP,
            name: "web",
            bad: { healthCheckType: "ELB", trafficSources: [{ identifier: TG, type: "alb" }] },
            good: { healthCheckType: "ELB", trafficSources: [{ identifier: TG, type: "elbv2" }] },
            expected: [`Cannot evaluate Auto Scaling group "web": trafficSources[0].type is "alb", expected one of "elb", "elbv2", "vpc-lattice"${SUFFIX}`],
            stack: (props) => [{ type: AUTOSCALING_GROUP, name: "web", props }],
        },
        {
            title: "eks-control-plane-logs: log types written as one string",
            policy: eksControlPlaneLogs,
            type: EKS_CLUSTER,
            name: "k8s",
            bad: { enabledClusterLogTypes: "api,audit,authenticator" },
            good: { enabledClusterLogTypes: ["api", "audit", "authenticator"] },
            expected: [`Cannot evaluate EKS cluster "k8s": enabledClusterLogTypes is "api,audit,authenticator", expected an array${SUFFIX}`],
        },
        {
            title: "eks-endpoint-not-public: a public access CIDR that is not a string (it used to be ignored)",
            policy: eksEndpointNotPublic,
            type: EKS_CLUSTER,
            name: "k8s",
            bad: { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", 0] } },
            good: { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } },
            expected: [`Cannot evaluate EKS cluster "k8s": vpcConfig.publicAccessCidrs[1] is the number 0, expected a string${SUFFIX}`],
        },
        {
            title: "eks-secrets-cmk: a key ARN that is an object",
            policy: eksSecretsCmk,
            type: EKS_CLUSTER,
            name: "k8s",
            bad: { encryptionConfig: { resources: ["secrets"], provider: { keyArn: { id: "k" } } } },
            good: { encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } } },
            expected: [`Cannot evaluate EKS cluster "k8s": encryptionConfig.provider.keyArn is an object {"id":"k"}, expected a string${SUFFIX}`],
        },
        {
            title: "eks-node-group-ssh-restricted: source groups written as one string (it used to be a waivable 'names no group')",
            policy: eksNodeGroupSshRestricted,
            type: "aws:eks/nodeGroup:NodeGroup",
            name: "workers",
            bad: { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: "sg-0123" } },
            good: { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-0123"] } },
            expected: [`Cannot evaluate EKS node group "workers": remoteAccess.sourceSecurityGroupIds is "sg-0123", expected an array${SUFFIX}`],
        },
        {
            title: "elb-classic-access-logs: enabled \"yes\"",
            policy: elbClassicAccessLogs,
            type: CLASSIC_ELB,
            name: "web",
            bad: { accessLogs: { bucket: "elb-logs", enabled: "yes" } },
            good: { accessLogs: { bucket: "elb-logs", enabled: "true" } },
            expected: [`Cannot evaluate Classic load balancer "web": accessLogs.enabled is "yes", expected a boolean${SUFFIX}`],
        },
        {
            title: "elb-classic-cross-zone: crossZoneLoadBalancing \"no\"",
            policy: elbClassicCrossZone,
            type: CLASSIC_ELB,
            name: "web",
            bad: { crossZoneLoadBalancing: "no", subnets: ["subnet-a", "subnet-b"] },
            good: { crossZoneLoadBalancing: true, subnets: ["subnet-a", "subnet-b"] },
            expected: [`Cannot evaluate Classic load balancer "web": crossZoneLoadBalancing is "no", expected a boolean${SUFFIX}`],
        },
        {
            title: "elb-classic-tls-listeners: a listener without a protocol",
            policy: elbClassicTlsListeners,
            type: CLASSIC_ELB,
            name: "web",
            bad: { listeners: [{ lbPort: 443, instancePort: 8080, sslCertificateId: ACM }] },
            good: { listeners: [clbListener] },
            expected: [`Cannot evaluate Classic load balancer "web": listeners[0].lbProtocol is absent, expected one of "HTTP", "HTTPS", "TCP", "SSL"${SUFFIX}`],
        },
        {
            title: "tls-certificate-from-acm: a classic listener's certificate id with a toString key",
            policy: tlsCertificateFromAcm,
            type: CLASSIC_ELB,
            name: "web",
            bad: { listeners: [{ ...clbListener, sslCertificateId: TO_STRING }] },
            good: { listeners: [clbListener] },
            expected: [`Cannot evaluate Classic load balancer "web": listeners[0].sslCertificateId is an object {"toString":"x"}, expected a string${SUFFIX}`],
        },
        {
            title: "no-embedded-credentials: user data that is not a string (it used to be skipped)",
            policy: noEmbeddedCredentials,
            type: EC2_INSTANCE,
            name: "web",
            bad: { userData: TO_STRING },
            good: { userData: "#!/bin/bash\nsystemctl enable --now amazon-ssm-agent\n" },
            expected: [`Cannot evaluate EC2 instance "web": userData is an object {"toString":"x"}, expected a string${SUFFIX}`],
        },
        {
            title: "no-embedded-credentials: a Lambda environment value that is not a string (it used to be skipped)",
            policy: noEmbeddedCredentials,
            type: "aws:lambda/function:Function",
            name: "fn",
            bad: { environment: { variables: { KEY: ["AKIAIOSFODNN7EXAMPLE"] } } },
            good: { environment: { variables: { TABLE: "orders" } } },
            expected: [`Cannot evaluate Lambda function "fn": environment.variables.KEY is an array ["AKIAIOSFODNN7EXAMPLE"], expected a string${SUFFIX}`],
        },
        {
            title: "apigateway-domain-tls12: an HTTP API security policy API Gateway does not define",
            policy: apigatewayDomainTls12,
            type: "aws:apigatewayv2/domainName:DomainName",
            name: "http",
            bad: { domainNameConfiguration: { certificateArn: ACM, endpointType: "REGIONAL", securityPolicy: "TLS_1_3" } },
            good: { domainNameConfiguration: { certificateArn: ACM, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" } },
            expected: [`Cannot evaluate API Gateway v2 domain name "http": domainNameConfiguration.securityPolicy is "TLS_1_3", expected one of "TLS_1_0", "TLS_1_2"${SUFFIX}`],
        },
        {
            title: "apigateway-rest-stage-execution-logging: a methodPath that is not a string (it used to be skipped quietly)",
            policy: apigatewayRestStageExecutionLogging,
            type: REST_METHOD_SETTINGS,
            name: "all",
            bad: { restApi: unknown(), stageName: "prod", methodPath: 5, settings: { loggingLevel: "INFO" } },
            good: { restApi: unknown(), stageName: "prod", methodPath: "*/*", settings: { loggingLevel: "INFO" } },
            expected: [
                `Cannot evaluate API Gateway method settings "all": methodPath is the number 5, expected a string${SUFFIX}`,
                'API Gateway stage "prod" does not log execution for all methods; add an aws.apigateway.MethodSettings for it with methodPath "*/*" and settings.loggingLevel "INFO" (or "ERROR").',
            ],
            stack: (props) => [
                { type: REST_API, name: "api", props: { name: "app-api" } },
                { type: REST_STAGE, name: "prod", props: { stageName: "prod", restApi: unknown() }, propertyDependencies: { restApi: [urnOf(REST_API, "api")] } },
                { type: REST_METHOD_SETTINGS, name: "all", props, propertyDependencies: { restApi: [urnOf(REST_API, "api")] } },
            ],
        },
        {
            title: "apigateway-stage-access-logging: a format that is an object",
            policy: apigatewayStageAccessLogging,
            type: REST_STAGE,
            name: "prod",
            bad: { accessLogSettings: { destinationArn: LOG_GROUP, format: {} } },
            good: { accessLogSettings: { destinationArn: LOG_GROUP, format: "$context.requestId" } },
            expected: [`Cannot evaluate API Gateway stage "prod": accessLogSettings.format is an object {}, expected a string${SUFFIX}`],
        },
        {
            title: "lambda-function-url-auth: no authorization type",
            policy: lambdaFunctionUrlAuth,
            type: "aws:lambda/functionUrl:FunctionUrl",
            name: "hook",
            bad: { functionName: "fn" },
            good: { functionName: "fn", authorizationType: "AWS_IAM" },
            expected: [`Cannot evaluate Lambda function URL "hook": authorizationType is absent, expected one of "NONE", "AWS_IAM"${SUFFIX}`],
        },
        {
            title: "lambda-in-vpc: subnet ids written as one string",
            policy: lambdaInVpc,
            type: "aws:lambda/function:Function",
            name: "fn",
            bad: { vpcConfig: { subnetIds: "subnet-a", securityGroupIds: ["sg-1"] } },
            good: { vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-1"] } },
            expected: [`Cannot evaluate Lambda function "fn": vpcConfig.subnetIds is "subnet-a", expected an array${SUFFIX}`],
        },
        {
            title: "lambda-permission-restricted: a service grant's sourceArn that is a number",
            policy: lambdaPermissionRestricted,
            type: "aws:lambda/permission:Permission",
            name: "s3",
            bad: { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com", sourceArn: 5 },
            good: { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com", sourceArn: "arn:aws-us-gov:s3:::gov-uploads" },
            expected: [`Cannot evaluate Lambda permission "s3": sourceArn is the number 5, expected a string${SUFFIX}`],
        },
        {
            title: "lambda-permission-restricted: an empty principal",
            policy: lambdaPermissionRestricted,
            type: "aws:lambda/permission:Permission",
            name: "p",
            bad: { action: "lambda:InvokeFunction", function: "fn", principal: "" },
            good: { action: "lambda:InvokeFunction", function: "fn", principal: "111122223333" },
            expected: [`Cannot evaluate Lambda permission "p": principal is "", expected a principal (an AWS service, account id or ARN)${SUFFIX}`],
        },
    ];

    itFailsClosedEvenWaived(cases);

    it("unknown at preview stays advisory (the same fields, computed)", async () => {
        for (const [policy, type, props] of [
            [ec2NoPublicIp, LAUNCH_TEMPLATE, { networkInterfaces: [{ associatePublicIpAddress: unknown() }] }],
            [eksEndpointNotPublic, EKS_CLUSTER, { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", unknown()] } }],
            [elbClassicTlsListeners, CLASSIC_ELB, { listeners: [{ lbPort: 443, lbProtocol: unknown() }] }],
            [lambdaFunctionUrlAuth, "aws:lambda/functionUrl:FunctionUrl", { authorizationType: unknown() }],
            [apigatewayDomainTls12, "aws:apigatewayv2/domainName:DomainName", { domainNameConfiguration: { securityPolicy: unknown() } }],
        ] as const) {
            const diags = await runResourcePolicy(policy, { type, name: "x", props });
            assert.deepEqual(mandatory(diags), [], `${policy.name}: ${JSON.stringify(messages(diags))}`);
            assert.equal(diags.length, 1, `${policy.name}: ${JSON.stringify(messages(diags))}`);
            assert.match(diags[0].message, /^Cannot verify /);
        }
    });
});

// The typed reads of the remaining policies (issue 15 items 1-2: the last raw reads). Imported here,
// next to their cases, so this block merges without touching the imports above.
import { ec2InstanceInStackVpc, ec2RootVolumeEncrypted } from "../../policies/rules/compute";
import { apigatewayRestStageWaf } from "../../policies/rules/serverless";
import { iamNoInlinePolicies, iamPasswordPolicyStrength, iamRoleOneWayToAttach, iamRoleTrustPolicy } from "../../policies/rules/identity";

describe("malformed input fails closed: the last raw reads (launch templates, placement, WAF ties, identity, backups, documents)", () => {
    const provider = { name: "default", urn: urnOf("pulumi:providers:aws", "default"), props: { region: "us-gov-west-1" } };
    const trust = (statement: Record<string, unknown>) => policyDoc(statement);
    const SERVICE_TRUST = { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" };
    const DIGEST = "repo@sha256:" + "a".repeat(64);
    const NO_WAF = 'API Gateway stage "prod" has no WAFv2 web ACL; add an aws.wafv2.WebAclAssociation with resourceArn set to the stage\'s arn.';
    const NO_ROOT =
        'EC2 instance "web" declares no root block device, so its root volume comes from the AMI unencrypted unless EBS encryption by default is on; ' +
        "declare the root device with encrypted: true and a kmsKeyId, or add an aws.ebs.EncryptionByDefault with enabled: true to this stack (same provider and region).";


    const vpcAndSubnet: TestResource[] = [
        { type: VPC, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
        { type: SUBNET, name: "private-a", props: { vpcId: unknown() }, propertyDependencies: { vpcId: [urnOf(VPC, "vpc")] } },
    ];
    const backups = (props: Record<string, unknown>): TestResource[] => [
        { type: RDS_INSTANCE, name: "db", props: { tags: { Backup: "daily" }, ...props } },
        { type: BACKUP_PLAN, name: "plan", props: { rules: [{ ruleName: "daily", targetVaultName: "v" }] } },
        {
            type: BACKUP_SELECTION,
            name: "selection",
            props: { planId: unknown(), resources: ["arn:aws-us-gov:rds:*:*:db:govstack-*"] },
            propertyDependencies: { planId: [urnOf(BACKUP_PLAN, "plan")] },
        },
    ];

    const cases: readonly TableCase[] = [
        {
            title: "ec2-imdsv2-required: a launchTemplate that is a list (it used to pass as 'the template supplies it')",
            policy: ec2Imdsv2Required,
            type: EC2_INSTANCE,
            name: "web",
            bad: { launchTemplate: [{ id: "lt-0123" }] },
            good: { launchTemplate: { id: "lt-0123", version: "$Latest" } },
            expected: [`Cannot evaluate EC2 instance "web": launchTemplate is an array [{"id":"lt-0123"}], expected an object${SUFFIX}`],
        },
        {
            title: "ec2-instance-profile-attached: a launch template id that is a number",
            policy: ec2InstanceProfileAttached,
            type: EC2_INSTANCE,
            name: "web",
            bad: { launchTemplate: { id: 5 } },
            good: { launchTemplate: { id: "lt-0123" } },
            expected: [`Cannot evaluate EC2 instance "web": launchTemplate.id is the number 5, expected a string${SUFFIX}`],
            stack: (props) => [{ type: EC2_INSTANCE, name: "web", props }, { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "web", props: { id: "lt-0123", iamInstanceProfile: { name: "app" } } }],
        },
        {
            title: "ec2-no-public-ip: a launchTemplate given as its id string",
            policy: ec2NoPublicIp,
            type: EC2_INSTANCE,
            name: "web",
            bad: { launchTemplate: "lt-0123" },
            good: { launchTemplate: { name: "web" } },
            expected: [`Cannot evaluate EC2 instance "web": launchTemplate is "lt-0123", expected an object${SUFFIX}`],
        },
        {
            title: "ec2-root-volume-encrypted: a root block device that is a string (it used to count as declared)",
            policy: ec2RootVolumeEncrypted,
            type: EC2_INSTANCE,
            name: "web",
            bad: { rootBlockDevice: "encrypted" },
            good: { rootBlockDevice: { encrypted: true } },
            expected: [`Cannot evaluate EC2 instance "web": rootBlockDevice is "encrypted", expected an object${SUFFIX}`],
            stack: (props) => [{ type: EC2_INSTANCE, name: "web", props, provider }],
        },
        {
            title: "ec2-root-volume-encrypted: a template mapping's device name that is not a string",
            policy: ec2RootVolumeEncrypted,
            type: LAUNCH_TEMPLATE,
            name: "lt",
            bad: { blockDeviceMappings: [{ deviceName: ["/dev/xvda"], ebs: { encrypted: "true" } }] },
            good: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] },
            expected: [`Cannot evaluate Launch template "lt": blockDeviceMappings[0].deviceName is an array ["/dev/xvda"], expected a string${SUFFIX}`],
            stack: (props) => [{ type: LAUNCH_TEMPLATE, name: "lt", props, provider }],
        },
        {
            title: "ec2-root-volume-encrypted: EBS encryption by default enabled \"yes\" proves nothing",
            policy: ec2RootVolumeEncrypted,
            type: EBS_ENCRYPTION_BY_DEFAULT,
            name: "ebs-default",
            bad: { enabled: "yes" },
            good: { enabled: true },
            expected: [`Cannot evaluate EBS encryption by default "ebs-default": enabled is "yes", expected a boolean${SUFFIX}`, NO_ROOT],
            stack: (props) => [
                { type: EBS_ENCRYPTION_BY_DEFAULT, name: "ebs-default", props, provider },
                { type: EC2_INSTANCE, name: "web", props: {}, provider, dependencies: [urnOf(EBS_ENCRYPTION_BY_DEFAULT, "ebs-default")] },
            ],
        },
        {
            title: "ec2-instance-in-stack-vpc: a subnetId that is a number",
            policy: ec2InstanceInStackVpc,
            type: EC2_INSTANCE,
            name: "web",
            bad: { subnetId: 5 },
            good: { subnetId: unknown() },
            expected: [`Cannot evaluate EC2 instance "web": subnetId is the number 5, expected a string${SUFFIX}`],
            stack: (props) => [...vpcAndSubnet, { type: EC2_INSTANCE, name: "web", props, propertyDependencies: { subnetId: [urnOf(SUBNET, "private-a")] } }],
        },
        {
            title: "ec2-instance-in-stack-vpc: vpcZoneIdentifiers written as one string",
            policy: ec2InstanceInStackVpc,
            type: AUTOSCALING_GROUP,
            name: "workers",
            bad: { vpcZoneIdentifiers: "subnet-0a" },
            good: { vpcZoneIdentifiers: [unknown()] },
            expected: [`Cannot evaluate Auto Scaling group "workers": vpcZoneIdentifiers is "subnet-0a", expected an array${SUFFIX}`],
            stack: (props) => [...vpcAndSubnet, { type: AUTOSCALING_GROUP, name: "workers", props, propertyDependencies: { vpcZoneIdentifiers: [urnOf(SUBNET, "private-a")] } }],
        },
        {
            title: "apigateway-rest-stage-waf: an association's resourceArn that is a number protects no stage",
            policy: apigatewayRestStageWaf,
            type: WAFV2_WEB_ACL_ASSOCIATION,
            name: "api-waf",
            bad: { resourceArn: 5, webAclArn: unknown() },
            good: { resourceArn: "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a1b2c3d4e5/stages/prod", webAclArn: unknown() },
            expected: [`Cannot evaluate WAFv2 web ACL association "api-waf": resourceArn is the number 5, expected a string${SUFFIX}`, NO_WAF],
            stack: (props) => [
                { type: REST_STAGE, name: "prod", props: { stageName: "prod", restApi: "a1b2c3d4e5" } },
                { type: WAFV2_WEB_ACL_ASSOCIATION, name: "api-waf", props },
            ],
        },
        {
            title: "iam-password-policy-strength: a minimum length in words",
            policy: iamPasswordPolicyStrength,
            type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
            name: "acct",
            bad: { ...STRONG_PASSWORD_POLICY, minimumPasswordLength: "fourteen" },
            good: { ...STRONG_PASSWORD_POLICY, minimumPasswordLength: "14" },
            expected: [`Cannot evaluate IAM account password policy "acct": minimumPasswordLength is "fourteen", expected a whole number${SUFFIX}`],
        },
        {
            title: "iam-no-inline-policies: an inline policy document that is a number (it used to count as a policy)",
            policy: iamNoInlinePolicies,
            type: IAM_ROLE,
            name: "task",
            bad: { inlinePolicies: [{ name: "x", policy: 5 }] },
            good: { inlinePolicies: [{ name: "x" }] },
            expected: [`Cannot evaluate IAM role "task": inlinePolicies[0].policy is the number 5, expected a policy document (JSON text or an object)${SUFFIX}`],
        },
        {
            title: "iam-role-one-way-to-attach: managedPolicyArns written as one string",
            policy: iamRoleOneWayToAttach,
            type: IAM_ROLE,
            name: "task",
            bad: { name: "task", managedPolicyArns: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" },
            good: { name: "task" },
            expected: [`Cannot evaluate IAM role "task": managedPolicyArns is "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess", expected an array${SUFFIX}`],
            stack: (props) => [
                { type: IAM_ROLE, name: "task", props },
                { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "task-read", props: { role: "task", policyArn: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" } },
            ],
        },
        {
            title: "iam-role-trust-policy: a Principal that is a number (it used to pass as naming no one)",
            policy: iamRoleTrustPolicy,
            type: IAM_ROLE,
            name: "task",
            bad: { assumeRolePolicy: trust({ ...SERVICE_TRUST, Principal: 5 }) },
            good: { assumeRolePolicy: trust(SERVICE_TRUST) },
            expected: [`Cannot evaluate IAM role "task": assumeRolePolicy.Statement[0].Principal is the number 5, expected "*" or an object of principals${SUFFIX}`],
        },
        {
            title: "iam-role-trust-policy: a Federated principal that names no identity provider",
            policy: iamRoleTrustPolicy,
            type: IAM_ROLE,
            name: "task",
            bad: { assumeRolePolicy: trust({ Effect: "Allow", Principal: { Federated: ["not a provider"] }, Action: "sts:AssumeRoleWithWebIdentity" }) },
            good: { assumeRolePolicy: trust(SERVICE_TRUST) },
            expected: [
                `Cannot evaluate IAM role "task": assumeRolePolicy.Statement[0].Principal.Federated[0] is "not a provider", expected an OIDC or SAML provider ARN or a web identity provider host${SUFFIX}`,
            ],
        },
        {
            title: "iam-role-trust-policy: a trust policy that is not JSON",
            policy: iamRoleTrustPolicy,
            type: IAM_ROLE,
            name: "task",
            bad: { assumeRolePolicy: "{" },
            good: { assumeRolePolicy: trust(SERVICE_TRUST) },
            expected: [`Cannot evaluate IAM role "task": assumeRolePolicy is "{", expected a JSON policy document (a Statement object or list)${SUFFIX}`],
        },
        {
            title: "iam-policy-no-wildcard-actions: an inline role policy that is not JSON",
            policy: iamPolicyNoWildcardActions,
            type: IAM_ROLE,
            name: "task",
            bad: { inlinePolicies: [{ name: "x", policy: "{not json" }] },
            good: { inlinePolicies: [{ name: "x", policy: trust({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws-us-gov:s3:::b/*" }) }] },
            expected: [`Cannot evaluate IAM role "task": inlinePolicies[0].policy is "{not json", expected a JSON policy document (a Statement object or list)${SUFFIX}`],
        },
        {
            title: "resource-policy-no-public-principal: a public Lambda permission whose sourceAccount is a number (it used to read as narrowed)",
            policy: resourcePolicyNoPublicPrincipal,
            type: "aws:lambda/permission:Permission",
            name: "p",
            bad: { action: "lambda:InvokeFunction", function: "fn", principal: "*", sourceAccount: 111122223333 },
            good: { action: "lambda:InvokeFunction", function: "fn", principal: "*", sourceAccount: "111122223333" },
            expected: [`Cannot evaluate Lambda permission "p": sourceAccount is the number 111122223333, expected a string${SUFFIX}`],
        },
        {
            title: "ecs container policies: containerDefinitions that is not JSON",
            policy: ecsContainerNonRoot,
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: "app",
            bad: { containerDefinitions: "{not json" },
            good: { containerDefinitions: JSON.stringify([{ name: "app", image: DIGEST, user: "1001" }]) },
            expected: [`Cannot evaluate Task definition "app": containerDefinitions is "{not json", expected a JSON array of container definitions (JSON.stringify([...]) of the containers)${SUFFIX}`],
        },
        {
            title: "backup-plan-covers-database: a database identifier that is a number (it used to read as 'no name')",
            policy: backupPlanCoversDatabase,
            type: RDS_INSTANCE,
            name: "db",
            bad: { identifier: 5 },
            good: { identifier: "govstack-prod-postgres" },
            expected: [`Cannot evaluate RDS instance "db": identifier is the number 5, expected a string${SUFFIX}`],
            stack: backups,
        },
    ];

    itFailsClosedEvenWaived(cases);

    it("unknown at preview stays advisory (the same fields, computed)", async () => {
        const stacks: ReadonlyArray<readonly [GovPolicy, TestResource[]]> = [
            [ec2RootVolumeEncrypted, [{ type: LAUNCH_TEMPLATE, name: "lt", props: { blockDeviceMappings: [{ deviceName: unknown(), ebs: { encrypted: "true" } }] }, provider }]],
            [ec2InstanceInStackVpc, [{ type: AUTOSCALING_GROUP, name: "workers", props: { vpcZoneIdentifiers: unknown() } }]],
            [apigatewayRestStageWaf, [{ type: REST_STAGE, name: "prod", props: { stageName: "prod", restApi: "a1b2c3d4e5" } }, { type: WAFV2_WEB_ACL_ASSOCIATION, name: "api-waf", props: { resourceArn: unknown() } }]],
        ];
        for (const [policy, resources] of stacks) {
            const diags = await runStackPolicy(policy, resources);
            assert.deepEqual(mandatory(diags), [], `${policy.name}: ${JSON.stringify(messages(diags))}`);
            assert.equal(diags.length, 1, `${policy.name}: ${JSON.stringify(messages(diags))}`);
            assert.match(diags[0].message, /^Cannot verify /);
        }
        for (const [policy, type, props] of [
            [ec2Imdsv2Required, EC2_INSTANCE, { launchTemplate: unknown() }],
            [iamPasswordPolicyStrength, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", { ...STRONG_PASSWORD_POLICY, maxPasswordAge: unknown() }],
            [iamNoInlinePolicies, IAM_ROLE, { inlinePolicies: [{ name: "x", policy: unknown() }] }],
        ] as const) {
            const diags = await runResourcePolicy(policy, { type, name: "x", props });
            assert.deepEqual(mandatory(diags), [], `${policy.name}: ${JSON.stringify(messages(diags))}`);
            assert.ok(diags.every((d) => d.message.startsWith("Cannot verify ")), `${policy.name}: ${JSON.stringify(messages(diags))}`);
        }
    });
});

describe("malformed input fails closed: resource policy documents (no waiver hides it)", () => {
    const GOOD = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::123456789012:role/app" }, Action: "s3:GetObject", Resource: "arn:aws-us-gov:s3:::b/*" }],
    });
    for (const policy of [resourcePolicyNoWildcardActions, resourcePolicyNoPublicPrincipal]) {
        describe(policy.name, () => {
            for (const [shown, bad] of [
                ['"{not json"', "{not json"],
                ["the number 5", 5],
                ['"[1]"', "[1]"],
            ] as const) {
                it(`a policy document that is ${shown} is the unwaivable "Cannot evaluate"`, async () => {
                    const expected = [`Cannot evaluate Bucket policy "data": policy is ${shown}, expected a JSON policy document (a Statement object or list)${SUFFIX}`];
                    const props = { bucket: "b", policy: bad };
                    assertFailsClosed(await runResourcePolicy(policy, { type: S3_BUCKET_POLICY, name: "data", props }), expected);
                    const waived = await runResourcePolicy(policy, { type: S3_BUCKET_POLICY, name: "data", props, config: { waivers: [waiver("data")] } });
                    assertFailsClosed(waived, expected);
                    assert.deepEqual(advisory(waived), []);
                });
            }
            it("a valid document passes and a computed one is advisory", async () => {
                assertClean(await runResourcePolicy(policy, { type: S3_BUCKET_POLICY, name: "data", props: { bucket: "b", policy: GOOD } }));
                const diags = await runResourcePolicy(policy, { type: S3_BUCKET_POLICY, name: "data", props: { bucket: "b", policy: unknown() } });
                assert.deepEqual(mandatory(diags), []);
                assert.deepEqual(messages(diags).map((m) => m.startsWith("Cannot verify policy")), [true]);
            });
        });
    }
});

describe("malformed input fails closed: iam-role-trust-policy Condition and NotAction (no waiver hides it)", () => {
    const ROOT = "arn:aws-us-gov:iam::123456789012:root";
    const GITHUB = "arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const trust = (statement: Record<string, unknown>) => ({ assumeRolePolicy: policyDoc(statement) });
    const account = (extra: Record<string, unknown>) => trust({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "sts:AssumeRole", ...extra });
    const oidc = (extra: Record<string, unknown>) => trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", ...extra });
    const at = "assumeRolePolicy.Statement[0]";
    const OPERATORS = 'an object of condition operators (e.g. {"StringEquals": {…}})';
    const PAIRS = "an object of condition keys and their values";
    const VALUES = "a string, number or boolean, or an array of them";
    const cases: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
        ["a Condition that is a string (MFA)", account({ Condition: "aws:MultiFactorAuthPresent" }), `${at}.Condition is "aws:MultiFactorAuthPresent", expected ${OPERATORS}`],
        ["a Condition that is an array (OIDC)", oidc({ Condition: [{ StringEquals: {} }] }), `${at}.Condition is an array [{"StringEquals":{}}], expected ${OPERATORS}`],
        ["a Condition that is null", account({ Condition: null }), `${at}.Condition is null, expected ${OPERATORS}`],
        ["an operator whose value is a string", oidc({ Condition: { StringEquals: "token.actions.githubusercontent.com:aud" } }), `${at}.Condition.StringEquals is "token.actions.githubusercontent.com:aud", expected ${PAIRS}`],
        ["an operator whose value is an array", account({ Condition: { Bool: ["aws:MultiFactorAuthPresent"] } }), `${at}.Condition.Bool is an array ["aws:MultiFactorAuthPresent"], expected ${PAIRS}`],
        ["a key whose value is an object", account({ Condition: { Bool: { "aws:MultiFactorAuthPresent": { value: "true" } } } }), `${at}.Condition.Bool.aws:MultiFactorAuthPresent is an object {"value":"true"}, expected ${VALUES}`],
        [
            "a pinning value list holding null",
            oidc({ Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": ["repo:o/r:ref:refs/heads/main", null] } } }),
            `${at}.Condition.StringEquals.token.actions.githubusercontent.com:sub is an array ["repo:o/r:ref:refs/heads/main",null], expected ${VALUES}`,
        ],
        ["a NotAction that is a number", trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, NotAction: 5 }), `${at}.NotAction is the number 5, expected a string or an array of strings`],
        ["a NotAction list holding an object", trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, NotAction: [{}] }), `${at}.NotAction[0] is an object {}, expected a string`],
    ];
    for (const [title, props, problem] of cases) {
        it(`${title} is the unwaivable "Cannot evaluate" naming its path`, async () => {
            const expected = [`Cannot evaluate IAM role "r": ${problem}${SUFFIX}`];
            assertFailsClosed(await runResourcePolicy(iamRoleTrustPolicy, { type: IAM_ROLE, name: "r", props }), expected);
            const waived = await runResourcePolicy(iamRoleTrustPolicy, { type: IAM_ROLE, name: "r", props, config: { waivers: [waiver("r")] } });
            assertFailsClosed(waived, expected);
            assert.deepEqual(advisory(waived), []);
        });
    }
    it("valid conditions judge as before: MFA and pinning pass, their absence is blocked, computed is advisory", async () => {
        assertClean(await runResourcePolicy(iamRoleTrustPolicy, { type: IAM_ROLE, name: "r", props: account({ Condition: { Bool: { "aws:MultiFactorAuthPresent": true } } }) }));
        assertClean(
            await runResourcePolicy(iamRoleTrustPolicy, {
                type: IAM_ROLE,
                name: "r",
                props: oidc({ Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": ["sts.amazonaws.com"] }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:o/r:*" } } }),
            }),
        );
        assertViolations(await runResourcePolicy(iamRoleTrustPolicy, { type: IAM_ROLE, name: "r", props: account({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }) }), [
            `IAM role "r" trust policy statement #0 lets account principal "${ROOT}" assume the role without Bool aws:MultiFactorAuthPresent "true"; require MFA, or use a service or federated principal.`,
        ]);
        assertViolations(await runResourcePolicy(iamRoleTrustPolicy, { type: IAM_ROLE, name: "r", props: trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, NotAction: [] }) }), [
            'IAM role "r" trust policy statement #0 allows NotAction; allow only sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML, sts:TagSession, sts:SetSourceIdentity, sts:SetContext.',
        ]);
        // A computed operator block (an object document with an unknown inside) stays advisory.
        const computed = {
            assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ROOT }, Action: "sts:AssumeRole", Condition: { Bool: unknown() } }] },
        };
        const diags = await runResourcePolicy(iamRoleTrustPolicy, { type: IAM_ROLE, name: "r", props: computed });
        assert.deepEqual(mandatory(diags), []);
        assert.deepEqual(
            messages(diags).map((m) => m.startsWith('Cannot verify IAM role "r" trust policy statement #0 Condition aws:MultiFactorAuthPresent during preview')),
            [true],
        );
    });
});

import { iamPolicyNoPassRoleWildcard, resourcePolicyNoNetworkOnlyPrincipal } from "../../policies/rules/identity";
import { networkRulesDeclaredOneWay } from "../../policies/rules/network";

describe("malformed input fails closed: the last raw reads (Lambda action, Not* fields, key-policy root, resource Conditions, inline rules)", () => {
    const LIST = "expected a string or an array of strings";
    const PRINCIPALS = '"*" or an object of principals';
    const ROOT = "arn:aws-us-gov:iam::111122223333:root";
    const KEY_ARN = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const OBJECTS = "arn:aws-us-gov:s3:::gov-data/*";
    const PUBLIC_READ = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: OBJECTS };

    interface Case {
        readonly title: string;
        readonly policy: GovPolicy;
        readonly input: TestResource;
        /** Other resources of the stack (stack policies). */
        readonly stack?: readonly TestResource[];
        readonly expected: string;
    }
    const lambda = (props: Record<string, unknown>): TestResource => ({ type: "aws:lambda/permission:Permission", name: "inv", props: { function: "fn", principal: "sns.amazonaws.com", ...props } });
    const bucketPolicy = (statement: Record<string, unknown>): TestResource => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name: "data", props: { bucket: "gov-data", policy: policyDoc(statement) } });
    const keyPolicy = (statement: Record<string, unknown>): TestResource => ({ type: "aws:kms/keyPolicy:KeyPolicy", name: "k", props: { keyId: KEY_ARN, policy: policyDoc(statement) } });
    const iamPolicy = (statement: Record<string, unknown>): TestResource => ({ type: "aws:iam/policy:Policy", name: "p", props: { policy: policyDoc(statement) } });
    const sg: TestResource = { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { id: "sg-1", ingress: 5 } };
    const sgRule: TestResource = { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "in", props: { type: "ingress", securityGroupId: "sg-1" } };

    const cases: readonly Case[] = [
        { title: "a Lambda permission's action that is a number", policy: resourcePolicyNoWildcardActions, input: lambda({ action: 5 }), expected: 'Cannot evaluate Lambda permission "inv": action is the number 5, expected a string' },
        {
            title: "a Lambda permission's action that is an object with a toString key",
            policy: resourcePolicyNoWildcardActions,
            input: lambda({ action: TO_STRING }),
            expected: 'Cannot evaluate Lambda permission "inv": action is an object {"toString":"x"}, expected a string',
        },
        { title: "a Lambda permission without an action", policy: resourcePolicyNoWildcardActions, input: lambda({}), expected: 'Cannot evaluate Lambda permission "inv": action is absent, expected a string' },
        {
            title: "a resource policy's NotAction that is a number",
            policy: resourcePolicyNoWildcardActions,
            input: bucketPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, NotAction: 5, Resource: OBJECTS }),
            expected: `Cannot evaluate S3 bucket policy "data": policy.Statement[0].NotAction is the number 5, ${LIST}`,
        },
        {
            title: "a resource policy's NotAction that is null",
            policy: resourcePolicyNoWildcardActions,
            input: bucketPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "s3:GetObject", NotAction: null, Resource: OBJECTS }),
            expected: `Cannot evaluate S3 bucket policy "data": policy.Statement[0].NotAction is null, ${LIST}`,
        },
        {
            title: 'a key policy "kms:*" statement whose Principal.AWS is a number',
            policy: resourcePolicyNoWildcardActions,
            input: keyPolicy({ Effect: "Allow", Principal: { AWS: 5 }, Action: "kms:*", Resource: "*" }),
            expected: `Cannot evaluate KMS key policy "k": policy.Statement[0].Principal.AWS is the number 5, ${LIST}`,
        },
        {
            title: 'a key policy "kms:*" statement whose Resource is an object',
            policy: resourcePolicyNoWildcardActions,
            input: keyPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: { toString: "*" } }),
            expected: `Cannot evaluate KMS key policy "k": policy.Statement[0].Resource is an object {"toString":"*"}, ${LIST}`,
        },
        {
            title: "an identity policy's NotAction that is a number",
            policy: iamPolicyNoWildcardActions,
            input: iamPolicy({ Effect: "Allow", NotAction: 5, Resource: "*" }),
            expected: `Cannot evaluate IAM policy "p": policy.Statement[0].NotAction is the number 5, ${LIST}`,
        },
        {
            title: "an identity policy's NotAction list holding an object",
            policy: iamPolicyNoWildcardActions,
            input: iamPolicy({ Effect: "Allow", NotAction: [{}], Resource: "*" }),
            expected: 'Cannot evaluate IAM policy "p": policy.Statement[0].NotAction[0] is an object {}, expected a string',
        },
        {
            title: "an identity policy's NotAction that is null",
            policy: iamPolicyNoWildcardActions,
            input: iamPolicy({ Effect: "Allow", Action: "s3:GetObject", NotAction: null, Resource: "*" }),
            expected: `Cannot evaluate IAM policy "p": policy.Statement[0].NotAction is null, ${LIST}`,
        },
        {
            title: "an identity policy's NotResource that is null (sts:AssumeRole)",
            policy: iamPolicyNoWildcardActions,
            input: iamPolicy({ Effect: "Allow", Action: "sts:AssumeRole", NotResource: null }),
            expected: `Cannot evaluate IAM policy "p": policy.Statement[0].NotResource is null, ${LIST}`,
        },
        {
            title: "an identity policy's NotResource that is null (iam:PassRole)",
            policy: iamPolicyNoPassRoleWildcard,
            input: iamPolicy({ Effect: "Allow", Action: "iam:PassRole", NotResource: null }),
            expected: `Cannot evaluate IAM policy "p": policy.Statement[0].NotResource is null, ${LIST}`,
        },
        {
            title: "a resource policy's NotPrincipal that is a number (public principal)",
            policy: resourcePolicyNoPublicPrincipal,
            input: bucketPolicy({ Effect: "Allow", NotPrincipal: 5, Action: "s3:GetObject", Resource: OBJECTS }),
            expected: `Cannot evaluate S3 bucket policy "data": policy.Statement[0].NotPrincipal is the number 5, expected ${PRINCIPALS}`,
        },
        {
            title: "a resource policy's NotPrincipal that is null (public principal)",
            policy: resourcePolicyNoPublicPrincipal,
            input: bucketPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, NotPrincipal: null, Action: "s3:GetObject", Resource: OBJECTS }),
            expected: `Cannot evaluate S3 bucket policy "data": policy.Statement[0].NotPrincipal is null, expected ${PRINCIPALS}`,
        },
        {
            title: "a public statement's Condition that is a string (public principal)",
            policy: resourcePolicyNoPublicPrincipal,
            input: bucketPolicy({ ...PUBLIC_READ, Condition: "aws:SourceVpce" }),
            expected: 'Cannot evaluate S3 bucket policy "data": policy.Statement[0].Condition is "aws:SourceVpce", expected an object of condition operators (e.g. {"StringEquals": {…}})',
        },
        {
            title: "a resource policy's NotPrincipal that is an empty object (network-only principal)",
            policy: resourcePolicyNoNetworkOnlyPrincipal,
            input: bucketPolicy({ Effect: "Allow", NotPrincipal: {}, Action: "s3:GetObject", Resource: OBJECTS, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }),
            stack: [],
            expected: 'Cannot evaluate S3 bucket policy "data": policy.Statement[0].NotPrincipal is an object {}, expected an object of AWS, Service, Federated or CanonicalUser principals',
        },
        {
            title: "a network key whose value is an object (network-only principal)",
            policy: resourcePolicyNoNetworkOnlyPrincipal,
            input: bucketPolicy({ ...PUBLIC_READ, Condition: { IpAddress: { "aws:SourceIp": { cidr: "10.0.0.0/8" } } } }),
            stack: [],
            expected: 'Cannot evaluate S3 bucket policy "data": policy.Statement[0].Condition.IpAddress.aws:SourceIp is an object {"cidr":"10.0.0.0/8"}, expected a string, number or boolean, or an array of them',
        },
        {
            title: "a security group's inline ingress that is a number, next to a rule resource",
            policy: networkRulesDeclaredOneWay,
            input: sg,
            stack: [sgRule],
            expected: 'Cannot evaluate Security group "sg": ingress is the number 5, expected an array',
        },
    ];

    const run = (c: Case, config: Record<string, unknown> = {}): Promise<Diagnostic[]> =>
        c.stack ? runStackPolicy(c.policy, [c.input, ...c.stack], config) : runResourcePolicy(c.policy, { ...c.input, config });

    for (const c of cases) {
        it(`${c.title} is the unwaivable "Cannot evaluate" naming its path`, async () => {
            const expected = [`${c.expected}${SUFFIX}`];
            assertFailsClosed(await run(c), expected);
            const waived = await run(c, { waivers: [waiver(c.input.name)] });
            assertFailsClosed(waived, expected);
            assert.deepEqual(advisory(waived), []);
        });
    }

    it("valid values judge as before", async () => {
        const p = resourcePolicyNoWildcardActions;
        assertClean(await runResourcePolicy(p, lambda({ action: "lambda:InvokeFunction" })));
        assertViolations(await runResourcePolicy(p, lambda({ action: "lambda:*" })), ['Lambda permission "inv" allows "lambda:*"; grant the one action needed (lambda:InvokeFunction).']);
        const computed = await runResourcePolicy(p, lambda({ action: unknown() }));
        assert.deepEqual(mandatory(computed), []);
        assert.deepEqual(messages(computed).map((m) => m.startsWith("Cannot verify action during preview")), [true]);
        assertViolations(await runResourcePolicy(p, bucketPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, NotAction: [], Resource: OBJECTS })), [
            'Bucket policy "data" statement #0 allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.',
        ]);
        assertClean(await runResourcePolicy(p, keyPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" })));
        assertViolations(await runResourcePolicy(p, keyPolicy({ Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::444455556666:root" }, Action: "kms:*", Resource: "*" })), [
            'KMS key policy "k" statement #0 allows "kms:*" to the root of account 444455556666, not the key\'s own account: full control of the key to another account; ' +
                'only the key\'s own account root may hold "kms:*" (kms-own-account-root), grant another account only the KMS actions it needs.',
        ]);

        const q = iamPolicyNoWildcardActions;
        assertViolations(await runResourcePolicy(q, iamPolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), [
            'IAM policy "p" statement #0 allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.',
        ]);
        assertViolations(await runResourcePolicy(q, iamPolicy({ Effect: "Allow", Action: "sts:AssumeRole", NotResource: "arn:aws-us-gov:iam::111122223333:role/admin" })), [
            'IAM policy "p" statement #0 allows "sts:AssumeRole" on NotResource, i.e. any role that trusts the account; name the roles it may assume.',
        ]);
        assertClean(await runResourcePolicy(q, iamPolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: OBJECTS })));
        assertViolations(await runResourcePolicy(iamPolicyNoPassRoleWildcard, iamPolicy({ Effect: "Allow", Action: "iam:PassRole", NotResource: [] })), [
            'IAM policy "p" statement #0 allows "iam:PassRole" on Resource "*"; scope it to the role ARNs that are passed.',
        ]);

        assertViolations(await runResourcePolicy(resourcePolicyNoPublicPrincipal, bucketPolicy({ Effect: "Allow", NotPrincipal: { AWS: ROOT }, Action: "s3:GetObject", Resource: OBJECTS })), [
            'Bucket policy "data" statement #0 allows NotPrincipal (everyone but the listed principals) without a Condition; name the principals or add a narrowing Condition.',
        ]);
        assertClean(await runResourcePolicy(resourcePolicyNoPublicPrincipal, bucketPolicy({ ...PUBLIC_READ, Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } })));

        const n = resourcePolicyNoNetworkOnlyPrincipal;
        const ipOnly = bucketPolicy({ Effect: "Allow", NotPrincipal: { AWS: ROOT }, Action: "s3:GetObject", Resource: OBJECTS, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } });
        assertViolations(await runStackPolicy(n, [ipOnly]), [
            'Bucket policy "data" statement #0 allows NotPrincipal (everyone but the listed principals) narrowed only by network (IpAddress aws:SourceIp "203.0.113.0/24"), which admits ' +
                "unidentified callers from outside this stack's VPCs and VPC endpoints; also fix aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount " +
                "or aws:SourceArn, or confine the network key to this stack's VPC endpoints (or allowedNetworkIds).",
        ]);
        assertClean(await runStackPolicy(n, [ipOnly], { allowedSourceIpRanges: ["203.0.113.0/24"] }));

        const r = networkRulesDeclaredOneWay;
        assertClean(await runStackPolicy(r, [{ ...sg, props: { id: "sg-1", ingress: [] } }, sgRule]));
        assertViolations(await runStackPolicy(r, [{ ...sg, props: { id: "sg-1", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] } }, sgRule]), [
            'Security group "sg" declares inline `ingress` and also has rule resources "in" (aws.ec2.SecurityGroupRule); the provider overwrites one with the other on every update: declare its rules one way only.',
        ]);
    });
});

import { sqsQueueDeadLetterQueue } from "../../policies/rules/data-stores";
import { kmsKeyPolicyLeastPrivilege } from "../../policies/rules/keys";
import { s3BucketAccessLogging } from "../../policies/rules/storage-hygiene";

describe("malformed input fails closed: key policies, the key's accounts, the TLS guard, access-log targets, queue names", () => {
    const LIST = "expected a string or an array of strings";
    const PRINCIPALS = '"*" or an object of principals';
    const ACCOUNT = "111122223333";
    const ROOT = `arn:aws-us-gov:iam::${ACCOUNT}:root`;
    const APP = `arn:aws-us-gov:iam::${ACCOUNT}:role/app`;
    const KEY_ARN = `arn:aws-us-gov:kms:us-gov-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const STRICT = { enforcementLevel: "mandatory" };
    const ROOT_ADMIN = { Sid: "Root", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };
    const PUBLIC_DECRYPT = { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" };

    interface Case {
        readonly title: string;
        readonly policy: GovPolicy;
        readonly input: TestResource;
        /** Other resources of the stack (stack policies). */
        readonly stack?: readonly TestResource[];
        readonly config?: Record<string, unknown>;
        /** The unwaivable "Cannot evaluate" (without SUFFIX). */
        readonly expected: string;
        /** What else the stack reports about other resources (waivable, unaffected by the input's waiver). */
        readonly also?: readonly string[];
    }
    const keyPolicy = (statement: Record<string, unknown>, props: Record<string, unknown> = {}): TestResource => ({
        type: "aws:kms/keyPolicy:KeyPolicy",
        name: "k",
        props: { keyId: KEY_ARN, policy: policyDoc(statement), ...props },
    });
    const key = (statement: Record<string, unknown>, allowedAccountIds: unknown): TestResource => ({
        type: "aws:kms/key:Key",
        name: "data",
        props: { policy: policyDoc(statement) },
        provider: { props: { allowedAccountIds } },
    });
    const tlsBucket: TestResource = { type: S3_BUCKET, name: "data", props: { bucket: "gov-data" } };
    const TLS_DENY = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws-us-gov:s3:::gov-data", "arn:aws-us-gov:s3:::gov-data/*"] };
    const bucketPolicy = (statement: Record<string, unknown>): TestResource => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name: "data-policy", props: { bucket: "gov-data", policy: policyDoc(statement) } });
    const NO_TLS = 'S3 bucket "data" has a bucket policy without a TLS-only deny; deny s3:* to Principal "*" when aws:SecureTransport is false.';
    const bucket = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: S3_BUCKET, name, props: { bucket: name, ...props } });
    const logging = (targetBucket: unknown): TestResource => ({ type: "aws:s3/bucketLogging:BucketLogging", name: "l", props: { bucket: "data", targetBucket } });
    const noLogging = (name: string) => `S3 bucket "${name}" has no server access logging; add an aws.s3.BucketLogging with bucket "${name}" and targetBucket set to the access-log bucket.`;
    const DLQ_ARN = `arn:aws-us-gov:sqs:us-gov-west-1:${ACCOUNT}:jobs-dlq`;
    const jobs: TestResource = { type: SQS_QUEUE, name: "jobs", props: { name: "jobs", redrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 }) } };
    const dlq = (name: unknown): TestResource => ({ type: SQS_QUEUE, name: "jobs-dlq", props: { name } });
    const NO_DLQ = 'SQS queue "jobs-dlq" has no dead-letter queue; set redrivePolicy with deadLetterTargetArn and maxReceiveCount, or add an aws.sqs.RedrivePolicy for it.';

    const cases: readonly Case[] = [
        {
            title: "a key policy's NotAction that is a number",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ Effect: "Allow", Principal: { AWS: APP }, NotAction: 5, Resource: "*" }),
            expected: `Cannot evaluate KMS key policy "k": policy.Statement[0].NotAction is the number 5, ${LIST}`,
        },
        {
            title: "a key policy's NotAction that is null (next to an Action that grants nothing sensitive)",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ Effect: "Allow", Principal: { AWS: APP }, Action: "kms:DescribeKey", NotAction: null, Resource: "*" }),
            expected: `Cannot evaluate KMS key policy "k": policy.Statement[0].NotAction is null, ${LIST}`,
        },
        {
            title: "a key policy's NotPrincipal that is a number",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ Effect: "Allow", NotPrincipal: 5, Action: "kms:Decrypt", Resource: "*" }),
            expected: `Cannot evaluate KMS key policy "k": policy.Statement[0].NotPrincipal is the number 5, expected ${PRINCIPALS}`,
        },
        {
            title: "a key policy's NotPrincipal that is null (next to a named Principal)",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ Effect: "Allow", Principal: { AWS: ROOT }, NotPrincipal: null, Action: "kms:Decrypt", Resource: "*" }),
            expected: `Cannot evaluate KMS key policy "k": policy.Statement[0].NotPrincipal is null, expected ${PRINCIPALS}`,
        },
        {
            title: "a key policy's Principal that is an empty object",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ Effect: "Allow", Principal: {}, Action: "kms:Decrypt", Resource: "*" }),
            expected: 'Cannot evaluate KMS key policy "k": policy.Statement[0].Principal is an object {}, expected an object of AWS, Service, Federated or CanonicalUser principals',
        },
        {
            title: "a key policy's Principal.AWS that is an empty list",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ Effect: "Allow", Principal: { AWS: [] }, Action: "kms:*", Resource: "*" }),
            expected: 'Cannot evaluate KMS key policy "k": policy.Statement[0].Principal.AWS is an array [], expected a principal or a list of principals',
        },
        {
            title: "a public key-policy grant's Condition that is a string",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ ...PUBLIC_DECRYPT, Condition: "kms:CallerAccount" }),
            expected: 'Cannot evaluate KMS key policy "k": policy.Statement[0].Condition is "kms:CallerAccount", expected an object of condition operators (e.g. {"StringEquals": {…}})',
        },
        {
            title: "a public key-policy grant's condition key whose value is an object with a toString key",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy({ ...PUBLIC_DECRYPT, Condition: { StringEquals: { "kms:CallerAccount": TO_STRING } } }),
            expected:
                'Cannot evaluate KMS key policy "k": policy.Statement[0].Condition.StringEquals.kms:CallerAccount is an object {"toString":"x"}, expected a string, number or boolean, or an array of them',
        },
        {
            title: "a key policy's keyId that is a number (least privilege), not skipped for the provider's accounts",
            policy: kmsKeyPolicyLeastPrivilege,
            input: keyPolicy(ROOT_ADMIN, { keyId: 5 }),
            expected: 'Cannot evaluate KMS key policy "k": keyId is the number 5, expected a string',
        },
        {
            title: "a key policy's keyId that is an object (wildcard actions)",
            policy: resourcePolicyNoWildcardActions,
            input: keyPolicy(ROOT_ADMIN, { keyId: TO_STRING }),
            expected: 'Cannot evaluate KMS key policy "k": keyId is an object {"toString":"x"}, expected a string',
        },
        {
            title: "the provider's allowedAccountIds that is a number",
            policy: kmsKeyPolicyLeastPrivilege,
            input: key(ROOT_ADMIN, 5),
            expected: `Cannot evaluate KMS key "data": the provider's allowedAccountIds is the number 5, expected a list of account ids (or its JSON text)`,
        },
        {
            title: "the provider's allowedAccountIds holding a number",
            policy: resourcePolicyNoWildcardActions,
            input: key(ROOT_ADMIN, [ACCOUNT, 7]),
            expected: `Cannot evaluate KMS key "data": the provider's allowedAccountIds[1] is the number 7, expected a string`,
        },
        {
            title: "the provider's allowedAccountIds whose JSON text does not parse",
            policy: kmsKeyPolicyLeastPrivilege,
            input: key(ROOT_ADMIN, `["${ACCOUNT}"`),
            expected: `Cannot evaluate KMS key "data": the provider's allowedAccountIds is "[\\"${ACCOUNT}\\"", expected a list of account ids (or its JSON text)`,
        },
        {
            title: "a TLS deny's Condition operator whose value is a string",
            policy: s3BucketTlsOnlyPolicy,
            input: bucketPolicy({ ...TLS_DENY, Condition: { Bool: "aws:SecureTransport" } }),
            stack: [tlsBucket],
            expected: 'Cannot evaluate S3 bucket policy "data-policy": policy.Statement[0].Condition.Bool is "aws:SecureTransport", expected an object of condition keys and their values',
            also: [NO_TLS],
        },
        {
            title: "a TLS deny's Condition that is null",
            policy: s3BucketTlsOnlyPolicy,
            input: bucketPolicy({ ...TLS_DENY, Condition: null }),
            stack: [tlsBucket],
            expected: 'Cannot evaluate S3 bucket policy "data-policy": policy.Statement[0].Condition is null, expected an object of condition operators (e.g. {"StringEquals": {…}})',
            also: [NO_TLS],
        },
        {
            title: "a TLS deny's NotPrincipal that is a number",
            policy: s3BucketTlsOnlyPolicy,
            input: bucketPolicy({ ...TLS_DENY, NotPrincipal: 5, Condition: { Bool: { "aws:SecureTransport": "false" } } }),
            stack: [tlsBucket],
            expected: `Cannot evaluate S3 bucket policy "data-policy": policy.Statement[0].NotPrincipal is the number 5, expected ${PRINCIPALS}`,
            also: [NO_TLS],
        },
        {
            title: "a BucketLogging's targetBucket that is a number",
            policy: s3BucketAccessLogging,
            input: logging(5),
            stack: [bucket("logs"), bucket("data")],
            expected: 'Cannot evaluate S3 bucket logging "l": targetBucket is the number 5, expected a string',
            also: [noLogging("logs"), noLogging("data")],
        },
        {
            title: "a bucket's inline logging.targetBucket that is an object",
            policy: s3BucketAccessLogging,
            input: bucket("data", { logging: { targetBucket: TO_STRING } }),
            stack: [bucket("logs")],
            expected: 'Cannot evaluate S3 bucket "data": logging.targetBucket is an object {"toString":"x"}, expected a string',
            also: [noLogging("data"), noLogging("logs")],
        },
        {
            title: "a queue's name that is a number (advisory policy run at mandatory)",
            policy: sqsQueueDeadLetterQueue,
            input: dlq(5),
            stack: [jobs],
            config: STRICT,
            expected: 'Cannot evaluate SQS queue "jobs-dlq": name is the number 5, expected a string',
            also: [NO_DLQ],
        },
    ];

    const run = (c: Case, config: Record<string, unknown> = {}): Promise<Diagnostic[]> =>
        c.stack ? runStackPolicy(c.policy, [c.input, ...c.stack], { ...c.config, ...config }) : runResourcePolicy(c.policy, { ...c.input, config: { ...c.config, ...config } });

    for (const c of cases) {
        it(`${c.title} is the unwaivable "Cannot evaluate" naming its path`, async () => {
            const expected = `${c.expected}${SUFFIX}`;
            assertFailsClosed(await run(c), [expected, ...(c.also ?? [])]);
            // A waiver for the resource holding the value does not hide it.
            const waived = await run(c, { waivers: [waiver(c.input.name)] });
            assertNoInternalError(waived);
            assert.ok(mandatory(waived).some((d) => d.message === expected), JSON.stringify(messages(waived)));
            assert.deepEqual(
                messages(advisory(waived)).filter((m) => m.includes(expected)),
                [],
            );
        });
    }

    it("a malformed queue name is reported at the policy's level: advisory by default, still never a dead-letter queue", async () => {
        const diags = await runStackPolicy(sqsQueueDeadLetterQueue, [jobs, dlq(5)]);
        assert.deepEqual(mandatory(diags), []);
        assert.ok(messages(advisory(diags)).includes(`Cannot evaluate SQS queue "jobs-dlq": name is the number 5, expected a string${SUFFIX}`), JSON.stringify(messages(diags)));
    });

    it("valid values judge as before", async () => {
        const k = kmsKeyPolicyLeastPrivilege;
        const tail =
            "not the account root or one of the account's key administrators; grant use through the account root and IAM (kms:ViaService, kms:CallerAccount), or list a deliberate key administrator in keyAdministrators.";
        const fix = "name the principals, or add a Condition that fixes aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, kms:CallerAccount or another caller key to specific values.";
        assertClean(await runResourcePolicy(k, keyPolicy(ROOT_ADMIN)));
        assertClean(await runResourcePolicy(k, keyPolicy({ Effect: "Allow", Principal: { AWS: APP }, NotAction: "kms:*", Resource: "*" })));
        assertViolations(await runResourcePolicy(k, keyPolicy({ Effect: "Allow", Principal: { AWS: APP }, NotAction: ["kms:ScheduleKeyDeletion"], Resource: "*" })), [
            `KMS key policy "k" policy statement #0 grants kms:Decrypt and kms:ReEncryptFrom to ${APP}, which is ${tail}`,
        ]);
        assertViolations(await runResourcePolicy(k, keyPolicy({ Effect: "Allow", NotPrincipal: { AWS: ROOT }, Action: "kms:Decrypt", Resource: "*" })), [
            `KMS key policy "k" policy statement #0 grants kms:Decrypt to NotPrincipal (everyone but the listed principals) without a Condition; ${fix}`,
        ]);
        assertViolations(await runResourcePolicy(k, keyPolicy({ ...PUBLIC_DECRYPT, Condition: { Bool: { "aws:SecureTransport": "true" } } })), [
            `KMS key policy "k" policy statement #0 grants kms:Decrypt to Principal "*" with a Condition that does not fix the caller; ${fix}`,
        ]);
        assertClean(await runResourcePolicy(k, keyPolicy({ ...PUBLIC_DECRYPT, Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } })));
        const computed = await runResourcePolicy(k, keyPolicy({ ...PUBLIC_DECRYPT, Condition: unknown() }));
        assert.deepEqual(mandatory(computed), []);
        assert.equal(advisory(computed).length, 1, JSON.stringify(messages(computed)));
        // The key's accounts: a key ARN, the provider's list (or its JSON text), an unknown keyId falling back to the provider.
        const foreign = `KMS key policy "k" policy statement "Root" grants kms:* (every KMS action) to account ${ACCOUNT} (another account), which is ${tail}`;
        assertViolations(await runResourcePolicy(k, keyPolicy(ROOT_ADMIN, { keyId: KEY_ARN.replace(ACCOUNT, "444455556666") })), [foreign]);
        assertClean(await runResourcePolicy(k, key(ROOT_ADMIN, [ACCOUNT])));
        assertClean(await runResourcePolicy(k, key(ROOT_ADMIN, JSON.stringify([ACCOUNT]))));
        assertClean(await runResourcePolicy(resourcePolicyNoWildcardActions, key(ROOT_ADMIN, ACCOUNT)));
        assertClean(await runResourcePolicy(k, { ...keyPolicy(ROOT_ADMIN, { keyId: unknown() }), provider: { props: { allowedAccountIds: [ACCOUNT] } } }));

        const t = s3BucketTlsOnlyPolicy;
        assertClean(await runStackPolicy(t, [tlsBucket, bucketPolicy({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "false" } } })]));
        assertClean(await runStackPolicy(t, [tlsBucket, bucketPolicy({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": [false] } } })]));
        assertViolations(await runStackPolicy(t, [tlsBucket, bucketPolicy({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": ACCOUNT } } })]), [
            'S3 bucket "data" has a bucket policy whose TLS-only deny also requires StringEquals aws:PrincipalAccount, so plain HTTP passes whenever that does not match; ' +
                'deny s3:* to Principal "*" on the bucket ARN and <bucket ARN>/* when aws:SecureTransport is false, with no other condition.',
        ]);
        assertViolations(await runStackPolicy(t, [tlsBucket, bucketPolicy({ ...TLS_DENY, NotPrincipal: { AWS: ROOT }, Principal: undefined, Condition: { Bool: { "aws:SecureTransport": "false" } } })]), [NO_TLS]);

        const l = s3BucketAccessLogging;
        assertClean(await runStackPolicy(l, [bucket("logs"), bucket("data"), logging("logs")]));
        assert.deepEqual(mandatory(await runStackPolicy(l, [bucket("logs"), bucket("data"), logging(unknown())])), []);
        assertClean(await runStackPolicy(l, [bucket("logs"), bucket("data", { logging: { targetBucket: "logs" } })]));

        const q = sqsQueueDeadLetterQueue;
        assertClean(await runStackPolicy(q, [jobs, dlq("jobs-dlq")], STRICT));
        assertViolations(await runStackPolicy(q, [jobs, dlq("other")], STRICT), [NO_DLQ]);
    });
});
