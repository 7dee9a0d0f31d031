import type { DeliverySettings, Target } from "./settings";

/**
 * Who may assume the deploy and preview roles, as exact OIDC subjects (IA-2, IA-8, AC-6): one
 * organisation, one project, one stack, one operation each — never a pattern. Everything is built
 * from settings so that the trust documents are plain JSON known at preview, where tests (and a
 * reviewer) can read them.
 */

/** OIDC issuers, without scheme: the IAM condition keys are `<host/path>:sub` and `<host/path>:aud`. */
export const PULUMI_ISSUER = "api.pulumi.com/oidc";
export const GITHUB_ISSUER = "token.actions.githubusercontent.com";
/** The audience `aws-actions/configure-aws-credentials` requests by default, in every partition. */
export const GITHUB_AUDIENCE = "sts.amazonaws.com";

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: Record<string, string>;
    Action?: string | string[];
    NotAction?: string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** `arn:aws-us-gov:iam::<account>:<resource>` — IAM is global within the partition. */
export function iamArn(settings: Pick<DeliverySettings, "partition">, accountId: string, resource: string): string {
    return ["arn", settings.partition, "iam", "", accountId, resource].join(":");
}

export function oidcProviderArn(settings: Pick<DeliverySettings, "partition">, accountId: string, issuer: string): string {
    return iamArn(settings, accountId, `oidc-provider/${issuer}`);
}

export const deployRoleName = (stack: string): string => `govstack-${stack}-deploy`;
export const previewRoleName = (stack: string): string => `govstack-${stack}-preview`;
export const boundaryPolicyName = (stack: string): string => `govstack-${stack}-boundary`;
/** IAM path of everything this program creates, so that the boundary can protect exactly these. */
export const DELIVERY_IAM_PATH = "/govstack-delivery/";

/** A role this program creates, by name (known at preview: built from settings, not read back from AWS). */
export function deliveryRoleArn(settings: Pick<DeliverySettings, "partition">, accountId: string, roleName: string): string {
    return iamArn(settings, accountId, `role${DELIVERY_IAM_PATH}${roleName}`);
}

/**
 * Pulumi Deployments operations a stack's deploy role accepts (the `operation` of the subject):
 * drift runs present `detect-drift` / `remediate-drift`; remediation only where it is switched on,
 * and a protected stack is never destroyed from Deployments.
 */
export function deployOperations(target: Pick<Target, "protected" | "autoRemediateDrift">): string[] {
    return [
        "preview",
        "update",
        "refresh",
        "detect-drift",
        ...(target.autoRemediateDrift ? ["remediate-drift"] : []),
        ...(target.protected ? [] : ["destroy"]),
    ];
}

/** `pulumi:deploy:org:<org>:project:<project>:stack:<stack>:operation:<op>:scope:write` (Pulumi Deployments' subject format). */
export function deploymentSubjects(settings: DeliverySettings, stack: string, operations: string[]): string[] {
    return operations.map(
        (op) => `pulumi:deploy:org:${settings.organization}:project:${settings.project}:stack:${stack}:operation:${op}:scope:write`,
    );
}

/**
 * The subject ESC presents when it opens `<escProject>/<stack>` with `subjectAttributes:
 * [currentEnvironment.name]` (set in environments/<stack>.yaml). Keying on the current environment
 * rather than the root one keeps the subject stable when a stack imports the environment.
 */
export function environmentSubject(settings: DeliverySettings, stack: string): string {
    return `pulumi:environments:pulumi.organization.login:${settings.organization}:currentEnvironment.name:${settings.escProject}/${stack}`;
}

/** GitHub's subject for a workflow run triggered by a pull request in the repository. */
export function pullRequestSubject(settings: DeliverySettings): string {
    return `repo:${settings.repository}:pull_request`;
}

/**
 * One trust statement for an OIDC identity provider: tokens `issuer` signed for exactly `audience`
 * and one of exactly `subject` may assume the role (never a pattern: StringEquals only).
 */
function webIdentityStatement(
    settings: DeliverySettings,
    target: Target,
    sid: string,
    issuer: string,
    audience: string,
    subject: string | string[],
): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn(settings, target.accountId, issuer) },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${issuer}:aud`]: audience,
                [`${issuer}:sub`]: subject,
            },
        },
    };
}

/**
 * Trust of `govstack-<stack>-deploy`: Pulumi Deployments of exactly this stack (and review stacks
 * that borrow it), for the listed operations only. Audience = the organisation (Deployments' `aud`).
 */
export function deployTrustPolicy(settings: DeliverySettings, target: Target, reviewStacks: string[]): PolicyDocument {
    const subjects = [
        ...deploymentSubjects(settings, target.name, deployOperations(target)),
        // Review stacks are throw-away: they may also be destroyed (that is what their TTL does).
        ...reviewStacks.flatMap((r) => deploymentSubjects(settings, r, ["preview", "update", "refresh", "destroy"])),
    ];
    return {
        Version: "2012-10-17",
        Statement: [webIdentityStatement(settings, target, "PulumiDeploymentsOfThisStack", PULUMI_ISSUER, settings.organization, subjects)],
    };
}

/**
 * Trust of `govstack-<stack>-preview` (read-only): the stack's ESC environment when opened (its
 * `aws-login`), and GitHub Actions runs for pull requests of the repository (the `preview` job).
 * ESC's audience is `aws:<org>`; GitHub's is `sts.amazonaws.com`.
 */
export function previewTrustPolicy(settings: DeliverySettings, target: Target): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            webIdentityStatement(
                settings,
                target,
                "EscEnvironmentOfThisStack",
                PULUMI_ISSUER,
                `aws:${settings.organization}`,
                environmentSubject(settings, target.name),
            ),
            webIdentityStatement(settings, target, "GitHubPullRequestPreview", GITHUB_ISSUER, GITHUB_AUDIENCE, pullRequestSubject(settings)),
        ],
    };
}
