/**
 * The account's part of every customer-managed key policy: the account root keeps administration
 * (IAM then decides who may administer, so no key can become unmanageable), and cryptographic use
 * only through named AWS services (`kms:ViaService`), so a principal of the account cannot decrypt
 * data directly even with a broad IAM policy (AC-6, SC-12, SC-28).
 */

import { accountRootArn, ArnScope } from "./arn";
import { Statement } from "./iam";
import { viaService } from "./principals";

/** Administrative actions the account keeps on every key. */
export const ADMIN_ACTIONS = [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:RotateKeyOnDemand",
];

export const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
export const GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

/**
 * The two account statements of a key policy: `AccountAdministersKey`, and `useSid` allowing use
 * and grants only from this account through `services` in the scope's region. One service name
 * gives `kms:ViaService` as a string, a list gives a list (even of one): deployed key policies keep
 * the exact document they have, so changing the shape would be a needless policy update.
 */
export function accountKeyStatements(scope: ArnScope, useSid: string, services: string | readonly string[]): Statement[] {
    const root = accountRootArn(scope);
    const via = typeof services === "string" ? viaService(services, scope.region) : services.map((s) => viaService(s, scope.region));
    return [
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: root }, Action: ADMIN_ACTIONS, Resource: "*" },
        {
            Sid: useSid,
            Effect: "Allow",
            Principal: { AWS: root },
            Action: [...USE_ACTIONS, ...GRANT_ACTIONS],
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": scope.accountId, "kms:ViaService": via } },
        },
    ];
}
