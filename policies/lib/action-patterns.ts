// IAM action and resource patterns: whether a pattern ("*", "iam:**", "arn:aws-us-gov:s3:::*")
// grants every action, a whole service, or every resource of a service. Decided by probing the
// pattern with real names instead of parsing it, so every spelling that grants the same counts
// the same.

import { globMatches } from "./glob";

/** IAM action names and patterns are case-insensitive; `*` and `?` are wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
    return globMatches(pattern.toLowerCase(), action.toLowerCase());
}

// Real actions of several services, and action names: a pattern that matches all of them matches
// every action (of every service, or of its service). Exact spellings like "**", "?*", "*:?*",
// "iam:**" or "i*:*" grant the same as "*" or "iam:*".
const ACTION_PROBES = ["iam:PassRole", "s3:GetObject", "kms:Decrypt", "ec2:RunInstances", "sts:AssumeRole", "organizations:LeaveOrganization", "lambda:InvokeFunction"];
const NAME_PROBES = ["PassRole", "GetObject", "X", "DescribeInstances", "CreateAccessKey", "PutBucketPolicy", "ListAllMyBuckets", "zz"];

/** Whether an Action pattern matches every action of every service ("*", "*:*", "**", "?*"). */
export function matchesEveryAction(pattern: string): boolean {
    return ACTION_PROBES.every((a) => actionMatches(pattern, a));
}

/** The service (literal prefix) whose every action the pattern matches ("iam:*", "IAM:**", "i*:*", "iam*"), or undefined. */
export function serviceWideOf(pattern: string): string | undefined {
    const service = pattern.split(":")[0].replace(/[*?].*$/, "");
    return service !== "" && NAME_PROBES.every((n) => actionMatches(pattern, `${service}:${n}`)) ? service : undefined;
}

const RESOURCE_PROBES = ["a", "x/y", "bucket/key/object.txt", "role/Admin", "function:f", "zz"];
const ONLY_WILDCARDS = /^[*?]*\*[*?]*$/;

/**
 * An ARN pattern's fields, each missing or wildcard field replaced by the caller's sample (so the
 * probes below build concrete ARNs the pattern must match); undefined when it is not an ARN.
 */
function arnFields(pattern: string): ((i: number, sample: string) => string) | undefined {
    const parts = pattern.split(":");
    if (parts[0] !== "arn") {
        return undefined;
    }
    return (i, sample) => (parts[i] === undefined || /[*?]/.test(parts[i]) ? sample : parts[i]);
}

/**
 * Whether a Resource pattern matches every resource of `service` (in an account): "*",
 * "arn:*", "arn:aws-us-gov:s3:::*", "arn:aws-us-gov:iam::123456789012:*". A fixed account
 * still counts: for a workload in that account it is the same grant as "*". `service` may be a
 * glob ("i*" from "i*:*").
 */
export function matchesEveryResourceOf(pattern: string, service: string): boolean {
    if (ONLY_WILDCARDS.test(pattern)) {
        return true;
    }
    const field = arnFields(pattern);
    if (!field) {
        return false;
    }
    const svc = field(2, service.replace(/[*?]/g, "x"));
    if (!actionMatches(service, svc)) {
        return false; // another service's ARNs: the actions do not apply to them
    }
    const prefix = `arn:${field(1, "aws-us-gov")}:${svc}:${field(3, "us-gov-west-1")}:${field(4, "123456789012")}:`;
    return RESOURCE_PROBES.every((r) => globMatches(pattern, `${prefix}${r}`));
}

const ROLE_PROBES = ["a", "Admin", "service-role/x", "OrganizationAccountAccessRole", "app-task"];

/** Whether a Resource pattern matches every IAM role (of an account): "*", "arn:aws-us-gov:iam::123456789012:role/*", "arn:*:iam::*:role*". */
export function matchesEveryRole(pattern: string): boolean {
    if (ONLY_WILDCARDS.test(pattern)) {
        return true;
    }
    const field = arnFields(pattern);
    if (!field) {
        return false;
    }
    const prefix = `arn:${field(1, "aws-us-gov")}:iam::${field(4, "123456789012")}:role/`;
    return ROLE_PROBES.every((r) => globMatches(pattern, `${prefix}${r}`));
}

