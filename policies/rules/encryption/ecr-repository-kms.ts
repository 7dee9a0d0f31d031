// ecr-repository-kms: container images encrypted with KMS under a customer-managed key (SC-28,
// SC-12) rather than the AES256 default, on repositories and on the creation templates that
// configure the repositories ECR creates itself (pull-through cache, replication).

import { ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE, labelOf, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

// KMS_DSSE (dual-layer SSE with KMS, GovCloud regions only) is KMS twice over: same kmsKey, same default
// (aws/ecr when kmsKey is absent), so it is judged exactly like KMS.
const ECR_KMS_TYPES: ReadonlySet<string> = new Set(["KMS", "KMS_DSSE"]);

export const ecrRepositoryKms = resourcePolicy({
    name: "ecr-repository-kms",
    description:
        "ECR repositories, and the repository creation templates that configure repositories ECR creates itself (pull-through " +
        "cache, replication), must encrypt images with KMS (KMS or dual-layer KMS_DSSE; the default is AES256), with a customer-managed key " +
        "where config requires it.",
    summary: "ECR repositories and repository creation templates encrypt images with a customer-managed KMS key",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <key ARN> }]` on the aws.ecr.Repository (fixed at " +
        "creation) or aws.ecr.RepositoryCreationTemplate.",
    resourceTypes: [ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = labelOf(ctx, "ECR repository");
        const config = ctx.readObject("encryptionConfigurations.0", { what: "encryptionConfigurations" });
        if (!config.ok) {
            return;
        }
        const at = "encryptionConfigurations[0]";
        // A string, judged against the exact API values: a near miss ("DSSE") is "not KMS" (a violation), never a pass.
        const type = ctx.readString("encryptionType", { from: config.value, at });
        if (!type.ok) {
            return;
        }
        if (type.value === undefined || !ECR_KMS_TYPES.has(type.value)) {
            const is = ctx.type === ECR_REPOSITORY_CREATION_TEMPLATE ? "creates repositories encrypted" : "is encrypted";
            ctx.violation(`${what} ${is} with ${type.value ?? "AES256"}, not KMS; set encryptionConfigurations[0].encryptionType: "KMS".`);
        } else {
            checkCmk(ctx, "kmsKey", what, config.value, at);
        }
    },
});
