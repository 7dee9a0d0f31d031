/**
 * IAM-style policy documents (key, bucket, trust and identity policies) as plain typed data,
 * serialised once. Built only from settings, never from resource outputs, so every document is
 * known at preview and a policy pack can read it.
 */

export type PrincipalMap = { AWS?: string | string[]; Service?: string | string[] };

export interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: PrincipalMap | "*";
    Action: string | string[];
    /** Omitted only in trust policies, where IAM forbids it. */
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

export function policyDocument(statements: Statement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** The JSON text of a policy document. */
export function policyJson(statements: Statement[]): string {
    return JSON.stringify(policyDocument(statements));
}

/** A trust policy letting one service assume a role, confined to this account (confused deputy). */
export function assumeRolePolicy(service: string, accountId: string): string {
    return policyJson([
        {
            Sid: "TrustService",
            Effect: "Allow",
            Principal: { Service: service },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
    ]);
}
