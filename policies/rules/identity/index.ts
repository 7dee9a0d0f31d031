// Identity and keys: least privilege in IAM documents (AC-6), no long-lived user credentials
// (IA-2, IA-5, AC-2), key rotation (SC-12) and resource policies that do not open a key,
// bucket, topic or queue to everyone (AC-3, AC-21).
//
// One file per policy; identity-documents.ts holds what the two identity-document policies share.
// The order of `identityPolicies` is the pack's and docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { DEFAULT_FORBIDDEN_MANAGED_POLICIES, iamNoAdminManagedPolicies } from "./iam-no-admin-managed-policies";
import { iamNoInlinePolicies } from "./iam-no-inline-policies";
import { iamNoUserAccessKeys } from "./iam-no-user-access-keys";
import { iamNoUserLoginProfile } from "./iam-no-user-login-profile";
import { iamPasswordPolicyStrength } from "./iam-password-policy-strength";
import { iamPolicyNoPassRoleWildcard } from "./iam-policy-no-passrole-wildcard";
import { iamPolicyNoWildcardActions } from "./iam-policy-no-wildcard-actions";
import { iamRoleTrustPolicy } from "./iam-role-trust-policy";
import { iamUserNoPolicies } from "./iam-user-no-policies";
import { kmsKeyRotationEnabled } from "./kms-key-rotation-enabled";
import { iamRoleOneWayToAttach } from "./iam-role-one-way-to-attach";
import { resourcePolicyNoNetworkOnlyPrincipal } from "./resource-policy-no-network-only-principal";
import { resourcePolicyNoPublicPrincipal } from "./resource-policy-no-public-principal";
import { resourcePolicyNoWildcardActions } from "./resource-policy-no-wildcard-actions";

export {
    DEFAULT_FORBIDDEN_MANAGED_POLICIES,
    iamNoAdminManagedPolicies,
    iamNoInlinePolicies,
    iamNoUserAccessKeys,
    iamNoUserLoginProfile,
    iamPasswordPolicyStrength,
    iamPolicyNoPassRoleWildcard,
    iamPolicyNoWildcardActions,
    iamRoleOneWayToAttach,
    iamRoleTrustPolicy,
    iamUserNoPolicies,
    kmsKeyRotationEnabled,
    resourcePolicyNoNetworkOnlyPrincipal,
    resourcePolicyNoPublicPrincipal,
    resourcePolicyNoWildcardActions,
};

export const identityPolicies: GovPolicy[] = [
    iamPolicyNoWildcardActions,
    iamPolicyNoPassRoleWildcard,
    iamRoleTrustPolicy,
    iamNoUserAccessKeys,
    iamNoUserLoginProfile,
    iamPasswordPolicyStrength,
    iamNoInlinePolicies,
    iamRoleOneWayToAttach,
    iamUserNoPolicies,
    iamNoAdminManagedPolicies,
    kmsKeyRotationEnabled,
    resourcePolicyNoPublicPrincipal,
    resourcePolicyNoNetworkOnlyPrincipal,
    resourcePolicyNoWildcardActions,
];
