import { PlannedResource } from "./types";

/** Where a resource sits on the request path (edge → service → data) or beside it. */
export type Tier = "edge" | "service" | "data" | "network" | "keys" | "identity" | "observability" | "other";

export const TIER_ORDER: readonly Tier[] = ["edge", "service", "data", "network", "keys", "identity", "observability", "other"];

export const TIER_TITLES: Record<Tier, string> = {
    edge: "Edge tier",
    service: "Service tier",
    data: "Data tier",
    network: "Network",
    keys: "Keys (KMS)",
    identity: "Identity (IAM)",
    observability: "Observability",
    other: "Other",
};

/** aws module (the part between the first ":" and "/") → tier. */
const AWS_MODULES: Record<string, Tier> = {
    lb: "edge", alb: "edge", elb: "edge", wafv2: "edge", waf: "edge", wafregional: "edge", acm: "edge",
    cloudfront: "edge", route53: "edge", apigateway: "edge", apigatewayv2: "edge", shield: "edge",
    ecs: "service", ecr: "service", lambda: "service", appautoscaling: "service", servicediscovery: "service",
    codedeploy: "service", autoscaling: "service",
    rds: "data", elasticache: "data", s3: "data", secretsmanager: "data", dynamodb: "data", ebs: "data",
    efs: "data", backup: "data", ssm: "data",
    ec2: "network", vpc: "network", ec2transitgateway: "network", networkfirewall: "network",
    kms: "keys",
    iam: "identity",
    cloudwatch: "observability", sns: "observability", cloudtrail: "observability", guardduty: "observability",
    cfg: "observability", securityhub: "observability", inspector2: "observability",
};

export function tierOf(type: string): Tier {
    const [pkg, mod = ""] = type.split(":");
    if (pkg === "aws") {
        const module = mod.split("/")[0];
        if (module === "ec2" && /instance:Instance$|launchTemplate/.test(type)) {
            return "service";
        }
        if (module === "ec2" && /volume:Volume$/.test(type)) {
            return "data";
        }
        return AWS_MODULES[module] ?? "other";
    }
    if (pkg === "awsx") {
        return mod === "ec2" ? "network" : mod === "lb" ? "edge" : mod === "ecs" || mod === "ecr" ? "service" : "other";
    }
    if (pkg === "docker" || pkg === "docker-build") {
        return "service";
    }
    return "other";
}

/** Types that decide a component's tier when present (the thing the component is "about"). */
const ANCHORS: [RegExp, Tier][] = [
    [/^aws:(lb|alb)\/loadBalancer:|^aws:wafv2\/webAcl:|^aws:cloudfront\/distribution:/, "edge"],
    [/^aws:ecs\/service:|^aws:ecs\/cluster:|^aws:lambda\/function:/, "service"],
    // Audit and detection come before data: an audit trail's bucket is evidence, not application data.
    [/^aws:cloudtrail\/trail:|^aws:guardduty\/detector:|^aws:cfg\/recorder:|^aws:securityhub\/account:/, "observability"],
    [/^aws:rds\/|^aws:elasticache\/|^aws:s3\/bucket:Bucket$|^aws:dynamodb\/table:|^aws:backup\/vault:/, "data"],
    [/^aws:ec2\/vpc:|^awsx:ec2:Vpc$|^aws:ec2\/subnet:/, "network"],
    [/^aws:kms\/key:/, "keys"],
    [/^aws:cloudwatch\/|^aws:sns\//, "observability"],
    [/^aws:iam\//, "identity"],
];

export function isStack(r: PlannedResource): boolean {
    return r.type === "pulumi:pulumi:Stack";
}

export function isProvider(r: PlannedResource): boolean {
    return r.type.startsWith("pulumi:providers:");
}

/** A component groups resources: a non-custom resource other than the stack. */
export function isComponent(r: PlannedResource): boolean {
    return !r.custom && !isStack(r);
}

export interface ComponentGroup {
    /** The component, or undefined for resources declared at the top of the program. */
    component: PlannedResource | undefined;
    /** Custom resources whose nearest component ancestor is this one. */
    members: PlannedResource[];
    tier: Tier;
}

/** Groups cloud resources by their nearest component ancestor (the "parent" in the inventory). */
export function groupByComponent(resources: PlannedResource[]): ComponentGroup[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const nearest = (r: PlannedResource): PlannedResource | undefined => {
        let p = r.parent ? byUrn.get(r.parent) : undefined;
        for (let guard = 0; p && guard < 100; guard++) {
            if (isComponent(p)) {
                return p;
            }
            p = p.parent ? byUrn.get(p.parent) : undefined;
        }
        return undefined;
    };
    const groups = new Map<string, ComponentGroup>();
    for (const r of resources) {
        if (isStack(r) || isProvider(r)) {
            continue;
        }
        if (isComponent(r) && !r.remote) {
            const key = r.urn;
            if (!groups.has(key)) {
                groups.set(key, { component: r, members: [], tier: "other" });
            }
            continue;
        }
        const owner = nearest(r);
        const key = owner?.urn ?? "";
        let group = groups.get(key);
        if (!group) {
            group = { component: owner, members: [], tier: "other" };
            groups.set(key, group);
        }
        group.members.push(r);
    }
    for (const group of groups.values()) {
        group.tier = componentTier(group.members);
    }
    return [...groups.values()];
}

export function componentTier(members: PlannedResource[]): Tier {
    for (const [re, tier] of ANCHORS) {
        if (members.some((m) => re.test(m.type))) {
            return tier;
        }
    }
    const counts = new Map<Tier, number>();
    for (const m of members) {
        counts.set(tierOf(m.type), (counts.get(tierOf(m.type)) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "other";
}
