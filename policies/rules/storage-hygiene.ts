// S3 hygiene beyond encryption: no public exposure (AC-3, AC-21, SC-7), TLS-only access (SC-8)
// and recoverable backups (CP-9). Buckets are linked to their public access blocks, policies and
// versioning by the explicit bucket name (known at preview) or, failing that, by the engine's
// property dependencies.

import {
    asTags,
    findGlobMatch,
    GovPolicy,
    isPublicPrincipal,
    isUnknown,
    listOf,
    policyStatements,
    providerDefaultTags,
    Read,
    read,
    ResourceContext,
    resourcePolicy,
    stackPolicy,
    StackContext,
    StackResource,
} from "../lib";

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;
const BUCKET_KEYS = ["bucket", "id"] as const;
const BUCKET_PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

type FlagsVerdict = { kind: "ok" } | { kind: "unknown"; flags: string[] } | { kind: "off"; flags: string[] };

/** All four public access block flags must be true (each defaults to false). */
function judgeFlags(props: unknown): FlagsVerdict {
    const off: string[] = [];
    const unknown: string[] = [];
    for (const flag of PAB_FLAGS) {
        const v = read(props, flag);
        if (!v.known) {
            unknown.push(flag);
        } else if (v.value !== true) {
            off.push(flag);
        }
    }
    return off.length > 0 ? { kind: "off", flags: off } : unknown.length > 0 ? { kind: "unknown", flags: unknown } : { kind: "ok" };
}

export const s3PublicAccessBlockAllFlags = resourcePolicy({
    name: "s3-public-access-block-all-flags",
    description:
        "S3 public access blocks (bucket and account level) must set all four flags: blocking public ACLs and policies, " +
        "ignoring existing public ACLs and restricting public buckets, so no later ACL or policy can make data public (AC-3, AC-21).",
    severity: "critical",
    controls: ["AC-3", "AC-21", "SC-7"],
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    resourceTypes: [BUCKET_PAB, ACCOUNT_PAB],
    validate: (ctx) => {
        const verdict = judgeFlags(ctx.props);
        const what = ctx.type === ACCOUNT_PAB ? `Account public access block "${ctx.name}"` : `Public access block "${ctx.name}"`;
        if (verdict.kind === "off") {
            ctx.violation(`${what} does not set ${verdict.flags.join(", ")} to true; set all four flags to true.`);
        } else if (verdict.kind === "unknown") {
            ctx.cannotVerify(verdict.flags.join(", "));
        }
    },
});

const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = new Set(["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"]);

function checkGrants(ctx: ResourceContext<unknown>, grants: unknown, uriPath: string, what: string): void {
    for (const grant of Array.isArray(grants) ? grants : []) {
        const uri = ctx.read(uriPath, grant);
        if (!uri.known) {
            ctx.cannotVerify("a grant's grantee");
        } else if (typeof uri.value === "string" && PUBLIC_GROUPS.has(uri.value)) {
            ctx.violation(`${what} grants access to ${uri.value.split("/").pop()}; remove the grant (use BucketOwnerEnforced object ownership).`);
        }
    }
}

// Objects carry their own ACL (`acl`; ObjectCopy also explicit `grants`): a public-read object is
// readable by anyone even in a bucket whose own ACL is private (AC-3). The object itself is judged
// so a bucket without BucketOwnerEnforced or a public access block cannot leak it this way.
const OBJECT_TYPES = ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/objectCopy:ObjectCopy"] as const;

export const s3NoPublicAcl = resourcePolicy({
    name: "s3-no-public-acl",
    description:
        "S3 ACLs (on buckets and on objects) must not be public: no public-read, public-read-write or authenticated-read " +
        "canned ACL and no grant to the AllUsers or AuthenticatedUsers groups (\"authenticated\" means any AWS account) (AC-3, AC-21).",
    severity: "critical",
    controls: ["AC-3", "AC-21"],
    remediationSteps:
        "Remove the ACL and grants; set aws.s3.BucketOwnershipControls to BucketOwnerEnforced (ACLs disabled) and grant access " +
        "through the bucket policy to named principals.",
    resourceTypes: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2", ...BUCKET_TYPES, ...OBJECT_TYPES],
    validate: (ctx) => {
        const isBucket = (BUCKET_TYPES as readonly string[]).includes(ctx.type);
        const isObject = (OBJECT_TYPES as readonly string[]).includes(ctx.type);
        const what = isBucket ? `S3 bucket "${ctx.name}"` : isObject ? `S3 object "${ctx.name}"` : `Bucket ACL "${ctx.name}"`;
        const acl = ctx.read("acl");
        if (!acl.known) {
            ctx.cannotVerify("acl");
        } else if (typeof acl.value === "string" && PUBLIC_CANNED_ACLS.has(acl.value)) {
            ctx.violation(`${what} uses the public canned ACL "${acl.value}"; use "private" or disable ACLs with BucketOwnerEnforced.`);
        }
        if (ctx.type === OBJECT_TYPES[0] || ctx.type === OBJECT_TYPES[1]) {
            return; // BucketObject(v2) have no grants input
        }
        const grantsPath = isBucket || isObject ? "grants" : "accessControlPolicy.grants";
        const grants = ctx.read(grantsPath);
        if (!grants.known) {
            ctx.cannotVerify(grantsPath);
        } else {
            checkGrants(ctx, grants.value, isBucket || isObject ? "uri" : "grantee.uri", what);
        }
    },
});

/** The buckets resources of `linkTypes` refer to (by `bucket`), and how many references could not be resolved. */
function linkedBuckets(ctx: StackContext<unknown>, linkTypes: readonly string[]): { linked: Set<string>; unresolved: number } {
    const linked = new Set<string>();
    let unresolved = 0;
    for (const link of ctx.ofType(...linkTypes)) {
        const refs = ctx.resolveRefs(link, "bucket", BUCKET_TYPES, BUCKET_KEYS);
        refs.resources.forEach((b) => linked.add(b.urn));
        unresolved += refs.unresolved;
    }
    return { linked, unresolved };
}

export const s3BucketPublicAccessBlockPresent = stackPolicy({
    name: "s3-bucket-public-access-block-present",
    description:
        "Every S3 bucket must have a public access block (or the stack an account-level one with all four flags), so a " +
        "mistaken ACL or policy can never make it public (AC-3, AC-21).",
    severity: "high",
    controls: ["AC-3", "AC-21", "SC-7"],
    remediationSteps: "Add an aws.s3.BucketPublicAccessBlock for the bucket with all four flags true.",
    resourceTypes: [...BUCKET_TYPES, BUCKET_PAB, ACCOUNT_PAB],
    validate: (ctx) => {
        const buckets = ctx.ofType(...BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        if (ctx.ofType(ACCOUNT_PAB).some((a) => judgeFlags(a.props).kind === "ok")) {
            return;
        }
        const { linked, unresolved } = linkedBuckets(ctx, [BUCKET_PAB]);
        for (const bucket of buckets) {
            if (linked.has(bucket.urn)) {
                continue;
            }
            if (unresolved > 0) {
                ctx.cannotVerify(bucket, "which bucket each public access block applies to");
            } else {
                ctx.violation(bucket, `S3 bucket "${bucket.name}" has no public access block; add an aws.s3.BucketPublicAccessBlock with all four flags true.`);
            }
        }
    },
});

type Verdict = "yes" | "no" | "unknown";

/** Coverage over several statements: any "yes" wins, then any "unknown". */
function anyOf(a: Verdict, b: Verdict): Verdict {
    return a === "yes" || b === "yes" ? "yes" : a === "unknown" || b === "unknown" ? "unknown" : "no";
}

/**
 * Glob positions (IAM `*` any run, `?` one character) reachable after reading all of `text`;
 * `*` at position i may stay at i. Used to ask what a Resource pattern matches beyond a prefix.
 */
function globStates(pattern: string, text: string): Set<number> {
    const close = (states: Set<number>): Set<number> => {
        for (const i of [...states]) {
            for (let j = i; j < pattern.length && pattern[j] === "*"; j++) {
                states.add(j + 1);
            }
        }
        return states;
    };
    let states = close(new Set([0]));
    for (const ch of text) {
        const next = new Set<number>();
        for (const i of states) {
            if (i < pattern.length && pattern[i] === "*") {
                next.add(i);
            } else if (i < pattern.length && (pattern[i] === "?" || pattern[i] === ch)) {
                next.add(i + 1);
            }
        }
        states = close(next);
        if (states.size === 0) {
            break;
        }
    }
    return states;
}

/** Whether `pattern` matches `text` + s for EVERY non-empty s (all object keys under a prefix). */
function coversAllAfter(pattern: string, text: string): boolean {
    // From some reachable state, the rest of the pattern must be only wildcards with a `*`
    // and at most one `?` (object keys are at least one character long).
    for (const i of globStates(pattern, text)) {
        const rest = pattern.slice(i);
        if (/^[*?]*$/.test(rest) && rest.includes("*") && (rest.match(/\?/g) ?? []).length <= 1) {
            return true;
        }
    }
    return false;
}

/** Whether `pattern` matches `text` exactly. */
function matchesExactly(pattern: string, text: string): boolean {
    return globStates(pattern, text).has(pattern.length);
}

/** The partition a Resource pattern names ("aws-us-gov"), or GovCloud's when it leaves it open. */
function partitionOf(pattern: string): string {
    const partition = pattern.split(":")[1];
    return partition !== undefined && /^aws[a-z-]*$/.test(partition) ? partition : "aws-us-gov";
}

/** What a TLS deny's Resource covers of the bucket named `bucketName` (undefined when the name is not known). */
function resourceCoverage(resources: readonly unknown[], bucketName: string | undefined): { bucket: Verdict; objects: Verdict } {
    let bucket: Verdict = "no";
    let objects: Verdict = "no";
    for (const r of resources) {
        if (typeof r !== "string") {
            // An unknown element (an ARN computed from another resource) may or may not be this bucket.
            const v: Verdict = isUnknown(r) ? "unknown" : "no";
            bucket = anyOf(bucket, v);
            objects = anyOf(objects, v);
            continue;
        }
        if (bucketName === undefined) {
            // Without the name only a pattern matching every S3 bucket and object settles it.
            const all = coversAllAfter(r, `arn:${partitionOf(r)}:s3:::`);
            bucket = anyOf(bucket, all ? "yes" : "unknown");
            objects = anyOf(objects, all ? "yes" : "unknown");
            continue;
        }
        const arn = `arn:${partitionOf(r)}:s3:::${bucketName}`;
        bucket = anyOf(bucket, matchesExactly(r, arn) ? "yes" : "no");
        objects = anyOf(objects, coversAllAfter(r, `${arn}/`) ? "yes" : "no");
    }
    return { bucket, objects };
}

/** One statement judged as the TLS-only guard of a bucket. */
type TlsStatement =
    | { kind: "unknown" }
    /** Not a Deny of all S3 actions to everyone on aws:SecureTransport false. */
    | { kind: "other" }
    /** Such a Deny, but other conditions must also hold, so plain HTTP passes whenever they do not. */
    | { kind: "narrowed"; by: readonly string[] }
    | { kind: "deny"; bucket: Verdict; objects: Verdict };

const TLS_OPERATORS = new Set(["bool", "boolifexists"]);

/**
 * A statement is the TLS-only guard when it Denies all S3 actions to everyone when
 * aws:SecureTransport is false, with no other condition (any other operator/key pair must ALSO
 * match for the Deny to apply, so it would let plain HTTP through whenever that pair does not),
 * on Resources that cover the bucket's own ARN and every object under it (SC-8).
 */
function judgeTlsStatement(statement: unknown, bucketName: string | undefined): TlsStatement {
    const effect = read(statement, "Effect");
    const principal = read(statement, "Principal");
    const actions = listOf(statement, "Action");
    const condition = read(statement, "Condition");
    if (!effect.known || !principal.known || actions === undefined || !condition.known) {
        return { kind: "unknown" };
    }
    if (effect.value !== "Deny") {
        return { kind: "other" };
    }
    const everyone = isPublicPrincipal(principal.value);
    if (everyone === undefined || actions.some(isUnknown)) {
        return { kind: "unknown" };
    }
    if (!everyone || !actions.some((a) => a === "*" || (typeof a === "string" && a.toLowerCase() === "s3:*"))) {
        return { kind: "other" };
    }
    const c = condition.value;
    if (c === null || typeof c !== "object" || Array.isArray(c)) {
        return { kind: "other" };
    }
    let tls = false;
    const others: string[] = [];
    for (const [operator, pairs] of Object.entries(c as Record<string, unknown>)) {
        if (isUnknown(pairs)) {
            return { kind: "unknown" };
        }
        if (pairs === null || typeof pairs !== "object" || Array.isArray(pairs)) {
            others.push(operator);
            continue;
        }
        for (const [key, value] of Object.entries(pairs as Record<string, unknown>)) {
            if (!TLS_OPERATORS.has(operator.toLowerCase()) || key.toLowerCase() !== "aws:securetransport") {
                others.push(`${operator} ${key}`);
                continue;
            }
            if (isUnknown(value)) {
                return { kind: "unknown" };
            }
            const values = Array.isArray(value) ? value : [value];
            if (values.some(isUnknown)) {
                return { kind: "unknown" };
            }
            if (values.some((x) => x === false || (typeof x === "string" && x.toLowerCase() === "false"))) {
                tls = true;
            }
        }
    }
    if (!tls) {
        return { kind: "other" };
    }
    if (others.length > 0) {
        return { kind: "narrowed", by: others };
    }
    // NotResource denies everything but the listed ARNs: it covers the bucket unless a listed
    // pattern could match the bucket or one of its objects.
    const notResource = listOf(statement, "NotResource");
    if (notResource === undefined) {
        return { kind: "unknown" };
    }
    if (notResource.length > 0) {
        return judgeNotResource(notResource, bucketName);
    }
    const resources = listOf(statement, "Resource");
    if (resources === undefined) {
        return { kind: "unknown" };
    }
    return { kind: "deny", ...resourceCoverage(resources, bucketName) };
}

/** A Deny with NotResource covers what none of its patterns can match. */
function judgeNotResource(patterns: readonly unknown[], bucketName: string | undefined): TlsStatement {
    if (patterns.some((p) => typeof p !== "string") || bucketName === undefined) {
        return { kind: "deny", bucket: "unknown", objects: "unknown" };
    }
    let bucket: Verdict = "yes";
    let objects: Verdict = "yes";
    for (const p of patterns as readonly string[]) {
        const arn = `arn:${partitionOf(p)}:s3:::${bucketName}`;
        if (matchesExactly(p, arn)) {
            bucket = "no";
        }
        // Some reachable state after the prefix means some key under it matches the exclusion.
        if ([...globStates(p, `${arn}/`)].some((i) => i < p.length)) {
            objects = "no";
        }
    }
    return { kind: "deny", bucket, objects };
}

/** Why a bucket's policies do not make it TLS-only, for the violation message. */
type TlsVerdict = { kind: "yes" } | { kind: "unknown" } | { kind: "no"; why?: string };

function hasTlsDeny(policy: unknown, bucketName: string | undefined): TlsVerdict {
    const parsed = policyStatements(policy);
    if (parsed.kind !== "ok") {
        return parsed.kind === "unknown" ? { kind: "unknown" } : { kind: "no" };
    }
    let bucket: Verdict = "no";
    let objects: Verdict = "no";
    let sawDeny = false;
    const narrowed: string[] = [];
    for (const s of parsed.statements) {
        const v = judgeTlsStatement(s, bucketName);
        if (v.kind === "unknown") {
            bucket = anyOf(bucket, "unknown");
            objects = anyOf(objects, "unknown");
        } else if (v.kind === "narrowed") {
            narrowed.push(...v.by);
        } else if (v.kind === "deny") {
            sawDeny = true;
            bucket = anyOf(bucket, v.bucket);
            objects = anyOf(objects, v.objects);
        }
    }
    if (bucket === "yes" && objects === "yes") {
        return { kind: "yes" };
    }
    if (bucket !== "no" && objects !== "no") {
        return { kind: "unknown" };
    }
    if (sawDeny) {
        const missing = [bucket === "no" && "the bucket's ARN", objects === "no" && "its objects (<bucket ARN>/*)"].filter((m) => m !== false);
        return { kind: "no", why: `does not cover ${missing.join(" or ")}` };
    }
    if (narrowed.length > 0) {
        return { kind: "no", why: `also requires ${[...new Set(narrowed)].join(", ")}, so plain HTTP passes whenever that does not match` };
    }
    return { kind: "no" };
}

/** The bucket's physical name when known (its `bucket`, else the name a policy attaches to). */
function knownName(...values: Read[]): string | undefined {
    for (const v of values) {
        if (v.known && typeof v.value === "string" && v.value !== "") {
            return v.value;
        }
    }
    return undefined;
}

export const s3BucketTlsOnlyPolicy = stackPolicy({
    name: "s3-bucket-tls-only-policy",
    description:
        "Every S3 bucket must have a bucket policy that denies all S3 actions to everyone when aws:SecureTransport is " +
        "false, with no other condition and on Resources covering the bucket and all its objects, so nothing is ever " +
        "read or written over plain HTTP (SC-8, SC-8(1)). A bucket has one policy: when several resources set it, every " +
        "one must carry the deny.",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "AC-17(2)"],
    remediationSteps:
        'Add to the bucket policy: { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], ' +
        'Condition: { Bool: { "aws:SecureTransport": "false" } } } (no other condition in that statement).',
    resourceTypes: [...BUCKET_TYPES, "aws:s3/bucketPolicy:BucketPolicy"],
    validate: (ctx) => {
        const buckets = ctx.ofType(...BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        // Every policy document that sets each bucket's policy (the deprecated inline `policy`
        // counts too). AWS keeps one policy per bucket, so the last writer wins: all must qualify.
        const docs = new Map<string, { policy: unknown; attachedTo: Read }[]>();
        let unresolved = 0;
        for (const bp of ctx.ofType("aws:s3/bucketPolicy:BucketPolicy")) {
            const refs = ctx.resolveRefs(bp, "bucket", BUCKET_TYPES, BUCKET_KEYS);
            unresolved += refs.unresolved;
            const entry = { policy: bp.props.policy, attachedTo: ctx.read(bp.props, "bucket") };
            refs.resources.forEach((b) => docs.set(b.urn, [...(docs.get(b.urn) ?? []), entry]));
        }
        for (const bucket of buckets) {
            const own = ctx.read(bucket.props, "bucket");
            const found = [...(docs.get(bucket.urn) ?? [])];
            const inline = ctx.read(bucket.props, "policy");
            const verdicts: TlsVerdict[] = [];
            if (!inline.known) {
                verdicts.push({ kind: "unknown" });
            } else if (inline.value !== undefined && inline.value !== "") {
                found.push({ policy: inline.value, attachedTo: own });
            }
            verdicts.push(...found.map((d) => hasTlsDeny(d.policy, knownName(own, d.attachedTo))));
            // A "no" wins (that document may be the one AWS keeps), then an "unknown".
            const verdict = verdicts.find((v) => v.kind === "no") ?? verdicts.find((v) => v.kind === "unknown") ?? verdicts[0];
            if (verdict?.kind === "yes") {
                continue;
            }
            if (verdict?.kind === "unknown" || (verdict === undefined && unresolved > 0)) {
                ctx.cannotVerify(bucket, `the bucket policy of S3 bucket "${bucket.name}"`);
            } else if (verdict === undefined) {
                ctx.violation(bucket, `S3 bucket "${bucket.name}" has no bucket policy; add one that denies s3:* when aws:SecureTransport is false.`);
            } else if (verdict.why === undefined) {
                ctx.violation(bucket, `S3 bucket "${bucket.name}" has a bucket policy without a TLS-only deny; deny s3:* to Principal "*" when aws:SecureTransport is false.`);
            } else {
                ctx.violation(
                    bucket,
                    `S3 bucket "${bucket.name}" has a bucket policy whose TLS-only deny ${verdict.why}; deny s3:* to Principal "*" on ` +
                        "the bucket ARN and <bucket ARN>/* when aws:SecureTransport is false, with no other condition.",
                );
            }
        }
    },
});

const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"] as const;

export const s3BackupBucketVersioning = stackPolicy({
    name: "s3-backup-bucket-versioning",
    description:
        "Backup buckets (tagged Purpose=backups, on the bucket or through the provider's defaultTags, or named like *backup*) " +
        "must have versioning Enabled, by every versioning resource that sets it: an overwritten or deleted backup stays " +
        "recoverable, including from ransomware-style deletes (CP-9, CP-10).",
    severity: "high",
    controls: ["CP-9", "CP-10", "SI-12"],
    remediationSteps: 'Add an aws.s3.BucketVersioning for the bucket with `versioningConfiguration: { status: "Enabled" }`.',
    resourceTypes: [...BUCKET_TYPES, ...VERSIONING_TYPES],
    options: {
        backupTagKey: { type: "string", default: "Purpose", description: "Tag that marks a bucket's purpose." },
        backupTagValues: {
            type: "array",
            items: { type: "string" },
            default: ["backups", "backup"],
            description: "Values of the purpose tag (case-insensitive) that mark a backup bucket.",
        },
        backupNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: ["*backup*"],
            description: "Globs over the resource name, the bucket name and its bucketPrefix that mark a backup bucket.",
        },
    },
    validate: (ctx) => {
        const values = new Set(ctx.config.backupTagValues.map((v) => v.toLowerCase()));
        const backups: { bucket: StackResource; certain: boolean }[] = [];
        for (const bucket of ctx.ofType(...BUCKET_TYPES)) {
            const kind = backupBucket(bucket, ctx.config.backupTagKey, values, ctx.config.backupNamePatterns);
            if (kind !== "no") {
                backups.push({ bucket, certain: kind === "yes" });
            }
        }
        if (backups.length === 0) {
            return;
        }
        // AWS keeps one versioning state per bucket: when several BucketVersioning resources set
        // it, the last apply wins, so a Suspended/Disabled one wins over an Enabled one here.
        const explicit = new Map<string, Verdict[]>();
        let unresolved = 0;
        for (const v of ctx.ofType(...VERSIONING_TYPES)) {
            const refs = ctx.resolveRefs(v, "bucket", BUCKET_TYPES, BUCKET_KEYS);
            unresolved += refs.unresolved;
            const status = ctx.read(v.props, "versioningConfiguration.status");
            const verdict: Verdict = !status.known ? "unknown" : status.value === "Enabled" ? "yes" : "no";
            refs.resources.forEach((b) => explicit.set(b.urn, [...(explicit.get(b.urn) ?? []), verdict]));
        }
        for (const { bucket, certain } of backups) {
            const own = explicit.get(bucket.urn) ?? [];
            // The deprecated inline `versioning` block on the bucket counts when no resource sets it.
            const inline = ctx.read(bucket.props, "versioning.enabled");
            const inlineVerdict: Verdict = !inline.known ? "unknown" : inline.value === true ? "yes" : "no";
            const verdict: Verdict = own.includes("no") ? "no" : own.includes("unknown") ? "unknown" : own.includes("yes") ? "yes" : inlineVerdict;
            if (verdict === "yes") {
                continue;
            }
            if (!certain) {
                ctx.cannotVerify(bucket, `whether S3 bucket "${bucket.name}" is a backup bucket (its tags or name are unknown) that needs versioning`);
            } else if (verdict === "unknown" || unresolved > 0) {
                ctx.cannotVerify(bucket, `the versioning of backup bucket "${bucket.name}"`);
            } else if (own.includes("no") && own.includes("yes")) {
                ctx.violation(
                    bucket,
                    `Backup bucket "${bucket.name}" has several versioning resources and one does not enable versioning (the last applied wins); keep one aws.s3.BucketVersioning with status "Enabled".`,
                );
            } else {
                ctx.violation(bucket, `Backup bucket "${bucket.name}" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".`);
            }
        }
    },
});

/**
 * Whether a bucket is a backup bucket: its purpose tag (own tags over the provider's defaultTags)
 * or a name (resource name, bucket name, bucketPrefix) matching the patterns. "maybe" when that
 * depends on a tag or name not known yet.
 */
function backupBucket(bucket: StackResource, tagKey: string, tagValues: ReadonlySet<string>, patterns: readonly string[]): Verdict {
    const names = [bucket.name];
    let unknown = false;
    for (const key of ["bucket", "bucketPrefix"]) {
        const v = read(bucket.props, key);
        if (!v.known) {
            unknown = true;
        } else if (typeof v.value === "string" && v.value !== "") {
            names.push(v.value);
        }
    }
    if (findGlobMatch(patterns, names)) {
        return "yes";
    }
    const own = asTags(read(bucket.props, "tags"));
    const defaults = providerDefaultTags(bucket.provider);
    if (!own.known || !defaults.known) {
        return "unknown";
    }
    // The resource's own tag wins over the provider's default for the same key (as in tagsAll).
    const value = own.tags[tagKey] !== undefined ? own.tags[tagKey] : defaults.tags[tagKey];
    if (isUnknown(value)) {
        return "unknown";
    }
    if (typeof value === "string" && tagValues.has(value.toLowerCase())) {
        return "yes";
    }
    return unknown ? "unknown" : "no";
}

export const storageHygienePolicies: GovPolicy[] = [
    s3PublicAccessBlockAllFlags,
    s3NoPublicAcl,
    s3BucketPublicAccessBlockPresent,
    s3BucketTlsOnlyPolicy,
    s3BackupBucketVersioning,
];
