import * as assert from "assert";

import * as pulumi from "@pulumi/pulumi";

import { evaluateStack } from "../../tools/lib/evaluate";
import { PreviewMocks } from "../../tools/lib/preview-mocks";
import { estateProgram, named, one, sequentially, statement } from "./harness";

const AZS = ["a", "b", "c"];
const SUBNETS = {
    public: AZS.map((az) => `subnet-public-${az}`),
    private: AZS.map((az) => `subnet-private-${az}`),
    isolated: AZS.map((az) => `subnet-isolated-${az}`),
};

/** A fake but well-formed ARN for the key declared as `keys-<purpose>`. */
function keyArn(resourceName: string): string {
    return `arn:aws-us-gov:kms:us-gov-west-1:318920475611:key/${resourceName}`;
}

/**
 * Preview mocks that also "know" the VPC's and subnets' ids, each security group's id and each KMS
 * key's ARN, which a real preview leaves unknown. With them, the estate's wiring — which tier and which group each
 * component gets, and which key encrypts what — becomes visible and testable. Only estate.ts wires; this tests estate.ts.
 */
class WiringMocks extends PreviewMocks {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const result = super.newResource(args);
        if (args.type === "aws:ec2/vpc:Vpc") {
            return { id: "vpc-estate", state: { ...result.state, id: "vpc-estate" } };
        }
        if (args.type === "aws:ec2/subnet:Subnet") {
            // network-<tier>-us-gov-west-1<az> → subnet-<tier>-<az>
            const m = /^network-(public|private|isolated)-us-gov-west-1([abc])$/.exec(args.name);
            const id = m ? `subnet-${m[1]}-${m[2]}` : undefined;
            return { id, state: { ...result.state, id } };
        }
        if (args.type === "aws:kms/key:Key") {
            return { id: undefined, state: { ...result.state, arn: keyArn(args.name) } };
        }
        if (args.type === "aws:ec2/securityGroup:SecurityGroup") {
            const id = `sg-${String(args.inputs.name)}`;
            return { id, state: { ...result.state, id } };
        }
        return result;
    }
}

describe("infra/estate: wiring between components (prod, with subnet and group ids known)", () => {
    const mocks = new WiringMocks();
    before(async () => {
        await sequentially(() => evaluateStack("prod", estateProgram, mocks));
    });
    const ev = { mocks };
    const sg = (role: string) => `sg-govstack-prod-${role}`;

    it("puts the ALB in the public tier behind the ALB group only", () => {
        const alb = one(ev, "aws:lb/loadBalancer:LoadBalancer").inputs;
        assert.deepStrictEqual(alb.subnets, SUBNETS.public);
        assert.deepStrictEqual(alb.securityGroups, [sg("alb")]);
        assert.strictEqual(alb.internal, false);
    });

    it("sends ALB access logs to the storage logs bucket under the prefix its policy allows", () => {
        const logs = one(ev, "aws:lb/loadBalancer:LoadBalancer").inputs.accessLogs as Record<string, unknown>;
        const bucket = named(ev, "aws:s3/bucket:Bucket", "storage-access-logs").inputs.bucket;
        assert.deepStrictEqual(logs, { bucket, prefix: "alb", enabled: true });
        const allowed = statement(named(ev, "aws:s3/bucketPolicy:BucketPolicy", "storage-access-logs").inputs.policy, "ElbLogDelivery");
        assert.strictEqual(allowed.Resource, `arn:aws-us-gov:s3:::${String(bucket)}/alb/AWSLogs/318920475611/*`);
    });

    it("runs the ECS service in the private tier, without public IPs, in the service group only", () => {
        const net = (one(ev, "aws:ecs/service:Service").inputs.networkConfiguration ?? {}) as Record<string, unknown>;
        assert.deepStrictEqual(net.subnets, SUBNETS.private);
        assert.deepStrictEqual(net.securityGroups, [sg("service")]);
        assert.strictEqual(net.assignPublicIp, false);
    });

    it("puts PostgreSQL and Redis in the isolated tier, each behind its own group", () => {
        assert.deepStrictEqual(one(ev, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, SUBNETS.isolated);
        assert.deepStrictEqual(one(ev, "aws:elasticache/subnetGroup:SubnetGroup").inputs.subnetIds, SUBNETS.isolated);
        assert.deepStrictEqual(one(ev, "aws:rds/instance:Instance").inputs.vpcSecurityGroupIds, [sg("database")]);
        assert.deepStrictEqual(one(ev, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.securityGroupIds, [sg("cache")]);
    });

    it("puts the interface endpoints in the private tier behind the endpoints group", () => {
        for (const e of mocks.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter((x) => x.inputs.vpcEndpointType === "Interface")) {
            assert.deepStrictEqual(e.inputs.subnetIds, SUBNETS.private, e.name);
            assert.deepStrictEqual(e.inputs.securityGroupIds, [sg("endpoints")], e.name);
            assert.strictEqual(e.inputs.vpcId, "vpc-estate", e.name);
        }
    });

    it("chains the groups: service admits the ALB group, database and cache admit the service group", () => {
        const rule = (n: string) => named(ev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", n).inputs;
        assert.deepStrictEqual([rule("network-service-from-alb").securityGroupId, rule("network-service-from-alb").referencedSecurityGroupId], [sg("service"), sg("alb")]);
        assert.deepStrictEqual([rule("network-database-from-service").securityGroupId, rule("network-database-from-service").referencedSecurityGroupId], [sg("database"), sg("service")]);
        assert.deepStrictEqual([rule("network-cache-from-service").securityGroupId, rule("network-cache-from-service").referencedSecurityGroupId], [sg("cache"), sg("service")]);
    });

    it("uses one port end to end: target groups, the service group's ingress and the container", () => {
        const ingress = named(ev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "network-service-from-alb").inputs.fromPort;
        const groups = mocks.ofType("aws:lb/targetGroup:TargetGroup");
        assert.strictEqual(groups.length, 2, "blue and green");
        for (const tg of groups) {
            assert.strictEqual(tg.inputs.port, ingress, tg.name);
            assert.strictEqual(tg.inputs.vpcId, "vpc-estate", tg.name);
        }
        const containers = JSON.parse(String(one(ev, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions)) as Array<{
            portMappings: Array<{ containerPort: number }>;
        }>;
        assert.strictEqual(containers[0].portMappings[0].containerPort, ingress);
    });

    it("opens the test listener's port to operators exactly where Edge listens", () => {
        const ports = mocks.ofType("aws:lb/listener:Listener").map((l) => l.inputs.port);
        const operator = named(ev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "network-alb-test-0").inputs;
        assert.ok(ports.includes(operator.fromPort), `listeners ${ports.join(", ")}`);
        assert.strictEqual(operator.cidrIpv4, "198.51.100.16/28");
    });

    it("rolls deployments back on alarms that Observability really declares", () => {
        const alarms = (one(ev, "aws:ecs/service:Service").inputs.alarms ?? {}) as { alarmNames: string[]; rollback: boolean };
        const declared = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.name);
        assert.ok(alarms.alarmNames.length >= 3);
        for (const name of alarms.alarmNames) {
            assert.ok(declared.includes(name), `${name} is declared`);
        }
        assert.strictEqual(alarms.rollback, true);
    });

    it("grants the task role IAM connect to exactly this database user and cache user", () => {
        const policy = named(ev, "aws:iam/policy:Policy", "govstack-prod-task").inputs.policy;
        assert.strictEqual(statement(policy, "ConnectToPostgresWithIam").Resource, "arn:aws-us-gov:rds-db:us-gov-west-1:318920475611:dbuser:*/govstack_app");
        const group = one(ev, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.replicationGroupId;
        const user = named(ev, "aws:elasticache/user:User", "data-redis-app").inputs.userId;
        assert.deepStrictEqual(statement(policy, "ConnectToRedisWithIam").Resource, [
            `arn:aws-us-gov:elasticache:us-gov-west-1:318920475611:replicationgroup:${String(group)}`,
            `arn:aws-us-gov:elasticache:us-gov-west-1:318920475611:user:${String(user)}`,
        ]);
    });

    it("encrypts the database, its master secret, Performance Insights and the cache with the data key", () => {
        const data = keyArn("keys-data");
        const db = one(ev, "aws:rds/instance:Instance").inputs;
        assert.deepStrictEqual([db.kmsKeyId, db.masterUserSecretKmsKeyId, db.performanceInsightsKmsKeyId], [data, data, data]);
        assert.strictEqual(one(ev, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.kmsKeyId, data);
    });

    it("encrypts every log group with the logs key", () => {
        const groups = mocks.ofType("aws:cloudwatch/logGroup:LogGroup");
        assert.ok(groups.length >= 7, `${groups.length} log groups`);
        for (const g of groups) {
            assert.strictEqual(g.inputs.kmsKeyId, keyArn("keys-logs"), g.name);
        }
    });

    it("encrypts backups with the storage key, images with the containers key and alerts with the messaging key", () => {
        const sse = named(ev, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "storage-backups")
            .inputs.rules as Array<{ applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }>;
        assert.strictEqual(sse[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn("keys-storage"));
        const repo = one(ev, "aws:ecr/repository:Repository").inputs.encryptionConfigurations as Array<{ kmsKey: string }>;
        assert.strictEqual(repo[0].kmsKey, keyArn("keys-containers"));
        assert.strictEqual(one(ev, "aws:sns/topic:Topic").inputs.kmsMasterKeyId, keyArn("keys-messaging"));
    });

    it("points the RDS and Redis alarms at the declared instance and every cache node", () => {
        const dims = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.dimensions as Record<string, unknown> | undefined);
        assert.ok(dims.some((d) => d?.DBInstanceIdentifier === one(ev, "aws:rds/instance:Instance").inputs.identifier));
        const nodes = new Set(dims.map((d) => d?.CacheClusterId).filter((x) => x !== undefined));
        assert.deepStrictEqual([...nodes].sort(), ["govstack-prod-redis-001", "govstack-prod-redis-002"]);
    });
});
