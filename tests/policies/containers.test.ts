import * as assert from "node:assert/strict";

import * as containersRules from "../../policies/rules/containers";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    mandatory,
    messages,
    runResourcePolicy,
    unknown,
} from "./helpers";
import { ECS_TASK_DEFINITION } from "../../policies/lib";

const DIGEST = `sha256:${"ab12".repeat(16)}`;
const IMAGE = `123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app@${DIGEST}`;

/** A hardened container, as the estate builds it; override fields per case. */
function container(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: "app",
        image: IMAGE,
        essential: true,
        user: "1001",
        readonlyRootFilesystem: true,
        privileged: false,
        linuxParameters: { capabilities: { add: [], drop: ["ALL"] } },
        environment: [{ name: "PORT", value: "8080" }],
        secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db" }],
        ...overrides,
    };
}

function task(...containers: Record<string, unknown>[]) {
    return { type: ECS_TASK_DEFINITION, name: "web", props: { family: "web", containerDefinitions: JSON.stringify(containers) } };
}

const ALL_CONTAINER_POLICIES = [
    containersRules.ecsContainerNonRoot,
    containersRules.ecsContainerNotPrivileged,
    containersRules.ecsContainerReadonlyRootFs,
    containersRules.ecsContainerNoAddedCapabilities,
    containersRules.ecsContainerImagePinned,
    containersRules.ecsContainerNoPlaintextSecrets,
];

describe("containers", () => {
    describe("task definition policies together", () => {
        it("pass the hardened container", async () => {
            for (const p of ALL_CONTAINER_POLICIES) {
                assertClean(await runResourcePolicy(p, task(container())));
            }
        });
        it("are advisory (never mandatory) when containerDefinitions is unknown", async () => {
            for (const p of ALL_CONTAINER_POLICIES) {
                const diags = await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "web", props: { containerDefinitions: unknown() } });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, p.name);
                assert.match(diags[0].message, /^Cannot verify containerDefinitions \(/);
            }
        });
        it("check every known field when only the image is unknown (docker-built digest at preview)", async () => {
            const t = task(container({ image: unknown(), user: "0", privileged: true, readonlyRootFilesystem: false }));
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNonRoot, t), ['Task definition "web" container "app" runs as user "0" (root); set user to a non-root UID such as "1001".']);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, t), ['Task definition "web" container "app" is privileged; remove privileged: true.']);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerReadonlyRootFs, t), [
                'Task definition "web" container "app" has a writable root filesystem; set readonlyRootFilesystem: true.',
            ]);
            const image = await runResourcePolicy(containersRules.ecsContainerImagePinned, t);
            assertNoMandatory(image);
            assert.deepEqual(messages(advisory(image)), [
                'Cannot verify container "app" image during preview: the value is unknown until the update. The policy runs again before the resource is created.',
            ]);
        });
        it("flag malformed JSON (a known value that proves nothing)", async () => {
            const diags = await runResourcePolicy(containersRules.ecsContainerNonRoot, { type: ECS_TASK_DEFINITION, name: "web", props: { containerDefinitions: "{not json" } });
            assertViolations(diags, [
                'Cannot evaluate Task definition "web": containerDefinitions is "{not json", expected a JSON array of container definitions (JSON.stringify([...]) of the containers); set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        it("read container fields case-insensitively, as the provider's Go JSON decoder does (last duplicate wins)", async () => {
            // CloudFormation's PascalCase pasted into containerDefinitions still reaches ECS.
            const pascal = task({
                Name: "app",
                Image: "nginx:latest",
                User: "0",
                Privileged: true,
                ReadonlyRootFilesystem: false,
                LinuxParameters: { Capabilities: { Add: ["SYS_ADMIN"] } },
                Environment: [{ Name: "DB_PASSWORD", Value: "hunter2" }],
            });
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNonRoot, pascal), ['Task definition "web" container "app" runs as user "0" (root); set user to a non-root UID such as "1001".']);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, pascal), ['Task definition "web" container "app" is privileged; remove privileged: true.']);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerReadonlyRootFs, pascal), [
                'Task definition "web" container "app" has a writable root filesystem; set readonlyRootFilesystem: true.',
            ]);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, pascal), [
                'Task definition "web" container "app" adds Linux capabilities SYS_ADMIN; remove them from linuxParameters.capabilities.add.',
            ]);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerImagePinned, pascal), [
                'Task definition "web" container "app" uses image "nginx:latest" by the mutable :latest tag; pin it by digest (@sha256:…) or an immutable version tag.',
            ]);
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, pascal), [
                'Task definition "web" container "app" has secret-looking plaintext environment variable(s) DB_PASSWORD; pass them through secrets (valueFrom).',
            ]);
            // A later case variant overrides an earlier compliant key, and the other way round.
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNonRoot, task(container({ user: "1001", USER: "root" }))), [
                'Task definition "web" container "app" runs as user "root" (root); set user to a non-root UID such as "1001".',
            ]);
            const { user: _ignored, ...noUser } = container();
            assertClean(await runResourcePolicy(containersRules.ecsContainerNonRoot, task({ ...noUser, User: "0", user: "1001" })));
            const hardenedPascal = task({
                Name: "app",
                Image: IMAGE,
                User: "1001",
                Privileged: false,
                ReadonlyRootFilesystem: true,
                LinuxParameters: { Capabilities: { Add: [], Drop: ["ALL"] } },
                Environment: [{ Name: "PORT", Value: "8080" }],
            });
            for (const p of ALL_CONTAINER_POLICIES) {
                assertClean(await runResourcePolicy(p, hardenedPascal));
            }
            const pending = await runResourcePolicy(containersRules.ecsContainerNotPrivileged, task({ ...container({ privileged: undefined }), Privileged: unknown() }));
            assertNoMandatory(pending);
            assert.deepEqual(messages(advisory(pending)), [
                'Cannot verify container "app" privileged during preview: the value is unknown until the update. The policy runs again before the resource is created.',
            ]);
        });
        it("ignore other resource types (server fast path)", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNonRoot, { type: "aws:ecs/service:Service", props: { containerDefinitions: "[{}]" } }));
        });
    });

    describe("ecs-container-non-root", () => {
        it("flags a missing user, root by name, 0 and 0:0, and names unnamed containers by index", async () => {
            const diags = await runResourcePolicy(
                containersRules.ecsContainerNonRoot,
                task(container({ user: undefined }), container({ name: "side", user: "root" }), container({ name: "init", user: "0:0" }), container({ name: undefined, user: "ROOT:wheel" })),
            );
            assertViolations(diags, [
                'Task definition "web" container "app" has no user, so it runs as the image\'s user (root by default); set user to a non-root UID such as "1001".',
                'Task definition "web" container "side" runs as user "root" (root); set user to a non-root UID such as "1001".',
                'Task definition "web" container "init" runs as user "0:0" (root); set user to a non-root UID such as "1001".',
                'Task definition "web" container #3 runs as user "ROOT:wheel" (root); set user to a non-root UID such as "1001".',
            ]);
        });
        it("flags a numeric 0 (JSON built by hand)", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNonRoot, task(container({ user: 0 }))), [
                'Task definition "web" container "app" runs as user "0" (root); set user to a non-root UID such as "1001".',
            ]);
        });
        it("flags uid 0 however runc parses it (00, +0, -0) and a group-only user (the image's user, root by default)", async () => {
            const diags = await runResourcePolicy(
                containersRules.ecsContainerNonRoot,
                task(container({ user: "00" }), container({ name: "b", user: "+0:1001" }), container({ name: "c", user: "-0" }), container({ name: "d", user: ":1001" })),
            );
            assertViolations(diags, [
                'Task definition "web" container "app" runs as user "00" (root); set user to a non-root UID such as "1001".',
                'Task definition "web" container "b" runs as user "+0:1001" (root); set user to a non-root UID such as "1001".',
                'Task definition "web" container "c" runs as user "-0" (root); set user to a non-root UID such as "1001".',
                'Task definition "web" container "d" sets only a group (user ":1001"), so it runs as the image\'s user (root by default); set user to a non-root UID such as "1001".',
            ]);
            assertClean(await runResourcePolicy(containersRules.ecsContainerNonRoot, task(container({ user: "1000" }), container({ name: "b", user: "100:1001" }), container({ name: "c", user: "app" }))));
        });
        it("passes a non-root user in the root group", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNonRoot, task(container({ user: "1001:0" }))));
        });
        itIsAdvisoryOnly("is advisory when the user is unknown", containersRules.ecsContainerNonRoot, task(container({ user: unknown() })));
        itHonoursWaivers(containersRules.ecsContainerNonRoot, task(container({ user: "0" })));
    });

    describe("ecs-container-not-privileged", () => {
        it("flags privileged: true", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, task(container({ privileged: true }))), [
                'Task definition "web" container "app" is privileged; remove privileged: true.',
            ]);
        });
        it("passes an absent flag", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, task(container({ privileged: undefined }))));
        });
        it("is advisory when the flag is unknown", async () => {
            assertNoMandatory(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, task(container({ privileged: unknown() }))));
        });
        it("flags a task in the host's PID, IPC or network namespace (EC2 launch type accepts them)", async () => {
            const t = task(container());
            const diags = await runResourcePolicy(containersRules.ecsContainerNotPrivileged, { ...t, props: { ...t.props, pidMode: "host", ipcMode: "host", networkMode: "host" } });
            assertViolations(diags, [
                'Task definition "web" shares the host\'s process (PID) namespace (pidMode "host"); remove pidMode or set it to "task".',
                'Task definition "web" shares the host\'s IPC namespace (ipcMode "host"); remove ipcMode or set it to "task" or "none".',
                'Task definition "web" shares the host\'s network stack (networkMode "host"); set networkMode to "awsvpc".',
            ]);
        });
        it("still judges the task-level modes when containerDefinitions is unknown", async () => {
            const diags = await runResourcePolicy(containersRules.ecsContainerNotPrivileged, { type: ECS_TASK_DEFINITION, name: "web", props: { containerDefinitions: unknown(), pidMode: "host" } });
            assert.deepEqual(messages(mandatory(diags)), [
                'Task definition "web" shares the host\'s process (PID) namespace (pidMode "host"); remove pidMode or set it to "task".',
            ]);
            assert.equal(advisory(diags).length, 1);
        });
        it("passes task-scoped namespaces and awsvpc/bridge networking", async () => {
            const t = task(container());
            for (const props of [
                { pidMode: "task", ipcMode: "task", networkMode: "awsvpc" },
                { ipcMode: "none", networkMode: "bridge" },
                { networkMode: "none" },
            ]) {
                assertClean(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, { ...t, props: { ...t.props, ...props } }));
            }
        });
        it("is advisory when a task-level mode is unknown", async () => {
            const t = task(container());
            const diags = await runResourcePolicy(containersRules.ecsContainerNotPrivileged, { ...t, props: { ...t.props, networkMode: unknown() } });
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [
                "Cannot verify networkMode during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        it("flags host devices passed into a container (linuxParameters.devices), in any key case", async () => {
            const diags = await runResourcePolicy(
                containersRules.ecsContainerNotPrivileged,
                task(
                    container({ linuxParameters: { capabilities: { drop: ["ALL"] }, devices: [{ hostPath: "/dev/xvdf", containerPath: "/dev/disk", permissions: ["read", "write"] }] } }),
                    container({ name: "side", LinuxParameters: { Devices: [{ HostPath: "/dev/fuse" }, { hostPath: unknown() }] }, linuxParameters: undefined }),
                ),
            );
            assertViolations(diags, [
                'Task definition "web" container "app" passes host devices into the container (/dev/xvdf); remove linuxParameters.devices.',
                'Task definition "web" container "side" passes host devices into the container (/dev/fuse, a computed path); remove linuxParameters.devices.',
            ]);
        });
        it("passes an empty device list", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNotPrivileged, task(container({ linuxParameters: { capabilities: { drop: ["ALL"] }, devices: [] } }))));
        });
        it("is advisory when the device list is unknown", async () => {
            const diags = await runResourcePolicy(containersRules.ecsContainerNotPrivileged, task(container({ linuxParameters: { devices: unknown() } })));
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [
                'Cannot verify container "app" linuxParameters.devices during preview: the value is unknown until the update. The policy runs again before the resource is created.',
            ]);
        });
        itHonoursWaivers(containersRules.ecsContainerNotPrivileged, { type: ECS_TASK_DEFINITION, name: "web", props: { containerDefinitions: JSON.stringify([container()]), networkMode: "host" } });
    });

    describe("ecs-container-readonly-root-fs", () => {
        it("flags an absent or false flag", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecsContainerReadonlyRootFs, task(container({ readonlyRootFilesystem: undefined }))), [
                'Task definition "web" container "app" has a writable root filesystem; set readonlyRootFilesystem: true.',
            ]);
        });
        itIsAdvisoryOnly("is advisory when the flag is unknown", containersRules.ecsContainerReadonlyRootFs, task(container({ readonlyRootFilesystem: unknown() })));
    });

    describe("ecs-container-no-added-capabilities", () => {
        const caps = (add: unknown) => task(container({ linuxParameters: { capabilities: { add, drop: ["ALL"] } } }));
        it("flags any added capability, normalising CAP_ prefixes and case", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, caps(["SYS_ADMIN", "cap_net_admin", "ALL"])), [
                'Task definition "web" container "app" adds Linux capabilities SYS_ADMIN, NET_ADMIN, ALL; remove them from linuxParameters.capabilities.add.',
            ]);
        });
        it("allows what config allows, but never ALL", async () => {
            const config = { allowedCapabilities: ["CAP_SYS_PTRACE", "ALL"] };
            assertClean(await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, { ...caps(["SYS_PTRACE"]), config }));
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, { ...caps(["ALL"]), config }), [
                'Task definition "web" container "app" adds Linux capabilities ALL; remove them from linuxParameters.capabilities.add.',
            ]);
        });
        it("passes no linuxParameters at all", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, task(container({ linuxParameters: undefined }))));
        });
        it("is advisory for an unknown list or element, still flagging the known ones", async () => {
            assertNoMandatory(await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, caps(unknown())));
            const diags = await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, caps([unknown(), "NET_RAW"]));
            assertViolations(diags, ['Task definition "web" container "app" adds Linux capabilities NET_RAW; remove them from linuxParameters.capabilities.add.']);
            assert.equal(advisory(diags).length, 1);
        });
        it("rejects a malformed option with an error naming it", async () => {
            const diags = await runResourcePolicy(containersRules.ecsContainerNoAddedCapabilities, { ...caps([]), config: { allowedCapabilities: "SYS_PTRACE" } });
            assertViolations(diags, [
                'Invalid config for policy "ecs-container-no-added-capabilities": option "allowedCapabilities" expected an array of strings, got "SYS_PTRACE"',
            ]);
        });
    });

    describe("ecs-container-image-pinned", () => {
        it("flags :latest and untagged images (a registry port is not a tag)", async () => {
            const diags = await runResourcePolicy(
                containersRules.ecsContainerImagePinned,
                task(container({ image: "nginx:latest" }), container({ name: "b", image: "registry.local:5000/team/app" })),
            );
            assertViolations(diags, [
                'Task definition "web" container "app" uses image "nginx:latest" by the mutable :latest tag; pin it by digest (@sha256:…) or an immutable version tag.',
                'Task definition "web" container "b" uses image "registry.local:5000/team/app" with no tag (i.e. :latest); pin it by digest (@sha256:…) or an immutable version tag.',
            ]);
        });
        it("passes a version tag by default but requires a digest when configured (prod)", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerImagePinned, task(container({ image: "registry.local:5000/app:1.4.2" }))));
            assertViolations(await runResourcePolicy(containersRules.ecsContainerImagePinned, { ...task(container({ image: "app:1.4.2" })), config: { requireDigest: true } }), [
                'Task definition "web" container "app" uses image "app:1.4.2" without a digest; pin it as <repository>@sha256:<digest>.',
            ]);
            assertClean(await runResourcePolicy(containersRules.ecsContainerImagePinned, { ...task(container()), config: { requireDigest: true } }));
        });
        it("flags a malformed digest", () => {
            assert.deepEqual(containersRules.judgeImage("app@sha256:abc", false), { kind: "bad", reason: 'has a malformed digest in image "app@sha256:abc"' });
        });
        it("treats an image with an unknown part as cannot-verify", async () => {
            assert.deepEqual(containersRules.judgeImage(`repo@${unknown()}`, true), { kind: "unknown" });
            assertNoMandatory(await runResourcePolicy(containersRules.ecsContainerImagePinned, task(container({ image: unknown() }))));
        });
        itHonoursWaivers(containersRules.ecsContainerImagePinned, task(container({ image: "nginx" })));
    });

    describe("ecs-container-no-plaintext-secrets", () => {
        const env = (environment: unknown) => task(container({ environment }));
        it("flags secret-looking names and AWS access key values", async () => {
            const diags = await runResourcePolicy(
                containersRules.ecsContainerNoPlaintextSecrets,
                env([
                    { name: "PORT", value: "8080" },
                    { name: "db_password", value: "hunter2" },
                    { name: "GITHUB_TOKEN", value: "x" },
                    { name: "UPSTREAM", value: "AKIAABCDEFGHIJKLMNOP" },
                    { name: "KMS_KEY_ID", value: "alias/app" },
                ]),
            );
            assertViolations(diags, [
                'Task definition "web" container "app" has secret-looking plaintext environment variable(s) db_password, GITHUB_TOKEN, UPSTREAM; pass them through secrets (valueFrom).',
            ]);
        });
        it("flags values that are credentials under innocent names: URLs with a password, private keys", async () => {
            const diags = await runResourcePolicy(
                containersRules.ecsContainerNoPlaintextSecrets,
                env([
                    { name: "DATABASE_URL", value: "postgres://app:s3cr3t@db.internal:5432/app" },
                    { name: "CACHE_URL", value: "rediss://:tok@cache.internal:6379" },
                    { name: "DB_DSN", value: `postgresql://app:${unknown()}@db.internal/app` },
                    { name: "TLS_KEY_PEM", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----" },
                ]),
            );
            assertViolations(diags, [
                'Task definition "web" container "app" has secret-looking plaintext environment variable(s) DATABASE_URL, CACHE_URL, DB_DSN, TLS_KEY_PEM; pass them through secrets (valueFrom).',
            ]);
            assertClean(
                await runResourcePolicy(
                    containersRules.ecsContainerNoPlaintextSecrets,
                    env([
                        { name: "DATABASE_URL", value: "postgres://app@db.internal:5432/app" },
                        { name: "UPSTREAM_URL", value: "https://api.example.com:8443/v1?x=a:b@c" },
                        { name: "DB_URL_TEMPLATE", value: "postgres://app:${DB_PASSWORD}@db.internal/app" },
                        { name: "TLS_CERT_PEM", value: "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----" },
                    ]),
                ),
            );
        });
        it("honours allowedNames and custom patterns", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, { ...env([{ name: "TOKEN_TTL", value: "60" }]), config: { allowedNames: ["TOKEN_TTL"] } }));
            assertViolations(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, { ...env([{ name: "KMS_KEY_ID", value: "k" }]), config: { secretNamePatterns: ["KEY"] } }), [
                'Task definition "web" container "app" has secret-looking plaintext environment variable(s) KMS_KEY_ID; pass them through secrets (valueFrom).',
            ]);
        });
        it("passes secrets passed through `secrets`", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, task(container())));
        });
        it("is advisory for unknown environment or names; unknown values of safe names do not matter", async () => {
            assertNoMandatory(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, env(unknown())));
            assertAdvisoryOnly(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, env([{ name: unknown(), value: "x" }])));
            assertClean(await runResourcePolicy(containersRules.ecsContainerNoPlaintextSecrets, env([{ name: "UPSTREAM_URL", value: unknown() }])));
        });
    });

    describe("ecs-service-no-public-ip", () => {
        const type = "aws:ecs/service:Service";
        it("flags assignPublicIp: true", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecsServiceNoPublicIp, { type, name: "svc", props: { networkConfiguration: { assignPublicIp: true, subnets: ["s"] } } }), [
                'ECS service "svc" assigns public IPs to its tasks; set networkConfiguration.assignPublicIp to false.',
            ]);
        });
        it("passes false and absent", async () => {
            assertClean(await runResourcePolicy(containersRules.ecsServiceNoPublicIp, { type, props: { networkConfiguration: { assignPublicIp: false } } }));
            assertClean(await runResourcePolicy(containersRules.ecsServiceNoPublicIp, { type, props: {} }));
        });
        itIsAdvisoryOnly("is advisory when unknown", containersRules.ecsServiceNoPublicIp, { type, props: { networkConfiguration: unknown() } });
        it("also judges task sets and the EventBridge rules, schedules and pipes that run tasks", async () => {
            const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
                [
                    "aws:ecs/taskSet:TaskSet",
                    { networkConfiguration: { assignPublicIp: true, subnets: ["s"] } },
                    { networkConfiguration: { assignPublicIp: false, subnets: ["s"] } },
                    'ECS task set "x" assigns public IPs to its tasks; set networkConfiguration.assignPublicIp to false.',
                ],
                [
                    "aws:cloudwatch/eventTarget:EventTarget",
                    { rule: "r", arn: "c", ecsTarget: { taskDefinitionArn: "t", launchType: "FARGATE", networkConfiguration: { assignPublicIp: true, subnets: ["s"] } } },
                    { rule: "r", arn: "c", ecsTarget: { taskDefinitionArn: "t", networkConfiguration: { subnets: ["s"] } } },
                    'EventBridge target "x" runs ECS tasks with public IPs; set ecsTarget.networkConfiguration.assignPublicIp to false.',
                ],
                [
                    "aws:scheduler/schedule:Schedule",
                    { target: { arn: "c", roleArn: "r", ecsParameters: { taskDefinitionArn: "t", networkConfiguration: { assignPublicIp: true, subnets: ["s"] } } } },
                    { target: { arn: unknown(), roleArn: unknown(), ecsParameters: { taskDefinitionArn: "t", networkConfiguration: { assignPublicIp: false, subnets: ["s"] } } } },
                    'EventBridge schedule "x" runs ECS tasks with public IPs; set target.ecsParameters.networkConfiguration.assignPublicIp to false.',
                ],
                [
                    "aws:pipes/pipe:Pipe",
                    { targetParameters: { ecsTaskParameters: { taskDefinitionArn: "t", networkConfiguration: { awsVpcConfiguration: { assignPublicIp: "ENABLED", subnets: ["s"] } } } } },
                    { targetParameters: { ecsTaskParameters: { taskDefinitionArn: "t", networkConfiguration: { awsVpcConfiguration: { assignPublicIp: "DISABLED", subnets: ["s"] } } } } },
                    'EventBridge pipe "x" runs ECS tasks with public IPs; set targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.assignPublicIp to "DISABLED".',
                ],
            ];
            for (const [t, bad, good, message] of cases) {
                assertViolations(await runResourcePolicy(containersRules.ecsServiceNoPublicIp, { type: t, name: "x", props: bad }), [message]);
                assertClean(await runResourcePolicy(containersRules.ecsServiceNoPublicIp, { type: t, name: "x", props: good }));
            }
            // A rule target that is not an ECS task, and a pipe whose setting is computed.
            assertClean(await runResourcePolicy(containersRules.ecsServiceNoPublicIp, { type: "aws:cloudwatch/eventTarget:EventTarget", props: { rule: "r", arn: unknown() } }));
            const pending = await runResourcePolicy(containersRules.ecsServiceNoPublicIp, {
                type: "aws:pipes/pipe:Pipe",
                props: { targetParameters: { ecsTaskParameters: { networkConfiguration: { awsVpcConfiguration: { assignPublicIp: unknown() } } } } },
            });
            assertNoMandatory(pending);
            assert.deepEqual(messages(advisory(pending)), [
                "Cannot verify targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.assignPublicIp during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        itHonoursWaivers(containersRules.ecsServiceNoPublicIp, { type, name: "svc", props: { networkConfiguration: { assignPublicIp: true } } });
    });

    describe("ecr-repository-immutable-tags", () => {
        const type = "aws:ecr/repository:Repository";
        it("flags mutable tags, explicit or by default", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type, name: "repo", props: {} }), [
                'ECR repository "repo" has imageTagMutability MUTABLE (the default); set it to IMMUTABLE.',
            ]);
            assertViolations(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type, name: "repo", props: { imageTagMutability: "MUTABLE_WITH_EXCLUSION" } }), [
                'ECR repository "repo" has imageTagMutability MUTABLE_WITH_EXCLUSION; set it to IMMUTABLE.',
            ]);
        });
        it("passes IMMUTABLE", async () => {
            assertClean(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type, props: { imageTagMutability: "IMMUTABLE" } }));
        });
        it("is advisory when unknown", async () => {
            assertNoMandatory(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type, props: { imageTagMutability: unknown() } }));
        });
        describe("repository creation templates (repositories ECR creates for pull-through cache / replication)", () => {
            const template = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
            const base = { prefix: "ecr-public", appliedFors: ["PULL_THROUGH_CACHE"] };
            it("flags mutable tags, explicit or by default", async () => {
                assertViolations(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type: template, name: "ptc", props: base }), [
                    'ECR repository creation template "ptc" has imageTagMutability MUTABLE (the default); set it to IMMUTABLE.',
                ]);
                assertViolations(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type: template, name: "ptc", props: { ...base, imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" } }), [
                    'ECR repository creation template "ptc" has imageTagMutability IMMUTABLE_WITH_EXCLUSION; set it to IMMUTABLE.',
                ]);
            });
            it("passes IMMUTABLE", async () => {
                assertClean(await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type: template, name: "ptc", props: { ...base, imageTagMutability: "IMMUTABLE" } }));
            });
            it("is advisory when unknown", async () => {
                const diags = await runResourcePolicy(containersRules.ecrRepositoryImmutableTags, { type: template, name: "ptc", props: { ...base, imageTagMutability: unknown() } });
                assertNoMandatory(diags);
                assert.deepEqual(messages(advisory(diags)), [
                    "Cannot verify imageTagMutability during preview: the value is unknown until the update. The policy runs again before the resource is created.",
                ]);
            });
        });
    });

    describe("ecr-repository-scan-on-push", () => {
        const type = "aws:ecr/repository:Repository";
        it("flags a repository without scan on push", async () => {
            assertViolations(await runResourcePolicy(containersRules.ecrRepositoryScanOnPush, { type, name: "repo", props: { imageScanningConfiguration: { scanOnPush: false } } }), [
                'ECR repository "repo" does not scan images on push; set imageScanningConfiguration.scanOnPush to true.',
            ]);
        });
        it("passes scanOnPush: true", async () => {
            assertClean(await runResourcePolicy(containersRules.ecrRepositoryScanOnPush, { type, props: { imageScanningConfiguration: { scanOnPush: true } } }));
        });
        itIsAdvisoryOnly("is advisory when unknown", containersRules.ecrRepositoryScanOnPush, { type, props: { imageScanningConfiguration: unknown() } });
    });
});
