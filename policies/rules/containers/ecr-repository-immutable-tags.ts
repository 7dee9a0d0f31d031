// ecr-repository-immutable-tags: an immutable tag names one tested image for good; repository
// creation templates are judged too, since ECR creates repositories from them itself (CM-2, SI-7).

import { ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE, labelOf, resourcePolicy } from "../../lib";

export const ecrRepositoryImmutableTags = resourcePolicy({
    name: "ecr-repository-immutable-tags",
    description:
        "ECR repositories, and the repository creation templates that configure repositories ECR creates itself (pull-through " +
        "cache, replication), must have immutable tags: a pushed tag can never be re-pointed to different content, so a tag " +
        "names one tested image for good (CM-2, SI-7).",
    summary: "ECR repositories and repository creation templates have immutable tags (IMMUTABLE)",
    severity: "medium",
    controls: ["CM-2", "SI-7"],
    remediationSteps: 'Set `imageTagMutability: "IMMUTABLE"` on the aws.ecr.Repository or aws.ecr.RepositoryCreationTemplate (the default is MUTABLE).',
    resourceTypes: [ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE],
    noVerdict: [],
    validate: (ctx) => {
        // Anything but IMMUTABLE is a violation, so a string is enough (a near miss is reported as it is).
        const mutability = ctx.readString("imageTagMutability");
        if (mutability.ok && mutability.value !== "IMMUTABLE") {
            const current = mutability.value ?? "MUTABLE (the default)";
            ctx.violation(`${labelOf(ctx, "ECR repository")} has imageTagMutability ${current}; set it to IMMUTABLE.`);
        }
    },
});
