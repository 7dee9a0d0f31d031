// The containers area's task-level network and EFS volume policies (issue 17 item 6).


import { ecsTaskEfsIamAuthorization, ecsTaskEfsTransitEncryption, ecsTaskNetworkModeAwsvpc } from "../../policies/rules/containers";
import {
    assertAdvisoryOnly,
    assertClean,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    itHonoursWaivers,
    runResourcePolicy,
    unknown,
} from "./helpers";
import { ECS_TASK_DEFINITION } from "../../policies/lib";

const CONTAINERS = JSON.stringify([{ name: "app", image: "app@sha256:" + "a".repeat(64) }]);
const efs = (config: Record<string, unknown>, name = "data") => ({ name, efsVolumeConfiguration: { fileSystemId: "fs-0123456789abcdef0", ...config } });
const SECURE = { transitEncryption: "ENABLED", authorizationConfig: { iam: "ENABLED", accessPointId: "fsap-0123456789abcdef0" } };

describe("containers: task network mode and EFS volumes", () => {
    describe("ecs-task-network-mode-awsvpc", () => {
        const p = ecsTaskNetworkModeAwsvpc;
        it("blocks bridge, host, none and unset (bridge)", async () => {
            for (const mode of ["bridge", "host", "none"]) {
                assertViolations(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { networkMode: mode, containerDefinitions: CONTAINERS } }), [
                    `Task definition "svc" uses networkMode "${mode}"; set networkMode: "awsvpc".`,
                ]);
            }
            assertViolations(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { containerDefinitions: CONTAINERS } }), [
                'Task definition "svc" sets no networkMode, so its tasks run in bridge mode; set networkMode: "awsvpc".',
            ]);
        });
        it("passes awsvpc (as ECS folds it)", async () => {
            assertClean(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { networkMode: "awsvpc", containerDefinitions: CONTAINERS } }));
            assertClean(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { networkMode: " AWSVPC " } }));
        });
        it("a mode ECS does not define cannot be evaluated; an unknown one is advisory", async () => {
            assertViolations(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { networkMode: "nat" } }), [
                `Cannot evaluate Task definition "svc": networkMode is "nat", expected one of "bridge", "host", "awsvpc", "none"${SUFFIX}`,
            ]);
            assertAdvisoryOnly(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { networkMode: unknown() } }));
        });
        itHonoursWaivers(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { networkMode: "bridge" } });
    });

    describe("ecs-task-efs-transit-encryption", () => {
        const p = ecsTaskEfsTransitEncryption;
        it("blocks an EFS volume without transit encryption (DISABLED is the default)", async () => {
            assertViolations(
                await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { volumes: [efs({}), efs({ transitEncryption: "DISABLED" }, "cache"), efs(SECURE, "ok")] } }),
                [
                    'Task definition "svc" EFS volume "data" is mounted without transit encryption; set transitEncryption: "ENABLED".',
                    'Task definition "svc" EFS volume "cache" is mounted without transit encryption; set transitEncryption: "ENABLED".',
                ],
            );
        });
        it("passes encrypted EFS volumes and ignores other volumes and tasks without volumes", async () => {
            assertClean(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { volumes: [efs(SECURE), { name: "scratch" }, { name: "docker", dockerVolumeConfiguration: { scope: "task" } }] } }));
            assertClean(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { networkMode: "awsvpc" } }));
        });
        it("a value ECS does not define cannot be evaluated; unknown volumes are advisory", async () => {
            assertViolations(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { volumes: [efs({ transitEncryption: "TLS" })] } }), [
                `Cannot evaluate Task definition "svc": volumes[0].efsVolumeConfiguration.transitEncryption is "TLS", expected one of "ENABLED", "DISABLED"${SUFFIX}`,
            ]);
            for (const volumes of [unknown(), [efs({ transitEncryption: unknown() })]]) {
                assertAdvisoryOnly(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { volumes } }));
            }
        });
        itHonoursWaivers(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { volumes: [efs({})] } });
    });

    describe("ecs-task-efs-iam-authorization", () => {
        const p = ecsTaskEfsIamAuthorization;
        it("blocks an EFS volume mounted without IAM authorization", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: ECS_TASK_DEFINITION,
                    name: "svc",
                    props: { volumes: [efs({ transitEncryption: "ENABLED" }), efs({ transitEncryption: "ENABLED", authorizationConfig: { iam: "DISABLED", accessPointId: "fsap-1" } }, "ap")] },
                }),
                [
                    'Task definition "svc" EFS volume "data" is mounted without IAM authorization; set authorizationConfig.iam: "ENABLED".',
                    'Task definition "svc" EFS volume "ap" is mounted without IAM authorization; set authorizationConfig.iam: "ENABLED".',
                ],
            );
        });
        it("passes IAM-authorized EFS volumes", async () => {
            assertClean(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { volumes: [efs(SECURE)] } }));
        });
        it("a value ECS does not define cannot be evaluated; an unknown one is advisory", async () => {
            assertViolations(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { volumes: [efs({ authorizationConfig: { iam: true } })] } }), [
                `Cannot evaluate Task definition "svc": volumes[0].efsVolumeConfiguration.authorizationConfig.iam is the boolean true, expected one of "ENABLED", "DISABLED"${SUFFIX}`,
            ]);
            assertAdvisoryOnly(await runResourcePolicy(p, { type: ECS_TASK_DEFINITION, props: { volumes: [efs({ authorizationConfig: { iam: unknown() } })] } }));
        });
        itHonoursWaivers(p, { type: ECS_TASK_DEFINITION, name: "svc", props: { volumes: [efs({})] } });
    });
});
