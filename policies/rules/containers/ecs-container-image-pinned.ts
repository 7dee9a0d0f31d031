// ecs-container-image-pinned: a task must run exactly the image that was built, scanned and
// tested: never :latest or an untagged name, and by @sha256 digest where config requires it
// (prod promotes staging's digest) (CM-2, CM-3, SI-7).

import { ECS_TASK_DEFINITION, isUnknown, resourcePolicy, STRING, UNKNOWN_SENTINELS } from "../../lib";
import { containerRead, containersOf, what } from "./container-definitions";

/** True when a string has an unknown sentinel embedded in it (an interpolated computed value). */
function hasUnknownPart(value: string): boolean {
    return isUnknown(value) || UNKNOWN_SENTINELS.some((s) => value.includes(s));
}

export type ImageVerdict = { kind: "ok" } | { kind: "unknown" } | { kind: "bad"; reason: string };

/**
 * Judges an image reference: `repo@sha256:…` is pinned; `repo:tag` is pinned by tag unless the
 * tag is `latest`; `repo` alone means `:latest`. A ":" before the last "/" is a registry port.
 */
export function judgeImage(image: unknown, requireDigest: boolean): ImageVerdict {
    if (typeof image !== "string") {
        return isUnknown(image) ? { kind: "unknown" } : { kind: "bad", reason: "has no image" };
    }
    if (hasUnknownPart(image)) {
        return { kind: "unknown" };
    }
    const at = image.indexOf("@");
    if (at >= 0) {
        return /^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1)) ? { kind: "ok" } : { kind: "bad", reason: `has a malformed digest in image "${image}"` };
    }
    if (requireDigest) {
        return { kind: "bad", reason: `uses image "${image}" without a digest; pin it as <repository>@sha256:<digest>` };
    }
    const lastSlash = image.lastIndexOf("/");
    const colon = image.lastIndexOf(":");
    const tag = colon > lastSlash ? image.slice(colon + 1) : "";
    if (tag === "") {
        return { kind: "bad", reason: `uses image "${image}" with no tag (i.e. :latest); pin it by digest (@sha256:…) or an immutable version tag` };
    }
    if (tag.toLowerCase() === "latest") {
        return { kind: "bad", reason: `uses image "${image}" by the mutable :latest tag; pin it by digest (@sha256:…) or an immutable version tag` };
    }
    return { kind: "ok" };
}

export const ecsContainerImagePinned = resourcePolicy({
    name: "ecs-container-image-pinned",
    description:
        "ECS container images must be pinned: never `:latest` or an untagged name, and by `@sha256:` digest where config " +
        "requires it (prod), so the task runs exactly the image that was built, scanned and tested (CM-2, SI-7).",
    summary: "ECS container images are pinned: never :latest or untagged, and by @sha256 digest where required (prod)",
    severity: "high",
    controls: ["CM-2", "CM-3", "SI-7"],
    remediationSteps:
        "Reference the image as `<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>` (the digest pushed by the " +
        "build, promoted from staging to prod); never `:latest`.",
    resourceTypes: [ECS_TASK_DEFINITION],
    options: {
        requireDigest: {
            type: "boolean",
            default: false,
            description: "Require every image to be pinned by @sha256: digest (set true for prod).",
        },
    },
    noVerdict: [],
    validate: (ctx) => {
        for (const c of containersOf(ctx, "the image reference") ?? []) {
            const image = containerRead(ctx, c, "image", STRING, { quiet: true });
            if (!image.ok && !image.unknown) {
                continue; // malformed: reported
            }
            const verdict = image.ok ? judgeImage(image.value, ctx.config.requireDigest) : { kind: "unknown" as const };
            if (verdict.kind === "unknown") {
                ctx.cannotVerify(`${c.label} image`);
            } else if (verdict.kind === "bad") {
                ctx.violation(`${what(ctx, c)} ${verdict.reason}.`);
            }
        }
    },
});
