import { FindingState, STATE_ORDER, worst } from "./control-findings";
import { ComponentGroup, componentTier, groupByComponent, Tier, TIER_ORDER, TIER_TITLES } from "./estate-model";
import { PlannedResource } from "./types";

/** Node colours by worst finding (fill, stroke, text), readable in GitHub's light and dark themes. */
export const STATE_STYLES: Record<FindingState, string> = {
    failing: "fill:#f8d7da,stroke:#b02a37,stroke-width:2px,color:#58151c",
    advisory: "fill:#fff3cd,stroke:#b58105,color:#664d03",
    waived: "fill:#e2d9f3,stroke:#6f42c1,color:#3d2466",
    unverified: "fill:#e9ecef,stroke:#6c757d,stroke-dasharray:4 3,color:#343a40",
    passing: "fill:#d1e7dd,stroke:#198754,color:#0a3622",
};

/** The request path, in traffic order: an arrow goes from an earlier tier to a later one. */
const PATH: readonly Tier[] = ["edge", "service", "data"];

interface Unit {
    id: string;
    title: string;
    detail: string;
    tier: Tier;
    members: PlannedResource[];
}

function escape(text: string): string {
    return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

/** Components become units; resources declared at the top of the program form one unit per tier. */
function units(groups: ComponentGroup[]): Unit[] {
    const result: Unit[] = [];
    for (const group of groups) {
        if (group.members.length === 0) {
            continue;
        }
        if (group.component) {
            const c = group.component;
            result.push({
                id: `c${result.length}`,
                title: shortType(c.type),
                detail: `${c.name} · ${group.members.length} resources`,
                tier: group.tier,
                members: group.members,
            });
            continue;
        }
        const byTier = new Map<Tier, PlannedResource[]>();
        for (const m of group.members) {
            // A top-level resource is its own component for tier purposes.
            const tier = componentTier([m]);
            byTier.set(tier, [...(byTier.get(tier) ?? []), m]);
        }
        for (const [tier, members] of byTier) {
            const types = [...new Set(members.map((m) => shortType(m.type)))].slice(0, 3).join(", ");
            result.push({
                id: `c${result.length}`,
                title: members.length === 1 ? members[0].name : "top-level",
                detail: `${types}${members.length > 1 ? ` · ${members.length} resources` : ""}`,
                tier,
                members,
            });
        }
    }
    return result;
}

const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

/**
 * Traffic allowed by security-group chaining: an ingress rule on group T that admits group S means
 * whatever runs in S may open connections to whatever runs in T. "Runs in" = depends on the group
 * (an ECS service's networkConfiguration, an RDS instance's vpcSecurityGroupIds). Read from the
 * rules' property dependencies, since the group ids themselves are unknown at preview.
 */
function securityGroupFlows(resources: PlannedResource[], unitOf: Map<string, Unit>): [Unit, Unit][] {
    const users = new Map<string, Set<Unit>>();
    const rules: [string, string][] = [];
    for (const r of resources) {
        const deps = r.propertyDependencies;
        if (r.type === INGRESS_RULE && deps.securityGroupId?.length && deps.referencedSecurityGroupId?.length) {
            rules.push([deps.referencedSecurityGroupId[0], deps.securityGroupId[0]]);
            continue;
        }
        if (r.type === LEGACY_RULE) {
            if (r.inputs.type === "ingress" && deps.securityGroupId?.length && deps.sourceSecurityGroupId?.length) {
                rules.push([deps.sourceSecurityGroupId[0], deps.securityGroupId[0]]);
            }
            continue;
        }
        if (r.type.startsWith("aws:vpc/securityGroup") || r.type === "aws:ec2/securityGroup:SecurityGroup") {
            continue;
        }
        const unit = unitOf.get(r.urn);
        for (const dep of unit ? r.dependencies : []) {
            users.set(dep, (users.get(dep) ?? new Set()).add(unit as Unit));
        }
    }
    const flows: [Unit, Unit][] = [];
    for (const [source, target] of rules) {
        for (const from of users.get(source) ?? []) {
            for (const to of users.get(target) ?? []) {
                if (from !== to) {
                    flows.push([from, to]);
                }
            }
        }
    }
    return flows;
}

/**
 * A Mermaid flowchart of the estate: one subgraph per tier, one node per component, arrows along the
 * edge → service → data path derived from the resources' dependencies (a service depends on its
 * target groups) and from security-group chaining (the database's group admits the service's),
 * dotted arrows to the keys that encrypt a component's data. Nothing is read from a second
 * description of the estate; where nothing links two adjacent tiers, a dotted "by tier" arrow says so.
 * With `states` (worst finding per resource URN), each node is coloured by its members' worst finding.
 */
export function toMermaid(resources: PlannedResource[], title: string, states?: ReadonlyMap<string, FindingState>): string {
    const all = units(groupByComponent(resources));
    const unitOf = new Map<string, Unit>();
    for (const u of all) {
        for (const m of u.members) {
            unitOf.set(m.urn, u);
        }
    }
    const flows = new Set<string>();
    const keyEdges = new Set<string>();
    for (const u of all) {
        for (const m of u.members) {
            for (const dep of m.dependencies) {
                const other = unitOf.get(dep);
                if (!other || other === u) {
                    continue;
                }
                const a = PATH.indexOf(u.tier);
                const b = PATH.indexOf(other.tier);
                if (a >= 0 && b >= 0 && a !== b) {
                    flows.add(a < b ? `${u.id}>${other.id}` : `${other.id}>${u.id}`);
                } else if (other.tier === "keys" && a >= 0) {
                    keyEdges.add(`${other.id}>${u.id}`);
                }
            }
        }
    }
    for (const [from, to] of securityGroupFlows(resources, unitOf)) {
        if (PATH.includes(from.tier) && PATH.includes(to.tier)) {
            flows.add(`${from.id}>${to.id}`);
        }
    }
    const lines = ["---", `title: ${title}`, "---", "flowchart LR"];
    const hasEdge = all.some((u) => u.tier === "edge");
    if (hasEdge) {
        lines.push('    internet(("Internet"))');
    }
    for (const tier of TIER_ORDER) {
        const members = all.filter((u) => u.tier === tier);
        if (members.length === 0) {
            continue;
        }
        lines.push(`    subgraph ${tier}["${TIER_TITLES[tier]}"]`);
        for (const u of members) {
            lines.push(`        ${u.id}["${escape(u.title)}<br/><small>${escape(u.detail)}</small>"]`);
        }
        lines.push("    end");
    }
    for (const u of all.filter((x) => x.tier === "edge")) {
        lines.push(`    internet --> ${u.id}`);
    }
    for (const flow of [...flows].sort()) {
        const [a, b] = flow.split(">");
        lines.push(`    ${a} --> ${b}`);
    }
    // Where no dependency links two adjacent tiers, still show the path the tiers imply, marked as such.
    for (let i = 0; i + 1 < PATH.length; i++) {
        const from = all.filter((u) => u.tier === PATH[i]);
        const to = all.filter((u) => u.tier === PATH[i + 1]);
        const linked = [...flows].some((f) => from.some((a) => f.startsWith(`${a.id}>`)) && to.some((b) => f.endsWith(`>${b.id}`)));
        if (!linked) {
            for (const a of from) {
                for (const b of to) {
                    lines.push(`    ${a.id} -. "by tier" .-> ${b.id}`);
                }
            }
        }
    }
    for (const edge of [...keyEdges].sort()) {
        const [a, b] = edge.split(">");
        lines.push(`    ${a} -. "encrypts" .-> ${b}`);
    }
    if (states) {
        const byState = new Map<FindingState, string[]>();
        for (const u of all) {
            const state = worst(u.members.map((m) => states.get(m.urn) ?? "passing"));
            byState.set(state, [...(byState.get(state) ?? []), u.id]);
        }
        for (const state of STATE_ORDER.filter((s) => byState.has(s))) {
            lines.push(`    classDef ${state} ${STATE_STYLES[state]}`, `    class ${byState.get(state)?.join(",")} ${state}`);
        }
    }
    return lines.join("\n") + "\n";
}
