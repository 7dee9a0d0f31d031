// Ties between a REST API stage and the resources that configure it from outside: method settings
// (execution logging) and WAF associations. A tie is proven by value (the same restApi and
// stageName; a stage ARN) or by property dependencies (the input was built from the stage or its
// API); anything else is "unresolved", which the policies report as cannot-verify.

import { REST_STAGE, StackContext, StackResource } from "../../lib";
import { REST_API } from "./resource-types";

/**
 * The API a resource's `restApi` input names: a RestApi of the stack, or the known id string;
 * undefined when it cannot be told (unknown, or a value of the wrong type, which is reported).
 */
function apiOf(ctx: StackContext<unknown>, r: StackResource): string | undefined {
    const id = ctx.readString(r, "restApi", { quiet: true });
    if (!id.ok && !id.unknown) {
        return undefined; // malformed: reported against r
    }
    const refs = ctx.resolveRefs(r, "restApi", [REST_API], ["id"]);
    if (refs.resources.length === 1) {
        return refs.resources[0].urn;
    }
    return id.ok && id.value !== undefined ? `id:${id.value}` : undefined;
}

/**
 * Which stages a resource with `restApi` and `stageName` inputs (aws.apigateway.MethodSettings)
 * configures, and whether it could not be tied.
 */
export function stagesConfiguredBy(ctx: StackContext<unknown>, r: StackResource, stages: readonly StackResource[]): { stages: StackResource[]; unresolved: boolean } {
    const name = ctx.readString(r, "stageName", { quiet: true });
    if (!name.ok && name.unknown) {
        // Built from the stage's output: the property dependency names the stage.
        const byDependency = ctx.resolveRefs(r, "stageName", [REST_STAGE], ["stageName"]);
        return { stages: [...byDependency.resources], unresolved: byDependency.resources.length === 0 };
    }
    if (!name.ok || name.value === undefined) {
        return { stages: [], unresolved: false }; // malformed (reported against it) or absent: it configures no stage
    }
    // A known name: the stage of that name on the same API (two APIs may both have "prod").
    const api = apiOf(ctx, r);
    if (api === undefined) {
        return { stages: [], unresolved: true };
    }
    const matches = stages.filter((s) => {
        const theirs = ctx.readString(s, "stageName", { quiet: true });
        return theirs.ok && theirs.value === name.value && apiOf(ctx, s) === api;
    });
    return { stages: matches, unresolved: false };
}

const STAGE_ARN = /^arn:[a-z-]+:apigateway:[a-z0-9-]+::\/restapis\/([^/]+)\/stages\/([^/]+)$/;

/** Which stages a WAF association's `resourceArn` names, and whether it could not be tied. */
export function stagesAssociatedBy(ctx: StackContext<unknown>, assoc: StackResource, stages: readonly StackResource[]): { stages: StackResource[]; unresolved: boolean } {
    // An ARN is a string: anything else is reported (mandatory, unwaivable) and protects no stage.
    const arn = ctx.readString(assoc, "resourceArn", { quiet: true });
    if (!arn.ok && !arn.unknown) {
        return { stages: [], unresolved: false };
    }
    const refs = ctx.resolveRefs(assoc, "resourceArn", [REST_STAGE], ["arn"]);
    if (refs.resources.length > 0) {
        return { stages: [...refs.resources], unresolved: false };
    }
    if (!arn.ok) {
        // Built from something else: a load balancer's ARN is not a stage; an API's id is (unresolved).
        const deps = assoc.propertyDependencies.resourceArn ?? [];
        const fromApi = deps.some((urn) => ctx.byUrn(urn)?.type === REST_API);
        return { stages: [], unresolved: fromApi || deps.length === 0 };
    }
    const m = arn.value === undefined ? null : STAGE_ARN.exec(arn.value);
    if (!m) {
        return { stages: [], unresolved: false }; // not an API Gateway stage (a load balancer, a user pool…)
    }
    const [, apiId, stageName] = m;
    let unresolved = false;
    const matches = stages.filter((s) => {
        const name = ctx.readString(s, "stageName", { quiet: true });
        const api = ctx.readString(s, "restApi", { quiet: true });
        if ((!name.ok && !name.unknown) || (!api.ok && !api.unknown)) {
            return false; // malformed: reported against the stage
        }
        if (!name.ok || !api.ok) {
            unresolved = true;
            return false;
        }
        if (name.value !== stageName) {
            return false;
        }
        if (api.value === apiId) {
            return true;
        }
        // The stage names its API by an id that is unknown until the API exists.
        const apiRes = ctx.resolveRefs(s, "restApi", [REST_API], ["id"]).resources[0];
        const id = apiRes ? ctx.readString(apiRes, "id", { quiet: true }) : undefined;
        if (id && !id.ok && id.unknown) {
            unresolved = true;
        }
        return id?.ok === true && id.value === apiId;
    });
    return { stages: matches, unresolved: matches.length === 0 && unresolved };
}

/**
 * Reports every stage no tie covers: a violation naming what it lacks, or, when some tie could not
 * be resolved (it may be the one that covers the stage), a cannot-verify instead.
 */
export function reportUncoveredStages(
    ctx: StackContext<unknown>,
    stages: readonly StackResource[],
    covered: ReadonlySet<string>,
    unresolved: boolean,
    report: { readonly whether: (stage: StackResource) => string; readonly violation: (stage: StackResource) => string },
): void {
    for (const stage of stages) {
        if (covered.has(stage.urn)) {
            continue;
        }
        if (unresolved) {
            ctx.cannotVerify(stage, report.whether(stage));
        } else {
            ctx.violation(stage, report.violation(stage));
        }
    }
}
