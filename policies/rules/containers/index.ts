// Root and privileged containers (AC-6 least privilege, CM-7 least functionality, SC-39 process
// isolation), unpinned images (CM-2 baseline, SI-7 integrity), plaintext secrets (IA-5(7)),
// public task IPs (SC-7) and the registry they come from (RA-5 scanning, SI-7 immutability).
//
// One file per policy; container-definitions.ts reads a task definition's containers for all of
// them. The order of `containerPolicies` is the pack's and docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { containerField } from "./container-definitions";
import { ecrRepositoryImmutableTags } from "./ecr-repository-immutable-tags";
import { ecrRepositoryScanOnPush } from "./ecr-repository-scan-on-push";
import { ecsContainerImagePinned, ImageVerdict, judgeImage } from "./ecs-container-image-pinned";
import { ecsContainerNoAddedCapabilities } from "./ecs-container-no-added-capabilities";
import { DEFAULT_SECRET_NAME_PATTERNS, ecsContainerNoPlaintextSecrets } from "./ecs-container-no-plaintext-secrets";
import { ecsContainerNonRoot } from "./ecs-container-non-root";
import { ecsContainerNotPrivileged } from "./ecs-container-not-privileged";
import { ecsContainerReadonlyRootFs } from "./ecs-container-readonly-root-fs";
import { ecsServiceNoPublicIp } from "./ecs-service-no-public-ip";
import { ecsTaskEfsIamAuthorization } from "./ecs-task-efs-iam-authorization";
import { ecsTaskEfsTransitEncryption } from "./ecs-task-efs-transit-encryption";
import { ecsTaskNetworkModeAwsvpc } from "./ecs-task-network-mode-awsvpc";

export type { ImageVerdict };
export {
    containerField,
    DEFAULT_SECRET_NAME_PATTERNS,
    ecrRepositoryImmutableTags,
    ecrRepositoryScanOnPush,
    ecsContainerImagePinned,
    ecsContainerNoAddedCapabilities,
    ecsContainerNonRoot,
    ecsContainerNoPlaintextSecrets,
    ecsContainerNotPrivileged,
    ecsContainerReadonlyRootFs,
    ecsServiceNoPublicIp,
    ecsTaskEfsIamAuthorization,
    ecsTaskEfsTransitEncryption,
    ecsTaskNetworkModeAwsvpc,
    judgeImage,
};

export const containerPolicies: GovPolicy[] = [
    ecsContainerNonRoot,
    ecsContainerNotPrivileged,
    ecsContainerReadonlyRootFs,
    ecsContainerNoAddedCapabilities,
    ecsContainerImagePinned,
    ecsContainerNoPlaintextSecrets,
    ecsTaskNetworkModeAwsvpc,
    ecsTaskEfsTransitEncryption,
    ecsTaskEfsIamAuthorization,
    ecsServiceNoPublicIp,
    ecrRepositoryImmutableTags,
    ecrRepositoryScanOnPush,
];
