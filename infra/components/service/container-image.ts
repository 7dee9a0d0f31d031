import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

import { PROJECT_ROOT } from "../../lib/project-root";

/**
 * Where the service's image comes from (CM-2, CM-14 — what runs is exactly what was built and tested):
 * - `build`: staging builds the context with Docker and pushes it; the task runs the pushed DIGEST.
 * - `digest`: prod runs a digest staging already built and tested, copied into prod's repository by
 *   the delivery pipeline; nothing is built, and the image reference is known at preview.
 */
export type ServiceImage =
    | { kind: "build"; context: string; dockerfile?: string; platform?: string }
    | { kind: "digest"; digest: string };

const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** What the task definition accepts as an image: `<registry>/<repo>@sha256:<64 hex>` and nothing else. */
export const PINNED_IMAGE = /^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+@sha256:[a-f0-9]{64}$/;

// Files that never reach the image (mirrors app/.dockerignore), so they do not change the tag.
const IGNORED = new Set(["node_modules", "dist", "test", ".git"]);

/**
 * A tag derived from the build context's content. The repository's tags are IMMUTABLE, so each
 * distinct build needs a distinct tag; the same content yields the same tag, so an unchanged
 * context causes no rebuild or push. The tag only names the push: the task definition uses the digest.
 */
export function contentTag(context: string): string {
    const hash = crypto.createHash("sha256");
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (IGNORED.has(entry.name)) {
                continue;
            }
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.isFile()) {
                hash.update(path.relative(context, full)).update("\0").update(fs.readFileSync(full)).update("\0");
            }
        }
    };
    if (!fs.existsSync(context) || !fs.statSync(context).isDirectory()) {
        throw new Error(`Invalid image build context "${context}": not a directory (set the service's build context)`);
    }
    walk(context);
    return `src-${hash.digest("hex").slice(0, 16)}`;
}

export interface ImageRefArgs {
    image: ServiceImage;
    /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>` — built from settings, known at preview. */
    repositoryUrl: string;
    /** Registry credentials for the push; omit to use the Docker CLI's login (CI runs `docker login` first). */
    registry?: pulumi.Input<docker.types.input.Registry>;
}

/**
 * The digest-pinned image reference for the task definition, building and pushing first when asked.
 * Never a mutable tag such as `:latest`.
 */
export function imageReference(
    name: string,
    args: ImageRefArgs,
    opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
    if (args.image.kind === "digest") {
        if (!DIGEST.test(args.image.digest)) {
            throw new Error(
                `Invalid image digest "${args.image.digest}" for ${name}: use sha256: followed by 64 lowercase hex digits`,
            );
        }
        return pulumi.output(`${args.repositoryUrl}@${args.image.digest}`);
    }
    const context = path.resolve(PROJECT_ROOT, args.image.context);
    const built = new docker.Image(
        `${name}-image`,
        {
            imageName: `${args.repositoryUrl}:${contentTag(context)}`,
            build: {
                context,
                dockerfile: path.join(context, args.image.dockerfile ?? "Dockerfile"),
                // Fargate tasks run X86_64 (the task definition's runtimePlatform).
                platform: args.image.platform ?? "linux/amd64",
            },
            registry: args.registry,
            // A preview must not need a Docker engine; the push happens during `up` only.
            buildOnPreview: false,
        },
        opts,
    );
    return built.repoDigest.apply((digest) => {
        if (!PINNED_IMAGE.test(digest)) {
            throw new Error(`The pushed image of ${name} has no registry digest ("${digest}"); refusing to run an unpinned image`);
        }
        return digest;
    });
}
