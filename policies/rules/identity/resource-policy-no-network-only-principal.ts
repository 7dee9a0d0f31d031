// resource-policy-no-network-only-principal: anonymous access only by exception (SC-7(5), AC-14).
//
// resource-policy-no-public-principal keeps the pack's notion of "public" (IAM Access Analyzer,
// S3 Block Public Access): aws:SourceIp, aws:SourceVpc or aws:SourceVpce fixed to specific values
// make a Principal "*" statement non-public. But such a statement still admits callers nobody
// identified — any principal of any account, and for S3 unsigned requests — from that network:
// the network is the only perimeter. This rule reports it as its own finding unless the network
// is one the estate vouches for: a VPC or VPC endpoint of this stack (tied by id, or by the
// document's property dependencies when the id is unknown at preview), or an id or IP range listed
// in the pack config. An identity key (aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount,
// aws:SourceArn …, lib/conditions CALLER_KEY_NAMES) fixed next to the network key passes: the
// caller is then known. Condition keys are ANDed, so one network pair confined to allowed values
// confines the statement.
//
// Lambda permissions are not judged here: an aws.lambda.Permission has no network narrowing at all
// (only sourceArn, sourceAccount, principalOrgId, which identify the caller), so principal "*" is
// either identity-narrowed or simply public — resource-policy-no-public-principal's finding.
//
// One stack policy (the stack's VPC and endpoint ids are needed), not one per document type: the
// stock server deserialises the whole stack once per stack policy.

import { BlockList, isIP } from "node:net";

import {
    CALLER_KEY_NAMES,
    CallerPair,
    callerPairs,
    EFFECT,
    isUnknown,
    NETWORK_KEY_NAMES,
    policyStatements,
    previewJson,
    read,
    readCondition,
    readTyped,
    StackContext,
    stackPolicy,
    StackResource,
    statementLabel,
    STRING,
    VPC_TYPES,
} from "../../lib";
import {
    grantsEveryone,
    RESOURCE_DOCUMENT_TYPES,
} from "./resource-documents";
import { VPC_ENDPOINT } from "./resource-types";

const DOCUMENT_TYPES = Object.keys(RESOURCE_DOCUMENT_TYPES) as [string, ...string[]];
const IDENTITY_KEY_NAMES = CALLER_KEY_NAMES.filter((k) => !NETWORK_KEY_NAMES.includes(k));

type PairVerdict = { readonly kind: "allowed" } | { readonly kind: "unknown"; readonly why: string } | { readonly kind: "outside" };

/** The stack's own VPC and VPC endpoint ids; `unknownIds` counts those not known yet. */
interface OwnNetworks {
    readonly ids: ReadonlySet<string>;
    readonly unknownIds: number;
}

function ownNetworks(resources: readonly StackResource[]): OwnNetworks {
    const ids = new Set<string>();
    let unknownIds = 0;
    for (const r of resources) {
        const id = readTyped(r.props, "id", STRING);
        if (id.kind === "ok" && id.value !== undefined && id.value !== "") {
            ids.add(id.value);
        } else if (id.kind !== "malformed") {
            unknownIds++; // not created yet: its id may be the one a statement names
        }
        // Any other value is not an id at all (the engine never gives one): it is not "pending", so it cannot
        // turn a statement naming a foreign endpoint into a mere "cannot verify" (found by npm run fuzz, seed 955801115).
    }
    return { ids, unknownIds };
}

/** A CIDR (or bare address) as family and prefix length; undefined when malformed. */
function parseCidr(text: string): { readonly address: string; readonly family: "ipv4" | "ipv6"; readonly bits: number } | undefined {
    const [address, bitsText, ...rest] = text.split("/");
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const bits = bitsText === undefined ? max : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
    if (family === 0 || rest.length > 0 || !(bits >= 0 && bits <= max)) {
        return undefined;
    }
    return { address, family: family === 6 ? "ipv6" : "ipv4", bits };
}

/**
 * Is `value` (a CIDR or address) inside one of `ranges`? The block of the value's prefix around its
 * address lies inside a range's block around the same address when the range's prefix is no longer.
 */
function ipWithin(value: string, ranges: readonly string[]): boolean {
    const v = parseCidr(value);
    return (
        v !== undefined &&
        ranges.some((text) => {
            const r = parseCidr(text);
            if (r === undefined || r.family !== v.family || r.bits > v.bits) {
                return false;
            }
            const list = new BlockList();
            list.addSubnet(r.address, r.bits, r.family);
            return list.check(v.address, v.family);
        })
    );
}

export const resourcePolicyNoNetworkOnlyPrincipal = stackPolicy({
    name: "resource-policy-no-network-only-principal",
    description:
        'Key, bucket, topic, queue, repository, secret and Kinesis stream policies must not Allow Principal "*" (or {"AWS": "*"}, ' +
        "or NotPrincipal) narrowed only by network keys (aws:SourceIp, aws:SourceVpc, aws:SourceVpce): that statement admits " +
        "unidentified callers, for S3 unsigned ones, from the network (SC-7(5) allow by exception, AC-14). It passes when a key " +
        "that identifies the caller is fixed too, or when a network key is confined to this stack's VPCs or VPC endpoints " +
        "(tied by id or property dependency) or to the ids and IP ranges the pack config allows. Lambda permissions have no " +
        "network narrowing (their principal \"*\" is resource-policy-no-public-principal's finding).",
    summary: 'Principal "*" narrowed only by network keys only to this stack\'s VPCs/endpoints or allowed networks',
    severity: "high",
    controls: ["SC-7(5)", "AC-14", "AC-3"],
    remediationSteps:
        `Fix a key that identifies the caller as well (${IDENTITY_KEY_NAMES.slice(0, 4).join(", ")}), or name the principals; ` +
        "or confine aws:SourceVpce / aws:SourceVpc to this stack's aws.ec2.VpcEndpoint / aws.ec2.Vpc ids (reference the " +
        "resource's id so the tie shows at preview). A network outside the stack that must stay open is listed, with a " +
        "reason in review, in allowedNetworkIds or allowedSourceIpRanges.",
    resourceTypes: [...DOCUMENT_TYPES, ...VPC_TYPES, VPC_ENDPOINT],
    options: {
        allowedNetworkIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "VPC (vpc-…) and VPC endpoint (vpce-…) ids outside this stack that a network-only statement may be narrowed to.",
        },
        allowedSourceIpRanges: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "IP ranges (CIDR) an aws:SourceIp-only statement may be narrowed to (none by default: an address is not an identity).",
        },
    },
    noVerdict: [
        {
            when: "a public grant's network keys name only this stack's VPCs or VPC endpoints, or networks in the policy's allow list (pack config)",
            why: "callers are confined to a network the estate controls or has vouched for",
        },
        {
            when: "a document is not valid JSON",
            why: "resource-policy-no-public-principal reports it (mandatory); it is not reported twice",
        },
    ],
    validate: (ctx) => {
        const documents = ctx.ofType(...DOCUMENT_TYPES);
        if (documents.length === 0) {
            return;
        }
        const own = { vpc: ownNetworks(ctx.ofType(...VPC_TYPES)), vpce: ownNetworks(ctx.ofType(VPC_ENDPOINT)) };
        for (const resource of documents) {
            judgeDocument(ctx, resource, own);
        }
    },
});

type Ctx = StackContext<{ readonly allowedNetworkIds: readonly string[]; readonly allowedSourceIpRanges: readonly string[] }>;

function judgeDocument(ctx: Ctx, resource: StackResource, own: { vpc: OwnNetworks; vpce: OwnNetworks }): void {
    const [noun, path] = RESOURCE_DOCUMENT_TYPES[resource.type];
    const what = `${noun} "${resource.name}"`;
    const raw = read(resource.props, path);
    const parsed = raw.known ? policyStatements(raw.value) : ({ kind: "unknown" } as const);
    if (parsed.kind === "unknown") {
        ctx.cannotVerify(resource, `${what} ${path}`);
        return;
    }
    if (parsed.kind === "invalid") {
        return; // resource-policy-no-public-principal reports a document that is not JSON
    }
    // Dependencies of the document: what an unknown value inside it can come from.
    const deps = (resource.propertyDependencies[path] ?? []).map((u) => ctx.byUrn(u)).filter((r): r is StackResource => r !== undefined);

    const judgePair = (pair: CallerPair): PairVerdict => {
        const key = pair.key.toLowerCase();
        const unknownCount = pair.values.filter(isUnknown).length;
        // Typed by readCondition (strings, numbers, booleans); never String() on a raw value: an object would match no network id.
        const known = pair.values
            .filter((v) => !isUnknown(v))
            .map((v) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? v.toString() : previewJson(v)));
        if (key === "aws:sourceip") {
            if (known.some((v) => !ipWithin(v, ctx.config.allowedSourceIpRanges))) {
                return { kind: "outside" };
            }
            return unknownCount > 0 ? { kind: "unknown", why: `Condition ${pair.operator} ${pair.key}` } : { kind: "allowed" };
        }
        const isVpce = key === "aws:sourcevpce";
        const networks = isVpce ? own.vpce : own.vpc;
        const outside = known.filter((v) => !networks.ids.has(v) && !ctx.config.allowedNetworkIds.includes(v));
        if (outside.length > 0) {
            // A value that is not a known id of ours may still be the id of one of ours not created yet.
            return networks.unknownIds > 0 ? { kind: "unknown", why: `Condition ${pair.operator} ${pair.key} (this stack's ${isVpce ? "VPC endpoint" : "VPC"} ids)` } : { kind: "outside" };
        }
        if (unknownCount > 0) {
            const types = isVpce ? [VPC_ENDPOINT] : VPC_TYPES;
            const tied = deps.filter((d) => types.includes(d.type)).length;
            return unknownCount <= tied ? { kind: "allowed" } : { kind: "unknown", why: `Condition ${pair.operator} ${pair.key}` };
        }
        return { kind: "allowed" };
    };

    parsed.statements.forEach((statement, i) => {
        // Effect typed (lib/statements): a value IAM would reject is a mandatory "Cannot evaluate", never a skipped statement.
        const effectRead = ctx.settle(resource, readTyped(statement, "Effect", EFFECT, `${path}.Statement[${i}]`), { quiet: true });
        if (!effectRead.ok && !effectRead.unknown) {
            return;
        }
        if (effectRead.ok && effectRead.value !== "Allow") {
            return;
        }
        const label = statementLabel(statement, i);
        const grantee = grantsEveryone(statement, `${path}.Statement[${i}]`, (r) => ctx.settle(resource, r, { quiet: true }));
        if (grantee === "malformed") {
            return; // reported
        }
        const isPublic = grantee.everyone;
        if (isPublic === false) {
            return;
        }
        // Condition typed (IAM grammar, readCondition): a block IAM would reject is the unwaivable "Cannot evaluate", not "outside".
        const typedCondition = ctx.settle(resource, readCondition(statement, `${path}.Statement[${i}]`), { quiet: true });
        if (!typedCondition.ok && !typedCondition.unknown) {
            return;
        }
        const condition = read(statement, "Condition");
        const pairs = condition.known ? callerPairs(condition.value) : ({ kind: "unknown" } as const);
        if (pairs.kind === "unknown") {
            ctx.cannotVerify(resource, `${what} ${label} Condition`);
            return;
        }
        if (pairs.pairs.some((p) => !p.network && p.known)) {
            return; // an identity key is fixed: the caller is known
        }
        const network = pairs.pairs.filter((p) => p.network);
        if (network.length === 0) {
            return; // public (or identity narrowing unknown): resource-policy-no-public-principal's finding
        }
        const verdicts = network.map(judgePair);
        if (verdicts.some((v) => v.kind === "allowed")) {
            return;
        }
        const unknowns = [
            !effectRead.ok && "Effect",
            isPublic === undefined && "Principal",
            ...pairs.pairs.filter((p) => !p.network && !p.known).map((p) => `Condition ${p.operator} ${p.key}`),
            pairs.unknownOperator !== undefined && `Condition ${pairs.unknownOperator}`,
            ...verdicts.map((v) => v.kind === "unknown" && v.why),
        ].filter((u): u is string => typeof u === "string");
        if (unknowns.length > 0) {
            ctx.cannotVerify(resource, `${what} ${label} ${unknowns.join(", ")}`);
            return;
        }
        const whom = grantee.notPrincipal ? "NotPrincipal (everyone but the listed principals)" : 'Principal "*"';
        const by = network.map((p) => `${p.operator} ${p.key} ${p.values.map((v) => JSON.stringify(v)).join(", ")}`).join("; ");
        ctx.violation(
            resource,
            `${what} ${label} allows ${whom} narrowed only by network (${by}), which admits unidentified callers from outside this stack's ` +
                "VPCs and VPC endpoints; also fix aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn, or confine the " +
                "network key to this stack's VPC endpoints (or allowedNetworkIds).",
        );
    });
}
