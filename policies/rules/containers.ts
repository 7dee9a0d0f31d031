// Root and privileged containers (AC-6 least privilege, CM-7 least functionality, SC-39 process
// isolation), unpinned images (CM-2 baseline, SI-7 integrity), plaintext secrets (IA-5(7)),
// public task IPs (SC-7) and the registry they come from (RA-5 scanning, SI-7 immutability).
//
// An ECS task definition's `containerDefinitions` is one JSON string. During a preview it is
// either fully known (built only from other resources' inputs, e.g. prod's promoted digest) or
// wholly unknown (an `apply` over a docker-built digest). Unknown JSON → advisory "cannot
// verify"; known JSON whose image (or any other field) holds the unknown sentinel → every other
// field is still checked, and only that field is "cannot verify".

import {
    ECR_REPOSITORY,
    ECR_REPOSITORY_CREATION_TEMPLATE,
    GovPolicy,
    isUnknown,
    labelOf,
    Read,
    readJsonDocument,
    ResourceContext,
    resourcePolicy,
    UNKNOWN_READ,
    UNKNOWN_SENTINELS,
} from "../lib";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** Go's encoding/json folds case by Unicode simple folding: "ſ" matches "s", "K" (Kelvin) matches "k". */
function foldKey(key: string): string {
    return key.toUpperCase().toLowerCase();
}

/**
 * Reads a field of a container definition ("a.b.c") the way the AWS provider does: it decodes the
 * JSON with Go's encoding/json into the SDK's untagged structs, which matches keys
 * case-insensitively (and, for duplicate keys, the last one wins). So `{"User": "0"}` or
 * `{"Privileged": true}` (CloudFormation's PascalCase, pasted in) take effect and must be judged.
 */
export function containerField(def: unknown, path: string): Read {
    let cur: unknown = def;
    for (const segment of path.split(".")) {
        if (isUnknown(cur)) {
            return UNKNOWN_READ;
        }
        if (cur === null || typeof cur !== "object" || Array.isArray(cur)) {
            return { known: true, value: undefined };
        }
        const want = foldKey(segment);
        let next: unknown = undefined;
        for (const [key, value] of Object.entries(cur)) {
            if (foldKey(key) === want) {
                next = value;
            }
        }
        cur = next;
    }
    return isUnknown(cur) ? UNKNOWN_READ : { known: true, value: cur };
}

interface Container {
    /** For messages: `container "app"` (or `container #0` when unnamed). */
    readonly label: string;
    readonly def: unknown;
}

/**
 * The task definition's containers, or undefined after reporting why they cannot be checked
 * (unknown JSON → advisory; malformed JSON → violation: a known value that proves nothing
 * must not pass). Parsed once per document text for the whole pack (lib/json memo).
 */
function containersOf(ctx: ResourceContext<unknown>, concern: string): Container[] | undefined {
    const raw = ctx.read("containerDefinitions");
    const doc = raw.known ? readJsonDocument(raw.value) : undefined;
    if (doc === undefined) {
        ctx.cannotVerify(`containerDefinitions (${concern})`);
        return undefined;
    }
    if (!doc.ok || !Array.isArray(doc.value)) {
        ctx.violation(
            `Task definition "${ctx.name}" containerDefinitions is not a JSON array of container definitions, so ${concern} cannot be checked; ` +
                "pass JSON.stringify([...]) of the containers.",
        );
        return undefined;
    }
    return doc.value.map((def: unknown, i: number) => {
        const name = containerField(def, "name");
        return { label: name.known && typeof name.value === "string" ? `container "${name.value}"` : `container #${i}`, def };
    });
}

/** True when a string has an unknown sentinel embedded in it (an interpolated computed value). */
function hasUnknownPart(value: string): boolean {
    return isUnknown(value) || UNKNOWN_SENTINELS.some((s) => value.includes(s));
}

function what(ctx: ResourceContext<unknown>, c: Container): string {
    return `Task definition "${ctx.name}" ${c.label}`;
}

/**
 * The user part of `user` ("user", "user:group", "uid:gid") names root: "root", or a numeric uid 0
 * however written — runc parses the uid with strconv.Atoi, so "00", "+0" and "-0" are uid 0.
 */
function isRootUser(userPart: string): boolean {
    const u = userPart.trim().toLowerCase();
    return u === "root" || /^[+-]?0+$/.test(u);
}

export const ecsContainerNonRoot = resourcePolicy({
    name: "ecs-container-non-root",
    description:
        "ECS containers must run as a non-root user: without `user` a container runs as the image's user, root by default, " +
        "so a compromise of the process is a compromise of root in the container (AC-6).",
    severity: "high",
    controls: ["AC-6", "AC-6(10)", "CM-7"],
    remediationSteps:
        'Set `user` in each container definition to a numeric non-root UID (e.g. "1001", or "1001:1001") that the image ' +
        "owns its files as; never root, 0 or 0:<gid>.",
    resourceTypes: [TASK_DEFINITION],
    validate: (ctx) => {
        for (const c of containersOf(ctx, "the container user") ?? []) {
            const user = containerField(c.def, "user");
            if (!user.known) {
                ctx.cannotVerify(`${c.label} user`);
            } else if (user.value === undefined || user.value === null || user.value === "") {
                ctx.violation(`${what(ctx, c)} has no user, so it runs as the image's user (root by default); set user to a non-root UID such as "1001".`);
            } else if (typeof user.value === "string" || typeof user.value === "number") {
                const userPart = String(user.value).split(":")[0];
                if (userPart.trim() === "") {
                    // ":1001" sets only the group: the process keeps the image's user (runc: empty user = default).
                    ctx.violation(
                        `${what(ctx, c)} sets only a group (user "${user.value}"), so it runs as the image's user (root by default); set user to a non-root UID such as "1001".`,
                    );
                } else if (isRootUser(userPart)) {
                    ctx.violation(`${what(ctx, c)} runs as user "${user.value}" (root); set user to a non-root UID such as "1001".`);
                }
            }
        }
    },
});

/**
 * Task-level modes that put the task's containers in one of the host's namespaces. Each is an
 * escape path like privileged: pidMode "host" lets a container see, ptrace and signal every host
 * process (a root container can nsenter into PID 1); ipcMode "host" shares the host's shared memory
 * and semaphores; networkMode "host" shares the host's network stack — no per-task ENI or security
 * group, host ports and loopback services (the ECS agent's introspection, other tasks' localhost
 * ports) and the EC2 instance role's credentials at IMDS become reachable (SC-39, SC-7).
 * Fargate rejects all three; the EC2 launch type accepts them.
 */
const HOST_NAMESPACE_MODES: ReadonlyArray<{ path: string; shares: string; fix: string }> = [
    { path: "pidMode", shares: "process (PID) namespace", fix: 'remove pidMode or set it to "task"' },
    { path: "ipcMode", shares: "IPC namespace", fix: 'remove ipcMode or set it to "task" or "none"' },
    { path: "networkMode", shares: "network stack", fix: 'set networkMode to "awsvpc"' },
];

export const ecsContainerNotPrivileged = resourcePolicy({
    name: "ecs-container-not-privileged",
    description:
        "ECS containers must not be privileged nor share the host's namespaces or devices: `privileged: true` gives the " +
        'container root on the host\'s devices and kernel; a task with pidMode, ipcMode or networkMode "host" shares the ' +
        "host's processes, IPC or network stack (and the instance role's credentials), and `linuxParameters.devices` " +
        "passes host devices in — each removes the isolation between tasks and the host (SC-39, AC-6).",
    severity: "critical",
    controls: ["AC-6", "CM-7", "SC-39"],
    remediationSteps:
        "Remove `privileged` from the container definition (or set it to false) and `linuxParameters.devices`; remove " +
        '`pidMode`/`ipcMode` (or set them to "task") and use `networkMode: "awsvpc"`. Fargate rejects all of these anyway.',
    resourceTypes: [TASK_DEFINITION],
    validate: (ctx) => {
        for (const mode of HOST_NAMESPACE_MODES) {
            const value = ctx.read(mode.path);
            if (!value.known) {
                ctx.cannotVerify(mode.path);
            } else if (typeof value.value === "string" && value.value.trim().toLowerCase() === "host") {
                ctx.violation(`Task definition "${ctx.name}" shares the host's ${mode.shares} (${mode.path} "${value.value}"); ${mode.fix}.`);
            }
        }
        for (const c of containersOf(ctx, "privileged mode") ?? []) {
            const privileged = containerField(c.def, "privileged");
            if (!privileged.known) {
                ctx.cannotVerify(`${c.label} privileged`);
            } else if (privileged.value === true) {
                ctx.violation(`${what(ctx, c)} is privileged; remove privileged: true.`);
            }
            const devices = containerField(c.def, "linuxParameters.devices");
            if (!devices.known) {
                ctx.cannotVerify(`${c.label} linuxParameters.devices`);
            } else if (devices.value !== undefined && devices.value !== null && !(Array.isArray(devices.value) && devices.value.length === 0)) {
                // Any device is host hardware in the container: flagged whatever its path (or if its path is computed).
                const paths = (Array.isArray(devices.value) ? devices.value : [devices.value]).map((d) => {
                    const host = containerField(d, "hostPath");
                    return host.known && typeof host.value === "string" ? host.value : "a computed path";
                });
                ctx.violation(`${what(ctx, c)} passes host devices into the container (${paths.join(", ")}); remove linuxParameters.devices.`);
            }
        }
    },
});

export const ecsContainerReadonlyRootFs = resourcePolicy({
    name: "ecs-container-readonly-root-fs",
    description:
        "ECS containers must have a read-only root filesystem: an attacker cannot drop tools or alter the image's binaries, " +
        "and the running container stays the tested baseline (CM-7, SI-7).",
    severity: "medium",
    controls: ["CM-7", "SI-7"],
    remediationSteps:
        "Set `readonlyRootFilesystem: true` in each container definition and mount a task volume (e.g. at /tmp) for the " +
        "few paths the application must write.",
    resourceTypes: [TASK_DEFINITION],
    validate: (ctx) => {
        for (const c of containersOf(ctx, "the root filesystem") ?? []) {
            const ro = containerField(c.def, "readonlyRootFilesystem");
            if (!ro.known) {
                ctx.cannotVerify(`${c.label} readonlyRootFilesystem`);
            } else if (ro.value !== true) {
                ctx.violation(`${what(ctx, c)} has a writable root filesystem; set readonlyRootFilesystem: true.`);
            }
        }
    },
});

/** "CAP_SYS_ADMIN" and "sys_admin" both name SYS_ADMIN. */
function capabilityName(value: string): string {
    return value.trim().toUpperCase().replace(/^CAP_/, "");
}

export const ecsContainerNoAddedCapabilities = resourcePolicy({
    name: "ecs-container-no-added-capabilities",
    description:
        "ECS containers must not add Linux capabilities (linuxParameters.capabilities.add) beyond an explicit allow list " +
        "(empty by default): deny by default, because a deny list of the dangerous ones (SYS_ADMIN, NET_ADMIN, ALL …) " +
        "misses the next one (AC-6, CM-7).",
    severity: "high",
    controls: ["AC-6", "CM-7", "SC-39"],
    remediationSteps:
        'Remove `linuxParameters.capabilities.add` (keep `drop: ["ALL"]`); if one capability is truly needed, add it to ' +
        "this policy's `allowedCapabilities` in the stack's pack config with a justification.",
    resourceTypes: [TASK_DEFINITION],
    options: {
        allowedCapabilities: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'Capabilities a container may add (e.g. "SYS_PTRACE"); "CAP_" prefix and case are ignored. ALL is never allowed.',
        },
    },
    validate: (ctx) => {
        const allowed = new Set(ctx.config.allowedCapabilities.map(capabilityName));
        allowed.delete("ALL");
        for (const c of containersOf(ctx, "added capabilities") ?? []) {
            const add = containerField(c.def, "linuxParameters.capabilities.add");
            if (!add.known) {
                ctx.cannotVerify(`${c.label} linuxParameters.capabilities.add`);
                continue;
            }
            const list = Array.isArray(add.value) ? add.value : add.value === undefined || add.value === null ? [] : [add.value];
            const denied: string[] = [];
            let unknownCap = false;
            for (const cap of list) {
                if (typeof cap !== "string" || isUnknown(cap)) {
                    unknownCap ||= isUnknown(cap);
                    continue;
                }
                if (!allowed.has(capabilityName(cap))) {
                    denied.push(capabilityName(cap));
                }
            }
            if (denied.length > 0) {
                ctx.violation(`${what(ctx, c)} adds Linux capabilities ${denied.join(", ")}; remove them from linuxParameters.capabilities.add.`);
            }
            if (unknownCap) {
                ctx.cannotVerify(`${c.label} linuxParameters.capabilities.add`);
            }
        }
    },
});

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
    severity: "high",
    controls: ["CM-2", "CM-3", "SI-7"],
    remediationSteps:
        "Reference the image as `<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>` (the digest pushed by the " +
        "build, promoted from staging to prod); never `:latest`.",
    resourceTypes: [TASK_DEFINITION],
    options: {
        requireDigest: {
            type: "boolean",
            default: false,
            description: "Require every image to be pinned by @sha256: digest (set true for prod).",
        },
    },
    validate: (ctx) => {
        for (const c of containersOf(ctx, "the image reference") ?? []) {
            const image = containerField(c.def, "image");
            const verdict = image.known ? judgeImage(image.value, ctx.config.requireDigest) : { kind: "unknown" as const };
            if (verdict.kind === "unknown") {
                ctx.cannotVerify(`${c.label} image`);
            } else if (verdict.kind === "bad") {
                ctx.violation(`${what(ctx, c)} ${verdict.reason}.`);
            }
        }
    },
});

/** Default secret-looking fragments of environment variable names (matched case-insensitively as substrings). */
export const DEFAULT_SECRET_NAME_PATTERNS = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "CREDENTIAL",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "SIGNING_KEY",
    "ENCRYPTION_KEY",
];

// AWS access key ids (long-term AKIA, temporary ASIA): a value like this is a credential whatever its name.
const AWS_ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
// A URL carrying a password in its userinfo (postgres://app:pw@db, redis://:token@cache): the usual
// way a DATABASE_URL leaks a credential under an innocent name. Group 1 is the password.
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#]+)@/i;
// A password that is only a reference the application expands ($DB_PASSWORD, ${DB_PASSWORD}) is not a secret.
const ENV_REFERENCE = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** True when a plaintext value is itself a credential, whatever the variable is called. */
function secretValue(value: string): boolean {
    if (AWS_ACCESS_KEY_ID.test(value) || PEM_PRIVATE_KEY.test(value)) {
        return true;
    }
    const url = URL_WITH_PASSWORD.exec(value.trim());
    return url !== null && !ENV_REFERENCE.test(url[1]);
}

export const ecsContainerNoPlaintextSecrets = resourcePolicy({
    name: "ecs-container-no-plaintext-secrets",
    description:
        "ECS container `environment` must not carry secrets (by a secret-looking name, or a value that is a credential: an AWS " +
        "access key id, a private key, a URL with a password): plaintext values are stored in the task definition, the " +
        "Pulumi state and every DescribeTaskDefinition response. Secrets go in `secrets` (Secrets Manager / SSM " +
        "references resolved at start) (IA-5(7), SC-28).",
    severity: "high",
    controls: ["IA-5", "IA-5(7)", "SC-28"],
    remediationSteps:
        "Move the variable from `environment` to `secrets` with `valueFrom` the Secrets Manager secret (name or ARN, " +
        "optionally `:json-key::`), and grant the execution role secretsmanager:GetSecretValue on it.",
    resourceTypes: [TASK_DEFINITION],
    options: {
        secretNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_SECRET_NAME_PATTERNS,
            description:
                "Case-insensitive substrings of variable names that mark a secret. A bare KEY is not in the default list " +
                "(it would flag KMS_KEY_ID, CACHE_KEY_PREFIX …); add it per stack if wanted.",
        },
        allowedNames: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Exact variable names that match a pattern but are not secrets (e.g. TOKEN_TTL_SECONDS).",
        },
    },
    validate: (ctx) => {
        const patterns = ctx.config.secretNamePatterns.map((p) => p.toUpperCase());
        const allowed = new Set(ctx.config.allowedNames);
        for (const c of containersOf(ctx, "environment variables") ?? []) {
            const env = containerField(c.def, "environment");
            if (!env.known) {
                ctx.cannotVerify(`${c.label} environment`);
                continue;
            }
            const flagged: string[] = [];
            let unknownName = false;
            for (const entry of Array.isArray(env.value) ? env.value : []) {
                const name = containerField(entry, "name");
                const value = containerField(entry, "value");
                if (!name.known) {
                    unknownName = true;
                    continue;
                }
                if (typeof name.value !== "string" || allowed.has(name.value)) {
                    continue;
                }
                const upper = name.value.toUpperCase();
                const secretName = patterns.some((p) => upper.includes(p));
                const keyValue = value.known && typeof value.value === "string" && secretValue(value.value);
                if (secretName || keyValue) {
                    flagged.push(name.value);
                }
            }
            if (flagged.length > 0) {
                ctx.violation(`${what(ctx, c)} has secret-looking plaintext environment variable(s) ${flagged.join(", ")}; pass them through secrets (valueFrom).`);
            }
            if (unknownName) {
                ctx.cannotVerify(`${c.label} environment variable names`);
            }
        }
    },
});

/**
 * Every resource that launches ECS tasks with an awsvpc network configuration, and where it says
 * whether a task gets a public IP: services, their task sets (EXTERNAL deployments), and the
 * EventBridge rule targets, schedules and pipes that run tasks on their own.
 */
const PUBLIC_IP_SETTINGS: Readonly<Record<string, { noun: string; path: string; off: string; isPublic(value: unknown): boolean }>> = {
    "aws:ecs/service:Service": { noun: "ECS service", path: "networkConfiguration.assignPublicIp", off: "false", isPublic: (v) => v === true || v === "true" },
    "aws:ecs/taskSet:TaskSet": { noun: "ECS task set", path: "networkConfiguration.assignPublicIp", off: "false", isPublic: (v) => v === true || v === "true" },
    "aws:cloudwatch/eventTarget:EventTarget": {
        noun: "EventBridge target",
        path: "ecsTarget.networkConfiguration.assignPublicIp",
        off: "false",
        isPublic: (v) => v === true || v === "true",
    },
    "aws:scheduler/schedule:Schedule": {
        noun: "EventBridge schedule",
        path: "target.ecsParameters.networkConfiguration.assignPublicIp",
        off: "false",
        isPublic: (v) => v === true || v === "true",
    },
    // Pipes spell it as a string: ENABLED | DISABLED.
    "aws:pipes/pipe:Pipe": {
        noun: "EventBridge pipe",
        path: "targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.assignPublicIp",
        off: '"DISABLED"',
        isPublic: (v) => typeof v === "string" && v.trim().toUpperCase() === "ENABLED",
    },
};

export const ecsServiceNoPublicIp = resourcePolicy({
    name: "ecs-service-no-public-ip",
    description:
        "ECS services must not assign public IPs to tasks (nor may their task sets, or EventBridge rules, schedules and pipes " +
        "that run ECS tasks): tasks live in private subnets behind the load balancer and reach " +
        "AWS through VPC endpoints or NAT, so no task is addressable from the internet (SC-7).",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Set `networkConfiguration.assignPublicIp: false` (the default; pipes: `awsVpcConfiguration.assignPublicIp: \"DISABLED\"`) " +
        "and use private subnets.",
    resourceTypes: ["aws:ecs/service:Service", "aws:ecs/taskSet:TaskSet", "aws:cloudwatch/eventTarget:EventTarget", "aws:scheduler/schedule:Schedule", "aws:pipes/pipe:Pipe"],
    validate: (ctx) => {
        const setting = PUBLIC_IP_SETTINGS[ctx.type];
        if (setting === undefined) {
            return;
        }
        const pub = ctx.read(setting.path);
        if (!pub.known) {
            ctx.cannotVerify(setting.path);
        } else if (setting.isPublic(pub.value)) {
            const does = ctx.type.startsWith("aws:ecs/") ? "assigns public IPs to its tasks" : "runs ECS tasks with public IPs";
            ctx.violation(`${setting.noun} "${ctx.name}" ${does}; set ${setting.path} to ${setting.off}.`);
        }
    },
});

export const ecrRepositoryImmutableTags = resourcePolicy({
    name: "ecr-repository-immutable-tags",
    description:
        "ECR repositories, and the repository creation templates that configure repositories ECR creates itself (pull-through " +
        "cache, replication), must have immutable tags: a pushed tag can never be re-pointed to different content, so a tag " +
        "names one tested image for good (CM-2, SI-7).",
    severity: "medium",
    controls: ["CM-2", "SI-7"],
    remediationSteps: 'Set `imageTagMutability: "IMMUTABLE"` on the aws.ecr.Repository or aws.ecr.RepositoryCreationTemplate (the default is MUTABLE).',
    resourceTypes: [ECR_REPOSITORY, ECR_REPOSITORY_CREATION_TEMPLATE],
    validate: (ctx) => {
        const mutability = ctx.read("imageTagMutability");
        if (!mutability.known) {
            ctx.cannotVerify("imageTagMutability");
        } else if (mutability.value !== "IMMUTABLE") {
            const current = typeof mutability.value === "string" ? mutability.value : "MUTABLE (the default)";
            ctx.violation(`${labelOf(ctx, "ECR repository")} has imageTagMutability ${current}; set it to IMMUTABLE.`);
        }
    },
});

export const ecrRepositoryScanOnPush = resourcePolicy({
    name: "ecr-repository-scan-on-push",
    description:
        "ECR repositories must scan images on push, so a known-vulnerable image is reported before it is deployed (RA-5, SI-2).",
    severity: "medium",
    controls: ["RA-5", "SI-2", "SI-3"],
    remediationSteps:
        "Set `imageScanningConfiguration: { scanOnPush: true }` on the aws.ecr.Repository (or waive this policy where a " +
        "registry-level enhanced scanning configuration covers the repository).",
    resourceTypes: [ECR_REPOSITORY],
    validate: (ctx) => {
        const scan = ctx.read("imageScanningConfiguration.scanOnPush");
        if (!scan.known) {
            ctx.cannotVerify("imageScanningConfiguration.scanOnPush");
        } else if (scan.value !== true) {
            ctx.violation(`ECR repository "${ctx.name}" does not scan images on push; set imageScanningConfiguration.scanOnPush to true.`);
        }
    },
});

export const containerPolicies: GovPolicy[] = [
    ecsContainerNonRoot,
    ecsContainerNotPrivileged,
    ecsContainerReadonlyRootFs,
    ecsContainerNoAddedCapabilities,
    ecsContainerImagePinned,
    ecsContainerNoPlaintextSecrets,
    ecsServiceNoPublicIp,
    ecrRepositoryImmutableTags,
    ecrRepositoryScanOnPush,
];
